// Separation on the batch screen, in Chromium over the web host on a fresh data folder: the
// archivist turns separation on, prints separator sheets from the app (the PDF is checked by
// qpdf and pdftotext), queues a generated stack holding the core's own separator sheets (a QR
// sheet naming the document type, a Patch T sheet), sees the splits with their reasons, moves one
// split with the keyboard, accepts, and the archive then holds one record per document.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';
import { pdftotext, run } from '../helpers/tools';
import { contentPage, scannedSeparatorSheets } from './batch-separation-stack';

const TIMEOUT = 150_000;
let desk: Desk;
let page: Page;

before(async () => {
  desk = await openDesk();
  page = desk.page;
});

after(async () => {
  await desk?.close();
});

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

test(
  'separator sheets printed from the app; a stack split by its sheets, one split moved with the keyboard, accepted, archived as one record per document',
  { timeout: TIMEOUT },
  async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Lô số hóa' }).click();
    await page.getByRole('heading', { name: 'Tách tài liệu' }).waitFor();

    // Separation on (QR sheets and patch codes are the preset methods), saved in the core.
    await page.getByRole('checkbox', { name: 'Tách lô thành tài liệu' }).check();
    await page.getByRole('button', { name: 'Lưu cách tách' }).click();
    await page.getByText('Đã lưu. Lô mới sẽ được tách theo cách này.').waitFor();
    const saved = await api<{ options: { codes: boolean; patchCodes: string[] } | null }>(
      'batchSeparationDefaults',
      {},
    );
    assert.equal(saved.options?.codes, true);
    assert.ok(saved.options?.patchCodes.includes('T'));

    // Print separator sheets: Alt+T opens the dialog; the PDF arrives as a download.
    await page.keyboard.press('Alt+T');
    const dialog = page.getByRole('dialog', { name: 'In tờ phân tách' });
    await dialog.waitFor();
    await dialog.getByLabel('Số tờ').fill('2');
    await dialog.getByLabel('Loại tài liệu theo sau (không bắt buộc)').selectOption({
      label: 'Giấy khai sinh',
    });
    await dialog.getByLabel('Mã hồ sơ (không bắt buộc, bắt đầu hồ sơ mới)').fill('HS-0001');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Tạo PDF để in' }).click(),
    ]);
    const pdfFile = path.join(desk.work, 'to-phan-tach.pdf');
    await download.saveAs(pdfFile);
    assert.equal(download.suggestedFilename(), 'to-phan-tach.pdf');
    const q = run('qpdf', ['--check', pdfFile]);
    assert.equal(q.status, 0, q.stdout + q.stderr);
    assert.equal(run('qpdf', ['--show-npages', pdfFile]).stdout.trim(), '2');
    const sheetText = pdftotext(pdfFile);
    assert.match(sheetText, /TỜ PHÂN TÁCH TÀI LIỆU/);
    assert.match(sheetText, /Loại giấy tờ: Giấy khai sinh/);
    assert.match(sheetText, /Mã hồ sơ: HS-0001/);
    await dialog.getByText(/Đã tạo 2 tờ/).waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await shot(page, 'batch-sep-01-print-dialog');
    await dialog.getByRole('button', { name: 'Đóng' }).click();

    // A stack: a | QR sheet (birth certificate) | d1 d2 | Patch T sheet | c1 c2
    const [sheetQr, sheetT] = await scannedSeparatorSheets([
      { patch: null, type: 'birth_certificate' },
      { patch: 'T', qr: false },
    ]);
    const [a, d1, d2, c1, c2] = await Promise.all(
      ['ĐƠN ĐỀ NGHỊ', 'GIẤY KHAI SINH', 'TRANG HAI', 'HỢP ĐỒNG', 'PHỤ LỤC'].map((t) =>
        contentPage([t, 'Nguyễn Văn An']),
      ),
    );
    const stack = [a!, sheetQr!, d1!, d2!, sheetT!, c1!, c2!];
    const title = 'Hộp 7 – tách';
    await page.getByLabel('Tên lô (không bắt buộc)').fill(title);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Chọn tệp…' }).click(),
    ]);
    await chooser.setFiles(
      stack.map((buffer, i) => ({
        name: `trang-${i + 1}.jpg`,
        mimeType: 'image/jpeg',
        buffer,
      })),
    );
    const card = page.locator('.batch-card', {
      has: page.getByRole('button', { name: `Xem lô "${title}"` }),
    });
    await card.locator('.batch-state', { hasText: 'Chờ duyệt tách' }).waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: `Xem lô "${title}"` }).click();

    // The plan: three documents, each marker with its reason; the sheets flagged.
    const review = page.locator('.batch-split');
    await review.getByRole('heading', { name: 'Điểm tách: 3 tài liệu từ 7 trang' }).waitFor();
    const markers = review.locator('.split-marker');
    await markers.nth(2).waitFor();
    assert.deepEqual(await markers.allTextContents(), [
      'Tài liệu 1 · Đầu lô',
      'Tài liệu 2 · Tờ phân tách QR: Giấy khai sinh',
      'Tài liệu 3 · Patch T',
    ]);
    assert.equal(await review.locator('.split-separator').count(), 2);
    assert.equal(await review.locator('[data-page="1"] .split-flag').textContent(), 'Tờ phân tách');
    const toggle = review.getByRole('button', { name: 'Bỏ điểm tách này' });
    assert.equal(await toggle.getAttribute('aria-keyshortcuts'), 'S');
    assert.deepEqual(await seriousAxeViolations(page), []);
    await shot(page, 'batch-sep-02-plan');

    // S splits at the picked page (page 4, d2); the mouse takes that split away again.
    await review.locator('[data-page="3"]').click();
    await page.keyboard.press('s');
    await review.getByRole('heading', { name: 'Điểm tách: 4 tài liệu từ 7 trang' }).waitFor();
    assert.match(
      (await review.locator('[data-page="3"] .split-marker').textContent()) ?? '',
      /Tài liệu 3 · Tách tay/,
    );
    await review.getByRole('button', { name: 'Bỏ điểm tách này' }).click();
    await review.getByRole('heading', { name: 'Điểm tách: 3 tài liệu từ 7 trang' }).waitFor();

    // Keyboard only: pick page 1, → to page 6 (c1, where Patch T put the split), Alt+→ moves it
    // to page 7: c1 now stays with the birth certificate's document.
    await review.locator('[data-page="0"]').click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await review.getByText('Đang chọn trang 6', { exact: true }).waitFor();
    await expectFocused('[data-page="5"]');
    await page.keyboard.press('Alt+ArrowRight');
    await review.locator('[data-page="6"].split-start').waitFor();
    assert.equal(await review.locator('[data-page="5"].split-start').count(), 0);
    assert.match(
      (await review.locator('[data-page="6"] .split-marker').textContent()) ?? '',
      /Patch T · dời từ trang 6/,
    );
    const docs = review.locator('.split-docs li');
    assert.match((await docs.nth(1).textContent()) ?? '', /3 trang · loại: Giấy khai sinh/);
    assert.match((await docs.nth(2).textContent()) ?? '', /1 trang/);
    await shot(page, 'batch-sep-03-moved');

    // Accept (Alt+A): the batch is archived one record per document.
    await page.keyboard.press('Alt+A');
    await card.locator('.batch-state', { hasText: 'Xong' }).waitFor({ timeout: 100_000 });
    await card.getByText('3 tài liệu đã lưu kho').waitFor();
    const batchId = Number(await card.getAttribute('data-batch'));
    const { records } = await api<{
      records: { pages: number; type: string | null; archived: { code: string } | null }[];
    }>('batchSplitPlan', { batchId });
    assert.deepEqual(
      records.map((r) => [r.pages, r.type, Boolean(r.archived)]),
      [
        [1, null, true],
        [3, 'birth_certificate', true],
        [1, null, true],
      ],
    );
    // In the archive: three signed records with those page counts, the second titled by its type.
    const { records: inArchive } = await api<{
      records: { code: string; title: string; pageCount: number; signature: unknown }[];
    }>('listRecords', { limit: 10 });
    const made = records.map((r) => inArchive.find((d) => d.code === r.archived!.code)!);
    assert.deepEqual(
      made.map((d) => d.pageCount),
      [1, 3, 1],
    );
    assert.ok(made.every((d) => d.signature !== null));
    assert.match(made[1]!.title, /^Giấy khai sinh – Hộp 7 – tách \(lô \d+, tài liệu 2\/3\)$/);
    await review.getByText(`đã lưu kho: ${records[1]!.archived!.code}`, { exact: false }).waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await shot(page, 'batch-sep-04-archived');
    assert.deepEqual(desk.browserErrors, []);
    assert.ok(fs.existsSync(pdfFile));
  },
);

