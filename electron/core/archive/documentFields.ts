// The TT 05/2025 document fields as the machine read them (value, confidence, where on the page)
// and the archivist's review of each: accepted as read, or edited. The values themselves live
// in the document's metadata (what the record hash, exports and search read); this table keeps
// how they came to be, so the review form shows the page region beside each field and a batch
// knows how many of its records still have fields nobody looked at.
import { DocumentMetadataInput } from '../../../shared/archiveMetadata';
import {
  REVIEW_FIELDS,
  type FieldState,
  type RecordFieldsView,
  type ReviewFieldName,
} from '../../../shared/contracts/records';
import { REVIEW_FIELD_CONFIDENCE } from '../../../shared/documentMetadata';
import { documentTitle } from '../../../shared/documentTitle';
import { SohoaError } from '../../../shared/errors';
import { canonicalJson } from './canonicalJson';
import type { ArchiveDb } from './connection';
import { recordHash } from './recordHash';
import { indexRecordText } from './recordIndex';
import { parseOrThrow } from './recordInput';
import type { RecordWriter } from './recordWrite';

/** A field as read, in the stored form (dates DD/MM/YYYY); the region as fractions of the page. */
export interface ReadFieldInput {
  value: string;
  confidence: number;
  source: string;
  page?: number;
  region?: { x0: number; y0: number; x1: number; y1: number };
}
export type ReadFieldsInput = Partial<Record<ReviewFieldName, ReadFieldInput>>;

interface FieldRow {
  field: ReviewFieldName;
  value: string;
  confidence: number;
  source: string;
  page: number | null;
  region: string | null;
  state: FieldState;
}

type Json = Record<string, unknown>;

