// The archive search as it ranked before every match was ranked: records and pages each scored
// among their newest 200 matches only. Kept for `npm run bench:search`, which measures it in the
// same run as the current search; nothing else uses it.
import type Database from 'better-sqlite3';
import {
  makeSnippet,
  parseQuery,
  RECORD_WEIGHTS,
  toFtsQuery,
  type SearchHit,
} from '../../electron/core/archive/search';

const WINDOW = 200;
const MAX_EXPANSIONS = 64;

type Parsed = ReturnType<typeof parseQuery>;
interface Scored {
  id: number;
  score: number;
}

function expandPrefixes(db: Database.Database, terms: Parsed['terms']): string[][] | null {
  let combos: string[][] = [[]];
  const complete = db.prepare(
    'SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?',
  );
  for (const t of terms) {
    const words = t.prefix
      ? (complete.pluck().all(t.word, `${t.word}\uffff`, MAX_EXPANSIONS + 1) as string[])
      : [t.word];
    if (words.length > MAX_EXPANSIONS) return null;
    combos = combos.flatMap((c) => words.map((w) => [...c, w]));
    if (combos.length > MAX_EXPANSIONS) return null;
  }
  return combos;
}

function pagesBefore(db: Database.Database, parsed: Parsed): Scored[] {
  const query = db.prepare(
    `SELECT rowid AS id, bm25(page_fts) AS score FROM page_fts WHERE page_fts MATCH ?
     ORDER BY rowid DESC LIMIT ?`,
  );
  const combos = parsed.terms.some((t) => t.prefix) ? expandPrefixes(db, parsed.terms) : null;
  const found = new Map<number, number>();
  const add = (rows: Scored[]) => {
    for (const r of rows) found.set(r.id, Math.min(r.score, found.get(r.id) ?? 0));
  };
  if (!combos) add(query.all(toFtsQuery(parsed), WINDOW) as Scored[]);
  else
    for (const words of combos)
      add(
        query.all(
          toFtsQuery({
            terms: words.map((word) => ({ word, prefix: false })),
            phrase: parsed.phrase,
          }),
          WINDOW,
        ) as Scored[],
      );
  return [...found]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => a.score - b.score || b.id - a.id);
}

export function searchBefore(
  db: Database.Database,
  query: string,
  recordText: (id: number) => string,
  limit = 20,
): SearchHit[] {
  const parsed = parseQuery(query);
  if (parsed.terms.length === 0) return [];
  const w = RECORD_WEIGHTS;
  const records = db
    .prepare(
      `SELECT id, score FROM (
         SELECT rowid AS id, bm25(record_fts, ${w.ids}, ${w.title}, ${w.body}) AS score
         FROM record_fts WHERE record_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
       ORDER BY score, id DESC LIMIT ?`,
    )
    .all(toFtsQuery(parsed), WINDOW, limit) as Scored[];
  const head = db.prepare('SELECT code, title FROM dossiers WHERE id = ?');
  const hits: SearchHit[] = records.map(({ id }) => {
    const r = head.get(id) as { code: string; title: string };
    return {
      recordId: id,
      dossierCode: r.code,
      title: r.title,
      page: null,
      ...makeSnippet(recordText(id), parsed.terms),
    };
  });
  if (hits.length >= limit) return hits;
  const listed = new Set(hits.map((h) => h.recordId));
  const pageRow = db.prepare(
    `SELECT d.id AS dossier_id, d.code, d.title, p.ordinal, p.text
     FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE p.id = ?`,
  );
  for (const { id } of pagesBefore(db, parsed)) {
    const r = pageRow.get(id) as
      | { dossier_id: number; code: string; title: string; ordinal: number; text: string }
      | undefined;
    if (!r || listed.has(r.dossier_id)) continue;
    hits.push({
      recordId: r.dossier_id,
      dossierCode: r.code,
      title: r.title,
      page: r.ordinal,
      ...makeSnippet(r.text, parsed.terms),
    });
    if (hits.length >= limit) break;
  }
  return hits;
}
