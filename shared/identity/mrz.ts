// The back of the chip ID card: the machine-readable zone (ICAO 9303 TD1, three lines of 30),
// its check digits, the ID number it carries, and the lines built for generated test cards.
import { foldVietnamese } from '../text';
import { msg, type CardHolder, type IdentityCheck, type Sex } from './checks';
import { checkIdNumber } from './idNumber';

function charValue(ch: string): number {
  if (ch === '<') return 0;
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return -1;
}

/** ICAO 9303 check digit: weights 7, 3, 1 repeating, sum modulo 10. */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const v = charValue(field[i]!);
    if (v < 0) return -1;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

export interface MrzData {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  /** The 12-digit ID number carried in the optional data of Vietnamese cards. */
  idNumber: string | null;
  /** ISO date. Two-digit years are placed in the century that keeps the date in the past. */
  dateOfBirth: string;
  sex: Sex | null;
  dateOfExpiry: string;
  nationality: string;
  surname: string;
  givenNames: string;
  lines: [string, string, string];
}

export type MrzParse =
  | { ok: true; data: MrzData; checks: IdentityCheck[]; valid: boolean }
  | { ok: false; reason: string };

/** Typical OCR slips in fields that can only hold digits. */
const DIGIT_FIXES: Record<string, string> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  B: '8',
  G: '6',
};
const digitsOnly = (s: string) => s.replace(/[OQDILZSBG]/g, (c) => DIGIT_FIXES[c] ?? c);

function yymmddToIso(s: string, pivotYear: number, future: boolean): string | null {
  if (!/^\d{6}$/.test(s)) return null;
  const yy = Number(s.slice(0, 2));
  const pivot = pivotYear % 100;
  const base = pivotYear - pivot;
  // Birth dates are in the past; expiry dates may be up to ~100 years ahead.
  const year = future
    ? base + yy + (yy < pivot - 50 ? 100 : 0)
    : base + yy - (yy > pivot ? 100 : 0);
  return `${year}-${s.slice(2, 4)}-${s.slice(4, 6)}`;
}

/** Normalises OCR output of the three MRZ lines: upper case, no spaces, «/‹ read as '<'. */
export function normaliseMrzLines(text: string): string[] {
  return text
    .toUpperCase()
    .split(/\r?\n/)
    .map((l) => l.replace(/[«‹〈(]/g, '<').replace(/[^A-Z0-9<]/g, ''))
    .filter((l) => l.length >= 25);
}

export function parseMrzTd1(text: string, today = new Date()): MrzParse {
  const lines = normaliseMrzLines(text);
  if (lines.length !== 3) return { ok: false, reason: `expected 3 lines, got ${lines.length}` };
  const [l1, l2raw, l3] = lines.map((l) => l.padEnd(30, '<').slice(0, 30)) as [
    string,
    string,
    string,
  ];
  // Line 2 holds dates and check digits: fix letter-for-digit slips there before checking.
  const l2 =
    digitsOnly(l2raw.slice(0, 7)) +
    l2raw[7] +
    digitsOnly(l2raw.slice(8, 15)) +
    l2raw.slice(15, 29) +
    digitsOnly(l2raw[29]!);
  const checks: IdentityCheck[] = [];
  const check = (id: string, label: string, field: string, digit: string) => {
    const expected = mrzCheckDigit(field);
    checks.push({
      id: `mrz.check.${id}`,
      ok: String(expected) === digit,
      severity: 'error',
      message: msg(
        `Số kiểm tra ${label}: đọc được ${digit}, tính ra ${expected}.`,
        `Check digit of ${id}: read ${digit}, computed ${expected}.`,
      ),
    });
  };
  let documentNumber = l1.slice(5, 14);
  let optional1 = l1.slice(15, 30);
  if (l1[14] === '<' && /\d/.test(optional1)) {
    // Long document number: it continues in the optional data, its check digit last.
    const rest = optional1.replace(/<+$/, '');
    documentNumber += rest.slice(0, -1);
    check('document', 'số giấy tờ', documentNumber, rest.slice(-1));
    optional1 = '';
  } else {
    check('document', 'số giấy tờ', documentNumber, l1[14]!);
  }
  check('birth', 'ngày sinh', l2.slice(0, 6), l2[6]!);
  check('expiry', 'ngày hết hạn', l2.slice(8, 14), l2[14]!);
  check(
    'composite',
    'tổng hợp',
    l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29),
    l2[29]!,
  );
  const dateOfBirth = yymmddToIso(l2.slice(0, 6), today.getUTCFullYear(), false);
  const dateOfExpiry = yymmddToIso(l2.slice(8, 14), today.getUTCFullYear(), true);
  if (!dateOfBirth || !dateOfExpiry) return { ok: false, reason: 'dates are not digits' };
  const [surname = '', given = ''] = l3.split('<<');
  const idMatch = /^(\d{12})/.exec(optional1);
  const data: MrzData = {
    documentCode: l1.slice(0, 2).replace(/<+$/, ''),
    issuingState: l1.slice(2, 5).replace(/<+$/, ''),
    documentNumber: documentNumber.replace(/<+$/, ''),
    idNumber: idMatch ? idMatch[1]! : null,
    dateOfBirth,
    sex: l2[7] === 'M' ? 'M' : l2[7] === 'F' ? 'F' : null,
    dateOfExpiry,
    nationality: l2.slice(15, 18).replace(/<+$/, ''),
    surname: surname.replace(/<+/g, ' ').trim(),
    givenNames: given.replace(/<+/g, ' ').trim(),
    lines: [l1, l2, l3],
  };
  if (data.idNumber) {
    // Vietnamese cards put the last 9 digits of the ID number in the document-number field.
    checks.push({
      id: 'mrz.idMatchesDocument',
      ok: data.idNumber.endsWith(data.documentNumber),
      severity: 'error',
      message: msg(
        'Số giấy tờ trên MRZ là 9 số cuối của số định danh (bắt buộc).',
        'The MRZ document number is the last 9 digits of the ID number (required).',
      ),
    });
    checks.push(...checkIdNumber(data.idNumber, { dateOfBirth, sex: data.sex }));
  }
  const valid = checks.every((c) => c.ok || c.severity === 'note');
  return { ok: true, data, checks, valid };
}

/** The name as the MRZ spells it: upper case, no diacritics, Đ as D. */
export function mrzName(fullName: string): string {
  return foldVietnamese(fullName).toUpperCase();
}

/** Builds the three TD1 lines for a Vietnamese card (for generated test cards and demos). */
export function formatMrzTd1(h: CardHolder, dateOfExpiry: string): [string, string, string] {
  const docNumber = h.idNumber.slice(3);
  const l1Body = `${docNumber}${mrzCheckDigit(docNumber)}${h.idNumber}`.padEnd(25, '<');
  const l1 = `IDVNM${l1Body}`;
  const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const dob = yymmdd(h.dateOfBirth);
  const exp = yymmdd(dateOfExpiry);
  const l2Start = `${dob}${mrzCheckDigit(dob)}${h.sex ?? '<'}${exp}${mrzCheckDigit(exp)}VNM`;
  const l2Optional = '<'.repeat(11);
  const composite = mrzCheckDigit(
    l1.slice(5, 30) + l2Start.slice(0, 7) + l2Start.slice(8, 15) + l2Optional,
  );
  const l2 = `${l2Start}${l2Optional}${composite}`;
  const [surname = '', ...given] = mrzName(h.fullName).split(' ');
  const l3 = `${surname}<<${given.join('<')}`.padEnd(30, '<').slice(0, 30);
  return [l1, l2, l3];
}
