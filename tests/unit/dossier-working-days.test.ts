import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  loadHolidayYears,
  loadStatutoryHolidays,
  loadWorkingCalendar,
} from '../../electron/core/dossier/holidays';
import { resourcesDir } from '../../electron/core/dossier/resources';
import { isSohoaError } from '../../shared/errors';
import {
  StatutoryHolidays,
  WorkingCalendar,
  defaultDecisions,
  dueDate,
  estimateHolidayYear,
} from '../../shared/workingDays';

/** An instant given as Vietnamese wall-clock time. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const shippedDir = path.join(resourcesDir(), 'holidays');
const shipped = () => loadWorkingCalendar([shippedDir]);
let statutoryList: StatutoryHolidays | undefined;
/** A calendar with the shipped statutory list and no year files: every year estimated. */
const bare = async () => {
  statutoryList ??= await loadStatutoryHolidays([shippedDir]);
  return new WorkingCalendar({ statutory: statutoryList });
};

test('weekends are off, weekdays work, in a year without a notice (estimated)', async () => {
  const cal = await bare();
  assert.equal(cal.isWorkingDay('2031-03-14'), true); // Friday
  assert.equal(cal.isWorkingDay('2031-03-15'), false); // Saturday
  assert.equal(cal.info('2031-03-16').reason, 'Chủ nhật');
  assert.equal(cal.info('2031-03-14').estimated, true);
  assert.deepEqual(cal.yearBasis(2031), { year: 2031, status: 'estimated', notice: '' });
});

test('statutory holidays come from the data file, lunar ones computed', async () => {
  const cal = await bare();
  for (const day of ['2027-01-01', '2027-04-30', '2027-05-01', '2027-09-02']) {
    assert.equal(cal.isWorkingDay(day), false, day);
  }
  // Giỗ Tổ 2027 = 10/3 Đinh Mùi = Friday 16/4/2027.
  assert.match(cal.info('2027-04-16').reason, /Hùng Vương/);
  // Tết Đinh Mùi: 6/2/2027 (Saturday); the law's span 5/2–9/2, its weekend made up 10/2–11/2.
  for (const day of ['2027-02-05', '2027-02-08', '2027-02-09']) {
    assert.match(cal.info(day).reason, /Tết Nguyên Đán/, day);
  }
  assert.match(cal.info('2027-02-11').reason, /Nghỉ bù Tết/);
  assert.equal(cal.isWorkingDay('2027-02-12'), true);
});

test('estimated years make up holidays on weekends with the next working day', async () => {
  const cal = await bare();
  // 1/1/2028 is a Saturday: Monday 3/1/2028 is off.
  assert.equal(cal.isWorkingDay('2028-01-03'), false);
  assert.match(cal.info('2028-01-03').reason, /Nghỉ bù/);
  assert.equal(cal.isWorkingDay('2028-01-04'), true);
  // 30/4/2028 Sunday, 1/5 Monday: the make-up day is Tuesday 2/5.
  assert.equal(cal.isWorkingDay('2028-05-02'), false);
  assert.equal(cal.isWorkingDay('2028-05-03'), true);
});

test('the day next to 2/9 joins a weekend when no notice says otherwise', async () => {
  const statutory = await loadStatutoryHolidays([shippedDir]);
  const adjacent = (y: number) => defaultDecisions(statutory, y).nationalDayAdjacent;
  assert.equal(adjacent(2025), '2025-09-01'); // 2/9 Tuesday
  assert.equal(adjacent(2024), '2024-09-03'); // 2/9 Monday
  assert.equal(adjacent(2021), '2021-09-03'); // 2/9 Thursday
  assert.equal(adjacent(2022), '2022-09-01'); // 2/9 Friday
  // Before the 2019 Labour Code the day was not given.
  assert.equal(adjacent(2019), undefined);
});

