// The archive room's batch queue, its one front door: batches are made from uploads, a folder, a
// page source or a hot folder's bursts (intake.ts, burst.ts), run one at a time through the real
// pipeline, each becoming one signed record or one per planned document (runner.ts), controlled
// by the archivist (controls.ts) and read by the batch screen (views.ts). A restart resumes what
// was queued or running.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type {
  BatchPage,
  BatchRecord,
  BatchSummary,
  ReviewItem,
  StackPage,
} from '../../../shared/contracts/batch';
import type { SeparationOptions, SplitEdit, SplitPlan } from '../../../shared/contracts/intake';
import type { PageSource } from '../pipeline/types';
import { collectBursts } from './burst';
import * as controls from './controls';
import { queueFiles, queueFolder, queuePages } from './intake';
import { BatchRunner } from './runner';
import { BatchStore, type FileRow } from './store';
import type { BatchCore, BatchQueueOptions, QueueContext } from './types';
import { BatchViews } from './views';

export { burstSourceRef } from './burst';
export type { BatchQueueOptions } from './types';

export class BatchQueue {
  private readonly store: BatchStore;
  private readonly ctx: QueueContext;
  private readonly runner: BatchRunner;
  private readonly views: BatchViews;
  private readonly feeds: { controller: AbortController; done: Promise<void> }[] = [];

  constructor(core: BatchCore, options: BatchQueueOptions = {}) {
    const dir = path.join(core.paths.root, 'batches');
    // Synchronous: a floating mkdir could still be queued on libuv's pool when the queue closes.
    mkdirSync(dir, { recursive: true });
    const store = new BatchStore(path.join(core.paths.root, 'batches.sqlite'), options.clock);
    const instance = store.batches.instanceId();
    this.store = store;
    this.ctx = {
      core,
      store,
      dir,
      now: options.clock ?? (() => new Date()),
      mustGet: (id) => this.views.mustGet(id),
      sourceRefOf: (b) => b.sourceRef ?? `batch:${instance}:${b.id}`,
      kick: () => this.runner.kick(),
    };
    this.runner = new BatchRunner(this.ctx, options.saveEveryMs ?? 2000);
    this.views = new BatchViews(
      store,
      dir,
      (id) => this.runner.running(id),
      (ids) => core.archive.unreviewedRecords(ids),
    );
    this.runner.recover();
    if (options.autoStart !== false) this.runner.kick();
  }

  // ---- intake ----------------------------------------------------------------------------

  async queueFiles(request: {
    title?: string;
    batchId?: number;
    more: boolean;
    files: { name: string; dataBase64: string }[];
  }): Promise<BatchSummary> {
    return this.views.summaryOf(await queueFiles(this.ctx, request));
  }

  async queueFolder(request: { title?: string; folder: string }): Promise<BatchSummary> {
    return this.views.summaryOf(await queueFolder(this.ctx, request));
  }

  /** A finite page source (a scanner, a file import): queued when it ends, paused if it fails. */
  async queuePages(title: string, pages: AsyncIterable<PageSource>): Promise<BatchSummary> {
    return this.views.summaryOf(await queuePages(this.ctx, title, pages));
  }

  /**
   * A source that never ends (a hot folder): a batch per burst of pages, queued after `quietMs`
   * without a new one. Runs until the queue closes; what arrived by then is queued.
   */
  feed(
    title: string,
    source: (signal: AbortSignal) => AsyncIterable<PageSource>,
    quietMs = 30_000,
  ): void {
    const controller = new AbortController();
    const done = collectBursts(this.ctx, title, source, quietMs, controller.signal);
    this.feeds.push({ controller, done });
  }

  /** Resolves when no batch is running and none is queued (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  // ---- controls --------------------------------------------------------------------------

  control(id: number, action: controls.BatchAction): BatchSummary {
    controls.control(this.ctx, this.runner, id, action);
    return this.views.summaryOf(id);
  }

  /** The options new batches get; `set` saves new ones first (null: no separation). */
  separationDefaults(set?: SeparationOptions | null): SeparationOptions | null {
    return controls.separationDefaults(this.ctx, set);
  }

  /** One archivist's edit of a plan that waits for review (the core's adjustSplits), saved. */
  adjustSplits(id: number, edit: SplitEdit): SplitPlan {
    return controls.editSplits(this.ctx, id, edit);
  }

  acceptSplits(id: number): BatchSummary {
    controls.acceptSplits(this.ctx, id);
    return this.views.summaryOf(id);
  }

  decide(itemId: number, decision: 'accepted' | 'dismissed'): ReviewItem {
    return this.views.decide(itemId, decision);
  }

  decideMany(itemIds: number[], decision: 'accepted' | 'dismissed'): ReviewItem[] {
    return this.views.decideMany(itemIds, decision);
  }

  // ---- views -----------------------------------------------------------------------------

  list(limit: number): { batches: BatchSummary[]; reviewOpen: number } {
    return this.views.list(limit);
  }

  detail(id: number): { batch: BatchSummary; files: Omit<FileRow, 'path' | 'ordinal'>[] } {
    return this.views.detail(id);
  }

  /** The batch's pages in order: per page once it ran, per file (as far as known) before. */
  pages(id: number, offset: number, limit: number): { total: number; pages: BatchPage[] } {
    return this.views.pages(id, offset, limit);
  }

  thumbnail(id: number, fileId: number, pageInFile: number): Promise<string> {
    return this.views.thumbnail(id, fileId, pageInFile);
  }

  review(options: { batchId?: number; state: 'open' | 'all' }): ReviewItem[] {
    return this.views.review(options);
  }

  splitPlan(id: number): { plan: SplitPlan | null; stack: StackPage[]; records: BatchRecord[] } {
    return this.views.splitPlan(id);
  }

  /** Stops the running batch (it stays queued for next time) and closes the queue's database. */
  async close(): Promise<void> {
    this.runner.stopTaking();
    for (const f of this.feeds) f.controller.abort();
    await Promise.all(this.feeds.map((f) => f.done));
    await this.runner.stop();
    this.store.close();
  }
}
