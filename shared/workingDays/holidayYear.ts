// One year of decisions about days off, as the government's notice publishes them (Tết span,
// the day next to 2/9, compensatory and swapped days), or as estimated from the statutory list
// while no notice is out. The holiday files in resources/holidays/<year>.json and the
// province's own in <data folder>/holidays/ hold this.
import { z } from 'zod';
import { IsoDate } from './days';

/** How sure a line is: the legal text read, a secondary summary, or our inference. */
export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

export const DayNote = z.object({
  date: IsoDate,
  reason: z.string().min(1),
  /** Where this day comes from, when not the year's notice (e.g. another official letter). */
  source: z.string().optional(),
  confidence: Confidence.optional(),
});
export type DayNote = z.infer<typeof DayNote>;

/** The published notice a year's data comes from. */
export const HolidayNotice = z.object({
  /** Its number and symbol, e.g. "9441/TB-BNV". */
  number: z.string().min(1).max(100),
  date: IsoDate.optional(),
  /** Who issued it, e.g. "Bộ Nội vụ". */
  issuer: z.string().max(200).optional(),
});
export type HolidayNotice = z.infer<typeof HolidayNotice>;

/**
 * 'official': the year's notice is out and this file follows it. 'estimated': computed from the
 * statutory list ("chưa có thông báo chính thức"); every appointment date in the year says so.
 */
export const YearStatus = z.enum(['official', 'estimated']);
export type YearStatus = z.infer<typeof YearStatus>;

export const HolidayYear = z.object({
  year: z.number().int().min(1900).max(2100),
  /** Files written before the field existed held published decisions: official. */
  status: YearStatus.default('official'),
  notice: HolidayNotice.optional(),
  /** Where the data comes from, so IT can check it against the text. */
  source: z.string().default(''),
  confidence: Confidence.optional(),
  /** Official Tết span for civil servants, both ends included (weekends inside it too). */
  tet: z.object({ from: IsoDate, to: IsoDate }).optional(),
  /** The day off next to 2/9 (1/9 or 3/9). */
  nationalDayAdjacent: IsoDate.optional(),
  /** Extra days off: compensatory days (nghỉ bù) and bridged days (nghỉ hoán đổi). */
  daysOff: z.array(DayNote).default([]),
  /** Days worked although normally off: swapped working Saturdays (làm bù). */
  workingDays: z.array(DayNote).default([]),
  /**
   * Compute compensatory days for holidays falling on a weekend. Off when `daysOff` already
   * lists them, which is how notices and estimates publish them.
   */
  autoCompensate: z.boolean().default(false),
});
export type HolidayYear = z.infer<typeof HolidayYear>;
export type HolidayYearInput = z.input<typeof HolidayYear>;

/** "Thông báo 9441/TB-BNV ngày 16/10/2025", or '' without a notice. */
export function noticeLabel(year: Pick<HolidayYear, 'notice'>): string {
  const n = year.notice;
  if (!n) return '';
  const date = n.date
    ? ` ngày ${n.date.slice(8, 10)}/${n.date.slice(5, 7)}/${n.date.slice(0, 4)}`
    : '';
  return `Thông báo ${n.number}${date}`;
}
