// The runner: batches run one at a time, oldest queued first, each as one record (single.ts) or,
// when separated, in two passes (separated.ts). It holds the one running batch for pause, cancel
// and the views, and on opening settles what the last process left running.
import { EMPTY_PAGE_ANALYSIS } from '../../../shared/contract';
import { SohoaError } from '../../../shared/errors';
import { Run } from './run';
import { applyPass, planPass } from './separated';
import { finishSingle, runSingle } from './single';
import type { BatchRow, FileRow, Progress } from './store';
import type { QueueContext, RunSlot } from './types';

export class BatchRunner implements RunSlot {
  private run: Run | null = null;
  private idle: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly ctx: QueueContext,
    private readonly saveEveryMs: number,
  ) {}

  get closing(): boolean {
    return this.stopping;
  }

  /** The run of this batch, if it is the one running. */
  running(id: number): Run | null {
    return this.run?.id === id ? this.run : null;
  }

  begin(id: number, files: readonly FileRow[], pagesTotal: number): Run {
    const save = (p: Progress) => this.ctx.store.batches.saveProgress(id, p);
    this.run = new Run(id, files, pagesTotal, save, this.saveEveryMs);
    return this.run;
  }

  end(): void {
    this.run = null;
  }

  kick(): void {
    if (this.run || this.stopping) return;
    const next = this.ctx.store.batches.nextQueued();
    if (!next) return;
    this.idle = this.execute(next).finally(() => this.kick());
  }

  /** Resolves when no batch is running and none is queued (tests, shutdown). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const current = this.idle;
      await current;
      if (current === this.idle && !this.run) return;
    }
  }

  private async execute(batch: BatchRow): Promise<void> {
    if (!batch.separation) return runSingle(this.ctx, this, batch);
    if (batch.planAccepted && batch.plan) return applyPass(this.ctx, this, batch, batch.plan);
    return planPass(this.ctx, this, batch, batch.separation);
  }

  /** What the last process left running: archived already (crash after the commit) or rerun. */
  recover(): void {
    const { store, core } = this.ctx;
    for (const b of store.batches.interrupted()) {
      if (b.state === 'uploading') {
        // Some files arrived, the rest never did: keep them, let the archivist decide.
        store.batches.setState(b.id, b.files > 0 ? 'paused' : 'cancelled');
        continue;
      }
      if (b.separation) {
        // A separated batch runs again from where it was: reading re-reads its files, applying
        // skips the documents already archived (saved one by one as they were made).
        store.batches.setState(b.id, 'queued');
        continue;
      }
      // Exact: the record carries the batch's key, written in the archive's own transaction.
      const made = core.archive.findBySourceRef(this.ctx.sourceRefOf(b));
      const detail = made ? core.archive.getRecord(made.id) : null;
      if (made && detail) {
        const pages = detail.pages.map((p) => ({
          ordinal: p.ordinal,
          sourceName: p.sourceName,
          confidence: p.confidence,
          analysis: p.analysis ?? EMPTY_PAGE_ANALYSIS,
        }));
        const outcome = { record: made, pdfPath: null, fileErrors: [], timings: [], pages };
        finishSingle(this.ctx, b.id, outcome, { ...b, cancelled: false });
      } else store.batches.setState(b.id, 'queued');
    }
  }

  /** No batch starts from now on (the queue is closing). */
  stopTaking(): void {
    this.stopping = true;
  }

  /** Stops the running batch (it stays queued for next time) and waits for it to settle. */
  async stop(): Promise<void> {
    this.stopping = true;
    const run = this.run;
    if (run) {
      run.controller.abort(new SohoaError('CANCELLED', 'shutdown'));
      run.gate.release();
    }
    await this.idle.catch(() => undefined);
  }
}
