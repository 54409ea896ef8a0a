// Versioned schema. Each entry moves the database from version i to i+1 (PRAGMA user_version);
// never edit a released entry, only append, so every old database upgrades in place.
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
];
