// The batch queue on the real core (real SQLite, real pipeline, real signing) with blank sheets,
// which the pipeline flags and keeps without running OCR, so the whole file stays quick:
// per-file errors, pause/resume, cancel (nothing archived), and a queue that survives a restart.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { BatchQueue } from '../../electron/core/batch/queue';
import { listFolder, uniqueNames } from '../../electron/core/batch/inputs';
import { Gate } from '../../electron/core/batch/gate';
import { FileImportDriver } from '../../electron/core/acquire/fileImport';
import { DEFAULT_SCAN_SETTINGS } from '../../electron/core/acquire/source';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import type { PageSource } from '../../electron/core/pipeline/types';
import { SohoaError } from '../../shared/errors';

let work: string;
let blank: Buffer;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-batch-'));
  blank = await sharp({
    create: { width: 300, height: 420, channels: 3, background: '#fcfcfa' },
  })
    .withMetadata({ density: 100 })
    .png()
    .toBuffer();
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

const upload = (names: string[], bytes = blank) =>
  names.map((name) => ({ name, dataBase64: bytes.toString('base64') }));

async function waitFor<T>(what: () => T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function withCore(name: string, fn: (core: Core) => Promise<void>): Promise<void> {
  const core = await openCore({ dataDir: path.join(work, name), ocrWorkers: 1 });
  try {
    await fn(core);
  } finally {
    await core.close();
  }
}

test('a bad file fails alone with a clear error; the rest of the batch becomes one dossier', async () => {
  await withCore('errors', async (core) => {
    const queue = new BatchQueue(core);
    const files = [
      ...upload(['trang-1.png', 'trang-2.png']),
      {
        name: 'hong.jpg',
        dataBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]).toString('base64'),
      },
      { name: 'ghi-chu.txt', dataBase64: Buffer.from('not a scan').toString('base64') },
      ...upload(['trang-3.png']),
    ];
    const { id } = await queue.queueFiles({ files, more: false });
    await queue.whenIdle();
    const { batch, files: rows } = queue.detail(id);
    assert.equal(batch.state, 'done');
    assert.equal(batch.pagesDone, 3);
    assert.equal(batch.filesFailed, 2);
    const bad = rows.find((f) => f.name === 'hong.jpg')!;
    assert.equal(bad.state, 'failed');
    assert.equal(bad.errors[0]?.code, 'IMAGE_CORRUPT');
    assert.match(bad.errors[0].message.vi, /hong\.jpg.*quét lại/);
    assert.equal(rows.find((f) => f.name === 'ghi-chu.txt')!.errors[0]?.code, 'FILE_NOT_IMAGE');
    assert.deepEqual(
      rows.filter((f) => f.state === 'done').map((f) => f.name),
      ['trang-1.png', 'trang-2.png', 'trang-3.png'],
    );
    // The dossier really is in the archive, with the three good pages.
    const dossier = core.archive.getRecord(batch.record!.id)!;
    assert.equal(dossier.pages.length, 3);
    // Every page is blank-flagged, so each is in the review queue; deciding one closes it.
    const review = queue.review({ batchId: id, state: 'open' });
    assert.deepEqual(
      review.map((r) => [r.reason, r.subject]),
      [
        ['blank', 'trang-1.png'],
        ['blank', 'trang-2.png'],
        ['blank', 'trang-3.png'],
      ],
    );
    queue.decide(review[0]!.id, 'accepted');
    assert.equal(queue.review({ batchId: id, state: 'open' }).length, 2);
    assert.equal(queue.list(10).reviewOpen, 2);
    // Thumbnails come from the queued copies; the failed file has none.
    const thumb = await queue.thumbnail(id, rows[0]!.id, 0);
    assert.match(thumb, /^data:image\/jpeg;base64,/);
    const meta = await sharp(Buffer.from(thumb.split(',')[1]!, 'base64')).metadata();
    assert.equal(meta.width, 160);
    await assert.rejects(queue.thumbnail(id, bad.id, 0), { name: 'SohoaError' });
    const pages = queue.pages(id, 0, 100);
    assert.equal(pages.total, 5);
    assert.deepEqual(
      pages.pages.map((p) => p.state),
      ['done', 'done', 'failed', 'failed', 'done'],
    );
    await queue.close();
  });
});

