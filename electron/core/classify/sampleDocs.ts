// A generator of labelled, OCR-like documents for measuring classification and extraction and
// for giving the learned layer examples of every type: invented people, places and numbers in
// the layouts of real Vietnamese papers and documents (samplePapers.ts, sampleOfficial.ts), then
// damaged the way OCR of a phone photo or a poor scan damages them (lost diacritics, l/1 and O/0
// swaps, split and merged words, lost lines, a cropped or garbled title). Seeded, so a split is
// reproducible; different seeds give disjoint train and test sets.
import type { DocumentType } from '../../../shared/classification';
import { DOCUMENT_TYPES } from '../../../shared/classification';
import { int, pick, rng, type Clean, type Rand, type TruthFields } from './sampleData';
import { officialDocument } from './sampleOfficial';
import { PAPER_TEMPLATES } from './samplePapers';

export { rng, type TruthFields } from './sampleData';

const PAPERS: Partial<Record<DocumentType, (r: Rand) => Clean>> = PAPER_TEMPLATES;

/** A contract is a citizen's (house rental, land transfer) or an agency's: both kinds occur. */
function cleanDocument(r: Rand, type: DocumentType): Clean {
  const paper = PAPERS[type];
  if (paper && (type !== 'contract' || r() < 0.6)) return paper(r);
  return officialDocument(r, type);
}

// ---- OCR damage ----------------------------------------------------------------------------

const CONFUSIONS: [RegExp, string][] = [
  [/l/g, '1'],
  [/I/g, 'l'],
  [/O/g, '0'],
  [/rn/g, 'm'],
  [/m/g, 'rn'],
  [/Đ/g, 'D'],
  [/đ/g, 'd'],
  [/ư/g, 'u'],
  [/ơ/g, 'o'],
  [/ă/g, 'a'],
  [/ê/g, 'e'],
  [/i/g, 'í'],
];

function stripMarks(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** Damages one word as OCR would, with probability scaled by `level` (0–1). */
function damageWord(r: Rand, word: string, level: number): string {
  let w = word;
  if (r() < 0.12 * level) w = stripMarks(w);
  if (r() < 0.1 * level) {
    const [re, to] = pick(r, CONFUSIONS);
    const matches = [...w.matchAll(new RegExp(re.source, 'g'))];
    if (matches.length) {
      const m = pick(r, matches);
      w = w.slice(0, m.index) + to + w.slice(m.index + m[0].length);
    }
  }
  if (w.length > 4 && r() < 0.03 * level) {
    const at = int(r, 1, w.length - 2);
    w = `${w.slice(0, at)} ${w.slice(at)}`;
  }
  return w;
}

export interface GeneratedDoc {
  name: string;
  type: DocumentType;
  text: string;
  /** The clean text before damage, for CER and debugging. */
  clean: string;
  truth: TruthFields;
  /** What was done to it, so a failure can be explained. */
  damage: { titleLost: boolean; level: number };
}

export interface GenerateOptions {
  seed: number;
  perType: number;
  /** Overall damage 0–1 (default 0.6). */
  noise?: number;
  /** Chance the title block is cropped away or garbled beyond the rules (default 0.25). */
  titleLoss?: number;
  prefix?: string;
  /** Only these types (default: every type of the catalogue). */
  types?: readonly DocumentType[];
}

export function generateDocuments(opts: GenerateOptions): GeneratedDoc[] {
  const r = rng(opts.seed);
  const noise = opts.noise ?? 0.6;
  const docs: GeneratedDoc[] = [];
  let n = 0;
  for (let i = 0; i < opts.perType; i++) {
    for (const type of opts.types ?? DOCUMENT_TYPES) {
      const clean = cleanDocument(r, type);
      const level = noise * (0.5 + r());
      let lines = clean.lines;
      const titleLost = r() < (opts.titleLoss ?? 0.25);
      if (titleLost) {
        // Either the top of the page was cut off, or the title came out as garbage.
        lines =
          r() < 0.5
            ? lines.slice(clean.titleEnd)
            : lines.map((l, k) =>
                k < clean.titleEnd
                  ? l.replace(/[A-Za-zÀ-ỹ]/g, (c) =>
                      r() < 0.5 ? pick(r, ['~', '.', '‘', 'i', 'l']) : c,
                    )
                  : l,
              );
      }
      const damaged = lines
        .filter(() => r() > 0.04 * level)
        .map((l) =>
          l
            .split(' ')
            .map((w) => damageWord(r, w, level))
            // Merged words: OCR loses a space now and then.
            .reduce((acc, w) => (acc === '' ? w : acc + (r() < 0.05 * level ? '' : ' ') + w), ''),
        );
      n++;
      docs.push({
        name: `${opts.prefix ?? 'doc'}-${String(n).padStart(4, '0')}`,
        type,
        text: damaged.join('\n'),
        clean: clean.lines.join('\n'),
        truth: clean.truth,
        damage: { titleLost, level },
      });
    }
  }
  return docs;
}
