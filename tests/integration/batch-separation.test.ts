// A separated batch on the real core (real SQLite, real pipeline, signing, archive): generated
// stacks with the core's own separator sheets (rendered back by poppler), blank sheets, Patch T,
// a fixed count and a classifier type change are read, planned, corrected and accepted, and the
// archive then holds one signed record per document with the right pages and type, checked in
// the archive's SQLite file and in the produced PDFs (qpdf --check, pdftotext).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { DOCUMENT_TYPE_LABELS } from '../../shared/classification';
import { BatchQueue } from '../../electron/core/batch/queue';
import type { Core } from '../../electron/core/pipeline/core';
import { blankPage, contentPage, scannedSeparatorSheets } from '../e2e/batch-separation-stack';
import { batchCores, separationOptions } from '../helpers/batchCores';
import { pdftotext, run } from '../helpers/tools';

const { withCore } = batchCores('sohoa-batch-sep-');

const files = (pages: Buffer[], names?: string[]) =>
  pages.map((bytes, i) => ({
    name: names?.[i] ?? `trang-${String(i + 1).padStart(2, '0')}.jpg`,
    dataBase64: bytes.toString('base64'),
  }));

/** The archived records of a batch, from the archive's own SQLite file. */
function archivedRecords(core: Core, ids: number[]) {
  const db = new Database(core.paths.database, { readonly: true });
  try {
    return ids.map((id) => {
      const d = db.prepare('SELECT code, title FROM dossiers WHERE id = ?').get(id) as {
        code: string;
        title: string;
      };
      const pages = (
        db
          .prepare('SELECT source_name FROM pages WHERE dossier_id = ? ORDER BY ordinal')
          .all(id) as {
          source_name: string;
        }[]
      ).map((p) => p.source_name);
      return { ...d, pages };
    });
  } finally {
    db.close();
  }
}

function checkPdf(core: Core, code: string, pages: number): string {
  const file = path.join(core.paths.outputDir, `${code}.pdf`);
  const q = run('qpdf', ['--check', file]);
  assert.equal(q.status, 0, q.stdout + q.stderr);
  const n = run('qpdf', ['--show-npages', file]);
  assert.equal(Number(n.stdout.trim()), pages, `${code}: pages`);
  return pdftotext(file);
}