async function expectFocused(selector: string): Promise<void> {
  await page.waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, {
    timeout: 5000,
  });
}

test(
  'a long plan stays windowed: End picks and focuses the last page, markers follow the fixed count',
  { timeout: 90_000 },
  async () => {
    await api('batchSeparationDefaults', { options: { fixedCount: 10 } });
    const small = await renderPage({ lines: [''], dpi: 100, widthMm: 105, heightMm: 148 });
    const { batch } = await api<{ batch: { id: number } }>('batchQueueFiles', {
      title: 'Sổ dài',
      more: false,
      files: Array.from({ length: 40 }, (_, i) => ({
        name: `s-${String(i + 1).padStart(2, '0')}.png`,
        dataBase64: small.toString('base64'),
      })),
    });
    const card = page.locator(`.batch-card[data-batch="${batch.id}"]`);
    await card.locator('.batch-state', { hasText: 'Chờ duyệt tách' }).waitFor({ timeout: 80_000 });
    await card.getByRole('button', { name: 'Xem lô "Sổ dài"' }).click();
    const review = page.locator('.batch-split');
    await review.getByRole('heading', { name: 'Điểm tách: 4 tài liệu từ 40 trang' }).waitFor();
    assert.ok((await review.locator('.split-page').count()) < 40, 'only the rows in view');
    await review.locator('[data-page="0"]').click();
    await page.keyboard.press('End');
    await expectFocused('[data-page="39"]');
    await review.getByText('Đang chọn trang 40', { exact: true }).waitFor();
    assert.equal(
      await review.locator('[data-page="30"] .split-marker').textContent(),
      'Tài liệu 4 · Đủ 10 trang',
    );
    await page.keyboard.press('Home');
    await expectFocused('[data-page="0"]');
  },
);

