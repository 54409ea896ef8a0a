// The date line of a document, "Quảng Ngãi, ngày 05 tháng 02 năm 2025", read the way a clerk
// reads it even when the day and month were written by hand, as they often are: OCR turns a
// handwritten 1 into A, 4, / or †, a 7 into T or F, a 0 into Ø or @. Each character is given the
// digits it can stand for (a printed digit only itself, at no cost); every reading that makes a
// calendar day is a candidate, and the cheapest wins. When the document carries signing times
// (a signed PDF, or "Thời gian ký:" printed by the signing portal), the date was issued on or
// before the first signature, within weeks: readings outside that window are dropped.
import { foldVietnamese } from '../../../shared/text';

export interface DatelineReading {
  /** ISO YYYY-MM-DD. */
  iso: string;
  /** 0–1. */
  confidence: number;
  /** Some digit had to be guessed from a look-alike (a handwritten day, usually). */
  guessed: boolean;
  raw: string;
}

/** Look-alikes of each digit, folded to lower case; cost 1 each. */
const LOOKALIKES: Record<string, string> = {
  '0': 'oøq@°dθ',
  '1': 'li|!/⁄†f)(][jíìa^',
  '2': 'z',
  '4': 'ah',
  '5': 's$§',
  '6': 'bg§',
  '7': 'tf?†>',
  '8': 'b&',
  '9': 'gqp',
};
/** Handwritten digits OCR reads as another digit (a 1 with a long flag as 4; 3 for 2 or 8). */
const DIGIT_SWAPS: Record<string, string> = { '4': '1', '3': '28', '9': '5', '0': '6' };
const SWAP_COST = 2;

type Option = { digit: string; cost: number };

function optionsFor(ch: string): Option[] {
  const c = ch.toLowerCase();
  const out: Option[] = [];
  if (/\d/.test(c)) {
    out.push({ digit: c, cost: 0 });
    for (const d of DIGIT_SWAPS[c] ?? '') out.push({ digit: d, cost: SWAP_COST });
    return out;
  }
  for (const [digit, looks] of Object.entries(LOOKALIKES))
    if (looks.includes(c)) out.push({ digit, cost: 1 });
  return out;
}

