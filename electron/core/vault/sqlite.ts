// Every SQLite file of the desk opens here. The package behind 'better-sqlite3' is
// better-sqlite3-multiple-ciphers (a drop-in build with SQLite3MultipleCiphers): inside a vault
// the pages, the WAL and the temporary files are encrypted with SQLCipher's scheme (AES-256-CBC,
// HMAC-SHA512 per page) under a key derived from the data key, given raw so no password
// stretching runs on every open. Outside a vault the file is plain SQLite, as before.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SohoaError } from '../../../shared/errors';
import type { DataKey } from './dataKey';
import { keyForRoot, vaultRootOf } from './registry';

export interface OpenDatabaseOptions {
  readonly?: boolean;
}

/** The cipher pragmas, before anything else touches the file. */
export function applyKey(db: Database.Database, key: DataKey, pragma: 'key' | 'rekey'): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = "x'${key.sqlite.toString('hex')}'"`);
}

/** Opens `file` encrypted when it lies in a vault; owner-only permissions either way. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const root = vaultRootOf(file);
  const key = root ? keyForRoot(root) : null;
  const existed = fs.existsSync(file);
  const db = new Database(file, options.readonly ? { readonly: true } : {});
  if (key) {
    try {
      applyKey(db, key, 'key');
      // The first read proves the key (a wrong one reads as "file is not a database").
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      // The OS caches only ciphertext: a larger page cache keeps decrypted pages for search.
      db.pragma('cache_size = -32768');
    } catch (e) {
      db.close();
      throw new SohoaError('VAULT_DATABASE_UNREADABLE', path.basename(file), { cause: e });
    }
  }
  // Before the WAL exists: SQLite gives the WAL and SHM files the database file's mode.
  if (!existed && !options.readonly) fs.chmodSync(file, 0o600);
  return db;
}

/**
 * A consistent copy of an open database into `target`, encrypted as the source is (VACUUM INTO
 * keeps the cipher and key; SQLite's backup API refuses to copy between an encrypted and a plain
 * file, and would otherwise write the copy plain).
 */
export function snapshotDatabase(db: Database.Database, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
  fs.chmodSync(target, 0o600);
}

/** True when the file starts as plain SQLite does (an encrypted one starts with random salt). */
export function isPlainSqlite(file: string): boolean {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.toString('latin1') === 'SQLite format 3\0';
}
