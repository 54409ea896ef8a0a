// Applicant identification from the chip ID card (CCCD / thẻ căn cước): the front QR, the back
// MRZ (ICAO 9303 TD1) and the 12-digit personal identification number. Every check is reported;
// a mismatch is flagged for the clerk, never silently corrected or hidden.
import { z } from 'zod';
import { foldVietnamese, nfc } from './text';

export type Sex = 'M' | 'F';

export interface CardHolder {
  idNumber: string;
  /** The old 9-digit CMND number, when the QR carries one. */
  oldIdNumber: string;
  fullName: string;
  /** ISO YYYY-MM-DD. */
  dateOfBirth: string;
  sex: Sex | null;
  address: string;
  /** ISO YYYY-MM-DD. */
  dateOfIssue: string;
}

export interface IdentityCheck {
  /** Stable identifier of the check, e.g. 'id.province', 'mrz.check.birth'. */
  id: string;
  ok: boolean;
  /** 'error': the data disagree; 'note': worth a look but often legitimate. */
  severity: 'error' | 'note';
  message: { vi: string; en: string };
}

// ---- ID number ---------------------------------------------------------------------------

/** Province codes of the birth-registration place (TT 07/2016/TT-BCA, 63 provinces). */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export interface IdNumberInfo {
  provinceCode: string;
  province: string | null;
  sex: Sex;
  century: number;
  /** Last two digits of the birth year. */
  yearDigits: string;
}

/** Decodes the structure of a 12-digit ID number (4th digit: sex and century of birth). */
export function decodeIdNumber(id: string): IdNumberInfo | null {
  if (!/^\d{12}$/.test(id)) return null;
  const genderCentury = Number(id[3]);
  return {
    provinceCode: id.slice(0, 3),
    province: PROVINCE_CODES[id.slice(0, 3)] ?? null,
    sex: genderCentury % 2 === 0 ? 'M' : 'F',
    // 0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s.
    century: 1900 + Math.floor(genderCentury / 2) * 100,
    yearDigits: id.slice(4, 6),
  };
}

const msg = (vi: string, en: string) => ({ vi, en });

/** The ID number's own format and its agreement with date of birth, sex and address. */
export function checkIdNumber(
  id: string,
  other: { dateOfBirth?: string; sex?: Sex | null; address?: string } = {},
): IdentityCheck[] {
  const info = decodeIdNumber(id);
  const checks: IdentityCheck[] = [
    {
      id: 'id.format',
      ok: info !== null,
      severity: 'error',
      message: info
        ? msg(`Số định danh ${id} gồm 12 chữ số.`, `ID number ${id} has 12 digits.`)
        : msg(
            `Số định danh "${id}" phải gồm đúng 12 chữ số.`,
            `ID number "${id}" must be exactly 12 digits.`,
          ),
    },
  ];
  if (!info) return checks;
  checks.push({
    id: 'id.province',
    ok: info.province !== null,
    severity: 'error',
    message: msg(
      `Mã tỉnh ${info.provinceCode} ${info.province ? `(${info.province})` : 'không tồn tại'}.`,
      `Province code ${info.provinceCode} ${info.province ? `(${info.province})` : 'does not exist'}.`,
    ),
  });
  if (other.sex) {
    checks.push({
      id: 'id.sex',
      ok: other.sex === info.sex,
      severity: 'error',
      message: msg(
        `Chữ số thứ 4 (${id[3]}) ứng với giới tính ${info.sex === 'M' ? 'Nam' : 'Nữ'}; thẻ ghi ${other.sex === 'M' ? 'Nam' : 'Nữ'}.`,
        `The 4th digit (${id[3]}) means ${info.sex === 'M' ? 'male' : 'female'}; the card says ${other.sex === 'M' ? 'male' : 'female'}.`,
      ),
    });
  }
  if (other.dateOfBirth) {
    const year = Number(other.dateOfBirth.slice(0, 4));
    const expected = info.century + Number(info.yearDigits);
    checks.push({
      id: 'id.birthYear',
      ok: year === expected,
      severity: 'error',
      message: msg(
        `Số định danh ứng với năm sinh ${expected}; ngày sinh ghi năm ${year}.`,
        `The ID number means birth year ${expected}; the date of birth says ${year}.`,
      ),
    });
  }
  if (other.address && info.province) {
    // The code is the province where the birth was registered, so a different address is common.
    const ok = foldVietnamese(other.address).includes(foldVietnamese(info.province));
    checks.push({
      id: 'id.addressProvince',
      ok,
      severity: 'note',
      message: msg(
        `Mã tỉnh nơi đăng ký khai sinh là ${info.province}; địa chỉ ${ok ? 'cùng tỉnh' : 'ở tỉnh khác (thường gặp khi chuyển nơi ở)'}.`,
        `Birth-registration province is ${info.province}; the address is ${ok ? 'in the same province' : 'elsewhere (common after moving)'}.`,
      ),
    });
  }
  return checks;
}

// ---- front QR ------------------------------------------------------------------------------

/** ddmmyyyy → YYYY-MM-DD, or null. */
function dmyToIso(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [, d, mo, y] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return `${y}-${mo}-${d}`;
}

function parseSex(s: string): Sex | null {
  const f = foldVietnamese(s);
  if (f === 'nam' || f === 'm' || f === 'male') return 'M';
  if (f === 'nu' || f === 'f' || f === 'female') return 'F';
  return null;
}

export type QrParse =
  | { ok: true; holder: CardHolder; checks: IdentityCheck[]; extraFields: string[] }
  | { ok: false; reason: string };

