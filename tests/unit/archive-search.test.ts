// Folded full-text search: with or without diacritics, any case, đ = d; hits name the dossier and
// page and carry a snippet of the original text with the matched words marked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Archive } from '../../electron/core/archive/archive';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import { foldKeepingOffsets, renderMarks } from '../../electron/core/archive/search';
import { searchCommand } from '../../electron/cli/commands/search';
import { queryArchive } from '../../electron/core/records/archiveQuery';

const PAGES = [
  'TỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ, chữ đệm, tên: NGUYỄN VĂN AN\nNơi sinh: Bệnh viện Đa khoa tỉnh Đồng Tháp',
  'Người đi khai: Trần Thị Đào, đường Lê Lợi, phường Đông Hồ',
  // Decomposed (NFD) text, as some scanners' OCR gives it.
  'Ông Nguyễn Văn Anh, không phải người cần tìm'.normalize('NFD'),
];

function makeArchive(): { archive: Archive; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-search-'));
  const archive = new Archive(path.join(dir, 'archive.sqlite'));
  archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: 'Đăng ký khai sinh',
    metadata: { keyword: 'hộ tịch' },
    pages: PAGES.map((text, i) => ({
      ordinal: i + 1,
      sourceName: `p${i + 1}.jpg`,
      widthPx: 100,
      heightPx: 100,
      dpi: 200,
      text,
      confidence: 90,
    })),
    file: { sha256: sha256Hex(Buffer.from('x')), bytes: 1, signature: null },
  });
  archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T03:00:00Z'),
    title: 'Cấp giấy phép xây dựng',
    pages: [
      {
        ordinal: 1,
        sourceName: 'gp.jpg',
        widthPx: 100,
        heightPx: 100,
        dpi: 200,
        text: 'Chủ đầu tư: Phạm Đức Đạt',
        confidence: 90,
      },
    ],
    file: { sha256: sha256Hex(Buffer.from('y')), bytes: 1, signature: null },
  });
  return { archive, dir };
}

const marked = (h: { snippet: string; marks: [number, number][] }) =>
  h.marks.map(([a, b]) => h.snippet.slice(a, b));

test('the folded copy keeps the original’s length, so offsets map back', () => {
  for (const s of PAGES.map((p) => p.normalize('NFC'))) {
    const f = foldKeepingOffsets(s);
    assert.equal(f.length, s.length);
  }
  assert.equal(foldKeepingOffsets('NGUYỄN Văn ĐÀO'), 'nguyen van dao');
});

test('“nguyen van an”, “Nguyễn Văn An” and “NGUYEN VAN AN” find the same page', () => {
  const { archive } = makeArchive();
  const results = [
    'nguyen van an',
    'Nguyễn Văn An',
    'NGUYEN VAN AN',
    'Nguyễn Văn An'.normalize('NFD'),
  ].map((q) => archive.search(q));
  for (const hits of results) {
    assert.deepEqual(
      hits.map((h) => [h.dossierCode, h.page]),
      [['H49.64.33-261123-0001', 1]],
      'whole words: “Anh” on page 3 is not “An”',
    );
    assert.deepEqual(marked(hits[0]!), ['NGUYỄN', 'VĂN', 'AN']);
  }
  assert.match(results[0]![0]!.snippet, /NGUYỄN VĂN AN/);
  assert.equal(renderMarks(results[0]![0]!, false).includes('«NGUYỄN» «VĂN» «AN»'), true);
  archive.close();
});

test('đ and Đ fold to d, in the text and in the query', () => {
  const { archive } = makeArchive();
  const pageOf = (q: string) => archive.search(q).map((h) => [h.dossierCode.slice(-4), h.page]);
  assert.deepEqual(pageOf('tran thi dao'), [['0001', 2]]);
  assert.deepEqual(pageOf('ĐƯỜNG LÊ LỢI'), [['0001', 2]]);
  assert.deepEqual(pageOf('duc dat'), [['0002', 1]]);
  assert.deepEqual(pageOf('dong thap'), [['0001', 1]]);
  archive.close();
});

test('metadata is searched too; phrases, prefixes and stray operators are safe', () => {
  const { archive } = makeArchive();
  const meta = archive.search('ho tich');
  assert.deepEqual(
    meta.map((h) => [h.dossierCode, h.page]),
    [['H49.64.33-261123-0001', null]],
  );
  assert.deepEqual(marked(meta[0]!), ['hộ', 'tịch']);
  assert.equal(archive.search('giay phep').length, 1);
  assert.deepEqual(
    archive.search('nguyen anh*').map((h) => h.page),
    [3],
  );
  assert.deepEqual(archive.search('"an nguyen"').length, 0, 'phrase order matters');
  assert.deepEqual(
    archive.search('"van an"').map((h) => h.page),
    [1],
  );
  for (const q of ['OR', 'NOT "', 'a AND', '(*)', 'col:x', '""'])
    assert.doesNotThrow(() => archive.search(q), q);
  archive.close();
});

