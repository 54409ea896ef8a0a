// The local archive: one SQLite file (WAL, foreign keys, busy timeout) plus the blob store. The
// `Archive` class is the front door the pipeline, batch, records, outbox and API use; each job
// lives in its own module: the connection (connection.ts), the schema and upgrades
// (migrations.ts), the write path (recordWrite.ts), reading records (recordQueries.ts), the
// record hash (recordHash.ts), the search index (recordIndex.ts, search.ts) and the check of the
// tables against the audit log (integrity.ts).
import type Database from 'better-sqlite3';
import type {
  DocumentMetadata,
  RecordMetadata,
  RecordMetadataInput,
} from '../../../shared/archiveMetadata';
import type { RecordDetail, RecordSummary } from '../../../shared/contract';
import type { RecordFieldsView } from '../../../shared/contracts/records';
import { AuditLog, type AuditEvent } from './audit';
import {
  recordFieldsView,
  recordsWithUnreviewedFields,
  reviewDocumentFields,
  type FieldReview,
} from './documentFields';
import { openArchiveConnection, withStatementCache, type ArchiveDb } from './connection';
import { logExistingRecords, verifyArchive, type ArchiveVerifyReport } from './integrity';
import {
  AUDIT_VERSION,
  MIGRATIONS,
  RECORD_INDEX_VERSION,
  SEARCH_INDEX_VERSION,
  migrate,
} from './migrations';
import { recordHash } from './recordHash';
import {
  rebuildRecordIndex,
  rebuildSearchIndex,
  recordSearchText,
  reindexQueued,
} from './recordIndex';
import * as queries from './recordQueries';
import type { StoredFile } from './recordQueries';
import { addRecord, updateRecordMetadata, type NewRecord, type RecordWriter } from './recordWrite';
import { searchArchive, type SearchHit, type SearchOptions } from './search';

// Kept where callers have always found them.
export { migrate } from './migrations';
export { vnDate } from './recordInput';
export type { ArchiveVerifyReport } from './integrity';
export type { StoredFile } from './recordQueries';
export type { NewDocument, NewRecord } from './recordWrite';
export type { FieldReview, ReadFieldsInput } from './documentFields';

export interface ArchiveOptions {
  clock?: () => Date;
  /** Put each new record in the outbox for the records store (default true). */
  enqueueForUpload?: boolean;
}

export class Archive {
  private readonly a: ArchiveDb;
  private readonly writer: RecordWriter;
  readonly audit: AuditLog;

  constructor(
    readonly file: string,
    options: ArchiveOptions = {},
  ) {
    const clock = options.clock ?? (() => new Date());
    this.a = withStatementCache(openArchiveConnection(file));
    const from = migrate(this.a.db);
    if (from > 0 && from < SEARCH_INDEX_VERSION && MIGRATIONS.length >= SEARCH_INDEX_VERSION)
      this.rebuildSearchIndex();
    else if (from > 0 && from < RECORD_INDEX_VERSION && MIGRATIONS.length >= RECORD_INDEX_VERSION)
      rebuildRecordIndex(this.a);
    this.audit = new AuditLog(this.a.db, file, clock);
    this.audit.initAnchor();
    if (from > 0 && from < AUDIT_VERSION && MIGRATIONS.length >= AUDIT_VERSION)
      logExistingRecords(this.a, this.audit, AUDIT_VERSION);
    this.writer = {
      a: this.a,
      audit: this.audit,
      clock,
      enqueueForUpload: options.enqueueForUpload ?? true,
    };
  }

  /** The connection, for the modules that keep their own tables here (outbox, backup). */
  get database(): Database.Database {
    return this.a.db;
  }

  get schemaVersion(): number {
    return this.a.db.pragma('user_version', { simple: true }) as number;
  }

  addRecord(input: NewRecord): RecordSummary {
    return this.getRecord(addRecord(this.writer, input))!;
  }

  /** Changes the record's TT 05/2025 fields; logged with the record hash before and after. */
  updateRecordMetadata(code: string, patch: RecordMetadataInput, actor: string): RecordMetadata {
    updateRecordMetadata(this.writer, code, patch, actor);
    return this.recordMetadata(this.idOf(code));
  }

  /** The record's document fields as read, with the archivist's review of each. */
  recordFields(id: number): RecordFieldsView {
    return recordFieldsView(this.a, id);
  }

  /** The archivist accepts or edits a document's fields; logged like any metadata change. */
  reviewFields(id: number, review: FieldReview, actor: string): RecordFieldsView {
    reviewDocumentFields(this.writer, id, review, actor);
    return recordFieldsView(this.a, id);
  }

  /** How many of these records still have fields read by the machine that nobody reviewed. */
  unreviewedRecords(ids: readonly number[]): number {
    return recordsWithUnreviewedFields(this.a, ids);
  }

  /** Appends an audit entry on its own (exports, uploads…): the archive's log is the only one. */
  logEvent(event: AuditEvent): void {
    this.audit.write((audit) => audit(event));
  }

  idOf(code: string): number {
    return queries.idOf(this.a, code);
  }

  /** The record's complete TT 05/2025 metadata, with codes and counts derived from the rows. */
  recordMetadata(id: number): RecordMetadata {
    return queries.recordMetadata(this.a, id);
  }

  /** Documents of a record with their complete TT 05/2025 metadata and page ordinals. */
  documentsOf(id: number): { metadata: DocumentMetadata; pages: number[] }[] {
    return queries.documentsOf(this.a, id);
  }

  /** SHA-256 of everything that makes up the record, as the audit log keeps it. */
  recordHash(id: number): string {
    return recordHash(this.a, id);
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    reindexQueued(this.a);
    return searchArchive(this.a.db, query, (id) => recordSearchText(this.a, id), options);
  }

  /** Re-indexes every page and record (after a migration from before the index existed). */
  rebuildSearchIndex(): void {
    rebuildSearchIndex(this.a);
  }

  /** The audit chain, then every record's rows against the record hash the log holds for it. */
  verify(): ArchiveVerifyReport {
    return verifyArchive(this.a, this.audit);
  }

  /** Every file the archive points at, for backups and hash checks. */
  storedFiles(): StoredFile[] {
    return queries.storedFiles(this.a);
  }

  recordCount(): number {
    return queries.recordCount(this.a);
  }

  listRecords(limit = 100): RecordSummary[] {
    return queries.listRecords(this.a, limit);
  }

  getRecord(id: number): RecordDetail | null {
    return queries.getRecord(this.a, id);
  }

  /** The record a batch item became, if it was recorded already (see NewRecord.sourceRef). */
  findBySourceRef(sourceRef: string): RecordSummary | null {
    const id = queries.idBySourceRef(this.a, sourceRef);
    return id === undefined ? null : this.getRecord(id);
  }

  findByCode(code: string): RecordDetail | null {
    const id = queries.idByCode(this.a, code);
    return id === undefined ? null : this.getRecord(id);
  }

  integrityCheck(): string {
    return this.a.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    this.audit.flushAnchor();
    this.a.db.close();
  }
}
