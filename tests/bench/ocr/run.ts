// `npm run bench:ocr`: Sohoa's scan-to-PDF/A pipeline against OCRmyPDF and native Tesseract on
// the same generated pages, then `sohoa eval ocr` and native Tesseract on the shared corpus.
// Prints the tables (and writes them to .scratch/note-3-bench.md); never part of `npm test`.
//
//   npm run bench:ocr [-- --pages 24] [--only sohoa,ocrmypdf,tesseract] [--no-corpus]
//                     [--jobs N] [--out FILE] [--rss-batch 200]
//
// --rss-batch N also runs Sohoa alone on one batch of N pages (the set repeated) for the memory
// goal (peak RSS ≤ 1 GB on a 200-page batch); off by default because it takes a while.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  characterErrorRate,
  overallRate,
  wordErrorRate,
  type ErrorRate,
} from '../../../electron/core/ocr/cer';
import { measure, type Measured } from './measure';
import { benchPageSpecs, ensurePageSet, type GeneratedPage } from './pageSet';
import {
  ensureComparisonTools,
  INSTALL_HINT,
  REPO,
  runOcrmypdf,
  runSohoa,
  runTesseract,
  sohoaArgs,
  type ToolId,
  type ToolRun,
} from './tools';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '24' },
    only: { type: 'string', default: 'sohoa,ocrmypdf,tesseract' },
    'no-corpus': { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
    out: { type: 'string', default: path.join(REPO, '.scratch/note-3-bench.md') },
    'rss-batch': { type: 'string', default: '0' },
  },
});

const TOOL_NAMES: Record<ToolId, string> = {
  sohoa: 'Sohoa (sohoa digitize)',
  ocrmypdf: 'OCRmyPDF',
  tesseract: 'Tesseract (native, recognition only)',
};

const log = (s: string) => console.error(s);
const pct = (r: ErrorRate) => `${(r.rate * 100).toFixed(2)}`;
const mb = (b: number) => `${Math.round(b / 1024 / 1024)}`;
const kb = (b: number) => `${Math.round(b / 1024)}`;

/**
 * The text without its dot leaders (runs of three or more dots), on both sides. Information
 * only: on forms the number of dots dominates the CER although no clerk searches for it, and a
 * pipeline that whitens leaders before OCR would otherwise pay one error per dot; the official
 * CER keeps them.
 */
