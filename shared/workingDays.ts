// Working days of Vietnamese state agencies, and the appointment date of a dossier.
// Public holidays (Bộ luật Lao động 2019, Art. 112): 1/1; Tết Nguyên Đán, 5 days; 10/3 lunar;
// 30/4; 1/5; 2/9 and one adjacent day. Every year the government fixes the Tết span, the day
// next to 2/9, compensatory days off and swapped working Saturdays: those come from editable
// data (resources/holidays/<year>.json). Years without data get the statutory days with a
// default Tết span and automatic compensation, and every answer says when it relied on them.
import { z } from 'zod';
import {
  fromJulianDayNumber,
  julianDayNumber,
  lunarToSolar,
  tetDate,
  type SolarDate,
} from './lunar';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => isoToDay(s) !== null, 'not a calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

const DayNote = z.object({ date: IsoDate, reason: z.string().min(1) });
export type DayNote = z.infer<typeof DayNote>;

/** One year of decisions about days off, as published (e.g. a Prime Minister's notice). */
export const HolidayYear = z.object({
  year: z.number().int().min(1900).max(2100),
  /** Where the data comes from, so IT can check it against the text. */
  source: z.string().default(''),
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
   * lists them, which is how the government publishes them.
   */
  autoCompensate: z.boolean().default(false),
});
export type HolidayYear = z.infer<typeof HolidayYear>;
export type HolidayYearInput = z.input<typeof HolidayYear>;

/** A day as a Julian day number: plain integers make day arithmetic exact. */
type Day = number;

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

function mustDay(iso: string): Day {
  const day = isoToDay(iso);
  if (day === null) throw new RangeError(`Not a date: ${iso}`);
  return day;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return (day + 1) % 7;
}

const isWeekend = (day: Day) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** Why the day is off (or, for a swapped Saturday, why it is worked); '' for an ordinary day. */
  reason: string;
  /** True when the year had no published data and defaults were used. */
  estimated: boolean;
}

/** The statutory holidays and the default decisions for a year without published data. */
export function defaultHolidayYear(year: number): HolidayYear {
  const tet = mustDay(solarToIso(tetDate(year)));
  const nationalDay = mustDay(`${year}-09-02`);
  // Recent notices put the extra day where it joins a weekend: 1/9 when 2/9 is a Tuesday,
  // Friday or Saturday, else 3/9 (2021–2025 all follow this).
  const adjacent = [2, 5, 6].includes(weekdayOf(nationalDay)) ? nationalDay - 1 : nationalDay + 1;
  return HolidayYear.parse({
    year,
    source: 'mặc định theo Bộ luật Lao động 2019, Điều 112 (chưa có thông báo của năm)',
    // The law gives 5 days; the usual span is the last day of the old year to the 4th of Tết.
    tet: { from: dayToIso(tet - 1), to: dayToIso(tet + 3) },
    nationalDayAdjacent: dayToIso(adjacent),
    autoCompensate: true,
  });
}

interface YearTable {
  off: Map<Day, string>;
  worked: Map<Day, string>;
  /** Every day of the year is an estimate (no published data for it). */
  estimated: boolean;
  /** Days whose status came from a default in a year with published data. */
  estimatedDays: Set<Day>;
}

