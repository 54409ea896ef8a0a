// Full-text search (SQLite FTS5) over a folded copy of the text: "Nguyễn Văn An", "nguyen van an"
// and "NGUYEN VAN AN" index and query alike, đ/Đ fold to d. The folded copy has exactly the
// original's length, so where a word matched in the folded text is where it stands in the
// original, and snippets show the original with its accents. The page index is contentless: the
// original text is read from pages (or the record's metadata) only for the hits shown. A delete
// names the row's words, so secure-delete removes them from the index in place (an erase).
//
// Hits are ranked by relevance (FTS5's bm25) over every match, the oldest record as much as the
// newest: first the records whose own description matches, weighted by column (identifiers such
// as the code and the notation above the title above the other fields), then pages by their text.
// SQLite's sorter keeps only the best few, so a word costs one pass over its matches (bm25 of
// each) and no sort of them all.
import type Database from 'better-sqlite3';
import { foldVietnamese, nfc } from '../../../shared/text';

export interface SearchHit {
  recordId: number;
  dossierCode: string;
  title: string;
  /** Page ordinal, or null when the match is in the record's metadata. */
  page: number | null;
  /** Original text around the first matches, cut at word boundaries. */
  snippet: string;
  /** [start, end) offsets in `snippet` of the matched words. */
  marks: [number, number][];
}

export interface SearchOptions {
  limit?: number;
  /** Only records passing this condition (the archive screen's filters). */
  where?: RecordCondition;
}

/** The record's own text, in the columns of the record index. */
export interface RecordColumns {
  ids: string;
  title: string;
  body: string;
}

/** bm25 weights of the record index's columns; a page's text weighs 1. */
export const RECORD_WEIGHTS: Readonly<Record<keyof RecordColumns, number>> = {
  ids: 10,
  title: 4,
  body: 2,
};

const foldCache = new Map<string, string>();

