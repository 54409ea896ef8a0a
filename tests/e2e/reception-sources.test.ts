// Every source reaches the reception, in Chromium over the web host on a fresh data folder: the
// counter's scan folder (files written slowly and at once by other processes, shown in the bar,
// kept across a restart of the desk, taken with Alt+L), a whole folder imported (its scans in
// natural order, other files named), and a 500-page stack that stays light (only the rows in view
// are drawn) and walkable by keyboard. Run after `npm run build:renderer`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { openDesk, seriousAxeViolations, shot, STATIC_DIR, type Desk } from '../helpers/browser';
import { writeSlowly } from '../helpers/slowWriter';

const OCR_TIMEOUT = 120_000;
const CLERK = 'Nguyễn Thị Thu Hà';
const small = { dpi: 100, heightMm: 60 } as const;
const BROKEN_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< hỏng >>\nendobj\n%%EOF\n');

let desk: Desk;
let hotFolder: string;
let restarted: WebHost | null = null;

before(async () => {
  hotFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-e2e-quet-'));
  desk = await openDesk({ env: { SOHOA_HOT_FOLDER: hotFolder } });
  // The host is restarted by the first test: closing the first one twice must not close the core
  // twice.
  const first = desk.host;
  const closeFirst = first.close.bind(first);
  let closing: Promise<void> | null = null;
  first.close = () => (closing ??= closeFirst());
});

after(async () => {
  await restarted?.close();
  await desk?.close();
  fs.rmSync(hotFolder, { recursive: true, force: true });
});

async function assertAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
}

const labels = (page: Page) =>
  page
    .locator('.reception-thumb')
    .evaluateAll((els) =>
      els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/^.*: /, '')),
    );

test(
  "the scan folder's files wait in the bar, survive a restart, and Alt+L takes them",
  { timeout: 2 * OCR_TIMEOUT },
  async (t) => {
    const { page } = desk;
    await page.locator('.reception h2').waitFor();
    // The clerk says who is at the counter; signing waits for it.
    await page.locator('#sign-needs', { hasText: 'tên cán bộ tiếp nhận' }).waitFor();
    await page.keyboard.press('Alt+C');
    await page.keyboard.type(CLERK);
    assert.equal(await page.locator('#clerk-name').inputValue(), CLERK);
    assert.doesNotMatch(await page.locator('#sign-needs').innerText(), /cán bộ/);

    // The bar is there (a folder feeds the reception), with nothing yet.
    await page.locator('.hotfolder-bar[data-files="0"]').waitFor();

    // Three scans and a broken PDF written by other processes, in chunks with pauses, at once.
    const scans = await Promise.all(
      [1, 2, 3].map((n) =>
        renderPage({ lines: ['# GIẤY TỜ KÈM THEO', `Trang số ${n}`, 'Trần Văn An'], ...small }),
      ),
    );
    const writeStart = Date.now();
    await Promise.all([
      ...scans.map((b, i) => writeSlowly(path.join(hotFolder, `quet-${i + 1}.png`), b, 5, 200)),
      // Whole by the hot folder's check (header and end marker), unreadable inside.
      writeSlowly(path.join(hotFolder, 'quet-4-hong.pdf'), BROKEN_PDF, 2, 200),
    ]);
    await page.locator('.hotfolder-bar[data-files="4"]').waitFor({ timeout: 30_000 });
    t.diagnostic(`4 files written slowly, staged and shown in ${Date.now() - writeStart} ms`);
    assert.match(await page.locator('.hotfolder-bar').innerText(), /Thư mục quét: 4 tệp mới/);
    assert.match(
      (await page.getByRole('button', { name: 'Lấy vào hồ sơ' }).getAttribute('title')) ?? '',
      /Alt\+L/,
    );
    // The originals went to done/ only once staged in the data folder.
    const done = fs.readdirSync(path.join(hotFolder, 'done')).sort();
    assert.deepEqual(done, ['quet-1.png', 'quet-2.png', 'quet-3.png', 'quet-4-hong.pdf']);
    const staged = path.join(desk.dataDir, 'desk-hotfolder');
    assert.equal(fs.readdirSync(staged).filter((n) => n.endsWith('.bin')).length, 4);
    await assertAccessible(page, 'reception, scan folder waiting');
    await shot(page, 'reception-sources-1-hotfolder');

    // The desk stops before the clerk takes them, and starts again on the same data folder and
    // address. The page left open notices, waits, takes the new run's token and carries on by
    // itself: its next calls succeed, nothing says "not allowed".
    const port = Number(new URL(desk.host.url).port);
    await desk.host.close();
    await page.locator('.link-banner.lost', { hasText: 'Mất liên lạc với Sohoa Desk' }).waitFor();
    restarted = await startWebHost({ dataDir: desk.dataDir, staticDir: STATIC_DIR, port });
    await page.locator('.link-banner.back', { hasText: 'Đã kết nối lại' }).waitFor();
    await page.locator('.hotfolder-bar[data-files="4"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByText('Yêu cầu không được phép').count(), 0);
    // A reload (as the app's window after a restart): the page's storage belongs to its address,
    // as to app:// in the app, so the clerk's name is remembered.
    await page.reload();
    await page.locator('.hotfolder-bar[data-files="4"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#clerk-name').inputValue(), CLERK, 'the name is remembered');

    // The help overlay lists the new keys.
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Phím tắt' });
    await help.waitFor();
    const helpText = await help.innerText();
    assert.match(helpText, /Alt\+L/);
    assert.match(helpText, /Alt\+M/);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await page.keyboard.press('Alt+L');
    await page.locator('.pages .status', { hasText: 'Đang đọc 4 tệp của thư mục quét' }).waitFor();
    await page.locator('.reception-thumb').nth(2).waitFor({ timeout: OCR_TIMEOUT });
    await page.locator('.hotfolder-bar[data-files="0"]').waitFor();
    assert.deepEqual(await labels(page), ['quet-1.png', 'quet-2.png', 'quet-3.png']);
    assert.match(await page.locator('.reception-head > .status').innerText(), /Đã thêm 3 trang/);
    assert.deepEqual(fs.readdirSync(staged), [], 'taken files leave the inbox');
    // The unreadable one: its own error, named, with what to do; the others carried on.
    const error = page.locator('.reception-errors li');
    assert.equal(await error.count(), 1);
    assert.match(await error.innerText(), /quet-4-hong\.pdf/);
    assert.deepEqual(desk.browserErrors, []);
    await assertAccessible(page, 'reception, scan folder taken');
    await shot(page, 'reception-sources-2-taken');
    await page.getByRole('button', { name: 'Bỏ hồ sơ đang làm' }).click();
    await page.locator('.reception-thumb').first().waitFor({ state: 'detached' });
  },
);

