// Erasing an applicant's personal data on a real populated data folder: a dossier received at the
// counter, its archived record (page texts, signed file, output copy, a cached render) and its
// search index. Refused while the retention period runs; afterwards the name and ID number are
// nowhere in the folder's files (the SQLite file and its WAL included), the archive still verifies,
// and the audit log says what was erased without the data.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Archive } from '../../electron/core/archive/archive';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { verifyFiles } from '../../electron/core/archive/open';
import { safeDirName } from '../../electron/core/archive/recordPackage';
import { openBatchDatabase } from '../../electron/core/batch/store/schema';
import {
  batchesOfRecord,
  redactBatchesOfRecord,
} from '../../electron/core/retention/batchOriginals';
import { exportRecord } from '../../electron/core/archive/recordPackage';
import { DossierStore } from '../../electron/core/dossier/store';
import { checkErase, ERASED_REASON, erasePersonalData } from '../../electron/core/retention/erase';
import { dataPaths } from '../../electron/core/config/paths';
import { isSohoaError } from '../../shared/errors';
import { DEFAULT_RETENTION } from '../../shared/settings';

const NAME = 'Khuất Thị Zuyênh';
const ID = '038199012345';
const ADDRESS = 'Thôn Quỳnh Đôi, xã Tân Hòa';
/** How the name is held in the folded search index. */
const FOLDED = 'zuyenh';

/** Every file under `dir` holding one of `needles` (as UTF-8 bytes). */
async function filesHolding(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    const bytes = await fs.readFile(p);
    for (const n of needles)
      if (bytes.includes(Buffer.from(n, 'utf8'))) hits.push(`${path.relative(dir, p)}: ${n}`);
  }
  return hits;
}

async function populated() {
  const data = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-erase-'));
  const archive = new Archive(dataPaths(data).database);
  const blobs = new BlobStore(path.join(data, 'blobs'));
  const store = new DossierStore(archive.database);
  const dossier = store.create({
    procedureCode: '1.001193',
    applicant: {
      fullName: NAME,
      idNumber: ID,
      source: 'qr',
      address: ADDRESS,
      dateOfBirth: '02/03/1990',
    },
    clerk: 'canbo1',
    agencyId: 'H49.64.33',
    at: new Date('2016-06-15T02:00:00Z'),
  });
  const text = `TỜ KHAI\nHọ và tên: ${NAME}\nSố định danh: ${ID}\nNơi cư trú: ${ADDRESS}`;
  store.addDocument(dossier.code, {
    text,
    classification: {
      type: 'to_khai',
      confidence: 0.9,
      needsReview: false,
      candidates: [],
    } as never,
    fields: [{ name: 'fullName', value: NAME, confidence: 0.9 }] as never,
  });
  const pdf = Buffer.from(`%PDF-1.7 page image of ${NAME} ${ID}`);
  const sha256 = await blobs.put(pdf);
  const record = archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2016-06-15T02:00:00Z'),
    title: `Đăng ký khai sinh - ${NAME}`,
    metadata: { maintenance: '06', startDate: '15/06/2016', endDate: '15/06/2016' },
    pages: [
      { ordinal: 1, sourceName: 'a.jpg', widthPx: 1, heightPx: 1, dpi: 200, text, confidence: 90 },
    ],
    file: { sha256, bytes: pdf.length, signature: null },
  });
  const db = archive.database;
  db.prepare(
    `UPDATE reception_dossiers SET archive_dossier_id = ?, state = 'uploaded' WHERE code = ?`,
  ).run(record.id, dossier.code);
  db.prepare(`UPDATE outbox SET state = 'done' WHERE dossier_id = ?`).run(record.id);
  await fs.mkdir(path.join(data, 'output'), { recursive: true });
  await fs.writeFile(path.join(data, 'output', record.fileName), pdf);
  // The batch that made it (its copy of the scan) and a package exported from it.
  const batches = openBatchDatabase(path.join(data, 'batches.sqlite'));
  const batchId = Number(
    batches
      .prepare(
        `INSERT INTO batches (title, state, source, folder, created_at, dossier_id, dossier_title)
         VALUES (?, 'done', 'files', ?, '2016-06-15', ?, ?)`,
      )
      .run(`Lô của ${NAME}`, `/scans/${NAME}`, record.id, `Đăng ký khai sinh - ${NAME}`)
      .lastInsertRowid,
  );
  batches
    .prepare(
      `INSERT INTO batch_files (batch_id, ordinal, name, path, bytes) VALUES (?, 1, ?, 'x', 1)`,
    )
    .run(batchId, `cccd ${NAME}.jpg`);
  // A return to the applicant whose reason names them (the table is append-only).
  db.prepare(
    `INSERT INTO reception_transitions (dossier_id, from_state, to_state, clerk, reason, at)
     SELECT id, 'received', 'returned', 'canbo1', ?, '2016-06-16T02:00:00Z'
       FROM reception_dossiers WHERE code = ?`,
  ).run(`Trả lại cho bà ${NAME}: thiếu giấy tờ`, dossier.code);
  await fs.mkdir(path.join(data, 'batches', String(batchId), 'inputs'), { recursive: true });
  await fs.writeFile(path.join(data, 'batches', String(batchId), 'inputs', 'scan.jpg'), pdf);
  await fs.mkdir(path.join(data, 'exports', safeDirName(record.code), 'data'), { recursive: true });
  await fs.writeFile(path.join(data, 'exports', safeDirName(record.code), 'data', 'x.pdf'), pdf);
  await fs.mkdir(path.join(data, 'cache', 'pages'), { recursive: true });
  await fs.writeFile(
    path.join(data, 'cache', 'pages', `${sha256}-p1-w1200.json`),
    JSON.stringify({ n: NAME }),
  );
  const batchDirsOf = (id: number) =>
    batchesOfRecord(batches, id).map((b) => path.join(data, 'batches', String(b)));
  const redactBatchesOf = (id: number) => redactBatchesOfRecord(batches, id);
  // A package handed out on a stick: outside the folder, beyond the erasure's reach.
  const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-stick-'));
  const exported = await exportRecord(archive, blobs, record.code, outside, 'canbo1');
  return {
    data,
    archive,
    blobs,
    dossier,
    record,
    batches,
    batchDirsOf,
    redactBatchesOf,
    outside,
    exported,
  };
}

