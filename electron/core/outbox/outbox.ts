// The outbox: finished dossiers waiting for the records store, one row each in the archive's
// database (the archive puts a dossier here in the same transaction that records it). The
// uploader sends each dossier's package (the same BagIt files `sohoa export` writes) under
// `<agency>/<year>/<dossier code>/…`, reads every object back and compares its SHA-256, writes
// the completion marker LAST, and only then marks the item done. Failures back off exponentially
// with jitter; an item that keeps failing moves to `needs_attention` with its last error.
// Everything is idempotent: the same keys are rewritten with the same bytes, so a crash or a
// restart at any point can only repeat work, never duplicate a dossier in the store.
import type { Archive } from '../archive/archive';
import type { BlobStore } from '../archive/blobStore';
import { buildDossierPackage } from '../archive/dossierPackage';
import { canonicalJson } from '../archive/canonicalJson';
import { sha256Hex } from '../archive/blobStore';
import type { Connector } from './connector';

export type OutboxState = 'pending' | 'uploading' | 'done' | 'needs_attention';

export interface OutboxItem {
  id: number;
  dossierCode: string;
  /** When the dossier was recorded: the package is dated by it, so every attempt sends the same bytes. */
  createdAt: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  bytesTotal: number;
  bytesDone: number;
  remotePrefix: string | null;
  doneAt: string | null;
}

export interface RetryPolicy {
  /** Delay after the first failure; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures after which the item needs a person (it is no longer retried on its own). */
  maxAttempts: number;
}

export const DEFAULT_POLICY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 12,
};

export const COMPLETION_MARKER = '_COMPLETE.json';

/** "Equal jitter": half the exponential delay fixed, half random, so desks do not retry in step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** `<agency>/<year>/<dossier code>`: the agency and the receipt year in Vietnam time. */
export function remotePrefix(code: string, createdAt: string): string {
  const agency = code.split('-').slice(0, -2).join('-');
  const year = new Date(new Date(createdAt).getTime() + 7 * 3600 * 1000).getUTCFullYear();
  return `${agency}/${year}/${code}`;
}

interface Row {
  id: number;
  code: string;
  created_at: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  bytes_total: number;
  bytes_done: number;
  remote_prefix: string | null;
  done_at: string | null;
}

const SELECT = `SELECT o.id, d.code, d.created_at, o.state, o.attempts, o.next_attempt_at, o.last_error,
                       o.bytes_total, o.bytes_done, o.remote_prefix, o.done_at
                FROM outbox o JOIN dossiers d ON d.id = o.dossier_id`;

const toItem = (r: Row): OutboxItem => ({
  id: r.id,
  dossierCode: r.code,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  bytesTotal: r.bytes_total,
  bytesDone: r.bytes_done,
  remotePrefix: r.remote_prefix,
  doneAt: r.done_at,
});

export interface UploaderOptions {
  clock?: () => Date;
  random?: () => number;
  policy?: RetryPolicy;
  onProgress?: (item: OutboxItem) => void;
}

export class Outbox {
  private readonly clock: () => Date;
  private readonly random: () => number;
  readonly policy: RetryPolicy;

  constructor(
    private readonly archive: Archive,
    private readonly blobs: BlobStore,
    private readonly options: UploaderOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_POLICY;
  }

  private get db() {
    return this.archive.database;
  }

  list(): OutboxItem[] {
    return (this.db.prepare(`${SELECT} ORDER BY o.id`).all() as Row[]).map(toItem);
  }

  get(code: string): OutboxItem | null {
    const row = this.db.prepare(`${SELECT} WHERE d.code = ?`).get(code) as Row | undefined;
    return row ? toItem(row) : null;
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = {
      pending: 0,
      uploading: 0,
      done: 0,
      needs_attention: 0,
    };
    for (const r of this.db
      .prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state')
      .all() as {
      state: OutboxState;
      n: number;
    }[])
      out[r.state] = r.n;
    return out;
  }

  /**
   * An item left `uploading` belongs to an uploader that died (a crash, a power cut). One uploader
   * runs per data folder, so at its start every such item is simply due again.
   */
  recoverInterrupted(): number {
    return this.db
      .prepare("UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'uploading'")
      .run(this.clock().toISOString()).changes;
  }

