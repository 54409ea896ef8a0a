// npm run bench:archive — ingest synthetic Vietnamese OCR pages into a real archive (the full
// addRecord path: metadata, folded search index, audit entry + anchor, outbox row, one
// durable transaction per 10-page dossier) until BENCH_PAGES (default 1,000,000) or BENCH_MINUTES
// (default 10), and at each checkpoint report the ingest rate, database size per page and search
// latency p50/p95 over a fixed query set. The peer, measured in the same run, is a full scan of
// the pages (instr over the text), what an archive without an index would do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../electron/core/archive/archive';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import { measureVaultCost } from './vaultCost';

const TARGET_PAGES = Number(process.env.BENCH_PAGES ?? 1_000_000);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const PAGES_PER_RECORD = 10;
/** >1 commits that many dossiers per transaction: a fast fill to reach 1M pages for the search
 * numbers (the ingest column then measures bulk loading, not one durable commit per dossier). */
const RECORDS_PER_TX = Number(process.env.BENCH_DOSSIERS_PER_TX ?? 1);
const CHECKPOINTS = [10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000].filter(
  (c) => c <= TARGET_PAGES,
);

// A small deterministic generator so every run ingests the same text.
let seed = 20261123;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const HO = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const DEM = [
  'Văn',
  'Thị',
  'Hữu',
  'Đức',
  'Minh',
  'Thanh',
  'Ngọc',
  'Quang',
  'Xuân',
  'Thu',
  'Hoài',
  'Kim',
];
const TEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đào',
  'Giang',
  'Hà',
  'Hải',
  'Hương',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
  'Đạt',
];
const PHRASES = [
  'Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc',
  'tờ khai đăng ký khai sinh',
  'giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở và tài sản khác gắn liền với đất',
  'đơn đề nghị cấp bản sao trích lục hộ tịch',
  'căn cước công dân số',
  'nơi thường trú',
  'Ủy ban nhân dân phường',
  'đường Lê Lợi thành phố Hồ Chí Minh',
  'hợp đồng chuyển nhượng quyền sử dụng đất',
  'giấy phép xây dựng nhà ở riêng lẻ',
  'xác nhận tình trạng hôn nhân',
  'người yêu cầu cam đoan những nội dung khai trên đây là đúng sự thật',
  'diện tích thửa đất mét vuông tờ bản đồ số',
  'ngày tháng năm sinh giới tính dân tộc Kinh quốc tịch Việt Nam',
];
const WARDS = [
  'Bến Nghé',
  'Đa Kao',
  'Tân Định',
  'Phú Nhuận',
  'Đống Đa',
  'Cầu Giấy',
  'Hoàn Kiếm',
  'Ninh Kiều',
  'Hải Châu',
];

const person = () => `${pick(HO)} ${pick(DEM)} ${pick(TEN)}`;
function page(): string {
  const parts: string[] = [];
  while (parts.join(' ').length < 1100)
    parts.push(
      rnd() < 0.3
        ? `Họ và tên: ${person()}`
        : rnd() < 0.2
          ? `phường ${pick(WARDS)} số ${Math.floor(rnd() * 999)}/${Math.floor(rnd() * 99)}`
          : pick(PHRASES),
    );
  return parts.join('\n');
}

const QUERIES = [
  'nguyen van an',
  'Nguyễn Văn An',
  'TRAN THI DAO',
  'do duc dat',
  'giay chung nhan quyen su dung dat',
  'xác nhận tình trạng hôn nhân',
  '"duong le loi"',
  'thang*',
  'phuong ben nghe',
  'ly kim vy',
  'Ninh Kiều hợp đồng',
  'SOHOA.BENCH-261123-0001',
];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function measureSearch(archive: Archive): {
  p50: number;
  p95: number;
  hits: number;
  slowest: string;
} {
  const times: number[] = [];
  const perQuery = new Map<string, number>();
  let hits = 0;
  for (let round = 0; round < 5; round++)
    for (const q of QUERIES) {
      const t0 = performance.now();
      hits += archive.search(q, { limit: 20 }).length;
      const ms = performance.now() - t0;
      times.push(ms);
      perQuery.set(q, Math.max(perQuery.get(q) ?? 0, ms));
    }
  const [slowQ, slowMs] = [...perQuery].sort((a, b) => b[1] - a[1])[0]!;
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    hits: hits / 5,
    slowest: `${slowQ} (${slowMs.toFixed(0)} ms)`,
  };
}

