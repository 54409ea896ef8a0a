// The reception tables live in the desk's one SQLite file (archive.sqlite), migrated by the
// archive's migration list, so a dossier and its archived record sit in one transaction domain.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { migrate } from '../archive/migrations';
import { dataPaths } from '../config/paths';
import { openDatabase } from '../vault/sqlite';

export function openDeskDatabase(dataDir: string): Database.Database {
  const file = dataPaths(dataDir).database;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = openDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Several processes (the app, the CLI, a second counter) may write at once: wait, never fail.
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = FULL');
  migrate(db);
  return db;
}
