// The statutory holidays as data (resources/holidays/statutory.json): each with its date (solar
// or lunar), the days off the law gives, its legal basis and the year it took effect. A new
// holiday, or one the law changes, is a line in that file, not a release. The law leaves two
// spans to the Prime Minister each year (Bộ luật Lao động 2019, Art. 112(3)): Tết and the day
// next to 2/9; a rule names the field of the year's notice that carries that decision.
import { z } from 'zod';
import { lunarToSolar } from '../lunar';
import { dayToIso, mustDay, solarToIso, weekdayOf, type Day } from './days';
import { Confidence, type HolidayYear } from './holidayYear';

export const HolidayRule = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** The holiday's date in the solar (dương lịch) or lunar (âm lịch) calendar. */
  calendar: z.enum(['solar', 'lunar']),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  /** Days off the law gives; the span starts `daysBefore` days before the date. */
  days: z.number().int().min(1).max(10).default(1),
  daysBefore: z.number().int().min(0).max(9).default(0),
  /** Days the government adds next to the holiday each year (2/9: one, on 1/9 or 3/9). */
  adjacentDays: z.number().int().min(0).max(1).default(0),
  /** The field of a year's notice that fixes this holiday's days (the law leaves it to it). */
  yearlyField: z.enum(['tet', 'nationalDayAdjacent']).optional(),
  /** The provision that grants the day off. */
  basis: z.string().min(1),
  /** First and last year the rule applies. */
  since: z.number().int().min(1900).max(2100),
  until: z.number().int().min(1900).max(2100).optional(),
  /** A proposed holiday is listed but counts only once enacted. */
  enacted: z.boolean().default(true),
  confidence: Confidence.optional(),
  note: z.string().optional(),
});
export type HolidayRule = z.infer<typeof HolidayRule>;

export const StatutoryHolidays = z
  .object({ source: z.string().default(''), holidays: z.array(HolidayRule).min(1) })
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    list.holidays.forEach((h, i) => {
      if (ids.has(h.id))
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'id'], message: `duplicate ${h.id}` });
      ids.add(h.id);
      if (h.until !== undefined && h.until < h.since)
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'until'], message: 'until < since' });
    });
  });
export type StatutoryHolidays = z.infer<typeof StatutoryHolidays>;
export type StatutoryHolidaysInput = z.input<typeof StatutoryHolidays>;

/** The rules that count in `year`: enacted, and in force that year. */
export function rulesInForce(list: StatutoryHolidays, year: number): HolidayRule[] {
  return list.holidays.filter(
    (h) => h.enacted && h.since <= year && (h.until === undefined || year <= h.until),
  );
}

/** The holiday's date in solar `year`, or null (a lunar day that month does not have). */
export function ruleDate(rule: HolidayRule, year: number): Day | null {
  const { month, day } = rule;
  if (rule.calendar === 'solar') {
    const iso = solarToIso({ year, month, day });
    try {
      return mustDay(iso);
    } catch {
      return null;
    }
  }
  const solar = lunarToSolar({ year, month, day, leap: false });
  return solar && solar.year === year ? mustDay(solarToIso(solar)) : null;
}

/** The law's span of a holiday in `year` before any notice: [first, last] day. */
export function defaultSpan(rule: HolidayRule, date: Day): [Day, Day] {
  const first = date - rule.daysBefore;
  return [first, first + rule.days - 1];
}

/**
 * The adjacent day notices choose: the one that joins a weekend, 1/9 when 2/9 is a Tuesday,
 * Friday or Saturday, else 3/9 (every notice of 2021–2025 followed this).
 */
export function defaultAdjacentDay(date: Day): Day {
  return [2, 5, 6].includes(weekdayOf(date)) ? date - 1 : date + 1;
}

/** The estimated year's two yearly decisions (Tết span, day next to 2/9), from the statutory list. */
export function defaultDecisions(
  list: StatutoryHolidays,
  year: number,
): Pick<HolidayYear, 'tet' | 'nationalDayAdjacent'> {
  const out: Pick<HolidayYear, 'tet' | 'nationalDayAdjacent'> = {};
  for (const rule of rulesInForce(list, year)) {
    const date = ruleDate(rule, year);
    if (date === null) continue;
    if (rule.yearlyField === 'tet') {
      const [from, to] = defaultSpan(rule, date);
      out.tet = { from: dayToIso(from), to: dayToIso(to) };
    } else if (rule.yearlyField === 'nationalDayAdjacent' && rule.adjacentDays > 0) {
      out.nationalDayAdjacent = dayToIso(defaultAdjacentDay(date));
    }
  }
  return out;
}
