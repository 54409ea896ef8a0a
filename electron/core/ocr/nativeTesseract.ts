// The native engine: a Tesseract program the machine already has (installed by IT, on PATH or
// shipped beside the app), run once per page with one thread (OMP_THREAD_LIMIT=1: pages run side
// by side instead, one per core, which is faster than Tesseract's own threads). It reads the same
// grey PGM as the WebAssembly engine, from standard input, and writes TSV (words with boxes and
// confidences) to standard output: no temporary files.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { OrientationDetector, OrientationResult } from './orientation';
import { MIN_ORIENTATION_CONFIDENCE } from './orientation';
import { pageFromTsv } from './tsv';
import type { OcrPage } from './types';
import type { PageJob } from './workerPool';

const run = promisify(execFile);

export interface NativeTesseract {
  program: string;
  version: string;
  /** `--tessdata-dir` to pass, when the data is not where the program looks by default. */
  tessdataDir?: string;
  /** Where its language data is, as the program says (for the report). */
  dataDir?: string;
  languages: string[];
}

const EXE = process.platform === 'win32' ? 'tesseract.exe' : 'tesseract';

/**
 * Where a Tesseract program may be, in order: the one IT configured (SOHOA_TESSERACT), one shipped
 * beside the app (a `tesseract` folder next to the executable or in its resources), the usual
 * Windows install folder, and PATH.
 */
export function nativeCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.SOHOA_TESSERACT?.trim();
  if (configured) return [configured];
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const beside = [path.dirname(process.execPath), ...(resources ? [resources] : [])].map((dir) =>
    path.join(dir, 'tesseract', EXE),
  );
  const windows =
    process.platform === 'win32' && env.ProgramFiles
      ? [path.join(env.ProgramFiles, 'Tesseract-OCR', EXE)]
      : [];
  return [
    ...beside.filter((p) => fs.existsSync(p)),
    ...windows.filter((p) => fs.existsSync(p)),
    EXE,
  ];
}

/**
 * The first candidate that runs, is Tesseract 4 or later (the LSTM engine) and has Vietnamese
 * data; null when there is none. `SOHOA_TESSDATA` names the data folder when it is not the
 * program's default (a `tessdata` folder beside a shipped program is found by itself).
 */
export async function findNativeTesseract(
  env: NodeJS.ProcessEnv = process.env,
): Promise<NativeTesseract | null> {
  for (const program of nativeCandidates(env)) {
    try {
      const { stdout, stderr } = await run(program, ['--version'], { timeout: 10_000 });
      const version = /tesseract\s+v?(\d+)\.(\d+)\.?(\d*)/i.exec(`${stdout}${stderr}`);
      if (!version || Number(version[1]) < 4) continue;
      const besideData = path.join(path.dirname(program), 'tessdata');
      const tessdataDir =
        env.SOHOA_TESSDATA?.trim() ||
        (path.isAbsolute(program) && fs.existsSync(besideData) ? besideData : undefined);
      const dirArgs = tessdataDir ? ['--tessdata-dir', tessdataDir] : [];
      const list = await run(program, [...dirArgs, '--list-langs'], { timeout: 10_000 });
      const listing = `${list.stdout}\n${list.stderr}`;
      const languages = listing
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => /^[a-z_]+$/i.test(l));
      if (!languages.includes('vie')) continue;
      // "List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):"
      const dataDir = tessdataDir ?? /languages in "([^"]+)"/.exec(listing)?.[1];
      return {
        program,
        version: `${version[1]}.${version[2]}${version[3] ? `.${version[3]}` : ''}`,
        ...(tessdataDir ? { tessdataDir } : {}),
        ...(dataDir ? { dataDir } : {}),
        languages,
      };
    } catch {
      // Not there, not runnable, or not Tesseract: try the next one.
    }
  }
  return null;
}

/** A slot of the native pool: the process reading its current page, if any. */
export interface NativeSlot {
  child: ChildProcess | null;
}

function tesseractArgs(engine: NativeTesseract, extra: string[]): string[] {
  return [
    'stdin',
    'stdout',
    ...(engine.tessdataDir ? ['--tessdata-dir', engine.tessdataDir] : []),
    ...extra,
  ];
}

/**
 * One thread per process; and glibc's allocator as Tesseract expects it. The CLI starts its page
 * work with a fixed 128 KB mmap threshold (bin/sohoa.mjs) to keep its own memory flat; inherited,
 * it makes every large Tesseract buffer a fresh mapping whose pages fault in one by one: about
 * 75 ms more CPU per 200 dpi page read from standard input.
 */
function tesseractEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_THREAD_LIMIT: '1' };
  delete env.MALLOC_MMAP_THRESHOLD_;
  delete env.MALLOC_ARENA_MAX;
  return env;
}

/** Runs the program on one image from standard input; resolves with its standard output. */
function runOnImage(
  engine: NativeTesseract,
  slot: NativeSlot,
  image: Buffer,
  args: string[],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(engine.program, tesseractArgs(engine, args), {
      env: tesseractEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    slot.child = child;
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
    child.on('error', reject);
    // A process killed mid-page closes its input early: that is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.on('close', (code, signal) => {
      if (slot.child === child) slot.child = null;
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      // Only the last line: Tesseract's messages name no personal data, but keep them short.
      else
        reject(
          new Error(`tesseract exited ${code ?? signal}: ${err.trim().split('\n').at(-1) ?? ''}`),
        );
    });
    child.stdin.end(image);
  });
}

/** Reads one page: page segmentation as Tesseract does by default, the LSTM engine, TSV out. */
export async function readPageNative(
  engine: NativeTesseract,
  slot: NativeSlot,
  job: PageJob,
  languages: readonly string[],
): Promise<OcrPage> {
  const tsv = await runOnImage(engine, slot, job.image, [
    '-l',
    languages.join('+'),
    '--oem',
    '1',
    ...(job.dpi ? ['--dpi', String(Math.round(job.dpi))] : []),
    '-c',
    'tessedit_create_tsv=1',
    '-c',
    'tessedit_create_txt=0',
  ]);
  return pageFromTsv(tsv, job.widthPx, job.heightPx);
}

export function stopSlot(slot: NativeSlot): Promise<void> {
  slot.child?.kill('SIGKILL');
  slot.child = null;
  return Promise.resolve();
}

/** Orientation with the native program's OSD model, when its data has one. */
export function createNativeOrientationDetector(engine: NativeTesseract): OrientationDetector {
  return {
    async detect(image, dpi): Promise<OrientationResult> {
      const slot: NativeSlot = { child: null };
      try {
        const out = await runOnImage(engine, slot, image, [
          '--psm',
          '0',
          ...(dpi ? ['--dpi', String(Math.round(dpi))] : []),
        ]);
        // "Rotate: 90" is the clockwise turn that makes the page upright (what tesseract.js
        // reports as orientation_degrees).
        const rotate = Number(/^Rotate:\s*(\d+)/m.exec(out)?.[1] ?? 0);
        const confidence = Number(/^Orientation confidence:\s*([\d.]+)/m.exec(out)?.[1] ?? 0);
        const degrees = ((((Math.round(rotate / 90) * 90) % 360) + 360) %
          360) as OrientationResult['degrees'];
        return confidence >= MIN_ORIENTATION_CONFIDENCE
          ? { degrees, confidence }
          : { degrees: 0, confidence };
      } catch {
        // OSD fails on pages with too little text: treat them as upright.
        return { degrees: 0, confidence: 0 };
      }
    },
    close: () => Promise.resolve(),
  };
}
