// The hot folder's memory of what it has taken: one row per file content (size + SHA-256), kept in
// a small SQLite file on the local disk (not on the share: SQLite's locking over SMB is not to be
// trusted). A file is written here before its handler runs, so after a crash or a restart the
// same content is never taken twice, whatever name it comes back under.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../vault/sqlite';

export type LedgerStatus = 'taken' | 'done' | 'failed';

export interface LedgerEntry {
  id: number;
  /** The name the file had in the hot folder when it was taken. */
  name: string;
  size: number;
  sha256: string;
  status: LedgerStatus;
  /** The error code of a failed file. */
  code: string | null;
  takenAt: string;
  finishedAt: string | null;
}

interface Row {
  id: number;
  name: string;
  size: number;
  sha256: string;
  status: LedgerStatus;
  code: string | null;
  taken_at: string;
  finished_at: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS hotfolder_ledger (
  id INTEGER PRIMARY KEY,
  folder TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('taken', 'done', 'failed')),
  code TEXT,
  taken_at TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (folder, sha256, size)
);
CREATE INDEX IF NOT EXISTS hotfolder_ledger_recent ON hotfolder_ledger (folder, id DESC);
`;

export class HotFolderLedger {
  private readonly db: Database.Database;

  /** `folder` keys the rows, so one ledger file can serve several hot folders. */
  constructor(
    file: string,
    private readonly folder: string,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = openDatabase(file);
    this.db.pragma('journal_mode = WAL');
    // The app and a `sohoa hotfolder watch` process may share the file: wait, never fail.
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
  }

  find(sha256: string, size: number): LedgerEntry | null {
    const row = this.db
      .prepare<[string, string, number], Row>(
        'SELECT * FROM hotfolder_ledger WHERE folder = ? AND sha256 = ? AND size = ?',
      )
      .get(this.folder, sha256, size);
    return row ? toEntry(row) : null;
  }

  /** Records a take; returns null when that content is already in the ledger. */
  take(name: string, sha256: string, size: number, at: Date): LedgerEntry | null {
    const info = this.db
      .prepare(
        `INSERT INTO hotfolder_ledger (folder, name, size, sha256, status, taken_at)
         VALUES (?, ?, ?, ?, 'taken', ?) ON CONFLICT DO NOTHING`,
      )
      .run(this.folder, name, size, sha256, at.toISOString());
    return info.changes === 1 ? this.find(sha256, size) : null;
  }

  finish(id: number, status: 'done' | 'failed', code: string | null, at: Date): void {
    this.db
      .prepare('UPDATE hotfolder_ledger SET status = ?, code = ?, finished_at = ? WHERE id = ?')
      .run(status, code, at.toISOString(), id);
  }

  /** Forgets a take that was handed back (the consumer stopped before using it). */
  release(id: number): void {
    this.db.prepare("DELETE FROM hotfolder_ledger WHERE id = ? AND status = 'taken'").run(id);
  }

  recent(limit = 50): LedgerEntry[] {
    return this.db
      .prepare<[string, number], Row>(
        'SELECT * FROM hotfolder_ledger WHERE folder = ? ORDER BY id DESC LIMIT ?',
      )
      .all(this.folder, limit)
      .map(toEntry);
  }

  counts(): Record<LedgerStatus, number> {
    const counts: Record<LedgerStatus, number> = { taken: 0, done: 0, failed: 0 };
    const rows = this.db
      .prepare<[string], { status: LedgerStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM hotfolder_ledger WHERE folder = ? GROUP BY status',
      )
      .all(this.folder);
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  close(): void {
    this.db.close();
  }
}

function toEntry(r: Row): LedgerEntry {
  return {
    id: r.id,
    name: r.name,
    size: r.size,
    sha256: r.sha256,
    status: r.status,
    code: r.code,
    takenAt: r.taken_at,
    finishedAt: r.finished_at,
  };
}
