// Which batch file and page a page report or an error is about: by its location when it carries
// one, else by the names the batch's files give their pages, built and matched, never parsed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageLocator, pageName } from '../../electron/core/batch/pageLocator';
import type { FileRow } from '../../electron/core/batch/store';
import { errorInfo } from '../../shared/errors';

const file = (id: number, name: string): FileRow => ({
  id,
  ordinal: id,
  name,
  path: `/inputs/${id}`,
  state: 'pending',
  pages: null,
  errors: [],
});

const files = [file(1, 'bia.png'), file(2, 'so-bo.pdf'), file(3, 'so-bo.pdf.jpg'), file(4, 'a')];
const at = (l: ReturnType<PageLocator['page']>) =>
  l && [l.file.id, l.location.pageInFile, pageName(l.location)];

test('a page report: a one-page file by its name, a page of several by "#n", in any order', () => {
  const locator = new PageLocator(files);
  assert.deepEqual(at(locator.page({ sourceName: 'bia.png' })), [1, null, 'bia.png']);
  assert.deepEqual(at(locator.page({ sourceName: 'so-bo.pdf#12' })), [2, 11, 'so-bo.pdf#12']);
  assert.deepEqual(at(locator.page({ sourceName: 'so-bo.pdf#2' })), [2, 1, 'so-bo.pdf#2']);
  // A file whose name starts with another's is still itself.
  assert.deepEqual(at(locator.page({ sourceName: 'so-bo.pdf.jpg' })), [3, null, 'so-bo.pdf.jpg']);
  assert.equal(locator.page({ sourceName: 'khac.pdf#2' }), null, 'no file of the batch');
  assert.equal(locator.page({ sourceName: 'so-bo.pdf#0' }), null, 'pages count from 1');
  assert.equal(locator.page({ sourceName: 'a' + 'x'.repeat(60) }), null, 'ends on a long name');
});

test('a location carried as data wins over the shown name', () => {
  const locator = new PageLocator(files);
  const l = locator.page({
    sourceName: 'so-bo.pdf#9',
    location: { file: 'so-bo.pdf', pageInFile: 2 },
  });
  assert.deepEqual(at(l), [2, 2, 'so-bo.pdf#3']);
  assert.equal(
    locator.page({ sourceName: 'bia.png', location: { file: 'mat.png', pageInFile: null } }),
    null,
  );
});

test('an error: by its location, by the message form "(trang n)", or about the batch itself', () => {
  const locator = new PageLocator(files);
  const onPage = errorInfo('IMAGE_CORRUPT', { file: 'so-bo.pdf', pageInFile: 4 });
  assert.deepEqual(at(locator.error(onPage)), [2, 4, 'so-bo.pdf#5']);
  const shownOnly = { ...onPage, location: undefined, subject: 'so-bo.pdf (trang 3)' };
  assert.deepEqual(at(locator.error(shownOnly)), [2, 2, 'so-bo.pdf#3']);
  assert.deepEqual(at(locator.error(errorInfo('FILE_NOT_FOUND', 'bia.png'))), [1, null, 'bia.png']);
  assert.equal(locator.error(errorInfo('PDF_FAILED', 'Lô số hóa (lô 3)')), null);
  assert.equal(locator.error(errorInfo('INTERNAL')), null);
});