/** Every digit string the raw token can stand for, with its cost; empty when unreadable. */
export function digitReadings(raw: string, maxLength: number): Option[] {
  const chars = [...raw.replace(/[\s.,'`’":;-]/g, '')];
  if (chars.length === 0 || chars.length > maxLength) return [];
  let acc: Option[] = [{ digit: '', cost: 0 }];
  for (const ch of chars) {
    const opts = optionsFor(ch);
    if (opts.length === 0) return [];
    acc = acc.flatMap((a) =>
      opts.map((o) => ({ digit: a.digit + o.digit, cost: a.cost + o.cost })),
    );
  }
  return acc;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCDate() === d ? `${y}-${pad2(m)}-${pad2(d)}` : null;
}

/**
 * "ngày <d> tháng <m> năm <yyyy>", tolerant of glued words and of "tháng" and "năm" read without
 * their marks by a Latin model (thdng, nim).
 */
const DATELINE = /ng[aà]y\s*(\S{0,3}?)\s*th[a-z]?ng\s*(\S{0,3}?)\s*n[a-ză]m\s*(\S{4})/;

export interface DateWindow {
  /** ISO dates of the document's signatures; the issue date is on or before the earliest. */
  signedOn: string[];
}

/** How long before its first signature a document may have been issued. */
const MAX_DAYS_BEFORE_SIGNING = 60;
const DAY_MS = 86_400_000;

/** Days from the date to the first signature (0 without signatures); null when outside. */
function daysBeforeSigning(iso: string, window: DateWindow | undefined): number | null {
  const first = window?.signedOn.slice().sort()[0];
  if (!first) return 0;
  const gap = (Date.parse(first) - Date.parse(iso)) / DAY_MS;
  return gap >= 0 && gap <= MAX_DAYS_BEFORE_SIGNING ? gap : null;
}

interface Candidate {
  iso: string;
  cost: number;
  gap: number;
  raw: string;
}

/** Every calendar reading of a date line, cheapest first; empty when it holds none. */
function datelineCandidates(text: string, window?: DateWindow): Candidate[] {
  // Folded, but keeping the characters OCR puts in place of handwritten digits.
  const folded = foldVietnamese(text.replace(/[Ðð]/g, 'đ'));
  const m = DATELINE.exec(folded);
  if (!m) return [];
  const [raw, dayRaw, monthRaw, yearRaw] = m as unknown as [string, string, string, string];
  const years = digitReadings(yearRaw, 4).filter((y) => y.digit.length === 4);
  const days = digitReadings(dayRaw, 3).filter((d) => d.digit.length <= 2);
  const months = digitReadings(monthRaw, 3).filter((d) => d.digit.length <= 2);
  // Cheapest reading first; between equally cheap ones, the one closest to the signature (a
  // document is usually signed for publication within days of its issue).
  const readings: Candidate[] = [];
  for (const y of years)
    for (const mo of months)
      for (const d of days) {
        const iso = isoOf(Number(y.digit), Number(mo.digit), Number(d.digit));
        const gap = iso ? daysBeforeSigning(iso, window) : null;
        if (iso && gap !== null) readings.push({ iso, cost: y.cost + mo.cost + d.cost, gap, raw });
      }
  return readings.sort((a, b) => a.cost - b.cost || a.gap - b.gap);
}

/** The issue date of a date line, or null when it holds none or it cannot be read. */
export function readDateline(text: string, window?: DateWindow): DatelineReading | null {
  return readDatelines([text], window);
}

/**
 * The issue date from several readings of one date line (the page's, and second readings of the
 * line and of its day and month alone): the cheapest reading wins; between equally cheap ones,
 * the date more readings agree on. Agreement of independent readings raises the confidence.
 */
export function readDatelines(
  texts: readonly string[],
  window?: DateWindow,
): DatelineReading | null {
  const votes = new Map<string, { cost: number; votes: number; gap: number; raw: string }>();
  for (const text of texts) {
    const all = datelineCandidates(text, window);
    const seen = new Set<string>();
    for (const c of all.filter((x) => x.cost === all[0]!.cost)) {
      if (seen.has(c.iso)) continue;
      seen.add(c.iso);
      const v = votes.get(c.iso);
      if (!v) votes.set(c.iso, { cost: c.cost, votes: 1, gap: c.gap, raw: c.raw });
      else {
        v.votes++;
        if (c.cost < v.cost) Object.assign(v, { cost: c.cost, raw: c.raw });
      }
    }
  }
  const ranked = [...votes.entries()].sort(
    ([, a], [, b]) => a.cost - b.cost || b.votes - a.votes || a.gap - b.gap,
  );
  const [iso, best] = ranked[0] ?? [];
  if (!iso || !best) return null;
  const ties = ranked.filter(([, r]) => r.cost === best.cost && r.votes === best.votes).length - 1;
  const windowed = (window?.signedOn.length ?? 0) > 0;
  const base = best.cost === 0 ? 0.92 : best.cost <= 2 ? 0.6 : 0.4;
  const agreed = best.votes > 1 ? 0.1 : 0;
  const confidence = Math.min(
    0.95,
    Math.max(0.2, base - ties * 0.15 + (best.cost > 0 && windowed ? 0.1 : 0) + agreed),
  );
  return { iso, confidence, guessed: best.cost > 0, raw: best.raw };
}

/** The raw day, month and year tokens of a date line, as read. */
export function datelineParts(text: string): { day: string; month: string; year: string } | null {
  const m = DATELINE.exec(foldVietnamese(text.replace(/[Ðð]/g, 'đ')));
  return m ? { day: m[1]!, month: m[2]!, year: m[3]! } : null;
}

/**
 * A date line put together from its day and month read alone (a slot cut between the printed
 * words) and the year of a whole-line reading; null without a year or without either slot.
 */
export function datelineFromSlots(
  day: string | undefined,
  month: string | undefined,
  lines: readonly string[],
): string | null {
  // A slot may end in the first stroke of the word after it ("01i" before "tháng").
  const token = (s: string | undefined) => {
    let t = s?.trim().split(/\s+/)[0] ?? '';
    while (t.length > 2 && /[il|!j;:,.]$/.test(t)) t = t.slice(0, -1);
    return t || undefined;
  };
  const parts = lines.map(datelineParts).find((p) => p);
  const d = token(day) ?? parts?.day;
  const m = token(month) ?? parts?.month;
  if (!parts || (!day && !month) || !d || !m) return null;
  return `ngày ${d} tháng ${m} năm ${parts.year}`;
}

/** A date line whose day or month is missing from the text (filled in on the image only). */
export function datelineIncomplete(text: string): boolean {
  const folded = foldVietnamese(text);
  return /ng[aà]y\s*(th[a-z]?ng|\/)|th[a-z]?ng\s*n[aă]m/.test(folded);
}

/** Signing dates printed by signing portals: "Thời gian ký: 05/01/2021 08:15:24". */
export function printedSigningDates(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const m = /thoi gian ky\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(foldVietnamese(line));
    const iso = m ? isoOf(Number(m[3]), Number(m[2]), Number(m[1])) : null;
    if (iso) out.push(iso);
  }
  return out;
}