test('sohoa search prints the dossier, page and marked snippet', async () => {
  const { archive, dir } = makeArchive();
  archive.close();
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    const code = await searchCommand.run(['NGUYEN', 'VAN', 'AN', '--data-dir', dir], {
      lang: 'vi',
    });
    assert.equal(code, 0);
  } finally {
    console.log = log;
  }
  assert.match(lines[0]!, /^H49\.64\.33-261123-0001 · trang 1 · Đăng ký khai sinh$/);
  assert.match(lines[1]!, /«NGUYỄN» «VĂN» «AN»/);
});

test('prefix queries expand through the vocabulary, and fall back when a prefix is too common', () => {
  const { archive } = makeArchive();
  const many = Array.from({ length: 80 }, (_, i) => `xa${i}`).join(' ');
  archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T04:00:00Z'),
    title: 'Nhiều từ',
    pages: [
      {
        ordinal: 1,
        sourceName: 'x.jpg',
        widthPx: 1,
        heightPx: 1,
        dpi: 200,
        text: `Đường Đồng Khởi ${many}`,
        confidence: 90,
      },
    ],
    file: { sha256: sha256Hex(Buffer.from('z')), bytes: 1, signature: null },
  });
  // Ranked by relevance: which hits, not their order, is what prefix expansion decides.
  const pages = (q: string) =>
    archive
      .search(q)
      .map((h) => `${h.dossierCode.slice(-4)}#${h.page}`)
      .sort();
  assert.deepEqual(pages('dong*'), ['0001#1', '0001#2', '0003#1'], 'đồng, đông: two completions');
  assert.deepEqual(pages('duong dong*'), ['0001#2', '0003#1']);
  assert.deepEqual(
    pages('xa*'),
    ['0002#null', '0003#1'],
    'xây (metadata); 80 completions: FTS5 prefix',
  );
  assert.deepEqual(pages('xa7*'), ['0003#1']);
  assert.deepEqual(pages('zzz*'), [], 'no completion, no hit');
  archive.close();
});

test('every match is ranked: the oldest record, the best match, comes first among 500 newer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-search-'));
  const archive = new Archive(path.join(dir, 'archive.sqlite'));
  const add = (n: number, text: string, subject: string) =>
    archive.addRecord({
      agencyId: 'H49.64.33',
      receivedAt: new Date('2026-11-23T02:00:00Z'),
      title: `Hồ sơ ${n}`,
      pages: [
        {
          ordinal: 1,
          sourceName: 'p.jpg',
          widthPx: 1,
          heightPx: 1,
          dpi: 200,
          text,
          confidence: 90,
        },
      ],
      documents: [
        { pages: [1], metadata: { typeName: 'Quyết định', codeNumber: String(n), subject } },
      ],
      file: { sha256: sha256Hex(Buffer.from(String(n))), bytes: 1, signature: null },
    });
  const filler = 'căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 '.repeat(3);
  const oldest = add(
    0,
    'Thửa đất số 12: thửa đất liền kề, thửa đất chung',
    'Về quy hoạch, quy hoạch chung',
  );
  const organ = archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: 'Hồ sơ của Sở',
    pages: [
      {
        ordinal: 1,
        sourceName: 'p.jpg',
        widthPx: 1,
        heightPx: 1,
        dpi: 200,
        text: `${filler.repeat(4)} thửa đất ${filler.repeat(4)}`,
        confidence: 90,
      },
    ],
    documents: [{ pages: [1], metadata: { organName: 'Sở Xây dựng' } }],
    file: { sha256: sha256Hex(Buffer.from('organ')), bytes: 1, signature: null },
  });
  archive.database.transaction(() => {
    for (let n = 1; n <= 500; n++)
      add(
        n,
        `${filler} diện tích thửa đất ${n} mét vuông ${filler}`,
        `Về điều chỉnh quy hoạch khu ${n} ở phía nam thành phố`,
      );
  })();
  const page = archive.search('thua dat', { limit: 5 });
  assert.equal(page.length, 5);
  assert.deepEqual([page[0]!.recordId, page[0]!.page], [oldest.id, 1], 'best page, oldest record');
  // A filter narrows the ranking itself: the one record it keeps is found, though its page is the
  // weakest match of all 502.
  const kept = queryArchive(archive, 'thua dat', { organName: 'Sở Xây dựng' }, 5);
  assert.deepEqual(
    kept.map((h) => h.recordId),
    [organ.id],
  );
  const described = archive.search('Quy hoạch', { limit: 5 });
  assert.deepEqual([described[0]!.recordId, described[0]!.page], [oldest.id, null]);
  archive.close();
});
