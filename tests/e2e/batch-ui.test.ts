// The batch screen in Chromium over the web host on a fresh data folder: a batch of 30 generated
// pages (small A6 sheets, some blank, some smudged) runs through the real pipeline with its
// progress on screen, and the review queue shows the blank and poorly read pages; then a batch with
// a damaged file: that file's error is shown (in Vietnamese, and in English after the switch), the
// other files are done. Run after `npm run build:renderer`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import {
  assertInViewport,
  openDesk,
  seriousAxeViolations,
  shot,
  type Desk,
} from '../helpers/browser';
import { startEsclEmulator } from '../helpers/esclEmulator';

const BATCH_TIMEOUT = 240_000;
const BLANK = new Set([7, 19, 28]);
const SMUDGED = new Set([4, 15]);

let desk: Desk;
let page: Page;

before(async () => {
  desk = await openDesk();
  page = desk.page;
});

after(async () => {
  await desk?.close();
});

/** A6 at 200 dpi: small enough that 30 pages OCR in well under a minute on two cores. */
async function a6(n: number): Promise<Buffer> {
  const lines = BLANK.has(n)
    ? []
    : [
        '# ỦY BAN NHÂN DÂN XÃ HÒA BÌNH',
        `Sổ đăng ký hộ tịch – trang ${n}`,
        `Họ và tên: Nguyễn Văn An ${n}`,
        'Nơi cư trú: thôn Đông, xã Hòa Bình',
      ];
  return renderPage({
    lines,
    widthMm: 105,
    heightMm: 148,
    dpi: 200,
    fontPt: 10,
    ...(SMUDGED.has(n) ? { blur: 4, noise: 20 } : { noise: 4, skewDeg: 0.3 }),
    format: 'jpeg',
    jpegQuality: 80,
  });
}

async function api<T>(channel: string, body: unknown): Promise<T> {
  const res = await fetch(new URL(`api/${channel}`, desk.host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': desk.host.token },
    body: JSON.stringify(body),
  });
  const envelope = (await res.json()) as { ok: boolean; value: T };
  assert.ok(envelope.ok, JSON.stringify(envelope));
  return envelope.value;
}

async function pickFiles(files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Chọn tệp…' }).click(),
  ]);
  assert.ok(chooser.isMultiple());
  await chooser.setFiles(files);
}

function card(title: string) {
  return page.locator('.batch-card', {
    has: page.getByRole('button', { name: `Xem lô "${title}"` }),
  });
}