test('an applicant’s personal data is erased everywhere once the period ends, and the chain verifies', async (t) => {
  const { data, archive, blobs, dossier, record, batchDirsOf, redactBatchesOf, outside, exported } =
    await populated().then((p) => {
      t.after(async () => {
        p.archive.close();
        p.batches.close();
        await fs.rm(p.outside, { recursive: true, force: true });
        await fs.rm(p.data, { recursive: true, force: true });
      });
      return p;
    });
  const deps = (at: string) => ({
    archive,
    dataDir: data,
    settings: () => DEFAULT_RETENTION,
    clock: () => new Date(at),
    batchDirsOf,
    redactBatchesOf,
  });
  const needles = [NAME, ID, ADDRESS, FOLDED];
  archive.database.pragma('wal_checkpoint(TRUNCATE)');
  assert.ok((await filesHolding(data, needles)).length >= 6, 'the data is there to begin with');

  // Kept 10 years from the year after 2016: not before 01/01/2027 (Vietnam time).
  const early = checkErase(deps('2026-12-31T16:59:00Z'), { dossierCode: dossier.code });
  assert.equal(early.erasable, false);
  assert.equal(early.retentionEnds, '01/01/2027');
  assert.equal(early.refusal?.code, 'RETENTION_NOT_ENDED');
  await assert.rejects(
    erasePersonalData(deps('2026-12-31T16:59:00Z'), { dossierCode: dossier.code }, 'canbo1'),
    (e) => isSohoaError(e) && e.info.code === 'RETENTION_NOT_ENDED',
  );

  const late = deps('2026-12-31T17:00:00Z');
  assert.equal(checkErase(late, { recordId: record.id }).erasable, true);
  const out = await erasePersonalData(late, { recordId: record.id }, 'canbo1');
  assert.deepEqual(out.problems, []);
  assert.equal(out.dossierCode, dossier.code);
  for (const part of [
    'applicant',
    'documentTexts',
    'pageTexts',
    'searchIndex',
    'recordFile',
  ] as const)
    assert.ok(out.erased.includes(part), part);

  assert.deepEqual(
    await filesHolding(data, needles),
    [],
    'no file of the data folder holds the data',
  );
  for (const part of ['transitionReasons', 'batchTitles'] as const)
    assert.ok(out.erased.includes(part), part);
  assert.equal(
    archive.database
      .prepare('SELECT reason FROM reception_transitions WHERE to_state = ?')
      .pluck()
      .get('returned'),
    ERASED_REASON,
  );
  // Still append-only afterwards: the trigger was put back.
  assert.throws(
    () => archive.database.prepare(`UPDATE reception_transitions SET reason = 'x'`).run(),
    /append-only/,
  );
  // The package on the stick is out of reach: listed, with where it is, and still there.
  assert.deepEqual(
    out.exportsOutside.map((x) => ({ location: x.location, present: x.present })),
    [{ location: path.resolve(exported.dir), present: true }],
  );
  assert.ok((await filesHolding(outside, [NAME])).length > 0, 'the copy outside is untouched');
  assert.deepEqual(archive.search(FOLDED), []);
  assert.equal(
    archive.database
      .prepare('SELECT count(*) FROM search_terms WHERE term = ?')
      .pluck()
      .get(FOLDED),
    0,
  );
  const report = archive.verify();
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.deepEqual(
    await verifyFiles({ archive, blobs, paths: dataPaths(data), close: () => {} }),
    [],
  );
  const entry = archive.audit.entriesFor('dossier', record.code).at(-1);
  assert.equal(entry?.action, 'dossier.personal_data_erased');
  assert.doesNotMatch(JSON.stringify(entry), /Zuyênh|038199012345/);
  assert.equal(checkErase(late, { dossierCode: dossier.code }).erasedAt, entry?.at);
  // The dossier still reads (its code, procedure and history stay) and names nobody.
  assert.notEqual(new DossierStore(archive.database).get(dossier.code)?.applicant.fullName, NAME);
});