/** foldVietnamese per character, keeping the string's length (a character whose fold would not). */
export function foldKeepingOffsets(text: string): string {
  return text.replace(/[^\0-@[-\x7f]/gu, (ch) => {
    let folded = foldCache.get(ch);
    if (folded === undefined) {
      const f = /\s/u.test(ch) ? ' ' : foldVietnamese(ch);
      folded = f.length === ch.length ? f : ch;
      foldCache.set(ch, folded);
    }
    return folded;
  });
}

const WORD = /[\p{L}\p{N}]+/gu;

interface QueryTerm {
  word: string;
  prefix: boolean;
}

/** Words of the query, folded; a trailing `*` asks for a prefix match. */
export function parseQuery(query: string): { terms: QueryTerm[]; phrase: boolean } {
  const q = nfc(query).trim();
  const phrase = q.length > 1 && q.startsWith('"') && q.endsWith('"');
  const terms: QueryTerm[] = [];
  for (const m of foldVietnamese(q).matchAll(/([\p{L}\p{N}]+)(\*?)/gu))
    terms.push({ word: m[1]!, prefix: m[2] === '*' });
  return { terms, phrase };
}

/** FTS5 query syntax: every word quoted (no operator injection), AND of words or one phrase. */
export function toFtsQuery({ terms, phrase }: ReturnType<typeof parseQuery>): string {
  const quoted = terms.map((t) => `"${t.word}"${t.prefix ? '*' : ''}`);
  return phrase && !terms.some((t) => t.prefix)
    ? `"${terms.map((t) => t.word).join(' ')}"`
    : quoted.join(' ');
}

/** Words already in search_terms, per connection: most words of a new page are known ones. */
const knownTerms = new WeakMap<Database.Database, Set<string>>();

export function indexPage(db: Database.Database, pageId: number, text: string): void {
  const folded = foldKeepingOffsets(nfc(text));
  db.prepare('INSERT INTO page_fts (rowid, body) VALUES (?, ?)').run(pageId, folded);
  recordTerms(db, folded);
}

function recordTerms(db: Database.Database, folded: string): void {
  let known = knownTerms.get(db);
  if (!known || known.size > 500_000) knownTerms.set(db, (known = new Set()));
  const insert = db.prepare('INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
  for (const m of folded.toLowerCase().matchAll(WORD)) {
    if (known.has(m[0])) continue;
    insert.run(m[0]);
    known.add(m[0]);
  }
}

/**
 * Removes pages from the page index in place and forgets the words no other page holds. Call
 * while the pages still hold the text they were indexed with: the delete names their words, and
 * FTS5's secure-delete (set on the index) removes them from the index pages that held them,
 * instead of leaving them in old segments until a merge of the whole index.
 */
export function unindexPages(
  db: Database.Database,
  pages: readonly { id: number; text: string }[],
): void {
  const words = new Set<string>();
  const remove = db.prepare("INSERT INTO page_fts (page_fts, rowid, body) VALUES ('delete', ?, ?)");
  for (const p of pages) {
    // An emptied page (erased once already) is no longer in the index: deleting it again would
    // miscount the index's rows. A blank page left in it holds no word.
    if (p.text === '') continue;
    const folded = foldKeepingOffsets(nfc(p.text));
    for (const m of folded.toLowerCase().matchAll(WORD)) words.add(m[0]);
    remove.run(p.id, folded);
  }
  const stillHeld = db.prepare('SELECT 1 FROM page_fts WHERE page_fts MATCH ? LIMIT 1');
  const forget = db.prepare('DELETE FROM search_terms WHERE term = ?');
  const known = knownTerms.get(db);
  for (const w of words) {
    if (stillHeld.get(`"${w}"`)) continue;
    forget.run(w);
    known?.delete(w);
  }
}

/** Empties the record index (before re-indexing every record). */
export function clearRecordIndex(db: Database.Database): void {
  db.exec(`INSERT INTO record_fts (record_fts) VALUES ('delete-all');
           DELETE FROM record_search;`);
}

/** Empties the index and its vocabulary (before re-indexing everything). */
export function clearSearchIndex(db: Database.Database): void {
  db.exec(`INSERT INTO page_fts (page_fts) VALUES ('delete-all');
           DELETE FROM search_terms;`);
  clearRecordIndex(db);
  knownTerms.delete(db);
}

/** Most completions a prefix may have to be expanded (else FTS5's own prefix query runs). */
const MAX_EXPANSIONS = 64;

/**
 * The query with each prefix term replaced by an OR of the vocabulary's words it stands for:
 * each word's doclist is read directly instead of FTS5 merging the whole prefix range first. A
 * prefix with too many completions stays FTS5's own prefix query (then the cheaper way).
 */
export function expandedFtsQuery(
  db: Database.Database,
  parsed: ReturnType<typeof parseQuery>,
): string | null {
  if (!parsed.terms.some((t) => t.prefix)) return toFtsQuery(parsed);
  const complete = db.prepare(
    'SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?',
  );
  const groups: string[] = [];
  for (const t of parsed.terms) {
    if (!t.prefix) {
      groups.push(`"${t.word}"`);
      continue;
    }
    const words = complete.pluck().all(t.word, `${t.word}\uffff`, MAX_EXPANSIONS + 1) as string[];
    if (words.length === 0) return null;
    groups.push(
      words.length > MAX_EXPANSIONS
        ? `"${t.word}"*`
        : `(${words.map((w) => `"${w}"`).join(' OR ')})`,
    );
  }
  return groups.join(' AND ');
}

interface Scored {
  id: number;
  score: number;
}

/** Restricts hits to records passing a condition over `d` (the dossiers row), e.g. filters. */
export interface RecordCondition {
  where: string;
  params: readonly unknown[];
}

/**
 * Replaces the record's entry in the record index: the old words are deleted by name (from
 * record_search), so secure-delete removes them from the index pages that held them.
 */
export function indexRecord(db: Database.Database, recordId: number, columns: RecordColumns): void {
  const old = db
    .prepare('SELECT ids, title, body FROM record_search WHERE id = ?')
    .get(recordId) as RecordColumns | undefined;
  if (old) {
    db.prepare(
      "INSERT INTO record_fts (record_fts, rowid, ids, title, body) VALUES ('delete', ?, ?, ?, ?)",
    ).run(recordId, old.ids, old.title, old.body);
    db.prepare('DELETE FROM record_search WHERE id = ?').run(recordId);
  }
  const fold = (s: string) => foldKeepingOffsets(nfc(s));
  const row = [recordId, fold(columns.ids), fold(columns.title), fold(columns.body)];
  db.prepare('INSERT INTO record_search (id, ids, title, body) VALUES (?, ?, ?, ?)').run(...row);
  db.prepare('INSERT INTO record_fts (rowid, ids, title, body) VALUES (?, ?, ?, ?)').run(...row);
}

interface PageHitRow {
  dossier_id: number;
  code: string;
  title: string;
  ordinal: number;
  text: string;
}

/**
 * The `limit` records whose own description matches best (weighted bm25 over every match).
 * `ORDER BY bm25() LIMIT` lets SQLite's sorter keep only the best `limit`; FTS5's `ORDER BY rank`
 * sorts every match first (measured twice as slow for a common word).
 */
function matchingRecords(
  db: Database.Database,
  match: string,
  limit: number,
  cond?: RecordCondition,
): Scored[] {
  const w = RECORD_WEIGHTS;
  return db
    .prepare(
      `SELECT record_fts.rowid AS id, bm25(record_fts, ${w.ids}, ${w.title}, ${w.body}) AS score
       FROM record_fts ${cond ? 'JOIN dossiers d ON d.id = record_fts.rowid' : ''}
       WHERE record_fts MATCH ? ${cond ? `AND (${cond.where})` : ''} ORDER BY score LIMIT ?`,
    )
    .all(match, ...(cond?.params ?? []), limit) as Scored[];
}

/**
 * The best `limit` matching pages (bm25 over every match), leaving out the records already
 * listed for their description.
 */
function matchingPages(
  db: Database.Database,
  match: string,
  limit: number,
  listed: readonly number[],
  cond?: RecordCondition,
): Scored[] {
  const where = [
    'page_fts MATCH ?',
    ...(listed.length ? ['p.dossier_id NOT IN (SELECT value FROM json_each(?))'] : []),
    ...(cond ? [`(${cond.where})`] : []),
  ];
  const join = listed.length || cond ? 'JOIN pages p ON p.id = page_fts.rowid' : '';
  return db
    .prepare(
      `SELECT page_fts.rowid AS id, bm25(page_fts) AS score FROM page_fts ${join}
       ${cond ? 'JOIN dossiers d ON d.id = p.dossier_id' : ''}
       WHERE ${where.join(' AND ')} ORDER BY score LIMIT ?`,
    )
    .all(
      match,
      ...(listed.length ? [JSON.stringify(listed)] : []),
      ...(cond?.params ?? []),
      limit,
    ) as Scored[];
}

/**
 * Most relevant first: records matched by their own description (code, notation, title, fields),
 * then the best-matching pages; a record found by its description is not listed again for a page.
 * Every match is ranked, the oldest as much as the newest.
 */
export function searchArchive(
  db: Database.Database,
  query: string,
  recordText: (recordId: number) => string,
  options: SearchOptions = {},
): SearchHit[] {
  const parsed = parseQuery(query);
  if (parsed.terms.length === 0) return [];
  const limit = options.limit ?? 20;
  const cond = options.where;
  const head = db.prepare('SELECT code, title FROM dossiers WHERE id = ?');
  const hits: SearchHit[] = matchingRecords(db, toFtsQuery(parsed), limit, cond).map(({ id }) => {
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
  const match = expandedFtsQuery(db, parsed);
  if (match === null) return hits;
  const pageRow = db.prepare(
    `SELECT d.id AS dossier_id, d.code, d.title, p.ordinal, p.text
     FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE p.id = ?`,
  );
  const listed = hits.map((h) => h.recordId);
  for (const { id } of matchingPages(db, match, limit - hits.length, listed, cond)) {
    const r = pageRow.get(id) as PageHitRow;
    hits.push({
      recordId: r.dossier_id,
      dossierCode: r.code,
      title: r.title,
      page: r.ordinal,
      ...makeSnippet(r.text, parsed.terms),
    });
  }
  return hits;
}

/** A window of the original text around the first matched words, the words marked. */
export function makeSnippet(
  original: string,
  terms: readonly QueryTerm[],
  context = 60,
): Pick<SearchHit, 'snippet' | 'marks'> {
  const text = nfc(original);
  const folded = foldKeepingOffsets(text);
  const found: [number, number][] = [];
  for (const m of folded.matchAll(WORD)) {
    const w = m[0];
    if (terms.some((t) => (t.prefix ? w.startsWith(t.word) : w === t.word)))
      found.push([m.index, m.index + w.length]);
  }
  if (found.length === 0) return { snippet: collapse(text.slice(0, context * 2)).text, marks: [] };
  let start = Math.max(0, found[0]![0] - context);
  let end = Math.min(text.length, found[0]![1] + context * 2);
  // Cut at spaces so no word is shown half.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length)
    end = text.lastIndexOf(' ', end) > found[0]![1] ? text.lastIndexOf(' ', end) : end;
  const window = collapse(text.slice(start, end), start);
  const marks = found
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]): [number, number] => [window.map(a), window.map(b)]);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    snippet: prefix + window.text + suffix,
    marks: marks.map(([a, b]) => [a + prefix.length, b + prefix.length]),
  };
}

/** Whitespace runs to one space (OCR text is full of line breaks), with an offset map. */
function collapse(s: string, base = 0): { text: string; map: (offset: number) => number } {
  const keep: number[] = [];
  let out = '';
  for (let i = 0; i < s.length; i++) {
    keep.push(out.length);
    const ws = /\s/.test(s[i]!);
    if (ws && (out.endsWith(' ') || out.length === 0)) continue;
    out += ws ? ' ' : s[i];
  }
  keep.push(out.length);
  return { text: out, map: (offset) => keep[offset - base] ?? out.length };
}

/** Renders marks for a terminal: bold where it is one, «…» otherwise. */
export function renderMarks(hit: Pick<SearchHit, 'snippet' | 'marks'>, tty: boolean): string {
  const [open, close] = tty ? ['\x1b[1m', '\x1b[0m'] : ['«', '»'];
  let out = '';
  let at = 0;
  for (const [a, b] of hit.marks) {
    out += hit.snippet.slice(at, a) + open + hit.snippet.slice(a, b) + close;
    at = b;
  }
  return out + hit.snippet.slice(at);
}
