// Append-only audit log, hash-chained: each entry's hash covers its own fields and the previous
// entry's hash, so editing, deleting, inserting or reordering any entry breaks the chain from
// there on. Deleting entries from the END leaves a valid shorter chain; the anchor file beside
// the database (last known sequence number and hash, written after each commit) catches that.
// The anchor may lag the database by the last commit after a crash, never run ahead of it.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { sha256Hex } from './blobStore';
import { canonicalJson } from './canonicalJson';
import { writeFileDurablySync } from './durableFile';
import { readDataFileSync } from '../vault/files';

// Kept here for the settings and outbox stores, which have always imported it from the log.
export { writeFileDurablySync } from './durableFile';

export const GENESIS_HASH = '0'.repeat(64);
const ANCHOR_INTERVAL_MS = 500;

export type AuditAction =
  | 'archive.backed_up'
  | 'archive.restored'
  | 'dossier.recorded'
  | 'dossier.metadata_changed'
  | 'dossier.fields_reviewed'
  | 'dossier.exported'
  /** An applicant's personal data erased once the retention period ended (what, never the data). */
  | 'dossier.personal_data_erased'
  | 'outbox.enqueued'
  | 'outbox.uploaded'
  | 'outbox.needs_attention'
  | 'outbox.retried';

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  recordType: 'archive' | 'dossier' | 'outbox';
  /** The record as people name it: a dossier code, an outbox item's dossier code… */
  recordRef: string;
  /** Hashes and facts of the change; `recordHash` is the record's content hash after it. */
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEvent {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  record_type: string;
  record_ref: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    Buffer.from(
      canonicalJson([
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.recordType,
        e.recordRef,
        e.details,
        e.prevHash,
      ]),
    ),
  );
}

export class AuditLog {
  readonly anchorFile: string;
  private readonly inMemory: boolean;
  private lastAnchorAt = 0;
  private pendingAnchor: AuditHead | undefined;

  constructor(
    private readonly db: Database.Database,
    databaseFile: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.anchorFile = `${databaseFile}.audit-head`;
    this.inMemory = databaseFile === ':memory:' || databaseFile === '';
  }

  /** Appends one entry; call inside the transaction that makes the change it describes. */
  append(event: AuditEvent): AuditHead {
    const last = this.head();
    const entry = {
      ...event,
      seq: last.seq + 1,
      at: this.clock().toISOString(),
      prevHash: last.hash,
    };
    const hash = entryHash(entry);
    this.db
      .prepare(
        `INSERT INTO audit_log (seq, at, actor, action, record_type, record_ref, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.recordType,
        entry.recordRef,
        canonicalJson(entry.details),
        entry.prevHash,
        hash,
      );
    return { seq: entry.seq, hash };
  }

  head(): AuditHead {
    const row = this.db
      .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as AuditHead | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction with an `audit` callback, then moves the anchor to the
   * new head once the change is committed: every write and its entry commit together or not at all.
   */
  write<T>(fn: (audit: (event: AuditEvent) => void) => T): T {
    let head: AuditHead | undefined;
    const result = this.db
      .transaction(() =>
        fn((event) => {
          head = this.append(event);
        }),
      )
      .immediate();
    if (head && !this.inMemory) {
      // Each anchor write costs two fsyncs. A counter's writes are seconds apart and each one is
      // anchored at once; a bulk ingest anchors at most every ANCHOR_INTERVAL_MS (and on close):
      // the anchor may then lag by that much, which verify() accepts as `behind`.
      const now = Date.now();
      if (now - this.lastAnchorAt >= ANCHOR_INTERVAL_MS) this.saveAnchor(head);
      else this.pendingAnchor = head;
    }
    return result;
  }

  /** Writes an anchor held back by write()'s throttle (call before closing the database). */
  flushAnchor(): void {
    if (this.pendingAnchor) this.saveAnchor(this.pendingAnchor);
  }

  readAnchor(): AuditHead | null {
    try {
      const parsed = JSON.parse(readDataFileSync(this.anchorFile).toString('utf8')) as AuditHead;
      return typeof parsed.seq === 'number' && typeof parsed.hash === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  /** Moves the anchor forward (never back: another connection may have anchored a later head). */
  saveAnchor(head: AuditHead): void {
    this.lastAnchorAt = Date.now();
    this.pendingAnchor = undefined;
    const current = this.readAnchor();
    if (current && current.seq >= head.seq) return;
    writeFileDurablySync(this.anchorFile, JSON.stringify(head));
  }

  /**
   * A new log gets an anchor at the genesis hash before its first entry, so a missing anchor is
   * always a finding. A crash between a commit and its anchor write leaves the anchor one write
   * behind, which verify() reports as `behind` (allowed), never as tampering.
   */
  initAnchor(): void {
    if (this.inMemory || fs.existsSync(this.anchorFile)) return;
    if (this.head().seq === 0) this.saveAnchor({ seq: 0, hash: GENESIS_HASH });
  }

  *entries(): Generator<AuditEntry> {
    const rows = this.db
      .prepare('SELECT * FROM audit_log ORDER BY seq')
      .iterate() as Iterable<AuditRow>;
    for (const r of rows) yield fromRow(r);
  }

  entriesFor(recordType: AuditEvent['recordType'], recordRef: string): AuditEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM audit_log WHERE record_type = ? AND record_ref = ? ORDER BY seq')
        .all(recordType, recordRef) as AuditRow[]
    ).map(fromRow);
  }
}

export interface ChainProblem {
  seq: number;
  problem: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'bad_details';
}

export interface ChainReport {
  entries: number;
  head: AuditHead;
  problems: ChainProblem[];
  anchor: 'ok' | 'behind' | 'missing' | 'mismatch' | 'truncated';
  /** Last recordHash logged per dossier code, for comparing with the rows as they are now. */
  lastRecordHash: Map<string, string>;
}

/** Walks the whole chain once; does not stop at the first problem so the report shows them all. */
export function verifyChain(log: AuditLog): ChainReport {
  const problems: ChainProblem[] = [];
  const lastRecordHash = new Map<string, string>();
  let prev: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  const hashAt = new Map<number, string>([[0, GENESIS_HASH]]);
  for (const e of log.entries()) {
    count++;
    if (e.seq !== prev.seq + 1) problems.push({ seq: e.seq, problem: 'sequence_gap' });
    if (e.prevHash !== prev.hash) problems.push({ seq: e.seq, problem: 'chain_broken' });
    if (entryHash(e) !== e.hash) problems.push({ seq: e.seq, problem: 'hash_mismatch' });
    const recordHash = e.details.recordHash;
    if (e.recordType === 'dossier' && typeof recordHash === 'string')
      lastRecordHash.set(e.recordRef, recordHash);
    hashAt.set(e.seq, e.hash);
    prev = { seq: e.seq, hash: e.hash };
  }
  const anchorHead = log.readAnchor();
  let anchor: ChainReport['anchor'];
  if (!anchorHead) anchor = count === 0 ? 'ok' : 'missing';
  else if (anchorHead.seq > prev.seq) anchor = 'truncated';
  else if (hashAt.get(anchorHead.seq) !== anchorHead.hash) anchor = 'mismatch';
  else anchor = anchorHead.seq === prev.seq ? 'ok' : 'behind';
  return { entries: count, head: prev, problems, anchor, lastRecordHash };
}

function fromRow(r: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = { unparsable: r.details };
  }
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action as AuditAction,
    recordType: r.record_type as AuditEvent['recordType'],
    recordRef: r.record_ref,
    details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
