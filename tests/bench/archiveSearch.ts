// npm run bench:search — the archive search over every match (bm25 with field weights) against
// the search it replaced (each word's newest 200 matches ranked), measured in the same run on
// the same archive. Fills a real archive (the addRecord path, a document per record with its
// number, notation, type, issuing body and subject) to each checkpoint (BENCH_SEARCH_PAGES,
// default 20,000 and 100,000 pages) and prints, per query class, wall and CPU p50/p95 for both,
// and where the oldest record, planted as the best match, is listed; then, on the full archive,
// the erase's index work (one record's rows out in place) against the whole-index merge it replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../electron/core/archive/archive';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import {
  indexRecordText,
  recordSearchText,
  unindexRecordPages,
} from '../../electron/core/archive/recordIndex';
import { withStatementCache } from '../../electron/core/archive/connection';
import { searchBefore } from './searchBefore';

const CHECKPOINTS = (process.env.BENCH_SEARCH_PAGES ?? '20000,100000').split(',').map(Number);
const PAGES_PER_RECORD = 10;
const RECORDS_PER_TX = 50;
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 7);

let seed = 20261208;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const NAMES = ['Nguyễn Văn An', 'Trần Thị Đào', 'Lê Hữu Phúc', 'Phạm Minh Tuấn', 'Đỗ Thu Hà'];
const ORGANS = ['UBND tỉnh Đồng Tháp', 'Sở Tài nguyên và Môi trường', 'UBND phường Bến Nghé'];
const TYPES: [string, string][] = [
  ['Quyết định', 'QĐ-UBND'],
  ['Công văn', 'UBND-VP'],
  ['Thông báo', 'TB-STNMT'],
  ['Kế hoạch', 'KH-UBND'],
  ['Báo cáo', 'BC-UBND'],
];
const PHRASES = [
  'Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc',
  'giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở',
  'căn cước công dân số',
  'Ủy ban nhân dân phường',
  'đường Lê Lợi thành phố Hồ Chí Minh',
  'phê duyệt nhiệm vụ điều chỉnh quy hoạch chung',
  'xác nhận tình trạng hôn nhân',
  'diện tích thửa đất mét vuông tờ bản đồ số',
  'Ninh Kiều Hải Châu Cầu Giấy Tân Định',
  'căn cứ Luật Tổ chức chính quyền địa phương',
];
/** Subjects (trích yếu): words a record is found by through its description. */
const SUBJECTS = [
  'giao đất cho hộ gia đình',
  'kế hoạch cải cách hành chính năm 2025',
  'báo cáo tình hình thu ngân sách',
  'điều chỉnh quy hoạch chung đô thị',
];
// Filler words drawn with Zipf's law from made-up syllables, so word frequencies spread as in real
// text (a few words on every page, most on few) and bm25 has something to tell apart.
const ONSETS = [
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'kh',
  'l',
  'm',
  'n',
  'ng',
  'nh',
  'ph',
  's',
  't',
  'tr',
  'v',
  'x',
];
const RHYMES = [
  'a',
  'ai',
  'am',
  'an',
  'ang',
  'anh',
  'ao',
  'âm',
  'ân',
  'ây',
  'em',
  'en',
  'ênh',
  'im',
  'inh',
  'oi',
  'ong',
  'ôi',
  'ơn',
  'um',
  'ung',
  'ươi',
  'ương',
];
const SYLLABLES = ONSETS.flatMap((o) => RHYMES.map((r) => o + r));
const ZIPF = SYLLABLES.map((_, r) => 1 / (r + 1));
const ZIPF_SUM = ZIPF.reduce((x, y) => x + y, 0);
const filler = () => {
  let u = rnd() * ZIPF_SUM;
  for (let r = 0; r < ZIPF.length; r++) if ((u -= ZIPF[r]!) <= 0) return SYLLABLES[r]!;
  return SYLLABLES[0]!;
};
const page = () => {
  const parts: string[] = [];
  while (parts.join(' ').length < 1100)
    parts.push(
      rnd() < 0.1
        ? `Họ và tên: ${pick(NAMES)}`
        : rnd() < 0.15
          ? pick(PHRASES)
          : Array.from({ length: 6 }, filler).join(' '),
    );
  return parts.join('\n');
};

/** The oldest record's first page says the planted words most (its subject does not). */
const PLANTED = 'thửa đất, thửa đất liền kề và thửa đất chung';
const QUERIES: Record<string, string[]> = {
  'one word': ['Kiều', 'hôn', 'ngân'],
  'two words': ['tình trạng', 'Lê Lợi', 'giao đất'],
  'common word': ['Việt Nam', 'Nguyễn', 'số'],
  'code / ký hiệu': ['120/QĐ-UBND', 'SOHOA.BENCH-261208-0001', 'KH-UBND'],
  prefix: ['thang*', 'quy ho*'],
};

