// Which OCR engine reads the pages, chosen once per process: the native Tesseract program where
// the machine has one with Vietnamese data (about twice as fast), else tesseract.js, the
// WebAssembly build that always works. Both sit behind the same OcrEngine interface, read the same
// grey PGM and give the same words, boxes and confidences; the choice is reported with each
// digitize run. SOHOA_OCR_ENGINE=wasm|native|auto (default auto) lets IT or a benchmark force one.
import os from 'node:os';
import { createOrientationDetector, type OrientationDetector } from './orientation';
import {
  createNativeOrientationDetector,
  findNativeTesseract,
  readPageNative,
  stopSlot,
  type NativeSlot,
  type NativeTesseract,
} from './nativeTesseract';
import {
  createTesseractPool,
  DEFAULT_PAGE_TIMEOUT_MS,
  OCR_LANGUAGES,
  type OcrPool,
} from './tesseractPool';
import { createWorkerPool } from './workerPool';

export type EngineChoice = 'auto' | 'native' | 'wasm';

export interface OcrEngineOptions {
  /** Where tesseract.js' language data is gathered (the WebAssembly engine). */
  langDir: string;
  size?: number;
  choice?: EngineChoice;
  pageTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export function engineChoice(env: NodeJS.ProcessEnv = process.env): EngineChoice {
  const v = env.SOHOA_OCR_ENGINE?.trim().toLowerCase();
  return v === 'native' || v === 'wasm' ? v : 'auto';
}

let found: Promise<NativeTesseract | null> | undefined;

/** The native program, looked for once per process (a few tens of milliseconds). */
export function nativeTesseract(
  env: NodeJS.ProcessEnv = process.env,
): Promise<NativeTesseract | null> {
  if (env !== process.env) return findNativeTesseract(env);
  return (found ??= findNativeTesseract(env));
}

export async function createOcrEngine(options: OcrEngineOptions): Promise<OcrPool> {
  const env = options.env ?? process.env;
  const choice = options.choice ?? engineChoice(env);
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const native = choice === 'wasm' ? null : await nativeTesseract(env);
  if (native) return createNativePool(native, size, pageTimeoutMs);
  const wasm = await createTesseractPool({ langDir: options.langDir, size, pageTimeoutMs });
  const note =
    choice === 'wasm'
      ? 'chosen by SOHOA_OCR_ENGINE=wasm'
      : 'no Tesseract program with Vietnamese data found (SOHOA_TESSERACT, beside the app, PATH)';
  return { ...wasm, info: { ...wasm.info, note } };
}

function createNativePool(native: NativeTesseract, size: number, pageTimeoutMs: number): OcrPool {
  const languages = [...OCR_LANGUAGES];
  const pool = createWorkerPool<NativeSlot>(
    {
      start: () => Promise.resolve({ child: null }),
      read: (slot, job) => readPageNative(native, slot, job, languages),
      stop: stopSlot,
      // A process per page: nothing builds up between pages.
      pagesPerWorker: Infinity,
    },
    { size, pageTimeoutMs },
  );
  return {
    ...pool,
    info: {
      kind: 'native',
      version: `tesseract ${native.version}`,
      languages,
      model: native.dataDir ? `vie.traineddata in ${native.dataDir}` : 'the program’s own data',
      program: native.program,
    },
  };
}

/**
 * The orientation detector that goes with the engine: the native program's OSD when it has the
 * model, else tesseract.js' (started on first use; most pages never need it, their text lines
 * tell which way is up).
 */
export function createOrientation(
  langDir: string,
  choice: EngineChoice = engineChoice(),
): OrientationDetector {
  let inner: Promise<OrientationDetector> | undefined;
  const get = () =>
    (inner ??= (async () => {
      const native = choice === 'wasm' ? null : await nativeTesseract();
      return native?.languages.includes('osd')
        ? createNativeOrientationDetector(native)
        : createOrientationDetector(langDir);
    })());
  return {
    detect: async (image, dpi) => (await get()).detect(image, dpi),
    close: async () => {
      if (inner) await (await inner).close();
    },
  };
}
