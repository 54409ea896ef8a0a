// A year's official holiday notice loaded from a file (CSV or JSON), as IT does in Cài đặt or
// through the machine's configuration: every row checked, and once loaded the appointment dates
// of that year follow it and say they are official. The notice used here is invented for the
// test (its number says so): 2027's real notice is not out yet.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadWorkingCalendar } from '../../electron/core/dossier/holidays';
import { resourcesDir } from '../../electron/core/dossier/resources';
import { holidayYear, localHolidayDir } from '../../electron/core/settings/holidays';
import {
  importHolidayNoticeFile,
  noticeProblems,
} from '../../electron/core/settings/holidayNotice';
import { isSohoaError } from '../../shared/errors';
import { dueDate, noticeProblemText, parseHolidayNotice } from '../../shared/workingDays';

const shippedDir = path.join(resourcesDir(), 'holidays');
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-notice-'));

const CSV = [
  'loai;ngay;den_ngay;ly_do;nguon',
  'thong-bao;20/10/2026;;0000/TB-THU-NGHIEM;Bộ Nội vụ (thử nghiệm)',
  'tet;2027-02-04;2027-02-12;Tết Đinh Mùi',
  'quoc-khanh;03/09/2027;;Quốc khánh (ngày liền kề)',
  'nghi;2027-05-03;;Nghỉ bù Ngày Quốc tế Lao động',
  'lam-bu;2027-02-20;;Làm bù cho thứ Sáu 12/02/2027',
].join('\n');

test('a notice loaded from a CSV file changes the year’s due dates and makes them official', async () => {
  const dir = await tmp();
  const dataDir = path.join(dir, 'data');
  const calendar = () => loadWorkingCalendar([shippedDir, localHolidayDir(dataDir)]);
  // Wednesday 3/2/2027, 3 working days.
  const before = dueDate(await calendar(), vn('2027-02-03T09:00:00'), 3);
  assert.equal(before.due, '2027-02-15');
  assert.equal(before.dueYear.status, 'estimated');

  const file = path.join(dir, 'thong-bao-2027.csv');
  await fs.writeFile(file, CSV);
  const view = await importHolidayNoticeFile(dataDir, shippedDir, file);
  assert.equal(view.origin, 'local');
  assert.equal(view.data.status, 'official');
  assert.deepEqual(view.data.notice, {
    number: '0000/TB-THU-NGHIEM',
    date: '2026-10-20',
    issuer: 'Bộ Nội vụ (thử nghiệm)',
  });
  assert.deepEqual(
    view.data.workingDays.map((d) => d.date),
    ['2027-02-20'],
  );

  const after = dueDate(await calendar(), vn('2027-02-03T09:00:00'), 3);
  assert.equal(after.due, '2027-02-17');
  assert.equal(after.estimated, false);
  assert.deepEqual(after.dueYear, {
    year: 2027,
    status: 'official',
    notice: 'Thông báo 0000/TB-THU-NGHIEM ngày 20/10/2026',
  });
  assert.equal((await holidayYear(dataDir, shippedDir, 2027)).data.status, 'official');
  await fs.rm(dir, { recursive: true });
});

test('the same notice as JSON gives the same year', () => {
  const fromCsv = parseHolidayNotice('a.csv', CSV);
  assert.ok(fromCsv.ok);
  if (!fromCsv.ok) return;
  const fromJson = parseHolidayNotice('a.json', JSON.stringify(fromCsv.year));
  assert.ok(fromJson.ok);
  if (fromJson.ok) assert.deepEqual(fromJson.year, fromCsv.year);
});

test('a notice with bad rows is refused whole, each problem with its row in vi and en', async () => {
  const dir = await tmp();
  const dataDir = path.join(dir, 'data');
  const file = path.join(dir, 'thong-bao-loi.csv');
  await fs.writeFile(
    file,
    [
      'kind,date,to,reason',
      'notice,2026-10-20,,0000/TB-THU-NGHIEM',
      'tet,2027-02-04,2027-02-12,Tết Đinh Mùi',
      'off,2027-13-01,,Nghỉ bù',
      'holiday,2027-05-03,,x',
      'work,2028-01-02,,Làm bù',
      'off,2027-05-04,,',
      'tet,2027-02-05,,Tết',
    ].join('\r\n'),
  );
  await assert.rejects(importHolidayNoticeFile(dataDir, shippedDir, file), (e) => {
    assert.ok(isSohoaError(e));
    assert.equal(e.code, 'HOLIDAY_NOTICE_INVALID');
    assert.equal(e.info.subject, 'thong-bao-loi.csv');
    const problems = noticeProblems(e);
    assert.deepEqual(
      problems.map((p) => [p.row, p.key]),
      [
        [4, 'date'],
        [5, 'kind'],
        [7, 'reason'],
        [8, 'range'],
        [6, 'year'],
        [0, 'missingNationalDay'],
      ],
    );
    const text = noticeProblemText(problems[0]!);
    assert.match(text.vi, /^Dòng 4, cột date: ngày "2027-13-01" không hợp lệ/);
    assert.match(text.en, /^Row 4, field date: date "2027-13-01" is not valid/);
    assert.match(noticeProblemText(problems.at(-1)!).en, /day off next to 2\/9/);
    return true;
  });
  // Nothing was saved: the shipped estimate is still the year in use.
  assert.equal((await holidayYear(dataDir, shippedDir, 2027)).origin, 'shipped');
  await fs.rm(dir, { recursive: true });
});

test('JSON problems point at the entry and field; a day both off and worked is refused', () => {
  const bad = parseHolidayNotice(
    '2027.json',
    JSON.stringify({
      year: 2027,
      notice: { number: '0000/TB-THU-NGHIEM' },
      tet: { from: '2027-02-04', to: '2027-02-12' },
      nationalDayAdjacent: '2027-09-03',
      daysOff: [{ date: '2027-05-03', reason: 'Nghỉ bù' }, { date: '2027-5-4' }],
    }),
  );
  assert.ok(!bad.ok);
  if (!bad.ok) {
    assert.deepEqual(
      bad.problems.map((p) => [p.row, p.field]),
      [
        [2, 'daysOff.1.date'],
        [2, 'daysOff.1.reason'],
      ],
    );
  }
  const conflict = parseHolidayNotice(
    '2027.json',
    JSON.stringify({
      year: 2027,
      notice: { number: '0000/TB-THU-NGHIEM' },
      tet: { from: '2027-02-04', to: '2027-02-12' },
      nationalDayAdjacent: '2027-09-03',
      daysOff: [{ date: '2027-05-03', reason: 'Nghỉ bù' }],
      workingDays: [{ date: '2027-05-03', reason: 'Làm bù' }],
    }),
  );
  assert.ok(!conflict.ok && conflict.problems.some((p) => p.key === 'conflict'));
  assert.ok(!parseHolidayNotice('x.json', '{').ok);
});
