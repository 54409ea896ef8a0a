import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadHolidayYears, loadWorkingCalendar } from '../../electron/core/dossier/holidays';
import { resourcesDir } from '../../electron/core/dossier/resources';
import { isSohoaError } from '../../shared/errors';
import { WorkingCalendar, defaultHolidayYear, dueDate } from '../../shared/workingDays';

/** An instant given as Vietnamese wall-clock time. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const shipped = () => loadWorkingCalendar([path.join(resourcesDir(), 'holidays')]);

test('weekends are off, weekdays work, in a year without data', () => {
  const cal = new WorkingCalendar();
  assert.equal(cal.isWorkingDay('2031-03-14'), true); // Friday
  assert.equal(cal.isWorkingDay('2031-03-15'), false); // Saturday
  assert.equal(cal.info('2031-03-16').reason, 'Chủ nhật');
  assert.equal(cal.info('2031-03-14').estimated, true);
});

test('statutory holidays are off, lunar ones computed', () => {
  const cal = new WorkingCalendar();
  for (const day of ['2027-01-01', '2027-04-30', '2027-05-01', '2027-09-02']) {
    assert.equal(cal.isWorkingDay(day), false, day);
  }
  // Giỗ Tổ 2027 = 10/3 Đinh Mùi = Friday 16/4/2027.
  assert.match(cal.info('2027-04-16').reason, /Hùng Vương/);
  // Tết Đinh Mùi: 6/2/2027 (Saturday); default span 5/2–9/2.
  for (const day of ['2027-02-05', '2027-02-08', '2027-02-09']) {
    assert.match(cal.info(day).reason, /Tết Nguyên Đán/, day);
  }
});

test('default years compensate holidays on weekends with the next working day', () => {
  const cal = new WorkingCalendar();
  // 1/1/2028 is a Saturday: Monday 3/1/2028 is off.
  assert.equal(cal.isWorkingDay('2028-01-03'), false);
  assert.match(cal.info('2028-01-03').reason, /Nghỉ bù/);
  assert.equal(cal.isWorkingDay('2028-01-04'), true);
  // 30/4/2028 Sunday, 1/5 Monday: compensation goes to Tuesday 2/5.
  assert.equal(cal.isWorkingDay('2028-05-02'), false);
  assert.equal(cal.isWorkingDay('2028-05-03'), true);
});

test('the day next to 2/9 joins a weekend by default', () => {
  assert.equal(defaultHolidayYear(2025).nationalDayAdjacent, '2025-09-01'); // 2/9 Tuesday
  assert.equal(defaultHolidayYear(2024).nationalDayAdjacent, '2024-09-03'); // 2/9 Monday
  assert.equal(defaultHolidayYear(2021).nationalDayAdjacent, '2021-09-03'); // 2/9 Thursday
  assert.equal(defaultHolidayYear(2022).nationalDayAdjacent, '2022-09-01'); // 2/9 Friday
});

test('shipped 2025 data: Tết span, swapped Saturdays, 30/4 bridge', async () => {
  const cal = await shipped();
  assert.deepEqual(cal.publishedYears.slice(0, 2), [2024, 2025]);
  for (const day of ['2025-01-25', '2025-01-27', '2025-01-31', '2025-02-02']) {
    assert.equal(cal.isWorkingDay(day), false, day);
  }
  assert.equal(cal.isWorkingDay('2025-02-03'), true);
  assert.equal(cal.isWorkingDay('2025-02-08'), true, 'Saturday worked for 27/1');
  assert.match(cal.info('2025-02-08').reason, /Làm bù/);
  assert.equal(cal.isWorkingDay('2025-04-26'), true);
  assert.equal(cal.isWorkingDay('2025-05-02'), false);
  assert.equal(cal.isWorkingDay('2025-09-01'), false);
  assert.equal(cal.info('2025-03-03').estimated, false);
});

test('due date: N working days after receipt, skipping Tết 2025', async () => {
  const cal = await shipped();
  // Thursday 23/1/2025 09:00, 5 working days: 24/1, then Tết until 2/2, then 3/2–6/2.
  const due = dueDate(cal, vn('2025-01-23T09:00:00'), 5);
  assert.deepEqual(due, {
    countedFrom: '2025-01-23',
    due: '2025-02-06',
    workingDays: 5,
    estimated: false,
  });
  // A swapped Saturday counts: received Friday 7/2, 1 day → Saturday 8/2.
  assert.equal(dueDate(cal, vn('2025-02-07T08:00:00'), 1).due, '2025-02-08');
});

test('after the cut-off or on a day off, counting starts from the next working day', async () => {
  const cal = await shipped();
  const before = dueDate(cal, vn('2025-03-14T14:59:00'), 3); // Friday
  assert.equal(before.countedFrom, '2025-03-14');
  assert.equal(before.due, '2025-03-19');
  const after = dueDate(cal, vn('2025-03-14T15:00:00'), 3);
  assert.equal(after.countedFrom, '2025-03-17');
  assert.equal(after.due, '2025-03-20');
  const custom = dueDate(cal, vn('2025-03-14T15:30:00'), 3, { hour: 16, minute: 30 });
  assert.equal(custom.countedFrom, '2025-03-14');
  const sunday = dueDate(cal, vn('2025-03-16T10:00:00'), 0);
  assert.deepEqual([sunday.countedFrom, sunday.due], ['2025-03-17', '2025-03-17']);
});

test('receipt time is read in Vietnam time whatever the instant’s zone', async () => {
  const cal = await shipped();
  // 2025-03-13T17:30Z is 00:30 on Friday 14/3 in Vietnam.
  assert.equal(dueDate(cal, new Date('2025-03-13T17:30:00Z'), 1).countedFrom, '2025-03-14');
});

test('a span reaching a year without data is marked estimated', async () => {
  const cal = await shipped();
  assert.equal(dueDate(cal, vn('2026-12-28T09:00:00'), 10).estimated, true);
});

test('local files replace the shipped year; bad files are reported by name', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-holidays-'));
  await fs.writeFile(
    path.join(dir, '2025.json'),
    JSON.stringify({
      year: 2025,
      tet: { from: '2025-01-27', to: '2025-01-31' },
      nationalDayAdjacent: '2025-09-03',
    }),
  );
  const years = await loadHolidayYears([path.join(resourcesDir(), 'holidays'), dir]);
  const cal = new WorkingCalendar(years);
  assert.equal(cal.isWorkingDay('2025-02-08'), false, 'the local file has no swapped Saturday');
  assert.equal(cal.isWorkingDay('2025-09-03'), false);

  await fs.writeFile(path.join(dir, '2027.json'), JSON.stringify({ year: 2026 }));
  await assert.rejects(loadHolidayYears([dir]), (e) => {
    assert.ok(isSohoaError(e));
    assert.equal(e.code, 'HOLIDAY_FILE_INVALID');
    assert.equal(e.info.subject, '2027.json');
    return true;
  });
  await fs.rm(dir, { recursive: true });
});

test('a range lists each day off with its reason', () => {
  const cal = new WorkingCalendar();
  const off = cal.daysOff('2027-04-26', '2027-05-03');
  assert.deepEqual(
    off.map((d) => d.date),
    ['2027-04-30', '2027-05-01', '2027-05-02', '2027-05-03'],
  );
  assert.match(off.at(-1)!.reason, /Nghỉ bù/);
});

test('partial year data: only the days around a defaulted decision are estimates', async () => {
  const cal = await shipped();
  // 2026 has its Tết span but not the day next to 2/9.
  assert.equal(cal.info('2026-11-23').estimated, false);
  assert.equal(cal.info('2026-02-16').estimated, false);
  assert.equal(cal.info('2026-09-01').estimated, true);
  assert.equal(cal.info('2026-09-03').estimated, true);
  assert.equal(dueDate(cal, vn('2026-11-23T09:00:00'), 5).estimated, false);
  assert.equal(dueDate(cal, vn('2026-08-27T09:00:00'), 5).estimated, true);
});