test('pause holds the next file, resume finishes; cancel archives nothing', async () => {
  await withCore('controls', async (core) => {
    const queue = new BatchQueue(core);
    const first = await queue.queueFiles({
      files: upload(['a.png', 'b.png', 'c.png', 'd.png']),
      more: false,
    });
    queue.control(first.id, 'pause');
    // Whatever was already read finishes; nothing more is fed while paused.
    await new Promise((r) => setTimeout(r, 1500));
    const paused = queue.detail(first.id);
    assert.equal(paused.batch.state, 'paused');
    assert.ok(paused.batch.pagesDone <= 1, `pages done while paused: ${paused.batch.pagesDone}`);
    assert.ok(paused.files.filter((f) => f.state !== 'pending').length <= 1);
    // The thumbnail list shows the pages already through the pipeline as done, mid-run.
    const live = queue.pages(first.id, 0, 10).pages;
    assert.equal(live.length, 4);
    assert.equal(live.filter((p) => p.state === 'done').length, paused.batch.pagesDone);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(queue.detail(first.id).batch.pagesDone, paused.batch.pagesDone);

    // A second batch waits its turn behind the paused one.
    const second = await queue.queueFiles({ files: upload(['x.png', 'y.png']), more: false });
    assert.equal(queue.detail(second.id).batch.state, 'queued');
    queue.control(second.id, 'cancel');
    assert.equal(queue.detail(second.id).batch.state, 'cancelled');

    queue.control(first.id, 'resume');
    await queue.whenIdle();
    const done = queue.detail(first.id).batch;
    assert.equal(done.state, 'done');
    assert.equal(done.pagesDone, 4);
    assert.ok(done.pagesPerMinute! > 0);

    // Cancel a running batch: the pipeline stops, nothing reaches the archive.
    const before = core.archive.listRecords(100).length;
    const third = await queue.queueFiles({
      files: upload(['p.png', 'q.png', 'r.png']),
      more: false,
    });
    queue.control(third.id, 'pause');
    queue.control(third.id, 'cancel');
    await queue.whenIdle();
    const cancelled = queue.detail(third.id).batch;
    assert.equal(cancelled.state, 'cancelled');
    assert.equal(cancelled.error?.code, 'CANCELLED');
    assert.equal(cancelled.record, null);
    assert.equal(core.archive.listRecords(100).length, before);
    assert.equal(queue.review({ batchId: third.id, state: 'all' }).length, 0);
    assert.throws(() => queue.control(third.id, 'pause'), { name: 'SohoaError' });

    // Retry runs it again from its saved copies.
    queue.control(third.id, 'retry');
    await queue.whenIdle();
    assert.equal(queue.detail(third.id).batch.state, 'done');
    await queue.close();
  });
});

