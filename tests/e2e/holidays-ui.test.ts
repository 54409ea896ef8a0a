// Cài đặt, as IT uses it for the counter: the year 2027 shows as estimated until its notice is
// loaded from a file; a file with a bad row is refused with the row named and changes nothing; a
// good one makes the year official, named by its notice. The reception unit's name and a place
// to collect results are saved with the settings. Axe on each state.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

let desk: Desk;

before(async () => {
  desk = await openDesk();
});

after(async () => {
  await desk?.close();
});

// Invented for the test (its number says so): 2027's real notice is not out yet.
const GOOD = [
  'loai;ngay;den_ngay;ly_do;nguon',
  'thong-bao;20/10/2026;;0000/TB-THU-NGHIEM;Bộ Nội vụ (thử nghiệm)',
  'tet;2027-02-04;2027-02-12;Tết Đinh Mùi',
  'quoc-khanh;03/09/2027;;Quốc khánh (ngày liền kề)',
].join('\n');
const BAD = GOOD.replace('03/09/2027', '31/02/2027');

const csv = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

test('a year’s holiday notice loaded from a file; the reception unit saved', async () => {
  const { page } = desk;
  await page.locator('nav button[data-screen="settings"]').click();
  await page.locator('#holiday-year').selectOption('2027');
  const status = page.locator('.year-status');
  await page.locator('.year-status[data-year-status="estimated"]').waitFor();
  assert.match(await status.innerText(), /chưa có thông báo chính thức/);

  await page.locator('#holiday-notice-file').setInputFiles(csv('loi.csv', BAD));
  const refused = page.locator('.holiday-notice-file [role="alert"]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /Dòng 4/);
  assert.ok(!fs.existsSync(path.join(desk.dataDir, 'holidays', '2027.json')));
  assert.deepEqual(await seriousAxeViolations(page), []);
  await shot(page, 'holidays-1-refused');

  await page.locator('#holiday-notice-file').setInputFiles(csv('thong-bao-2027.csv', GOOD));
  await page.locator('.year-status[data-year-status="official"]').waitFor();
  assert.match(await status.innerText(), /0000\/TB-THU-NGHIEM/);
  assert.equal(await refused.count(), 0);
  assert.ok(fs.existsSync(path.join(desk.dataDir, 'holidays', '2027.json')));

  // The reception unit: its name and one place to collect results.
  const centre = 'Trung tâm Phục vụ hành chính công xã Tân Hòa';
  await page.getByLabel('Tên đơn vị tiếp nhận', { exact: true }).fill(centre);
  await page.getByRole('button', { name: 'Thêm nơi nhận kết quả' }).click();
  await page.getByLabel('Tên nơi nhận (1)', { exact: true }).fill(centre);
  await page.getByLabel('Địa chỉ (1)', { exact: true }).fill('Số 1 đường Trung tâm');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await page.getByText('Đã lưu cài đặt.').waitFor();
  assert.deepEqual(await seriousAxeViolations(page), []);
  await shot(page, 'holidays-2-unit-saved');
  // Read back through the API: the file itself may be sealed.
  const res = await fetch(`${desk.host.url}api/settingsGet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': desk.host.token },
    body: '{}',
  });
  const saved = ((await res.json()) as { value: { settings: { reception: unknown } } }).value
    .settings;
  assert.deepEqual(saved.reception, {
    unitName: centre,
    collectionPlaces: [{ name: centre, address: 'Số 1 đường Trung tâm' }],
    postal: true,
  });
  assert.deepEqual(desk.browserErrors, []);
});
