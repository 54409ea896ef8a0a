// The three contenders, each run as its user would run it, and the checks that they are here.
// Sohoa: the `sohoa digitize` command (deskew on, PDF/A out, signed and archived as in real use).
// OCRmyPDF: `ocrmypdf --jobs <cores> -l vie --deskew --output-type pdfa` on a PDF of the same
// images (img2pdf wraps them without re-encoding, as a scanner's PDF would). Native Tesseract:
// recognition only, one single-threaded process per core (OMP_THREAD_LIMIT=1), text out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { measure, type Measured } from './measure';

export const REPO = path.resolve(import.meta.dirname, '../../..');

export type ToolId = 'sohoa' | 'sohoa-native' | 'ocrmypdf' | 'tesseract';

/** Which OCR engine a Sohoa run is told to use (SOHOA_OCR_ENGINE). */
export type SohoaEngine = 'wasm' | 'native';

export interface ToolRun {
  measured: Measured;
  /** Text per input page, in input order ('' when the page is missing from the output). */
  texts: string[];
  /** Size of the output file(s); null when the tool writes no PDF. */
  bytes: number | null;
  /** Anything that went wrong, to show beside the figures. */
  problem?: string;
  /** Sohoa's own per-stage timings, when it reports them. */
  stages?: { stage: string; ms: number }[];
  /** The OCR engine Sohoa reports it used. */
  engine?: string;
  /** Pages whose upright turn needed OSD, as Sohoa reports it. */
  osdPages?: number;
}