test('a dossier still being processed, or kept permanently, is refused with its reason', async (t) => {
  const { data, archive, dossier, record, batches, outside } = await populated();
  t.after(async () => {
    archive.close();
    batches.close();
    await fs.rm(outside, { recursive: true, force: true });
    return fs.rm(data, { recursive: true, force: true });
  });
  const deps = {
    archive,
    dataDir: data,
    settings: () => DEFAULT_RETENTION,
    clock: () => new Date('2090-01-01'),
  };
  archive.database
    .prepare(`UPDATE outbox SET state = 'pending' WHERE dossier_id = ?`)
    .run(record.id);
  assert.equal(checkErase(deps, { dossierCode: dossier.code }).refusal?.code, 'ERASE_DOSSIER_OPEN');
  archive.database.prepare(`UPDATE outbox SET state = 'done' WHERE dossier_id = ?`).run(record.id);
  archive.updateRecordMetadata(record.code, { maintenance: '01' }, 'luutru');
  const permanent = checkErase(deps, { dossierCode: dossier.code });
  assert.equal(permanent.refusal?.code, 'RETENTION_PERMANENT');
  assert.match(permanent.refusal?.message.vi ?? '', /vĩnh viễn/);
  const other = new DossierStore(archive.database).create({
    procedureCode: '1.001193',
    applicant: { fullName: 'Lê Văn B', idNumber: '001200000001', source: 'typed' },
    clerk: 'canbo1',
    agencyId: 'H49.64.33',
  });
  assert.equal(checkErase(deps, { dossierCode: other.code }).refusal?.code, 'ERASE_DOSSIER_OPEN');
});