test('a restart resumes the queue: uploads, a batch cut off mid-run, a folder batch', async () => {
  const folder = path.join(work, 'shelf');
  fs.mkdirSync(path.join(folder, 'hop-02'), { recursive: true });
  fs.mkdirSync(path.join(folder, 'hop-10'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'hop-10', 'trang-1.png'), blank);
  fs.writeFileSync(path.join(folder, 'hop-02', 'trang-10.png'), blank);
  fs.writeFileSync(path.join(folder, 'hop-02', 'trang-2.png'), blank);
  fs.writeFileSync(path.join(folder, 'hop-02', 'notes.txt'), 'skip me');
  let running = 0;
  let folderBatch = 0;
  let partial = 0;
  await withCore('restart', async (core) => {
    const queue = new BatchQueue(core);
    running = (await queue.queueFiles({ files: upload(['m.png', 'n.png', 'o.png']), more: false }))
      .id;
    queue.control(running, 'pause');
    folderBatch = (await queue.queueFolder({ folder })).id;
    // An upload whose last chunk never came (the tab was closed).
    partial = (await queue.queueFiles({ title: 'Hộp 7', files: upload(['z.png']), more: true })).id;
    await queue.close();
  });
  // The copies are on disk, the states say what to do next.
  await withCore('restart', async (core) => {
    const queue = new BatchQueue(core, { autoStart: false });
    assert.equal(queue.detail(running).batch.state, 'paused');
    assert.equal(queue.detail(running).files.length, 3);
    assert.equal(queue.detail(folderBatch).batch.state, 'queued');
    assert.deepEqual(
      queue.detail(folderBatch).files.map((f) => f.name),
      ['hop-02 › trang-2.png', 'hop-02 › trang-10.png', 'hop-10 › trang-1.png'],
    );
    assert.equal(queue.detail(partial).batch.state, 'paused');
    assert.equal(queue.detail(partial).batch.title, 'Hộp 7');
    await queue.close();
  });
  await withCore('restart', async (core) => {
    const queue = new BatchQueue(core);
    queue.control(running, 'resume');
    queue.control(partial, 'resume');
    await waitFor(
      () => queue.list(10).batches.map((b) => b.state),
      (s) => s.every((x) => x === 'done'),
      60_000,
    );
    const folderRecord = core.archive.getRecord(queue.detail(folderBatch).batch.record!.id)!;
    assert.deepEqual(
      folderRecord.pages.map((p) => p.sourceName),
      ['hop-02 › trang-2.png', 'hop-02 › trang-10.png', 'hop-10 › trang-1.png'],
    );
    await queue.close();
  });
});

test('a page source feeds a batch: file import queues a folder; a source failing midway keeps its pages', async () => {
  const folder = path.join(work, 'scans');
  fs.mkdirSync(path.join(folder, 'hop-1'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'hop-1', 'trang-1.png'), blank);
  fs.writeFileSync(path.join(folder, 'trang-2.png'), blank);
  await withCore('sources', async (core) => {
    const queue = new BatchQueue(core);
    const imported = await queue.queuePages(
      'Nhập thư mục',
      new FileImportDriver().acquire(folder, DEFAULT_SCAN_SETTINGS),
    );
    await queue.whenIdle();
    const done = queue.detail(imported.id);
    assert.equal(done.batch.state, 'done');
    assert.deepEqual(
      done.files.map((f) => f.name),
      ['hop-1 › trang-1.png', 'trang-2.png'],
    );
    // A feeder that jams after one sheet: the sheet is kept, the batch waits for a decision.
    async function* jammed(): AsyncIterable<PageSource> {
      yield { name: 'to-1.png', read: () => Promise.resolve(blank) };
      await new Promise((r) => setTimeout(r, 10));
      throw new SohoaError('FILE_NOT_FOUND', 'scanner');
    }
    const cut = await queue.queuePages('Máy quét', jammed());
    assert.equal(cut.state, 'paused');
    assert.equal(cut.error?.code, 'FILE_NOT_FOUND');
    assert.equal(cut.files, 1);
    queue.control(cut.id, 'resume');
    await queue.whenIdle();
    assert.equal(queue.detail(cut.id).batch.state, 'done');
    await queue.close();
  });
});