test('shipped 2027 is the estimate from the statutory list, marked as having no notice', async () => {
  const statutory = await loadStatutoryHolidays([shippedDir]);
  const [file] = (await loadHolidayYears([shippedDir])).filter((y) => y.year === 2027);
  assert.deepEqual(file, estimateHolidayYear(statutory, 2027));
  assert.equal(file?.status, 'estimated');
  assert.match(file?.source ?? '', /chưa có thông báo chính thức/);
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

test('shipped 2026 follows Thông báo 9441/TB-BNV: Tết, Giỗ Tổ, National Day, New Year', async () => {
  const cal = await shipped();
  assert.deepEqual(cal.yearBasis(2026), {
    year: 2026,
    status: 'official',
    notice: 'Thông báo 9441/TB-BNV ngày 16/10/2025',
  });
  const off = (from: string, to: string) => cal.daysOff(from, to).map((d) => d.date);
  assert.deepEqual(off('2025-12-31', '2026-01-11'), [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    '2026-01-04',
    '2026-01-11',
  ]);
  assert.equal(cal.isWorkingDay('2026-01-10'), true, 'Saturday 10/1 worked');
  assert.equal(off('2026-02-13', '2026-02-23').length, 9, 'Tết 14–22/2');
  assert.equal(cal.isWorkingDay('2026-04-27'), false, 'Giỗ Tổ on Sunday 26/4, off Monday');
  assert.deepEqual(off('2026-08-28', '2026-09-04'), [
    '2026-08-29',
    '2026-08-30',
    '2026-08-31',
    '2026-09-01',
    '2026-09-02',
  ]);
  assert.equal(cal.isWorkingDay('2026-08-22'), true, 'Saturday 22/8 worked');
  assert.equal(cal.isWorkingDay('2026-09-03'), true, 'not the built-in 3/9');
});

test('due dates across National Day 2026, Tết 2026 and Tết 2027 (estimated)', async (t) => {
  const cal = await shipped();
  const rows = [
    // Thursday 27/8/2026: 28/8, then 31/8–2/9 off, then 3/9, 4/9, 7/9, 8/9.
    { at: '2026-08-27T09:00:00', days: 5, due: '2026-09-08', status: 'official' },
    // The swapped Saturday counts: Friday 21/8, one day → Saturday 22/8.
    { at: '2026-08-21T09:00:00', days: 1, due: '2026-08-22', status: 'official' },
    // Friday 13/2/2026: Tết 14–22/2, then 23, 24, 25/2.
    { at: '2026-02-13T10:00:00', days: 3, due: '2026-02-25', status: 'official' },
    // Thursday 4/2/2027: Tết 5–9/2 and its make-up days 10–11/2 (estimated), then 12, 15, 16/2.
    { at: '2027-02-04T09:00:00', days: 3, due: '2027-02-16', status: 'estimated' },
    // Received in an official year, due in an estimated one.
    { at: '2026-12-28T09:00:00', days: 10, due: '2027-01-12', status: 'estimated' },
  ] as const;
  for (const row of rows) {
    const due = dueDate(cal, vn(row.at), row.days);
    const flag =
      due.dueYear.status === 'official'
        ? `chính thức (${due.dueYear.notice})`
        : 'ước tính – chưa có thông báo chính thức';
    t.diagnostic(`${row.at} + ${row.days} ngày làm việc → ${due.due} [${flag}]`);
    assert.equal(due.due, row.due, row.at);
    assert.equal(due.dueYear.status, row.status, row.at);
    assert.equal(due.estimated, row.status === 'estimated', row.at);
  }
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
    dueYear: { year: 2025, status: 'official', notice: '' },
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
  const cal = await loadWorkingCalendar([shippedDir, dir]);
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

test('a new statutory holiday needs only data: 24/11 counts once enacted', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-statutory-'));
  const before = await shipped();
  assert.equal(before.isWorkingDay('2027-11-24'), true, 'proposed, not enacted');
  const list = StatutoryHolidays.parse(
    JSON.parse(await fs.readFile(path.join(shippedDir, 'statutory.json'), 'utf8')),
  );
  const culture = list.holidays.find((h) => h.id === 'ngay-van-hoa-viet-nam');
  assert.ok(culture && !culture.enacted);
  culture.enacted = true;
  await fs.writeFile(path.join(dir, 'statutory.json'), JSON.stringify(list));
  // The shipped 2027 file is an estimate made before: a year without a file takes the new list.
  const after = await loadWorkingCalendar([shippedDir, dir]);
  assert.equal(after.isWorkingDay('2028-11-24'), false);
  assert.match(after.info('2028-11-24').reason, /Văn hóa Việt Nam/);
  assert.equal(before.isWorkingDay('2028-11-24'), true);
  await fs.rm(dir, { recursive: true });
});

test('a range lists each day off with its reason', async () => {
  const cal = await bare();
  const off = cal.daysOff('2027-04-26', '2027-05-03');
  assert.deepEqual(
    off.map((d) => d.date),
    ['2027-04-30', '2027-05-01', '2027-05-02', '2027-05-03'],
  );
  assert.match(off.at(-1)!.reason, /Nghỉ bù/);
});

test('partial year data: only the days around a decision left to the defaults are estimates', async () => {
  const statutory = await loadStatutoryHolidays([shippedDir]);
  const cal = new WorkingCalendar({
    statutory,
    years: [{ year: 2030, tet: { from: '2030-02-02', to: '2030-02-08' } }],
  });
  assert.equal(cal.info('2030-11-25').estimated, false);
  assert.equal(cal.info('2030-02-04').estimated, false);
  assert.equal(cal.info('2030-09-03').estimated, true);
  assert.equal(dueDate(cal, vn('2030-11-25T09:00:00'), 5).estimated, false);
  assert.equal(dueDate(cal, vn('2030-08-27T09:00:00'), 5).estimated, true);
});
