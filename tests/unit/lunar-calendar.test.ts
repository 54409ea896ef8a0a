import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fromJulianDayNumber,
  julianDayNumber,
  leapMonthOf,
  lunarToSolar,
  solarToLunar,
  tetDate,
} from '../../shared/lunar';

// Tết Nguyên Đán as published in Vietnam (Gregorian date of lunar 1/1). Where the Chinese date
// differs (UTC+8 instead of UTC+7) it is given as the second value.
const TET: [number, string, string?][] = [
  [1900, '1900-01-31'],
  [1901, '1901-02-19'],
  [1910, '1910-02-10'],
  [1920, '1920-02-20'],
  [1930, '1930-01-30'],
  [1940, '1940-02-08'],
  [1950, '1950-02-17'],
  [1960, '1960-01-28'],
  [1968, '1968-01-29', '1968-01-30'],
  [1970, '1970-02-06'],
  [1975, '1975-02-11'],
  [1976, '1976-01-31'],
  [1980, '1980-02-16'],
  [1981, '1981-02-05'],
  [1982, '1982-01-25'],
  [1983, '1983-02-13'],
  [1984, '1984-02-02'],
  [1985, '1985-01-21', '1985-02-20'],
  [1986, '1986-02-09'],
  [1987, '1987-01-29'],
  [1988, '1988-02-17'],
  [1989, '1989-02-06'],
  [1990, '1990-01-27'],
  [1991, '1991-02-15'],
  [1992, '1992-02-04'],
  [1993, '1993-01-23'],
  [1994, '1994-02-10'],
  [1995, '1995-01-31'],
  [1996, '1996-02-19'],
  [1997, '1997-02-07'],
  [1998, '1998-01-28'],
  [1999, '1999-02-16'],
  [2000, '2000-02-05'],
  [2001, '2001-01-24'],
  [2002, '2002-02-12'],
  [2003, '2003-02-01'],
  [2004, '2004-01-22'],
  [2005, '2005-02-09'],
  [2006, '2006-01-29'],
  [2007, '2007-02-17', '2007-02-18'],
  [2008, '2008-02-07'],
  [2009, '2009-01-26'],
  [2010, '2010-02-14'],
  [2011, '2011-02-03'],
  [2012, '2012-01-23'],
  [2013, '2013-02-10'],
  [2014, '2014-01-31'],
  [2015, '2015-02-19'],
  [2016, '2016-02-08'],
  [2017, '2017-01-28'],
  [2018, '2018-02-16'],
  [2019, '2019-02-05'],
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
  [2030, '2030-02-02', '2030-02-03'],
  [2031, '2031-01-23'],
  [2032, '2032-02-11'],
  [2033, '2033-01-31'],
  [2034, '2034-02-19'],
  [2035, '2035-02-08'],
  [2040, '2040-02-12'],
  [2050, '2050-01-23'],
  [2060, '2060-02-02'],
  [2100, '2100-02-09'],
];

const iso = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

test('Tết falls on the published Vietnamese date, 1900–2100', () => {
  for (const [year, vietnam] of TET) assert.equal(iso(tetDate(year)), vietnam, `Tết ${year}`);
});

test('computed at UTC+8 the same rule gives the Chinese date where the two calendars differ', () => {
  for (const [year, vietnam, china] of TET) {
    assert.equal(iso(tetDate(year, 8)), china ?? vietnam, `Chinese New Year ${year}`);
  }
});

test('Giỗ Tổ Hùng Vương (10/3 lunar) on the dates the government announced', () => {
  const hung = (year: number) => iso(lunarToSolar({ year, month: 3, day: 10, leap: false })!);
  assert.equal(hung(2023), '2023-04-29');
  assert.equal(hung(2024), '2024-04-18');
  assert.equal(hung(2025), '2025-04-07');
  assert.equal(hung(2026), '2026-04-26');
});

test('leap months: 2020 (4), 2023 (2), 2025 (6), 2033 (11), none in 2024', () => {
  assert.equal(leapMonthOf(2020), 4);
  assert.equal(leapMonthOf(2023), 2);
  assert.equal(leapMonthOf(2025), 6);
  assert.equal(leapMonthOf(2033), 11);
  assert.equal(leapMonthOf(2024), 0);
  assert.equal(lunarToSolar({ year: 2024, month: 4, day: 1, leap: true }), null);
  assert.equal(lunarToSolar({ year: 2023, month: 3, day: 1, leap: true }), null);
  assert.equal(iso(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })!), '2023-03-22');
});

test('solar → lunar → solar is the identity for every day of 1900–2100', () => {
  const first = julianDayNumber({ year: 1900, month: 2, day: 1 });
  const last = julianDayNumber({ year: 2100, month: 12, day: 31 });
  let previous = solarToLunar(fromJulianDayNumber(first - 1));
  for (let jd = first; jd <= last; jd++) {
    const solar = fromJulianDayNumber(jd);
    const lunar = solarToLunar(solar);
    assert.ok(lunar.day >= 1 && lunar.day <= 30, `${iso(solar)} lunar day ${lunar.day}`);
    if (lunar.day === 1) {
      assert.ok(previous.day === 29 || previous.day === 30, `month before ${iso(solar)}`);
    } else {
      assert.equal(lunar.day, previous.day + 1);
    }
    if (jd % 7 === 0) assert.deepEqual(lunarToSolar(lunar), solar, iso(solar));
    previous = lunar;
  }
});

test('Julian day numbers round-trip and match known anchors', () => {
  assert.equal(julianDayNumber({ year: 2000, month: 1, day: 1 }), 2451545);
  assert.deepEqual(fromJulianDayNumber(2451545), { year: 2000, month: 1, day: 1 });
});
