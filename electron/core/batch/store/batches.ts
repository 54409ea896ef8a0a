// The batches table and the queue's settings: making a batch, its state and counters, the batches
// the runner takes next or a restart finds mid-way, and the options new batches get.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BatchState } from '../../../../shared/contracts/batch';
import { SeparationOptions } from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import { BATCH_SELECT, parseJson, toBatch, type BatchRow, type Progress, type Raw } from './rows';

export class BatchTable {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
  ) {}

  create(input: {
    title: string;
    state: BatchState;
    source: BatchRow['source'];
    folder?: string;
    separation?: SeparationOptions | null;
  }): number {
    const r = this.db
      .prepare(
        'INSERT INTO batches (title, state, source, folder, created_at, separation) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        input.title,
        input.state,
        input.source,
        input.folder ?? null,
        this.clock().toISOString(),
        input.separation ? JSON.stringify(input.separation) : null,
      );
    return Number(r.lastInsertRowid);
  }

  /**
   * This queue's own id, made once: archive keys of batches ("batch:<instance>:<id>") never meet
   * those of another batches.sqlite (a reset data folder reusing batch numbers, another desk).
   */
  instanceId(): string {
    this.db
      .prepare(
        "INSERT INTO queue_settings (key, value) VALUES ('instance', ?) ON CONFLICT DO NOTHING",
      )
      .run(JSON.stringify(randomUUID()));
    const r = this.db.prepare("SELECT value FROM queue_settings WHERE key = 'instance'").get() as {
      value: string;
    };
    return JSON.parse(r.value) as string;
  }

  setSourceRef(id: number, sourceRef: string): void {
    this.db.prepare('UPDATE batches SET source_ref = ? WHERE id = ?').run(sourceRef, id);
  }

  /** The options new batches get (null: no separation). */
  separationDefaults(): SeparationOptions | null {
    const r = this.db.prepare("SELECT value FROM queue_settings WHERE key = 'separation'").get() as
      { value: string } | undefined;
    return r ? parseJson(r.value, SeparationOptions.nullable()) : null;
  }

  setSeparationDefaults(options: SeparationOptions | null): void {
    this.db
      .prepare(
        "INSERT INTO queue_settings (key, value) VALUES ('separation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify(options));
  }

  get(id: number): BatchRow | null {
    const r = this.db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as Raw | undefined;
    return r ? toBatch(r) : null;
  }

  list(limit: number): BatchRow[] {
    return (this.db.prepare(`${BATCH_SELECT} ORDER BY b.id DESC LIMIT ?`).all(limit) as Raw[]).map(
      toBatch,
    );
  }

  /** The oldest batch waiting its turn. */
  nextQueued(): BatchRow | null {
    const r = this.db
      .prepare(`${BATCH_SELECT} WHERE b.state = 'queued' ORDER BY b.id LIMIT 1`)
      .get() as Raw | undefined;
    return r ? toBatch(r) : null;
  }

  /** Batches a previous run left mid-way (the process ended while they ran or uploaded). */
  interrupted(): BatchRow[] {
    return (
      this.db.prepare(`${BATCH_SELECT} WHERE b.state IN ('running', 'uploading')`).all() as Raw[]
    ).map(toBatch);
  }

  setState(id: number, state: BatchState, error: ErrorInfo | null = null): void {
    this.db
      .prepare('UPDATE batches SET state = ?, error = ? WHERE id = ?')
      .run(state, error ? JSON.stringify(error) : null, id);
  }

  saveProgress(id: number, p: Progress): void {
    this.db
      .prepare('UPDATE batches SET pages_done = ?, pages_total = ?, active_ms = ? WHERE id = ?')
      .run(p.pagesDone, p.pagesTotal, Math.round(p.activeMs), id);
  }
}
