// The UI end to end in a real Chromium over the loopback web host, on a fresh data folder:
// pick a rendered page through the file picker, wait for OCR + PDF + signing, open the dossier,
// and read back the recognised Vietnamese text and the signature status. Run after `npm run build`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openDesk, shot, SHOTS_DIR, type Desk } from '../helpers/browser';

/** OCR of one small page takes seconds here, but the first run also prepares language data. */
const DIGITIZE_TIMEOUT = 120_000;

const PAGE_LINES = [
  '# CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  'Họ và tên: Trần Thị Đào',
];
/** Words from the page that OCR reads reliably; we require most, not all, to allow one slip. */
const ROBUST_WORDS = ['CỘNG HÒA', 'VIỆT NAM', 'Độc lập', 'Hạnh phúc', 'Trần Thị Đào'];

let desk: Desk;
// CSP violations and React errors land in desk.browserErrors; the UI must run clean under the
// strict CSP.
let page: Desk['page'];

before(async () => {
  desk = await openDesk();
  page = desk.page;
});

after(async () => {
  await desk?.close();
});

async function pickFiles(files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Số hóa tệp…' }).click(),
  ]);
  assert.ok(chooser.isMultiple());
  await chooser.setFiles(files);
}

test(
  'digitize a page from the UI, open the dossier, read its OCR text and signature',
  {
    timeout: 240_000,
  },
  async () => {
    const image = await renderPage({
      lines: PAGE_LINES,
      widthMm: 148,
      heightMm: 70,
      skewDeg: 0.4,
      noise: 6,
      format: 'png',
    });
    fs.writeFileSync(path.join(SHOTS_DIR, 'input-page.png'), image);

    await page.goto(desk.host.url);
    // Reception is the default screen; the archive is one tab (or Alt+3) away.
    await page.getByRole('navigation').getByRole('button', { name: 'Kho lưu trữ' }).click();
    await page.getByText('Chưa có hồ sơ nào').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await shot(page, '01-empty');

    await pickFiles([{ name: 'trang-1.png', mimeType: 'image/png', buffer: image }]);

    const open = page.getByRole('button', { name: /^Mở hồ sơ / });
    await open.waitFor({ timeout: DIGITIZE_TIMEOUT });
    await page
      .getByRole('status')
      .getByText(/^Đã tạo hồ sơ /)
      .waitFor();
    const row = page.locator('tbody tr').first();
    assert.match((await row.textContent()) ?? '', /Đã ký số \(bản thử nghiệm\)/);
    assert.equal(await page.locator('tbody tr').count(), 1);

    await open.click();
    const ocr = page.getByTestId('ocr-text').first();
    await ocr.waitFor();
    const text = ((await ocr.textContent()) ?? '').normalize('NFC');
    const found = ROBUST_WORDS.filter((w) => text.includes(w.normalize('NFC')));
    assert.ok(
      found.length >= ROBUST_WORDS.length - 1,
      `OCR text shown should contain most of ${ROBUST_WORDS.join(' | ')}; got:\n${text}`,
    );
    assert.equal(
      await page.getByTestId('signature-status').textContent(),
      'Đã ký số (bản thử nghiệm)',
    );
    assert.match((await page.getByTestId('sha256').textContent()) ?? '', /^[0-9a-f]{64}$/);
    await shot(page, '02-dossier-vi');

    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByTestId('signature-status')
      .getByText('Digitally signed (test certificate)')
      .waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await shot(page, '03-dossier-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    assert.deepEqual(desk.browserErrors, []);
  },
);

test(
  'a file that is not an image is reported by name, in the chosen language',
  {
    timeout: 120_000,
  },
  async () => {
    await pickFiles([
      {
        name: 'ghi-chu.png',
        mimeType: 'image/png',
        buffer: Buffer.from('Đây là văn bản, không phải ảnh quét'),
      },
    ]);
    const alert = page.getByRole('alert').filter({ hasText: 'ghi-chu.png' });
    await alert.waitFor({ timeout: DIGITIZE_TIMEOUT });
    const vi = (await alert.textContent()) ?? '';
    assert.match(vi, /Một số tệp không xử lý được/);
    await shot(page, '04-file-error-vi');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('alert').getByText('Some files could not be processed').waitFor();
    const en =
      (await page.getByRole('alert').filter({ hasText: 'ghi-chu.png' }).textContent()) ?? '';
    assert.notEqual(en, vi);
    // No second dossier was made from a bad file.
    assert.equal(await page.locator('tbody tr').count(), 1);
    await shot(page, '05-file-error-en');

    assert.deepEqual(desk.browserErrors, []);
  },
);
