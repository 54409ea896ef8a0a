// Reading records back: the summaries and details the screens and the API show, a record's
// complete TT 05/2025 metadata with its documents, and the files the archive points at. Codes
// and counts are derived from the rows here, never stored twice.
import { DocumentMetadata, RecordMetadata } from '../../../shared/archiveMetadata';
import type { RecordDetail, RecordFile, RecordSummary } from '../../../shared/contract';
import { SohoaError } from '../../../shared/errors';
import { signatureHoldsOnArrival } from '../sign/verify/arrival';
import type { SignatureReport } from '../sign/verify/report';
import type { ArchiveDb } from './connection';
import { parseOrThrow } from './recordInput';

export interface StoredFile {
  dossierCode: string;
  name: string;
  sha256: string;
  bytes: number;
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

const SUMMARY_SELECT = `
  SELECT d.id, d.code, d.title, d.created_at,
         (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS page_count,
         f.name, f.sha256, f.bytes, f.signer, f.signed_at, f.sub_filter, f.demo_signature
  FROM dossiers d JOIN files f ON f.dossier_id = d.id AND f.role <> 'companion'`;

export function listRecords(a: ArchiveDb, limit: number): RecordSummary[] {
  const rows = a.stmt(`${SUMMARY_SELECT} ORDER BY d.id DESC LIMIT ?`).all(limit) as RecordRow[];
  return rows.map(toSummary);
}

export function getRecord(a: ArchiveDb, id: number): RecordDetail | null {
  const row = a.stmt(`${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as RecordRow | undefined;
  if (!row) return null;
  const pages = a
    .stmt(
      `SELECT ordinal, source_name, width_px, height_px, dpi, text, confidence
       FROM pages WHERE dossier_id = ? ORDER BY ordinal`,
    )
    .all(id) as PageRow[];
  return {
    ...toSummary(row),
    fileBytes: row.bytes,
    files: filesOf(a, id),
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

function filesOf(a: ArchiveDb, id: number): RecordFile[] {
  const rows = a
    .stmt('SELECT name, role, sha256, bytes, report FROM files WHERE dossier_id = ? ORDER BY id')
    .all(id) as (Omit<RecordFile, 'receivedSigners'> & { report: string | null })[];
  return rows.map(({ report, ...f }) => {
    if (f.role !== 'received' || report === null) return f;
    // Only signatures whose file evidence held on arrival name a signer; a forged one names none.
    const stored = JSON.parse(report) as { signatures?: Partial<SignatureReport>[] };
    const signers = (stored.signatures ?? [])
      .filter((s) => signatureHoldsOnArrival(s) && s.signer)
      .map((s) => s.signer!);
    return { ...f, receivedSigners: signers };
  });
}

/** The id of the record a batch item became, if it was recorded already. */
export function idBySourceRef(a: ArchiveDb, sourceRef: string): number | undefined {
  const row = a.stmt('SELECT id FROM dossiers WHERE source_ref = ?').get(sourceRef) as
    { id: number } | undefined;
  return row?.id;
}

export function idByCode(a: ArchiveDb, code: string): number | undefined {
  const row = a.stmt('SELECT id FROM dossiers WHERE code = ?').get(code) as
    { id: number } | undefined;
  return row?.id;
}

/** The id of a record by its code; DOSSIER_NOT_FOUND when there is none. */
export function idOf(a: ArchiveDb, code: string): number {
  const id = idByCode(a, code);
  if (id === undefined) throw new SohoaError('DOSSIER_NOT_FOUND', code);
  return id;
}

/** The record's complete TT 05/2025 metadata, with codes and counts derived from the rows. */
export function recordMetadata(a: ArchiveDb, id: number): RecordMetadata {
  const row = a
    .stmt(
      `SELECT d.code, d.metadata,
              (SELECT count(*) FROM documents WHERE dossier_id = d.id) AS docs,
              (SELECT count(*) FROM pages WHERE dossier_id = d.id) AS pages
       FROM dossiers d WHERE d.id = ?`,
    )
    .get(id) as { code: string; metadata: string; docs: number; pages: number };
  return parseOrThrow(RecordMetadata, {
    ...(JSON.parse(row.metadata) as object),
    fileCode: row.code,
    totalDoc: row.docs,
    numberOfPage: row.pages,
  });
}

/** Documents of a record with their complete TT 05/2025 metadata and page ordinals. */
export function documentsOf(
  a: ArchiveDb,
  id: number,
): { metadata: DocumentMetadata; pages: number[] }[] {
  const record = recordMetadata(a, id);
  const docs = a
    .stmt(
      'SELECT id, ordinal, doc_code, metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal',
    )
    .all(id) as { id: number; ordinal: number; doc_code: string; metadata: string }[];
  return docs.map((d) => {
    const pages = (
      a.stmt('SELECT ordinal FROM pages WHERE document_id = ? ORDER BY ordinal').all(d.id) as {
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

/** Every file the archive points at, for backups and hash checks. */
export function storedFiles(a: ArchiveDb): StoredFile[] {
  return (
    a.db
      .prepare(
        // A file erased with its applicant's personal data (all-zero hash) has no blob any more.
        `SELECT d.code, f.name, f.sha256, f.bytes FROM files f JOIN dossiers d ON d.id = f.dossier_id
         WHERE f.sha256 <> '${'0'.repeat(64)}' ORDER BY f.id`,
      )
      .all() as { code: string; name: string; sha256: string; bytes: number }[]
  ).map((r) => ({ dossierCode: r.code, name: r.name, sha256: r.sha256, bytes: r.bytes }));
}

export function recordCount(a: ArchiveDb): number {
  return a.db.prepare('SELECT count(*) FROM dossiers').pluck().get() as number;
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
