// Versioned schema. Each entry moves the database from version i to i+1 (PRAGMA user_version);
// never edit a released entry, only append, so every old database upgrades in place.
import type Database from 'better-sqlite3';

/** The last version that changed what the page index holds (v4 index, v7 its vocabulary, v10
 * deletes in place). */
export const SEARCH_INDEX_VERSION = 10;
/** The last version that changed what the record index holds (v8 weighted columns, v10 its
 * folded columns in record_search). */
export const RECORD_INDEX_VERSION = 10;
/** The first version with the audit log (see v3). */
export const AUDIT_VERSION = 3;

/** Applies the missing migrations in order; returns the version the database had before. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
  return current;
}

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE dossiers (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE TABLE pages (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE RESTRICT,
    ordinal     INTEGER NOT NULL,
    source_name TEXT NOT NULL,
    width_px    INTEGER NOT NULL,
    height_px   INTEGER NOT NULL,
    dpi         REAL NOT NULL,
    text        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    UNIQUE (dossier_id, ordinal)
  );
  CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE RESTRICT,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    bytes       INTEGER NOT NULL,
    signer      TEXT,
    signed_at   TEXT,
    sub_filter  TEXT,
    demo_signature INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX files_dossier ON files(dossier_id);
  CREATE TABLE day_sequences (
    agency  TEXT NOT NULL,
    day     TEXT NOT NULL,
    last    INTEGER NOT NULL,
    PRIMARY KEY (agency, day)
  );
  `,
  // v2: TT 05/2025 metadata. Dossiers and documents keep their metadata as validated JSON
  // (shared/archiveMetadata.ts); codes and counts are derived from the rows, never stored twice.
  // Each v1 dossier becomes one document holding all its pages.
  `
  ALTER TABLE dossiers ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata));
  -- The batch item that made the dossier: a resumed batch never records it twice.
  ALTER TABLE dossiers ADD COLUMN source_ref TEXT;
  CREATE UNIQUE INDEX dossiers_source_ref ON dossiers(source_ref) WHERE source_ref IS NOT NULL;
  CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE RESTRICT,
    ordinal     INTEGER NOT NULL CHECK (ordinal > 0),
    doc_code    TEXT NOT NULL UNIQUE,
    metadata    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    UNIQUE (dossier_id, ordinal)
  );
  ALTER TABLE pages ADD COLUMN document_id INTEGER REFERENCES documents(id) ON DELETE RESTRICT;
  CREATE INDEX pages_document ON pages(document_id);
  UPDATE dossiers SET metadata = json_object(
    'title', title, 'maintenance', '01', 'mode', '02', 'language', 'vi',
    'startDate', strftime('%d/%m/%Y', created_at, '+7 hours'),
    'endDate', strftime('%d/%m/%Y', created_at, '+7 hours'),
    'confidenceLevel', '02', 'paperFileCode', code);
  INSERT INTO documents (dossier_id, ordinal, doc_code, metadata)
    SELECT id, 1, code || '.0000001', '{}' FROM dossiers;
  UPDATE pages SET document_id = (SELECT id FROM documents WHERE documents.dossier_id = pages.dossier_id);
  `,
  // v3: append-only, hash-chained audit log (electron/core/archive/audit.ts). The triggers stop
  // honest mistakes; the chain and the anchor file catch deliberate edits of the file.
  `
  CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_ref  TEXT NOT NULL,
    details     TEXT NOT NULL CHECK (json_valid(details)),
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash        TEXT NOT NULL CHECK (length(hash) = 64)
  );
  CREATE INDEX audit_record ON audit_log(record_type, record_ref);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  // v4: full-text search over a folded copy of the text (diacritics and đ removed, same length as
  // the original so a match maps back to the original for snippets). Contentless: the original
  // text already lives in pages, the index does not hold it twice. Filled by the archive in JS.
  `
  CREATE VIRTUAL TABLE page_fts USING fts5(body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0');
  CREATE VIRTUAL TABLE dossier_fts USING fts5(body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0');
  `,
  // v5: the outbox (electron/core/outbox/): one row per dossier to send to the records store.
  `
  CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    dossier_id    INTEGER NOT NULL UNIQUE REFERENCES dossiers(id) ON DELETE RESTRICT,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'uploading', 'done', 'needs_attention')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error    TEXT,
    bytes_total   INTEGER NOT NULL DEFAULT 0,
    bytes_done    INTEGER NOT NULL DEFAULT 0,
    remote_prefix TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    done_at       TEXT
  );
  CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
  -- Dossiers made before the outbox existed are sent too: every dossier reaches the store.
  INSERT INTO outbox (dossier_id, state, next_attempt_at, bytes_total, created_at, updated_at)
    SELECT d.id, 'pending', d.created_at, f.bytes, d.created_at, d.created_at
    FROM dossiers d JOIN files f ON f.dossier_id = d.id GROUP BY d.id;
  `,
  // v6, the counter's reception: the learned classifier's counts, administrative dossiers with
  // their lifecycle, the documents received with their types and fields, and an append-only log
  // of every state change with the clerk who made it.
  `
  CREATE TABLE classifier_labels (
    type   TEXT PRIMARY KEY,
    docs   INTEGER NOT NULL,
    tokens INTEGER NOT NULL
  );
  CREATE TABLE classifier_terms (
    type  TEXT NOT NULL,
    term  TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (type, term)
  ) WITHOUT ROWID;
  CREATE TABLE reception_dossiers (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    procedure_code TEXT NOT NULL,
    applicant      TEXT NOT NULL CHECK (json_valid(applicant)),
    state          TEXT NOT NULL,
    received_at    TEXT,
    due_date       TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    archive_dossier_id INTEGER REFERENCES dossiers(id)
  );
  CREATE TABLE reception_documents (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES reception_dossiers(id) ON DELETE RESTRICT,
    ordinal      INTEGER NOT NULL,
    type         TEXT,
    confidence   REAL NOT NULL DEFAULT 0,
    needs_review INTEGER NOT NULL DEFAULT 0,
    confirmed_by TEXT,
    learned_type TEXT,
    text         TEXT NOT NULL DEFAULT '',
    fields       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields)),
    UNIQUE (dossier_id, ordinal)
  );
  CREATE TABLE reception_transitions (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES reception_dossiers(id) ON DELETE RESTRICT,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    clerk      TEXT NOT NULL,
    reason     TEXT,
    at         TEXT NOT NULL
  );
  CREATE INDEX reception_transitions_dossier ON reception_transitions(dossier_id);
  CREATE TRIGGER reception_transitions_no_update BEFORE UPDATE ON reception_transitions
    BEGIN SELECT RAISE(ABORT, 'reception_transitions is append-only'); END;
  CREATE TRIGGER reception_transitions_no_delete BEFORE DELETE ON reception_transitions
    BEGIN SELECT RAISE(ABORT, 'reception_transitions is append-only'); END;
  `,
  // v7, fast prefix search: the words of the folded page index, so a prefix query (`thang*`)
  // expands to its words and each runs as an exact, early-stopping FTS query. FTS5 builds a prefix's whole
  // merged doclist first (30 ms at 400k pages for a 5-letter prefix, 300 ms for 2 letters).
  // Filled in JS by the archive (search.ts), like the index itself.
  `
  CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
  `,
  // v8: TT 05/2025 document fields as the machine read them (confidence, page region) and the
  // archivist's review of each; the record index in weighted columns for relevance (identifiers:
  // code, number and notation, the applicant's ID; title: title, subject, type, the applicant's
  // name; body: the other descriptive fields), refilled by the archive in JS; a queue of records
  // to re-index that the reception's own connection fills by trigger when it links a dossier to
  // its archived record; indexes for the archive's filters; and a record's files by role: a PDF
  // received signed is kept as it came beside the desk's searchable, signed companion.
  `
  CREATE TABLE document_fields (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    source      TEXT NOT NULL,
    page        INTEGER,
    region      TEXT CHECK (region IS NULL OR json_valid(region)),
    state       TEXT NOT NULL DEFAULT 'unreviewed' CHECK (state IN ('unreviewed', 'accepted', 'edited')),
    reviewed_by TEXT,
    reviewed_at TEXT,
    PRIMARY KEY (document_id, field)
  ) WITHOUT ROWID;
  CREATE INDEX document_fields_unreviewed ON document_fields(document_id) WHERE state = 'unreviewed';
  CREATE VIRTUAL TABLE record_fts USING fts5(ids, title, body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0');
  INSERT INTO dossier_fts (dossier_fts) VALUES ('delete-all');
  CREATE TABLE search_reindex (dossier_id INTEGER PRIMARY KEY);
  CREATE TRIGGER reception_link_insert AFTER INSERT ON reception_dossiers
    WHEN NEW.archive_dossier_id IS NOT NULL
    BEGIN INSERT OR IGNORE INTO search_reindex (dossier_id) VALUES (NEW.archive_dossier_id); END;
  CREATE TRIGGER reception_link_update AFTER UPDATE OF archive_dossier_id, code, applicant
    ON reception_dossiers WHEN NEW.archive_dossier_id IS NOT NULL
    BEGIN INSERT OR IGNORE INTO search_reindex (dossier_id) VALUES (NEW.archive_dossier_id); END;
  CREATE INDEX documents_type_name ON documents(json_extract(metadata, '$.typeName'));
  CREATE INDEX documents_organ_name ON documents(json_extract(metadata, '$.organName'));
  CREATE INDEX documents_issued_year ON documents(substr(json_extract(metadata, '$.issuedDate'), 7, 4));
  ALTER TABLE files ADD COLUMN role TEXT NOT NULL DEFAULT 'record'
    CHECK (role IN ('record', 'received', 'companion'));
  ALTER TABLE files ADD COLUMN report TEXT CHECK (report IS NULL OR json_valid(report));
  `,
  // v9, the counter under Decree 118/2025: where the applicant chose to collect the result, and
  // whether the appointment date rested on an estimated holiday year.
  `
  ALTER TABLE reception_dossiers ADD COLUMN delivery TEXT CHECK (delivery IS NULL OR json_valid(delivery));
  ALTER TABLE reception_dossiers ADD COLUMN due_estimated INTEGER;
  `,
  // v10, erasing a record without rewriting the whole index: with contentless_delete a delete only
  // leaves a tombstone, and the words stay in the index's segments until a merge of everything.
  // The page index becomes plain contentless, where a delete names the row's words ('delete'
  // command, from the page text still in pages), and the record index external content over
  // record_search (its folded columns, which give the words to delete). With FTS5's secure-delete
  // on, a delete removes the words from the index pages that held them. Refilled by the archive.
  `
  DROP TABLE page_fts;
  DROP TABLE record_fts;
  DROP TABLE dossier_fts;
  CREATE VIRTUAL TABLE page_fts USING fts5(body, content='',
    tokenize='unicode61 remove_diacritics 0');
  INSERT INTO page_fts (page_fts, rank) VALUES ('secure-delete', 1);
  CREATE TABLE record_search (
    id    INTEGER PRIMARY KEY,
    ids   TEXT NOT NULL,
    title TEXT NOT NULL,
    body  TEXT NOT NULL
  );
  CREATE VIRTUAL TABLE record_fts USING fts5(ids, title, body, content='record_search',
    content_rowid='id', tokenize='unicode61 remove_diacritics 0');
  INSERT INTO record_fts (record_fts, rank) VALUES ('secure-delete', 1);
  `,
];
