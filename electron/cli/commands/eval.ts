// `sohoa eval ocr --dir DIR`: how well the real pipeline reads pages whose text we know. Every
// page image with a NAME.gt.txt beside it goes through the same digitize path a clerk uses (one
// batch, a throw-away data folder), and the text the archive records for it is compared with the
// ground truth: CER and WER per page and overall. The last line is always
// `CER <percent>% over <N> pages`, so scripts and notes can quote it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SohoaError } from '../../../shared/errors';
import { characterErrorRate, overallRate, wordErrorRate, type ErrorRate } from '../../core/ocr/cer';
import { coreOptionsFromEnv, openCore } from '../../core/pipeline/core';
import { messagesOf, type Lang } from '../messages';
import { evalClassifyCommand, evalExtractCommand } from './evalClassify';
import type { Command } from './types';
import { USAGE } from '../usage';

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'];

const TEXT = {
  usage: {
    vi: 'Cách dùng: sohoa eval ocr --dir THƯ_MỤC [--json] [--data-dir THƯ_MỤC]',
    en: 'Usage: sohoa eval ocr --dir DIR [--json] [--data-dir DIR]',
  },
  noPages: {
    vi: 'Không có trang nào kèm văn bản chuẩn (TÊN.png + TÊN.gt.txt) trong {dir}',
    en: 'No page with ground truth (NAME.png + NAME.gt.txt) in {dir}',
  },
  running: {
    vi: 'Đang nhận dạng {n} trang qua quy trình số hóa…',
    en: 'Recognizing {n} page(s) through the digitize pipeline…',
  },
  failed: { vi: 'không đọc được', en: 'not read' },
  page: { vi: 'Trang', en: 'Page' },
  overallWer: { vi: 'WER {wer}% trên {n} trang', en: 'WER {wer}% over {n} pages' },
  time: { vi: 'Thời gian: {s} giây ({ppm} trang/phút)', en: 'Time: {s} s ({ppm} pages/min)' },
} as const;

const say = messagesOf(TEXT);

export interface EvalPage {
  name: string;
  /** The file's error message when the pipeline could not read it; its text then counts as ''. */
  error?: string;
  cer: ErrorRate;
  wer: ErrorRate;
  confidence: number | null;
  text: string;
}

export interface EvalReport {
  dir: string;
  pages: EvalPage[];
  cer: ErrorRate;
  wer: ErrorRate;
  seconds: number;
}

/** NAME.<image> files that have NAME.gt.txt beside them, sorted by name. */
export async function findGroundTruthPages(
  dir: string,
): Promise<{ name: string; image: string; truth: string }[]> {
  const entries = new Set(await fs.readdir(dir));
  const pages: { name: string; image: string; truth: string }[] = [];
  for (const file of [...entries].sort()) {
    const ext = path.extname(file).toLowerCase();
    if (!IMAGE_EXTENSIONS.includes(ext)) continue;
    const name = file.slice(0, -ext.length);
    if (!entries.has(`${name}.gt.txt`)) continue;
    pages.push({
      name,
      image: path.join(dir, file),
      truth: path.join(dir, `${name}.gt.txt`),
    });
  }
  return pages;
}

