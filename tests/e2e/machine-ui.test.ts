// IT's machine policy as the clerk sees it: a policy that locks the agency and the records store
// shows both sections of Cài đặt as set by IT, their controls disabled, while the environment
// tries to set another agency; a save through the page's own channel that changes them is
// refused by the core, an unchanged save goes through. "Tình trạng máy" names the account at the
// desk and lists every health check. A policy IT breaks while the desk is open puts the banner on
// every screen. Axe on each state.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { HEALTH_CHECK_IDS } from '../../shared/contracts/machine';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';
import { testAccount, writePolicy } from '../helpers/machine';

const AGENCY = {
  id: 'H49.64.33',
  name: 'UBND xã Hòa Tiến',
  codePattern: '{AGENCY}-{YYMMDD}-{NNNN}',
  place: 'Hòa Tiến',
};

let desk: Desk;
let policyFile: string;
let store: string;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-policy-'));
  store = path.join(dir, 'kho');
  fs.mkdirSync(store, { recursive: true });
  policyFile = writePolicy(dir, {
    version: 1,
    locked: { agency: AGENCY, connector: { kind: 'folder', path: store } },
  });
  desk = await openDesk({
    env: { SOHOA_AGENCY_ID: 'ENV.AGENCY', SOHOA_AGENCY_NAME: 'Cơ quan từ biến môi trường' },
    machine: {
      policyFile,
      operatorSources: testAccount('lan.nt', {
        domain: 'HOATIEN',
        displayName: 'Nguyễn Thị Lan',
      }),
    },
  });
});

after(async () => {
  await desk?.close();
  if (policyFile) fs.rmSync(path.dirname(policyFile), { recursive: true, force: true });
});

async function noSeriousAxe(where: string) {
  const violations = await seriousAxeViolations(desk.page);
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 1)}`);
}

async function call(channel: string, body: unknown) {
  const res = await fetch(`${desk.host.url}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': desk.host.token },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

test('Cài đặt shows the agency and the store locked by IT; the core refuses a change', async () => {
  const { page } = desk;
  await page.getByRole('navigation').getByRole('button', { name: 'Cài đặt' }).click();
  const agencyId = page.locator('#f-agency-id');
  await agencyId.waitFor();
  assert.equal(await agencyId.inputValue(), AGENCY.id, 'the locked agency, not the environment');
  assert.ok(await agencyId.isDisabled(), 'a locked field cannot be edited');
  const locked = page.locator('.locked-by-it');
  await page.waitForFunction(() => document.querySelectorAll('.locked-by-it').length === 2);
  assert.deepEqual(await locked.evaluateAll((els) => els.map((e) => e.dataset.locked)), [
    'agency',
    'connector',
  ]);
  assert.equal(
    await locked.first().locator('.lock-note').innerText(),
    'Do bộ phận CNTT đặt cho máy này; không thay đổi được tại đây.',
  );
  // What IT left to the clerk stays editable.
  assert.ok(!(await page.locator('#f-tsaUrl').isDisabled()));
  await noSeriousAxe('settings with locks');
  await shot(page, 'machine-settings-locked');

  // The page's save with everything as shown: accepted.
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await page
    .getByRole('status')
    .getByText(/Đã lưu/)
    .waitFor();

  // A save that changes a locked key, sent as the page would: refused by the core.
  const view = (await call('settingsGet', {})) as { value: { settings: Record<string, unknown> } };
  for (const change of [
    { agency: { ...AGENCY, name: 'Cơ quan khác' } },
    { connector: { kind: 'none' } },
  ]) {
    const refused = await call('settingsSave', { settings: { ...view.value.settings, ...change } });
    assert.equal(refused.ok, false, JSON.stringify(change));
    assert.equal(refused.error?.code, 'SETTING_LOCKED');
  }
  const again = (await call('machineSettings', {})) as {
    value: { settings: { agency: unknown }; sources: Record<string, string> };
  };
  assert.deepEqual(again.value.settings.agency, AGENCY);
  assert.equal(again.value.sources.connector, 'locked');
});

test('Tình trạng máy names the account at the desk and reports every check', async () => {
  const { page } = desk;
  const panel = page.getByRole('region', { name: 'Tình trạng máy' });
  await panel.scrollIntoViewIfNeeded();
  await panel
    .getByText('Người dùng máy: Nguyễn Thị Lan (HOATIEN\\lan.nt)', { exact: false })
    .waitFor();
  await panel.getByRole('button', { name: 'Kiểm tra ngay' }).click();
  await panel.locator('table.machine-checks').waitFor({ timeout: 60_000 });
  const ids = await panel
    .locator('tr[data-check]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')));
  assert.deepEqual([...ids].sort(), [...HEALTH_CHECK_IDS].sort());
  const policyRow = panel.locator('tr[data-check="policy"]');
  assert.equal(await policyRow.getAttribute('data-status'), 'ok');
  await noSeriousAxe('machine health');
  await shot(page, 'machine-health');
});

test('a policy IT breaks while the desk is open puts the banner on every screen', async () => {
  const { page } = desk;
  fs.writeFileSync(
    policyFile,
    '{\n  "version": 1,\n  "locked": {\n    "agency": { "id": 5 }\n  }\n}\n',
  );
  await page.reload();
  const banner = page.locator('.policy-banner');
  await banner.waitFor();
  const text = await banner.innerText();
  assert.match(text, /Tệp cấu hình máy của bộ phận CNTT không hợp lệ/);
  assert.match(text, /Dòng 4, mục “locked\.agency/);
  for (const name of ['Lô số hóa', 'Kho lưu trữ', 'Hộp gửi']) {
    await page.getByRole('navigation').getByRole('button', { name }).click();
    assert.ok(await banner.isVisible(), `banner on ${name}`);
  }
  await noSeriousAxe('invalid policy banner');
  await shot(page, 'machine-policy-invalid');
});
