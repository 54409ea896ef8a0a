// Text forms that survive OCR damage: diacritics folded (shared/text), look-alike digits inside
// words read as letters, and a "squeezed" form without spaces or punctuation so split and merged
// words still match a title.
import { foldVietnamese } from '../../../shared/text';

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '5': 's', '8': 'b' };

/**
 * Folded, with 0/1/5/8 between letters read as o/l/s/b. Keeps the length of whitespace-collapsed
 * NFC text, so a match position maps back to the original.
 */
export function foldKeepLength(text: string): string {
  // OCR writes the crossed D of Vietnamese as the Icelandic eth (Ð/ð) now and then.
  return foldVietnamese(text.replace(/[Ðð]/g, 'đ')).replace(
    /(?<=[a-z])[0158](?=[a-z])|(?<=[a-z])[0158]\b|\b[0158](?=[a-z]{2})/g,
    (d) => DIGIT_AS_LETTER[d] ?? d,
  );
}

/** foldKeepLength, and "rn" read as "m". */
export function looseFold(text: string): string {
  return foldKeepLength(text).replace(/rn/g, 'm');
}

/** Letters only: "GIẤY KHAI  SINH" and "GIAYKHAI SlNH" both give "giaykhaisinh". */
export function squeeze(text: string): string {
  return looseFold(text).replace(/[^a-z]/g, '');
}

/** Word unigrams and bigrams of the loose-folded text, for the learned classifier. */
export function textFeatures(text: string): string[] {
  const words = looseFold(text).match(/[a-z]{2,}/g) ?? [];
  const out: string[] = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]}_${words[i]}`);
  return out;
}

/** Share of letters in capitals: a title or an issuer line is printed all in capitals. */
export function capitalShare(text: string): number {
  const all = text.match(/\p{L}/gu) ?? [];
  if (all.length === 0) return 0;
  return all.filter((c) => c !== c.toLowerCase()).length / all.length;
}

/** OCR reads i as l and l as i (and 1 as either): compare with both as l. */
const iToL = (s: string) => s.replace(/i/g, 'l');

/**
 * How many OCR slips separate the squeezed `title` from the best prefix of the squeezed `line`
 * (edit distance), or Infinity beyond what a title of that length may carry: 1 slip for 8+
 * letters, 2 for 16+.
 */
export function prefixDistance(rawLine: string, rawTitle: string): number {
  const line = iToL(rawLine);
  const title = iToL(rawTitle);
  if (line.startsWith(title)) return 0;
  const allowed = title.length >= 16 ? 2 : title.length >= 8 ? 1 : 0;
  if (allowed === 0) return Infinity;
  // prev[j]: distance between title[0..i) and line[0..j).
  let prev = Array.from({ length: line.length + 1 }, (_, j) => j);
  for (let i = 1; i <= title.length; i++) {
    const cur = [i];
    for (let j = 1; j <= line.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (title[i - 1] === line[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  const best = Math.min(...prev);
  return best <= allowed ? best : Infinity;
}

/** Whether the squeezed `line` starts with the squeezed `title`, up to a few OCR slips. */
export const startsWithLoosely = (line: string, title: string) =>
  prefixDistance(line, title) < Infinity;

/** A keyword found in squeezed text, tolerant of i/l confusions. */
export const containsLoosely = (squeezedText: string, squeezedKeyword: string) =>
  iToL(squeezedText).includes(iToL(squeezedKeyword));
