// The batch queue on disk: its own SQLite file in the data folder (batches.sqlite), WAL with
// synchronous=FULL like the archive, so a queued page survives a power cut and a restart resumes
// the queue. Uploaded files are copied under batches/<id>/ before the batch is recorded as queued.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { DocumentType } from '../../../shared/classification';
import type {
  BatchFile,
  BatchRecord,
  BatchState,
  ReviewItem,
  ReviewReason,
} from '../../../shared/contracts/batch';
import { SeparationOptions, SplitPlan } from '../../../shared/contracts/intake';
import { ErrorInfo } from '../../../shared/errors';
import { migrate } from '../archive/archive';

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
  // Separation (issue 8): a batch may be split into documents. Its options are copied from the
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

export interface BatchRow {
  id: number;
  title: string;
  state: BatchState;
  source: 'files' | 'folder';
  folder: string | null;
  createdAt: string;
  pagesDone: number;
  pagesTotal: number;
  activeMs: number;
  recordId: number | null;
  dossierCode: string | null;
  error: ErrorInfo | null;
  dossierTitle: string | null;
  files: number;
  filesFailed: number;
  reviewOpen: number;
  separation: SeparationOptions | null;
  plan: SplitPlan | null;
  planAccepted: boolean;
  records: number;
  /** Planned documents that failed: no record made (retry archives only these). */
  recordsFailed: number;
  /** The plan was accepted without review (SeparationOptions.autoAccept). */
  autoAccepted: boolean;
  /** Set for a batch keyed by its content (a hot folder's burst); else the batch's own id keys it. */
  sourceRef: string | null;
  /** Its record was in the archive already (made from the same scans before): nothing new made. */
  alreadyArchived: boolean;
}

export interface StackRow {
  idx: number;
  fileId: number;
  pageInFile: number;
  name: string;
  path: string;
  /** Its file's content hash, known for a hot folder's files (batch_files.sha256). */
  sha256?: string | null;
}

export interface FileRow extends BatchFile {
  ordinal: number;
  path: string;
}

export interface NewFile {
  name: string;
  path: string;
  bytes: number;
  /** Known for a hot folder's files (the ledger's key); looked up by `unfinishedHolding`. */
  sha256?: string;
}

export interface PageRow {
  ordinal: number;
  fileId: number;
  pageInFile: number;
  confidence: number;
  blank: boolean;
  inkRatio: number;
}

export interface NewReviewItem {
  reason: ReviewReason;
  subject: string;
  fileId: number;
  pageInFile: number;
  ordinal: number;
  confidence: number;
  inkRatio: number | null;
  candidates: string[];
  /** The archived record the page is in, when it is not the batch's one record. */
  recordId?: number | null;
}

const BATCH_SELECT = `
  SELECT b.*,
    (SELECT count(*) FROM batch_files f WHERE f.batch_id = b.id) AS files,
    (SELECT count(*) FROM batch_files f WHERE f.batch_id = b.id AND f.state = 'failed') AS files_failed,
    (SELECT count(*) FROM review_items r WHERE r.batch_id = b.id AND r.state = 'open') AS review_open,
    (SELECT count(*) FROM batch_records x WHERE x.batch_id = b.id AND x.archive_id IS NOT NULL) AS records,
    (SELECT count(*) FROM batch_records x WHERE x.batch_id = b.id AND x.archive_id IS NULL AND x.error IS NOT NULL) AS records_failed,
    (SELECT count(*) FROM batch_records x WHERE x.batch_id = b.id AND x.already_archived = 1) AS records_already
  FROM batches b`;

type Raw = Record<string, unknown>;

function parseErrors(json: unknown): ErrorInfo[] {
  const parsed = ErrorInfo.array().safeParse(JSON.parse(typeof json === 'string' ? json : '[]'));
  return parsed.success ? parsed.data : [];
}

