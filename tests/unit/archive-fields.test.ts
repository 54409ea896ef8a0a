// Document fields as the machine read them, reviewed by the archivist: values in the metadata,
// confidence and region beside them, accept and edit logged, a title built from the fields
// rebuilt after an edit; search ranks by relevance with the new filters; a reception dossier
// linked afterwards is found by its applicant's ID number.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Archive } from '../../electron/core/archive/archive';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import { queryArchive, archiveFacets } from '../../electron/core/records/archiveQuery';
import { describeFirstPage } from '../../electron/core/pipeline/describeRecord';
import { documentTitle } from '../../shared/documentTitle';
import { searchCommand } from '../../electron/cli/commands/search';

const page = (text: string, ordinal = 1) => ({
  ordinal,
  sourceName: `p${ordinal}.jpg`,
  widthPx: 1000,
  heightPx: 1400,
  dpi: 200,
  text,
  confidence: 90,
});

const DECISION = {
  typeName: 'Quyết định',
  codeNumber: '1009',
  codeNotation: 'QĐ-TTg',
  issuedDate: '19/09/2024',
  organName: 'THỦ TƯỚNG CHÍNH PHỦ',
  subject: 'Phê duyệt nhiệm vụ điều chỉnh quy hoạch tỉnh',
};

function archiveWithDecision() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-fields-'));
  const archive = new Archive(path.join(dir, 'archive.sqlite'));
  const title = documentTitle(DECISION)!;
  const rec = archive.addRecord({
    agencyId: 'H49',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title,
    pages: [page('Phê duyệt nhiệm vụ điều chỉnh quy hoạch tỉnh Quảng Ngãi thời kỳ 2021-2030')],
    file: { sha256: sha256Hex(Buffer.from('d')), bytes: 1, signature: null },
    documents: [
      {
        metadata: DECISION,
        pages: [1],
        readFields: {
          typeName: { value: 'Quyết định', confidence: 0.95, source: 'ocr' },
          codeNumber: {
            value: '1009',
            confidence: 0.9,
            source: 'ocr',
            page: 1,
            region: { x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.13 },
          },
          codeNotation: { value: 'QĐ-TTg', confidence: 0.92, source: 'ocr' },
          issuedDate: { value: '19/09/2024', confidence: 0.6, source: 'ocr' },
          organName: { value: 'THỦ TƯỚNG CHÍNH PHỦ', confidence: 0.7, source: 'ocr' },
        },
      },
    ],
  });
  return { archive, dir, rec, title };
}

test('a title from the fields reads like an archivist’s heading', () => {
  assert.equal(
    documentTitle(DECISION),
    'Quyết định 1009/QĐ-TTg ngày 19/09/2024 của Thủ tướng chính phủ – Phê duyệt nhiệm vụ điều chỉnh quy hoạch tỉnh',
  );
  assert.equal(documentTitle({ organName: 'X' }), null, 'no type, no subject: no title');
});

test('fields as read carry confidence and region; accept and edit are logged and retitle', () => {
  const { archive, rec, title } = archiveWithDecision();
  let view = archive.recordFields(rec.id);
  assert.equal(view.title, title);
  assert.equal(view.unreviewed, 5);
  const number = view.documents[0]!.fields.find((f) => f.field === 'codeNumber')!;
  assert.equal(number.value, '1009');
  assert.deepEqual(number.read?.region, { x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.13 });
  assert.equal(number.state, 'unreviewed');
  const subject = view.documents[0]!.fields.find((f) => f.field === 'subject')!;
  assert.equal(subject.read, null, 'given, not read');
  assert.equal(archive.unreviewedRecords([rec.id]), 1);

  // The high-confidence ones in one go: typeName, codeNumber, codeNotation (≥ 0.8).
  view = archive.reviewFields(
    rec.id,
    { document: 1, accept: [], edits: [], acceptConfident: true },
    'an',
  );
  assert.equal(view.unreviewed, 2);
  const states = Object.fromEntries(view.documents[0]!.fields.map((f) => [f.field, f.state]));
  assert.equal(states.codeNotation, 'accepted');
  assert.equal(states.issuedDate, 'unreviewed');

  const before = archive.recordHash(rec.id);
  view = archive.reviewFields(
    rec.id,
    {
      document: 1,
      accept: ['organName'],
      edits: [{ field: 'issuedDate', value: '9/9/2024' }],
      acceptConfident: false,
    },
    'an',
  );
  assert.equal(view.unreviewed, 0);
  assert.equal(archive.unreviewedRecords([rec.id]), 0);
  assert.equal(archive.documentsOf(rec.id)[0]!.metadata.issuedDate, '09/09/2024');
  assert.match(view.title, /ngày 09\/09\/2024/, 'the built title follows the edit');
  assert.notEqual(archive.recordHash(rec.id), before);
  const log = archive.audit.entriesFor('dossier', rec.code).map((e) => e.action);
  assert.deepEqual(log, [
    'dossier.recorded',
    'dossier.fields_reviewed',
    'dossier.metadata_changed',
  ]);
  assert.equal(archive.verify().ok, true, 'the log holds the record as it is now');
  assert.throws(
    () =>
      archive.reviewFields(
        rec.id,
        {
          document: 1,
          accept: [],
          edits: [{ field: 'issuedDate', value: '31/02/2024' }],
          acceptConfident: false,
        },
        'an',
      ),
    /METADATA_INVALID|calendar/,
  );
  archive.close();
});

