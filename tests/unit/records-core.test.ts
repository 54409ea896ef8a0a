// The archive, viewer, outbox and audit functions behind the records screens, on a real SQLite
// archive in a temporary data folder with a real signed two-layer PDF (PDFKit page with a text
// layer, PAdES-signed with the demo key, read back by PDFium and the strict validator).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { openArchive, type OpenedArchive } from '../../electron/core/archive/open';
import { fileKeyProvider, saveDestination } from '../../electron/core/outbox/destination';
import type { OcrPage } from '../../electron/core/ocr/types';
import { SearchablePdfWriter } from '../../electron/core/pdf/searchablePdf';
import { auditCheck, auditPage } from '../../electron/core/records/auditView';
import { queryArchive, vietnamDayStart } from '../../electron/core/records/archiveQuery';
import { errorOfLastError, OutboxDesk } from '../../electron/core/records/outboxView';
import { PageImages } from '../../electron/core/records/pageImages';
import { localizeReport } from '../../electron/core/records/signatureView';
import { ensureDemoKey } from '../../electron/core/sign/demoKey';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';

const WORDS = ['Giấy', 'khai', 'sinh', 'Nguyễn', 'Văn', 'Đức'];

let work: string;
let o: OpenedArchive;
let signed: Buffer;
const codes: string[] = [];

/** A 1000×500 px page at 200 dpi with the words as its text layer, one box per word. */
async function signedPdf(dir: string): Promise<Buffer> {
  const image = await sharp({
    create: { width: 1000, height: 500, channels: 3, background: '#ffffff' },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="500"><rect x="40" y="40" width="900" height="60" fill="#000"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  const words = WORDS.map((text, i) => ({
    text,
    box: { x0: 40 + i * 150, y0: 200, x1: 40 + i * 150 + 120, y1: 240 },
    confidence: 95,
  }));
  const ocr: OcrPage = {
    text: WORDS.join(' '),
    confidence: 95,
    lines: [{ words, box: { x0: 40, y0: 200, x1: 910, y1: 240 } }],
    widthPx: 1000,
    heightPx: 500,
  };
  const file = path.join(dir, 'draft.pdf');
  const writer = new SearchablePdfWriter(file, { title: 'Hồ sơ thử', created: new Date() });
  for (let i = 0; i < 2; i++)
    writer.addPage({
      widthPx: 1000,
      heightPx: 500,
      dpi: 200,
      image: { format: 'png', bytes: image },
      ocr,
    });
  await writer.finish();
  const demo = await ensureDemoKey(path.join(dir, 'keys'));
  const result = await signPdf(fs.readFileSync(file), {
    keySource: await openPkcs12(demo.p12Path, demo.password),
    signingTime: new Date(),
    appearance: { kind: 'agency', agencyName: 'Cơ quan thử', demo: true },
  });
  return Buffer.from(result.bytes);
}

async function record(title: string, text: string, receivedAt: string, file: Buffer) {
  const sha256 = await o.blobs.put(file);
  const d = o.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date(receivedAt),
    title,
    pages: [1, 2].map((ordinal) => ({
      ordinal,
      sourceName: `p${ordinal}.png`,
      widthPx: 1000,
      heightPx: 500,
      dpi: 200,
      text: ordinal === 1 ? text : 'Trang hai',
      confidence: 95,
    })),
    file: { sha256, bytes: file.length, signature: null },
  });
  codes.push(d.code);
  return d;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-records-'));
  o = openArchive(path.join(work, 'data'));
  signed = await signedPdf(work);
  await record(
    'Khai sinh',
    'GIẤY KHAI SINH\nHọ và tên: Trần Thị Đào',
    '2026-11-20T02:00:00Z',
    signed,
  );
  await record(
    'Kết hôn',
    'GIẤY CHỨNG NHẬN KẾT HÔN\nNguyễn Văn Đức',
    '2026-11-22T17:30:00Z',
    signed,
  );
});

