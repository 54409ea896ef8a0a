// The shared corpus' sections of the benchmark: its ground-truth pages through `sohoa eval ocr`
// (each engine) against native Tesseract, the header lines of its real documents' first pages,
// and Sohoa alone on one large batch for the memory goal.
import fs from 'node:fs';
import path from 'node:path';
import { openImageFile } from '../../../electron/core/imaging/loadPage';
import { overallRate } from '../../../electron/core/ocr/cer';
import { createOcrEngine } from '../../../electron/core/ocr/engine';
import { headerCases, headerErrors } from './headers';
import { measure, type Measured } from './measure';
import type { GeneratedPage } from './pageSet';
import { log, rates } from './results';
import { BASELINE, GOALS, mb, pct, table } from './tables';
import { REPO, runTesseract, sohoaArgs, sohoaEnv, type SohoaEngine } from './tools';

interface EvalJson {
  pages: { name: string; text: string; error?: string }[];
}

function runFigures(m: Measured, pages: number): string {
  const cpu = m.cpuSeconds !== null ? (m.cpuSeconds / pages).toFixed(2) : '–';
  return `${(m.ms / 1000).toFixed(1)} s / ${((pages / m.ms) * 60_000).toFixed(1)} / ${cpu} / ${mb(m.peakRssBytes)} MB`;
}

async function evalOcr(dir: string, workRoot: string, engine: SohoaEngine) {
  const measured = await measure(
    process.execPath,
    [
      path.join(REPO, 'bin/sohoa.mjs'),
      'eval',
      'ocr',
      '--dir',
      dir,
      '--json',
      '--data-dir',
      path.join(workRoot, `eval-data-${engine}`),
    ],
    { cwd: REPO, env: sohoaEnv(engine) },
  );
  try {
    const json = JSON.parse(measured.stdout.slice(measured.stdout.indexOf('{'))) as EvalJson;
    return { measured, json };
  } catch {
    log(`sohoa eval ocr failed (exit ${measured.status}): ${measured.stderr.slice(-500)}`);
    return { measured, json: null };
  }
}

export async function corpusSection(
  dir: string,
  jobs: number,
  workRoot: string,
  engines: SohoaEngine[],
  withTesseract: boolean,
): Promise<string> {
  log(`Kho mẫu / corpus: ${dir}`);
  const names = fs
    .readdirSync(dir)
    .filter(
      (f) => f.endsWith('.png') && fs.existsSync(path.join(dir, f.replace(/\.png$/, '.gt.txt'))),
    )
    .map((f) => f.replace(/\.png$/, ''))
    .sort();
  const truths = names.map((n) => fs.readFileSync(path.join(dir, `${n}.gt.txt`), 'utf8'));
  const columns: { label: string; scored: ReturnType<typeof rates> | null; figures: string }[] = [];
  for (const engine of engines) {
    const run = await evalOcr(dir, workRoot, engine);
    const texts = names.map((n) => run.json?.pages.find((p) => p.name === n)?.text ?? '');
    columns.push({
      label: `Sohoa (${engine})`,
      scored: run.json ? rates(truths, texts) : null,
      figures: run.json
        ? runFigures(run.measured, names.length)
        : `failed (exit ${run.measured.status})`,
    });
  }
  if (withTesseract) {
    const work = path.join(workRoot, 'corpus-tesseract');
    fs.mkdirSync(work, { recursive: true });
    const tess = await runTesseract(
      names.map((n) => path.join(dir, `${n}.png`)),
      work,
      jobs,
    );
    columns.push({
      label: 'Tesseract',
      scored: rates(truths, tess.texts),
      figures: runFigures(tess.measured, names.length),
    });
  }
  const cell = (r: ReturnType<typeof rates>['perPage'][number] | undefined) =>
    r ? [pct(r.cer), pct(r.wer), pct(r.folded)] : ['–', '–', '–'];
  const rows = names.map((name, i) => [
    name,
    ...columns.flatMap((c) => cell(c.scored?.perPage[i])),
  ]);
  rows.push([
    `**overall (${names.length} pages)**`,
    ...columns.flatMap((c) =>
      c.scored
        ? [c.scored.cer, c.scored.wer, c.scored.folded].map((x) => `**${pct(x)}**`)
        : ['–', '–', '–'],
    ),
  ]);
  rows.push([
    'time s / pages/min / CPU s/page / peak RSS MB',
    ...columns.flatMap((c) => [c.figures, '', '']),
  ]);
  rows.push([
    'before (Sohoa, commit 67c0af2)',
    `${(BASELINE.corpusCer * 100).toFixed(2)}`,
    '',
    `${(BASELINE.corpusCerWithoutLeaders * 100).toFixed(2)}`,
    ...columns.slice(1).flatMap(() => ['', '', '']),
  ]);
  const header = columns.flatMap((c) => [
    `${c.label} CER %`,
    `${c.label} WER %`,
    `${c.label} CER % without dot leaders`,
  ]);
  return table(['Corpus page', ...header], rows);
}