test(
  'a whole folder imported or dropped: its scans in natural order, the other files named',
  {
    timeout: OCR_TIMEOUT,
  },
  async () => {
    const { page } = desk;
    const folder = path.join(desk.work, 'ho-so');
    fs.mkdirSync(path.join(folder, 'phu-luc'), { recursive: true });
    const page1 = (text: string) => renderPage({ lines: ['# BẢN SAO', text], ...small });
    fs.writeFileSync(path.join(folder, 'trang-10.png'), await page1('Trang mười'));
    fs.writeFileSync(path.join(folder, 'trang-2.png'), await page1('Trang hai'));
    fs.writeFileSync(path.join(folder, 'phu-luc', 'anh-phu.png'), await page1('Phụ lục'));
    fs.writeFileSync(path.join(folder, 'ghi-chu.txt'), 'không phải ảnh quét');
    fs.writeFileSync(path.join(folder, '.an.png'), await page1('Ẩn'));
    fs.writeFileSync(path.join(folder, 'Thumbs.db'), 'x');

    const button = page.getByRole('button', { name: 'Nhập thư mục…' });
    assert.match((await button.getAttribute('title')) ?? '', /Alt\+M/);
    await page.getByLabel('Chọn thư mục ảnh quét (cả thư mục con)').setInputFiles(folder);
    await page.locator('.reception-thumb').nth(2).waitFor({ timeout: OCR_TIMEOUT });
    await page.locator('.reception-head > .status', { hasText: 'Đã thêm 3 trang' }).waitFor();
    assert.deepEqual(await labels(page), ['anh-phu.png', 'trang-2.png', 'trang-10.png']);
    const notice = await page.locator('.reception-head > .status').innerText();
    assert.match(notice, /Đã bỏ qua 1 tệp không phải ảnh quét hoặc PDF: ho-so\/ghi-chu\.txt/);
    assert.doesNotMatch(notice, /Thumbs|\.an\.png/);
    await assertAccessible(page, 'reception, folder imported');
    await shot(page, 'reception-sources-3-folder');
    await page.getByRole('button', { name: 'Bỏ hồ sơ đang làm' }).click();
    await page.locator('.reception-thumb').first().waitFor({ state: 'detached' });

    // The same folder dropped on the pages panel (as from the file manager): the same pages.
    const target = await page.locator('.reception-panel.pages').boundingBox();
    assert.ok(target);
    const cdp = await page.context().newCDPSession(page);
    const at = { x: target.x + target.width / 2, y: target.y + 60 };
    const data = { items: [], files: [folder], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'])
      await cdp.send('Input.dispatchDragEvent', { type, ...at, data } as never);
    await cdp.detach();
    await page.locator('.reception-thumb').nth(2).waitFor({ timeout: OCR_TIMEOUT });
    await page.locator('.reception-head > .status', { hasText: 'Đã thêm 3 trang' }).waitFor();
    assert.deepEqual(await labels(page), ['anh-phu.png', 'trang-2.png', 'trang-10.png']);
    assert.match(
      await page.locator('.reception-head > .status').innerText(),
      /ho-so\/ghi-chu\.txt/,
    );
    await page.getByRole('button', { name: 'Bỏ hồ sơ đang làm' }).click();
    await page.locator('.reception-thumb').first().waitFor({ state: 'detached' });
  },
);

/** A restored reception of `count` pages (no OCR: the draft is what a reload brings back). */
function bigDraft(count: number, perDoc: number) {
  const thumb =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAWk1v8QAAAABJRU5ErkJggg==';
  const pages: Record<string, unknown> = {};
  const docs = [];
  for (let d = 0; d * perDoc < count; d++) {
    const ids = [];
    for (let i = d * perDoc; i < Math.min(count, (d + 1) * perDoc); i++) {
      const id = `p-${i + 1}`;
      pages[id] = {
        id,
        sourceName: `lo-${i + 1}.jpg`,
        thumbnail: thumb,
        widthPx: 1654,
        heightPx: 2339,
        text: '',
        confidence: 90,
        blank: false,
        rotation: 0,
      };
      ids.push(id);
    }
    docs.push({
      key: `doc-${d}`,
      pageIds: ids,
      type: 'application_form',
      confirmed: true,
      classification: null,
      fields: [],
      stale: false,
    });
  }
  return {
    sessionId: 'e2e-big-stack-0001',
    procedure: null,
    applicant: {
      fullName: '',
      idNumber: '',
      dateOfBirth: '',
      address: '',
      phone: '',
      source: 'typed',
    },
    ws: { pages, docs },
    result: null,
  };
}

test(
  'a 500-page stack: only the rows in view are drawn, and the keyboard reaches every page',
  {
    timeout: 60_000,
  },
  async (t) => {
    const { page } = desk;
    await page.evaluate(
      (draft) => localStorage.setItem('sohoa.reception.draft', JSON.stringify(draft)),
      bigDraft(500, 100),
    );
    const loadStart = Date.now();
    await page.reload();
    await page
      .locator('.reception-page-scroller[data-pages="500"] .reception-thumb')
      .first()
      .waitFor();
    t.diagnostic(`500-page reception shown after reload in ${Date.now() - loadStart} ms`);
    const drawn = await page.locator('.reception-thumb').count();
    t.diagnostic(`thumbnails in the DOM for 500 pages: ${drawn}`);
    assert.ok(drawn > 0 && drawn < 80, `${drawn} thumbnails drawn`);

    const focusedN = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-n') ?? null);
    const inView = () =>
      page.evaluate(() => {
        const el = document.activeElement!;
        const box = el.getBoundingClientRect();
        const port = document.querySelector('.reception-page-scroller')!.getBoundingClientRect();
        const ok = box.top >= port.top - 1 && box.bottom <= port.bottom + 1;
        return (
          ok ||
          JSON.stringify({
            box,
            port,
            st: document.querySelector('.reception-page-scroller')!.scrollTop,
          })
        );
      });

    await page.keyboard.press('Alt+G');
    assert.equal(await focusedN(), '1');
    const endStart = Date.now();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-n') === '500');
    t.diagnostic(`End → page 500 focused and shown in ${Date.now() - endStart} ms`);
    assert.equal(await inView(), true, 'the last page is scrolled into view');
    assert.ok((await page.locator('.reception-thumb').count()) < 80);

    // The page keys work on a page far from the top: turn it, move it back one place.
    await page.keyboard.press('r');
    await page.locator('[data-n="500"] img.rot-90').waitFor();
    await page.keyboard.press('Control+ArrowLeft');
    await page.waitForFunction(
      () =>
        document.activeElement?.getAttribute('data-n') === '499' &&
        document.activeElement.getAttribute('aria-label') === 'Trang 499: lo-500.jpg',
    );
    assert.ok(await inView());
    await page.keyboard.press('ArrowUp');
    const up = Number(await focusedN());
    assert.ok(up < 499 && up > 480, `ArrowUp went to ${up}`);
    assert.ok(await inView());

    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-n') === '1');
    assert.ok(await inView());
    // Scrolling by hand to the middle draws the middle.
    await page.locator('.reception-page-scroller').evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await page.locator('.reception-thumb[data-n="250"]').waitFor();
    assert.ok((await page.locator('.reception-thumb').count()) < 80);
    await assertAccessible(page, 'reception, 500 pages');
    await shot(page, 'reception-sources-4-500-pages');
    assert.deepEqual(desk.browserErrors, []);
  },
);
