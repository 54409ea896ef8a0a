// TT 05/2025 document metadata read from the first page: type name, number, notation, issue
// date, issuing body (with its superior body's line), subject (joined across lines), pages,
// language, signature and seal cues, keyword suggestions. Each value carries a confidence and
// the page region it came from, for a review form that shows the region beside the field.
import {
  DOCUMENT_TYPE_INFO,
  type Classification,
  type DocumentType,
} from '../../../shared/classification';
import type { ReadField, ReadMetadata, ReadMetadataField } from '../../../shared/documentMetadata';
import { collapseWhitespace, foldVietnamese } from '../../../shared/text';
import { catalogue, type Catalogue } from './catalogue';
import { datelineFromSlots, printedSigningDates, readDatelines } from './dates';
import type { Box, TextLine } from './extract';
import { capitalShare, squeeze } from './features';
import type { Header } from './header';
import { keywordSuggestions } from './keywords';
import type { Segment } from './layout';
import { parseNumberLine, type NumberLine } from './notation';
import type { Rereads } from './reread';

export interface PdfSignatureInfo {
  signer?: string;
  /** ISO 8601 signing time as claimed by the signature. */
  time?: string;
}

export interface MetadataInput {
  header: Header;
  classification: Classification;
  /** All lines of the first page (for signature cues and language). */
  lines: readonly TextLine[];
  pageCount: number;
  textSource: 'ocr' | 'text-layer' | 'text-file';
  pageSize?: { width: number; height: number };
  signatures?: readonly PdfSignatureInfo[];
  /** Red ink (a seal, a signing stamp) measured on the colour page. */
  redInk?: boolean;
  /** Second readings of the date and number lines (reread.ts). */
  rereads?: Rereads;
}

const union = (boxes: Box[]): Box | undefined =>
  boxes.length
    ? {
        x0: Math.min(...boxes.map((b) => b.x0)),
        y0: Math.min(...boxes.map((b) => b.y0)),
        x1: Math.max(...boxes.map((b) => b.x1)),
        y1: Math.max(...boxes.map((b) => b.y1)),
      }
    : undefined;

const round2 = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;

function fieldOf(
  value: string,
  confidence: number,
  source: ReadField['source'],
  segments: readonly Segment[] = [],
  raw?: string,
): ReadField {
  const region = union(segments.flatMap((s) => (s.box ? [s.box] : [])));
  const page = segments.find((s) => s.page)?.page;
  return {
    value,
    confidence: round2(confidence),
    source,
    ...(raw && raw !== value ? { raw } : {}),
    ...(page ? { page } : {}),
    ...(region ? { region } : {}),
  };
}

