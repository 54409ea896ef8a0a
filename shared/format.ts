// Dates, times and numbers as the desk shows and prints them, one module for the screens, the
// slips and the reports: days as Vietnamese write them (dd/mm/yyyy), clock times in Vietnam time,
// numbers grouped the Vietnamese way (1.234,5) or the English way (1,234.5) by the UI's language.
// Nothing here asks the workstation for its locale or time zone (no Intl, no toLocale*), so a PC
// set to en-US or to another zone shows exactly what a Vietnamese one does.
import { vietnamTimeParts } from './time';

export type FormatLang = 'vi' | 'en';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Whether day/month/year name a day that exists (31/04 and 29/02 of a common year do not). */
export function isRealDay(day: number, month: number, year: number): boolean {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1;
}

/** The ISO day (YYYY-MM-DD) of these parts, or null when that day does not exist. */
export function isoDay(day: number, month: number, year: number): string | null {
  if (!isRealDay(day, month, year)) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** An instant as a Date, or null (an unparsable text, an invalid Date). */
function instant(value: string | Date): Date | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A day as dd/mm/yyyy. A calendar day (`YYYY-MM-DD`) is written as it is; an instant (an ISO time
 * or a Date) is the day it was in Vietnam. Anything else comes back unchanged, so a bad value is
 * seen rather than hidden.
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const day = ISO_DAY.exec(value);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  }
  const at = instant(value);
  if (!at) return String(value);
  const p = vietnamTimeParts(at);
  return `${p.day}/${p.month}/${p.year}`;
}

/** The clock time of an instant in Vietnam, HH:mm (24 hours). */
export function formatTime(value: string | Date): string {
  const at = instant(value);
  if (!at) return String(value);
  const p = vietnamTimeParts(at);
  return `${p.hour}:${p.minute}`;
}

/** An instant as dd/mm/yyyy HH:mm in Vietnam time. */
export function formatDateTime(value: string | Date): string {
  const at = instant(value);
  if (!at) return String(value);
  return `${formatDate(at)} ${formatTime(at)}`;
}

/** A span of days (a holiday, a search's range): one day when both ends are the same. */
export function formatDateSpan(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`;
}

/**
 * A day as people type it, to ISO (YYYY-MM-DD), or null when it is not a whole, real day.
 * Accepted: day first with any of / . - or spaces between the parts (14/7/1995, 14-07-1995,
 * 14 07 1995), the eight digits alone (14071995), and ISO as pasted from elsewhere (1995-07-14).
 * A two-digit year is refused: 14/07/95 could be 1895, 1995 or 2095.
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = ISO_DAY.exec(t);
  if (iso) return isoDay(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (digits) return isoDay(Number(digits[1]), Number(digits[2]), Number(digits[3]));
  const parts = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(t);
  if (parts) return isoDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  return null;
}

const SEPARATORS: Record<FormatLang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * A number with its thousands grouped and at most `fractionDigits` decimals (trailing zeros
 * dropped): 1234.5 → "1.234,5" in Vietnamese, "1,234.5" in English.
 */
export function formatNumber(value: number, lang: FormatLang, fractionDigits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  const { group, decimal } = SEPARATORS[lang];
  const fixed = Math.abs(value).toFixed(fractionDigits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const kept = fraction.replace(/0+$/, '');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${kept ? decimal + kept : ''}`;
}

/** A share (0–1) as a whole percentage, "51%". */
export function formatPercent(share: number, lang: FormatLang): string {
  return `${formatNumber(share * 100, lang)}%`;
}

/** A file size in B, KB, MB or GB (steps of 1024), one decimal above bytes. */
export function formatBytes(bytes: number, lang: FormatLang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, lang, unit === 0 ? 0 : 1)} ${units[unit]}`;
}
