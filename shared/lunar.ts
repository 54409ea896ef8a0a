// The Vietnamese lunisolar calendar (âm lịch), computed rather than tabulated, after Hồ Ngọc Đức's
// published algorithm (astronomical new moons and solar terms, Meeus-style series). It is the
// Chinese calendar's rule computed at the meridian of UTC+7 instead of UTC+8: a new moon close to
// midnight then falls on a different day, so some months (and Tết in 1985 and 2007) differ from
// the Chinese calendar. Vietnam has kept UTC+7 since 1968; we use it for every year (1900–2100)
// because the desk only needs present and future due dates, and it keeps the rule single.

export const VIETNAM_TIME_ZONE_HOURS = 7;

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the intercalary (nhuận) month that repeats `month`. */
  leap: boolean;
}

/** Julian day number of a Gregorian date (Julian calendar before 15 October 1582). */
export function julianDayNumber({ year, month, day }: SolarDate): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd =
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045;
  if (jd >= 2299161) return jd;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}

export function fromJulianDayNumber(jd: number): SolarDate {
  let b = 0;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

const RAD = Math.PI / 180;

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms). */
function newMoonJulianDate(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * RAD) + 0.0021 * Math.sin(2 * RAD * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(RAD * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(RAD * 2 * F) - 0.0051 * Math.sin(RAD * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(RAD * (M - Mpr)) + 0.0004 * Math.sin(RAD * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(RAD * (2 * F - M)) - 0.0006 * Math.sin(RAD * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(RAD * (2 * F - Mpr)) + 0.0005 * Math.sin(RAD * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The Sun's apparent longitude in radians, normalized to [0, 2π). */
function sunLongitude(julianDate: number): number {
  const T = (julianDate - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(RAD * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(RAD * 2 * M) + 0.00029 * Math.sin(RAD * 3 * M);
  const l = (L0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Which of the 12 major solar terms (30° sectors) the Sun is in at local midnight of `jdn`. */
function solarSector(jdn: number, tz: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day number (local) of the day holding the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + tz / 24);
}

const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695;

/** Start of lunar month 11 (the month holding the winter solstice) of Gregorian year `year`. */
function lunarMonth11Start(year: number, tz: number): number {
  const off = julianDayNumber({ year, month: 12, day: 31 }) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return solarSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year, the offset after month 11 of the first month without a major term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = solarSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = solarSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(date: SolarDate, tz = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const dayNumber = julianDayNumber(date);
  // The mean-month estimate of k can be off by one where the true new moon runs late (e.g. May
  // 2054), so step until the month start is the last new moon on or before the day.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k, tz) > dayNumber) k--;
  while (newMoonDay(k + 1, tz) <= dayNumber) k++;
  const monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11Start(date.year, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = date.year;
    a11 = lunarMonth11Start(date.year - 1, tz);
  } else {
    year = date.year + 1;
    b11 = lunarMonth11Start(date.year + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

/** The Gregorian date of a lunar date, or null when that leap month does not exist that year. */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_TIME_ZONE_HOURS): SolarDate | null {
  const { year, month, day, leap } = lunar;
  const [a11, b11] =
    month < 11
      ? [lunarMonth11Start(year - 1, tz), lunarMonth11Start(year, tz)]
      : [lunarMonth11Start(year, tz), lunarMonth11Start(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off, tz);
  return fromJulianDayNumber(monthStart + day - 1);
}

/** Gregorian date of Tết Nguyên Đán (1st day of the 1st lunar month) of lunar year `year`. */
export function tetDate(year: number, tz = VIETNAM_TIME_ZONE_HOURS): SolarDate {
  const date = lunarToSolar({ year, month: 1, day: 1, leap: false }, tz);
  if (!date) throw new RangeError(`No lunar new year for ${year}`);
  return date;
}

function leapMonthBetween(fromGregorianYear: number, tz: number): number {
  const a11 = lunarMonth11Start(fromGregorianYear, tz);
  const b11 = lunarMonth11Start(fromGregorianYear + 1, tz);
  if (b11 - a11 <= 365) return 0;
  const leapMonth = leapMonthOffset(a11, tz) - 2;
  return leapMonth < 0 ? leapMonth + 12 : leapMonth;
}

/** The leap month of lunar year `year` (1–12), or 0 when the year has none. */
export function leapMonthOf(year: number, tz = VIETNAM_TIME_ZONE_HOURS): number {
  // Between the two months 11 lie months 11–12 of the previous lunar year and 1–10 of this one;
  // this year's own months 11–12 lie after the second month 11.
  const early = leapMonthBetween(year - 1, tz);
  if (early >= 1 && early <= 10) return early;
  const late = leapMonthBetween(year, tz);
  return late >= 11 ? late : 0;
}
