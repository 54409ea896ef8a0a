// The archive's write path. A record, its documents, pages, file row, search entries, outbox item
// and audit entry are written in one transaction, after the file is durably in the blob store
// (the caller's part), so the database never describes something that is not on disk and never
// holds half a record. A metadata change is logged with the record hash before and after.
import {
  DocumentMetadataInput,
  RecordMetadataInput,
  formatDocCode,
} from '../../../shared/archiveMetadata';
import type { PageRecord, SignatureSummary } from '../../../shared/contract';
import { formatDossierCode, vietnamDayKey } from '../../../shared/dossierCode';
import { SohoaError } from '../../../shared/errors';
import type { AuditEvent, AuditLog } from './audit';
import { canonicalJson } from './canonicalJson';
import { insertReadFields, type ReadFieldsInput } from './documentFields';
import type { ArchiveDb } from './connection';
import { recordHash } from './recordHash';
import { indexRecordText } from './recordIndex';
import { parseOrThrow, vnDate } from './recordInput';
import { idBySourceRef, recordMetadata } from './recordQueries';
import { indexPage } from './search';

export interface NewDocument {
  metadata?: DocumentMetadataInput;
  /** Ordinals (1-based, in the record) of the pages of this document. */
  pages: number[];
  /** The fields as the machine read them, kept for the archivist's review (values also go in metadata). */
  readFields?: ReadFieldsInput;
}

export interface NewFile {
  sha256: string;
  bytes: number;
  signature: SignatureSummary | null;
  /** Default `record`: the desk made it. */
  role?: 'record' | 'received' | 'companion';
  /** The signature verification made when the file was received (JSON-able). */
  report?: unknown;
}

export interface NewRecord {
  agencyId: string;
  receivedAt: Date;
  title: string;
  pages: PageRecord[];
  /** The record's main file: the desk's signed PDF, or a PDF received signed, kept as it came. */
  file: NewFile;
  /** Beside a received original: the desk's searchable, signed PDF of the same pages. */
  companion?: NewFile;
  metadata?: RecordMetadataInput;
  /** Without documents, the record is one document holding every page. */
  documents?: NewDocument[];
  /** The batch item that produced it: recording the same item twice returns the first record. */
  sourceRef?: string;
  /** Who did it, for the audit log (a clerk's account, `cli`, `batch`…). */
  actor?: string;
  /** The code the record takes instead of a new one (a dossier received at the counter has one). */
  code?: string;
}

/** What the write path needs from the archive that owns it. */
export interface RecordWriter {
  a: ArchiveDb;
  audit: AuditLog;
  clock: () => Date;
  /** Put each new record in the outbox for the records store. */
  enqueueForUpload: boolean;
}

/** Writes a new record (or finds the one its sourceRef already made); returns its id. */
export function addRecord(w: RecordWriter, input: NewRecord): number {
  if (input.sourceRef) {
    const existing = idBySourceRef(w.a, input.sourceRef);
    if (existing !== undefined) return existing;
  }
  const recordInput = parseOrThrow(RecordMetadataInput, input.metadata ?? {});
  const documents = input.documents ?? [{ pages: input.pages.map((p) => p.ordinal) }];
  const docInputs = documents.map((d) => parseOrThrow(DocumentMetadataInput, d.metadata ?? {}));
  return w.audit.write((audit) => {
    // A batch item recorded by another connection since the check above.
    if (input.sourceRef) {
      const again = idBySourceRef(w.a, input.sourceRef);
      if (again !== undefined) return again;
    }
    const { id, code } = insertRecordRow(w.a, input, recordInput);
    insertDocumentsAndPages(w.a, id, code, input.pages, documents, docInputs);
    insertFile(w.a, id, `${code}.pdf`, input.file);
    if (input.companion) insertFile(w.a, id, `${code}-ocr.pdf`, input.companion);
    indexRecordText(w.a, id);
    if (w.enqueueForUpload) enqueue(w, id, input.file.bytes + (input.companion?.bytes ?? 0));
    audit(recordedEvent(w.a, id, code, input));
    return id;
  });
}

/** The record's row with its newly allocated code and the circular's defaults for its fields. */
function insertRecordRow(
  a: ArchiveDb,
  input: NewRecord,
  recordInput: RecordMetadataInput,
): { id: number; code: string } {
  const code = input.code ?? allocateCode(a, input);
  if (input.code && a.stmt('SELECT 1 FROM dossiers WHERE code = ?').get(code)) {
    throw new SohoaError('DOSSIER_CODE_TAKEN', code);
  }
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
  const id = Number(
    a
      .stmt(
        'INSERT INTO dossiers (code, title, created_at, metadata, source_ref) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        code,
        metadata.title,
        input.receivedAt.toISOString(),
        canonicalJson(metadata),
        input.sourceRef ?? null,
      ).lastInsertRowid,
  );
  return { id, code };
}

