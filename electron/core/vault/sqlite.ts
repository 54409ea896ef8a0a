// Every SQLite file of the desk opens here. The package behind 'better-sqlite3' is
// better-sqlite3-multiple-ciphers (a drop-in build with SQLite3MultipleCiphers): inside a vault
// the pages, the WAL and the temporary files are encrypted and authenticated page by page with
// AEGIS-256 (an AES-round AEAD that runs on the CPU's AES instructions, a fresh random nonce and
// a 256-bit tag per page write), under a key derived from the data key and given raw, so no
// password stretching (Argon2) runs on any open. Files that vaults of the first version wrote
// with SQLCipher's scheme still open. Outside a vault the file is plain SQLite, as before.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SohoaError } from '../../../shared/errors';
import type { DataKey } from './dataKey';
import { keyForRoot, vaultRootOf } from './registry';

export interface OpenDatabaseOptions {
  readonly?: boolean;
}

/** The page cipher of every database a vault writes from now on. */
export const SQLITE_CIPHER = 'aegis-256';
const PAGE_CACHE_KIB = 65536;
/** The first version's page cipher, still read: SQLCipher 4 (AES-256-CBC + HMAC-SHA512). */
const FORMER_CIPHER = 'sqlcipher';
type PageCipher = typeof SQLITE_CIPHER | typeof FORMER_CIPHER;

/** The cipher pragmas, before anything else touches the file. */
export function applyKey(
  db: Database.Database,
  key: DataKey,
  pragma: 'key' | 'rekey',
  cipher: PageCipher = SQLITE_CIPHER,
): void {
  if (cipher === FORMER_CIPHER) {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
  } else {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`algorithm = '${SQLITE_CIPHER}'`);
  }
  db.pragma(`${pragma} = "x'${key.sqlite.toString('hex')}'"`);
}

/** Opens `file` encrypted when it lies in a vault; owner-only permissions either way. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const root = vaultRootOf(file);
  const key = root ? keyForRoot(root) : null;
  const existed = fs.existsSync(file);
  const db = key
    ? (openKeyed(file, options, key, SQLITE_CIPHER) ?? openKeyed(file, options, key, FORMER_CIPHER))
    : new Database(file, options.readonly ? { readonly: true } : {});
  if (!db) throw new SohoaError('VAULT_DATABASE_UNREADABLE', path.basename(file));
  // The OS caches an encrypted store's pages only as ciphertext, so SQLite's own cache is where
  // decrypted pages stay; every store gets the same, encrypted or not (64 MiB, filled only as
  // pages are read).
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Before the WAL exists: SQLite gives the WAL and SHM files the database file's mode.
  if (!existed && !options.readonly) fs.chmodSync(file, 0o600);
  return db;
}

/** The connection when `cipher` and the key open the file (an empty file opens with any). */
function openKeyed(
  file: string,
  options: OpenDatabaseOptions,
  key: DataKey,
  cipher: PageCipher,
): Database.Database | null {
  const db = new Database(file, options.readonly ? { readonly: true } : {});
  try {
    applyKey(db, key, 'key', cipher);
    // The first read proves the key (a wrong one reads as "file is not a database").
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    if (cipher === FORMER_CIPHER)
      throw new SohoaError('VAULT_DATABASE_UNREADABLE', path.basename(file), { cause: e });
    return null;
  }
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
