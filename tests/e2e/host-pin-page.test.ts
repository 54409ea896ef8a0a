// The token's PIN window page (renderer/pin.html) in a real Chromium under the desk's CSP, with a
// stand-in for its preload's `window.sohoaPin` (Electron's main process serves it in the app; see
// tests/unit/host-pin-window.test.ts). Why it is asked again is shown and announced; Enter
// submits the PIN, which is then cleared from the page; an empty PIN is not sent; Escape cancels;
// both languages; axe finds nothing serious.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { errorInfo } from '../../shared/errors';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

let desk: Desk;

before(async () => {
  desk = await openDesk();
});

after(async () => {
  await desk?.close();
});

/** Opens pin.html as the main process would, with the preload's three functions stood in. */
async function openPinPage(page: Page, request: unknown, lang: 'vi' | 'en' = 'vi') {
  // A plain script (not a function): tsx's name helpers do not exist in the page.
  await page.addInitScript({
    content: `
      localStorage.setItem('sohoa.lang', ${JSON.stringify(lang)});
      const calls = [];
      window.pinCalls = calls;
      window.sohoaPin = {
        request: () => Promise.resolve(${JSON.stringify(request)}),
        submit: (pin) => (calls.push(['submit', pin]), Promise.resolve()),
        cancel: () => (calls.push(['cancel']), Promise.resolve()),
      };`,
  });
  await page.goto(`${desk.host.url}pin.html`);
  await page.locator('#pin').waitFor();
}

const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { pinCalls: unknown[] }).pinCalls);

test('after a wrong PIN: the reason is shown, Enter submits, the PIN leaves the page', async () => {
  const page = await desk.browser.newPage();
  await openPinPage(page, {
    tokenLabel: 'VNPT-CA 0042',
    attempt: 3,
    lastError: errorInfo('TOKEN_PIN_FINAL_TRY', 'VNPT-CA 0042'),
  });
  await page.getByRole('heading', { name: 'Nhập mã PIN của token “VNPT-CA 0042” để ký' }).waitFor();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /PIN sai, còn 1 lần thử/);
  await page.getByText('Lần nhập thứ 3.').waitFor();
  const input = page.getByLabel('Mã PIN');
  assert.equal(await input.getAttribute('type'), 'password');
  assert.equal(await input.getAttribute('aria-describedby'), 'pin-why');
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'focused at once');
  assert.deepEqual(await seriousAxeViolations(page), []);
  await shot(page, 'host-pin-final-try');

  await page.keyboard.press('Enter');
  await page.getByText('Hãy nhập mã PIN, hoặc bấm Hủy.').waitFor();
  assert.deepEqual(await calls(page), [], 'an empty PIN is not sent');
  await input.fill('246810');
  await page.keyboard.press('Enter');
  assert.deepEqual(await calls(page), [['submit', '246810']]);
  assert.equal(await input.inputValue(), '', 'the PIN is not left in the page');
  await page.keyboard.press('Escape');
  assert.deepEqual(await calls(page), [['submit', '246810']], 'answered once');
  await page.close();
});

test('first ask in English; Escape cancels', async () => {
  const page = await desk.browser.newPage();
  await openPinPage(page, { tokenLabel: 'Sohoa test token', attempt: 1 }, 'en');
  await page
    .getByRole('heading', { name: 'Enter the PIN of token “Sohoa test token” to sign' })
    .waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'nothing to warn about yet');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByLabel('PIN').fill('1234');
  await page.keyboard.press('Escape');
  assert.deepEqual(await calls(page), [['cancel']]);
  assert.deepEqual(desk.browserErrors, []);
  await page.close();
});