/** `word` in the case of `as`: all capitals, a capital first, or lower case. */
function sameCase(word: string, as: string): string {
  if (as === as.toUpperCase()) return word.toUpperCase();
  const lower = word.toLowerCase();
  return as[0] === as[0]!.toUpperCase() ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Letters and tone apart from where the tone sits: UỶ and ỦY (old and new placement) agree. */
const toneKey = (s: string) => {
  const d = s.normalize('NFD');
  return `${d.replace(TONES, '').normalize('NFC')}|${(d.match(TONES) ?? []).sort().join('')}`;
};

/** Restores marks OCR lost on known words of bodies' names ("TINH QUANG NGAI" → "TỈNH QUẢNG NGÃI"). */
export function restoreMarks(
  text: string,
  vocabulary: readonly string[] = catalogue().vocabulary,
): string {
  const tokens = collapseWhitespace(text).split(' ');
  const folded = tokens.map((t) => foldVietnamese(t));
  for (const phrase of vocabulary) {
    const words = phrase.split(' ');
    const want = words.map((w) => foldVietnamese(w));
    for (let i = 0; i + want.length <= tokens.length; i++) {
      if (!want.every((w, k) => folded[i + k] === w)) continue;
      for (let k = 0; k < words.length; k++) {
        const read = tokens[i + k]!;
        const right = sameCase(words[k]!, read);
        // A word read with its marks stays as printed (old tone placement included).
        if (toneKey(read) !== toneKey(right)) tokens[i + k] = right;
      }
    }
  }
  return tokens.join(' ');
}

function organ(header: Header, source: ReadField['source'], cat: Catalogue): ReadField | null {
  if (header.organ.length === 0) return null;
  // OCR's stray marks at a line's end ("ỦY BAN NHÂN DÂN.", "DÂN...") are not the name's.
  const raw = collapseWhitespace(
    header.organ.map((s) => s.text.replace(/[.,:;…]+$/, '')).join(' '),
  );
  const value = restoreMarks(raw, cat.vocabulary);
  const capitals = capitalShare(raw) >= 0.8;
  return fieldOf(
    value,
    (capitals ? 0.85 : 0.6) - (value !== raw ? 0.1 : 0),
    source,
    header.organ,
    raw,
  );
}

function subject(header: Header, source: ReadField['source'], cat: Catalogue): ReadField | null {
  const parts = [...header.subject];
  let lead = '';
  // "LUẬT BẢO HIỂM XÃ HỘI" on one line: the subject follows the title on the same line.
  const t = header.title;
  if (t && !header.vv.length && t.segment !== header.number?.segment) {
    const words = collapseWhitespace(t.segment.text).split(' ');
    const titleLetters = squeeze(t.title).length;
    let k = 0;
    while (k < words.length && squeeze(words.slice(0, k + 1).join(' ')).length <= titleLetters) k++;
    const restText = words.slice(k).join(' ');
    if (squeeze(restText).length >= 4 && !/^cua\b/.test(foldVietnamese(restText))) lead = restText;
  }
  const read = collapseWhitespace([lead, ...parts.map((s) => s.text)].join(' '));
  const text = restoreMarks(read, cat.subjectVocabulary);
  if (squeeze(text).length < 4) return null;
  const segs = lead && t ? [t.segment, ...parts] : parts;
  return fieldOf(text, parts.length > 3 ? 0.6 : 0.75, source, segs, read);
}

/** Digits read cleanly, or null: a second reading counts only when it needed no guessing. */
const cleanDigits = (raw: string | undefined) => {
  const t = (raw?.trim().split(/\s+/)[0] ?? '').replace(/[.,:;'"`’/]+$/, '');
  return /^\d{1,6}$/.test(t) ? t : null;
};

/** A Latin model reads the label "Số:" as 86:, S6:, Sé: or So:; the number parser wants it. */
const asNumberLine = (text: string) =>
  text.replace(/^[^\p{L}\p{N}]*(?:[s$8]\S?|86)\s*[:.]\s*/iu, 'Số: ');

/**
 * The number: the page's reading when its digits are clean; else the second readings' (the
 * number alone and the whole line) when they agree.
 */
function numberField(
  line: NumberLine,
  seg: Segment[],
  source: ReadField['source'],
  rereads: Rereads,
): ReadField | null {
  const clean = /^\d+$/.test(line.numberRaw.replace(/\s/g, ''));
  if (line.number && clean) return fieldOf(line.number, 0.9, source, seg, line.numberRaw);
  const alone = cleanDigits(rereads.number);
  const inLine = rereads.numberLine ? parseNumberLine(asNumberLine(rereads.numberLine)) : null;
  const fromLine = inLine?.number && cleanDigits(inLine.numberRaw);
  // One second reading alone is no surer than the page's: it counts only when the number alone
  // and the whole line agree, or when it confirms the page's own guess.
  if (alone && alone === fromLine) return fieldOf(alone, 0.85, source, seg, line.numberRaw);
  const again = alone ?? fromLine;
  if (again && again === line.number) return fieldOf(again, 0.7, source, seg, line.numberRaw);
  return line.number ? fieldOf(line.number, 0.45, source, seg, line.numberRaw) : null;
}

function numberFields(
  header: Header,
  issuedIso: string | null,
  source: ReadField['source'],
  rereads: Rereads,
) {
  const out: Partial<Record<ReadMetadataField, ReadField>> = {};
  const n = header.number;
  if (!n) return out;
  const seg = [n.segment];
  const number = numberField(n.line, seg, source, rereads);
  if (number) out.codeNumber = number;
  let notation = n.line.notation;
  let quality = n.line.quality;
  // A damaged year of a normative notation is the issue year, which the date line gives.
  const y = n.line.year;
  if (y && !/^\d{4}$/.test(y) && issuedIso) {
    const year = issuedIso.slice(0, 4);
    if ([...y].filter((c, i) => c === year[i]).length >= 3) {
      notation = notation.replace(y, year);
      quality = Math.min(1, quality + 0.3);
    }
  }
  const typed = n.line.codeTypes.length > 0 || n.line.prefixTypes.length > 0;
  out.codeNotation = fieldOf(notation, (typed ? 0.92 : 0.8) * quality, source, seg);
  return out;
}

/** Signing dates (Vietnam time) of the PDF's signatures and of printed signing stamps. */
function signingDates(input: MetadataInput): string[] {
  const fromPdf = (input.signatures ?? []).flatMap((s) => {
    if (!s.time) return [];
    const t = new Date(Date.parse(s.time) + 7 * 3_600_000);
    return Number.isNaN(t.getTime()) ? [] : [t.toISOString().slice(0, 10)];
  });
  return [...fromPdf, ...printedSigningDates(input.lines.map((l) => l.text))];
}

function signatureFields(input: MetadataInput) {
  const out: Partial<Record<ReadMetadataField, ReadField>> = {};
  const sigs = input.signatures ?? [];
  const text = foldVietnamese(input.lines.map((l) => l.text).join('\n'));
  const signedCue = /\(da ky\)|ky boi\s*:|\bky ten, dong dau\b/.test(text);
  const notes: string[] = [];
  if (sigs.length) notes.push(`Chữ ký số: ${sigs.length}`);
  if (input.redInk) notes.push('Có dấu/chữ ký màu đỏ trên trang');
  if (signedCue) notes.push('Có ghi chú chữ ký trên văn bản');
  if (notes.length) {
    const conf = sigs.length ? 0.95 : input.redInk ? 0.7 : 0.6;
    out.autograph = fieldOf(notes.join('; '), conf, sigs.length ? 'pdf' : 'derived');
  }
  const signers = sigs.map((s) =>
    [s.signer, s.time ? s.time.slice(0, 10) : ''].filter(Boolean).join(', '),
  );
  if (signers.length) out.inforSign = fieldOf(signers.join('; '), 0.95, 'pdf');
  return out;
}

/** Vietnamese when the page's letters carry its marks (ă, ơ, ư, đ, tones). */
function language(lines: readonly TextLine[]): ReadField | null {
  const text = lines.map((l) => l.text).join(' ');
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < 40) return null;
  const marked = (text.normalize('NFD').match(/[\u0300-\u036f]|[đĐ]/g) ?? []).length;
  const share = marked / letters;
  return share > 0.08
    ? fieldOf('vi', 0.95, 'derived')
    : share < 0.01
      ? fieldOf('en', 0.5, 'derived')
      : null;
}

/**
 * The fields the header prints: number, notation, issue date, issuing body, subject. `signedOn`:
 * the document's signing dates, which bound a handwritten issue date.
 */
export function headerFields(
  header: Header,
  source: ReadField['source'],
  signedOn: string[] = [],
  cat: Catalogue = catalogue(),
  rereads: Rereads = {},
): Partial<Record<ReadMetadataField, ReadField>> {
  const fields: Partial<Record<ReadMetadataField, ReadField>> = {};
  const datelineText = header.dateline
    ? header.dateline === header.number?.segment
      ? header.number.line.rest
      : header.dateline.text
    : '';
  const lines = [datelineText, rereads.dateline ?? ''].filter(Boolean);
  const slots = datelineFromSlots(rereads.day, rereads.month, [...lines].reverse());
  const date = datelineText
    ? readDatelines([...(slots ? [slots] : []), ...lines], { signedOn })
    : null;
  if (date && header.dateline)
    fields.issuedDate = fieldOf(date.iso, date.confidence, source, [header.dateline], date.raw);
  Object.assign(fields, numberFields(header, date?.iso ?? null, source, rereads));
  const org = organ(header, source, cat);
  if (org) fields.organName = org;
  const subj = subject(header, source, cat);
  if (subj) fields.subject = subj;
  return fields;
}

export function extractMetadata(input: MetadataInput, cat: Catalogue = catalogue()): ReadMetadata {
  const { header, classification } = input;
  const source: ReadField['source'] = input.textSource === 'text-layer' ? 'text-layer' : 'ocr';
  const fields: Partial<Record<ReadMetadataField, ReadField>> = {};
  const type: DocumentType | null = classification.type ?? null;
  const best = type ?? classification.candidates[0]?.type ?? null;
  if (best && best !== 'other') {
    const segs = header.title ? [header.title.segment] : header.vv.slice(0, 1);
    const conf = type
      ? classification.confidence
      : (classification.candidates[0]?.score ?? 0) * 0.5;
    fields.typeName = fieldOf(DOCUMENT_TYPE_INFO[best].vi, conf, 'derived', segs);
  }
  Object.assign(fields, headerFields(header, source, signingDates(input), cat, input.rereads));
  if (input.textSource !== 'text-file')
    fields.numberOfPage = fieldOf(String(input.pageCount), 1, 'pdf');
  const lang = language(input.lines);
  if (lang) fields.language = lang;
  Object.assign(fields, signatureFields(input));
  const keywords = keywordSuggestions(
    fields.subject?.value ?? '',
    fields.organName?.value ?? '',
    cat,
  );
  if (keywords.length) fields.keyword = fieldOf(keywords.join('; '), 0.5, 'derived');
  const year = header.number?.line.year;
  const normative =
    (best !== null && DOCUMENT_TYPE_INFO[best].group === 'normative') ||
    (!!year && (best === 'decision' || best === 'resolution'));
  return {
    type,
    normative,
    fields,
    ...(input.pageSize ? { pageSize: input.pageSize } : {}),
  };
}