/** Stores what was read for a new document (in the record's write transaction). */
export function insertReadFields(a: ArchiveDb, documentId: number, fields: ReadFieldsInput): void {
  const insert = a.stmt(
    `INSERT INTO document_fields (document_id, field, value, confidence, source, page, region)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of REVIEW_FIELDS) {
    const r = fields[f];
    if (!r?.value) continue;
    insert.run(
      documentId,
      f,
      r.value,
      Math.max(0, Math.min(1, r.confidence)),
      r.source,
      r.page ?? null,
      r.region ? JSON.stringify(r.region) : null,
    );
  }
}

function documentsOfRecord(a: ArchiveDb, recordId: number) {
  return a
    .stmt(
      'SELECT id, ordinal, doc_code, metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal',
    )
    .all(recordId) as { id: number; ordinal: number; doc_code: string; metadata: string }[];
}

/** The record's documents with each field's value, what was read and its review state. */
export function recordFieldsView(a: ArchiveDb, recordId: number): RecordFieldsView {
  const head = a.stmt('SELECT title FROM dossiers WHERE id = ?').get(recordId) as
    { title: string } | undefined;
  if (!head) throw new SohoaError('DOSSIER_NOT_FOUND', String(recordId));
  let unreviewed = 0;
  const documents = documentsOfRecord(a, recordId).map((d) => {
    const meta = JSON.parse(d.metadata) as Json;
    const rows = new Map(
      (
        a
          .stmt(
            'SELECT field, value, confidence, source, page, region, state FROM document_fields WHERE document_id = ?',
          )
          .all(d.id) as FieldRow[]
      ).map((r) => [r.field, r]),
    );
    const fields = REVIEW_FIELDS.map((field) => {
      const r = rows.get(field);
      if (r?.state === 'unreviewed') unreviewed++;
      return {
        field,
        value: typeof meta[field] === 'string' ? meta[field] : '',
        read: r
          ? {
              value: r.value,
              confidence: r.confidence,
              source: r.source,
              page: r.page,
              region: r.region ? (JSON.parse(r.region) as Json as never) : null,
            }
          : null,
        state: r?.state ?? null,
      };
    });
    return { ordinal: d.ordinal, docCode: d.doc_code, fields };
  });
  return { recordId, title: head.title, documents, unreviewed };
}

export interface FieldReview {
  document: number;
  accept: readonly ReviewFieldName[];
  edits: readonly { field: ReviewFieldName; value: string }[];
  acceptConfident: boolean;
}

/** "9/3/2024" as the circular writes it, "09/03/2024"; anything else is left to the schema. */
function padDate(value: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}/${m[2]!.padStart(2, '0')}/${m[3]}` : value.trim();
}

/**
 * Applies the archivist's review to one document: edits change the metadata (checked against
 * the schema), acceptances only mark the field. Logged with the record hash before and after;
 * a title the machine built from the fields is rebuilt from the edited ones.
 */
export function reviewDocumentFields(
  w: RecordWriter,
  recordId: number,
  review: FieldReview,
  actor: string,
): void {
  w.audit.write((audit) => {
    const doc = documentsOfRecord(w.a, recordId).find((d) => d.ordinal === review.document);
    if (!doc) throw new SohoaError('DOSSIER_NOT_FOUND', `${recordId}#${review.document}`);
    const { code, title } = w.a
      .stmt('SELECT code, title FROM dossiers WHERE id = ?')
      .get(recordId) as {
      code: string;
      title: string;
    };
    const before = recordHash(w.a, recordId);
    const now = w.clock().toISOString();
    const oldMeta = JSON.parse(doc.metadata) as Json;
    const meta: Json = { ...oldMeta };
    for (const e of review.edits) {
      const v = e.field === 'issuedDate' ? padDate(e.value) : e.value.trim();
      if (v) meta[e.field] = v;
      else delete meta[e.field];
    }
    const checked = parseOrThrow(DocumentMetadataInput, meta);
    const edited = review.edits.map((e) => e.field).filter((f) => oldMeta[f] !== checked[f]);
    w.a.stmt('UPDATE documents SET metadata = ? WHERE id = ?').run(canonicalJson(checked), doc.id);
    const mark = w.a.stmt(
      `INSERT INTO document_fields (document_id, field, value, confidence, source, state, reviewed_by, reviewed_at)
       VALUES (?, ?, '', 1, 'person', ?, ?, ?)
       ON CONFLICT (document_id, field) DO UPDATE SET state = excluded.state,
         reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at`,
    );
    for (const f of edited) mark.run(doc.id, f, 'edited', actor, now);
    // A field "edited" to what it already held was looked at all the same: accepted.
    const accepted = new Set(
      [...review.accept, ...review.edits.map((e) => e.field)].filter((f) => !edited.includes(f)),
    );
    if (review.acceptConfident)
      for (const f of w.a
        .stmt(
          `SELECT field FROM document_fields WHERE document_id = ? AND state = 'unreviewed' AND confidence >= ?`,
        )
        .pluck()
        .all(doc.id, REVIEW_FIELD_CONFIDENCE) as ReviewFieldName[])
        accepted.add(f);
    const accept = w.a.stmt(
      `UPDATE document_fields SET state = 'accepted', reviewed_by = ?, reviewed_at = ?
       WHERE document_id = ? AND field = ? AND state = 'unreviewed'`,
    );
    for (const f of accepted) accept.run(actor, now, doc.id, f);
    if (edited.length > 0 && review.document === 1) retitle(w.a, recordId, title, oldMeta, checked);
    indexRecordText(w.a, recordId);
    audit({
      actor,
      action: edited.length > 0 ? 'dossier.metadata_changed' : 'dossier.fields_reviewed',
      recordType: 'dossier',
      recordRef: code,
      details: {
        document: review.document,
        changed: [...edited].sort(),
        accepted: [...accepted].sort(),
        before,
        recordHash: recordHash(w.a, recordId),
      },
    });
  });
}

/** A title built from the fields follows them; a title someone wrote stays. */
function retitle(a: ArchiveDb, recordId: number, title: string, oldMeta: Json, meta: Json): void {
  if (title !== documentTitle(oldMeta)) return;
  const next = documentTitle(meta);
  if (!next) return;
  const row = a.stmt('SELECT metadata FROM dossiers WHERE id = ?').get(recordId) as {
    metadata: string;
  };
  const recordMeta = { ...(JSON.parse(row.metadata) as Json), title: next };
  a.stmt('UPDATE dossiers SET title = ?, metadata = ? WHERE id = ?').run(
    next,
    canonicalJson(recordMeta),
    recordId,
  );
}

/** How many of these records still have a field read by the machine that nobody reviewed. */
export function recordsWithUnreviewedFields(a: ArchiveDb, recordIds: readonly number[]): number {
  if (recordIds.length === 0) return 0;
  return a
    .stmt(
      `SELECT count(DISTINCT d.dossier_id) FROM documents d
       WHERE d.dossier_id IN (SELECT value FROM json_each(?))
         AND EXISTS (SELECT 1 FROM document_fields f WHERE f.document_id = d.id AND f.state = 'unreviewed')`,
    )
    .pluck()
    .get(JSON.stringify(recordIds)) as number;
}
