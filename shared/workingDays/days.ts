// Calendar days as Julian day numbers (plain integers make day arithmetic exact) and their ISO
// form, YYYY-MM-DD, as the holiday files, the contract and the screens write them.
import { z } from 'zod';
import { fromJulianDayNumber, julianDayNumber, type SolarDate } from '../lunar';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => isoToDay(s) !== null, 'not a calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** A day as a Julian day number. */
export type Day = number;

export function isoToDay(iso: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const day = julianDayNumber(date);
  const back = fromJulianDayNumber(day);
  return back.month === date.month && back.day === date.day ? day : null;
}

export function solarToIso({ year, month, day }: SolarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dayToIso(day: Day): IsoDate {
  return solarToIso(fromJulianDayNumber(day));
}

export function mustDay(iso: string): Day {
  const day = isoToDay(iso);
  if (day === null) throw new RangeError(`Not a date: ${iso}`);
  return day;
}

export function yearOfDay(day: Day): number {
  return fromJulianDayNumber(day).year;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return (day + 1) % 7;
}

export const isWeekend = (day: Day) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

/** DD/MM/YYYY, as Vietnamese papers print a date. */
export const isoToDmy = (iso: string) =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
