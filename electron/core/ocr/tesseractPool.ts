// A small pool of tesseract.js workers (one per core by default), fully offline: languages come
// from a local folder and nothing is cached anywhere (cacheMethod 'none').
import os from 'node:os';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { collapseWhitespace, nfc } from '../../../shared/text';
import { prepareLanguageDir } from './languageData';
import type { OcrEngine, OcrLine, OcrPage } from './types';

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

interface Job {
  image: Buffer;
  widthPx: number;
  heightPx: number;
  signal?: AbortSignal;
  dpi?: number;
  interactive: boolean;
  resolve: (page: OcrPage) => void;
  reject: (e: Error) => void;
}

export class OcrTimeoutError extends Error {
  constructor(ms: number) {
    super(`OCR did not finish within ${ms} ms`);
    this.name = 'OcrTimeoutError';
  }
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('Cancelled', 'AbortError');
}

/** What the pool has done: the benchmarks and tests count real recognitions through it. */
export interface OcrPoolStats {
  /** Pages a worker finished reading (successfully or not), since the pool was made. */
  recognitions: number;
  /** Pages waiting for a worker now. */
  queued: number;
}

export interface OcrPool extends OcrEngine {
  stats(): OcrPoolStats;
}

export async function createTesseractPool(options: TesseractPoolOptions): Promise<OcrPool> {
  const langs = options.langs ?? ['vie', 'eng'];
  const langPath = await prepareLanguageDir(options.langDir, langs);
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const idle: Worker[] = [];
  /** Workers that are up, busy or idle. */
  const workers: Worker[] = [];
  /** One entry per worker started or starting: its length is what counts against `size`. */
  const started: Promise<Worker>[] = [];
  const queue: Job[] = [];
  let closed = false;
  let recognitions = 0;

  const spawn = () =>
    createWorker([...langs], OEM.LSTM_ONLY, {
      langPath,
      cacheMethod: 'none',
      gzip: true,
      // Errors surface through the rejected job; never let them crash the process.
      errorHandler: () => undefined,
    });

  const timeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const pagesPerWorker = Math.max(1, options.pagesPerWorker ?? PAGES_PER_WORKER);
  const jobsDone = new WeakMap<Worker, number>();

  // tesseract.js cannot interrupt a recognition: a stuck or cancelled page costs its worker,
  // which is terminated and replaced on demand.
  const retire = (worker: Worker) => {
    const i = workers.indexOf(worker);
    if (i >= 0) workers.splice(i, 1);
    void started.pop();
    void worker.terminate().catch(() => undefined);
  };

  const run = async (worker: Worker, job: Job) => {
    let settled = false;
    const stop = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
      job.reject(e);
      retire(worker);
      pump();
    };
    const onAbort = () => stop(abortError(job.signal));
    const timer = setTimeout(() => stop(new OcrTimeoutError(timeoutMs)), timeoutMs);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (job.dpi) await worker.setParameters({ user_defined_dpi: String(Math.round(job.dpi)) });
      // Timed out or cancelled while the hint was set: the worker is being terminated, and
      // tesseract.js throws out of band when a job is sent to a terminated worker.
      if (settled) return;
      const result = await worker.recognize(job.image, {}, { text: true, blocks: true });
      recognitions++;
      if (settled) return;
      job.resolve(toOcrPage(result.data, job.widthPx, job.heightPx));
    } catch (e) {
      if (settled) return;
      job.reject(asError(e));
    }
    settled = true;
    clearTimeout(timer);
    job.signal?.removeEventListener('abort', onAbort);
    const done = (jobsDone.get(worker) ?? 0) + 1;
    jobsDone.set(worker, done);
    if (done >= pagesPerWorker) retire(worker);
    else idle.push(worker);
    pump();
  };

  // Workers start lazily, up to `size`, as jobs arrive; a worker that cannot start fails the
  // job that was waiting for it, never the process.
  function pump(): void {
    while (queue.length > 0 && idle.length > 0) void run(idle.pop()!, queue.shift()!);
    if (queue.length > 0 && started.length < size && !closed) {
      const pending = spawn();
      started.push(pending);
      pending.then(
        (w) => {
          workers.push(w);
          idle.push(w);
          pump();
        },
        (e: unknown) => {
          void started.splice(started.indexOf(pending), 1);
          queue.shift()?.reject(asError(e));
          pump();
        },
      );
    }
  }

  // A waiting clerk's page goes after the other interactive pages and before any batch page.
  const enqueue = (job: Job) => {
    const at = job.interactive ? queue.findIndex((j) => !j.interactive) : -1;
    if (at >= 0) queue.splice(at, 0, job);
    else queue.push(job);
  };

  return {
    stats: () => ({ recognitions, queued: queue.length }),
    recognize(image, widthPx, heightPx, opts = {}) {
      if (closed) return Promise.reject(new Error('OCR engine closed'));
      if (opts.signal?.aborted) return Promise.reject(abortError(opts.signal));
      return new Promise<OcrPage>((resolve, reject) => {
        // Cancelled while still waiting: leave the queue without touching any worker. The
        // listener goes as soon as the job settles: a batch's signal lives for the whole batch,
        // and a listener left on it would keep every page's image alive (a 200-page batch grew
        // by ~1 GB that way).
        const onQueuedAbort = () => {
          const i = queue.indexOf(job);
          if (i >= 0) {
            queue.splice(i, 1);
            job.reject(abortError(opts.signal));
          }
        };
        const forget = () => opts.signal?.removeEventListener('abort', onQueuedAbort);
        const job: Job = {
          image,
          widthPx,
          heightPx,
          signal: opts.signal,
          dpi: opts.dpi,
          interactive: opts.priority === 'interactive',
          resolve: (page) => {
            forget();
            resolve(page);
          },
          reject: (e) => {
            forget();
            reject(e);
          },
        };
        opts.signal?.addEventListener('abort', onQueuedAbort, { once: true });
        enqueue(job);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('OCR engine closed'));
      const all = await Promise.allSettled(started);
      const up = new Set([
        ...workers,
        ...all.flatMap((w) => (w.status === 'fulfilled' ? [w.value] : [])),
      ]);
      await Promise.all([...up].map((w) => w.terminate().catch(() => undefined)));
    },
  };
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data'];

function toOcrPage(data: TesseractPage, widthPx: number, heightPx: number): OcrPage {
  const lines: OcrLine[] = [];
  let confSum = 0;
  let wordCount = 0;
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words
          .map((w) => ({ text: nfc(w.text).trim(), box: { ...w.bbox }, confidence: w.confidence }))
          .filter((w) => w.text.length > 0);
        if (words.length === 0) continue;
        for (const w of words) {
          confSum += w.confidence;
          wordCount++;
        }
        lines.push({ words, box: { ...line.bbox } });
      }
    }
  }
  const text = lines
    .map((l) => collapseWhitespace(l.words.map((w) => w.text).join(' ')))
    .join('\n');
  return { text, confidence: wordCount ? confSum / wordCount : 0, lines, widthPx, heightPx };
}