function buildYear(data: HolidayYear, estimated: boolean): YearTable {
  const estimatedDays = new Set<Day>();
  const { year } = data;
  const off = new Map<Day, string>();
  const holidays: Day[] = [];
  const holiday = (day: Day, reason: string) => {
    if (!off.has(day)) off.set(day, reason);
    holidays.push(day);
  };
  holiday(mustDay(`${year}-01-01`), 'Tết Dương lịch');
  const tet = data.tet ?? defaultHolidayYear(year).tet!;
  for (let d = mustDay(tet.from); d <= mustDay(tet.to); d++) holiday(d, 'Tết Nguyên Đán');
  if (!data.tet) {
    // The real span may start or end a few days either side of the default one.
    for (let d = mustDay(tet.from) - 7; d <= mustDay(tet.to) + 7; d++) estimatedDays.add(d);
  }
  const hung = lunarToSolar({ year, month: 3, day: 10, leap: false });
  if (hung) holiday(mustDay(solarToIso(hung)), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  holiday(mustDay(`${year}-04-30`), 'Ngày Chiến thắng (30/4)');
  holiday(mustDay(`${year}-05-01`), 'Ngày Quốc tế Lao động (1/5)');
  holiday(mustDay(`${year}-09-02`), 'Quốc khánh (2/9)');
  const adjacent = data.nationalDayAdjacent ?? defaultHolidayYear(year).nationalDayAdjacent!;
  holiday(mustDay(adjacent), 'Quốc khánh (ngày liền kề 2/9)');
  if (!data.nationalDayAdjacent) {
    // 1/9 or 3/9, and a swapped day the same week: the week around 2/9 is uncertain.
    for (let d = mustDay(`${year}-09-02`) - 5; d <= mustDay(`${year}-09-02`) + 5; d++) {
      estimatedDays.add(d);
    }
  }
  for (const note of data.daysOff) off.set(mustDay(note.date), note.reason);

  const worked = new Map<Day, string>();
  for (const note of data.workingDays) worked.set(mustDay(note.date), note.reason);

  if (data.autoCompensate) {
    // Art. 112(3): a holiday on a weekly rest day is compensated on the next working day.
    for (const day of [...new Set(holidays)].sort((a, b) => a - b)) {
      if (!isWeekend(day)) continue;
      let next = day + 1;
      while (isWeekend(next) || off.has(next)) next++;
      off.set(next, `Nghỉ bù ${off.get(day) ?? ''}`.trim());
    }
  }
  return { off, worked, estimated, estimatedDays };
}

/** Answers "is this a working day?" for any date 1900–2100, from published data and defaults. */
export class WorkingCalendar {
  private readonly years = new Map<number, YearTable>();
  private readonly published = new Map<number, HolidayYear>();

  constructor(data: readonly HolidayYearInput[] = []) {
    for (const input of data) {
      const year = HolidayYear.parse(input);
      this.published.set(year.year, year);
    }
  }

  /** Years with published data, ascending. */
  get publishedYears(): number[] {
    return [...this.published.keys()].sort((a, b) => a - b);
  }

  private table(year: number): YearTable {
    let table = this.years.get(year);
    if (!table) {
      const data = this.published.get(year);
      // Data that leaves the Tết span or the day next to 2/9 to the defaults is still an
      // estimate around those days (estimatedDays), not for the rest of the year.
      table = data ? buildYear(data, false) : buildYear(defaultHolidayYear(year), true);
      this.years.set(year, table);
    }
    return table;
  }

  private yearOf(day: Day): number {
    return fromJulianDayNumber(day).year;
  }

  info(date: IsoDate | Day): DayInfo {
    const day = typeof date === 'number' ? date : mustDay(date);
    const table = this.table(this.yearOf(day));
    const iso = dayToIso(day);
    const estimated = table.estimated || table.estimatedDays.has(day);
    const worked = table.worked.get(day);
    if (worked !== undefined) return { date: iso, working: true, reason: worked, estimated };
    const off = table.off.get(day);
    if (off !== undefined) return { date: iso, working: false, reason: off, estimated };
    if (isWeekend(day)) {
      const reason = weekdayOf(day) === 0 ? 'Chủ nhật' : 'Thứ Bảy';
      return { date: iso, working: false, reason, estimated };
    }
    return { date: iso, working: true, reason: '', estimated };
  }

  isWorkingDay(date: IsoDate | Day): boolean {
    return this.info(date).working;
  }

  /** The `n`-th working day strictly after `date` (n = 0: `date` itself if working, else the next). */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Bad number of working days: ${n}`);
    let day = mustDay(date);
    if (n === 0) {
      while (!this.isWorkingDay(day)) day++;
      return dayToIso(day);
    }
    let left = n;
    while (left > 0) {
      day++;
      if (this.isWorkingDay(day)) left--;
    }
    return dayToIso(day);
  }

  /** Every day that is off in [from, to], for showing the calendar. */
  daysOff(from: IsoDate, to: IsoDate): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = mustDay(from); d <= mustDay(to); d++) {
      const info = this.info(d);
      if (!info.working) out.push(info);
    }
    return out;
  }
}

export const CutOff = z.object({
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59).default(0),
});
export type CutOff = z.infer<typeof CutOff>;

/**
 * Default cut-off: 15:00, the hour after which ND 23/2015 Art. 7 lets a same-day certification be
 * returned on the next working day; agencies configure their own.
 */
export const DEFAULT_CUT_OFF: CutOff = { hour: 15, minute: 0 };

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

export interface DueDate {
  /** The day counting starts from (the receipt day, or the next working day after a late or
   * non-working-day receipt). */
  countedFrom: IsoDate;
  /** The appointment date. */
  due: IsoDate;
  workingDays: number;
  /** True when a day in the span came from default rules rather than published data. */
  estimated: boolean;
}

/**
 * Appointment date: `workingDays` working days after the receipt day, the receipt day itself not
 * counted (Bộ luật Dân sự 2015, Art. 147: a period in days starts the day after the event).
 * A dossier received on a non-working day, or at or after the cut-off, counts as received on the
 * next working day. `workingDays = 0` (same-day procedures) gives the effective receipt day.
 */
export function dueDate(
  calendar: WorkingCalendar,
  receivedAt: Date,
  workingDays: number,
  cutOff: CutOff = DEFAULT_CUT_OFF,
): DueDate {
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError('Invalid receipt time');
  const local = new Date(receivedAt.getTime() + VIETNAM_OFFSET_MS);
  let day = mustDay(
    solarToIso({
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
    }),
  );
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const late = minutes >= cutOff.hour * 60 + cutOff.minute;
  let estimated = calendar.info(day).estimated;
  if (late || !calendar.isWorkingDay(day)) {
    day++;
    while (!calendar.isWorkingDay(day)) day++;
  }
  const countedFrom = dayToIso(day);
  const due = calendar.addWorkingDays(countedFrom, workingDays);
  for (let d = day; d <= mustDay(due); d++) estimated ||= calendar.info(d).estimated;
  return { countedFrom, due, workingDays, estimated };
}