  /** A person asks for another try of an item that needs attention (or is waiting). */
  retry(code: string, actor: string): void {
    const item = this.get(code);
    if (!item || item.state === 'done') return;
    const now = this.clock().toISOString();
    this.archive.audit.write((audit) => {
      this.db
        .prepare(
          `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(now, now, item.id);
      audit({
        actor,
        action: 'outbox.retried',
        recordType: 'outbox',
        recordRef: code,
        details: { previousState: item.state, lastError: item.lastError },
      });
    });
  }

  /** The next due item, claimed (state `uploading`), or null when nothing is due now. */
  claimNext(): OutboxItem | null {
    const now = this.clock().toISOString();
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare(
            `${SELECT} WHERE o.state = 'pending' AND o.next_attempt_at <= ?
             ORDER BY o.next_attempt_at, o.id LIMIT 1`,
          )
          .get(now) as Row | undefined;
        if (!row) return null;
        const prefix = row.remote_prefix ?? remotePrefix(row.code, row.created_at);
        this.db
          .prepare(
            `UPDATE outbox SET state = 'uploading', remote_prefix = ?, bytes_done = 0, updated_at = ?
             WHERE id = ?`,
          )
          .run(prefix, now, row.id);
        return toItem({ ...row, state: 'uploading', remote_prefix: prefix, bytes_done: 0 });
      })
      .immediate();
  }

  /** When the next item becomes due (for the background loop to sleep until), or null. */
  nextDueAt(): Date | null {
    const at = this.db
      .prepare("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'")
      .pluck()
      .get() as string | null;
    return at ? new Date(at) : null;
  }

  /** Sends one claimed item; records the outcome. Never throws for a store failure. */
  async send(item: OutboxItem, connector: Connector): Promise<OutboxItem> {
    try {
      const files = await buildDossierPackage(
        this.archive,
        this.blobs,
        item.dossierCode,
        new Date(item.createdAt),
      );
      const prefix = item.remotePrefix!;
      const total = files.reduce((n, f) => n + f.bytes.length, 0);
      this.db.prepare('UPDATE outbox SET bytes_total = ? WHERE id = ?').run(total, item.id);
      let sent = 0;
      for (const f of files) {
        const key = `${prefix}/${f.path}`;
        await connector.put(key, f.bytes, (n) => this.progress(item, sent + n));
        const held = await connector.storedSha256(key);
        if (held !== f.sha256) throw new ChecksumMismatch(key);
        sent += f.bytes.length;
        this.progress(item, sent);
      }
      // The marker goes last: a reader that sees it knows every file listed is complete.
      const marker = Buffer.from(
        canonicalJson({
          dossierCode: item.dossierCode,
          format: 'BagIt 1.0',
          files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes.length })),
        }),
      );
      const markerKey = `${prefix}/${COMPLETION_MARKER}`;
      await connector.put(markerKey, marker);
      if ((await connector.storedSha256(markerKey)) !== sha256Hex(marker))
        throw new ChecksumMismatch(markerKey);
      return this.markDone(item, connector, sha256Hex(marker), total);
    } catch (e) {
      return this.markFailed(item, e);
    }
  }

  private progress(item: OutboxItem, bytesDone: number): void {
    this.db
      .prepare('UPDATE outbox SET bytes_done = ?, updated_at = ? WHERE id = ?')
      .run(bytesDone, this.clock().toISOString(), item.id);
    this.options.onProgress?.({ ...item, bytesDone });
  }

  private markDone(item: OutboxItem, connector: Connector, markerSha256: string, total: number) {
    const now = this.clock().toISOString();
    this.archive.audit.write((audit) => {
      this.db
        .prepare(
          `UPDATE outbox SET state = 'done', bytes_done = ?, bytes_total = ?, last_error = NULL,
                  done_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(total, total, now, now, item.id);
      audit({
        actor: 'uploader',
        action: 'outbox.uploaded',
        recordType: 'outbox',
        recordRef: item.dossierCode,
        details: {
          store: connector.description,
          prefix: item.remotePrefix,
          markerSha256,
          attempts: item.attempts + 1,
        },
      });
    });
    return this.get(item.dossierCode)!;
  }

  private markFailed(item: OutboxItem, e: unknown): OutboxItem {
    const now = this.clock();
    const attempts = item.attempts + 1;
    const message = describeError(e);
    const giveUp = attempts >= this.policy.maxAttempts;
    const next = new Date(now.getTime() + backoffMs(attempts, this.policy, this.random));
    this.archive.audit.write((audit) => {
      this.db
        .prepare(
          `UPDATE outbox SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(
          giveUp ? 'needs_attention' : 'pending',
          attempts,
          message,
          next.toISOString(),
          now.toISOString(),
          item.id,
        );
      if (giveUp)
        audit({
          actor: 'uploader',
          action: 'outbox.needs_attention',
          recordType: 'outbox',
          recordRef: item.dossierCode,
          details: { attempts, lastError: message },
        });
    });
    return this.get(item.dossierCode)!;
  }

  /** Sends everything due now, one item at a time; returns the items it touched. */
  async drain(connector: Connector): Promise<OutboxItem[]> {
    const touched: OutboxItem[] = [];
    for (let item = this.claimNext(); item; item = this.claimNext())
      touched.push(await this.send(item, connector));
    return touched;
  }
}

class ChecksumMismatch extends Error {
  constructor(key: string) {
    super(`checksum mismatch: ${key}`);
    this.name = 'ChecksumMismatch';
  }
}

/** One line for the clerk's "needs attention" list: the kind of failure and where. */
export function describeError(e: unknown): string {
  if (e instanceof ChecksumMismatch) return `STORE_CHECKSUM_MISMATCH: ${e.message}`;
  const err = e as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = err.$metadata?.httpStatusCode;
  const network =
    err.code ??
    /(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|timeout)/i.exec(
      err.message ?? '',
    )?.[0];
  if (status && status < 500 && status !== 429)
    return `STORE_REJECTED: ${err.name ?? 'error'} (HTTP ${status})`;
  if (status || network)
    return `STORE_UNREACHABLE: ${network ?? `HTTP ${status}`} ${err.name ?? ''}`.trim();
  return `STORE_UNREACHABLE: ${err.name ?? 'Error'}: ${(err.message ?? String(e)).slice(0, 300)}`;
}
