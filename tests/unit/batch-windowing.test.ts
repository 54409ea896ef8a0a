// The thumbnail grid's windowing arithmetic: what is in the DOM for a scroll position, and the
// batch screen's display names for folder levels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayName, uniqueNames } from '../../electron/core/batch/inputs';
import { visibleRange } from '../../renderer/src/components/batch/VirtualGrid';

test('a 500-page batch keeps only the rows in view (plus overscan) in the DOM', () => {
  // 5 columns of 212-px cells in a 440-px viewport.
  const top = visibleRange(500, 5, 0, 440, 212, 2);
  assert.deepEqual(top, { first: 0, last: 25, firstRow: 0, rows: 100 });
  const middle = visibleRange(500, 5, 212 * 50 + 30, 440, 212, 2);
  assert.equal(middle.firstRow, 48);
  assert.equal(middle.first, 240);
  assert.equal(middle.last, 275);
  assert.ok(middle.last - middle.first <= 7 * 5);
  const bottom = visibleRange(500, 5, 212 * 98, 440, 212, 2);
  assert.equal(bottom.last, 500);
  // A partial last row and a viewport narrower than one cell.
  assert.equal(visibleRange(7, 3, 0, 1000, 100, 2).last, 7);
  assert.equal(visibleRange(7, 0, 0, 1000, 100, 2).rows, 7);
});

test('folder levels become one display name; duplicate names get a number', () => {
  assert.equal(displayName('hộp-02/trang-1.jpg'), 'hộp-02 › trang-1.jpg');
  assert.equal(displayName('a\\b\\c.pdf'), 'a › b › c.pdf');
  assert.deepEqual(uniqueNames(['x.jpg', 'x.jpg', 'X.jpg', '']), [
    'x.jpg',
    'x (2).jpg',
    'X.jpg',
    'page',
  ]);
});
