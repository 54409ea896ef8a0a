// What a record is found by in the search index besides its pages, in three weighted columns:
// identifiers (the record's code, the documents' number and notation, the reception dossier's
// code and the applicant's ID number), title (the title, the documents' subject and type, the
// applicant's name) and body (the other descriptive fields); and re-indexing when an upgrade
// changed what the index holds or the reception linked a dossier to its record. The index itself
// (folding, queries, ranking, snippets) is search.ts.
import type { ArchiveDb } from './connection';
import {
  clearRecordIndex,
  clearSearchIndex,
  indexPage,
  indexRecord,
  unindexPages,
  type RecordColumns,
} from './search';

const RECORD_BODY = ['keyword', 'description', 'paperFileCode', 'inforSign'];
const DOC_IDS = ['codeNumber', 'codeNotation'];
const DOC_TITLE = ['typeName', 'subject'];
const DOC_BODY = ['organName', 'keyword', 'description', 'autograph'];

type Json = Record<string, unknown>;

const texts = (o: Json, keys: readonly string[]): string[] =>
  keys.map((k) => o[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);

/** The reception dossier an archived record was made from: its code and applicant. */
function receptionOf(a: ArchiveDb, id: number): { code: string; applicant: Json }[] {
  return (
    a
      .stmt('SELECT code, applicant FROM reception_dossiers WHERE archive_dossier_id = ?')
      .all(id) as { code: string; applicant: string }[]
  ).map((r) => ({ code: r.code, applicant: JSON.parse(r.applicant) as Json }));
}

/** The record's searchable text by column (see the file comment). */
export function recordSearchColumns(a: ArchiveDb, id: number): RecordColumns {
  const row = a.stmt('SELECT code, title, metadata FROM dossiers WHERE id = ?').get(id) as {
    code: string;
    title: string;
    metadata: string;
  };
  const m = JSON.parse(row.metadata) as Json;
  const docs = (
    a.stmt('SELECT metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal').all(id) as {
      metadata: string;
    }[]
  ).map((d) => JSON.parse(d.metadata) as Json);
  const reception = receptionOf(a, id);
  const notation = (d: Json) => {
    // "1009/QĐ-TTg": the number and notation as printed, so a search for the whole finds it.
    const [n, k] = texts(d, DOC_IDS);
    return d.codeNumber && d.codeNotation && n && k ? [`${n}/${k}`] : [];
  };
  return {
    ids: [
      row.code,
      ...docs.flatMap((d) => [...notation(d), ...texts(d, DOC_IDS)]),
      ...reception.flatMap((r) => [r.code, ...texts(r.applicant, ['idNumber'])]),
    ].join('\n'),
    title: [
      row.title,
      ...docs.flatMap((d) => texts(d, DOC_TITLE)),
      ...reception.flatMap((r) => texts(r.applicant, ['fullName'])),
    ].join('\n'),
    body: [...texts(m, RECORD_BODY), ...docs.flatMap((d) => texts(d, DOC_BODY))].join('\n'),
  };
}

/** Text the record is found by besides its pages, as one string (what snippets are cut from). */
export function recordSearchText(a: ArchiveDb, id: number): string {
  const c = recordSearchColumns(a, id);
  return [c.ids, c.title, c.body].filter(Boolean).join('\n');
}

/** (Re-)indexes a record's own text; call in the transaction that wrote or changed it. */
export function indexRecordText(a: ArchiveDb, id: number): void {
  indexRecord(a.db, id, recordSearchColumns(a, id));
}

/**
 * Re-indexes the records the reception linked or changed since (its connection queues them by
 * trigger, as it cannot fold text itself). Cheap when the queue is empty: one indexed read.
 */
export function reindexQueued(a: ArchiveDb): void {
  if (!a.stmt('SELECT 1 FROM search_reindex LIMIT 1').get()) return;
  a.db
    .transaction(() => {
      const ids = a.stmt('SELECT dossier_id FROM search_reindex').pluck().all() as number[];
      for (const id of ids)
        if (a.stmt('SELECT 1 FROM dossiers WHERE id = ?').get(id)) indexRecordText(a, id);
      a.stmt('DELETE FROM search_reindex').run();
    })
    .immediate();
}

/**
 * Takes a record's pages out of the page index, in place (an erase): the rest of the index is not
 * rewritten, whatever the archive's size. Call in the transaction that empties the page texts,
 * before it does; the record's own entry is refreshed by indexRecordText once its text changed.
 */
export function unindexRecordPages(a: ArchiveDb, id: number): void {
  const pages = a.stmt('SELECT id, text FROM pages WHERE dossier_id = ?').all(id) as {
    id: number;
    text: string;
  }[];
  unindexPages(a.db, pages);
}

/** Re-indexes every record's own text (after an upgrade changed the record index). */
export function rebuildRecordIndex(a: ArchiveDb): void {
  a.db
    .transaction(() => {
      clearRecordIndex(a.db);
      for (const d of a.db.prepare('SELECT id FROM dossiers').pluck().all() as number[])
        indexRecordText(a, d);
      a.db.exec('DELETE FROM search_reindex;');
    })
    .immediate();
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
