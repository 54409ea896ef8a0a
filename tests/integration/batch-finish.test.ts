// Finishing a separated batch on the real core (real SQLite, pipeline, signing, archive), with
// stacks made of the core's own separator sheets rendered back by poppler:
// (1) a document whose read page is gone from disk before the accept fails alone; the batch ends
//     "done" with that failed document counted and its error kept; once the page is back, "retry"
//     archives only that document: exactly one record per document in the archive.
// (2) auto-accept: a stack split only by separator sheets is archived without review (its blank
//     page still goes to the review queue); the same stack with a blank-sheet split waits.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { BatchQueue } from '../../electron/core/batch/queue';
import type { Core } from '../../electron/core/pipeline/core';
import { blankPage, contentPage, scannedSeparatorSheets } from '../e2e/batch-separation-stack';
import { batchCores, separationOptions } from '../helpers/batchCores';

const { dir, withCore } = batchCores('sohoa-batch-finish-');

const files = (pages: Buffer[]) =>
  pages.map((bytes, i) => ({
    name: `trang-${String(i + 1).padStart(2, '0')}.jpg`,
    dataBase64: bytes.toString('base64'),
  }));

/** Every record the batch's documents made, by key, from the archive's own SQLite file. */
function documentRecords(core: Core): { sourceRef: string; title: string; pages: number }[] {
  const db = new Database(core.paths.database, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT d.source_ref AS sourceRef, d.title,
           (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS pages
         FROM dossiers d WHERE d.source_ref LIKE '%:doc:%' ORDER BY d.id`,
      )
      .all() as { sourceRef: string; title: string; pages: number }[];
  } finally {
    db.close();
  }
}

const sheets = () =>
  scannedSeparatorSheets([
    { patch: null, type: 'birth_certificate' },
    { patch: null, type: 'marriage_certificate' },
  ]);

test('a document whose read page is gone fails alone: "done" with 1 failed document, retry archives only it', async () => {
  const [s1, s2] = await sheets();
  const [a, b, c] = await Promise.all(
    ['ĐƠN ĐỀ NGHỊ', 'GIẤY KHAI SINH', 'GIẤY CHỨNG NHẬN KẾT HÔN'].map((t) =>
      contentPage([t, 'Trần Thị Bình']),
    ),
  );
  // a | QR | b | QR | c  → documents [a] [b] [c]
  await withCore('retry', async (core) => {
    const queue = new BatchQueue(core);
    queue.separationDefaults(separationOptions({ codes: true }));
    const { id } = await queue.queueFiles({ files: files([a!, s1!, b!, s2!, c!]), more: false });
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.state, 'awaiting-split');
    const { plan } = queue.splitPlan(id);
    assert.deepEqual(
      plan!.documents.map((d) => d.pages),
      [[0], [2], [4]],
    );
    // The second document's only read page is lost on disk (disk cleanup, a failing drive)
    // between reading and the archivist's accept.
    const readDir = path.join(core.paths.root, 'batches', String(id), 'read');
    const image = fs
      .readdirSync(readDir)
      .find((f) => f.startsWith('00003.') && !f.endsWith('.json'));
    assert.ok(image, 'the read page of stack page 3 is on disk');
    const aside = path.join(dir(), 'aside-' + image);
    fs.renameSync(path.join(readDir, image), aside);

    queue.acceptSplits(id);
    await queue.whenIdle();
    let batch = queue.detail(id).batch;
    assert.equal(batch.state, 'done', 'the other documents are archived');
    assert.equal(batch.records, 2);
    assert.equal(batch.recordsFailed, 1, 'the failed document is counted on the batch');
    assert.ok(batch.error, 'the failed document’s error is shown');
    const failed = queue.splitPlan(id).records.filter((r) => !r.archived);
    assert.deepEqual(
      failed.map((r) => r.document),
      [1],
    );
    assert.equal(failed[0]!.error?.code, 'FILE_NOT_FOUND');
    assert.equal(failed[0]!.error?.subject, 'trang-03.jpg', 'the error names the lost page');
    assert.equal(batch.error?.code, 'FILE_NOT_FOUND');
    assert.equal(documentRecords(core).length, 2);
    assert.ok(fs.existsSync(readDir), 'read pages are kept while a document is missing');

    // The cause is fixed (the page restored), then "Chạy lại tài liệu lỗi".
    fs.renameSync(aside, path.join(readDir, image));
    batch = queue.control(id, 'retry');
    assert.ok(['queued', 'running'].includes(batch.state), batch.state);
    await queue.whenIdle();
    batch = queue.detail(id).batch;
    assert.equal(batch.state, 'done');
    assert.equal(batch.error, null);
    assert.equal(batch.records, 3);
    assert.equal(batch.recordsFailed, 0);
    const made = documentRecords(core);
    assert.equal(made.length, 3, 'exactly one record per document');
    assert.equal(new Set(made.map((r) => r.sourceRef)).size, 3);
    assert.deepEqual(
      made.map((r) => r.pages),
      [1, 1, 1],
    );
    assert.ok(made.some((r) => r.title.startsWith('Giấy khai sinh')));
    assert.equal(fs.existsSync(readDir), false, 'read pages removed once every document is in');
    // Nothing left to retry: a done batch without failed documents is refused.
    assert.throws(() => queue.control(id, 'retry'), /retry/);
    await queue.close();
  });
});

test('auto-accept: separator sheets only → archived without review; a blank-sheet split → waits', async () => {
  const [s1, s2] = await sheets();
  const [a, b, c] = await Promise.all(
    ['ĐƠN ĐỀ NGHỊ', 'GIẤY KHAI SINH', 'PHỤ LỤC'].map((t) => contentPage([t, 'Lê Văn Cường'])),
  );
  const blank = await blankPage();
  await withCore('auto', async (core) => {
    const queue = new BatchQueue(core);
    queue.separationDefaults(separationOptions({ codes: true, autoAccept: true }));
    // a | QR | b blank | QR | c : every split from a sheet; the blank page stays in [b] (flagged).
    const sheetsOnly = await queue.queueFiles({
      files: files([a!, s1!, b!, blank, s2!, c!]),
      more: false,
    });
    await queue.whenIdle();
    const done = queue.detail(sheetsOnly.id).batch;
    assert.equal(done.state, 'done', 'no review needed: every split was read from a sheet');
    assert.equal(done.autoAccepted, true);
    assert.equal(done.records, 3);
    assert.equal(documentRecords(core).length, 3);
    const review = queue.review({ batchId: sheetsOnly.id, state: 'open' });
    assert.ok(
      review.some((r) => r.reason === 'blank' && r.subject === 'trang-04.jpg'),
      'the blank page still goes to the review queue',
    );

    // Blank sheets also split now: the blank page starts a document, a guess → review.
    queue.separationDefaults(separationOptions({ codes: true, blank: true, autoAccept: true }));
    const withBlank = await queue.queueFiles({
      files: files([a!, s1!, b!, blank, c!]),
      more: false,
    });
    await queue.whenIdle();
    const waiting = queue.detail(withBlank.id).batch;
    assert.equal(waiting.state, 'awaiting-split');
    assert.equal(waiting.autoAccepted, false);
    assert.deepEqual(
      queue.splitPlan(withBlank.id).plan!.documents.map((d) => d.reasons.map((r) => r.method)),
      [['start'], ['code'], ['blank']],
    );
    assert.equal(documentRecords(core).length, 3, 'nothing archived before the review');
    await queue.close();
  });
});
