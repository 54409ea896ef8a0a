// Character and word error rates (CER, WER): Levenshtein distance between the OCR text and the
// ground truth, in characters or in words, divided by the length of the ground truth. Both sides are NFC-normalized and their whitespace
// collapsed first, so line breaks and spacing (which OCR engines and `pdftotext` render
// differently) never count as errors; characters are code points, so a precomposed Vietnamese
// letter ("ệ") is one character whatever its UTF-16 length.
import { collapseWhitespace } from '../../../shared/text';

export interface ErrorRate {
  /** Edits (insertions, deletions, substitutions) that turn the reference into the hypothesis. */
  errors: number;
  /** Code points (CER) or words (WER) in the normalized reference. */
  referenceLength: number;
  /** errors / referenceLength; 0 for an empty reference read as empty, 1 when text was invented. */
  rate: number;
}

/** The form both sides take before comparison. */
export function normalizeForCer(text: string): string {
  return collapseWhitespace(text);
}

function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (const ch of s) out[n++] = ch.codePointAt(0)!;
  return out.subarray(0, n);
}

/**
 * Levenshtein distance over code points. One row of min(|a|, |b|) + 1 integers, after trimming
 * the common prefix and suffix: OCR output mostly matches, so the trim removes most of the work,
 * and a page of a few thousand characters needs a few kilobytes, not a quadratic matrix.
 */
export function levenshtein(a: string, b: string): number {
  return editDistance(codePoints(a), codePoints(b));
}

/** Levenshtein distance over any two sequences of integer tokens (code points or word ids). */
function editDistance(a: Int32Array, b: Int32Array): number {
  let x = a;
  let y = b;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  x = x.subarray(start, endX);
  y = y.subarray(start, endY);
  if (x.length < y.length) [x, y] = [y, x];
  if (y.length === 0) return x.length;

  // row[j] = distance between the first i characters of x and the first j characters of y.
  const row = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) row[j] = j;
  for (let i = 1; i <= x.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const above = row[j]!;
      const substitution = diagonal + (xi === y[j - 1] ? 0 : 1);
      const insertion = row[j - 1]! + 1;
      const deletion = above + 1;
      row[j] = Math.min(substitution, insertion, deletion);
      diagonal = above;
    }
  }
  return row[y.length]!;
}

export function characterErrorRate(reference: string, hypothesis: string): ErrorRate {
  const ref = normalizeForCer(reference);
  const hyp = normalizeForCer(hypothesis);
  const errors = levenshtein(ref, hyp);
  const referenceLength = codePoints(ref).length;
  return { errors, referenceLength, rate: ratio(errors, referenceLength) };
}

/**
 * Word error rate: the same edit distance over words (maximal runs of non-space characters after
 * normalization), so one wrong tone mark costs a whole word, as a clerk searching for it would see.
 */
export function wordErrorRate(reference: string, hypothesis: string): ErrorRate {
  const ids = new Map<string, number>();
  const toIds = (text: string): Int32Array => {
    const words = normalizeForCer(text).split(' ').filter(Boolean);
    return Int32Array.from(words, (w) => {
      let id = ids.get(w);
      if (id === undefined) ids.set(w, (id = ids.size));
      return id;
    });
  };
  const ref = toIds(reference);
  const hyp = toIds(hypothesis);
  const errors = editDistance(ref, hyp);
  const referenceLength = ref.length;
  return { errors, referenceLength, rate: ratio(errors, referenceLength) };
}

/**
 * CER (or WER) over a set of pages: all errors over all reference characters, so long pages weigh more
 * than short ones and a blank page that gets invented text still adds its errors.
 */
export function overallRate(
  results: readonly Pick<ErrorRate, 'errors' | 'referenceLength'>[],
): ErrorRate {
  const errors = results.reduce((s, r) => s + r.errors, 0);
  const referenceLength = results.reduce((s, r) => s + r.referenceLength, 0);
  return {
    errors,
    referenceLength,
    rate: ratio(errors, referenceLength),
  };
}

function ratio(errors: number, referenceLength: number): number {
  return referenceLength > 0 ? errors / referenceLength : errors > 0 ? 1 : 0;
}
