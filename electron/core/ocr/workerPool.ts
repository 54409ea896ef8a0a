// The queue in front of an OCR engine's workers, whatever they are (tesseract.js workers in this
// process, or slots each running one native `tesseract` process): pages wait their turn (a
// waiting clerk's before a batch's), workers start lazily up to the pool's size, a page that runs
// too long or is cancelled costs only its worker (stopped and replaced on demand), and a worker
// is replaced after its quota of pages.
import type { OcrEngine, OcrPage, RecognizeOptions } from './types';

/** One page handed to a worker. */
export interface PageJob {
  image: Buffer;
  widthPx: number;
  heightPx: number;
  dpi?: number;
}

/** What a kind of worker can do; the pool does the rest. */
export interface WorkerKind<W> {
  start(): Promise<W>;
  /** Reads one page; `isCancelled` turns true once the pool gave up on the page. */
  read(worker: W, job: PageJob, isCancelled: () => boolean): Promise<OcrPage>;
  /** Stops a worker (a stuck or cancelled page, its quota reached, or the pool closing). */
  stop(worker: W): Promise<void>;
  /** Pages a worker reads before it is replaced. */
  pagesPerWorker: number;
}

/** What the pool has done: the benchmarks and tests count real recognitions through it. */
export interface OcrPoolStats {
  /** Pages a worker finished reading (successfully or not), since the pool was made. */
  recognitions: number;
  /** Pages waiting for a worker now. */
  queued: number;
}

export class OcrTimeoutError extends Error {
  constructor(ms: number) {
    super(`OCR did not finish within ${ms} ms`);
    this.name = 'OcrTimeoutError';
  }
}

interface Job extends PageJob {
  signal?: AbortSignal;
  interactive: boolean;
  resolve: (page: OcrPage) => void;
  reject: (e: Error) => void;
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('Cancelled', 'AbortError');
}

export interface WorkerPool extends OcrEngine {
  stats(): OcrPoolStats;
}

export function createWorkerPool<W>(
  kind: WorkerKind<W>,
  options: { size: number; pageTimeoutMs: number },
): WorkerPool {
  const pool = new Pool(kind, Math.max(1, options.size), options.pageTimeoutMs);
  return {
    stats: () => pool.stats(),
    recognize: (image, widthPx, heightPx, opts) => pool.recognize(image, widthPx, heightPx, opts),
    close: () => pool.close(),
  };
}

class Pool<W> {
  private readonly idle: W[] = [];
  /** Workers that are up, busy or idle. */
  private readonly workers: W[] = [];
  /** One entry per worker started or starting: its length is what counts against `size`. */
  private readonly started: Promise<W>[] = [];
  private readonly queue: Job[] = [];
  private readonly jobsDone = new Map<W, number>();
  private closed = false;
  private recognitions = 0;

  constructor(
    private readonly kind: WorkerKind<W>,
    private readonly size: number,
    private readonly pageTimeoutMs: number,
  ) {}

  stats(): OcrPoolStats {
    return { recognitions: this.recognitions, queued: this.queue.length };
  }

  private retire(worker: W): void {
    const i = this.workers.indexOf(worker);
    if (i >= 0) this.workers.splice(i, 1);
    this.jobsDone.delete(worker);
    void this.started.pop();
    void this.kind.stop(worker).catch(() => undefined);
  }

  private async run(worker: W, job: Job): Promise<void> {
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
    };
    const stop = (e: Error) => {
      if (settled) return;
      finish();
      job.reject(e);
      this.retire(worker);
      this.pump();
    };
    const onAbort = () => stop(abortError(job.signal));
    const timer = setTimeout(
      () => stop(new OcrTimeoutError(this.pageTimeoutMs)),
      this.pageTimeoutMs,
    );
    job.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const page = await this.kind.read(worker, job, () => settled);
      this.recognitions++;
      if (settled) return;
      job.resolve(page);
    } catch (e) {
      if (settled) return;
      job.reject(asError(e));
    }
    finish();
    const done = (this.jobsDone.get(worker) ?? 0) + 1;
    this.jobsDone.set(worker, done);
    if (done >= this.kind.pagesPerWorker) this.retire(worker);
    else this.idle.push(worker);
    this.pump();
  }

  // Workers start lazily, up to `size`, as jobs arrive; a worker that cannot start fails the
  // job that was waiting for it, never the process.
  private pump(): void {
    while (this.queue.length > 0 && this.idle.length > 0)
      void this.run(this.idle.pop()!, this.queue.shift()!);
    if (this.queue.length > 0 && this.started.length < this.size && !this.closed) {
      const pending = this.kind.start();
      this.started.push(pending);
      pending.then(
        (w) => {
          this.workers.push(w);
          this.idle.push(w);
          this.pump();
        },
        (e: unknown) => {
          void this.started.splice(this.started.indexOf(pending), 1);
          this.queue.shift()?.reject(asError(e));
          this.pump();
        },
      );
    }
  }

  // A waiting clerk's page goes after the other interactive pages and before any batch page.
  private enqueue(job: Job): void {
    const at = job.interactive ? this.queue.findIndex((j) => !j.interactive) : -1;
    if (at >= 0) this.queue.splice(at, 0, job);
    else this.queue.push(job);
  }

  recognize(
    image: Buffer,
    widthPx: number,
    heightPx: number,
    opts: RecognizeOptions = {},
  ): Promise<OcrPage> {
    if (this.closed) return Promise.reject(new Error('OCR engine closed'));
    if (opts.signal?.aborted) return Promise.reject(abortError(opts.signal));
    return new Promise<OcrPage>((resolve, reject) => {
      // Cancelled while still waiting: leave the queue without touching any worker. The
      // listener goes as soon as the job settles: a batch's signal lives for the whole batch,
      // and a listener left on it would keep every page's image alive (a 200-page batch grew
      // by ~1 GB that way).
      const onQueuedAbort = () => {
        const i = this.queue.indexOf(job);
        if (i >= 0) {
          this.queue.splice(i, 1);
          job.reject(abortError(opts.signal));
        }
      };
      const forget = () => opts.signal?.removeEventListener('abort', onQueuedAbort);
      const job: Job = {
        image,
        widthPx,
        heightPx,
        signal: opts.signal,
        ...(opts.dpi ? { dpi: opts.dpi } : {}),
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
      this.enqueue(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('OCR engine closed'));
    const all = await Promise.allSettled(this.started);
    const up = new Set([
      ...this.workers,
      ...all.flatMap((w) => (w.status === 'fulfilled' ? [w.value] : [])),
    ]);
    await Promise.all([...up].map((w) => this.kind.stop(w).catch(() => undefined)));
  }
}
