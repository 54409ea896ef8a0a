// What a record is found by in the search index besides its pages (its code, title and
// descriptive fields), and re-indexing the whole archive when an upgrade changed what the index
// holds. The index itself (folding, queries, snippets) is search.ts.
import type { ArchiveDb } from './connection';
import { clearSearchIndex, indexPage, indexRecord } from './search';

const RECORD_FIELDS = ['title', 'keyword', 'description', 'paperFileCode', 'inforSign'];
const DOCUMENT_FIELDS = [
  'typeName',
  'codeNumber',
  'codeNotation',
  'organName',
  'subject',
  'keyword',
];

/** Text the record is found by besides its pages: code, title, and the descriptive fields. */
export function recordSearchText(a: ArchiveDb, id: number): string {
  const row = a.stmt('SELECT code, metadata FROM dossiers WHERE id = ?').get(id) as {
    code: string;
    metadata: string;
  };
  const m = JSON.parse(row.metadata) as Record<string, unknown>;
  const docs = (
    a.stmt('SELECT metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal').all(id) as {
      metadata: string;
    }[]
  ).map((d) => JSON.parse(d.metadata) as Record<string, unknown>);
  return [
    row.code,
    ...RECORD_FIELDS.map((f) => m[f]),
    ...docs.flatMap((d) => DOCUMENT_FIELDS.map((f) => d[f])),
  ]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join('\n');
}

/** (Re-)indexes a record's own text; call in the transaction that wrote or changed it. */
export function indexRecordText(a: ArchiveDb, id: number): void {
  indexRecord(a.db, id, recordSearchText(a, id));
}

/** Re-indexes every page and record (after a migration from before the index existed). */
export function rebuildSearchIndex(a: ArchiveDb): void {
  const { db } = a;
  db.transaction(() => {
    clearSearchIndex(db);
    for (const p of db.prepare('SELECT id, text FROM pages').all() as {
      id: number;
      text: string;
    }[])
      indexPage(db, p.id, p.text);
    for (const d of db.prepare('SELECT id FROM dossiers').pluck().all() as number[])
      indexRecordText(a, d);
  }).immediate();
}
