// The outbox: finished records waiting for the records store, one row each in the archive's
// database (the archive puts a record here in the same transaction that records it). The
// uploader sends each record's package (the same BagIt files `sohoa export` writes) under
// `<agency>/<year>/<dossier code>/…`, reads every object back and compares its SHA-256, writes
// the completion marker LAST, and only then marks the item done. Failures back off exponentially
// with jitter; an item that keeps failing, or fails in a way no retry can cure (refused by the
// store, a destination that cannot be written), moves to `needs_attention` with its reason.
// Everything is idempotent: the same keys are rewritten with the same bytes, so a crash or a
// restart at any point can only repeat work, never duplicate a record in the store.
import { isSohoaError } from '../../../shared/errors';
import type { Archive } from '../archive/archive';
import type { BlobStore } from '../archive/blobStore';
import { buildRecordPackage } from '../archive/recordPackage';
import { canonicalJson } from '../archive/canonicalJson';
import { sha256Hex } from '../archive/blobStore';
import type { Connector } from './connector';

export type OutboxState = 'pending' | 'uploading' | 'done' | 'needs_attention';

export interface OutboxItem {
  id: number;
  dossierCode: string;
  /** When the record was archived: the package is dated by it, so every attempt sends the same bytes. */
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

  /** "Send now": every waiting item is due at once, whatever its backoff said. */
  expedite(): number {
    const now = this.clock().toISOString();
    return this.db
      .prepare(
        "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE state = 'pending' AND next_attempt_at > ?",
      )
      .run(now, now, now).changes;
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

  /**
   * Sends one claimed item; records the outcome. Never throws for a store failure. A `signal`
   * (the app closing) stops between objects: the item goes back to waiting, its attempt not
   * counted, and is never marked done without the store's read-back of every object.
   */
  async send(item: OutboxItem, connector: Connector, signal?: AbortSignal): Promise<OutboxItem> {
    try {
      const files = await buildRecordPackage(
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
        signal?.throwIfAborted();
        const key = `${prefix}/${f.path}`;
        await connector.put(key, f.bytes, (n) => this.progress(item, sent + n), signal);
        signal?.throwIfAborted();
        const held = await connector.storedSha256(key, f.bytes.length);
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
      signal?.throwIfAborted();
      await connector.put(markerKey, marker, undefined, signal);
      if ((await connector.storedSha256(markerKey, marker.length)) !== sha256Hex(marker))
        throw new ChecksumMismatch(markerKey);
      return this.markDone(item, connector, sha256Hex(marker), total);
    } catch (e) {
      if (signal?.aborted) return this.release(item);
      return this.markFailed(item, e);
    }
  }

  /** Back to waiting, due now, the attempt not counted: it was stopped, not refused. */
  private release(item: OutboxItem): OutboxItem {
    const now = this.clock().toISOString();
    this.db
      .prepare(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'uploading'",
      )
      .run(now, now, item.id);
    return this.get(item.dossierCode)!;
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
    const giveUp = attempts >= this.policy.maxAttempts || isPermanent(e, attempts);
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
  async drain(connector: Connector, signal?: AbortSignal): Promise<OutboxItem[]> {
    const touched: OutboxItem[] = [];
    while (!signal?.aborted) {
      const item = this.claimNext();
      if (!item) break;
      touched.push(await this.send(item, connector, signal));
    }
    return touched;
  }
}

class ChecksumMismatch extends Error {
  constructor(key: string) {
    super(`checksum mismatch: ${key}`);
    this.name = 'ChecksumMismatch';
  }
}

/**
 * File-system failures of a destination folder that waiting will not cure. A path that is missing
 * or not a folder (ENOENT, ENOTDIR) is what an unmounted share looks like: that one is retried.
 */
const UNWRITABLE = ['EACCES', 'EPERM', 'EROFS', 'ENAMETOOLONG'];
/**
 * On Windows shares EPERM is also what a file briefly held by an antivirus or the indexer gives:
 * it needs a person only when it is still there at the third attempt.
 */
const BRIEFLY_LOCKED = new Set(['EPERM']);
const LOCKED_ATTEMPTS = 3;

/**
 * S3 answers that no retry can cure: credentials, permissions, a bucket that is not there, an
 * object the store will never take. Other 4xx answers can come from a store that restarted under
 * a multipart upload (NoSuchUpload, MethodNotAllowed) and a fresh attempt cures them.
 */
const REFUSALS = new Set([
  'AccessDenied',
  'AllAccessDisabled',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'NoSuchBucket',
  'InvalidBucketName',
  'AccountProblem',
  'EntityTooLarge',
  'InvalidObjectState',
]);

/**
 * A failure no retry can cure: the store refused the request for a reason that will not change
 * by itself (HTTP 401/403, or an S3 error in REFUSALS: credentials, permissions, a missing
 * bucket, an object it will not take), the destination folder cannot be written, or the
 * record's own package cannot be built. A person must act; network failures, 5xx, 429, other
 * 4xx and checksum mismatches are retried with backoff instead. `attempt` counts this one (1 = first).
 */
export function isPermanent(e: unknown, attempt = 1): boolean {
  if (e instanceof ChecksumMismatch) return false;
  if (isSohoaError(e)) return true;
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode;
  if (status === 401 || status === 403) return true;
  if (status && status >= 400 && status < 500 && REFUSALS.has(err.name ?? '')) return true;
  const code = err.code ?? '';
  if (BRIEFLY_LOCKED.has(code)) return attempt >= LOCKED_ATTEMPTS;
  return UNWRITABLE.includes(code);
}

/** One line for the clerk's "needs attention" list: the kind of failure and where. */
export function describeError(e: unknown): string {
  if (e instanceof ChecksumMismatch) return `STORE_CHECKSUM_MISMATCH: ${e.message}`;
  if (isSohoaError(e)) return `${e.code}: ${e.info.subject ?? ''}`.trim();
  const fsCode = (e as { code?: string; path?: string }).code;
  if (fsCode && UNWRITABLE.includes(fsCode))
    return `STORE_NOT_WRITABLE: ${(e as { path?: string }).path ?? '?'}, ${fsCode}`;
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
