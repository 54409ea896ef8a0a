// The review queue by group: items carry their own batch's title, the screen groups them by batch,
// reason and best guess, and one decision covers a group in one transaction (all or none), on a
// real batches.sqlite.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ReviewItem } from '../../shared/contracts/batch';
import { BatchStore, type NewReviewItem } from '../../electron/core/batch/store';
import { BatchViews } from '../../electron/core/batch/views';
import { byBatch, groupReviewItems } from '../../renderer/src/components/batch/reviewGroups';

let work: string;
let store: BatchStore;
let views: BatchViews;
let older: number;
let newer: number;

const item = (ordinal: number, over: Partial<NewReviewItem> = {}): NewReviewItem => ({
  reason: 'unclassified',
  subject: `scan.pdf#${ordinal}`,
  fileId: 0,
  pageInFile: ordinal - 1,
  ordinal,
  confidence: 0.51,
  inkRatio: null,
  candidates: ['decision', 'official_letter'],
  ...over,
});

function finished(title: string, review: NewReviewItem[]): number {
  const id = store.batches.create({ title, state: 'running', source: 'files' });
  const [fileId] = store.files.add(id, [{ name: 'scan.pdf', path: '/nowhere/scan.pdf', bytes: 1 }]);
  store.runs.finish(id, {
    state: 'done',
    error: null,
    record: null,
    files: [],
    pages: [],
    review: review.map((r) => ({ ...r, fileId: fileId! })),
    progress: { pagesDone: 0, pagesTotal: 0, activeMs: 0 },
  });
  return id;
}

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-review-'));
  store = new BatchStore(path.join(work, 'batches.sqlite'));
  views = new BatchViews(store, work, () => null);
  older = finished('Lô tháng 6', [item(1, { reason: 'blank', candidates: [], inkRatio: 0 })]);
  newer = finished('Lô tháng 7', [
    ...Array.from({ length: 10 }, (_, i) => item(i + 1)),
    item(11, { candidates: ['birth_certificate'] }),
    item(12, { reason: 'blank', candidates: [], inkRatio: 0.001 }),
  ]);
});

after(() => {
  store.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const open = (batchId?: number): ReviewItem[] =>
  views.review({ ...(batchId ? { batchId } : {}), state: 'open' });

test('each item names its own batch; the screen groups by batch, reason and best guess', () => {
  const items = open();
  assert.deepEqual(
    [...new Set(items.map((i) => `${i.batchId}:${i.batchTitle}`))],
    [`${newer}:Lô tháng 7`, `${older}:Lô tháng 6`],
  );
  const groups = groupReviewItems(items);
  assert.deepEqual(
    groups.map((g) => [g.batchTitle, g.reason, g.guess, g.items.length]),
    [
      ['Lô tháng 7', 'unclassified', 'decision', 10],
      ['Lô tháng 7', 'unclassified', 'birth_certificate', 1],
      ['Lô tháng 7', 'blank', null, 1],
      ['Lô tháng 6', 'blank', null, 1],
    ],
  );
  assert.deepEqual(
    byBatch(groups).map((b) => [b.title, b.groups.length]),
    [
      ['Lô tháng 7', 3],
      ['Lô tháng 6', 1],
    ],
  );
});

test('one decision for a group: all its items, in one go; an unknown item refuses the group', () => {
  const group = groupReviewItems(open(newer))[0]!;
  const ids = group.items.map((i) => i.id);
  assert.throws(() => views.decideMany([...ids, 999_999], 'accepted'), /BAD_REQUEST|999999/);
  assert.equal(open(newer).length, 12, 'nothing decided when the group was refused');

  // One item was dismissed elsewhere meanwhile: it keeps that decision.
  views.decide(ids[3]!, 'dismissed');
  const decided = views.decideMany(ids, 'accepted');
  assert.equal(decided.length, 10);
  assert.deepEqual(
    decided.map((i) => i.state),
    ids.map((_, k) => (k === 3 ? 'dismissed' : 'accepted')),
  );
  assert.deepEqual(
    open(newer).map((i) => i.ordinal),
    [11, 12],
  );
  assert.equal(views.list(10).reviewOpen, 3);
});
