// The local archive: one SQLite file (WAL, foreign keys, busy timeout) plus the blob store.
// A record, its documents, pages, file record, search entries, outbox item and audit entry are
// written in one transaction, after the file is durably in the blob store, so the database never
// describes something that is not on disk and never holds half a record.
import Database from 'better-sqlite3';
import {
  DocumentMetadata,
  DocumentMetadataInput,
  RecordMetadata,
  RecordMetadataInput,
  formatDocCode,
} from '../../../shared/archiveMetadata';
import type {
  RecordDetail,
  RecordSummary,
  PageRecord,
  SignatureSummary,
} from '../../../shared/contract';
import { formatDossierCode, vietnamDayKey } from '../../../shared/dossierCode';
import { SohoaError } from '../../../shared/errors';
import { AuditLog, verifyChain, type AuditEvent, type ChainReport } from './audit';
import { sha256Hex } from './blobStore';
import { canonicalJson } from './canonicalJson';
import { MIGRATIONS } from './migrations';
import {
  clearSearchIndex,
  indexRecord,
  indexPage,
  searchArchive,
  type SearchHit,
  type SearchOptions,
} from './search';

export interface NewDocument {
  metadata?: DocumentMetadataInput;
  /** Ordinals (1-based, in the record) of the pages of this document. */
  pages: number[];
}

export interface NewRecord {
  agencyId: string;
  receivedAt: Date;
  title: string;
  pages: PageRecord[];
  file: { sha256: string; bytes: number; signature: SignatureSummary | null };
  metadata?: RecordMetadataInput;
  /** Without documents, the record is one document holding every page. */
  documents?: NewDocument[];
  /** The batch item that produced it: recording the same item twice returns the first record. */
  sourceRef?: string;
  /** Who did it, for the audit log (a clerk's account, `cli`, `batch`…). */
  actor?: string;
}

export interface ArchiveOptions {
  clock?: () => Date;
  /** Put each new record in the outbox for the records store (default true). */
  enqueueForUpload?: boolean;
}

/** What `sohoa audit verify` reports; `ok` only when nothing at all is wrong. */
export interface ArchiveVerifyReport {
  ok: boolean;
  chain: Omit<ChainReport, 'lastRecordHash'>;
  /** Records whose rows no longer hash to what the log recorded last. */
  alteredRecords: string[];
  /** Records the log recorded that are gone from the tables. */
  missingRecords: string[];
  /** Records in the tables that the log never recorded. */
  unloggedRecords: string[];
}

interface RecordRow {
  id: number;
  code: string;
  title: string;
  created_at: string;
  page_count: number;
  name: string;
  sha256: string;
  bytes: number;
  signer: string | null;
  signed_at: string | null;
  sub_filter: string | null;
  demo_signature: number;
}

interface PageRow {
  ordinal: number;
  source_name: string;
  width_px: number;
  height_px: number;
  dpi: number;
  text: string;
  confidence: number;
}

export interface StoredFile {
  dossierCode: string;
  name: string;
  sha256: string;
  bytes: number;
}

const SUMMARY_SELECT = `
  SELECT d.id, d.code, d.title, d.created_at,
         (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS page_count,
         f.name, f.sha256, f.bytes, f.signer, f.signed_at, f.sub_filter, f.demo_signature
  FROM dossiers d JOIN files f ON f.dossier_id = d.id`;

/** The last version that changed what the search index holds (v4 index, v7 its vocabulary). */
const SEARCH_INDEX_VERSION = 7;
/** The first version with the audit log (see migrations v3). */
const AUDIT_VERSION = 3;