test(
  'a batch of 30 pages: progress on screen, then the review queue holds the blank and poorly read pages',
  { timeout: BATCH_TIMEOUT + 60_000 },
  async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Lô số hóa' }).click();
    await page.getByText('Chưa có lô nào').waitFor();
    await shot(page, 'batch-01-empty');

    const files = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => ({
        name: `trang-${String(i + 1).padStart(2, '0')}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await a6(i + 1),
      })),
    );
    await page.getByLabel('Tên lô (không bắt buộc)').fill('Sổ hộ tịch 1998');
    await pickFiles(files);
    const title = 'Sổ hộ tịch 1998';
    const progress = page.getByRole('progressbar', { name: `Tiến độ lô "${title}"` });
    await progress.waitFor();

    // Mid-run: the bar moves, with pages/min and time left beside it.
    await page.waitForFunction(
      () => {
        const bar = document.querySelector<HTMLProgressElement>('.batch-card progress');
        return bar !== null && bar.value >= 3 && bar.value < bar.max;
      },
      undefined,
      { timeout: BATCH_TIMEOUT, polling: 250 },
    );
    const facts = (await card(title).locator('.batch-facts').textContent()) ?? '';
    assert.match(facts, /\d+\/30 trang/);
    assert.match(facts, /trang\/phút/);
    assert.match(facts, /còn khoảng/);
    assert.equal(await card(title).locator('.batch-state').textContent(), 'Đang xử lý');
    const pause = card(title).getByRole('button', { name: `Tạm dừng: ${title}` });
    assert.equal(await pause.getAttribute('aria-keyshortcuts'), 'Alt+P');
    assert.match((await pause.getAttribute('title')) ?? '', /Alt\+P/);
    await shot(page, 'batch-02-running');
    // Scrolled to the foot of the screen, the running batch's progress is still in view.
    await page.locator('#screen').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await assertInViewport(progress, 'the progress bar, scrolled down');
    await page.locator('#screen').evaluate((el) => (el.scrollTop = 0));

    // Pause from the keyboard, then resume: the batch waits, then carries on.
    await page.keyboard.press('Alt+P');
    await card(title).locator('.batch-state', { hasText: 'Tạm dừng' }).waitFor();
    await card(title)
      .getByRole('button', { name: `Tiếp tục: ${title}` })
      .click();

    await card(title)
      .locator('.batch-state', { hasText: 'Xong' })
      .waitFor({ timeout: BATCH_TIMEOUT });
    assert.match((await card(title).locator('.batch-facts').textContent()) ?? '', /30\/30 trang/);
    const dossierText = (await card(title).locator('.batch-meta').textContent()) ?? '';
    assert.match(dossierText, /Hồ sơ /);

    const list = await api<{ batches: { id: number; record: { id: number } | null }[] }>(
      'batchList',
      {},
    );
    // What the review queue must hold: the sheets generated blank, and the pages the archived
    // dossier records as read with a confidence under 70.
    const dossier = await api<{
      pages: { ordinal: number; sourceName: string; confidence: number }[];
    }>('getRecord', { id: list.batches[0]!.record!.id });
    assert.equal(dossier.pages.length, 30);
    const name = (n: number) => `trang-${String(n).padStart(2, '0')}.jpg`;
    const blank = [...BLANK].map(name);
    const poorlyRead = dossier.pages
      .filter((p) => !blank.includes(p.sourceName) && p.confidence < 70)
      .map((p) => p.sourceName);
    // The smudged sheets (blurred past reading) are among them.
    for (const n of SMUDGED) assert.ok(poorlyRead.includes(name(n)), `${name(n)} read too well`);

    const review = page.locator('.batch-review');
    // Grouped under this batch's own title, by reason; large groups fold their items away.
    await review.locator('.review-group').first().waitFor();
    assert.deepEqual(await review.locator('.review-batch h4').allTextContents(), [`Lô “${title}”`]);
    for (const summary of await review.locator('details:not([open]) > summary').all()) {
      await summary.click();
    }
    const blankItems = await review
      .locator('.review-item[data-reason="blank"] strong')
      .allTextContents();
    assert.deepEqual(blankItems, blank);
    const lowItems = await review
      .locator('.review-item[data-reason="low-confidence"] strong')
      .allTextContents();
    assert.deepEqual(lowItems, poorlyRead);
    // The thumbnails grid is windowed: 30 pages, only the visible rows are in the DOM.
    await page.getByRole('heading', { name: 'Trang (30)' }).waitFor();
    const cells = await page.locator('.vgrid-cell').count();
    assert.ok(cells > 0 && cells < 30, `cells rendered: ${cells}`);
    await page.locator('.vgrid img').first().waitFor();
    const blankThumb = page.locator('.thumb-review', { hasText: 'trang-07.jpg' });
    await blankThumb.waitFor();
    assert.match((await blankThumb.textContent()) ?? '', /Trang trắng/);
    await shot(page, 'batch-03-done-review');

    // Deciding an item takes it off the queue; the dossier opens on the page concerned.
    const first = review.locator('.review-item').first();
    const subject = (await first.locator('strong').textContent()) ?? '';
    await first.getByRole('button', { name: `Mở hồ sơ: ${subject}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(subject).first().waitFor();
    await shot(page, 'batch-04-dossier-page');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    const before = await review.locator('.review-item').count();
    await first.getByRole('button', { name: `Giữ nguyên: ${subject}` }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.batch-review .review-item').length === n - 1,
      before,
    );

    // A whole group decided from the keyboard: its items leave the queue at once and the
    // keyboard moves on to the next group's decision.
    const groups = await review.locator('.review-group').count();
    const blankGroup = review.locator('.review-group[data-reason="blank"]');
    const blankCount = Number(await blankGroup.getAttribute('data-count'));
    const itemsBefore = await review.locator('.review-item').count();
    await blankGroup.locator('.review-accept-all').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.batch-review .review-group').length === n - 1,
      groups,
    );
    assert.equal(await review.locator('.review-item').count(), itemsBefore - blankCount);
    await page.locator('.review-accept-all:focus, #batch-review-title:focus').waitFor();

    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(desk.browserErrors, []);
  },
);

