// A folder for a batch is chosen in the host's dialog (the test plays it), never typed: on the
// batch screen the path is shown read-only, "Chọn…" is reached by keyboard and queues the chosen
// folder through its grant; a cancelled dialog changes nothing; without a dialog (a plain
// browser) the clerk is told to use the app. Axe on each state.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { PathPurpose } from '../../shared/contracts/host';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

let desk: Desk;
/** What the dialog gives next (null = the clerk cancels), and what it was asked for. */
const next: (string | null)[] = [];
const asked: PathPurpose[] = [];

before(async () => {
  desk = await openDesk({
    choosePath: (purpose) => {
      asked.push(purpose);
      return Promise.resolve(next.length > 0 ? next.shift()! : null);
    },
  });
});

after(async () => {
  await desk?.close();
});

async function noSeriousAxe(where: string) {
  const violations = await seriousAxeViolations(desk.page);
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 1)}`);
}

test('a batch folder: chosen in the dialog by keyboard, shown read-only, queued by its grant', async () => {
  const folder = path.join(desk.work, 'Hop-12');
  fs.mkdirSync(folder);
  const blank = await sharp({
    create: { width: 400, height: 560, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer();
  fs.writeFileSync(path.join(folder, 'trang-1.png'), blank);
  fs.writeFileSync(path.join(folder, 'trang-2.png'), blank);

  const { page } = desk;
  await page.getByRole('navigation').getByRole('button', { name: 'Lô số hóa' }).click();
  const label = 'Hoặc một thư mục trên máy này (lấy cả thư mục con)';
  const shown = page.getByLabel(label, { exact: true });
  assert.equal(await shown.getAttribute('readonly'), '');
  assert.equal(await shown.inputValue(), '(chưa chọn)');
  const queue = page.getByRole('button', { name: 'Xếp hàng thư mục' });
  assert.ok(await queue.isDisabled(), 'nothing to queue before a folder is chosen');

  // Cancelled: nothing changes.
  const choose = page.getByRole('button', { name: `Chọn “${label}”…` });
  await choose.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Chọn…');
  assert.equal(await shown.inputValue(), '(chưa chọn)');

  next.push(folder);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (value) => (document.getElementById('batch-folder-path') as HTMLInputElement).value === value,
    folder,
  );
  assert.deepEqual(asked, ['batchFolder', 'batchFolder']);
  await noSeriousAxe('batch folder chosen');
  await shot(page, 'host-batch-folder-chosen');

  await queue.click();
  await page.getByText(/^Đã xếp hàng ".*Hop-12" \(2 tệp\)\.$/).waitFor();
  assert.equal(await shown.inputValue(), '(chưa chọn)', 'the form is ready for the next folder');
  // Stop the batch: reading the pages is not what this test is about.
  const res = await fetch(`${desk.host.url}api/batchList`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': desk.host.token },
    body: '{}',
  });
  const list = (await res.json()) as { value: { batches: { id: number; title: string }[] } };
  const batch = list.value.batches.find((b) => b.title.endsWith('Hop-12'));
  assert.ok(batch);
  await fetch(`${desk.host.url}api/batchControl`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': desk.host.token },
    body: JSON.stringify({ batchId: batch.id, action: 'cancel' }),
  });
});

test('without the app’s dialog, "Chọn…" says what to do instead', async () => {
  const bare = await openDesk();
  try {
    await bare.page.getByRole('navigation').getByRole('button', { name: 'Lô số hóa' }).click();
    await bare.page.getByRole('button', { name: /^Chọn “Hoặc một thư mục/ }).click();
    const alert = bare.page.locator('.path-choice [role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-code'), 'PATH_CHOOSER_UNAVAILABLE');
    assert.match((await alert.textContent()) ?? '', /Hãy mở Sohoa Desk trên máy tính/);
    assert.deepEqual(bare.browserErrors, []);
  } finally {
    await bare.close();
  }
});
