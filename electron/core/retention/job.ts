// The retention job: sweeps the data folder by the rules in Cài đặt shortly after the core starts
// and then every few hours, one sweep at a time, and stops with the core. A sweep only removes
// whole finished entries with async file calls, so a reception at the counter never waits on it;
// a sweep asked for while one runs joins it. Sizes are measured for the screen on demand.
import type { RetentionStoreId, StoreReport } from '../../../shared/contracts/retention';
import type { RetentionSettings } from '../../../shared/settings';
import { storeLayouts, storeRule, sizeOf, type Size } from './stores';
import { sweepStores, type StoreSweep, type SweepInput } from './sweep';

export interface RetentionJobDeps extends Omit<
  SweepInput,
  'settings' | 'hotFolderInboxes' | 'now'
> {
  settings: () => RetentionSettings;
  hotFolderInboxes: () => readonly string[];
  clock?: () => Date;
  /** First sweep after start, then every `everyMs` (defaults: 2 minutes, 6 hours). */
  firstAfterMs?: number;
  everyMs?: number;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private last: Map<RetentionStoreId, StoreSweep> | null = null;
  private lastAt: Date | null = null;
  private stopped = true;

  constructor(private readonly deps: RetentionJobDeps) {}

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.deps.firstAfterMs ?? 2 * 60_000);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweep().finally(() => this.schedule(this.deps.everyMs ?? 6 * 3600_000));
    }, ms);
    // The job never keeps a closing process alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep under way (its current entry finishes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  get sweeping(): boolean {
    return this.running !== null;
  }

  /** One sweep now (joins the one under way). */
  sweep(): Promise<void> {
    this.running ??= (async () => {
      try {
        const now = this.now();
        this.last = await sweepStores({
          ...this.deps,
          settings: this.deps.settings(),
          hotFolderInboxes: this.deps.hotFolderInboxes(),
          now,
        });
        this.lastAt = now;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Each store with its size, its rule and what the last sweep removed. */
  async status(): Promise<{
    stores: StoreReport[];
    lastSweepAt: string | null;
    sweeping: boolean;
  }> {
    const settings = this.deps.settings();
    const stores: StoreReport[] = [];
    for (const layout of storeLayouts(this.deps.dataDir, this.deps.hotFolderInboxes())) {
      const size: Size = { files: 0, bytes: 0 };
      for (const p of layout.paths) {
        const s = await sizeOf(p);
        size.files += s.files;
        size.bytes += s.bytes;
      }
      const swept = this.last?.get(layout.id);
      stores.push({
        id: layout.id,
        ...size,
        rule: storeRule(layout.id, settings),
        removed: swept ? swept.removed : null,
        problem: swept?.problem ?? null,
      });
    }
    return { stores, lastSweepAt: this.lastAt?.toISOString() ?? null, sweeping: this.sweeping };
  }
}