/** The agency's next code of the day (the same day sequence the reception's dossiers draw on). */
function allocateCode(a: ArchiveDb, input: NewRecord): string {
  const day = vietnamDayKey(input.receivedAt);
  const seq = a
    .stmt(
      `INSERT INTO day_sequences (agency, day, last) VALUES (?, ?, 1)
       ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last`,
    )
    .get(input.agencyId, day) as { last: number };
  return formatDossierCode(input.agencyId, day, seq.last);
}

function insertDocumentsAndPages(
  a: ArchiveDb,
  recordId: number,
  code: string,
  pages: readonly PageRecord[],
  documents: readonly NewDocument[],
  docInputs: readonly DocumentMetadataInput[],
): void {
  const docOfPage = new Map<number, number>();
  for (const [i, doc] of documents.entries()) {
    const docId = Number(
      a
        .stmt('INSERT INTO documents (dossier_id, ordinal, doc_code, metadata) VALUES (?, ?, ?, ?)')
        .run(recordId, i + 1, formatDocCode(code, i + 1), canonicalJson(docInputs[i]))
        .lastInsertRowid,
    );
    for (const ordinal of doc.pages) docOfPage.set(ordinal, docId);
    if (doc.readFields) insertReadFields(a, docId, doc.readFields);
  }
  for (const p of pages) {
    const docId = docOfPage.get(p.ordinal);
    if (docId === undefined) throw new SohoaError('METADATA_INVALID', `page ${p.ordinal}`);
    const pageId = Number(
      a
        .stmt(
          `INSERT INTO pages (dossier_id, document_id, ordinal, source_name, width_px, height_px, dpi, text, confidence)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
    indexPage(a.db, pageId, p.text);
  }
}

function insertFile(a: ArchiveDb, recordId: number, name: string, file: NewFile): void {
  const sig = file.signature;
  a.stmt(
    `INSERT INTO files (dossier_id, name, sha256, bytes, signer, signed_at, sub_filter, demo_signature, role, report)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    recordId,
    name,
    file.sha256,
    file.bytes,
    sig?.signer ?? null,
    sig?.signedAt ?? null,
    sig?.subFilter ?? null,
    sig?.demo ? 1 : 0,
    file.role ?? 'record',
    file.report === undefined ? null : canonicalJson(file.report),
  );
}

function enqueue(w: RecordWriter, recordId: number, bytes: number): void {
  const now = w.clock().toISOString();
  w.a
    .stmt(
      `INSERT INTO outbox (dossier_id, state, next_attempt_at, bytes_total, created_at, updated_at)
       VALUES (?, 'pending', ?, ?, ?, ?)`,
    )
    .run(recordId, now, bytes, now, now);
}

function recordedEvent(a: ArchiveDb, id: number, code: string, input: NewRecord): AuditEvent {
  return {
    actor: input.actor ?? 'system',
    action: 'dossier.recorded',
    recordType: 'dossier',
    recordRef: code,
    details: {
      recordHash: recordHash(a, id),
      fileSha256: input.file.sha256,
      ...(input.companion ? { companionSha256: input.companion.sha256 } : {}),
      pages: input.pages.length,
      ...(input.sourceRef ? { sourceRef: input.sourceRef } : {}),
    },
  };
}

/** Changes the record's TT 05/2025 fields; logged with the record hash before and after. */
export function updateRecordMetadata(
  w: RecordWriter,
  code: string,
  patch: RecordMetadataInput,
  actor: string,
): void {
  const input = parseOrThrow(RecordMetadataInput, patch);
  w.audit.write((audit) => {
    const row = w.a.stmt('SELECT id, metadata FROM dossiers WHERE code = ?').get(code) as
      { id: number; metadata: string } | undefined;
    if (!row) throw new SohoaError('DOSSIER_NOT_FOUND', code);
    const before = recordHash(w.a, row.id);
    const merged = { ...(JSON.parse(row.metadata) as object), ...input };
    w.a
      .stmt('UPDATE dossiers SET metadata = ?, title = coalesce(?, title) WHERE id = ?')
      .run(canonicalJson(merged), input.title ?? null, row.id);
    recordMetadata(w.a, row.id); // throws if the result is not a complete, valid record
    indexRecordText(w.a, row.id);
    audit({
      actor,
      action: 'dossier.metadata_changed',
      recordType: 'dossier',
      recordRef: code,
      details: {
        changed: Object.keys(input).sort(),
        before,
        recordHash: recordHash(w.a, row.id),
      },
    });
  });
}
