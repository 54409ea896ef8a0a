// A plain data folder becomes an encrypted one in place. Each store is copied encrypted beside
// itself, the copy is fsynced and checked against the original, and only then renamed over it;
// the journal names the stores done. Killed at any point, the next start finds either the plain
// original (and does it again) or the checked encrypted copy in its place (and notes it done):
// nothing is lost and nothing is left half-made.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SohoaError } from '../../../shared/errors';
import type { DataKey } from './dataKey';
import { isPlainByDesign } from './files';
import { JOURNAL_FILE, readJournal, type Journal } from './journal';
import { looksSealed, openBuffer, sealBuffer } from './sealedFormat';
import { applyKey, isPlainSqlite } from './sqlite';
import { fsyncDir, VAULT_TMP as TMP, writeDurablyRaw, writeSynced } from './durable';

const SQLITE_FAMILY = /\.sqlite(-wal|-shm|-journal)?$/;

export interface MigrationHooks {
  /** Called after each step is durable (a database, a file), for tests that crash in between. */
  afterStep?: (what: string) => void;
}

export function startJournal(root: string): void {
  const journal: Journal = {
    format: 'sohoa-vault-migration/1',
    startedAt: new Date().toISOString(),
    done: [],
  };
  writeDurablyRaw(path.join(root, JOURNAL_FILE), JSON.stringify(journal, null, 2));
}

/** Encrypts every store of `root` not yet done, then removes the journal. */
export async function migrateDataFolder(
  root: string,
  key: DataKey,
  hooks: MigrationHooks = {},
): Promise<void> {
  const journal = readJournal(root);
  if (!journal) return;
  const files = await listFiles(root);
  // A killed run's copies (and SQLite's journal beside a copy) are swept, never used.
  for (const tmp of files.filter((f) => f.includes(TMP))) await fsp.rm(tmp, { force: true });
  const live = files.filter((f) => !f.includes(TMP));
  for (const db of live.filter((f) => f.endsWith('.sqlite'))) {
    const name = path.relative(root, db);
    if (journal.done.includes(name)) continue;
    try {
      if (isPlainSqlite(db)) encryptDatabase(db, key);
    } catch (e) {
      throw new SohoaError('VAULT_MIGRATION_FAILED', name, { cause: e });
    }
    journal.done.push(name);
    writeDurablyRaw(path.join(root, JOURNAL_FILE), JSON.stringify(journal, null, 2));
    hooks.afterStep?.(name);
  }
  for (const file of live) {
    if (SQLITE_FAMILY.test(file) || isPlainByDesign(root, file)) continue;
    try {
      if (await sealInPlace(file, key)) hooks.afterStep?.(path.relative(root, file));
    } catch (e) {
      throw new SohoaError('VAULT_MIGRATION_FAILED', path.relative(root, file), { cause: e });
    }
  }
  await fsp.rm(path.join(root, JOURNAL_FILE));
  fsyncDir(root);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // A nested data folder with its own vault (none is made inside another, but one may be
    // copied in) is its own business; links are never followed out of the folder.
    if (entry.isDirectory()) {
      if (!fs.existsSync(path.join(full, 'vault.json'))) out.push(...(await listFiles(full)));
    } else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Seals one file beside itself, checks the copy opens to the same bytes, renames it over. */
async function sealInPlace(file: string, key: DataKey): Promise<boolean> {
  const plain = await fsp.readFile(file);
  if (looksSealed(plain)) return false;
  const sealed = sealBuffer(key, plain);
  const check = openBuffer(sealed, () => key);
  if (!check.equals(plain)) throw new Error('sealed copy differs');
  const tmp = file + TMP;
  writeSynced(tmp, sealed);
  // Read back from disk, not from memory: what is renamed over the original is what opens.
  const onDisk = openBuffer(await fsp.readFile(tmp), () => key);
  if (!sha(onDisk).equals(sha(plain))) throw new Error('sealed copy on disk differs');
  await fsp.rename(tmp, file);
  fsyncDir(path.dirname(file));
  return true;
}

/**
 * The plain database (its WAL folded in) copied with VACUUM INTO, the copy rekeyed, checked
 * table by table against the original, then renamed over it once no WAL of the plain file is
 * left to be replayed onto the encrypted one.
 */
export function encryptDatabase(file: string, key: DataKey): void {
  const tmp = file + TMP;
  fs.rmSync(tmp, { force: true });
  const source = new Database(file);
  let expected: Buffer;
  try {
    source.pragma('wal_checkpoint(TRUNCATE)');
    source.prepare('VACUUM INTO ?').run(tmp);
    expected = contentHash(source);
  } finally {
    source.close();
  }
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
    applyKey(copy, key, 'rekey');
  } finally {
    copy.close();
  }
  const check = new Database(tmp, { readonly: true });
  try {
    applyKey(check, key, 'key');
    if (check.pragma('integrity_check', { simple: true }) !== 'ok')
      throw new Error('integrity_check');
    if (!contentHash(check).equals(expected)) throw new Error('content differs');
  } finally {
    check.close();
  }
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Every row of every table, in rowid (or key) order, as one hash. */
function contentHash(db: Database.Database): Buffer {
  const hash = createHash('sha256');
  const tables = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; sql: string | null }[];
  for (const t of tables) {
    if (/^CREATE VIRTUAL/i.test(t.sql ?? '')) continue; // its shadow tables are compared
    hash.update(`\u0000table ${t.name}\u0000`);
    const quoted = `"${t.name.replace(/"/g, '""')}"`;
    const withoutRowid = /WITHOUT\s+ROWID/i.test(t.sql ?? '');
    const rows = db.prepare(`SELECT * FROM ${quoted} ORDER BY ${withoutRowid ? 1 : 'rowid'}`);
    for (const row of rows.raw().iterate() as Iterable<unknown[]>)
      for (const v of row) hash.update(cell(v));
  }
  return hash.digest();
}

function cell(v: unknown): Buffer {
  if (v === null) return Buffer.from('\u0001N');
  if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from(`\u0001B${v.length}:`), v]);
  const text =
    typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : JSON.stringify(v);
  return Buffer.from(`\u0001${typeof v}${text.length}:${text}`);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest();
