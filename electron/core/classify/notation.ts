// The number line of a Vietnamese document, "Số: 12/QĐ-UBND", "Số: 10/2020/TT-BLĐTBXH",
// "Luật số: 41/2024/QH15", "ÁN LỆ SỐ 49/2021/AL", as OCR gives it ("S6: 04 /CT-UBND",
// "$6:455 /2020/…", "Số: 157/ QĐ-NĐ-UB"): the number (số), the notation (ký hiệu: everything
// after the first slash), its year, its codes, the type abbreviation among them and the word
// before "số" that laws print instead of a title code. Codes are repaired against the
// catalogue only where the reading is unambiguous (ND → NĐ; QD → QĐ).
import type { DocumentType } from '../../../shared/classification';
import { collapseWhitespace, nfc } from '../../../shared/text';
import { levenshtein } from '../ocr/cer';
import { catalogue, foldCode, upperCode, type Catalogue } from './catalogue';
import { squeeze } from './features';

export interface NumberLine {
  /** The number as read (digits), or null when it is unreadable (often handwritten). */
  number: string | null;
  /** The raw number part, for a second reading of handwriting. */
  numberRaw: string;
  /** Everything after the first slash, repaired: "QĐ-UBND", "2024/QH15". */
  notation: string;
  /** The year inside a normative document's notation, as read ("2024", or "202:" when damaged). */
  year: string | null;
  codes: string[];
  /** Types the notation's own type code stands for (two when OCR lost Đ: DA → Đề án/Dự án). */
  codeTypes: DocumentType[];
  /** The code that gave codeTypes, as printed in the catalogue. */
  typeCode: string | null;
  /** Types named by the words before "số" (Luật số, Bộ luật số, Án lệ số). */
  prefixTypes: DocumentType[];
  /** Known issuer codes in the notation (QH, CP, TTg, UBND…). */
  issuers: string[];
  /** What follows the notation on the same line (the place and date when columns merged). */
  rest: string;
  /** 0–1: how clean the reading is (no junk characters, a known code). */
  quality: number;
}

/**
 * "Số" at the start of the line, after at most two words (Luật số, Bộ luật số), with OCR's usual
 * readings of ố: S6, $6, Sô, só, S0.
 */