export async function evaluateOcr(
  dir: string,
  opts: { dataDir?: string; onStart?: (n: number) => void } = {},
): Promise<EvalReport> {
  const pages = await findGroundTruthPages(dir);
  if (pages.length === 0) throw new SohoaError('BAD_REQUEST', dir);
  opts.onStart?.(pages.length);
  const scratch = opts.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-eval-')));
  const started = performance.now();
  const core = await openCore({ ...coreOptionsFromEnv(), dataDir: scratch });
  try {
    const outcome = await core.digitize(
      pages.map((p) => ({ name: p.image, read: () => fs.readFile(p.image) })),
      { title: `Đánh giá OCR: ${path.basename(dir)}`, outDir: path.join(scratch, 'output') },
    );
    const seconds = (performance.now() - started) / 1000;
    const recorded = outcome.record ? core.archive.getRecord(outcome.record.id)?.pages : [];
    const out: EvalPage[] = [];
    for (const p of pages) {
      // Pages are recorded under the file's name (a multi-page file as "name#2", "name#3"…).
      const mine = (recorded ?? []).filter((r) => sameSource(r.sourceName, p.image));
      const text = mine.map((r) => r.text).join('\n');
      const truth = await fs.readFile(p.truth, 'utf8');
      const error = outcome.fileErrors.find((e) => e.message.en.includes(path.basename(p.image)));
      out.push({
        name: p.name,
        ...(mine.length === 0 || error ? { error: error?.message.en ?? 'no page recorded' } : {}),
        cer: characterErrorRate(truth, text),
        wer: wordErrorRate(truth, text),
        confidence: mine.length
          ? Math.round((mine.reduce((s, r) => s + r.confidence, 0) / mine.length) * 10) / 10
          : null,
        text,
      });
    }
    return {
      dir,
      pages: out,
      cer: overallRate(out.map((p) => p.cer)),
      wer: overallRate(out.map((p) => p.wer)),
      seconds,
    };
  } finally {
    await core.close();
    if (!opts.dataDir) await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** Whether a recorded page came from `file`, named by path or by base name, with or without "#n". */
function sameSource(recorded: string, file: string): boolean {
  const name = recorded.replace(/#\d+$/, '');
  return name === file || name === path.basename(file);
}

const pct = (r: ErrorRate) => (r.rate * 100).toFixed(2);

function printReport(lang: Lang, report: EvalReport): void {
  const width = Math.max(10, ...report.pages.map((p) => p.name.length));
  console.log(`${say(lang, 'page').padEnd(width)}  ${'CER %'.padStart(7)}  ${'WER %'.padStart(7)}`);
  for (const p of report.pages) {
    const note = p.error ? `  ✗ ${say(lang, 'failed')}: ${p.error}` : '';
    console.log(
      `${p.name.padEnd(width)}  ${pct(p.cer).padStart(7)}  ${pct(p.wer).padStart(7)}` +
        `  (${p.cer.errors}/${p.cer.referenceLength})${note}`,
    );
  }
  const n = report.pages.length;
  console.log(
    say(lang, 'time', {
      s: report.seconds.toFixed(1),
      ppm: ((n / report.seconds) * 60).toFixed(1),
    }),
  );
  console.log(say(lang, 'overallWer', { wer: pct(report.wer), n }));
  // Kept in English and fixed in form whatever the language: scripts parse it.
  console.log(`CER ${pct(report.cer)}% over ${n} pages`);
}

export const evalCommand: Command = {
  name: 'eval',
  usage: USAGE['eval'],
  async run(argv, ctx) {
    const { lang } = ctx;
    const [what, ...rest] = argv;
    // `eval classify` and `eval extract` sit beside `eval ocr` as one family; `eval-classify` and
    // `eval-extract` remain the same commands under their first names.
    if (what === 'classify') return evalClassifyCommand.run(rest, ctx);
    if (what === 'extract') return evalExtractCommand.run(rest, ctx);
    const { values } = parseArgs({
      args: rest,
      options: {
        dir: { type: 'string' },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
    });
    if (what !== 'ocr' || !values.dir) {
      console.error(say(lang, 'usage'));
      return 2;
    }
    const dir = path.resolve(values.dir);
    const pages = await findGroundTruthPages(dir).catch(() => []);
    if (pages.length === 0) {
      console.error(`✗ ${say(lang, 'noPages', { dir })}`);
      return 2;
    }
    const report = await evaluateOcr(dir, {
      ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
      onStart: (n) => {
        if (!values.json) console.log(say(lang, 'running', { n }));
      },
    });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(lang, report);
    return report.pages.some((p) => p.error) ? 1 : 0;
  },
};
