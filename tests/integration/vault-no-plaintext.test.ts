// The done-test of encryption at rest: a data folder populated the way a counter fills it (a
// full reception signed and archived, a reception left open, a batch, the viewer's page cache,
// the batch thumbnails, an export and a backup), then read byte by byte without the key: no
// applicant's name, ID number or OCR word in any file, WAL and SHM included, nor inside any
// compressed PDF stream. The same words are first shown to be there, read with the key.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { handlerContext } from '../../electron/core/api/context';
import { createReceptionHandlers } from '../../electron/core/api/receptionHandlers';
import { createRecordsHandlers } from '../../electron/core/api/recordsHandlers';
import { backupArchive } from '../../electron/core/archive/backup';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { BatchQueue } from '../../electron/core/batch/queue';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import { readDataFileSync } from '../../electron/core/vault/files';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults, useKeyProvider } from '../../electron/core/vault/registry';
import { foldVietnamese } from '../../shared/text';

const APPLICANT = 'Trần Thị Ngọc Lan';
const ID_NUMBER = '036195000123';
const BATCH_NAME = 'Phạm Quốc Khánh';
const PAGES = [
  ['TỜ KHAI CẤP BẢN SAO TRÍCH LỤC', `Người yêu cầu ${APPLICANT}`],
  ['CĂN CƯỚC CÔNG DÂN', `Số định danh ${ID_NUMBER}`],
];
const OPEN_PAGE = ['GIẤY KHAI SINH', 'Họ tên Lương Văn Tuấn'];
const BATCH_PAGE = ['QUYẾT ĐỊNH', `Ông ${BATCH_NAME} thường trú Ngọc Thụy`];

let work: string;
let dataDir: string;
let backupDir: string;
let core: Core;

const render = async (lines: string[]) =>
  renderPage({ lines, widthMm: 150, heightMm: 100, dpi: 200, fontPt: 14 });

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-vault-leak-'));
  dataDir = path.join(work, 'data');
  backupDir = path.join(work, 'backups');
  core = await openCore({
    dataDir,
    ocrWorkers: 1,
    keyProvider: fileKeyProvider(path.join(work, 'it', 'desk.key')),
  });
  const context = handlerContext(core);
  const reception = createReceptionHandlers(context);
  const added = await reception.receptionAddPages({
    sessionId: 'aaaaaaaa-leak-01',
    files: await Promise.all(
      PAGES.map(async (lines, i) => ({
        name: `trang-${i + 1}.png`,
        dataBase64: (await render(lines)).toString('base64'),
      })),
    ),
  });
  assert.deepEqual(added.fileErrors, []);
  const [p1, p2] = added.pages.map((p) => p.id);
  const out = await reception.receptionReceive({
    sessionId: 'aaaaaaaa-leak-01',
    procedureCode: '2.000635',
    applicant: { fullName: APPLICANT, idNumber: ID_NUMBER, source: 'qr' },
    clerk: 'Cán bộ A',
    documents: [
      { pages: [{ id: p1!, rotation: 0 }], type: 'application_form', confirmed: true, fields: [] },
      { pages: [{ id: p2!, rotation: 0 }], type: 'cccd_front', confirmed: true, fields: [] },
    ],
  });
  assert.equal(out.state, 'signed');
  // A second applicant's reception left open: its session folder stays on disk.
  await reception.receptionAddPages({
    sessionId: 'aaaaaaaa-leak-02',
    files: [{ name: 'mo.png', dataBase64: (await render(OPEN_PAGE)).toString('base64') }],
  });

  const queue = new BatchQueue(core);
  const { id } = await queue.queueFiles({
    files: [{ name: 'lo-1.png', dataBase64: (await render(BATCH_PAGE)).toString('base64') }],
    more: false,
  });
  await queue.whenIdle();
  const file = queue.detail(id).files[0]!;
  await queue.thumbnail(id, file.id, 0);

  const records = createRecordsHandlers(context);
  for (const r of core.archive.listRecords()) {
    await records.pageImage({ recordId: r.id, page: 1 });
    await records.exportPackage({ recordId: r.id });
  }
  const blobs = new BlobStore(core.paths.blobsDir);
  await backupArchive(
    { paths: core.paths, archive: core.archive, blobs, close: () => undefined },
    backupDir,
  );
});

