// What the batch queue's modules share: the slice of the core they use, and the queue's context
// (its store, its folder, the archive key of a batch, the runner's current run).
import type { Core } from '../pipeline/core';
import type { Run } from './run';
import type { BatchRow, BatchStore, FileRow } from './store';

export type BatchCore = Pick<Core, 'digitize' | 'archive' | 'paths' | 'sharedOcr' | 'orientation'>;

export interface BatchQueueOptions {
  clock?: () => Date;
  /** How often a running batch's counters go to disk. */
  saveEveryMs?: number;
  /** Tests open a queue without starting it, to look at what a restart finds. */
  autoStart?: boolean;
}

/** A batch made without a title is called this (a folder's adds its name). */
export const DEFAULT_TITLE = 'Lô số hóa';

/** The title a batch's one record gets in the archive, unique per batch. */
export function recordTitle(batch: Pick<BatchRow, 'id' | 'title'>): string {
  return `${batch.title} (lô ${batch.id})`;
}

export interface QueueContext {
  readonly core: BatchCore;
  readonly store: BatchStore;
  /** batches/ in the data folder: each batch's inputs, read pages and thumbnails under <id>/. */
  readonly dir: string;
  now(): Date;
  /** The batch or BAD_REQUEST. */
  mustGet(id: number): BatchRow;
  /**
   * The archive's idempotency key of what a batch makes: its content for a hot folder's burst (set
   * when the burst is sealed), else the batch itself. Recording it twice returns the first record.
   */
  sourceRefOf(b: Pick<BatchRow, 'id' | 'sourceRef'>): string;
  /** Starts the oldest queued batch unless one runs or the queue is closing. */
  kick(): void;
}

/** How a pass takes the runner's one slot: what pause, cancel and the views see while it runs. */
export interface RunSlot {
  begin(id: number, files: readonly FileRow[], pagesTotal: number): Run;
  end(): void;
  /** The queue is shutting down: a pass cut off now runs again next time. */
  readonly closing: boolean;
}
