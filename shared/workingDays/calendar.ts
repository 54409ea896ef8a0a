// Which days state agencies work: weekends off, the statutory holidays (data, see statutory.ts)
// and each year's decisions (the notice, or an estimate while no notice is out). Every answer
// says whether it rests on an official notice or on an estimate.
import { dayToIso, isWeekend, mustDay, weekdayOf, yearOfDay, type Day, type IsoDate } from './days';
import { HolidayYear, noticeLabel, type HolidayYearInput, type YearStatus } from './holidayYear';
import {
  StatutoryHolidays,
  defaultAdjacentDay,
  defaultDecisions,
  defaultSpan,
  ruleDate,
  rulesInForce,
  type StatutoryHolidaysInput,
} from './statutory';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** Why the day is off (or, for a swapped Saturday, why it is worked); '' for an ordinary day. */
  reason: string;
  /** True when the day's status comes from an estimate rather than a published notice. */
  estimated: boolean;
}

/** Whether a year's calendar follows an official notice, and which. */
export interface YearBasis {
  year: number;
  status: YearStatus;
  /** "Thông báo 9441/TB-BNV ngày 16/10/2025", '' when there is none. */
  notice: string;
}

interface YearTable {
  off: Map<Day, string>;
  worked: Map<Day, string>;
  basis: YearBasis;
  /** Days around a decision the year's data left to the defaults. */
  estimatedDays: Set<Day>;
}

function buildYear(statutory: StatutoryHolidays, data: HolidayYear): YearTable {
  const { year } = data;
  const off = new Map<Day, string>();
  const estimatedDays = new Set<Day>();
  const holidays: Day[] = [];
  const holiday = (day: Day, reason: string) => {
    if (!off.has(day)) off.set(day, reason);
    holidays.push(day);
  };
  const uncertain = (from: Day, to: Day) => {
    for (let d = from; d <= to; d++) estimatedDays.add(d);
  };
  for (const rule of rulesInForce(statutory, year)) {
    const date = ruleDate(rule, year);
    if (date === null) continue;
    let [first, last] = defaultSpan(rule, date);
    if (rule.yearlyField === 'tet') {
      // The real span may start or end a few days either side of the default one.
      if (data.tet) [first, last] = [mustDay(data.tet.from), mustDay(data.tet.to)];
      else uncertain(first - 7, last + 7);
    }
    for (let d = first; d <= last; d++) holiday(d, rule.name);
    if (rule.adjacentDays > 0) {
      const chosen =
        rule.yearlyField === 'nationalDayAdjacent' ? data.nationalDayAdjacent : undefined;
      holiday(chosen ? mustDay(chosen) : defaultAdjacentDay(date), `${rule.name} (ngày liền kề)`);
      // 1/9 or 3/9, and a swapped day the same week: the week around the holiday is uncertain.
      if (!chosen) uncertain(date - 5, date + 5);
    }
  }
  for (const note of data.daysOff) off.set(mustDay(note.date), note.reason);
  const worked = new Map<Day, string>();
  for (const note of data.workingDays) worked.set(mustDay(note.date), note.reason);
  if (data.autoCompensate) compensate(off, holidays);
  const basis = { year, status: data.status, notice: noticeLabel(data) };
  return { off, worked, basis, estimatedDays };
}

/**
 * Bộ luật Lao động 2019, Art. 111(3): a holiday on a weekly rest day is made up on the next
 * working day. Returns the days added.
 */
function compensate(off: Map<Day, string>, holidays: readonly Day[]): Day[] {
  const added: Day[] = [];
  for (const day of [...new Set(holidays)].sort((a, b) => a - b)) {
    if (!isWeekend(day)) continue;
    let next = day + 1;
    while (isWeekend(next) || off.has(next)) next++;
    off.set(next, `Nghỉ bù ${off.get(day) ?? ''}`.trim());
    added.push(next);
  }
  return added;
}

const ESTIMATE_SOURCE =
  'Ước tính theo danh sách ngày lễ theo luật (Bộ luật Lao động 2019, Điều 112), âm lịch tính theo múi giờ Việt Nam; chưa có thông báo chính thức. Thay bằng thông báo của năm khi có.';

/**
 * A year without a notice, computed from the statutory list: the law's Tết span (the last day
 * of the old year and the first four of the new), the day next to 2/9 that joins a weekend, and
 * each holiday on a weekend made up on the next working day, listed as days off.
 */
export function estimateHolidayYear(
  statutoryInput: StatutoryHolidaysInput,
  year: number,
): HolidayYear {
  const statutory = StatutoryHolidays.parse(statutoryInput);
  const decisions = defaultDecisions(statutory, year);
  const plain = HolidayYear.parse({ year, status: 'estimated', ...decisions });
  const table = buildYear(statutory, plain);
  const holidays = [...table.off.keys()];
  const added = compensate(table.off, holidays).sort((a, b) => a - b);
  return HolidayYear.parse({
    ...plain,
    source: ESTIMATE_SOURCE,
    confidence: 'low',
    daysOff: added.map((d) => ({ date: dayToIso(d), reason: table.off.get(d)! })),
  });
}

/** Answers "is this a working day?" for any date 1900–2100, from the notices and the statutory list. */
export class WorkingCalendar {
  private readonly years = new Map<number, YearTable>();
  private readonly published = new Map<number, HolidayYear>();
  private readonly statutory: StatutoryHolidays;

  constructor(opts: { statutory: StatutoryHolidaysInput; years?: readonly HolidayYearInput[] }) {
    this.statutory = StatutoryHolidays.parse(opts.statutory);
    for (const input of opts.years ?? []) {
      const year = HolidayYear.parse(input);
      this.published.set(year.year, year);
    }
  }

  /** Years with a file (a notice or a shipped estimate), ascending. */
  get publishedYears(): number[] {
    return [...this.published.keys()].sort((a, b) => a - b);
  }

  private table(year: number): YearTable {
    let table = this.years.get(year);
    if (!table) {
      const data = this.published.get(year) ?? estimateHolidayYear(this.statutory, year);
      table = buildYear(this.statutory, data);
      this.years.set(year, table);
    }
    return table;
  }

  /** Whether `year` follows an official notice or an estimate. */
  yearBasis(year: number): YearBasis {
    return this.table(year).basis;
  }

  info(date: IsoDate | Day): DayInfo {
    const day = typeof date === 'number' ? date : mustDay(date);
    const table = this.table(yearOfDay(day));
    const iso = dayToIso(day);
    const estimated = table.basis.status === 'estimated' || table.estimatedDays.has(day);
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
