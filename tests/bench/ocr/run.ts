// `npm run bench:ocr`: Sohoa's scan-to-PDF/A pipeline (with the WebAssembly engine, and with the
// native engine where the machine has Tesseract) against OCRmyPDF and native Tesseract on the same
// generated pages, in one run; Sohoa's image steps and recognition alone measured one page at a
// time; then the shared corpus: its ground-truth pages and its documents' header lines. Prints
// the tables (and writes them to .scratch/ocr-bench.md); never part of `npm test`.
//
//   npm run bench:ocr [-- --pages 24] [--only sohoa,sohoa-native,ocrmypdf,tesseract]
//                     [--no-corpus] [--no-headers] [--no-steps] [--jobs N] [--out FILE]
//                     [--rss-batch 200] [--no-vault] [--vault-pages 8] [--vault-rounds 3]
//
// --rss-batch N also runs Sohoa alone on one batch of N pages (the set repeated) for the memory
// goal (peak RSS ≤ 1 GB on a 200-page batch); off by default because it takes a while.
// The cost of encryption at rest (plain vs encrypted data folder, same run) is measured last on
// the first --vault-pages pages; --no-vault skips it.
// The machine may be shared: every ratio compares with the peer measured in the same run, CPU
// seconds are reported beside wall time, and the load average is printed with each batch.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusSection, headersSection, rssBatch } from './corpus';
import { measure } from './measure';
import { benchPageSpecs, ensurePageSet } from './pageSet';
import { benchTool, log, TOOL_NAMES, type ToolResult } from './results';
import { vaultSection } from './vaultCost';
import {
  imageSteps,
  loadNote,
  recognitionNative,
  recognitionWasm,
  type RecognitionRun,
  type StepReport,
} from './steps';
import {
  goalsTable,
  perPageTable,
  recognitionTable,
  stepsTable,
  summaryTable,
  table,
} from './tables';
import {
  ensureComparisonTools,
  INSTALL_HINT,
  REPO,
  sohoaArgs,
  sohoaEnv,
  type SohoaEngine,
  type ToolId,
} from './tools';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '24' },
    only: { type: 'string', default: 'sohoa,sohoa-native,ocrmypdf,tesseract' },
    'no-corpus': { type: 'boolean', default: false },
    'no-headers': { type: 'boolean', default: false },
    'no-steps': { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
    out: { type: 'string', default: path.join(REPO, '.scratch/ocr-bench.md') },
    'rss-batch': { type: 'string', default: '0' },
    // Encryption at rest: see vaultCost.ts.
    'no-vault': { type: 'boolean', default: false },
    'vault-pages': { type: 'string', default: '8' },
    'vault-rounds': { type: 'string', default: '3' },
  },
});

const corpusRoot = process.env.SOHOA_CORPUS ?? path.resolve(REPO, '../shared/corpus');

