// What the learned classifier may keep: words that say what kind of paper a document is, never
// who it is about. A word of the applicant's own fields (name, ID number, address, birth date) is
// never learned from their documents; a word seen in fewer than MIN_DOCUMENTS documents (a
// father's name on a birth certificate, a house number spelled out) is not learned until it has
// been, and what counts those sightings stays in memory only. Models stored before these rules
// are cleaned once per process when loaded (cleanStoredModel).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { looseFold } from './features';

/** Documents a word must appear in before the model keeps it. */
export const MIN_DOCUMENTS = 3;

/** The folded words of personal field values (2 letters or more, as the features take them). */
export function personalWords(values: readonly (string | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) for (const w of looseFold(v ?? '').match(/[a-z]{2,}/g) ?? []) out.add(w);
  return out;
}

/** A unigram or bigram feature that holds one of `words`. */
export function holdsAny(feature: string, words: ReadonlySet<string>): boolean {
  if (words.size === 0) return false;
  return feature.split('_').some((w) => words.has(w));
}

/** Per database file: the documents (by a hash of their text) each not-yet-kept feature was seen in, this process only. */
const sightings = new Map<string, Map<string, Set<string>>>();

/**
 * The features of one document the model may learn now: those it already keeps, and those this
 * document brings to MIN_DOCUMENTS different documents (a document corrected twice counts once).
 */
export function admitFeatures(
  store: string,
  text: string,
  features: ReadonlySet<string>,
  kept: (feature: string) => boolean,
): Set<string> {
  let seen = sightings.get(store);
  if (!seen) sightings.set(store, (seen = new Map<string, Set<string>>()));
  const doc = createHash('sha256').update(text).digest('base64').slice(0, 12);
  const out = new Set<string>();
  for (const f of features) {
    if (kept(f)) {
      out.add(f);
      continue;
    }
    let docs = seen.get(f);
    if (!docs) seen.set(f, (docs = new Set<string>()));
    docs.add(doc);
    // Kept counting: a feature unlearned to nothing by a correction is common all the same.
    if (docs.size >= MIN_DOCUMENTS) out.add(f);
  }
  return out;
}

/** The applicants' words of every dossier in the file, for cleaning a stored model. */
function storedApplicantWords(db: Database.Database): Set<string> {
  const rows = db.prepare('SELECT applicant FROM reception_dossiers').pluck().all() as string[];
  const values: string[] = [];
  for (const r of rows) {
    try {
      const a = JSON.parse(r) as Record<string, unknown>;
      for (const k of ['fullName', 'idNumber', 'address', 'dateOfBirth'])
        if (typeof a[k] === 'string') values.push(a[k]);
    } catch {
      // An unreadable row holds no words to look for.
    }
  }
  return personalWords(values);
}

const cleaned = new Set<string>();

/**
 * Drops from a stored model every term holding an applicant's word and every term counted fewer
 * than MIN_DOCUMENTS times (a term counted less often cannot have been in that many documents),
 * and sets each label's token total to what is left. Once per database file and process.
 */
export function cleanStoredModel(db: Database.Database): void {
  if (cleaned.has(db.name)) return;
  cleaned.add(db.name);
  const words = storedApplicantWords(db);
  const terms = db
    .prepare('SELECT term, sum(count) AS total FROM classifier_terms GROUP BY term')
    .all() as { term: string; total: number }[];
  const drop = terms.filter((t) => t.total < MIN_DOCUMENTS || holdsAny(t.term, words));
  if (drop.length === 0) return;
  const del = db.prepare('DELETE FROM classifier_terms WHERE term = ?');
  // The dropped terms are overwritten in the file, not left readable in free pages.
  const wasSecure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      for (const t of drop) del.run(t.term);
      db.exec(`UPDATE classifier_labels SET tokens = coalesce(
                 (SELECT sum(count) FROM classifier_terms t WHERE t.type = classifier_labels.type), 0)`);
    }).immediate();
  } finally {
    db.pragma(`secure_delete = ${wasSecure ? 'ON' : 'OFF'}`);
  }
}