test('separator sheets (QR with type and dossier code, Patch T), a blank sheet and a bad file: reviewed, one split moved, accepted → one record per document', async () => {
  const [sheetT, sheetQr] = await scannedSeparatorSheets([
    { patch: 'T', qr: false },
    { patch: null, type: 'birth_certificate', dossierCode: 'HS-0002' },
  ]);
  const page = (title: string) => contentPage([title, 'Nguyễn Văn An']);
  const [a, b1, b2, c, d1, d2] = await Promise.all(
    ['ĐƠN ĐỀ NGHỊ', 'HỢP ĐỒNG', 'TRANG HAI', 'QUYẾT ĐỊNH', 'GIẤY KHAI SINH', 'PHỤ LỤC'].map(page),
  );
  const blank = await blankPage();
  // a | T | b1 b2 | blank | c | QR(khai sinh, HS-0002) | d1 d2   (+ a broken file after c)
  const stack = [a!, sheetT!, b1!, b2!, blank, c!, Buffer.from('not an image'), sheetQr!, d1!, d2!];
  await withCore('stack', async (core) => {
    const queue = new BatchQueue(core);
    queue.separationDefaults(separationOptions({ patchCodes: ['T'], codes: true, blank: true }));
    const names = stack.map((_, i) => `trang-${String(i + 1).padStart(2, '0')}.jpg`);
    names[6] = 'hong.jpg';
    const { id } = await queue.queueFiles({ files: files(stack, names), more: false });
    await queue.whenIdle();
    let batch = queue.detail(id).batch;
    assert.equal(batch.state, 'awaiting-split');
    assert.equal(batch.separated, true);
    const bad = queue.detail(id).files.find((f) => f.name === 'hong.jpg')!;
    assert.equal(bad.state, 'failed');
    assert.equal(bad.errors[0]?.code, 'FILE_NOT_IMAGE');

    const { plan, stack: pages } = queue.splitPlan(id);
    assert.ok(plan);
    assert.equal(pages.length, 9, 'the bad file is left out, every other page is in the plan');
    // Stack indexes: 0 a, 1 T, 2 b1, 3 b2, 4 blank, 5 c, 6 QR, 7 d1, 8 d2
    assert.deepEqual(
      plan.documents.map((d) => [d.pages, d.reasons.map((r) => r.method)]),
      [
        [[0], ['start']],
        [[2, 3], ['patch']],
        [[5], ['blank']],
        [[7, 8], ['code']],
      ],
    );
    assert.deepEqual(
      plan.pages.filter((p) => p.role === 'separator').map((p) => p.index),
      [1, 4, 6],
    );
    assert.equal(plan.pages[4]!.blank, true, 'the blank sheet is flagged');
    assert.equal(plan.documents[3]!.type, 'birth_certificate');
    assert.equal(plan.documents[3]!.dossierCode, 'HS-0002');
    assert.equal(plan.documents[3]!.startsDossier, true);

    const readDir = path.join(core.paths.root, 'batches', String(id), 'read');
    assert.equal(fs.readdirSync(readDir).filter((f) => f.endsWith('.json')).length, 9);
    // Every page but the blank one was OCR'd once, in the first pass.
    const read = core.ocrStats().recognitions;
    assert.equal(read, 8);

    // The archivist moves the Patch T split one page on (b1 stays with a) and accepts.
    const moved = queue.adjustSplits(id, { op: 'move', from: 2, to: 3 });
    assert.deepEqual(moved.documents[1]!.pages, [3]);
    assert.deepEqual(moved.documents[0]!.pages, [0, 2]);
    assert.throws(() => queue.adjustSplits(id, { op: 'add', at: 1 }), /SPLIT_INVALID|trang 2/);
    queue.acceptSplits(id);
    await queue.whenIdle();

    batch = queue.detail(id).batch;
    assert.equal(batch.state, 'done', JSON.stringify(batch.error));
    assert.equal(core.ocrStats().recognitions, read, 'archiving read no page again');
    assert.equal(
      fs.existsSync(readDir),
      false,
      'the read pages go once every document is archived',
    );
    assert.equal(batch.records, 4);
    const records = queue.splitPlan(id).records;
    assert.deepEqual(
      records.map((r) => [r.pages, r.type, r.dossierCode, r.group]),
      [
        [2, null, null, 1],
        [1, null, null, 1],
        [1, null, null, 1],
        [2, 'birth_certificate', 'HS-0002', 2],
      ],
    );
    const archived = archivedRecords(
      core,
      records.map((r) => r.archived!.id),
    );
    assert.deepEqual(
      archived.map((r) => r.pages),
      [
        ['trang-01.jpg', 'trang-03.jpg'],
        ['trang-04.jpg'],
        ['trang-06.jpg'],
        ['trang-09.jpg', 'trang-10.jpg'],
      ],
    );
    assert.match(
      archived[3]!.title,
      new RegExp(
        `^${DOCUMENT_TYPE_LABELS.birth_certificate.vi} – .* – HS HS-0002 \\(lô ${id}, tài liệu 4/4\\)$`,
      ),
    );
    const texts = records.map((r) => checkPdf(core, r.archived!.code, r.pages).toUpperCase());
    assert.match(texts[0]!, /ĐƠN/);
    assert.match(texts[0]!, /HỢP/);
    assert.match(texts[3]!, /KHAI SINH/);
    // Separator sheets are not archived (dropped by the setting's default).
    for (const text of texts) assert.doesNotMatch(text, /TỜ PHÂN TÁCH/);
    await queue.close();
  });
});