/**
 * The front QR of a chip card: `ID|old ID|full name|ddmmyyyy birth|sex|address|ddmmyyyy issue`,
 * '|'-separated. Newer cards append fields (kept in `extraFields`); the old ID may be empty.
 */
export function parseCccdQr(raw: string): QrParse {
  const text = nfc(raw)
    .replace(/[\r\n]+$/g, '')
    .trim();
  const parts = text.split('|');
  if (parts.length < 7) return { ok: false, reason: `expected ≥7 fields, got ${parts.length}` };
  const [id = '', oldId = '', name = '', dob = '', sexText = '', address = '', issue = ''] =
    parts.map((p) => p.trim());
  if (!/^\d{12}$/.test(id)) return { ok: false, reason: 'first field is not a 12-digit ID number' };
  const dateOfBirth = dmyToIso(dob);
  const dateOfIssue = dmyToIso(issue);
  if (!dateOfBirth) return { ok: false, reason: `bad date of birth "${dob}"` };
  if (!dateOfIssue) return { ok: false, reason: `bad date of issue "${issue}"` };
  if (oldId && !/^\d{9}(\d{3})?$/.test(oldId))
    return { ok: false, reason: `bad old ID "${oldId}"` };
  const holder: CardHolder = {
    idNumber: id,
    oldIdNumber: oldId,
    fullName: name.replace(/\s+/g, ' '),
    dateOfBirth,
    sex: parseSex(sexText),
    address: address.replace(/\s+/g, ' '),
    dateOfIssue,
  };
  const checks = checkIdNumber(id, holder);
  checks.push({
    id: 'qr.issueAfterBirth',
    ok: dateOfIssue > dateOfBirth,
    severity: 'error',
    message: msg(
      'Ngày cấp phải sau ngày sinh.',
      'The date of issue must be after the date of birth.',
    ),
  });
  return { ok: true, holder, checks, extraFields: parts.slice(7) };
}

/**
 * Text typed by a handheld QR scanner acting as a keyboard: it ends with Enter (sometimes Tab),
 * may arrive in NFD, and some layouts turn '|' into '¦' or '\'. Several scans in one text box
 * are split on line breaks; the last complete one wins.
 */
export function parseKeyboardWedge(typed: string): QrParse {
  const scans = typed
    .split(/[\r\n]+/)
    .map((s) =>
      nfc(s)
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/[¦\\]/g, '|')
        .trim(),
    )
    .filter(Boolean);
  let last: QrParse = { ok: false, reason: 'no scan' };
  for (const scan of scans) {
    const parsed = parseCccdQr(scan);
    if (parsed.ok) last = parsed;
    else if (!last.ok) last = parsed;
  }
  if (last.ok) {
    // A scanner in plain keyboard mode cannot type Vietnamese letters: they vanish or turn into
    // '?'. A name and address with no Vietnamese letter at all is almost surely that.
    const ascii = /^[\x20-\x7e]*$/;
    const lost = ascii.test(last.holder.fullName) && ascii.test(last.holder.address);
    last.checks.push({
      id: 'wedge.diacritics',
      ok: !lost,
      severity: 'note',
      message: lost
        ? msg(
            'Họ tên và địa chỉ không có dấu: máy quét có thể đã làm mất chữ tiếng Việt (đặt máy quét ở chế độ Unicode) — đối chiếu với thẻ.',
            'Name and address have no Vietnamese letters: the scanner may have dropped them (set it to Unicode mode); check against the card.',
          )
        : msg(
            'Chữ tiếng Việt nhận đủ từ máy quét.',
            'Vietnamese letters arrived intact from the scanner.',
          ),
    });
  }
  return last;
}

// ---- MRZ (ICAO 9303 TD1) -------------------------------------------------------------------

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

/** Cross-checks the front QR against the back MRZ of the same card. */
export function crossCheckCard(holder: CardHolder, mrz: MrzData): IdentityCheck[] {
  const same = (id: string, ok: boolean, vi: string, en: string): IdentityCheck => ({
    id,
    ok,
    severity: 'error',
    message: ok
      ? msg(`${vi} ở QR và MRZ khớp nhau.`, `QR and MRZ ${en} match.`)
      : msg(`${vi} ở QR và MRZ KHÁC nhau.`, `QR and MRZ ${en} DIFFER.`),
  });
  return [
    same('card.id', mrz.idNumber === holder.idNumber, 'Số định danh', 'ID numbers'),
    same('card.birth', mrz.dateOfBirth === holder.dateOfBirth, 'Ngày sinh', 'dates of birth'),
    same('card.sex', mrz.sex === holder.sex, 'Giới tính', 'sex'),
    same(
      'card.name',
      `${mrz.surname} ${mrz.givenNames}`.trim() === mrzName(holder.fullName),
      'Họ tên',
      'names',
    ),
  ];
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

// ---- schemas for the contract ---------------------------------------------------------------

export const CardHolderSchema = z.object({
  idNumber: z.string(),
  oldIdNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  address: z.string(),
  dateOfIssue: z.string(),
});

export const IdentityCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  severity: z.enum(['error', 'note']),
  message: z.object({ vi: z.string(), en: z.string() }),
});

export const MrzDataSchema = z.object({
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  idNumber: z.string().nullable(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  dateOfExpiry: z.string(),
  nationality: z.string(),
  surname: z.string(),
  givenNames: z.string(),
  lines: z.tuple([z.string(), z.string(), z.string()]),
});
