// The archive screen's one query: the folded full-text search (archive/search.ts), most relevant
// first, narrowed by filters on the record (received between two Vietnam days, the reception
// procedure, a document type, the issuing body, the year issued, the upload state), or, without
// words, the newest records that pass the filters; and what those filters can choose from.
import type { ArchiveFilters, ArchiveHit, OutboxState } from '../../../shared/contracts/records';
import { DOCUMENT_TYPE_LABELS } from '../../../shared/classification';
import type { Archive } from '../archive/archive';

/** Midnight of a Vietnam calendar day (UTC+7) as the ISO instant created_at is compared with. */
export function vietnamDayStart(isoDay: string, plusDays = 0): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 7 * 3600 * 1000).toISOString();
}

function filterSql(f: ArchiveFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.from) {
    where.push('d.created_at >= ?');
    params.push(vietnamDayStart(f.from));
  }
  if (f.to) {
    where.push('d.created_at < ?');
    params.push(vietnamDayStart(f.to, 1));
  }
  if (f.procedure) {
    where.push(
      'EXISTS (SELECT 1 FROM reception_dossiers r WHERE r.archive_dossier_id = d.id AND r.procedure_code = ?)',
    );
    params.push(f.procedure);
  }
  if (f.docType) {
    // Archived documents name their type in words (TT 05/2025 typeName); reception documents by code.
    where.push(`(EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id
                         AND json_extract(x.metadata, '$.typeName') = ?)
             OR EXISTS (SELECT 1 FROM reception_dossiers r JOIN reception_documents rd ON rd.dossier_id = r.id
                         WHERE r.archive_dossier_id = d.id AND rd.type = ?))`);
    params.push(DOCUMENT_TYPE_LABELS[f.docType].vi, f.docType);
  }
  if (f.organName) {
    where.push(`EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id
                        AND json_extract(x.metadata, '$.organName') = ?)`);
    params.push(f.organName);
  }
  if (f.year) {
    where.push(`EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id
                        AND substr(json_extract(x.metadata, '$.issuedDate'), 7, 4) = ?)`);
    params.push(String(f.year));
  }
  if (f.status) {
    where.push('EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND o.state = ?)');
    params.push(f.status);
  }
  return { where, params };
}

const hasFilters = (f: ArchiveFilters) => Object.values(f).some((v) => v !== undefined && v !== '');

interface RecordFacts {
  id: number;
  code: string;
  title: string;
  created_at: string;
  state: OutboxState | null;
}

function factsOf(archive: Archive, ids: readonly number[]): Map<number, RecordFacts> {
  if (ids.length === 0) return new Map();
  const rows = archive.database
    .prepare(
      `SELECT d.id, d.code, d.title, d.created_at, (SELECT state FROM outbox o WHERE o.dossier_id = d.id) AS state
       FROM dossiers d WHERE d.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as RecordFacts[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function queryArchive(
  archive: Archive,
  query: string,
  filters: ArchiveFilters,
  limit: number,
): ArchiveHit[] {
  const { where, params } = filterSql(filters);
  const db = archive.database;
  if (!/[\p{L}\p{N}]/u.test(query)) {
    const ids = db
      .prepare(
        `SELECT d.id FROM dossiers d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY d.id DESC LIMIT ?`,
      )
      .pluck()
      .all(...params, limit) as number[];
    const facts = factsOf(archive, ids);
    return ids.map((id) => {
      const f = facts.get(id)!;
      return {
        recordId: id,
        dossierCode: f.code,
        title: f.title,
        createdAt: f.created_at,
        page: null,
        snippet: '',
        marks: [],
        uploadState: f.state,
      };
    });
  }
  // The filters narrow the ranking itself: every match that passes them is ranked.
  const cond = hasFilters(filters) ? { where: where.join(' AND '), params } : undefined;
  let hits = archive.search(query, { limit, where: cond });
  hits = hits.slice(0, limit);
  const facts = factsOf(archive, [...new Set(hits.map((h) => h.recordId))]);
  return hits.map((h) => ({
    ...h,
    createdAt: facts.get(h.recordId)?.created_at ?? '',
    uploadState: facts.get(h.recordId)?.state ?? null,
  }));
}

/** Most values a facet lists (the issuing bodies of a big archive run to hundreds). */
const FACET_LIMIT = 300;

type Facet = { value: string; count: number };

/** The document types, issuing bodies and years the archive's documents carry, with counts. */
export function archiveFacets(archive: Archive): {
  typeNames: Facet[];
  organNames: Facet[];
  years: Facet[];
} {
  const db = archive.database;
  const facet = (expr: string, order: string) =>
    db
      .prepare(
        `SELECT ${expr} AS value, count(DISTINCT dossier_id) AS count FROM documents
         WHERE value IS NOT NULL AND value != '' GROUP BY value ORDER BY ${order} LIMIT ?`,
      )
      .all(FACET_LIMIT) as Facet[];
  return {
    typeNames: facet("json_extract(metadata, '$.typeName')", 'count DESC, value'),
    organNames: facet("json_extract(metadata, '$.organName')", 'count DESC, value'),
    years: facet("substr(json_extract(metadata, '$.issuedDate'), 7, 4)", 'value DESC'),
  };
}