const LABEL = /^[\s|\][.,:;'"`-]*((?:\p{L}+\s+){0,2}?)(?:S|\$)\s?[ốôóòỗồổơớờoø06ỏõ]\s*[:.;]?\s*/iu;

const DIGIT_LOOKALIKE: Record<string, string> = {
  O: '0',
  o: '0',
  Ø: '0',
  Q: '0',
  D: '0',
  l: '1',
  I: '1',
  '|': '1',
  i: '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
};

/** Digits of a number part; null when more than one character had to be guessed. */
export function readDigits(raw: string): string | null {
  const compact = raw.replace(/[\s.,'`’]/g, '');
  if (!compact) return null;
  let guessed = 0;
  let out = '';
  for (const c of compact) {
    if (/\d/.test(c)) out += c;
    else if (DIGIT_LOOKALIKE[c]) {
      out += DIGIT_LOOKALIKE[c];
      guessed++;
    } else return null;
  }
  return guessed <= Math.floor(out.length / 3) ? out : null;
}

/** A type code with a footnote mark or OCR noise glued on ("AL1"): the code alone. */
function stripNoise(code: string, cat: Catalogue): string {
  const clean = code.replace(/[^\p{L}\p{N}()]/gu, '');
  const letters = clean.replace(/\d+$/, '');
  if (letters !== clean && cat.byCode.has(upperCode(letters))) return letters;
  return clean;
}

function canonicalCode(code: string, cat: Catalogue): string {
  const upper = upperCode(code).replace(/Ð/g, 'Đ');
  const exact = cat.types.flatMap((t) => t.codes).find((c) => upperCode(c) === upper);
  if (exact) return exact;
  const issuer = [...cat.issuerCodes.keys()].find((k) => k === upper);
  if (issuer) return issuerSpelling(issuer);
  // Đ lost by OCR: restore it only when one code in the catalogue folds to this one.
  const folded = cat.types.flatMap((t) => t.codes).filter((c) => foldCode(c) === foldCode(upper));
  if (folded.length === 1) return folded[0]!;
  return upper.replace(/[^A-ZĐ0-9()]/g, '') || code;
}

/** Issuer codes keep their conventional mixed case (TTg). */
function issuerSpelling(upper: string): string {
  return upper === 'TTG' ? 'TTg' : upper;
}

/** One OCR slip away from the only notation its type can carry ("NĐ-C?" → "NĐ-CP"). */
function repairToCanonical(codes: string[], types: DocumentType[], cat: Catalogue): void {
  const read = foldCode(codes.join('-'));
  for (const t of cat.types.filter((c) => types.includes(c.type))) {
    for (const canonical of t.notations) {
      const want = foldCode(canonical);
      if (read === want) return;
      if (levenshtein(read, want) <= 1) {
        codes.splice(0, codes.length, ...canonical.split('-'));
        return;
      }
    }
  }
}

const YEAR = /^[12][0-9OoIl:?]{3}$/;

export function parseNumberLine(text: string, cat: Catalogue = catalogue()): NumberLine | null {
  const line = collapseWhitespace(nfc(text));
  const label = LABEL.exec(line);
  if (!label) return null;
  const prefix = squeeze(label[1] ?? '');
  // "Nghị định số 61/2018/NĐ-CP" in a sentence is a citation, not this document's number.
  const knownPrefix = cat.types.some((t) => t.numberPrefixes.includes(prefix));
  if (prefix && !knownPrefix) return null;
  const after = line
    .slice(label.index + label[0].length)
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*-\s*(?=\S)/g, '-');
  // "Số / No.:" of a bilingual card labels a card number, not a notation.
  if (/^\/?\s*no\b/i.test(after)) return null;
  const slash = after.indexOf('/');
  // The number sits before the first slash and is short; a sentence "số người …" is not one.
  if (slash < 0 || slash > 8) return null;
  const numberRaw = after.slice(0, slash);
  const tail = after.slice(slash + 1);
  const token = /^\S+/.exec(tail)?.[0] ?? '';
  if (!token) return null;
  const rest = tail.slice(token.length).trim();
  const parts = token.replace(/[.,;:]+$/, '').split('/');
  let year: string | null = null;
  if (parts.length > 1 && YEAR.test(parts[0]!)) year = parts.shift()!;
  const codes = parts
    .join('-')
    .split('-')
    .map((c) => stripNoise(c, cat))
    .filter(Boolean)
    .map((c) => canonicalCode(c, cat));
  if (codes.length === 0) return null;
  const first = codes[0]!;
  // Without its stroke, a D may have been Đ: DA is Dự án or Đề án, HD Hướng dẫn or Hợp đồng.
  const exact = cat.byCode.get(upperCode(first)) ?? [];
  const folded = first.includes('Đ') ? [] : (cat.byFoldedCode.get(foldCode(first)) ?? []);
  const codeTypes = [...new Set([...exact, ...folded])];
  repairToCanonical(codes, codeTypes, cat);
  const prefixTypes = prefix
    ? cat.types.filter((t) => t.numberPrefixes.some((p) => p === prefix)).map((t) => t.type)
    : [];
  const issuers = codes.filter((c) => cat.issuerCodes.has(upperCode(c).replace(/\d+$/, '')));
  const number = readDigits(numberRaw);
  const junk = (token.match(/[^\p{L}\p{N}/()\-.]/gu) ?? []).length;
  const badYear = year !== null && !/^\d{4}$/.test(year);
  const quality = Math.max(0, 1 - junk * 0.3 - (badYear ? 0.3 : 0));
  return {
    number,
    numberRaw,
    notation: [year, codes.join('-')].filter(Boolean).join('/'),
    year,
    codes,
    codeTypes,
    typeCode: codeTypes.length ? first : null,
    prefixTypes,
    issuers,
    rest,
    quality,
  };
}
