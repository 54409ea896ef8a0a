// shared/format.ts: days as dd/mm/yyyy, times in Vietnam time, numbers grouped by language, and
// the date field's reading of what people type, whatever the machine's own zone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatBytes,
  formatDate,
  formatDateSpan,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
  isRealDay,
  parseDate,
} from '../../shared/format';

test('typed days are read day first, in the forms clerks type them', () => {
  const cases: [string, string | null][] = [
    ['14071995', '1995-07-14'],
    ['14/7/1995', '1995-07-14'],
    ['14/07/1995', '1995-07-14'],
    [' 4-7-1995 ', '1995-07-04'],
    ['14.07.1995', '1995-07-14'],
    ['14 07 1995', '1995-07-14'],
    ['1995-07-14', '1995-07-14'],
    ['29/02/2024', '2024-02-29'],
    // Days that do not exist, two-digit years, half a date, month first.
    ['29/02/2023', null],
    ['31/04/2024', null],
    ['14/13/1995', null],
    ['07/14/1995', null],
    ['14/07/95', null],
    ['140795', null],
    ['14/07', null],
    ['', null],
    ['hôm nay', null],
  ];
  for (const [typed, iso] of cases) assert.equal(parseDate(typed), iso, typed);
});

test('a calendar day is written dd/mm/yyyy as it is; an instant is its day in Vietnam', () => {
  assert.equal(formatDate('2026-12-08'), '08/12/2026');
  // 17:30 UTC is 00:30 the next day in Vietnam.
  assert.equal(formatDate('2026-12-07T17:30:00.000Z'), '08/12/2026');
  assert.equal(formatDate(new Date('2026-12-07T16:59:00Z')), '07/12/2026');
  assert.equal(formatTime('2026-12-07T17:30:00Z'), '00:30');
  assert.equal(formatDateTime('2026-12-07T02:05:00Z'), '07/12/2026 09:05');
  assert.equal(formatDateSpan('2026-02-16', '2026-02-20'), '16/02/2026 – 20/02/2026');
  assert.equal(formatDateSpan('2026-09-02', '2026-09-02'), '02/09/2026');
  // What cannot be read is shown as it came, not hidden.
  assert.equal(formatDate('không rõ'), 'không rõ');
  assert.equal(formatDateTime(''), '');
});

test("the machine's time zone changes nothing", () => {
  const saved = process.env.TZ;
  try {
    const seen = ['America/New_York', 'Asia/Ho_Chi_Minh', 'UTC', 'Pacific/Kiritimati'].map(
      (zone) => {
        process.env.TZ = zone;
        return [formatDateTime('2026-12-07T17:30:00Z'), formatDate('2026-12-08')].join(' | ');
      },
    );
    assert.deepEqual(new Set(seen), new Set(['08/12/2026 00:30 | 08/12/2026']));
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('numbers, shares and sizes are grouped by the language shown', () => {
  assert.equal(formatNumber(1234567.891, 'vi', 2), '1.234.567,89');
  assert.equal(formatNumber(1234567.891, 'en', 2), '1,234,567.89');
  assert.equal(formatNumber(12.5, 'vi', 1), '12,5');
  assert.equal(formatNumber(12.04, 'vi', 1), '12');
  assert.equal(formatNumber(-1500, 'vi'), '-1.500');
  assert.equal(formatNumber(-0.01, 'vi'), '0');
  assert.equal(formatNumber(999, 'en'), '999');
  assert.equal(formatPercent(0.514, 'vi'), '51%');
  assert.equal(formatBytes(512, 'vi'), '512 B');
  assert.equal(formatBytes(1536, 'vi'), '1,5 KB');
  assert.equal(formatBytes(5 * 1024 * 1024, 'en'), '5 MB');
});

test('real days', () => {
  assert.ok(isRealDay(29, 2, 2000));
  assert.ok(!isRealDay(29, 2, 1900));
  assert.ok(!isRealDay(0, 1, 2024));
  assert.ok(!isRealDay(1.5, 1, 2024));
});
