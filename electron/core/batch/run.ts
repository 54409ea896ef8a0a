// The batch that is running, as pause, cancel and the screen's polling see it. Progress lives here
// while the batch runs and goes to disk every few seconds, so polling costs a few indexed rows.
import { setMaxListeners } from 'node:events';
import { Gate } from './gate';
import type { FileRow, Progress } from './store';

export interface LiveFile {
  state: 'pending' | 'reading';
  pages: number;
}

export class Run {
  readonly controller = new AbortController();
  readonly gate = new Gate();
  cancelled = false;
  pagesDone = 0;
  readonly files: Map<number, LiveFile>;
  /** Time actually running, excluding pauses; `since` marks the current running stretch. */
  private runningMs = 0;
  private since: number | null = performance.now();
  private lastSave = performance.now();

  constructor(
    readonly id: number,
    files: readonly FileRow[],
    public pagesTotal: number,
    private readonly save: (progress: Progress) => void,
    private readonly saveEveryMs: number,
  ) {
    this.files = new Map(files.map((f) => [f.id, { state: 'pending', pages: 0 }]));
    // Every page waiting for an OCR worker listens on it: a 500-page batch is not a leak.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A page of this file was handed over: the file shows as being read, with one page more. */
  pageOf(fileId: number): void {
    const f = this.files.get(fileId);
    if (f) {
      f.state = 'reading';
      f.pages++;
    }
  }

  /** Stops the running clock (paused, or the run ended). */
  stopClock(): void {
    if (this.since !== null) this.runningMs += performance.now() - this.since;
    this.since = null;
  }

  startClock(): void {
    this.since = performance.now();
  }

  activeMs(): number {
    return this.runningMs + (this.since !== null ? performance.now() - this.since : 0);
  }

  /** Saves the counters, at most every `saveEveryMs` unless `force`. */
  saveProgress(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastSave < this.saveEveryMs) return;
    this.lastSave = now;
    this.save({
      pagesDone: this.pagesDone,
      pagesTotal: this.pagesTotal,
      activeMs: this.activeMs(),
    });
  }

  /** The counters as a finished pass records them: `pagesDone` of `pagesTotal` by default. */
  progress(pagesDone = this.pagesDone, pagesTotal = this.pagesTotal): Progress {
    return { pagesDone, pagesTotal, activeMs: this.activeMs() };
  }
}
