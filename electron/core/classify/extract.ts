// Field extraction from OCR text: number and notation (số, ký hiệu), dates in words ("ngày 12
// tháng 3 năm 2024") and digits, issuing body, subject line (trích yếu), and for civil-status
// papers names, dates and places. Labels are matched on loose-folded text so OCR slips in the
// label do not lose the value; the value is returned as read (NFC), with a confidence and, when
// the OCR gave line boxes, its page region.
import {
  DOCUMENT_TYPE_INFO,
  type DocumentType,
  type ExtractedField,
  type FieldName,
} from '../../../shared/classification';
import type { ReadMetadataField } from '../../../shared/documentMetadata';
import { decodeIdNumber } from '../../../shared/identity';
import { nfc } from '../../../shared/text';
import { foldKeepLength, looseFold } from './features';
import { analyseHeader } from './header';
import { headerFields } from './metadata';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TextLine {
  text: string;
  page?: number;
  box?: Box;
  /** The line's words with their boxes, when the reader gave them (OCR, a PDF text layer). */
  words?: { text: string; box: Box }[];
}

export function linesOf(text: string, page = 1): TextLine[] {
  return text.split(/\r?\n/).map((t) => ({ text: t, page }));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function isoDate(d: number, m: number, y: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** OCR digits: O and o read as 0, l and I as 1, inside runs of digits. */
const digitFix = (s: string) =>
  s.replace(/(?<=\d)[oOlI](?=\d)|(?<=\d)[oOlI]\b|\b[oOlI](?=\d)/g, (c) =>
    /[oO]/.test(c) ? '0' : '1',
  );

const LONG_DATE = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
const NUMERIC_DATE = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/;

/** The first date in a line, in words or digits, as ISO. */
export function findDate(line: string): { iso: string; raw: string; words: boolean } | null {
  const folded = digitFix(looseFold(line)).replace(/\s*\/\s*/g, '/');
  const long = LONG_DATE.exec(folded);
  if (long) {
    const iso = isoDate(Number(long[1]), Number(long[2]), Number(long[3]));
    if (iso) return { iso, raw: long[0], words: true };
  }
  const num = NUMERIC_DATE.exec(folded);
  if (num) {
    const iso = isoDate(Number(num[1]), Number(num[2]), Number(num[3]));
    if (iso) return { iso, raw: num[0], words: false };
  }
  return null;
}

const clean = (s: string) => nfc(s).replace(/\s+/g, ' ').trim();

/** The value after a label: "Label: value" where the label is matched loosely. */
function afterLabel(line: string, label: RegExp): string | null {
  // foldKeepLength keeps one character per character of the collapsed NFC text, so the match
  // position is also the position in the original.
  const original = clean(line);
  const m = label.exec(foldKeepLength(original));
  if (!m) return null;
  return clean(original.slice(m.index + m[0].length).replace(/^[\s:.;,-]+/, ''));
}

interface Found {
  value: string;
  raw: string;
  confidence: number;
  line: TextLine;
}

function field(name: FieldName, f: Found): ExtractedField {
  return {
    name,
    value: f.value,
    raw: f.raw,
    confidence: Math.round(f.confidence * 100) / 100,
    source: 'ocr',
    ...(f.line.page ? { page: f.line.page } : {}),
    ...(f.line.box ? { region: f.line.box } : {}),
  };
}

/** A name as read: upper- or title-case words, no digits; OCR digits inside lower confidence. */
function nameValue(raw: string): { value: string; confidence: number } | null {
  const value = clean(raw.split(/\s{2,}|\s(?=Năm sinh|Sinh|Ngày)/)[0] ?? '');
  if (value.length < 4 || value.split(' ').length < 2) return null;
  const damaged = /[0-9~‘.]/.test(value);
  return { value: value.replace(/[.;,]+$/, ''), confidence: damaged ? 0.5 : 0.85 };
}

/** Header fields of an administrative or legal document, by the archive's metadata reader. */
function extractAdministrative(lines: TextLine[]): ExtractedField[] {
  const fields = headerFields(analyseHeader(lines), 'ocr');
  const names: [ReadMetadataField, FieldName][] = [
    ['codeNumber', 'number'],
    ['codeNotation', 'notation'],
    ['issuedDate', 'issuedDate'],
    ['organName', 'issuer'],
    ['subject', 'subject'],
  ];
  return names.flatMap(([from, name]) => {
    const f = fields[from];
    if (!f) return [];
    const line = {
      text: f.raw ?? f.value,
      ...(f.page ? { page: f.page } : {}),
      ...(f.region ? { box: f.region } : {}),
    };
    return [field(name, { value: f.value, raw: f.raw ?? f.value, confidence: f.confidence, line })];
  });
}

const LABELS: { name: FieldName; re: RegExp; kind: 'name' | 'date' | 'text' | 'id' }[] = [
  { name: 'wife', re: /ho,?\s*chu\s*dem,?\s*ten\s*vo\s*:?/, kind: 'name' },
  { name: 'husband', re: /ho,?\s*chu\s*dem,?\s*ten\s*chong\s*:?/, kind: 'name' },
  {
    name: 'fullName',
    re: /(ho,?\s*chu\s*dem,?\s*ten(\s*nguoi\s*yeu\s*cau)?|ho\s*va\s*ten(\s*\/\s*full\s*name)?|toi\s*ten\s*la)\s*:/,
    kind: 'name',
  },
  {
    name: 'dateOfBirth',
    re: /(ngay,?\s*thang,?\s*nam\s*sinh|sinh\s*ngay|date\s*of\s*birth)\s*:?/,
    kind: 'date',
  },
  { name: 'placeOfBirth', re: /noi\s*sinh\s*:/, kind: 'text' },
  { name: 'registeredDate', re: /ngay,?\s*thang,?\s*nam\s*dang\s*ky\s*:?/, kind: 'date' },
];

const ID_RE = /(?<![\d])(\d{12})(?!\d)/;

function extractPersonal(lines: TextLine[], type: DocumentType | null): ExtractedField[] {
  const found = new Map<FieldName, ExtractedField>();
  for (const line of lines) {
    for (const label of LABELS) {
      if (found.has(label.name)) continue;
      // A parent's name line is not the holder's: "tên người mẹ", "tên người cha".
      if (
        label.name === 'fullName' &&
        /nguoi\s*(me|cha)|ten\s*(vo|chong)/.test(looseFold(line.text))
      )
        continue;
      // On a marriage certificate both partners have a date of birth: leave them to the names.
      if (label.name === 'dateOfBirth' && type === 'marriage_certificate') continue;
      const rest = afterLabel(line.text, label.re);
      if (rest === null) continue;
      if (label.kind === 'name') {
        const v = nameValue(rest);
        if (v) found.set(label.name, field(label.name, { ...v, raw: clean(line.text), line }));
      } else if (label.kind === 'date') {
        const d = findDate(rest);
        if (d)
          found.set(
            label.name,
            field(label.name, { value: d.iso, raw: clean(line.text), confidence: 0.9, line }),
          );
      } else if (rest.length >= 3) {
        found.set(
          label.name,
          field(label.name, { value: rest, raw: clean(line.text), confidence: 0.75, line }),
        );
      }
    }
    if (
      !found.has('idNumber') &&
      /cccd|can cuoc|so dinh danh|no\.|giay to tuy than/.test(looseFold(line.text))
    ) {
      const m = ID_RE.exec(digitFix(line.text).replace(/(\d)\s(?=\d)/g, '$1'));
      if (m) {
        const info = decodeIdNumber(m[1]!);
        found.set(
          'idNumber',
          field('idNumber', {
            value: m[1]!,
            raw: clean(line.text),
            confidence: info?.province ? 0.95 : 0.5,
            line,
          }),
        );
      }
    }
  }
  return [...found.values()];
}

/** Documents of an agency (administrative, normative, judicial), not a citizen's papers. */
const isAgencyDocument = (type: DocumentType | null) =>
  type !== null && !['personal', 'other'].includes(DOCUMENT_TYPE_INFO[type].group);

/** Extracts the fields that make sense for the document's type (all kinds when unknown). */
export function extractFields(lines: TextLine[], type: DocumentType | null): ExtractedField[] {
  const admin = type === null || isAgencyDocument(type) ? extractAdministrative(lines) : [];
  const personal = !isAgencyDocument(type) ? extractPersonal(lines, type) : [];
  return [...admin, ...personal];
}

/** Lines of a recognised page with their boxes, so each field knows its region. */
export function linesFromOcrPage(
  page: { lines: { words: { text: string; box?: Box }[]; box: Box }[] },
  pageNumber: number,
): TextLine[] {
  return page.lines.map((l) => {
    const words = l.words.flatMap((w) => (w.box ? [{ text: w.text, box: w.box }] : []));
    return {
      text: l.words.map((w) => w.text).join(' '),
      page: pageNumber,
      box: l.box,
      ...(words.length === l.words.length && words.length > 0 ? { words } : {}),
    };
  });
}