test(
  'a damaged file in a batch: a clear error on that file, in the current language; the others are done',
  { timeout: BATCH_TIMEOUT },
  async () => {
    const good = await a6(1);
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const title = 'Hộp 3';
    await page.getByLabel('Tên lô (không bắt buộc)').fill(title);
    await pickFiles([
      { name: 'hs-01.jpg', mimeType: 'image/jpeg', buffer: good },
      { name: 'hs-02-hong.jpg', mimeType: 'image/jpeg', buffer: truncated },
      { name: 'hs-03.jpg', mimeType: 'image/jpeg', buffer: await a6(2) },
    ]);
    await card(title)
      .getByRole('button', { name: `Xem lô "${title}"` })
      .click();
    await card(title)
      .locator('.batch-state', { hasText: 'Xong' })
      .waitFor({ timeout: BATCH_TIMEOUT });
    assert.match((await card(title).textContent()) ?? '', /1 tệp lỗi/);
    assert.match((await card(title).locator('.batch-facts').textContent()) ?? '', /2\/2 trang/);

    const errors = page.locator('.batch-file-errors');
    await errors.waitFor();
    assert.match((await errors.locator('h4').textContent()) ?? '', /Lỗi ở 1 tệp/);
    const item = errors.locator('li[data-file="hs-02-hong.jpg"]');
    assert.equal(await item.getAttribute('data-code'), 'IMAGE_CORRUPT');
    // What happened, to which file, what to do next.
    assert.match(
      (await item.textContent()) ?? '',
      /hs-02-hong\.jpg.*bị hỏng.*Hãy quét lại trang này/,
    );
    await page.locator('.batch-files summary').click();
    const states = await page
      .locator('.batch-files tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    assert.deepEqual(states, ['done', 'failed', 'done']);
    await shot(page, 'batch-05-file-error');

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Digitization batches' }).waitFor();
    assert.match(
      (await item.textContent()) ?? '',
      /hs-02-hong\.jpg.*damaged or incomplete.*Scan this page again/,
    );
    await shot(page, 'batch-06-file-error-en');
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.getByRole('button', { name: /Tiếng Việt/ }).click();
    assert.deepEqual(desk.browserErrors, []);
  },
);

test(
  'a 500-page batch scrolls in a windowed grid: a few rows in the DOM at any position',
  { timeout: 120_000 },
  async () => {
    // 500 tiny sheets, uploaded but left in "receiving files" so no OCR runs: the grid lists the
    // queued pages and loads thumbnails only for what is in view.
    const sheet = await sharp({
      create: { width: 210, height: 297, channels: 3, background: '#f4f1e8' },
    })
      .png()
      .toBuffer();
    let batchId: number | undefined;
    for (let start = 0; start < 500; start += 50) {
      const files = Array.from({ length: 50 }, (_, i) => ({
        name: `to-${String(start + i + 1).padStart(3, '0')}.png`,
        dataBase64: sheet.toString('base64'),
      }));
      const r = await api<{ batch: { id: number } }>('batchQueueFiles', {
        ...(batchId ? { batchId } : { title: 'Kho 500 tờ' }),
        more: true,
        files,
      });
      batchId = r.batch.id;
    }
    const title = 'Kho 500 tờ';
    await card(title).waitFor();
    await card(title)
      .getByRole('button', { name: `Xem lô "${title}"` })
      .click();
    await page.getByRole('heading', { name: 'Trang (500)' }).waitFor();
    const grid = page.getByRole('region', { name: /Danh sách trang của lô/ });
    await grid.locator('img').first().waitFor();

    // Scroll through the whole grid, a step per frame, recording frame gaps and DOM size.
    const run = await grid.evaluate(async (el) => {
      const gaps: number[] = [];
      let maxCells = 0;
      let last = performance.now();
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        el.scrollTop += 120;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        maxCells = Math.max(maxCells, el.querySelectorAll('.vgrid-cell').length);
      }
      await new Promise((r) => setTimeout(r, 300));
      const names = [...el.querySelectorAll('.thumb-name')].map((n) => n.textContent);
      gaps.sort((a, b) => a - b);
      return {
        frames: gaps.length,
        p50: gaps[Math.floor(gaps.length / 2)] ?? 0,
        p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
        maxCells,
        lastName: names[names.length - 1],
      };
    });
    console.log(
      `500-page grid: ${run.frames} scroll steps, frame gap p50 ${run.p50.toFixed(1)} ms, ` +
        `p95 ${run.p95.toFixed(1)} ms, at most ${run.maxCells} cells in the DOM`,
    );
    assert.ok(run.maxCells > 0 && run.maxCells <= 60, `cells in the DOM: ${run.maxCells}`);
    assert.equal(run.lastName, 'to-500.png');
    await grid.locator('img').last().waitFor();
    await shot(page, 'batch-07-500-pages');
    // Cancel asks first (window.confirm), naming the batch.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await card(title)
      .getByRole('button', { name: `Hủy lô: ${title}` })
      .click();
    await card(title).locator('.batch-state', { hasText: 'Đã hủy' }).waitFor();
    assert.match(asked, /Hủy lô "Kho 500 tờ"\?/);
    assert.deepEqual(desk.browserErrors, []);
  },
);