function toBatch(r: Raw): BatchRow {
  const error = typeof r.error === 'string' ? ErrorInfo.safeParse(JSON.parse(r.error)) : null;
  return {
    id: Number(r.id),
    title: String(r.title),
    state: r.state as BatchState,
    source: r.source as BatchRow['source'],
    folder: (r.folder as string | null) ?? null,
    createdAt: String(r.created_at),
    pagesDone: Number(r.pages_done),
    pagesTotal: Number(r.pages_total),
    activeMs: Number(r.active_ms),
    recordId: (r.dossier_id as number | null) ?? null,
    dossierCode: (r.dossier_code as string | null) ?? null,
    error: error?.success ? error.data : null,
    dossierTitle: (r.dossier_title as string | null) ?? null,
    files: Number(r.files ?? 0),
    filesFailed: Number(r.files_failed ?? 0),
    reviewOpen: Number(r.review_open ?? 0),
    separation: parseJson(r.separation, SeparationOptions),
    plan: parseJson(r.plan, SplitPlan),
    planAccepted: r.plan_accepted === 1,
    records: Number(r.records ?? 0),
    recordsFailed: Number(r.records_failed ?? 0),
    autoAccepted: r.auto_accepted === 1,
    sourceRef: (r.source_ref as string | null) ?? null,
    alreadyArchived: r.already_archived === 1 || Number(r.records_already ?? 0) > 0,
  };
}

