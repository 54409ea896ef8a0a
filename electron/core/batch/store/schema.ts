// The batch queue's own SQLite file (batches.sqlite in the data folder): its schema, grown by
// numbered migrations (each runs once, in order, recorded in user_version), and how it is opened.
import type Database from 'better-sqlite3';
import { migrate } from '../../archive/archive';
import { openDatabase } from '../../vault/sqlite';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE batches (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    state         TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('files', 'folder')),
    folder        TEXT,
    created_at    TEXT NOT NULL,
    pages_done    INTEGER NOT NULL DEFAULT 0,
    pages_total   INTEGER NOT NULL DEFAULT 0,
    active_ms     INTEGER NOT NULL DEFAULT 0,
    dossier_id    INTEGER,
    dossier_code  TEXT,
    error         TEXT CHECK (error IS NULL OR json_valid(error)),
    -- The title the record gets in the archive; after a crash it tells whether the run got there.
    dossier_title TEXT
  );
  CREATE INDEX batches_state ON batches(state);
  CREATE TABLE batch_files (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    pages       INTEGER,
    errors      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(errors)),
    UNIQUE (batch_id, ordinal)
  );
  CREATE TABLE batch_pages (
    batch_id     INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    file_id      INTEGER NOT NULL REFERENCES batch_files(id) ON DELETE CASCADE,
    page_in_file INTEGER NOT NULL,
    confidence   REAL NOT NULL,
    blank        INTEGER NOT NULL,
    ink_ratio    REAL NOT NULL,
    PRIMARY KEY (batch_id, ordinal)
  );
  CREATE TABLE review_items (
    id           INTEGER PRIMARY KEY,
    batch_id     INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    file_id      INTEGER NOT NULL,
    page_in_file INTEGER NOT NULL,
    ordinal      INTEGER NOT NULL,
    confidence   REAL NOT NULL,
    ink_ratio    REAL,
    candidates   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(candidates)),
    state        TEXT NOT NULL DEFAULT 'open',
    decided_at   TEXT
  );
  CREATE INDEX review_open ON review_items(state, batch_id);
  `,
  // Separation: a batch may be split into documents. Its options are copied from the
  // queue's defaults when it is made; `stack` is its pages in order once read, `plan` the split
  // plan (JSON, shared SplitPlan) that the archivist corrects and accepts; `records` what each
  // planned document became in the archive.
  `
  ALTER TABLE batches ADD COLUMN separation TEXT CHECK (separation IS NULL OR json_valid(separation));
  ALTER TABLE batches ADD COLUMN plan TEXT CHECK (plan IS NULL OR json_valid(plan));
  ALTER TABLE batches ADD COLUMN plan_accepted INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE batch_stack (
    batch_id     INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    file_id      INTEGER NOT NULL REFERENCES batch_files(id) ON DELETE CASCADE,
    page_in_file INTEGER NOT NULL,
    name         TEXT NOT NULL,
    -- The page's own file: the input itself, or one page of a multi-page input copied out.
    path         TEXT NOT NULL,
    PRIMARY KEY (batch_id, idx)
  );
  CREATE TABLE batch_records (
    batch_id      INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    document      INTEGER NOT NULL,
    pages         INTEGER NOT NULL,
    type          TEXT,
    dossier_code  TEXT,
    grp           INTEGER NOT NULL,
    archive_id    INTEGER,
    archive_code  TEXT,
    error         TEXT CHECK (error IS NULL OR json_valid(error)),
    PRIMARY KEY (batch_id, document)
  );
  CREATE TABLE queue_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value)));
  `,
  // A separated batch makes several archived records: each review item names its own.
  `
  ALTER TABLE review_items ADD COLUMN record_id INTEGER;
  `,
  // The archive's idempotency key of a batch made from content (a hot folder's burst: the sha256s
  // of its scans), and whether its record was already in the archive (the same scans, earlier).
  `
  ALTER TABLE batches ADD COLUMN source_ref TEXT;
  ALTER TABLE batches ADD COLUMN already_archived INTEGER NOT NULL DEFAULT 0;
  `,
  // A hot folder's file content (sha256), so a file handed over again after a crash is not queued
  // a second time while the batch that holds it waits (see BatchQueue.feed).
  `
  ALTER TABLE batch_files ADD COLUMN sha256 TEXT;
  CREATE INDEX batch_files_sha256 ON batch_files(sha256) WHERE sha256 IS NOT NULL;
  `,
  // A separated batch's document whose record another batch made (the same scans, earlier).
  `
  ALTER TABLE batch_records ADD COLUMN already_archived INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX batch_records_archive ON batch_records(archive_id) WHERE archive_id IS NOT NULL;
  `,
  // A separated batch whose plan was accepted without review (every split machine-read).
  `
  ALTER TABLE batches ADD COLUMN auto_accepted INTEGER NOT NULL DEFAULT 0;
  `,
];

/**
 * WAL with synchronous=FULL like the archive: a queued page is on disk before the clerk is told it
 * is queued, and a restart resumes the queue.
 */
export function openBatchDatabase(file: string): Database.Database {
  const db = openDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
  migrate(db, MIGRATIONS);
  return db;
}