let records = 0;
function addRecord(archive: Archive): void {
  records++;
  const [typeName, notation] = pick(TYPES);
  const planted = records === 1;
  const texts = Array.from({ length: PAGES_PER_RECORD }, (_, i) =>
    planted && i === 0 ? `${PLANTED}\n${page()}` : page(),
  );
  archive.addRecord({
    agencyId: 'SOHOA.BENCH',
    receivedAt: new Date('2026-12-08T02:00:00Z'),
    title: `${typeName} số ${records}`,
    pages: texts.map((text, i) => ({
      ordinal: i + 1,
      sourceName: `p${i + 1}.jpg`,
      widthPx: 1654,
      heightPx: 2339,
      dpi: 200,
      text,
      confidence: 90,
    })),
    documents: [
      {
        pages: texts.map((_, i) => i + 1),
        metadata: {
          typeName,
          codeNumber: String(records),
          codeNotation: notation,
          organName: pick(ORGANS),
          issuedDate: `${String(1 + (records % 28)).padStart(2, '0')}/0${1 + (records % 9)}/2024`,
          subject: `Về việc ${pick(SUBJECTS)}`,
        },
      },
    ],
    file: { sha256: sha256Hex(Buffer.from(String(records))), bytes: 1, signature: null },
  });
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

type Run = (q: string) => { recordId: number }[];
interface Sample {
  wall: number[];
  cpu: number[];
}

function time(run: Run, q: string, into: Sample): { recordId: number }[] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const hits = run(q);
  into.wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  into.cpu.push((c.user + c.system) / 1000);
  return hits;
}

const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'sohoa-search-'));
const archive = new Archive(path.join(dir, 'archive.sqlite'));
const a = withStatementCache(archive.database);
const after: Run = (q) => archive.search(q, { limit: 20 });
const before: Run = (q) => searchBefore(archive.database, q, (id) => recordSearchText(a, id), 20);
const fmt = (xs: number[]) => `${percentile(xs, 50).toFixed(2)} / ${percentile(xs, 95).toFixed(2)}`;

console.log(`Search bench in ${dir}; ${ROUNDS} rounds per query, before and after alternating.`);
console.log(
  '| pages | query class | before wall p50 / p95 (ms) | after wall p50 / p95 (ms) | before CPU p50 / p95 (ms) | after CPU p50 / p95 (ms) | after / before (CPU p50) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const target of CHECKPOINTS) {
  while (records * PAGES_PER_RECORD < target)
    archive.database.transaction(() => {
      for (let i = 0; i < RECORDS_PER_TX && records * PAGES_PER_RECORD < target; i++)
        addRecord(archive);
    })();
  archive.search('warm up');
  for (const [kind, queries] of Object.entries(QUERIES)) {
    const b: Sample = { wall: [], cpu: [] };
    const n: Sample = { wall: [], cpu: [] };
    for (let round = 0; round < ROUNDS; round++)
      for (const q of queries) {
        time(before, q, b);
        time(after, q, n);
      }
    const ratio = percentile(n.cpu, 50) / Math.max(percentile(b.cpu, 50), 1e-3);
    console.log(
      `| ${target.toLocaleString('en')} | ${kind} | ${fmt(b.wall)} | ${fmt(n.wall)} | ${fmt(b.cpu)} | ${fmt(n.cpu)} | ${ratio.toFixed(2)} |`,
    );
  }
  const place = (run: Run) => {
    const i = run('thửa đất').findIndex((h) => h.recordId === 1);
    return i < 0 ? 'not listed' : `#${i + 1}`;
  };
  console.log(
    `| ${target.toLocaleString('en')} | oldest record, best match for “thửa đất” | ${place(before)} | ${place(after)} | | | |`,
  );
}
// The erase's index work on the full archive: the record's rows taken out in place (now), against
// what it did before, a merge of the whole index (optimize) and a scan of its whole vocabulary.
const db = archive.database;
const cpuMs = (f: () => void) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return `${(performance.now() - t0).toFixed(1)} ms (CPU ${((c.user + c.system) / 1000).toFixed(1)} ms)`;
};
const inPlace = cpuMs(() =>
  db.transaction(() => {
    unindexRecordPages(a, records);
    db.prepare(`UPDATE pages SET text = '' WHERE dossier_id = ?`).run(records);
    indexRecordText(a, records);
  })(),
);
const wholeIndex = cpuMs(() => {
  db.exec(`INSERT INTO page_fts (page_fts) VALUES ('optimize');
           INSERT INTO record_fts (record_fts) VALUES ('optimize');
           CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, page_fts, 'row');
           DELETE FROM search_terms WHERE term NOT IN (SELECT term FROM temp.vocab);
           DROP TABLE temp.vocab;`);
});
console.log(
  `\n| erase of one record's index rows, ${(records * PAGES_PER_RECORD).toLocaleString('en')} pages | before: whole index merged | after: in place |`,
);
console.log('|---|---|---|');
console.log(`| wall (CPU) | ${wholeIndex} | ${inPlace} |`);
archive.close();
if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