function withoutLeaders(text: string): string {
  return text.replace(/[.…·](?:\s*[.…·]){2,}/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

interface ToolResult {
  tool: ToolId;
  ms: number;
  /** CPU seconds of the tool's process trees, summed over the batches (null: not measured). */
  cpuSeconds: number | null;
  peakRssBytes: number;
  /** Bytes per page for each resolution, when the tool writes a PDF. */
  bytesPerPage: Partial<Record<200 | 300, number>>;
  cer: ErrorRate;
  wer: ErrorRate;
  cerFolded: ErrorRate;
  perPage: { name: string; cer: ErrorRate; wer: ErrorRate; cerFolded: ErrorRate }[];
  problems: string[];
  stages: { stage: string; ms: number }[];
  /** Highest 1-minute load average seen just before a batch: above `jobs`, others were busy. */
  loadBefore: number;
}

async function benchTool(
  tool: ToolId,
  pages: GeneratedPage[],
  workRoot: string,
  jobs: number,
  sohoaDataDir: string,
): Promise<ToolResult> {
  const result: ToolResult = {
    tool,
    ms: 0,
    cpuSeconds: 0,
    peakRssBytes: 0,
    bytesPerPage: {},
    cer: { errors: 0, referenceLength: 0, rate: 0 },
    wer: { errors: 0, referenceLength: 0, rate: 0 },
    cerFolded: { errors: 0, referenceLength: 0, rate: 0 },
    perPage: [],
    problems: [],
    stages: [],
    loadBefore: 0,
  };
  // One batch per resolution, so bytes/page compare like with like.
  for (const dpi of [200, 300] as const) {
    const group = pages.filter((p) => p.dpi === dpi);
    if (group.length === 0) continue;
    const workDir = path.join(workRoot, `${tool}-${dpi}`);
    fs.mkdirSync(workDir, { recursive: true });
    const files = group.map((p) => p.image);
    log(`  ${TOOL_NAMES[tool]}: ${group.length} trang ${dpi} dpi…`);
    result.loadBefore = Math.max(result.loadBefore, os.loadavg()[0]!);
    const run: ToolRun =
      tool === 'sohoa'
        ? await runSohoa(files, workDir, sohoaDataDir)
        : tool === 'ocrmypdf'
          ? await runOcrmypdf(files, workDir, jobs)
          : await runTesseract(files, workDir, jobs);
    result.ms += run.measured.ms;
    result.cpuSeconds =
      result.cpuSeconds === null || run.measured.cpuSeconds === null
        ? null
        : result.cpuSeconds + run.measured.cpuSeconds;
    result.peakRssBytes = Math.max(result.peakRssBytes, run.measured.peakRssBytes);
    if (run.bytes !== null) result.bytesPerPage[dpi] = run.bytes / group.length;
    if (run.problem) result.problems.push(`${dpi} dpi: ${run.problem}`);
    for (const s of run.stages ?? []) {
      const same = result.stages.find((x) => x.stage === s.stage);
      if (same) same.ms += s.ms;
      else result.stages.push({ ...s });
    }
    group.forEach((p, i) => {
      const truth = fs.readFileSync(p.truth, 'utf8');
      const text = run.texts[i] ?? '';
      result.perPage.push({
        name: p.name,
        cer: characterErrorRate(truth, text),
        wer: wordErrorRate(truth, text),
        cerFolded: characterErrorRate(withoutLeaders(truth), withoutLeaders(text)),
      });
    });
  }
  // Report pages in the set's order whatever the batching.
  result.perPage.sort((a, b) => a.name.localeCompare(b.name));
  result.cer = overallRate(result.perPage.map((p) => p.cer));
  result.wer = overallRate(result.perPage.map((p) => p.wer));
  result.cerFolded = overallRate(result.perPage.map((p) => p.cerFolded));
  return result;
}

function summaryTable(results: ToolResult[], pageCount: number): string {
  return table(
    [
      'Tool',
      'pages',
      'time s',
      'pages/min',
      'CPU s/page',
      'CER %',
      'WER %',
      'CER % without dot leaders',
      'KB/page 200 dpi',
      'KB/page 300 dpi',
      'peak RSS MB',
      'load avg before',
    ],
    results.map((r) => [
      TOOL_NAMES[r.tool],
      String(pageCount),
      (r.ms / 1000).toFixed(1),
      ((pageCount / r.ms) * 60_000).toFixed(1),
      r.cpuSeconds !== null ? (r.cpuSeconds / pageCount).toFixed(2) : '–',
      pct(r.cer),
      pct(r.wer),
      pct(r.cerFolded),
      r.bytesPerPage[200] !== undefined ? kb(r.bytesPerPage[200]) : '–',
      r.bytesPerPage[300] !== undefined ? kb(r.bytesPerPage[300]) : '–',
      mb(r.peakRssBytes),
      r.loadBefore.toFixed(1),
    ]),
  );
}

function ratioTable(results: ToolResult[]): string {
  const get = (t: ToolId) => results.find((r) => r.tool === t);
  const sohoa = get('sohoa');
  const omp = get('ocrmypdf');
  const tess = get('tesseract');
  if (!sohoa) return '';
  const rows: string[][] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  if (omp) {
    const speedup = omp.ms / sohoa.ms;
    rows.push([
      'Throughput Sohoa / OCRmyPDF',
      `${speedup.toFixed(2)}×`,
      '≥ 2×',
      verdict(speedup >= 2),
    ]);
    if (sohoa.cpuSeconds && omp.cpuSeconds)
      rows.push([
        'CPU time OCRmyPDF / Sohoa (throughput on an otherwise idle machine)',
        `${(omp.cpuSeconds / sohoa.cpuSeconds).toFixed(2)}×`,
        '≥ 2×',
        verdict(omp.cpuSeconds / sohoa.cpuSeconds >= 2),
      ]);
    for (const dpi of [200, 300] as const) {
      const a = sohoa.bytesPerPage[dpi];
      const b = omp.bytesPerPage[dpi];
      if (a !== undefined && b !== undefined)
        rows.push([
          `Bytes/page Sohoa / OCRmyPDF, ${dpi} dpi`,
          `${(a / b).toFixed(2)}×`,
          '≤ 1×',
          verdict(a <= b),
        ]);
    }
    rows.push([
      'CER Sohoa − OCRmyPDF',
      `${((sohoa.cer.rate - omp.cer.rate) * 100).toFixed(2)} points`,
      '(info)',
      '',
    ]);
    rows.push([
      'Peak RSS Sohoa / OCRmyPDF',
      `${(sohoa.peakRssBytes / omp.peakRssBytes).toFixed(2)}×`,
      '(info)',
      '',
    ]);
  }
  if (tess) {
    const slower = sohoa.ms / tess.ms;
    rows.push([
      'Time Sohoa (whole pipeline) / native Tesseract',
      `${slower.toFixed(2)}×`,
      '≤ 1.4×',
      verdict(slower <= 1.4),
    ]);
    if (sohoa.cpuSeconds && tess.cpuSeconds)
      rows.push([
        'CPU time Sohoa / native Tesseract',
        `${(sohoa.cpuSeconds / tess.cpuSeconds).toFixed(2)}×`,
        '≤ 1.4×',
        verdict(sohoa.cpuSeconds / tess.cpuSeconds <= 1.4),
      ]);
    const diff = (sohoa.cer.rate - tess.cer.rate) * 100;
    rows.push([
      'CER Sohoa − native Tesseract',
      `${diff >= 0 ? '+' : ''}${diff.toFixed(2)} points`,
      '≤ +0.2 points',
      verdict(diff <= 0.2),
    ]);
  }
  rows.push([
    'Peak RSS Sohoa (this batch)',
    `${mb(sohoa.peakRssBytes)} MB`,
    '≤ 1024 MB (goal is for 200 pages)',
    verdict(sohoa.peakRssBytes <= 1024 ** 3),
  ]);
  return table(['Ratio', 'value', 'goal', 'verdict'], rows);
}

function perPageTable(results: ToolResult[], pages: GeneratedPage[]): string {
  return table(
    ['Page', 'kind', 'skew °', 'noise', 'blur', 'format', ...results.map((r) => `CER % ${r.tool}`)],
    pages.map((p) => [
      p.name,
      p.kind,
      String(p.skewDeg),
      String(p.noise),
      String(p.blur),
      p.format === 'jpeg' ? `jpeg q${p.jpegQuality}` : 'png',
      ...results.map((r) => {
        const c = r.perPage.find((x) => x.name === p.name)?.cer;
        return c ? (c.referenceLength ? pct(c) : `${c.errors} chars invented`) : '–';
      }),
    ]),
  );
}

function runFigures(m: Measured, pages: number): string {
  const cpu = m.cpuSeconds !== null ? (m.cpuSeconds / pages).toFixed(2) : '–';
  return `${(m.ms / 1000).toFixed(1)} s / ${((pages / m.ms) * 60_000).toFixed(1)} / ${cpu} / ${mb(m.peakRssBytes)} MB`;
}

interface EvalJson {
  pages: { name: string; text: string; error?: string }[];
  seconds: number;
}

/** CER, WER and CER without dot leaders of one tool's texts against the truths, per page and overall. */
function rates(truths: string[], texts: string[]) {
  const perPage = truths.map((truth, i) => ({
    cer: characterErrorRate(truth, texts[i] ?? ''),
    wer: wordErrorRate(truth, texts[i] ?? ''),
    folded: characterErrorRate(withoutLeaders(truth), withoutLeaders(texts[i] ?? '')),
  }));
  return {
    perPage,
    cer: overallRate(perPage.map((p) => p.cer)),
    wer: overallRate(perPage.map((p) => p.wer)),
    folded: overallRate(perPage.map((p) => p.folded)),
  };
}

async function corpusSection(dir: string, jobs: number, workRoot: string, withTesseract: boolean) {
  log(`Kho mẫu / corpus: ${dir}`);
  const evalRun = await measure(
    process.execPath,
    [
      path.join(REPO, 'bin/sohoa.mjs'),
      'eval',
      'ocr',
      '--dir',
      dir,
      '--json',
      '--data-dir',
      path.join(workRoot, 'eval-data'),
    ],
    { cwd: REPO },
  );
  let sohoa: EvalJson | null = null;
  try {
    sohoa = JSON.parse(evalRun.stdout.slice(evalRun.stdout.indexOf('{'))) as EvalJson;
  } catch {
    log(`sohoa eval ocr failed (exit ${evalRun.status}): ${evalRun.stderr.slice(-500)}`);
  }
  const names = fs
    .readdirSync(dir)
    .filter(
      (f) => f.endsWith('.png') && fs.existsSync(path.join(dir, f.replace(/\.png$/, '.gt.txt'))),
    )
    .map((f) => f.replace(/\.png$/, ''))
    .sort();
  const truths = names.map((n) => fs.readFileSync(path.join(dir, `${n}.gt.txt`), 'utf8'));
  let tess: ToolRun | null = null;
  if (withTesseract) {
    const work = path.join(workRoot, 'corpus-tesseract');
    fs.mkdirSync(work, { recursive: true });
    tess = await runTesseract(
      names.map((n) => path.join(dir, `${n}.png`)),
      work,
      jobs,
    );
  }
  const s = sohoa
    ? rates(
        truths,
        names.map((n) => sohoa.pages.find((p) => p.name === n)?.text ?? ''),
      )
    : null;
  const t = tess ? rates(truths, tess.texts) : null;
  const cells = (r: ReturnType<typeof rates> | null, i: number) => {
    const p = r?.perPage[i];
    return p ? [pct(p.cer), pct(p.wer), pct(p.folded)] : ['–', '–', '–'];
  };
  const rows = names.map((name, i) => [name, ...cells(s, i), ...cells(t, i)]);
  const overall = (r: ReturnType<typeof rates> | null) =>
    r ? [r.cer, r.wer, r.folded].map((x) => `**${pct(x)}**`) : ['–', '–', '–'];
  rows.push([`**overall (${names.length} pages)**`, ...overall(s), ...overall(t)]);
  rows.push([
    'time s / pages/min / CPU s/page / peak RSS MB',
    sohoa ? runFigures(evalRun, names.length) : `failed (exit ${evalRun.status})`,
    '',
    '',
    tess ? runFigures(tess.measured, names.length) : '–',
    '',
    '',
  ]);
  return table(
    [
      'Corpus page',
      'Sohoa CER %',
      'Sohoa WER %',
      'Sohoa CER % without dot leaders',
      'Tesseract CER %',
      'Tesseract WER %',
      'Tesseract CER % without dot leaders',
    ],
    rows,
  );
}

/** Sohoa alone on one large batch (the page set repeated) for the memory goal. */
async function rssBatch(pages: GeneratedPage[], count: number, workRoot: string): Promise<string> {
  const dir = path.join(workRoot, 'rss-batch');
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => {
    const page = pages[i % pages.length]!;
    const file = path.join(dir, `b${String(i + 1).padStart(4, '0')}-${path.basename(page.image)}`);
    fs.symlinkSync(page.image, file);
    return file;
  });
  log(`  Sohoa: ${count} trang trong một lô / pages in one batch…`);
  const run = await measure(
    process.execPath,
    sohoaArgs(files, path.join(dir, 'out'), path.join(workRoot, 'sohoa-data')),
    { cwd: REPO },
  );
  const pdf = /"pdfPath":\s*"([^"]+)"/.exec(run.stdout)?.[1];
  const bytes = pdf && fs.existsSync(pdf) ? fs.statSync(pdf).size : null;
  return table(
    [
      'Sohoa, one batch',
      'time s',
      'pages/min',
      'CPU s/page',
      'peak RSS MB',
      'MB out',
      'goal',
      'verdict',
    ],
    [
      [
        `${count} pages (exit ${run.status})`,
        (run.ms / 1000).toFixed(1),
        ((count / run.ms) * 60_000).toFixed(1),
        run.cpuSeconds !== null ? (run.cpuSeconds / count).toFixed(2) : '–',
        mb(run.peakRssBytes),
        bytes !== null ? mb(bytes) : 'no PDF',
        'peak RSS ≤ 1024 MB',
        run.peakRssBytes <= 1024 ** 3 && bytes !== null ? 'met' : 'NOT met',
      ],
    ],
  );
}