test('a multi-page PDF: each page mapped to its file and page, with its own thumbnail', async () => {
  const pdf = await PDFDocument.create();
  const png = await pdf.embedPng(blank);
  for (let i = 0; i < 3; i++) {
    const p = pdf.addPage([png.width * 0.72, png.height * 0.72]);
    p.drawImage(png, { x: 0, y: 0, width: p.getWidth(), height: p.getHeight() });
  }
  const bytes = Buffer.from(await pdf.save());
  await withCore('pdf', async (core) => {
    const queue = new BatchQueue(core);
    const b = await queue.queueFiles({
      files: [...upload(['bia.png']), { name: 'so-bo.pdf', dataBase64: bytes.toString('base64') }],
      more: false,
    });
    await queue.whenIdle();
    const { batch, files } = queue.detail(b.id);
    assert.equal(batch.state, 'done');
    assert.equal(batch.pagesDone, 4);
    assert.deepEqual(
      files.map((f) => [f.name, f.pages]),
      [
        ['bia.png', 1],
        ['so-bo.pdf', 3],
      ],
    );
    const pages = queue.pages(b.id, 0, 10).pages;
    assert.deepEqual(
      pages.map((p) => [p.name, p.pageInFile, p.ordinal, p.review]),
      [
        ['bia.png', 0, 1, 'blank'],
        ['so-bo.pdf#1', 0, 2, 'blank'],
        ['so-bo.pdf#2', 1, 3, 'blank'],
        ['so-bo.pdf#3', 2, 4, 'blank'],
      ],
    );
    const review = queue.review({ batchId: b.id, state: 'open' });
    assert.deepEqual(
      review.map((r) => [r.subject, r.fileId, r.pageInFile]),
      [
        ['bia.png', files[0]!.id, 0],
        ['so-bo.pdf#1', files[1]!.id, 0],
        ['so-bo.pdf#2', files[1]!.id, 1],
        ['so-bo.pdf#3', files[1]!.id, 2],
      ],
    );
    const thumb = await queue.thumbnail(b.id, files[1]!.id, 2);
    const meta = await sharp(Buffer.from(thumb.split(',')[1]!, 'base64')).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, 160);
    await queue.close();
  });
});

test('a crash after the dossier was archived: the restart records the batch done, never twice', async () => {
  let id = 0;
  let dossiers = 0;
  await withCore('crash', async (core) => {
    const queue = new BatchQueue(core);
    id = (
      await queue.queueFiles({ title: 'Hộp 9', files: upload(['a.png', 'b.png']), more: false })
    ).id;
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.state, 'done');
    dossiers = core.archive.listRecords(100).length;
    await queue.close();
  });
  // As if the process died between the archive's commit and the queue's own bookkeeping.
  const db = new Database(path.join(work, 'crash', 'batches.sqlite'));
  db.prepare(
    "UPDATE batches SET state = 'running', dossier_id = NULL, dossier_code = NULL WHERE id = ?",
  ).run(id);
  db.prepare('DELETE FROM review_items').run();
  db.close();
  await withCore('crash', async (core) => {
    const queue = new BatchQueue(core);
    await queue.whenIdle();
    const { batch } = queue.detail(id);
    assert.equal(batch.state, 'done');
    assert.equal(batch.record?.code, core.archive.listRecords(1)[0]!.code);
    assert.equal(core.archive.listRecords(100).length, dossiers);
    // The archive keeps no blank flag, so the recovered pages (no text) come back for review as
    // poorly read: still in front of the archivist, never silently passed.
    assert.deepEqual(
      queue.review({ batchId: id, state: 'open' }).map((r) => [r.subject, r.reason]),
      [
        ['a.png', 'low-confidence'],
        ['b.png', 'low-confidence'],
      ],
    );
    await queue.close();
  });
});

test('folder listing refuses a missing or empty folder with a typed error', async () => {
  await assert.rejects(listFolder(path.join(work, 'nope')), (e: { info: { code: string } }) => {
    assert.equal(e.info.code, 'IMPORT_PATH_NOT_FOUND');
    return true;
  });
  fs.mkdirSync(path.join(work, 'empty'));
  await assert.rejects(listFolder(path.join(work, 'empty')), (e: { info: { code: string } }) => {
    assert.equal(e.info.code, 'NO_VALID_PAGES');
    return true;
  });
  assert.deepEqual(uniqueNames(['scan.jpg', 'a/scan.jpg', 'b\\scan.jpg'], ['x.png']), [
    'scan.jpg',
    'scan (2).jpg',
    'scan (3).jpg',
  ]);
});

test('the pause gate holds readers until released and lets an abort through', async () => {
  const gate = new Gate();
  await gate.pass();
  gate.close();
  let passed = false;
  const waiting = gate.pass().then(() => (passed = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(passed, false);
  gate.release();
  await waiting;
  gate.close();
  const controller = new AbortController();
  const aborted = gate.pass(controller.signal);
  controller.abort(new Error('stop'));
  await assert.rejects(aborted, /stop/);
});