test('a refused dossier keeps its applicant for the years Cài đặt says, then is erased', async (t) => {
  const data = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-erase-refused-'));
  const archive = new Archive(dataPaths(data).database);
  t.after(() => {
    archive.close();
    return fs.rm(data, { recursive: true, force: true });
  });
  const at = new Date('2020-03-02T03:00:00Z');
  const store = new DossierStore(archive.database, () => at);
  const d = store.create({
    procedureCode: '1.001193',
    applicant: { fullName: NAME, idNumber: ID, source: 'typed', address: ADDRESS },
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
  });
  store.transition(d.code, 'refused', { clerk: 'cb.lan', reason: 'Không thuộc thẩm quyền', at });
  const deps = (now: string) => ({
    archive,
    dataDir: data,
    settings: () => ({ ...DEFAULT_RETENTION, unarchivedDossierYears: 5 }),
    clock: () => new Date(now),
  });
  // 5 years from the year after 2020: from 01/01/2026, Vietnam time.
  assert.equal(
    checkErase(deps('2025-12-31T16:00:00Z'), { dossierCode: d.code }).refusal?.code,
    'RETENTION_NOT_ENDED',
  );
  const out = await erasePersonalData(
    deps('2025-12-31T17:00:00Z'),
    { dossierCode: d.code },
    'cb.lan',
  );
  assert.equal(out.recordCode, null);
  // A reason may name the applicant, so every reason of the dossier is replaced.
  assert.deepEqual(out.erased, [
    'applicant',
    'documentTexts',
    'documentFields',
    'transitionReasons',
  ]);
  assert.deepEqual(await filesHolding(data, [NAME, ID, ADDRESS]), []);
  assert.equal(archive.verify().ok, true);
  assert.ok(checkErase(deps('2026-01-02T00:00:00Z'), { dossierCode: d.code }).erasedAt);
});

test('the erase takes only the record out of the search index: other records stay findable', async (t) => {
  const { data, archive, record, batches, batchDirsOf, redactBatchesOf } = await populated();
  t.after(() => {
    archive.close();
    batches.close();
    return fs.rm(data, { recursive: true, force: true });
  });
  const OTHER = 'Lương Văn Khoách';
  const other = archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2016-06-16T02:00:00Z'),
    title: `Đăng ký kết hôn - ${OTHER}`,
    pages: [
      {
        ordinal: 1,
        sourceName: 'b.jpg',
        widthPx: 1,
        heightPx: 1,
        dpi: 200,
        text: `TỜ KHAI\nHọ và tên: ${OTHER}\nNơi cư trú: Thôn Quỳnh Đôi`,
        confidence: 90,
      },
    ],
    file: { sha256: '1'.repeat(64), bytes: 1, signature: null },
  });
  // Both records' words in the same index segments, as in an archive merged over the years.
  archive.database.exec(`INSERT INTO page_fts (page_fts) VALUES ('optimize');
                         INSERT INTO record_fts (record_fts) VALUES ('optimize');`);
  const segments = () =>
    archive.database.prepare('SELECT count(*) FROM page_fts_data').pluck().get() as number;
  const before = segments();
  const out = await erasePersonalData(
    {
      archive,
      dataDir: data,
      settings: () => DEFAULT_RETENTION,
      clock: () => new Date('2027-01-02T00:00:00Z'),
      batchDirsOf,
      redactBatchesOf,
    },
    { recordId: record.id },
    'canbo1',
  );
  assert.deepEqual(out.problems, []);
  assert.deepEqual(archive.search(FOLDED), []);
  assert.deepEqual(archive.search(ID), []);
  assert.deepEqual(await filesHolding(data, [NAME, ID, FOLDED, '038199']), []);
  // The other record: found by its words in its page and its title, still in the file.
  assert.deepEqual(
    archive.search('khoach').map((h) => h.recordId),
    [other.id],
  );
  assert.deepEqual(
    archive.search('quynh doi').map((h) => [h.recordId, h.page]),
    [[other.id, 1]],
    'a word both had: still found, for the other record only',
  );
  assert.ok((await filesHolding(data, ['khoach'])).includes('archive.sqlite: khoach'));
  assert.equal(segments(), before, 'the index was not rewritten');
  const terms = archive.database.prepare('SELECT term FROM search_terms').pluck().all();
  assert.ok(terms.includes('khoach') && terms.includes('quynh'));
  assert.ok(!terms.includes(FOLDED));
});