function has(cmd: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

function tesseractHasVietnamese(): boolean {
  const r = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return !r.error && /^vie$/m.test(`${r.stdout}${r.stderr}`);
}

export const INSTALL_HINT =
  'sudo apt-get install -y ocrmypdf tesseract-ocr tesseract-ocr-vie   # Debian/Ubuntu';

/**
 * Which comparison tools can run. When one is missing and we are root, install it with apt (the
 * Debian packages the peers are measured with, INSTALL_HINT); otherwise say how, and the bench
 * measures what it can.
 */
export function ensureComparisonTools(log: (s: string) => void): Record<ToolId, boolean> {
  const check = () => ({
    sohoa: true,
    'sohoa-native': true,
    ocrmypdf: has('ocrmypdf') && has('/usr/bin/python3', ['-c', 'import img2pdf']),
    tesseract: has('tesseract') && tesseractHasVietnamese(),
  });
  let found = check();
  if (found.ocrmypdf && found.tesseract) return found;
  if (process.getuid?.() === 0 && has('apt-get', ['--version'])) {
    log('Thiếu OCRmyPDF/Tesseract: đang cài bằng apt… / installing with apt…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync(
      'apt-get',
      ['install', '-y', '-qq', 'ocrmypdf', 'tesseract-ocr', 'tesseract-ocr-vie'],
      { stdio: 'inherit', env },
    );
    found = check();
  }
  if (!found.ocrmypdf || !found.tesseract)
    log(
      `Không có ${[!found.ocrmypdf && 'OCRmyPDF', !found.tesseract && 'Tesseract (vie)'].filter(Boolean).join(', ')}` +
        ` – chỉ đo những gì có / measuring what is available. Cài đặt / install: ${INSTALL_HINT}`,
    );
  return found;
}

export function pdfPageCount(pdf: string): number {
  const r = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(r.stdout ?? '');
  return m ? Number(m[1]) : 0;
}

export function pdfPageText(pdf: string, page: number): string {
  const r = spawnSync(
    'pdftotext',
    ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return (r.stdout ?? '').normalize('NFC');
}

/**
 * The visible signature stamp on page 1 (agency, signing time, the demo warning) is text the
 * signing stage adds on purpose, not OCR output: it is left out of the comparison.
 */
export function withoutSignatureStamp(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^(Cơ quan thử nghiệm Sohoa Desk|Thời gian ký:|BẢN THỬ NGHIỆM)/.test(l.trim()))
    .join('\n');
}

interface SohoaOutcome {
  pdfPath: string | null;
  fileErrors: { message: { en: string } }[];
  timings: { stage: string; ms: number }[];
  pages?: { ordinal: number; sourceName: string; location?: { file: string } }[];
  ocrEngine?: { kind: string; version: string };
  imageSteps?: { osdPages: number };
}

/** The environment that makes Sohoa use one engine. */
export function sohoaEnv(engine: SohoaEngine): NodeJS.ProcessEnv {
  return { ...process.env, SOHOA_OCR_ENGINE: engine };
}

function parseOutcome(stdout: string): SohoaOutcome | null {
  const start = stdout.indexOf('{');
  if (start < 0) return null;
  try {
    return JSON.parse(stdout.slice(start)) as SohoaOutcome;
  } catch {
    return null;
  }
}

export function sohoaArgs(files: string[], outDir: string, dataDir: string): string[] {
  return [
    path.join(REPO, 'bin/sohoa.mjs'),
    'digitize',
    ...files,
    '--out',
    outDir,
    '--data-dir',
    dataDir,
    '--json',
  ];
}

export async function runSohoa(
  files: string[],
  workDir: string,
  dataDir: string,
  engine: SohoaEngine,
): Promise<ToolRun> {
  const outDir = path.join(workDir, 'sohoa-out');
  fs.mkdirSync(outDir, { recursive: true });
  const measured = await measure(process.execPath, sohoaArgs(files, outDir, dataDir), {
    cwd: REPO,
    env: sohoaEnv(engine),
  });
  const outcome = parseOutcome(measured.stdout);
  const pdf = outcome?.pdfPath;
  if (!outcome || !pdf || !fs.existsSync(pdf))
    return {
      measured,
      texts: files.map(() => ''),
      bytes: null,
      problem: `no PDF (exit ${measured.status}): ${
        outcome?.fileErrors.map((e) => e.message.en).join('; ') ||
        measured.stderr.split('\n').filter(Boolean).slice(-3).join(' | ')
      }`,
      ...(outcome ? { stages: outcome.timings } : {}),
    };
  // Map PDF pages back to inputs by the file each page reports it came from, else by order.
  const count = pdfPageCount(pdf);
  const texts = files.map(() => '');
  for (let page = 1; page <= count; page++) {
    const name = outcome.pages?.find((p) => p.ordinal === page)?.location?.file;
    const index = name ? files.findIndex((f) => f === name || path.basename(f) === name) : page - 1;
    if (index >= 0 && index < files.length)
      texts[index] += withoutSignatureStamp(pdfPageText(pdf, page));
  }
  return {
    measured,
    texts,
    bytes: fs.statSync(pdf).size,
    stages: outcome.timings,
    ...(outcome.ocrEngine
      ? { engine: `${outcome.ocrEngine.kind} (${outcome.ocrEngine.version})` }
      : {}),
    ...(outcome.imageSteps ? { osdPages: outcome.imageSteps.osdPages } : {}),
    ...(count !== files.length ? { problem: `${count} PDF pages for ${files.length} inputs` } : {}),
    ...(outcome.fileErrors.length
      ? { problem: outcome.fileErrors.map((e) => e.message.en).join('; ') }
      : {}),
  };
}

export async function runOcrmypdf(
  files: string[],
  workDir: string,
  jobs: number,
): Promise<ToolRun> {
  const input = path.join(workDir, 'ocrmypdf-in.pdf');
  const output = path.join(workDir, 'ocrmypdf-out.pdf');
  const wrap = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sys, img2pdf; open(sys.argv[1], "wb").write(img2pdf.convert(sys.argv[2:]))',
      input,
      ...files,
    ],
    { encoding: 'utf8' },
  );
  if (wrap.status !== 0) throw new Error(`img2pdf failed: ${wrap.stderr}`);
  const measured = await measure('ocrmypdf', [
    '--jobs',
    String(jobs),
    '-l',
    'vie',
    '--deskew',
    '--output-type',
    'pdfa',
    input,
    output,
  ]);
  if (measured.status !== 0 || !fs.existsSync(output))
    return {
      measured,
      texts: files.map(() => ''),
      bytes: null,
      problem: `ocrmypdf exit ${measured.status}: ${measured.stderr.split('\n').slice(-3).join(' | ')}`,
    };
  return {
    measured,
    texts: files.map((_, i) => pdfPageText(output, i + 1)),
    bytes: fs.statSync(output).size,
  };
}

export async function runTesseract(
  files: string[],
  workDir: string,
  jobs: number,
): Promise<ToolRun> {
  const outDir = path.join(workDir, 'tesseract-out');
  fs.mkdirSync(outDir, { recursive: true });
  const list = path.join(workDir, 'tesseract-files.txt');
  fs.writeFileSync(list, files.join('\n'));
  // One process per core, each single-threaded: the fastest way to push pages through the engine.
  const measured = await measure(
    'xargs',
    [
      '-a',
      list,
      '-d',
      '\n',
      '-P',
      String(jobs),
      '-n',
      '1',
      'sh',
      '-c',
      'tesseract "$1" "$0/$(basename "$1")" -l vie 2>/dev/null',
      outDir,
    ],
    { env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
  );
  const texts = files.map((f) => {
    const txt = path.join(outDir, `${path.basename(f)}.txt`);
    return fs.existsSync(txt) ? fs.readFileSync(txt, 'utf8').normalize('NFC') : '';
  });
  return {
    measured,
    texts,
    bytes: null,
    ...(measured.status !== 0 ? { problem: `xargs/tesseract exit ${measured.status}` } : {}),
  };
}
