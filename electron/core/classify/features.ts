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
  return foldVietnamese(text).replace(
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