async function main(): Promise<void> {
  const jobs = Math.max(1, Number(args.jobs));
  const pageCount = Math.max(4, Number(args.pages));
  const only = new Set(args.only.split(',').map((s) => s.trim()) as ToolId[]);
  const cacheRoot = path.join(REPO, '.cache/bench-ocr');
  const workRoot = path.join(cacheRoot, 'run');
  fs.rmSync(workRoot, { recursive: true, force: true });
  fs.mkdirSync(workRoot, { recursive: true });

  const available = ensureComparisonTools(log);
  log(`Trang thử / bench pages (${pageCount}, seeded)…`);
  const set = await ensurePageSet(
    cacheRoot,
    benchPageSpecs(pageCount),
    [
      path.join(REPO, 'electron/cli/demo/samplePages.ts'),
      path.join(REPO, 'tests/bench/ocr/benchText.ts'),
    ],
    log,
  );
  log(`  ${set.reused ? 'dùng lại / reused' : 'đã tạo / generated'}: ${set.dir}`);

  // One untimed run first: Sohoa's first start makes its demo key and unpacks its OCR models,
  // which a clerk pays once per machine, not per batch (OCRmyPDF's equivalent is its install).
  const sohoaDataDir = path.join(workRoot, 'sohoa-data');
  if (only.has('sohoa')) {
    const warm = set.pages.find((p) => p.kind === 'blank') ?? set.pages[0]!;
    await measure(
      process.execPath,
      sohoaArgs([warm.image], path.join(workRoot, 'warmup'), sohoaDataDir),
      { cwd: REPO },
    );
  }

  const results: ToolResult[] = [];
  const skipped: string[] = [];
  for (const tool of ['sohoa', 'ocrmypdf', 'tesseract'] as const) {
    if (!only.has(tool)) continue;
    if (!available[tool]) {
      skipped.push(`${TOOL_NAMES[tool]}: not installed (${INSTALL_HINT})`);
      continue;
    }
    results.push(await benchTool(tool, set.pages, workRoot, jobs, sohoaDataDir));
  }

  const md: string[] = [
    `# OCR benchmark (\`npm run bench:ocr\`)`,
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'},` +
      ` ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM; jobs = ${jobs}.` +
      ` Pages: ${set.pages.length} generated A4 pages (seed, half 200 dpi, half 300 dpi) in ${path.relative(REPO, set.dir)}.` +
      ' Each tool runs one batch per resolution; time is wall-clock of the command(s), peak RSS' +
      ' is the summed resident memory of the whole process tree. CER/WER: Levenshtein over code' +
      ' points / words, NFC, whitespace collapsed; text from `pdftotext` for PDF outputs' +
      " (Sohoa's visible signature stamp left out). The machine is shared: a load average" +
      ` above ${jobs} before a batch means other work was running and times are inflated.`,
    '',
    '## Generated pages',
    '',
    summaryTable(results, set.pages.length),
    '',
    ratioTable(results),
    '',
  ];
  for (const r of results)
    if (r.problems.length)
      md.push(`Problems – ${TOOL_NAMES[r.tool]}: ${r.problems.join('; ')}`, '');
  for (const s of skipped) md.push(`Skipped – ${s}`, '');
  const sohoa = results.find((r) => r.tool === 'sohoa');
  if (sohoa?.stages.length)
    md.push(
      `Sohoa's own stage timings (summed over the batches, ms): ${sohoa.stages.map((s) => `${s.stage} ${s.ms}`).join(', ')}`,
      '',
    );
  md.push('### CER per page', '', perPageTable(results, set.pages), '');

  const corpus = process.env.SOHOA_CORPUS
    ? path.join(process.env.SOHOA_CORPUS, 'ocr/pages')
    : path.resolve(REPO, '../shared/corpus/ocr/pages');
  if (!args['no-corpus'] && only.has('sohoa')) {
    if (fs.existsSync(corpus))
      md.push(
        '## Shared corpus (`sohoa eval ocr`)',
        '',
        await corpusSection(corpus, jobs, workRoot, available.tesseract && only.has('tesseract')),
        '',
      );
    else md.push(`Corpus not found at ${corpus}; set SOHOA_CORPUS.`, '');
  }

  const batch = Number(args['rss-batch']);
  if (batch > 0 && only.has('sohoa'))
    md.push('## Memory on a large batch', '', await rssBatch(set.pages, batch, workRoot), '');

  const text = md.join('\n');
  console.log(text);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${text}\n`);
  fs.writeFileSync(path.join(workRoot, 'results.json'), JSON.stringify(results, null, 2));
  log(`\nĐã ghi / written: ${args.out}`);
}

await main();