test(
  'scan into a new batch (eSCL): the feeder jams at sheet 3, the two sheets before are queued and run, the jam is explained',
  { timeout: BATCH_TIMEOUT },
  async () => {
    const scanner = await startEsclEmulator({ feederSheets: 4, jamAtSheet: 3 });
    // The scanner list is read again on every request: the emulator is found from now on.
    process.env.SOHOA_ESCL = scanner.url;
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Lô số hóa' }).click();
      const title = 'Quét hộp 5';
      await page.getByLabel('Tên lô (không bắt buộc)').fill(title);
      await page.keyboard.press('Alt+Q');
      const jam = page.locator('.batch-scan [role="alert"][data-code="SCANNER_PAPER_JAM"]');
      await jam.waitFor({ timeout: BATCH_TIMEOUT });
      assert.match((await jam.textContent()) ?? '', /kẹt giấy.*vẫn được giữ/);
      await card(title)
        .getByRole('button', { name: `Xem lô "${title}"` })
        .click();
      await card(title)
        .locator('.batch-state', { hasText: 'Xong' })
        .waitFor({ timeout: BATCH_TIMEOUT });
      assert.match((await card(title).locator('.batch-facts').textContent()) ?? '', /2\/2 trang/);
      assert.ok(scanner.requests.some((r) => r.startsWith('POST /eSCL/ScanJobs')));
      await shot(page, 'batch-08-scanned');
      assert.deepEqual(await seriousAxeViolations(page), []);
      assert.deepEqual(desk.browserErrors, []);
    } finally {
      delete process.env.SOHOA_ESCL;
      await scanner.close();
    }
  },
);