test('search: the notation ranks its record above a page that only mentions it; filters on body and year', async () => {
  const { archive, rec, dir } = archiveWithDecision();
  const other = archive.addRecord({
    agencyId: 'H49',
    receivedAt: new Date('2026-11-24T02:00:00Z'),
    title: 'Công văn về việc triển khai',
    pages: [page('Căn cứ Quyết định số 1009/QĐ-TTg về quy hoạch tỉnh, đề nghị các sở triển khai')],
    file: { sha256: sha256Hex(Buffer.from('e')), bytes: 1, signature: null },
    documents: [
      {
        metadata: {
          typeName: 'Công văn',
          organName: 'UBND TỈNH QUẢNG NGÃI',
          issuedDate: '02/01/2025',
        },
        pages: [1],
      },
    ],
  });
  const hits = archive.search('1009/QĐ-TTg');
  assert.deepEqual(
    hits.map((h) => [h.recordId, h.page]),
    [
      [rec.id, null],
      [other.id, 1],
    ],
    'newer record mentions it in its text; the decision itself comes first',
  );
  const q = (filters: Parameters<typeof queryArchive>[2], query = 'quy hoach') =>
    queryArchive(archive, query, filters, 10).map((h) => h.recordId);
  assert.deepEqual(q({ year: 2025 }), [other.id]);
  assert.deepEqual(q({ year: 2024 }), [rec.id]);
  assert.deepEqual(q({ organName: 'THỦ TƯỚNG CHÍNH PHỦ' }, ''), [rec.id]);
  assert.deepEqual(q({ docType: 'official_letter' }, ''), [other.id]);
  const facets = archiveFacets(archive);
  assert.deepEqual(
    facets.years.map((y) => y.value),
    ['2025', '2024'],
  );
  assert.equal(facets.organNames.length, 2);
  archive.close();

  // `sohoa search` takes the same filters.
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    const code = await searchCommand.run(['quy hoach', '--year', '2025', '--data-dir', dir], {
      lang: 'vi',
    });
    assert.equal(code, 0);
  } finally {
    console.log = log;
  }
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0]!, /^H49-261124-0001 · trang 1 · Công văn về việc triển khai$/);
});

test('a reception dossier linked after archiving is found by the applicant’s ID number and name', () => {
  const { archive, rec } = archiveWithDecision();
  const db = archive.database;
  db.prepare(
    `INSERT INTO reception_dossiers (code, procedure_code, applicant, state, created_at, updated_at)
     VALUES ('H49-261123-0001', '1.001', ?, 'signed', 'x', 'x')`,
  ).run(JSON.stringify({ fullName: 'Trần Thị Đào', idNumber: '051190001234', source: 'qr' }));
  assert.equal(archive.search('051190001234').length, 0);
  // The reception links its dossier through its own connection: the trigger queues the record.
  db.prepare(
    "UPDATE reception_dossiers SET archive_dossier_id = ? WHERE code = 'H49-261123-0001'",
  ).run(rec.id);
  assert.deepEqual(
    archive.search('051190001234').map((h) => h.recordId),
    [rec.id],
  );
  assert.deepEqual(
    archive.search('tran thi dao').map((h) => h.recordId),
    [rec.id],
  );
  assert.deepEqual(archive.search('H49-261123-0001').map((h) => h.recordId)[0], rec.id);
  archive.close();
});

test('the pipeline describes a decision from the lines it read, and leaves a personal paper alone', () => {
  const line = (text: string, y: number, x = 100) => ({
    words: text.split(' ').map((w, i) => ({
      text: w,
      box: { x0: x + i * 60, y0: y, x1: x + i * 60 + 50, y1: y + 30 },
      confidence: 90,
    })),
    box: { x0: x, y0: y, x1: x + text.split(' ').length * 60, y1: y + 30 },
  });
  const lines = [
    line('THỦ TƯỚNG CHÍNH PHỦ', 100),
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 100, 900),
    line('Độc lập - Tự do - Hạnh phúc', 140, 950),
    line('Số: 1009/QĐ-TTg', 180),
    line('Hà Nội, ngày 19 tháng 9 năm 2024', 180, 950),
    line('QUYẾT ĐỊNH', 300, 700),
    line('Phê duyệt nhiệm vụ điều chỉnh quy hoạch tỉnh Quảng Ngãi', 350, 400),
    line('THỦ TƯỚNG CHÍNH PHỦ', 450, 700),
    line('Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Căn cứ Luật Quy hoạch', 500),
  ];
  const ocr = {
    text: '',
    confidence: 90,
    lines,
    widthPx: 2000,
    heightPx: 2800,
  };
  const d = describeFirstPage({ ocr, widthPx: 2000, heightPx: 2800, textFromSource: false }, 3);
  assert.ok(d);
  assert.equal(d.metadata.typeName, 'Quyết định');
  assert.equal(d.metadata.codeNumber, '1009');
  assert.equal(d.metadata.codeNotation, 'QĐ-TTg');
  assert.equal(d.metadata.issuedDate, '19/09/2024');
  assert.match(d.title ?? '', /^Quyết định 1009\/QĐ-TTg ngày 19\/09\/2024/);
  const r = d.readFields.codeNotation?.region;
  assert.ok(r && r.x0 >= 0 && r.x1 <= 1 && r.y0 < r.y1, 'region as fractions of the page');

  const card = describeFirstPage(
    {
      ocr: {
        ...ocr,
        lines: [line('CĂN CƯỚC CÔNG DÂN', 100), line('Số định danh cá nhân 051190001234', 150)],
      },
      widthPx: 2000,
      heightPx: 2800,
      textFromSource: false,
    },
    1,
  );
  assert.equal(card, null);
});