after(async () => {
  await core?.close().catch(() => undefined);
  forgetVaults();
  useKeyProvider(null);
  fs.rmSync(work, { recursive: true, force: true });
});

/** The words looked for, as the desk could store them: as written, and folded for search. */
function needles(): Buffer[] {
  const words = [
    APPLICANT,
    ID_NUMBER,
    BATCH_NAME,
    'Lương Văn Tuấn',
    'Ngọc Thụy',
    'TRÍCH LỤC',
    'định danh',
  ];
  const forms = words.flatMap((w) => [w.normalize('NFC'), foldVietnamese(w)]);
  return [...new Set(forms)].map((w) => Buffer.from(w, 'utf8'));
}

/** The bytes as stored, plus whatever inflates out of anything that looks like a zlib stream. */
function readable(bytes: Buffer): Buffer[] {
  const out = [bytes];
  for (let at = bytes.indexOf('stream'); at >= 0; at = bytes.indexOf('stream', at + 6)) {
    let start = at + 6;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    try {
      out.push(inflateSync(bytes.subarray(start), { finishFlush: 2 }));
    } catch {
      // not a compressed stream
    }
  }
  return out;
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(full) : [full];
  });
}

test('with the key, the populated folder holds the applicants (the search finds them)', () => {
  assert.ok(core.archive.listRecords().length >= 2, 'a reception and a batch archived');
  const found = core.archive.search(foldVietnamese('Ngọc Lan'));
  assert.ok(found.length >= 1, 'the archive finds the applicant with the key');
  // The grep below would see them: the sessions' stored words, opened with the key, hold them.
  const sessionWords = allFiles(path.join(dataDir, 'desk-sessions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => readDataFileSync(f));
  assert.ok(sessionWords.some((b) => needles().some((n) => b.includes(n))));
  assert.ok(!sessionWords.some((b) => b.length === 0));
});

/** Every file's bytes: while the desk runs (WAL and SHM files present) and after it closed. */
async function diskImages(): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  const take = (tag: string) => {
    for (const f of [...allFiles(dataDir), ...allFiles(backupDir)])
      images.set(`${path.relative(work, f)}${tag}`, fs.readFileSync(f));
  };
  take('');
  await core.close();
  forgetVaults();
  useKeyProvider(null);
  take(' (closed)');
  return images;
}

test('without the key, no file in the data folder or the backup shows any of them', async () => {
  const images = await diskImages();
  const names = [...images.keys()];
  // The stores the test means to cover are really there.
  for (const must of [
    /^data\/archive\.sqlite$/,
    /^data\/archive\.sqlite-wal$/,
    /^data\/batches\.sqlite$/,
    /^data\/blobs\//,
    /^data\/desk-sessions\//,
    /^data\/batches\/\d+\//,
    /^data\/cache\/pages\//,
    /^data\/exports\//,
    /^backups\/sohoa-backup-[^/]+\/archive\.sqlite$/,
  ])
    assert.ok(
      names.some((n) => must.test(n)),
      `${must} among ${names.join(', ')}`,
    );
  const leaks: string[] = [];
  for (const [name, bytes] of images) {
    const contents = readable(bytes);
    for (const needle of needles())
      if (contents.some((c) => c.includes(needle))) leaks.push(`${name}: ${needle.toString()}`);
  }
  assert.deepEqual(leaks, []);
});

test(
  'the data folder is owner-only: folders 0700, files 0600',
  { skip: process.platform === 'win32' },
  () => {
    const loose: string[] = [];
    const walk = (dir: string) => {
      if ((fs.statSync(dir).mode & 0o777) !== 0o700) loose.push(`${dir} (folder)`);
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        // The OCR language data is hard-linked from the installed package (public, and the link
        // shares the package file's mode); the folder around it is owner-only like the rest.
        if (e.name === 'tessdata') continue;
        if (e.isDirectory()) walk(full);
        else if ((fs.statSync(full).mode & 0o077) !== 0) loose.push(full);
      }
    };
    walk(dataDir);
    assert.deepEqual(
      loose.map((l) => path.relative(work, l)),
      [],
    );
  },
);
