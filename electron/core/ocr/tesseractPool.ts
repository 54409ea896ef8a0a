// The WebAssembly engine: a small pool of tesseract.js workers (one per core by default), fully
// offline: languages come from a local folder and nothing is cached anywhere (cacheMethod
// 'none'). It always works, on any desk; the native engine (nativeTesseract.ts) is used instead
// where the machine has one.
import os from 'node:os';
import { createRequire } from 'node:module';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { prepareLanguageDir } from './languageData';
import { pageFromTsv } from './tsv';
import { createWorkerPool, type OcrPoolStats, type WorkerPool } from './workerPool';
import type { OcrEngineInfo } from './types';

export { OcrTimeoutError, type OcrPoolStats } from './workerPool';

const require = createRequire(import.meta.url);

/**
 * Vietnamese only. With English as a second language Tesseract re-reads every word it is unsure
 * of with the English model and keeps whichever scores better: capitals lose their marks that way
 * ("TỜ KHAI ĐĂNG KÝ" came out "TO KHAI DANG KỸ") and each such word is read twice. The Vietnamese
 * model reads Latin letters, digits and e-mail addresses as they are.
 */
export const OCR_LANGUAGES = ['vie'] as const;

export interface TesseractPoolOptions {
  langDir: string;
  langs?: readonly string[];
  size?: number;
  /** Longest a page may take once a worker has it; the worker is then replaced. */
  pageTimeoutMs?: number;
  /** Pages a worker reads before it is replaced (see PAGES_PER_WORKER). */
  pagesPerWorker?: number;
}

/**
 * A worker's WebAssembly memory only ever grows, and Tesseract's allocations fragment it over a
 * long batch; a fresh worker every so many pages keeps a 500-page batch at the memory of a short
 * one, for about a second of start-up per worker.
 */
export const PAGES_PER_WORKER = 40;

/** A full A4 page at 300 dpi takes 2–6 s on one core; a page still running after this is stuck. */
export const DEFAULT_PAGE_TIMEOUT_MS = 120_000;

export interface OcrPool extends WorkerPool {
  readonly info: OcrEngineInfo;
  stats(): OcrPoolStats;
}

export async function createTesseractPool(options: TesseractPoolOptions): Promise<OcrPool> {
  const langs = options.langs ?? OCR_LANGUAGES;
  const langPath = await prepareLanguageDir(options.langDir, langs);
  const pool = createWorkerPool<Worker>(
    {
      start: () =>
        createWorker([...langs], OEM.LSTM_ONLY, {
          langPath,
          cacheMethod: 'none',
          gzip: true,
          // Errors surface through the rejected job; never let them crash the process.
          errorHandler: () => undefined,
        }),
      async read(worker, job, isCancelled) {
        // A PGM carries no resolution, and Tesseract would otherwise assume 70 dpi.
        if (job.dpi) await worker.setParameters({ user_defined_dpi: String(Math.round(job.dpi)) });
        // Timed out or cancelled while the hint was set: the worker is being terminated, and
        // tesseract.js throws out of band when a job is sent to a terminated worker.
        if (isCancelled()) throw new Error('cancelled');
        // TSV only: the words with boxes and confidences, without the JSON tree of every symbol
        // and its alternatives that `blocks` builds (and this code never reads).
        const { data } = await worker.recognize(job.image, {}, { text: false, tsv: true });
        return pageFromTsv(data.tsv ?? '', job.widthPx, job.heightPx);
      },
      stop: (worker) => worker.terminate().then(() => undefined),
      pagesPerWorker: Math.max(1, options.pagesPerWorker ?? PAGES_PER_WORKER),
    },
    {
      size: options.size ?? os.availableParallelism(),
      pageTimeoutMs: options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
    },
  );
  const version = (require('tesseract.js/package.json') as { version: string }).version;
  return {
    ...pool,
    info: {
      kind: 'wasm',
      version: `tesseract.js ${version}`,
      languages: [...langs],
      model: 'best_int',
    },
  };
}