after(() => {
  o?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('an unaccented query finds the accented text and marks the matched words in the snippet', () => {
  const hits = queryArchive(o.archive, 'giay khai sinh', {}, 20);
  const pageHit = hits.find((h) => h.page === 1);
  assert.ok(pageHit, JSON.stringify(hits));
  assert.equal(pageHit.dossierCode, codes[0]);
  const marked = pageHit.marks.map(([a, b]) => pageHit.snippet.slice(a, b).toLowerCase());
  assert.ok(marked.includes('khai') && marked.includes('sinh'), marked.join('|'));
  assert.equal(pageHit.uploadState, 'pending');
  assert.match(pageHit.createdAt, /^2026-11-20T/);
  // "Đức" folds to "duc": đ is not a diacritic, FTS5 alone would miss it.
  assert.deepEqual(
    queryArchive(o.archive, 'duc', {}, 20).map((h) => h.dossierCode),
    [codes[1]],
  );
});

test('filters narrow by Vietnam day, upload state, procedure and document type', () => {
  // 2026-11-22T17:30Z is 23 Nov in Vietnam.
  assert.equal(vietnamDayStart('2026-11-23'), '2026-11-22T17:00:00.000Z');
  const on = (from: string, to: string) =>
    queryArchive(o.archive, '', { from, to }, 20).map((h) => h.dossierCode);
  assert.deepEqual(on('2026-11-23', '2026-11-23'), [codes[1]]);
  assert.deepEqual(on('2026-11-22', '2026-11-22'), []);
  assert.deepEqual(on('2026-11-01', '2026-11-30'), [codes[1], codes[0]]);
  assert.deepEqual(queryArchive(o.archive, '', { status: 'done' }, 20), []);
  assert.equal(queryArchive(o.archive, 'khai sinh', { status: 'pending' }, 20).length > 0, true);

  // A reception dossier links the first archive dossier to a procedure and a document type.
  const db = new Database(o.paths.database);
  const now = new Date().toISOString();
  const id = db
    .prepare(
      `INSERT INTO reception_dossiers (code, procedure_code, applicant, state, created_at, updated_at, archive_dossier_id)
       VALUES ('R-1', '1.001193', '{}', 'received', ?, ?, ?)`,
    )
    .run(now, now, o.archive.idOf(codes[0]!)).lastInsertRowid;
  db.prepare(
    "INSERT INTO reception_documents (dossier_id, ordinal, type) VALUES (?, 1, 'birth_certificate')",
  ).run(id);
  db.close();
  assert.deepEqual(
    queryArchive(o.archive, '', { procedure: '1.001193' }, 20).map((h) => h.dossierCode),
    [codes[0]],
  );
  assert.deepEqual(
    [
      ...new Set(
        queryArchive(o.archive, 'khai', { docType: 'birth_certificate' }, 20).map(
          (h) => h.dossierCode,
        ),
      ),
    ],
    [codes[0]],
  );
  assert.deepEqual(queryArchive(o.archive, '', { docType: 'contract' }, 20), []);
});

test('a page renders to PNG with the PDF text layer in its pixels, then comes from the cache', async () => {
  const recordId = o.archive.idOf(codes[0]!);
  const cache = path.join(work, 'cache');
  const images = new PageImages(o.archive, o.blobs, cache);
  const first = await images.get(recordId, 1);
  const meta = await sharp(first.png).metadata();
  assert.equal(meta.format, 'png');
  assert.equal(meta.width, first.widthPx);
  // 1000 px at 200 dpi renders back at the 200 dpi floor: same size, below the view width.
  assert.equal(first.widthPx, 1000);
  assert.equal(first.heightPx, 500);
  const texts = first.words.map((w) => w.text);
  assert.ok(
    WORDS.every((w) => texts.includes(w)),
    texts.join(' '),
  );
  const duc = first.words.find((w) => w.text === 'Đức')!;
  // The word box sits where it was written (x0 = 40 + 5 × 150), within a few pixels.
  assert.ok(Math.abs(duc.box[0] - 790) < 8 && Math.abs(duc.box[1] - 200) < 12, String(duc.box));
  // The next page of the same file comes from the reader kept open.
  const second = await images.get(recordId, 2);
  assert.equal(second.words.length, first.words.length);
  assert.equal(images.opens, 1);
  assert.equal(images.renders, 2);
  const fresh = new PageImages(o.archive, o.blobs, cache);
  const again = await fresh.get(recordId, 1);
  assert.equal(fresh.renders, 0, 'served from the disk cache');
  assert.ok(again.png.equals(first.png));
  await assert.rejects(images.get(recordId, 3), /BAD_REQUEST|page 3/);
  images.close();
});

test('the signature report is the validator verdict with plain Vietnamese and English sentences', async () => {
  const view = localizeReport(await verifyPdf(signed));
  assert.notEqual(view.verdict, 'unsigned');
  assert.equal(view.signatures.length, 1);
  const s = view.signatures[0]!;
  assert.equal(s.intact, true);
  assert.equal(s.cryptoValid, true);
  assert.match(s.signer ?? '', /Sohoa/);
  assert.match(s.changesText.vi, /không có thay đổi sau khi ký/);
  // The demo certificate chains to no trust anchor: not valid, only indeterminate, and said
  // in words, not as a code.
  assert.equal(view.indication, 'INDETERMINATE');
  assert.equal(s.subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');
  assert.match(view.verdictText.vi, /CHƯA XÁC ĐỊNH ĐƯỢC/);
  assert.ok(s.errors.some((w) => /chứng thư gốc tin cậy/.test(w.vi) && /trusted root/.test(w.en)));
  const tampered = Buffer.from(signed);
  tampered[200] = tampered[200]! ^ 0xff;
  assert.equal(localizeReport(await verifyPdf(tampered)).verdict, 'invalid');
});

test('the outbox shows failures as typed bilingual errors and sends to the configured folder', async () => {
  assert.equal(errorOfLastError('STORE_UNREACHABLE: ECONNREFUSED')?.code, 'STORE_UNREACHABLE');
  assert.match(errorOfLastError('STORE_REJECTED: AccessDenied (HTTP 403)')!.message.vi, /từ chối/);
  assert.equal(errorOfLastError('weird')?.code, 'STORE_UNREACHABLE');
  const dataDir = o.paths.root;
  const desk = new OutboxDesk(o.archive, o.blobs, dataDir, o.paths.keysDir);
  assert.throws(() => desk.send(), /No upload destination/);
  assert.equal(desk.list().destination, null);
  const store = path.join(work, 'store');
  saveDestination(dataDir, { kind: 'folder', path: store }, fileKeyProvider(o.paths.keysDir));
  assert.equal(desk.send(), true);
  assert.equal(desk.send(), false, 'a second send while one runs is refused');
  await desk.idle();
  const listed = desk.list();
  assert.equal(listed.destination, `folder:${store}`);
  assert.deepEqual(listed.counts, { pending: 0, uploading: 0, done: 2, needs_attention: 0 });
  assert.ok(listed.items.every((i) => i.bytesDone === i.bytesTotal && i.bytesTotal > 0));
  assert.ok(fs.existsSync(path.join(store, 'H49.64.33', '2026', codes[0]!, '_COMPLETE.json')));
});

test('an item that keeps failing needs attention with its reason, and a retry queues it again', async () => {
  const opened = openArchive(path.join(work, 'failing'));
  try {
    const sha256 = await opened.blobs.put(signed);
    const { code } = opened.archive.addRecord({
      agencyId: 'H49.64.33',
      receivedAt: new Date(),
      title: 'Hồ sơ gửi lỗi',
      pages: [
        {
          ordinal: 1,
          sourceName: 'p.png',
          widthPx: 10,
          heightPx: 10,
          dpi: 200,
          text: 'x',
          confidence: 90,
        },
      ],
      file: { sha256, bytes: signed.length, signature: null },
    });
    // The "share" is a plain file: every write under it fails, as an unmounted drive would.
    const blocked = path.join(work, 'not-a-folder');
    fs.writeFileSync(blocked, 'x');
    saveDestination(
      opened.paths.root,
      { kind: 'folder', path: blocked },
      fileKeyProvider(opened.paths.keysDir),
    );
    const desk = new OutboxDesk(
      opened.archive,
      opened.blobs,
      opened.paths.root,
      opened.paths.keysDir,
      {
        baseDelayMs: 0,
        maxDelayMs: 0,
        maxAttempts: 1,
      },
    );
    assert.equal(desk.send(), true);
    await desk.idle();
    const item = desk.list().items.find((i) => i.dossierCode === code)!;
    assert.equal(item.state, 'needs_attention');
    assert.equal(item.attempts, 1);
    assert.equal(item.lastError?.code, 'STORE_UNREACHABLE');
    assert.match(item.lastError?.message.vi ?? '', /Không kết nối được kho hồ sơ/);
    const retried = desk.retry(code, 'desk');
    assert.equal(retried.state, 'pending');
    assert.equal(retried.attempts, 0);
    assert.throws(() => desk.retry('KHONG-CO', 'desk'), /not in the upload queue/);
    assert.equal(opened.archive.audit.entriesFor('outbox', code).at(-1)?.action, 'outbox.retried');
  } finally {
    opened.close();
  }
});

test('audit entries page newest first, and the check finds where the chain breaks', async () => {
  const { entries, total } = auditPage(o.archive, undefined, 2);
  assert.ok(total >= 4, String(total));
  assert.deepEqual(
    entries.map((e) => e.seq),
    [total, total - 1],
  );
  const next = auditPage(o.archive, entries[1]!.seq, 50);
  assert.equal(next.entries[0]!.seq, total - 2);
  assert.equal(next.entries.at(-1)!.seq, 1);

  const intact = await auditCheck(o.archive, o.blobs);
  assert.equal(intact.ok, true, JSON.stringify(intact));
  assert.equal(intact.firstBrokenSeq, null);
  assert.equal(intact.entries, total);

  // Someone edits entry 2 behind the archive's back (past the append-only trigger).
  const db = new Database(o.paths.database);
  db.exec(`DROP TRIGGER audit_log_no_update;
           UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;`);
  db.close();
  const broken = await auditCheck(o.archive, o.blobs);
  assert.equal(broken.ok, false);
  assert.equal(broken.firstBrokenSeq, 2);
  assert.ok(broken.problems.some((p) => p.seq === 2 && p.problem === 'hash_mismatch'));
});