async function main(): Promise<void> {
  const jobs = Math.max(1, Number(args.jobs));
  const pageCount = Math.max(4, Number(args.pages));
  const only = new Set(args.only.split(',').map((s) => s.trim()) as ToolId[]);
  const cacheRoot = path.join(REPO, '.cache/bench-ocr');
  const workRoot = path.join(cacheRoot, 'run');
  fs.rmSync(workRoot, { recursive: true, force: true });
  fs.mkdirSync(workRoot, { recursive: true });

  // Sohoa is measured as it ships: the CLI bundle, not the TypeScript sources compiled at each
  // start (about 2 s of CPU per run, which a batch of 12 pages would count as 0.17 s a page).
  const built = spawnSync(process.execPath, [path.join(REPO, 'scripts/build-cli.mjs')], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`CLI build failed: ${built.stderr}`);
  const available = ensureComparisonTools(log);
  // The native engine runs only where the machine has Tesseract with Vietnamese data.
  const engines: SohoaEngine[] = available.tesseract ? ['wasm', 'native'] : ['wasm'];
  if (!available.tesseract) only.delete('sohoa-native');
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
  const warm = set.pages.find((p) => p.kind === 'blank') ?? set.pages[0]!;
  await measure(
    process.execPath,
    sohoaArgs([warm.image], path.join(workRoot, 'warmup'), sohoaDataDir),
    { cwd: REPO, env: sohoaEnv('wasm') },
  );
  const loadAtStart = loadNote();

  const results: ToolResult[] = [];
  const skipped: string[] = [];
  for (const tool of ['sohoa', 'sohoa-native', 'ocrmypdf', 'tesseract'] as const) {
    if (!only.has(tool)) continue;
    if (tool !== 'sohoa' && tool !== 'sohoa-native' && !available[tool]) {
      skipped.push(`${TOOL_NAMES[tool]}: not installed (${INSTALL_HINT})`);
      continue;
    }
    results.push(await benchTool(tool, set.pages, workRoot, jobs, sohoaDataDir));
  }

  let steps: StepReport | null = null;
  const recognition: RecognitionRun[] = [];
  if (!args['no-steps']) {
    log('Từng bước / image steps and recognition alone, one page at a time…');
    const langDir = path.join(workRoot, 'tessdata');
    const measured = await imageSteps(set.pages, langDir);
    steps = measured.report;
    recognition.push(await recognitionWasm(measured.prepared, langDir));
    if (available.tesseract) {
      const native = recognitionNative(measured.prepared, workRoot);
      if (native) recognition.push(native);
    }
  }

  const md: string[] = [
    '# OCR benchmark (`npm run bench:ocr`)',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'},` +
      ` ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM; jobs = ${jobs}. Load at the start: ${loadAtStart};` +
      ` at the end: ${loadNote()}.` +
      ` Pages: ${set.pages.length} generated A4 pages (seed, half 200 dpi, half 300 dpi) in ${path.relative(REPO, set.dir)}.` +
      ' Each tool runs one batch per resolution; time is wall-clock of the command(s), CPU is' +
      " user + system of the whole process tree, peak RSS the tree's summed resident memory." +
      ' CER/WER: Levenshtein over code points / words, NFC, whitespace collapsed; text from' +
      " `pdftotext` for PDF outputs (Sohoa's visible signature stamp left out). A load average" +
      ` above ${jobs} before a batch means other work was running: wall times are inflated, CPU` +
      ' times less so.',
    '',
    '## Generated pages',
    '',
    summaryTable(results, set.pages.length),
    '',
    '### Goals',
    '',
    goalsTable(results, set.pages.length, steps, recognition),
    '',
  ];
  for (const r of results)
    if (r.problems.length)
      md.push(`Problems – ${TOOL_NAMES[r.tool]}: ${r.problems.join('; ')}`, '');
  for (const s of skipped) md.push(`Skipped – ${s}`, '');
  if (steps)
    md.push(
      "### Sohoa's image steps (one page at a time)",
      '',
      stepsTable(steps),
      '',
      `Pages whose upright turn needed OSD: ${steps.osdPages} of ${steps.pages}; resolution inferred (the file gave none usable): ${steps.inferredDpi}.`,
      '',
      recognitionTable(recognition),
      '',
    );
  for (const r of results.filter((x) => x.stages.length))
    md.push(
      `${TOOL_NAMES[r.tool]}, its own stage timings (summed over the batches, ms): ${r.stages.map((s) => `${s.stage} ${s.ms}`).join(', ')}; OSD pages: ${r.osdPages}`,
      '',
    );
  md.push('### CER per page', '', perPageTable(results, set.pages), '');

  const withTesseract = available.tesseract && only.has('tesseract');
  const pagesDir = path.join(corpusRoot, 'ocr/pages');
  if (!args['no-corpus'] && fs.existsSync(pagesDir))
    md.push(
      '## Shared corpus (`sohoa eval ocr`)',
      '',
      await corpusSection(pagesDir, jobs, workRoot, engines, withTesseract),
      '',
    );
  const documentsDir = path.join(corpusRoot, 'documents');
  if (!args['no-headers'] && fs.existsSync(documentsDir))
    md.push(
      '## Header lines of real documents (first pages)',
      '',
      'National motto, issuing body, title and subject of each document, looked for in the text as the best-matching stretch (edits over length).',
      '',
      await headersSection(
        documentsDir,
        path.join(cacheRoot, 'headers'),
        workRoot,
        engines,
        withTesseract,
      ),
      '',
    );
  if (!fs.existsSync(pagesDir)) md.push(`Corpus not found at ${corpusRoot}; set SOHOA_CORPUS.`, '');

  const batch = Number(args['rss-batch']);
  if (batch > 0) {
    const rows = [];
    for (const engine of engines) rows.push(await rssBatch(set.pages, batch, workRoot, engine));
    md.push(
      '## Memory on a large batch',
      '',
      table(
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
        rows,
      ),
      '',
    );
  }

  // Encryption at rest: see vaultCost.ts.
  if (!args['no-vault']) {
    const vaultPages = set.pages.slice(0, Math.max(1, Number(args['vault-pages'])));
    const rounds = Math.max(1, Number(args['vault-rounds']));
    md.push(
      '## Cost of encryption at rest',
      '',
      await vaultSection(vaultPages, workRoot, rounds, log),
      '',
    );
  }

  const text = md.join('\n');
  console.log(text);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${text}\n`);
  fs.writeFileSync(
    path.join(workRoot, 'results.json'),
    JSON.stringify({ results, steps, recognition }, null, 2),
  );
  log(`\nĐã ghi / written: ${args.out}`);
}

await main();