function parseJson<T>(
  json: unknown,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  if (typeof json !== 'string') return null;
  const parsed = schema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

function toFile(r: Raw): FileRow {
  return {
    id: Number(r.id),
    ordinal: Number(r.ordinal),
    name: String(r.name),
    path: String(r.path),
    state: r.state as BatchFile['state'],
    pages: (r.pages as number | null) ?? null,
    errors: parseErrors(r.errors),
  };
}

function toReview(r: Raw): ReviewItem {
  return {
    id: Number(r.id),
    batchId: Number(r.batch_id),
    reason: r.reason as ReviewReason,
    subject: String(r.subject),
    fileId: Number(r.file_id),
    pageInFile: Number(r.page_in_file),
    ordinal: Number(r.ordinal),
    confidence: Number(r.confidence),
    inkRatio: (r.ink_ratio as number | null) ?? null,
    candidates: JSON.parse(String(r.candidates)) as string[],
    state: r.state as ReviewItem['state'],
    recordId: (r.dossier_id as number | null) ?? null,
  };
}

export class BatchStore {
  private readonly db: Database.Database;

  constructor(
    readonly file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // FULL: a queued page is on disk before the clerk is told it is queued.
    this.db.pragma('synchronous = FULL');
    migrate(this.db, MIGRATIONS);
  }

  createBatch(input: {
    title: string;
    state: BatchState;
    source: BatchRow['source'];
    folder?: string;
    separation?: SeparationOptions | null;
  }): number {
    const r = this.db
      .prepare(
        'INSERT INTO batches (title, state, source, folder, created_at, separation) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        input.title,
        input.state,
        input.source,
        input.folder ?? null,
        this.clock().toISOString(),
        input.separation ? JSON.stringify(input.separation) : null,
      );
    return Number(r.lastInsertRowid);
  }

  /**
   * This queue's own id, made once: archive keys of batches ("batch:<instance>:<id>") never meet
   * those of another batches.sqlite (a reset data folder reusing batch numbers, another desk).
   */
  instanceId(): string {
    this.db
      .prepare(
        "INSERT INTO queue_settings (key, value) VALUES ('instance', ?) ON CONFLICT DO NOTHING",
      )
      .run(JSON.stringify(randomUUID()));
    const r = this.db.prepare("SELECT value FROM queue_settings WHERE key = 'instance'").get() as {
      value: string;
    };
    return JSON.parse(r.value) as string;
  }

  /** A batch not yet archived that holds a file with this content, if any. */
  unfinishedHolding(sha256: string): { batchId: number; name: string } | null {
    const r = this.db
      .prepare(
        `SELECT f.batch_id AS batchId, f.name FROM batch_files f JOIN batches b ON b.id = f.batch_id
         WHERE f.sha256 = ?
           AND b.state IN ('uploading', 'paused', 'queued', 'running', 'awaiting-split') LIMIT 1`,
      )
      .get(sha256) as { batchId: number; name: string } | undefined;
    return r ?? null;
  }

  setSourceRef(id: number, sourceRef: string): void {
    this.db.prepare('UPDATE batches SET source_ref = ? WHERE id = ?').run(sourceRef, id);
  }

  // ---- separation ----------------------------------------------------------------------

  /** The options new batches get (null: no separation). */
  separationDefaults(): SeparationOptions | null {
    const r = this.db.prepare("SELECT value FROM queue_settings WHERE key = 'separation'").get() as
      { value: string } | undefined;
    return r ? parseJson(r.value, SeparationOptions.nullable()) : null;
  }

  setSeparationDefaults(options: SeparationOptions | null): void {
    this.db
      .prepare(
        "INSERT INTO queue_settings (key, value) VALUES ('separation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify(options));
  }

  /** A read stack and its plan, saved together: the batch then waits for the archivist. */
  savePlan(
    id: number,
    stack: readonly StackRow[],
    plan: SplitPlan,
    outcome: {
      state: BatchState;
      files: { id: number; state: BatchFile['state']; pages: number | null; errors: ErrorInfo[] }[];
      progress: { pagesDone: number; pagesTotal: number; activeMs: number };
    },
  ): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM batch_stack WHERE batch_id = ?').run(id);
      this.db.prepare('DELETE FROM batch_records WHERE batch_id = ?').run(id);
      const insert = this.db.prepare(
        'INSERT INTO batch_stack (batch_id, idx, file_id, page_in_file, name, path) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const p of stack) insert.run(id, p.idx, p.fileId, p.pageInFile, p.name, p.path);
      this.db
        .prepare(
          'UPDATE batches SET plan = ?, plan_accepted = 0, auto_accepted = 0, state = ?, error = NULL WHERE id = ?',
        )
        .run(JSON.stringify(plan), outcome.state, id);
      this.saveProgress(id, outcome.progress);
      const file = this.db.prepare(
        'UPDATE batch_files SET state = ?, pages = ?, errors = ? WHERE id = ? AND batch_id = ?',
      );
      for (const f of outcome.files) file.run(f.state, f.pages, JSON.stringify(f.errors), f.id, id);
    })();
  }

  setPlan(id: number, plan: SplitPlan): void {
    this.db.prepare('UPDATE batches SET plan = ? WHERE id = ?').run(JSON.stringify(plan), id);
  }

  /** Queues the second pass; `auto` when no one reviewed it (SeparationOptions.autoAccept). */
  acceptPlan(id: number, auto = false): void {
    this.db
      .prepare(
        "UPDATE batches SET plan_accepted = 1, auto_accepted = ?, state = 'queued', error = NULL WHERE id = ?",
      )
      .run(auto ? 1 : 0, id);
  }

  stack(batchId: number): StackRow[] {
    return (
      this.db
        .prepare(
          `SELECT s.*, f.sha256 FROM batch_stack s LEFT JOIN batch_files f ON f.id = s.file_id
           WHERE s.batch_id = ? ORDER BY s.idx`,
        )
        .all(batchId) as Raw[]
    ).map((r) => ({
      idx: Number(r.idx),
      fileId: Number(r.file_id),
      pageInFile: Number(r.page_in_file),
      name: String(r.name),
      path: String(r.path),
      sha256: (r.sha256 as string | null) ?? null,
    }));
  }

  /** What one planned document became; written as soon as it is archived (or failed). */
  saveRecord(batchId: number, r: BatchRecord): void {
    this.db
      .prepare(
        `INSERT INTO batch_records (batch_id, document, pages, type, dossier_code, grp, archive_id, archive_code, error, already_archived)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (batch_id, document) DO UPDATE SET pages = excluded.pages, type = excluded.type,
           dossier_code = excluded.dossier_code, grp = excluded.grp, archive_id = excluded.archive_id,
           archive_code = excluded.archive_code, error = excluded.error,
           already_archived = excluded.already_archived`,
      )
      .run(
        batchId,
        r.document,
        r.pages,
        r.type,
        r.dossierCode,
        r.group,
        r.archived?.id ?? null,
        r.archived?.code ?? null,
        r.error ? JSON.stringify(r.error) : null,
        r.alreadyArchived ? 1 : 0,
      );
  }

  /** Whether another batch made (not merely found) this archived record. */
  madeByOtherBatch(archiveId: number, batchId: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM batch_records WHERE archive_id = ? AND batch_id <> ? AND already_archived = 0
           UNION ALL SELECT 1 FROM batches WHERE dossier_id = ? AND id <> ? AND already_archived = 0
           LIMIT 1`,
        )
        .get(archiveId, batchId, archiveId, batchId) !== undefined
    );
  }

  records(batchId: number): BatchRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM batch_records WHERE batch_id = ? ORDER BY document')
        .all(batchId) as Raw[]
    ).map((r) => ({
      document: Number(r.document),
      pages: Number(r.pages),
      type: DocumentType.nullable()
        .catch(null)
        .parse(r.type ?? null),
      dossierCode: (r.dossier_code as string | null) ?? null,
      group: Number(r.grp),
      archived:
        r.archive_id !== null && typeof r.archive_code === 'string'
          ? { id: Number(r.archive_id), code: r.archive_code }
          : null,
      error: parseJson(r.error, ErrorInfo),
      ...(r.already_archived === 1 ? { alreadyArchived: true } : {}),
    }));
  }

  /**
   * Adds files after the batch's existing ones, in one transaction; returns their ids.
   * `sourceRef`: the batch's content key after these files, set in the same transaction.
   */
  addFiles(batchId: number, files: readonly NewFile[], sourceRef?: string): number[] {
    return this.db.transaction(() => {
      if (sourceRef) this.setSourceRef(batchId, sourceRef);
      const last = this.db
        .prepare('SELECT coalesce(max(ordinal), 0) AS n FROM batch_files WHERE batch_id = ?')
        .get(batchId) as { n: number };
      const insert = this.db.prepare(
        'INSERT INTO batch_files (batch_id, ordinal, name, path, bytes, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const ids = files.map((f, i) =>
        Number(
          insert.run(batchId, last.n + i + 1, f.name, f.path, f.bytes, f.sha256 ?? null)
            .lastInsertRowid,
        ),
      );
      this.db
        .prepare(
          'UPDATE batches SET pages_total = (SELECT count(*) FROM batch_files WHERE batch_id = ?) WHERE id = ?',
        )
        .run(batchId, batchId);
      return ids;
    })();
  }

  batch(id: number): BatchRow | null {
    const r = this.db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as Raw | undefined;
    return r ? toBatch(r) : null;
  }

  list(limit: number): BatchRow[] {
    return (this.db.prepare(`${BATCH_SELECT} ORDER BY b.id DESC LIMIT ?`).all(limit) as Raw[]).map(
      toBatch,
    );
  }

  /** The oldest batch waiting its turn. */
  nextQueued(): BatchRow | null {
    const r = this.db
      .prepare(`${BATCH_SELECT} WHERE b.state = 'queued' ORDER BY b.id LIMIT 1`)
      .get() as Raw | undefined;
    return r ? toBatch(r) : null;
  }

  /** Batches a previous run left mid-way (the process ended while they ran or uploaded). */
  interrupted(): BatchRow[] {
    return (
      this.db.prepare(`${BATCH_SELECT} WHERE b.state IN ('running', 'uploading')`).all() as Raw[]
    ).map(toBatch);
  }

  setState(id: number, state: BatchState, error: ErrorInfo | null = null): void {
    this.db
      .prepare('UPDATE batches SET state = ?, error = ? WHERE id = ?')
      .run(state, error ? JSON.stringify(error) : null, id);
  }

  /** A fresh run: counters and per-file outcomes of an earlier attempt are forgotten. */
  startRun(id: number, dossierTitle: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE batches SET state = 'running', error = NULL, pages_done = 0, active_ms = 0, already_archived = 0,
             dossier_title = ?, pages_total = (SELECT count(*) FROM batch_files WHERE batch_id = ?)
           WHERE id = ?`,
        )
        .run(dossierTitle, id, id);
      this.db
        .prepare(
          "UPDATE batch_files SET state = 'pending', pages = NULL, errors = '[]' WHERE batch_id = ?",
        )
        .run(id);
      this.db.prepare('DELETE FROM batch_pages WHERE batch_id = ?').run(id);
      this.db.prepare('DELETE FROM review_items WHERE batch_id = ?').run(id);
    })();
  }

  saveProgress(id: number, p: { pagesDone: number; pagesTotal: number; activeMs: number }): void {
    this.db
      .prepare('UPDATE batches SET pages_done = ?, pages_total = ?, active_ms = ? WHERE id = ?')
      .run(p.pagesDone, p.pagesTotal, Math.round(p.activeMs), id);
  }

  files(batchId: number): FileRow[] {
    return (
      this.db
        .prepare('SELECT * FROM batch_files WHERE batch_id = ? ORDER BY ordinal')
        .all(batchId) as Raw[]
    ).map(toFile);
  }

  fileOf(batchId: number, fileId: number): FileRow | null {
    const r = this.db
      .prepare('SELECT * FROM batch_files WHERE batch_id = ? AND id = ?')
      .get(batchId, fileId) as Raw | undefined;
    return r ? toFile(r) : null;
  }

  setFileState(fileId: number, state: BatchFile['state']): void {
    this.db.prepare('UPDATE batch_files SET state = ? WHERE id = ?').run(state, fileId);
  }

  /** Records how a finished run went: files, pages and the review queue, in one transaction. */
  finishRun(
    id: number,
    outcome: {
      state: BatchState;
      error: ErrorInfo | null;
      record: { id: number; code: string } | null;
      /** The record was made before, from the same scans (see BatchRow.alreadyArchived). */
      alreadyArchived?: boolean;
      files: { id: number; state: BatchFile['state']; pages: number | null; errors: ErrorInfo[] }[];
      pages: PageRow[];
      review: NewReviewItem[];
      progress: { pagesDone: number; pagesTotal: number; activeMs: number };
    },
  ): void {
    this.db.transaction(() => {
      // Idempotent: recording a run again (recovery after a crash) replaces what was there.
      this.db.prepare('DELETE FROM batch_pages WHERE batch_id = ?').run(id);
      this.db.prepare('DELETE FROM review_items WHERE batch_id = ?').run(id);
      this.saveProgress(id, outcome.progress);
      this.db
        .prepare(
          'UPDATE batches SET state = ?, error = ?, dossier_id = ?, dossier_code = ?, already_archived = ? WHERE id = ?',
        )
        .run(
          outcome.state,
          outcome.error ? JSON.stringify(outcome.error) : null,
          outcome.record?.id ?? null,
          outcome.record?.code ?? null,
          outcome.alreadyArchived ? 1 : 0,
          id,
        );
      const file = this.db.prepare(
        'UPDATE batch_files SET state = ?, pages = ?, errors = ? WHERE id = ? AND batch_id = ?',
      );
      for (const f of outcome.files) file.run(f.state, f.pages, JSON.stringify(f.errors), f.id, id);
      const page = this.db.prepare(
        `INSERT INTO batch_pages (batch_id, ordinal, file_id, page_in_file, confidence, blank, ink_ratio)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of outcome.pages)
        page.run(id, p.ordinal, p.fileId, p.pageInFile, p.confidence, p.blank ? 1 : 0, p.inkRatio);
      const item = this.db.prepare(
        `INSERT INTO review_items (batch_id, reason, subject, file_id, page_in_file, ordinal, confidence, ink_ratio, candidates, record_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of outcome.review)
        item.run(
          id,
          r.reason,
          r.subject,
          r.fileId,
          r.pageInFile,
          r.ordinal,
          r.confidence,
          r.inkRatio,
          JSON.stringify(r.candidates),
          r.recordId ?? null,
        );
    })();
  }

  pages(batchId: number): PageRow[] {
    return (
      this.db
        .prepare('SELECT * FROM batch_pages WHERE batch_id = ? ORDER BY ordinal')
        .all(batchId) as Raw[]
    ).map((r) => ({
      ordinal: Number(r.ordinal),
      fileId: Number(r.file_id),
      pageInFile: Number(r.page_in_file),
      confidence: Number(r.confidence),
      blank: r.blank === 1,
      inkRatio: Number(r.ink_ratio),
    }));
  }

  review(options: { batchId?: number; openOnly: boolean }): ReviewItem[] {
    const where = [
      ...(options.batchId ? ['r.batch_id = @batchId'] : []),
      ...(options.openOnly ? ["r.state = 'open'"] : []),
    ];
    const sql = `SELECT r.*, coalesce(r.record_id, b.dossier_id) AS dossier_id FROM review_items r JOIN batches b ON b.id = r.batch_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.batch_id DESC, r.ordinal, r.id LIMIT 2000`;
    return (
      this.db.prepare(sql).all(options.batchId ? { batchId: options.batchId } : {}) as Raw[]
    ).map(toReview);
  }

  reviewOpenTotal(): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM review_items WHERE state = 'open'").get() as {
        n: number;
      }
    ).n;
  }

  decide(itemId: number, decision: 'accepted' | 'dismissed'): ReviewItem | null {
    this.db
      .prepare('UPDATE review_items SET state = ?, decided_at = ? WHERE id = ?')
      .run(decision, this.clock().toISOString(), itemId);
    const r = this.db
      .prepare(
        'SELECT r.*, coalesce(r.record_id, b.dossier_id) AS dossier_id FROM review_items r JOIN batches b ON b.id = r.batch_id WHERE r.id = ?',
      )
      .get(itemId) as Raw | undefined;
    return r ? toReview(r) : null;
  }

  close(): void {
    this.db.close();
  }
}