function measureScan(archive: Archive): number {
  const times: number[] = [];
  const stmt = archive.database.prepare(
    "SELECT id FROM pages WHERE instr(text, 'Nguyễn Văn An') > 0 ORDER BY id DESC LIMIT 20",
  );
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    stmt.all();
    times.push(performance.now() - t0);
  }
  return percentile(times, 50);
}

const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'sohoa-bench-'));
const file = path.join(dir, 'archive.sqlite');
const archive = new Archive(file, { clock: () => new Date('2026-11-23T03:00:00Z') });
const size = () =>
  ['', '-wal'].reduce((n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0);

console.log(`Archive bench in ${dir}: up to ${TARGET_PAGES} pages or ${MINUTES} min`);
const rows: string[] = [];
const deadline = Date.now() + MINUTES * 60_000;
let pages = 0;
let dossiers = 0;
let segmentStart = performance.now();
let segmentPages = 0;
const t0 = performance.now();
const header =
  '| pages | dossiers | ingest (pages/s, last segment) | DB bytes/page | search p50 (ms) | search p95 (ms) | avg hits | peer: full scan (ms) | slowest query (max) |';
console.log(header);
console.log('|---|---|---|---|---|---|---|---|---|');
const receivedAt = new Date('2026-11-23T02:00:00Z');
function ingestOne(): void {
  dossiers++;
  const texts = Array.from({ length: PAGES_PER_RECORD }, page);
  archive.addRecord({
    agencyId: 'SOHOA.BENCH',
    receivedAt,
    title: `Hồ sơ của ${person()}`,
    pages: texts.map((text, i) => ({
      ordinal: i + 1,
      sourceName: `p${i + 1}.jpg`,
      widthPx: 1654,
      heightPx: 2339,
      dpi: 200,
      text,
      confidence: 90,
    })),
    file: { sha256: sha256Hex(Buffer.from(String(dossiers))), bytes: 1, signature: null },
  });
  pages += PAGES_PER_RECORD;
  segmentPages += PAGES_PER_RECORD;
}

for (const next of CHECKPOINTS) {
  while (pages < next && Date.now() < deadline) {
    if (RECORDS_PER_TX > 1)
      archive.database.transaction(() => {
        for (let i = 0; i < RECORDS_PER_TX; i++) ingestOne();
      })();
    else ingestOne();
  }
  const rate = segmentPages / ((performance.now() - segmentStart) / 1000);
  const s = measureSearch(archive);
  const scan = measureScan(archive);
  const row = `| ${pages.toLocaleString('en')} | ${dossiers.toLocaleString('en')} | ${Math.round(rate)} | ${Math.round(size() / pages)} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.hits.toFixed(1)} | ${scan.toFixed(0)} | ${s.slowest} |`;
  console.log(row);
  rows.push(row);
  segmentStart = performance.now();
  segmentPages = 0;
  if (Date.now() >= deadline) break;
}
console.log(
  `\n${pages.toLocaleString('en')} pages in ${((performance.now() - t0) / 1000).toFixed(0)} s; ` +
    `database ${(size() / 1024 / 1024).toFixed(0)} MiB; integrity_check skipped (slow at this size).`,
);
archive.close();
// The cost of encryption at rest (BENCH_VAULT_PAGES=0 skips it).
const vaultPages = Number(process.env.BENCH_VAULT_PAGES ?? 20_000);
if (vaultPages > 0) await measureVaultCost(dir, vaultPages, page, measureSearch);
if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