test('fixed count across a multi-page PDF: blank-flagged pages are kept (flagged, not dropped) and grouped; a restart mid-apply makes no record twice', async () => {
  const blank = await blankPage();
  // A 3-page PDF of blank scans, then two single blank images: splits fall inside the PDF.
  const pdf = await PDFDocument.create();
  const jpg = await pdf.embedJpg(blank);
  for (let i = 0; i < 3; i++)
    pdf.addPage([595, 842]).drawImage(jpg, { x: 0, y: 0, width: 595, height: 842 });
  const pdfBytes = Buffer.from(await pdf.save());
  await withCore('count', async (core) => {
    let queue = new BatchQueue(core);
    queue.separationDefaults(separationOptions({ fixedCount: 2 }));
    const { id } = await queue.queueFiles({
      files: files([pdfBytes, blank, blank], ['hop.pdf', 'trang-4.jpg', 'trang-5.jpg']),
      more: false,
    });
    await queue.whenIdle();
    const { plan, stack } = queue.splitPlan(id);
    assert.deepEqual(
      plan!.documents.map((d) => [d.pages, d.reasons[0]!.method]),
      [
        [[0, 1], 'start'],
        [[2, 3], 'count'],
        [[4], 'count'],
      ],
    );
    assert.deepEqual(
      plan!.pages.map((p) => p.name),
      ['hop.pdf#1', 'hop.pdf#2', 'hop.pdf#3', 'trang-4.jpg', 'trang-5.jpg'],
    );
    assert.deepEqual(
      stack.map((s) => s.pageInFile),
      [0, 1, 2, 0, 0],
    );
    assert.ok(
      plan!.pages.every((p) => p.blank && p.role === 'content'),
      'blank pages flagged, kept',
    );
    queue.acceptSplits(id);
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.records, 3);
    const records = queue.splitPlan(id).records;
    assert.deepEqual(
      archivedRecords(
        core,
        records.map((r) => r.archived!.id),
      ).map((r) => r.pages),
      [['hop.pdf#1', 'hop.pdf#2'], ['hop.pdf#3', 'trang-4.jpg'], ['trang-5.jpg']],
    );
    for (const r of records) checkPdf(core, r.archived!.code, r.pages);
    const first = records.map((r) => r.archived!.code);
    // Each blank page is in the review queue, on its own record's page.
    const ids = records.map((r) => r.archived!.id);
    const blanks = () =>
      queue
        .review({ batchId: id, state: 'all' })
        .map((r) => [r.reason, r.recordId, r.ordinal, r.subject]);
    const expectedReview = [
      ['blank', ids[0], 1, 'hop.pdf#1'],
      ['blank', ids[0], 2, 'hop.pdf#2'],
      ['blank', ids[1], 1, 'hop.pdf#3'],
      ['blank', ids[1], 2, 'trang-4.jpg'],
      ['blank', ids[2], 1, 'trang-5.jpg'],
    ];
    assert.deepEqual(
      blanks().sort((x, y) => String(x[3]).localeCompare(String(y[3]))),
      expectedReview,
    );
    assert.equal(
      queue.pages(id, 0, 10).pages.filter((p) => p.review === 'blank').length,
      5,
      'the thumbnails show the flag',
    );
    await queue.close();

    // A restart that finds the batch "running" again (as after a crash mid-apply, the last
    // record archived but not yet noted) resumes it: nothing is archived twice.
    const db = new Database(path.join(core.paths.root, 'batches.sqlite'));
    db.prepare("UPDATE batches SET state = 'running' WHERE id = ?").run(id);
    db.prepare('DELETE FROM batch_records WHERE batch_id = ? AND document = 2').run(id);
    db.close();
    const before = core.archive.recordCount();
    queue = new BatchQueue(core);
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.state, 'done');
    assert.deepEqual(
      queue.splitPlan(id).records.map((r) => r.archived!.code),
      first,
    );
    assert.equal(core.archive.recordCount(), before, 'no record made twice');
    assert.equal(
      queue.review({ batchId: id, state: 'all' }).length,
      5,
      'review items of records made before the restart are kept',
    );
    await queue.close();
  });
});

