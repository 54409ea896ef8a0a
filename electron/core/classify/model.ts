// The learned layer: a multinomial naive Bayes text classifier over folded word unigrams and
// bigrams. It learns one confirmed document at a time (counts only, so training is incremental
// and exact), can unlearn a label the clerk corrects, and runs fully offline. Chosen over a
// library because the model is a table of counts kept in the desk's SQLite file; see README.
import type Database from 'better-sqlite3';
import { DOCUMENT_TYPES, DocumentType } from '../../../shared/classification';
import { textFeatures } from './features';
import { admitFeatures, cleanStoredModel, holdsAny, personalWords } from './privacy';

interface ClassCounts {
  docs: number;
  tokens: number;
  terms: Map<string, number>;
}

interface Delta {
  docs: number;
  tokens: number;
  terms: Map<string, number>;
}

export interface Posterior {
  type: DocumentType;
  p: number;
}

/** Laplace smoothing. */
const ALPHA = 1;

export class NaiveBayes {
  protected readonly classes = new Map<DocumentType, ClassCounts>();
  protected readonly vocabulary = new Map<string, number>();

  get documentCount(): number {
    let n = 0;
    for (const c of this.classes.values()) n += c.docs;
    return n;
  }

  /**
   * The features of a document the model may count: none holding a word of the applicant's own
   * fields (`personal`, see privacy.ts).
   */
  protected features(text: string, personal: ReadonlySet<string>): string[] {
    return textFeatures(text).filter((f) => !holdsAny(f, personal));
  }

  /** Adds (sign 1) or removes (sign -1) one document's counts; returns what changed. */
  protected apply(features: readonly string[], type: DocumentType, sign: 1 | -1): Delta {
    let c = this.classes.get(type);
    if (!c) this.classes.set(type, (c = { docs: 0, tokens: 0, terms: new Map() }));
    const deltas = new Map<string, number>();
    if (sign < 0 && c.docs === 0) return { docs: 0, tokens: 0, terms: deltas };
    for (const f of features) deltas.set(f, (deltas.get(f) ?? 0) + sign);
    c.docs += sign;
    let tokens = 0;
    for (const [term, d] of deltas) {
      const next = Math.max(0, (c.terms.get(term) ?? 0) + d);
      tokens += next - (c.terms.get(term) ?? 0);
      deltas.set(term, next - (c.terms.get(term) ?? 0));
      if (next === 0) c.terms.delete(term);
      else c.terms.set(term, next);
      const v = Math.max(0, (this.vocabulary.get(term) ?? 0) + d);
      if (v === 0) this.vocabulary.delete(term);
      else this.vocabulary.set(term, v);
    }
    c.tokens += tokens;
    return { docs: sign, tokens, terms: deltas };
  }

  /** Learns a confirmed document; `personal` are the applicant's field values, never learned. */
  learn(text: string, type: DocumentType, personal: readonly string[] = []): void {
    this.apply(this.features(text, personalWords(personal)), type, 1);
  }

  unlearn(text: string, type: DocumentType, personal: readonly string[] = []): void {
    this.apply(this.features(text, personalWords(personal)), type, -1);
  }

  /**
   * Posterior over the learned types. Naive Bayes is famously over-confident on long texts (it
   * multiplies hundreds of dependent word probabilities), so log-likelihoods are tempered by
   * the number of features before normalising; that keeps the confidence usable as a threshold.
   */
  predict(text: string): Posterior[] {
    const features = textFeatures(text);
    const total = this.documentCount;
    const known = [...this.classes.entries()].filter(([, c]) => c.docs > 0);
    if (total === 0 || known.length === 0 || features.length === 0) return [];
    const v = this.vocabulary.size + 1;
    const temper = Math.max(1, Math.sqrt(features.length) / 2);
    const logs = known.map(([type, c]) => {
      let lp = Math.log(c.docs / total);
      const denominator = Math.log(c.tokens + ALPHA * v);
      for (const f of features) lp += Math.log((c.terms.get(f) ?? 0) + ALPHA) - denominator;
      return { type, lp: lp / temper };
    });
    const max = Math.max(...logs.map((l) => l.lp));
    const exps = logs.map((l) => ({ type: l.type, e: Math.exp(l.lp - max) }));
    const sum = exps.reduce((s, x) => s + x.e, 0);
    return exps.map((x) => ({ type: x.type, p: x.e / sum })).sort((a, b) => b.p - a.p);
  }
}

/** The model persisted in the desk's database (tables classifier_labels / classifier_terms). */
export class StoredNaiveBayes extends NaiveBayes {
  private constructor(private readonly db: Database.Database) {
    super();
  }

  static load(db: Database.Database): StoredNaiveBayes {
    cleanStoredModel(db);
    const model = new StoredNaiveBayes(db);
    const labels = db.prepare('SELECT type, docs, tokens FROM classifier_labels').all() as {
      type: string;
      docs: number;
      tokens: number;
    }[];
    for (const row of labels) {
      const type = DocumentType.safeParse(row.type);
      if (!type.success) continue;
      model.classes.set(type.data, { docs: row.docs, tokens: row.tokens, terms: new Map() });
    }
    const terms = db
      .prepare('SELECT type, term, count FROM classifier_terms')
      .iterate() as Iterable<{
      type: string;
      term: string;
      count: number;
    }>;
    for (const row of terms) {
      const c = model.classes.get(row.type as DocumentType);
      if (!c) continue;
      c.terms.set(row.term, row.count);
      model.vocabulary.set(row.term, (model.vocabulary.get(row.term) ?? 0) + row.count);
    }
    return model;
  }

  /** Writes increments, not totals, so two desks sharing the file never overwrite each other. */
  private persist(type: DocumentType, delta: Delta): void {
    if (delta.docs === 0) return;
    const label = this.db.prepare(
      `INSERT INTO classifier_labels (type, docs, tokens) VALUES (?, ?, ?)
       ON CONFLICT (type) DO UPDATE SET docs = docs + excluded.docs, tokens = tokens + excluded.tokens`,
    );
    const term = this.db.prepare(
      `INSERT INTO classifier_terms (type, term, count) VALUES (?, ?, ?)
       ON CONFLICT (type, term) DO UPDATE SET count = count + excluded.count`,
    );
    const prune = this.db.prepare('DELETE FROM classifier_terms WHERE type = ? AND count <= 0');
    this.db
      .transaction(() => {
        label.run(type, delta.docs, delta.tokens);
        for (const [t, d] of delta.terms) if (d !== 0) term.run(type, t, d);
        if (delta.docs < 0) prune.run(type);
      })
      .immediate();
  }

  /** Only the features seen in enough documents reach the stored counts (privacy.ts). */
  override learn(text: string, type: DocumentType, personal: readonly string[] = []): void {
    const features = this.features(text, personalWords(personal));
    const admitted = admitFeatures(this.db.name, text, new Set(features), (f) =>
      this.vocabulary.has(f),
    );
    this.persist(
      type,
      this.apply(
        features.filter((f) => admitted.has(f)),
        type,
        1,
      ),
    );
  }

  /** Removes what this document can have added: only features the model keeps. */
  override unlearn(text: string, type: DocumentType, personal: readonly string[] = []): void {
    const features = this.features(text, personalWords(personal));
    this.persist(
      type,
      this.apply(
        features.filter((f) => this.vocabulary.has(f)),
        type,
        -1,
      ),
    );
  }
}

export const ALL_TYPES = DOCUMENT_TYPES;