test(
  'auto-accept from the panel: a stack split by its sheets is archived without review ("tự chấp nhận"); a document that failed is retried from the card with the keyboard',
  { timeout: TIMEOUT },
  async () => {
    await api('batchSeparationDefaults', { options: { codes: true } });
    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: 'Lô số hóa' }).click();
    const auto = page.getByRole('checkbox', { name: /^Tự chấp nhận khi mọi điểm tách/ });
    await auto.check();
    await page.getByRole('button', { name: 'Lưu cách tách' }).click();
    await page.getByText('Đã lưu. Lô mới sẽ được tách theo cách này.').waitFor();
    const saved = await api<{ options: { autoAccept?: boolean } | null }>(
      'batchSeparationDefaults',
      {},
    );
    assert.equal(saved.options?.autoAccept, true);

    const [sheet] = await scannedSeparatorSheets([{ patch: null, type: 'birth_certificate' }]);
    const [a, b] = await Promise.all(
      ['ĐƠN ĐỀ NGHỊ', 'GIẤY KHAI SINH'].map((t) => contentPage([t, 'Phạm Thị Dung'])),
    );
    const queue = async (title: string) =>
      (
        await api<{ batch: { id: number } }>('batchQueueFiles', {
          title,
          more: false,
          files: [a!, sheet!, b!].map((bytes, i) => ({
            name: `p-${i + 1}.jpg`,
            dataBase64: bytes.toString('base64'),
          })),
        })
      ).batch.id;

    // Every split from a separator sheet: no review, archived, and the card says so.
    const autoId = await queue('Hộp 9 – tự');
    const autoCard = page.locator(`.batch-card[data-batch="${autoId}"]`);
    await autoCard.locator('.batch-state', { hasText: 'Xong' }).waitFor({ timeout: 100_000 });
    await autoCard.getByText('tự chấp nhận (không cần duyệt tách)').waitFor();
    await autoCard.getByText('2 tài liệu đã lưu kho').waitFor();
    await autoCard.getByRole('button', { name: 'Xem lô "Hộp 9 – tự"' }).click();
    await page.getByText(/^Kế hoạch này được tự chấp nhận/).waitFor();

    // Without auto-accept the next one waits; its second document's read page is lost on disk
    // (stack page 3, b) before the accept, so that document fails and the rest is archived.
    await auto.uncheck();
    await page.getByRole('button', { name: 'Lưu cách tách' }).click();
    const failId = await queue('Hộp 9 – lỗi');
    const card = page.locator(`.batch-card[data-batch="${failId}"]`);
    await card.locator('.batch-state', { hasText: 'Chờ duyệt tách' }).waitFor({ timeout: 80_000 });
    const readDir = path.join(desk.dataDir, 'batches', String(failId), 'read');
    const image = fs.readdirSync(readDir).find((f) => f.startsWith('00003.') && !/json$/.test(f))!;
    const aside = path.join(desk.work, `aside-${image}`);
    fs.renameSync(path.join(readDir, image), aside);
    await api('batchAcceptSplits', { batchId: failId });
    await card
      .locator('.batch-state', { hasText: 'Xong, 1 tài liệu lỗi' })
      .waitFor({ timeout: 100_000 });
    await card.getByText('1 tài liệu đã lưu kho').waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await shot(page, 'batch-sep-05-failed-document');

    // The page is back; the archivist reaches "Chạy lại tài liệu lỗi" with Tab and presses Enter.
    fs.renameSync(aside, path.join(readDir, image));
    const retry = card.getByRole('button', { name: 'Chạy lại tài liệu lỗi: Hộp 9 – lỗi' });
    await card.getByRole('button', { name: 'Xem lô "Hộp 9 – lỗi"' }).focus();
    for (let i = 0; i < 10 && !(await retry.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    assert.ok(await retry.evaluate((el) => el === document.activeElement), 'reached by Tab');
    await page.keyboard.press('Enter');
    await card.getByText('2 tài liệu đã lưu kho').waitFor({ timeout: 100_000 });
    assert.equal(await card.locator('.batch-state').textContent(), 'Xong');
    assert.equal(await retry.count(), 0, 'nothing left to retry');
    const { records } = await api<{ records: { archived: { code: string } | null }[] }>(
      'batchSplitPlan',
      { batchId: failId },
    );
    const codes = records.map((r) => r.archived?.code);
    assert.equal(new Set(codes).size, 2);
    assert.ok(codes.every(Boolean));
    assert.deepEqual(desk.browserErrors, []);
  },
);