export class Archive {
  private readonly db: Database.Database;
  readonly audit: AuditLog;
  private readonly clock: () => Date;
  private readonly enqueueForUpload: boolean;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly file: string,
    options: ArchiveOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.enqueueForUpload = options.enqueueForUpload ?? true;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // FULL: a committed record survives a power cut, which a counter PC will see.
    this.db.pragma('synchronous = FULL');
    const from = migrate(this.db);
    if (from > 0 && from < SEARCH_INDEX_VERSION && MIGRATIONS.length >= SEARCH_INDEX_VERSION)
      this.rebuildSearchIndex();
    this.audit = new AuditLog(this.db, file, this.clock);
    this.audit.initAnchor();
    if (from > 0 && from < AUDIT_VERSION && MIGRATIONS.length >= AUDIT_VERSION)
      this.logExistingRecords();
  }

  /** Records made before the audit log existed enter it as they are, once, at the upgrade. */
  private logExistingRecords(): void {
    this.audit.write((audit) => {
      for (const d of this.db.prepare('SELECT id, code FROM dossiers ORDER BY id').all() as {
        id: number;
        code: string;
      }[])
        audit({
          actor: 'migration',
          action: 'dossier.recorded',
          recordType: 'dossier',
          recordRef: d.code,
          details: { recordHash: this.recordHash(d.id), migratedFromVersion: AUDIT_VERSION - 1 },
        });
    });
  }

  /** The connection, for the modules that keep their own tables here (outbox, backup). */
  get database(): Database.Database {
    return this.db;
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  addRecord(input: NewRecord): RecordSummary {
    if (input.sourceRef) {
      const existing = this.stmt('SELECT id FROM dossiers WHERE source_ref = ?').get(
        input.sourceRef,
      ) as { id: number } | undefined;
      if (existing) return this.getRecord(existing.id)!;
    }
    const day = vietnamDayKey(input.receivedAt);
    const recordInput = parseOrThrow(RecordMetadataInput, input.metadata ?? {});
    const documents = input.documents ?? [{ pages: input.pages.map((p) => p.ordinal) }];
    const docInputs = documents.map((d) => parseOrThrow(DocumentMetadataInput, d.metadata ?? {}));
    const id = this.audit.write((audit) => {
      // A batch item recorded by another connection since the check above.
      if (input.sourceRef) {
        const again = this.stmt('SELECT id FROM dossiers WHERE source_ref = ?').get(
          input.sourceRef,
        ) as { id: number } | undefined;
        if (again) return again.id;
      }
      const seq = this.stmt(
        `INSERT INTO day_sequences (agency, day, last) VALUES (?, ?, 1)
         ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last`,
      ).get(input.agencyId, day) as { last: number };
      const code = formatDossierCode(input.agencyId, day, seq.last);
      const localDay = vnDate(input.receivedAt);
      const metadata = {
        maintenance: '01',
        mode: '02',
        language: 'vi',
        startDate: localDay,
        endDate: localDay,
        confidenceLevel: '02',
        paperFileCode: code,
        ...recordInput,
        title: recordInput.title ?? input.title,
      };
      const recordId = Number(
        this.stmt(
          'INSERT INTO dossiers (code, title, created_at, metadata, source_ref) VALUES (?, ?, ?, ?, ?)',
        ).run(
          code,
          metadata.title,
          input.receivedAt.toISOString(),
          canonicalJson(metadata),
          input.sourceRef ?? null,
        ).lastInsertRowid,
      );
      const docOfPage = new Map<number, number>();
      for (const [i, doc] of documents.entries()) {
        const docId = Number(
          this.stmt(
            'INSERT INTO documents (dossier_id, ordinal, doc_code, metadata) VALUES (?, ?, ?, ?)',
          ).run(recordId, i + 1, formatDocCode(code, i + 1), canonicalJson(docInputs[i]))
            .lastInsertRowid,
        );
        for (const ordinal of doc.pages) docOfPage.set(ordinal, docId);
      }
      for (const p of input.pages) {
        const docId = docOfPage.get(p.ordinal);
        if (docId === undefined) throw new SohoaError('METADATA_INVALID', `page ${p.ordinal}`);
        const pageId = Number(
          this.stmt(
            `INSERT INTO pages (dossier_id, document_id, ordinal, source_name, width_px, height_px, dpi, text, confidence)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            recordId,
            docId,
            p.ordinal,
            p.sourceName,
            p.widthPx,
            p.heightPx,
            p.dpi,
            p.text,
            p.confidence,
          ).lastInsertRowid,
        );
        indexPage(this.db, pageId, p.text);
      }
      const sig = input.file.signature;
      this.stmt(
        `INSERT INTO files (dossier_id, name, sha256, bytes, signer, signed_at, sub_filter, demo_signature)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        recordId,
        `${code}.pdf`,
        input.file.sha256,
        input.file.bytes,
        sig?.signer ?? null,
        sig?.signedAt ?? null,
        sig?.subFilter ?? null,
        sig?.demo ? 1 : 0,
      );
      indexRecord(this.db, recordId, this.recordSearchText(recordId));
      if (this.enqueueForUpload) {
        const now = this.clock().toISOString();
        this.stmt(
          `INSERT INTO outbox (dossier_id, state, next_attempt_at, bytes_total, created_at, updated_at)
           VALUES (?, 'pending', ?, ?, ?, ?)`,
        ).run(recordId, now, input.file.bytes, now, now);
      }
      audit({
        actor: input.actor ?? 'system',
        action: 'dossier.recorded',
        recordType: 'dossier',
        recordRef: code,
        details: {
          recordHash: this.recordHash(recordId),
          fileSha256: input.file.sha256,
          pages: input.pages.length,
          ...(input.sourceRef ? { sourceRef: input.sourceRef } : {}),
        },
      });
      return recordId;
    });
    return this.getRecord(id)!;
  }

  /** Changes the record's TT 05/2025 fields; logged with the record hash before and after. */
  updateRecordMetadata(code: string, patch: RecordMetadataInput, actor: string): RecordMetadata {
    const input = parseOrThrow(RecordMetadataInput, patch);
    this.audit.write((audit) => {
      const row = this.stmt('SELECT id, metadata FROM dossiers WHERE code = ?').get(code) as
        { id: number; metadata: string } | undefined;
      if (!row) throw new SohoaError('DOSSIER_NOT_FOUND', code);
      const before = this.recordHash(row.id);
      const merged = { ...(JSON.parse(row.metadata) as object), ...input };
      this.stmt('UPDATE dossiers SET metadata = ?, title = coalesce(?, title) WHERE id = ?').run(
        canonicalJson(merged),
        input.title ?? null,
        row.id,
      );
      this.recordMetadata(row.id); // throws if the result is not a complete, valid record
      indexRecord(this.db, row.id, this.recordSearchText(row.id));
      audit({
        actor,
        action: 'dossier.metadata_changed',
        recordType: 'dossier',
        recordRef: code,
        details: {
          changed: Object.keys(input).sort(),
          before,
          recordHash: this.recordHash(row.id),
        },
      });
    });
    return this.recordMetadata(this.idOf(code));
  }

  /** Appends an audit entry on its own (exports, uploads…): the archive's log is the only one. */
  logEvent(event: AuditEvent): void {
    this.audit.write((audit) => audit(event));
  }

  idOf(code: string): number {
    const row = this.stmt('SELECT id FROM dossiers WHERE code = ?').get(code) as
      { id: number } | undefined;
    if (!row) throw new SohoaError('DOSSIER_NOT_FOUND', code);
    return row.id;
  }

  /** The record's complete TT 05/2025 metadata, with codes and counts derived from the rows. */
  recordMetadata(id: number): RecordMetadata {
    const row = this.stmt(
      `SELECT d.code, d.metadata,
              (SELECT count(*) FROM documents WHERE dossier_id = d.id) AS docs,
              (SELECT count(*) FROM pages WHERE dossier_id = d.id) AS pages
       FROM dossiers d WHERE d.id = ?`,
    ).get(id) as { code: string; metadata: string; docs: number; pages: number };
    return parseOrThrow(RecordMetadata, {
      ...(JSON.parse(row.metadata) as object),
      fileCode: row.code,
      totalDoc: row.docs,
      numberOfPage: row.pages,
    });
  }

  /** Documents of a record with their complete TT 05/2025 metadata and page ordinals. */
  documentsOf(id: number): { metadata: DocumentMetadata; pages: number[] }[] {
    const record = this.recordMetadata(id);
    const docs = this.stmt(
      'SELECT id, ordinal, doc_code, metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal',
    ).all(id) as { id: number; ordinal: number; doc_code: string; metadata: string }[];
    return docs.map((d) => {
      const pages = (
        this.stmt('SELECT ordinal FROM pages WHERE document_id = ? ORDER BY ordinal').all(d.id) as {
          ordinal: number;
        }[]
      ).map((p) => p.ordinal);
      const metadata = parseOrThrow(DocumentMetadata, {
        maintenance: record.maintenance,
        language: record.language,
        mode: record.mode,
        confidenceLevel: record.confidenceLevel,
        ...(JSON.parse(d.metadata) as object),
        docCode: d.doc_code,
        docOrdinal: d.ordinal,
        numberOfPage: pages.length,
      });
      return { metadata, pages };
    });
  }

  /**
   * SHA-256 of everything that makes up the record (metadata, documents, pages with their text,
   * the file's hash), canonical JSON: the audit log keeps it so a later edit of a row shows.
   */
  recordHash(id: number): string {
    const d = this.stmt('SELECT code, title, created_at, metadata FROM dossiers WHERE id = ?').get(
      id,
    ) as { code: string; title: string; created_at: string; metadata: string };
    const docs = this.stmt(
      'SELECT id, ordinal, doc_code, metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal',
    ).all(id) as { id: number; ordinal: number; doc_code: string; metadata: string }[];
    const pages = this.stmt(
      `SELECT p.ordinal, p.source_name, p.width_px, p.height_px, p.dpi, p.text, p.confidence,
              (SELECT ordinal FROM documents WHERE id = p.document_id) AS doc
       FROM pages p WHERE p.dossier_id = ? ORDER BY p.ordinal`,
    ).all(id);
    const files = this.stmt(
      'SELECT name, sha256, bytes, signer, signed_at FROM files WHERE dossier_id = ? ORDER BY id',
    ).all(id);
    return sha256Hex(
      Buffer.from(
        canonicalJson({
          code: d.code,
          title: d.title,
          createdAt: d.created_at,
          metadata: JSON.parse(d.metadata) as unknown,
          documents: docs.map((x) => ({
            ordinal: x.ordinal,
            code: x.doc_code,
            metadata: JSON.parse(x.metadata) as unknown,
          })),
          pages,
          files,
        }),
      ),
    );
  }

  /** Text the record is found by besides its pages: code, title, and the descriptive fields. */
  private recordSearchText(id: number): string {
    const row = this.stmt('SELECT code, metadata FROM dossiers WHERE id = ?').get(id) as {
      code: string;
      metadata: string;
    };
    const m = JSON.parse(row.metadata) as Record<string, unknown>;
    const docs = (
      this.stmt('SELECT metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal').all(id) as {
        metadata: string;
      }[]
    ).map((d) => JSON.parse(d.metadata) as Record<string, unknown>);
    const fields = ['title', 'keyword', 'description', 'paperFileCode', 'inforSign'];
    const docFields = ['typeName', 'codeNumber', 'codeNotation', 'organName', 'subject', 'keyword'];
    return [
      row.code,
      ...fields.map((f) => m[f]),
      ...docs.flatMap((d) => docFields.map((f) => d[f])),
    ]
      .filter((v): v is string => typeof v === 'string' && v.length > 0)
      .join('\n');
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    return searchArchive(this.db, query, (id) => this.recordSearchText(id), options);
  }

  /** Re-indexes every page and record (after a migration from before the index existed). */
  rebuildSearchIndex(): void {
    this.db
      .transaction(() => {
        clearSearchIndex(this.db);
        for (const p of this.db.prepare('SELECT id, text FROM pages').all() as {
          id: number;
          text: string;
        }[])
          indexPage(this.db, p.id, p.text);
        for (const d of this.db.prepare('SELECT id FROM dossiers').pluck().all() as number[])
          indexRecord(this.db, d, this.recordSearchText(d));
      })
      .immediate();
  }

  /**
   * The audit chain, then every record's rows against the record hash the log holds for it:
   * an edited entry, an edited row, a deleted or an unlogged record all show here.
   */
  verify(): ArchiveVerifyReport {
    const { lastRecordHash, ...chain } = verifyChain(this.audit);
    const alteredRecords: string[] = [];
    const unloggedRecords: string[] = [];
    const present = new Set<string>();
    for (const d of this.db.prepare('SELECT id, code FROM dossiers ORDER BY id').all() as {
      id: number;
      code: string;
    }[]) {
      present.add(d.code);
      const logged = lastRecordHash.get(d.code);
      if (logged === undefined) unloggedRecords.push(d.code);
      else if (logged !== this.recordHash(d.id)) alteredRecords.push(d.code);
    }
    const missingRecords = [...lastRecordHash.keys()].filter((c) => !present.has(c));
    const ok =
      chain.problems.length === 0 &&
      (chain.anchor === 'ok' || chain.anchor === 'behind') &&
      alteredRecords.length + missingRecords.length + unloggedRecords.length === 0;
    return { ok, chain, alteredRecords, missingRecords, unloggedRecords };
  }

  /** Every file the archive points at, for backups and hash checks. */
  storedFiles(): StoredFile[] {
    return (
      this.db
        .prepare(
          `SELECT d.code, f.name, f.sha256, f.bytes FROM files f JOIN dossiers d ON d.id = f.dossier_id
           ORDER BY f.id`,
        )
        .all() as { code: string; name: string; sha256: string; bytes: number }[]
    ).map((r) => ({ dossierCode: r.code, name: r.name, sha256: r.sha256, bytes: r.bytes }));
  }

  recordCount(): number {
    return this.db.prepare('SELECT count(*) FROM dossiers').pluck().get() as number;
  }

  listRecords(limit = 100): RecordSummary[] {
    const rows = this.stmt(`${SUMMARY_SELECT} ORDER BY d.id DESC LIMIT ?`).all(
      limit,
    ) as RecordRow[];
    return rows.map(toSummary);
  }

  getRecord(id: number): RecordDetail | null {
    const row = this.stmt(`${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as RecordRow | undefined;
    if (!row) return null;
    const pages = this.stmt(
      `SELECT ordinal, source_name, width_px, height_px, dpi, text, confidence
       FROM pages WHERE dossier_id = ? ORDER BY ordinal`,
    ).all(id) as PageRow[];
    return {
      ...toSummary(row),
      fileBytes: row.bytes,
      pages: pages.map((p) => ({
        ordinal: p.ordinal,
        sourceName: p.source_name,
        widthPx: p.width_px,
        heightPx: p.height_px,
        dpi: p.dpi,
        text: p.text,
        confidence: p.confidence,
      })),
    };
  }

  /** The record a batch item became, if it was recorded already (see NewRecord.sourceRef). */
  findBySourceRef(sourceRef: string): RecordSummary | null {
    const row = this.stmt('SELECT id FROM dossiers WHERE source_ref = ?').get(sourceRef) as
      { id: number } | undefined;
    return row ? this.getRecord(row.id) : null;
  }

  findByCode(code: string): RecordDetail | null {
    const row = this.stmt('SELECT id FROM dossiers WHERE code = ?').get(code) as
      { id: number } | undefined;
    return row ? this.getRecord(row.id) : null;
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    this.audit.flushAnchor();
    this.db.close();
  }
}

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

function parseOrThrow<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new SohoaError('METADATA_INVALID', `${issue.path.map(String).join('.')}: ${issue.message}`);
}

/** DD/MM/YYYY of an instant in Vietnam time, as TT 05/2025 writes dates. */
export function vnDate(at: Date): string {
  const d = new Date(at.getTime() + 7 * 3600 * 1000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

function toSummary(row: RecordRow): RecordSummary {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    createdAt: row.created_at,
    pageCount: row.page_count,
    fileName: row.name,
    sha256: row.sha256,
    signature:
      row.signer && row.signed_at && row.sub_filter
        ? {
            signer: row.signer,
            signedAt: row.signed_at,
            subFilter: row.sub_filter,
            demo: row.demo_signature === 1,
          }
        : null,
  };
}
