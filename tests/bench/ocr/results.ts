// Running each contender on the page set (one batch per resolution, so bytes per page compare
// like with like) and scoring its text against the ground truth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  characterErrorRate,
  overallRate,
  wordErrorRate,
  type ErrorRate,
} from '../../../electron/core/ocr/cer';
import type { GeneratedPage } from './pageSet';
import { runOcrmypdf, runSohoa, runTesseract, type ToolId, type ToolRun } from './tools';

export const TOOL_NAMES: Record<ToolId, string> = {
  sohoa: 'Sohoa, WebAssembly engine (sohoa digitize)',
  'sohoa-native': 'Sohoa, native engine (sohoa digitize)',
  ocrmypdf: 'OCRmyPDF',
  tesseract: 'Tesseract (native, recognition only)',
};

export const log = (s: string) => console.error(s);

/**
 * The text without its dot leaders (runs of three or more dots), on both sides. Information
 * only: on forms the number of dots dominates the CER although no clerk searches for it, and a
 * pipeline that whitens leaders before OCR would otherwise pay one error per dot; the official
 * CER keeps them.
 */
export function withoutLeaders(text: string): string {
  return text.replace(/[.…·](?:\s*[.…·]){2,}/g, ' ');
}

export interface PageScore {
  cer: ErrorRate;
  wer: ErrorRate;
  folded: ErrorRate;
}

/** CER, WER and CER without dot leaders of each text against its truth, and overall. */
export function rates(truths: string[], texts: string[]) {
  const perPage: PageScore[] = truths.map((truth, i) => ({
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

export interface ToolResult {
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
  perPage: ({ name: string } & PageScore)[];
  problems: string[];
  stages: { stage: string; ms: number }[];
  /** Highest 1-minute load average seen just before a batch: above the cores, others were busy. */
  loadBefore: number;
  /** The OCR engine a Sohoa run reported. */
  engine?: string;
  osdPages: number;
}

function run(
  tool: ToolId,
  files: string[],
  workDir: string,
  jobs: number,
  sohoaDataDir: string,
): Promise<ToolRun> {
  if (tool === 'sohoa') return runSohoa(files, workDir, sohoaDataDir, 'wasm');
  if (tool === 'sohoa-native') return runSohoa(files, workDir, sohoaDataDir, 'native');
  if (tool === 'ocrmypdf') return runOcrmypdf(files, workDir, jobs);
  return runTesseract(files, workDir, jobs);
}

export async function benchTool(
  tool: ToolId,
  pages: GeneratedPage[],
  workRoot: string,
  jobs: number,
  sohoaDataDir: string,
): Promise<ToolResult> {
  const zero = { errors: 0, referenceLength: 0, rate: 0 };
  const result: ToolResult = {
    tool,
    ms: 0,
    cpuSeconds: 0,
    peakRssBytes: 0,
    bytesPerPage: {},
    cer: zero,
    wer: zero,
    cerFolded: zero,
    perPage: [],
    problems: [],
    stages: [],
    loadBefore: 0,
    osdPages: 0,
  };
  for (const dpi of [200, 300] as const) {
    const group = pages.filter((p) => p.dpi === dpi);
    if (group.length === 0) continue;
    const workDir = path.join(workRoot, `${tool}-${dpi}`);
    fs.mkdirSync(workDir, { recursive: true });
    log(`  ${TOOL_NAMES[tool]}: ${group.length} trang ${dpi} dpi…`);
    result.loadBefore = Math.max(result.loadBefore, os.loadavg()[0]!);
    const r = await run(
      tool,
      group.map((p) => p.image),
      workDir,
      jobs,
      sohoaDataDir,
    );
    result.ms += r.measured.ms;
    result.cpuSeconds =
      result.cpuSeconds === null || r.measured.cpuSeconds === null
        ? null
        : result.cpuSeconds + r.measured.cpuSeconds;
    result.peakRssBytes = Math.max(result.peakRssBytes, r.measured.peakRssBytes);
    if (r.bytes !== null) result.bytesPerPage[dpi] = r.bytes / group.length;
    if (r.problem) result.problems.push(`${dpi} dpi: ${r.problem}`);
    if (r.engine) result.engine = r.engine;
    result.osdPages += r.osdPages ?? 0;
    for (const s of r.stages ?? []) {
      const same = result.stages.find((x) => x.stage === s.stage);
      if (same) same.ms += s.ms;
      else result.stages.push({ ...s });
    }
    const scored = rates(
      group.map((p) => fs.readFileSync(p.truth, 'utf8')),
      r.texts,
    );
    group.forEach((p, i) => result.perPage.push({ name: p.name, ...scored.perPage[i]! }));
  }
  // Report pages in the set's order whatever the batching.
  result.perPage.sort((a, b) => a.name.localeCompare(b.name));
  result.cer = overallRate(result.perPage.map((p) => p.cer));
  result.wer = overallRate(result.perPage.map((p) => p.wer));
  result.cerFolded = overallRate(result.perPage.map((p) => p.folded));
  return result;
}
