// The archive's SQLite connection: how it is opened (the pragmas every writer relies on) and the
// prepared statements it reuses, shared by the modules that read and write its tables.
import type Database from 'better-sqlite3';
import { openDatabase } from '../vault/sqlite';

/** The connection and its statement cache, as the record modules use them. */
export interface ArchiveDb {
  readonly db: Database.Database;
  /** A prepared statement for `sql`, prepared once per connection. */
  stmt(sql: string): Database.Statement;
}

/** WAL, foreign keys, a busy timeout and synchronous=FULL, for the app, the CLI and backups. */
export function openArchiveConnection(file: string): Database.Database {
  const db = openDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // FULL: a committed record survives a power cut, which a counter PC will see.
  db.pragma('synchronous = FULL');
  return db;
}

export function withStatementCache(db: Database.Database): ArchiveDb {
  const statements = new Map<string, Database.Statement>();
  return {
    db,
    stmt(sql) {
      let s = statements.get(sql);
      if (!s) statements.set(sql, (s = db.prepare(sql)));
      return s;
    },
  };
}