/**
 * The header lines (motto, issuing body, title, subject) of the documents' first pages: Sohoa's
 * image steps and each engine, against native Tesseract on the page as rendered.
 */
export async function headersSection(
  documentsDir: string,
  cacheDir: string,
  workRoot: string,
  engines: SohoaEngine[],
  withTesseract: boolean,
): Promise<string> {
  const cases = headerCases(documentsDir, cacheDir);
  log(`Đầu trang / document headers: ${cases.length}`);
  const columns: { label: string; errors: { errors: number; referenceLength: number }[] }[] = [];
  for (const engine of engines) {
    const ocr = await createOcrEngine({
      langDir: path.join(workRoot, 'tessdata'),
      size: 1,
      choice: engine,
    });
    const errors = [];
    try {
      for (const c of cases) {
        const page = await (await openImageFile(c.image, fs.readFileSync(c.image))).page(0);
        const read = await ocr.recognize(page.ocr, page.widthPx, page.heightPx, { dpi: page.dpi });
        errors.push(headerErrors(read.text, c.expected));
      }
    } finally {
      await ocr.close();
    }
    columns.push({ label: `Sohoa (${engine})`, errors });
  }
  if (withTesseract) {
    const work = path.join(workRoot, 'headers-tesseract');
    fs.mkdirSync(work, { recursive: true });
    const tess = await runTesseract(
      cases.map((c) => c.image),
      work,
      1,
    );
    columns.push({
      label: 'Tesseract, page as rendered',
      errors: cases.map((c, i) => headerErrors(tess.texts[i] ?? '', c.expected)),
    });
  }
  const rate = (e: { errors: number; referenceLength: number }) =>
    ((100 * e.errors) / Math.max(1, e.referenceLength)).toFixed(1);
  const rows = cases.map((c, i) => [c.name, ...columns.map((col) => rate(col.errors[i]!))]);
  rows.push(['**overall**', ...columns.map((col) => `**${rate(overallRate(col.errors))}**`)]);
  rows.push([
    'before (Sohoa, commit 67c0af2)',
    (BASELINE.headerCer * 100).toFixed(1),
    ...columns.slice(1).map(() => ''),
  ]);
  return table(['Document (first page)', ...columns.map((c) => `${c.label} header CER %`)], rows);
}

/** Sohoa alone on one large batch (the page set repeated) for the memory goal. */
export async function rssBatch(
  pages: GeneratedPage[],
  count: number,
  workRoot: string,
  engine: SohoaEngine,
): Promise<string[]> {
  const dir = path.join(workRoot, `rss-batch-${engine}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => {
    const page = pages[i % pages.length]!;
    const file = path.join(dir, `b${String(i + 1).padStart(4, '0')}-${path.basename(page.image)}`);
    fs.symlinkSync(page.image, file);
    return file;
  });
  log(`  Sohoa (${engine}): ${count} trang trong một lô / pages in one batch…`);
  const run = await measure(
    process.execPath,
    sohoaArgs(files, path.join(dir, 'out'), path.join(workRoot, 'sohoa-data')),
    { cwd: REPO, env: sohoaEnv(engine) },
  );
  const pdf = /"pdfPath":\s*"([^"]+)"/.exec(run.stdout)?.[1];
  const bytes = pdf && fs.existsSync(pdf) ? fs.statSync(pdf).size : null;
  return [
    `Sohoa (${engine}), ${count} pages (exit ${run.status})`,
    (run.ms / 1000).toFixed(1),
    ((count / run.ms) * 60_000).toFixed(1),
    run.cpuSeconds !== null ? (run.cpuSeconds / count).toFixed(2) : '–',
    mb(run.peakRssBytes),
    bytes !== null ? mb(bytes) : 'no PDF',
    `peak RSS ≤ ${GOALS.peakRssMb} MB`,
    run.peakRssBytes <= GOALS.peakRssMb * 1024 ** 2 && bytes !== null ? 'met' : 'NOT met',
  ];
}