test('the classifier type change splits a stack without separator sheets; types come from the pages', async () => {
  const birth = [
    'GIẤY KHAI SINH',
    'Họ, chữ đệm, tên: Trần Thị Bình',
    'Ngày, tháng, năm sinh: 05/06/2019',
    'Nơi sinh: Bệnh viện Đa khoa tỉnh',
    'Họ tên người mẹ: Lê Thị Hoa',
    'Họ tên người cha: Trần Văn Nam',
  ];
  const petition = [
    'ĐƠN ĐỀ NGHỊ',
    'Kính gửi: Ủy ban nhân dân xã Tân Hòa',
    'Tôi tên là: Nguyễn Văn An',
    'Tôi làm đơn này đề nghị xem xét giải quyết',
    'Tôi xin cam đoan nội dung trên là đúng',
    'Người làm đơn',
  ];
  const [b, p] = await Promise.all([contentPage(birth), contentPage(petition)]);
  await withCore('classifier', async (core) => {
    const queue = new BatchQueue(core);
    queue.separationDefaults(separationOptions({ classifier: true }));
    const { id } = await queue.queueFiles({ files: files([b, p]), more: false });
    await queue.whenIdle();
    const { plan } = queue.splitPlan(id);
    assert.ok(plan, JSON.stringify(queue.detail(id).batch.error));
    assert.deepEqual(
      plan.documents.map((d) => [d.pages, d.type, d.reasons[0]!.method]),
      [
        [[0], 'birth_certificate', 'start'],
        [[1], 'petition', 'classifier'],
      ],
    );
    queue.acceptSplits(id);
    await queue.whenIdle();
    const records = queue.splitPlan(id).records;
    assert.deepEqual(
      records.map((r) => [r.pages, r.type]),
      [
        [1, 'birth_certificate'],
        [1, 'petition'],
      ],
    );
    const titles = archivedRecords(
      core,
      records.map((r) => r.archived!.id),
    ).map((r) => r.title);
    assert.ok(titles[0]!.startsWith(DOCUMENT_TYPE_LABELS.birth_certificate.vi));
    assert.ok(titles[1]!.startsWith(DOCUMENT_TYPE_LABELS.petition.vi));
    await queue.close();
  });
});

test('a plan waiting for review can be cancelled and run again; edits and accept are refused outside review', async () => {
  const blank = await blankPage();
  await withCore('controls', async (core) => {
    const queue = new BatchQueue(core);
    queue.separationDefaults(separationOptions({ fixedCount: 1 }));
    const { id } = await queue.queueFiles({ files: files([blank, blank]), more: false });
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.state, 'awaiting-split');
    assert.equal(queue.control(id, 'cancel').state, 'cancelled');
    assert.throws(() => queue.acceptSplits(id), /BAD_REQUEST|acceptSplits/);
    assert.throws(() => queue.adjustSplits(id, { op: 'remove', at: 1 }), /adjustSplits/);
    assert.equal(core.archive.recordCount(), 0, 'nothing archived before the accept');
    queue.control(id, 'retry');
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.state, 'awaiting-split', 'read and planned again');
    queue.adjustSplits(id, { op: 'remove', at: 1 });
    queue.acceptSplits(id);
    await queue.whenIdle();
    assert.deepEqual(
      queue.splitPlan(id).records.map((r) => r.pages),
      [2],
    );
    // Separation off again: the next batch is one dossier, as before.
    queue.separationDefaults(null);
    const plain = await queue.queueFiles({ files: files([blank]), more: false });
    await queue.whenIdle();
    const batch = queue.detail(plain.id).batch;
    assert.equal(batch.separated, false);
    assert.equal(batch.state, 'done');
    assert.ok(batch.record);
    await queue.close();
  });
});
