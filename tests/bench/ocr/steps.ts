// The benchmark's in-process measurements, one page at a time so that the process' CPU time is
// the step's own: Sohoa's image steps per page (decode … encode, and how many pages needed OSD),
// then recognition alone on the very images Sohoa hands its engine, with the WebAssembly engine
// and, where the machine has it, the native Tesseract program (one process per page, as the
// native engine runs it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openImageFile } from '../../../electron/core/imaging/loadPage';
import { IMAGE_STEPS, noStepTimes, type StepTimes } from '../../../electron/core/imaging/pageSteps';
import { characterErrorRate, overallRate, type ErrorRate } from '../../../electron/core/ocr/cer';
import { createOrientation } from '../../../electron/core/ocr/engine';
import { createTesseractPool } from '../../../electron/core/ocr/tesseractPool';
import { pageFromTsv } from '../../../electron/core/ocr/tsv';
import type { GeneratedPage } from './pageSet';

export interface StepReport {
  pages: number;
  /** CPU ms per page for each step, by resolution. */
  cpuMsPerPage: Record<200 | 300, StepTimes>;
  osdPages: number;
  /** Pages whose resolution the file did not give (inferred from the paper size, or assumed). */
  inferredDpi: number;
}

export interface RecognitionRun {
  engine: 'wasm' | 'native';
  cpuSecondsPerPage: number;
  cer: ErrorRate;
}

export interface PreparedForOcr {
  name: string;
  pgm: Buffer;
  widthPx: number;
  heightPx: number;
  dpi: number;
  truth: string;
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Sohoa's image steps on every page, one page at a time; keeps the OCR copies for `recognition`. */
export async function imageSteps(
  pages: GeneratedPage[],
  langDir: string,
): Promise<{ report: StepReport; prepared: PreparedForOcr[] }> {
  const orientation = createOrientation(langDir);
  const sums = { 200: noStepTimes(), 300: noStepTimes() };
  const counts = { 200: 0, 300: 0 };
  const prepared: PreparedForOcr[] = [];
  let osdPages = 0;
  let inferredDpi = 0;
  try {
    // One page untimed first: the first page pays for compiling the code, not for its pixels.
    if (pages[0]) await (await openImageFile('warm-up', fs.readFileSync(pages[0].image))).page(0);
    for (const p of pages) {
      const file = await openImageFile(p.image, fs.readFileSync(p.image));
      const page = await file.page(0, { orientation });
      for (const step of IMAGE_STEPS) sums[p.dpi][step] += page.steps.cpuMs[step];
      counts[p.dpi]++;
      if (page.analysis.orientationBy === 'osd') osdPages++;
      if (page.resolution && page.resolution.source !== 'file') inferredDpi++;
      if (!page.analysis.blank)
        prepared.push({
          name: p.name,
          pgm: page.ocr,
          widthPx: page.widthPx,
          heightPx: page.heightPx,
          dpi: page.dpi,
          truth: fs.readFileSync(p.truth, 'utf8'),
        });
    }
  } finally {
    await orientation.close();
  }
  const perPage = (dpi: 200 | 300) =>
    Object.fromEntries(
      IMAGE_STEPS.map((s) => [s, counts[dpi] ? sums[dpi][s] / counts[dpi] : 0]),
    ) as StepTimes;
  return {
    report: {
      pages: pages.length,
      cpuMsPerPage: { 200: perPage(200), 300: perPage(300) },
      osdPages,
      inferredDpi,
    },
    prepared,
  };
}

/** Recognition alone with tesseract.js (one worker, so the process' CPU is the worker's). */
export async function recognitionWasm(
  pages: PreparedForOcr[],
  langDir: string,
): Promise<RecognitionRun> {
  const pool = await createTesseractPool({ langDir, size: 1 });
  const rates: ErrorRate[] = [];
  let cpu = 0;
  try {
    // The worker's start-up (loading the model) is paid once per worker, not per page.
    if (pages[0]) await pool.recognize(pages[0].pgm, pages[0].widthPx, pages[0].heightPx);
    for (const p of pages) {
      const t = cpuSeconds();
      const page = await pool.recognize(p.pgm, p.widthPx, p.heightPx, { dpi: p.dpi });
      cpu += cpuSeconds() - t;
      rates.push(characterErrorRate(p.truth, page.text));
    }
  } finally {
    await pool.close();
  }
  return { engine: 'wasm', cpuSecondsPerPage: cpu / pages.length, cer: overallRate(rates) };
}

/** Recognition alone with the native program, run as the native engine runs it. */
export function recognitionNative(pages: PreparedForOcr[], workDir: string): RecognitionRun | null {
  if (!fs.existsSync('/usr/bin/time')) return null;
  const rates: ErrorRate[] = [];
  let cpu = 0;
  const image = path.join(workDir, 'page.pgm');
  for (const p of pages) {
    fs.writeFileSync(image, p.pgm);
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%U %S',
        'tesseract',
        image,
        'stdout',
        '-l',
        'vie',
        '--oem',
        '1',
        '--dpi',
        String(p.dpi),
        '-c',
        'tessedit_create_tsv=1',
        '-c',
        'tessedit_create_txt=0',
      ],
      { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 26 },
    );
    if (r.status !== 0) return null;
    const [user, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    cpu += (user ?? 0) + (sys ?? 0);
    rates.push(characterErrorRate(p.truth, pageFromTsv(r.stdout, p.widthPx, p.heightPx).text));
  }
  return { engine: 'native', cpuSecondsPerPage: cpu / pages.length, cer: overallRate(rates) };
}

export function loadNote(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} on ${os.availableParallelism()} cores`;
}
