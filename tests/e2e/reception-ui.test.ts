// A whole reception at the counter, by keyboard where a clerk would use it, in Chromium over the
// web host on a fresh data folder. Pick a procedure by an unaccented search, scan a generated CCCD
// QR with a keyboard-wedge scanner (real key events, fast, ending with Enter, while focus sits in
// another field), import two generated pages, correct the one the machine is unsure of, see the
// checklist complete, sign with the demo key, preview the receipt, finish. Then the archive's
// unaccented search finds the dossier and the outbox holds it. The window is the counter's
// 1366×768: each next action is in view without scrolling, every day reads dd/mm/yyyy, the slip
// prints on one sheet, and the receipt's dossier code is the archive's. Run after
// `npm run build:renderer`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CardHolder } from '../../shared/identity';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openArchive } from '../../electron/core/archive/open';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { DossierStore } from '../../electron/core/dossier/store';
import { cccdQrPayload, SAMPLE_HOLDERS } from '../../electron/core/identity/sampleCard';
import { Outbox } from '../../electron/core/outbox/outbox';
import { assertInViewport, axeViolations, openDesk, shot, type Desk } from '../helpers/browser';
import { startEsclEmulator } from '../helpers/esclEmulator';
import { vi } from '../../renderer/src/i18n/vi';

/** Two pages are read at import and again when the dossier is digitized: seconds each here. */
const OCR_TIMEOUT = 180_000;

// An invented person with a new-style card (thẻ căn cước, issued after 1 July 2024: its QR is on
// the back and carries four more fields); the number follows the structure but belongs to no one.
const HOLDER: CardHolder = {
  ...SAMPLE_HOLDERS.cccd,
  card: 'can-cuoc',
  dateOfIssue: '2025-03-12',
};

const FORM_LINES = [
  '# CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  '# TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH',
  'Kính gửi: Ủy ban nhân dân xã Hải Hậu',
  'Họ và tên người yêu cầu: Trần Thị Ngọc Lan',
];
/**
 * Too little to classify: the machine asks the clerk (needs review). No ID number on the pages:
 * the archive finds the dossier by it from the applicant's details alone.
 */
const COPY_LINES = ['Giấy tờ kèm theo', 'Trần Thị Ngọc Lan'];

/** The clerk at the counter, recorded on every move of the dossier. */
const CLERK = 'Lê Văn Minh';

let desk: Desk;

before(async () => {
  desk = await openDesk({ viewport: { width: 1366, height: 768 } });
});

after(async () => {
  await desk?.close();
});

/** No axe violation of any impact, and every day on screen and in the fields reads dd/mm/yyyy. */
async function assertAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
  await assertDates(page, where);
}

async function assertDates(page: Page, where: string): Promise<void> {
  const text = await page.evaluate(() =>
    [document.body.innerText, ...[...document.querySelectorAll('input')].map((i) => i.value)].join(
      '\n',
    ),
  );
  assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, `${where}: an ISO day is shown`);
  for (const day of text.match(/\b\d{1,4}\/\d{1,2}\/\d{2,4}\b/g) ?? []) {
    const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(day);
    assert.ok(m && +m[1]! <= 31 && +m[2]! <= 12, `${where}: "${day}" is not dd/mm/yyyy`);
  }
}

/** The printed receipt (Chromium's own print to PDF) on a sheet of this size: its page count. */
async function printedPages(page: Page, format: 'A4' | 'A5'): Promise<number> {
  const file = path.join(desk.work, `slip-${format}.pdf`);
  fs.writeFileSync(file, await page.pdf({ format, printBackground: true }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/**
 * What a keyboard-wedge scanner does: one real key event per character (CDP, as a keyboard
 * driver would send them, including characters no US layout has), 8 ms apart, then Enter. The
 * events carry their own timestamps, as hardware events do, so a loaded machine that delivers
 * them late does not make the scanner look like a person typing.
 */
async function wedgeScan(page: Page, payload: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...payload].map((ch) => ({ key: ch, text: ch }));
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  const events = [...keys, { ...enter, text: '\r' }].flatMap((k, i) => {
    const timestamp = start + i * 0.008;
    const { text, ...up } = k;
    return [
      { type: 'keyDown', ...k, text, timestamp },
      { type: 'keyUp', ...up, timestamp: timestamp + 0.002 },
    ];
  });
  // Sent back to back: CDP delivers them in order.
  await Promise.all(events.map((e) => cdp.send('Input.dispatchKeyEvent', e as never)));
  await cdp.detach();
}

test(
  'a whole reception at the counter, from the procedure to the archive and the outbox',
  {
    timeout: 2 * OCR_TIMEOUT,
  },
  async (t) => {
    const { page } = desk;
    await page.locator('.reception h2').waitFor();
    await page.locator('.signer[data-kind="demo"]').waitFor();
    await assertAccessible(page, 'reception, empty');
    await assertInViewport(page.locator('#procedure-search'), 'the procedure search');
    await assertInViewport(page.getByRole('button', { name: 'Ký số và tiếp nhận' }), 'Sign');
    await shot(page, 'reception-1-empty');

    // The help overlay lists the shortcuts (F1) and Escape closes it.
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Phím tắt' });
    await help.waitFor();
    assert.match(await help.innerText(), /Alt\+K/);
    await assertAccessible(page, 'help overlay');
    await shot(page, 'reception-2-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // The clerk gives their name at the start of the shift (Alt+C): signing waits for it.
    await page.locator('#sign-needs', { hasText: 'tên cán bộ tiếp nhận' }).waitFor();
    await page.keyboard.press('Alt+C');
    await page.keyboard.type(CLERK);

    // The procedure, found without diacritics, picked with Enter.
    await page.keyboard.press('Alt+P');
    await page.keyboard.type('trich luc ho tich');
    await page.keyboard.press('Enter');
    await page.locator('.procedure-chosen[data-code="2.000635"]').waitFor();
    await assertInViewport(page.locator('#applicant-name'), 'the applicant after the procedure');

    // The applicant from the card's QR, scanned while the clerk's cursor is in the phone field:
    // the scan fills the applicant and leaves nothing in that field.
    await page.getByLabel('Số điện thoại').focus();
    await wedgeScan(page, cccdQrPayload(HOLDER));
    await page
      .locator('#applicant-name')
      .and(page.locator(`[value="${HOLDER.fullName}"]`))
      .waitFor();
    assert.equal(await page.locator('#applicant-id').inputValue(), HOLDER.idNumber);
    assert.equal(await page.locator('#applicant-phone').inputValue(), '');
    assert.equal(await page.locator('#applicant-dob').inputValue(), '14/07/1995');
    await page.locator('.badge[data-source="qr"]').waitFor();
    // The date field takes a day as clerks type it, whatever the computer's language.
    await page.locator('#applicant-dob').fill('');
    await page.locator('#applicant-dob').pressSequentially('14071995');
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('#applicant-dob').inputValue(), '14/07/1995');
    await assertInViewport(page.getByRole('button', { name: 'Thêm trang' }), 'Add pages');

    // Two papers through the file picker: the form and a copy the machine cannot place.
    const small = { dpi: 150, heightMm: 110 } as const;
    const readStart = Date.now();
    await page.getByLabel('Chọn ảnh quét (JPEG, PNG, TIFF) hoặc PDF').setInputFiles([
      {
        name: 'to-khai.png',
        mimeType: 'image/png',
        buffer: await renderPage({ lines: FORM_LINES, ...small }),
      },
      {
        name: 'ban-sao.png',
        mimeType: 'image/png',
        buffer: await renderPage({ lines: COPY_LINES, ...small }),
      },
    ]);
    await page.locator('.reception-thumb').nth(1).waitFor({ timeout: OCR_TIMEOUT });
    // Measured, not asserted (tests never assert wall-clock times): printed in the test log.
    t.diagnostic(`2 pages read (prepare + OCR) in ${Date.now() - readStart} ms`);
    const doc1 = page.locator('.doc[data-doc="1"]');
    const doc2 = page.locator('.doc[data-doc="2"]');
    await doc1.locator('select').and(page.locator(':not([aria-invalid="true"])')).waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector<HTMLSelectElement>('.doc[data-doc="1"] select')?.value ?? '') !==
        '',
    );
    assert.equal(await doc1.locator('select').inputValue(), 'application_form');
    await doc2.and(page.locator('.needs-review')).waitFor();
    await page.locator('.checklist [data-complete="false"]').waitFor();
    await assertAccessible(page, 'reception, pages read');
    await shot(page, 'reception-3-pages');

    // Alt+K with a document the machine could not type: it says which, and the keyboard lands
    // on that document's type list.
    await page.keyboard.press('Alt+K');
    await page.locator('.action-refusal', { hasText: 'Giấy tờ 2' }).waitFor();
    await assertInViewport(page.locator('.action-refusal'), 'why Alt+K did not sign');
    await doc2.locator('select:focus').waitFor();

    // Page keys on the focused thumbnail: turn right then left leaves the page as it was.
    await page.keyboard.press('Alt+G');
    await page.keyboard.press('r');
    await page.locator('.reception-thumb img.rot-90').waitFor();
    await page.keyboard.press('Shift+R');
    await page.locator('.reception-thumb img.rot-0').nth(1).waitFor();

    // The clerk corrects the unsure one: the checklist completes.
    await doc2.locator('select').selectOption('cccd_front');
    await page.locator('.checklist [data-complete="true"]').waitFor();
    await page.locator('[data-component="giay_to_tuy_than"][data-present="true"]').waitFor();

    // A reload (F5, a renderer crash) brings the open reception back as it was.
    await page.reload();
    await page.locator('.procedure-chosen[data-code="2.000635"]').waitFor();
    await page.locator('.reception-thumb').nth(1).waitFor();
    assert.equal(await page.locator('#applicant-id').inputValue(), HOLDER.idNumber);
    assert.equal(await doc2.locator('select').inputValue(), 'cccd_front');
    await page.locator('.checklist [data-complete="true"]').waitFor();

    // The applicant chooses to get the result by the public post (the unit offers it by default).
    await page.locator('#delivery-place').selectOption({ label: vi.reception.deliveryPost });
    await page.locator('#delivery-address').fill('Số 5 Lê Lợi, phường Sài Gòn, TP. Hồ Chí Minh');

    // Sign with the demo key (Alt+K): the receipt comes back and is previewed.
    const signStart = Date.now();
    await page.keyboard.press('Alt+K');
    const result = page.locator('.result[data-dossier]');
    await result.waitFor({ timeout: OCR_TIMEOUT });
    t.diagnostic(`received, digitized, signed, archived in ${Date.now() - signStart} ms`);
    const code = await result.getAttribute('data-dossier');
    assert.ok(code, 'dossier code shown');
    assert.equal(await result.getAttribute('data-state'), 'signed');
    const archiveCode = await page.locator('.archived').getAttribute('data-archive-code');
    assert.ok(archiveCode);
    // One code from the counter to the archive and the outbox.
    assert.equal(code, archiveCode, 'the receipt and the archive name the dossier alike');
    // The next action is printing: the keyboard is on it, and finishing is in view too.
    await page.locator('.action-bar button[aria-keyshortcuts="Alt+I"]:focus').waitFor();
    await assertInViewport(page.locator('.action-bar button[aria-keyshortcuts="Alt+I"]'), 'Print');
    await assertInViewport(page.locator('.action-bar button[aria-keyshortcuts="Alt+H"]'), 'Finish');
    await page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('img.slip-preview')?.naturalWidth ?? 0) > 300,
    );
    assert.match(await result.innerText(), /thử nghiệm/);
    // The appointment says whether its year's days off are official or estimated, and where the
    // result goes.
    const dueLine = result.locator('.due-line');
    const status = await dueLine.getAttribute('data-year-status');
    assert.ok(status === 'official' || status === 'estimated', `year status ${status}`);
    const dueYear = Number((await dueLine.locator('.due').innerText()).slice(-4));
    const said = status === 'estimated' ? vi.reception.dueEstimated : vi.reception.dueOfficial;
    assert.ok((await dueLine.innerText()).includes(said(dueYear)), await dueLine.innerText());
    assert.match(
      await result.locator('.delivery-chosen[data-delivery="post"]').innerText(),
      /Số 5 Lê Lợi/,
    );
    assert.deepEqual(desk.browserErrors, []);
    await assertAccessible(page, 'reception, receipt');
    await shot(page, 'reception-4-receipt');

    // Print shows the slip alone.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.print-slip img').isVisible());
    assert.ok(!(await page.locator('.reception-grid').isVisible()));
    assert.equal(await printedPages(page, 'A5'), 1, 'the slip on one A5 sheet');
    assert.equal(await printedPages(page, 'A4'), 1, 'the slip on one A4 sheet');
    await page.emulateMedia({ media: 'screen' });

    // Finish (Alt+H): the screen is ready for the next citizen.
    await page.keyboard.press('Alt+H');
    await page.getByText(`Đã hoàn tất hồ sơ ${code}.`).waitFor();
    await page.locator('#procedure-search:focus').waitFor();
    assert.equal(await page.locator('.reception-thumb').count(), 0);
    // The procedure just used now comes first, marked recent.
    await page
      .locator('.procedure-option')
      .first()
      .and(page.locator('[data-code="2.000635"]'))
      .waitFor();

    // On the archive screen (Alt+3), an unaccented search finds the dossier…
    await page.keyboard.press('Alt+3');
    await page.locator('#archive-query:focus').waitFor();
    await page.locator('#archive-query').fill('trich luc ho tich tran thi ngoc lan');
    await page.locator('#archive-query').press('Enter');
    await page.locator(`li[data-dossier-code="${archiveCode}"]`).first().waitFor();
    await assertAccessible(page, 'archive, search');
    await shot(page, 'reception-5-archive-search');
    // …and by the applicant's ID number, which is on no page: the archive's search indexes the
    // received dossier's applicant.
    await t.test('the archive finds the dossier by the applicant ID number', async () => {
      await page.locator('#archive-query').fill(HOLDER.idNumber);
      await page.locator('#archive-query').press('Enter');
      await page
        .locator(`li[data-dossier-code="${archiveCode}"]`)
        .first()
        .waitFor({ timeout: 10_000 });
      const first = page.locator('li[data-dossier-code]').first();
      assert.equal(await first.getAttribute('data-dossier-code'), archiveCode, 'ranked first');
    });
    // …and the outbox (Alt+4) lists it.
    await page.keyboard.press('Alt+4');
    await page.locator(`tr[data-dossier-code="${archiveCode}"]`).waitFor();
    await assertAccessible(page, 'outbox');
    await shot(page, 'reception-6-outbox');
    await page.keyboard.press('Alt+1');
    // The same screen on a 1920×1080 monitor: the next action still in view, nothing broken.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await assertInViewport(page.locator('#procedure-search'), 'the search at 1920×1080');
    await assertInViewport(page.getByRole('button', { name: 'Ký số và tiếp nhận' }), 'Sign, 1080p');
    await assertAccessible(page, 'reception at 1920×1080');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The same through the core: the dossier's lifecycle, the search and the outbox row.
    let archivedId: number | undefined;
    const db = openDeskDatabase(desk.dataDir);
    try {
      const store = new DossierStore(db);
      assert.equal(store.get(code)?.state, 'archived');
      // The card as its QR told it: the new-style card, and the old number only as the old one.
      const stored = store.get(code)?.applicant;
      assert.equal(stored?.idNumber, HOLDER.idNumber);
      assert.equal(stored?.card, 'can-cuoc');
      assert.equal(stored?.oldIdNumber, HOLDER.oldIdNumber);
      assert.deepEqual(store.get(code)?.delivery, {
        kind: 'post',
        address: 'Số 5 Lê Lợi, phường Sài Gòn, TP. Hồ Chí Minh',
      });
      const link = db
        .prepare('SELECT archive_dossier_id AS id FROM reception_dossiers WHERE code = ?')
        .get(code) as { id: number | null };
      assert.ok(link.id, 'the reception dossier links to its archived copy');
      archivedId = link.id;
      assert.ok(
        store.history(code).every((h) => h.clerk.startsWith(CLERK)),
        JSON.stringify(store.history(code)),
      );
      const docs = store.documents(code);
      assert.deepEqual(
        docs.map((d) => [d.type, d.confirmedBy !== null]),
        [
          ['application_form', false],
          ['cccd_front', true],
        ],
      );
    } finally {
      db.close();
    }
    const opened = openArchive(desk.dataDir);
    try {
      const hits = opened.archive.search('trich luc ho tich tran thi ngoc lan');
      assert.ok(
        hits.some((h) => h.dossierCode === archiveCode),
        `search hits: ${JSON.stringify(hits.map((h) => h.dossierCode))}`,
      );
      const item = new Outbox(opened.archive, opened.blobs).get(archiveCode);
      assert.equal(item?.state, 'pending');
      assert.equal(opened.archive.findByCode(archiveCode)?.pageCount, 2);
      assert.equal(opened.archive.idOf(archiveCode), archivedId);
    } finally {
      opened.close();
    }
  },
);

/**
 * Enter from the scanner, stamped (as hardware stamps its events) 10 ms after `sentAt`, when the
 * text before it was sent: a loaded machine that delivers it late does not make it look typed.
 */
async function scannerEnter(page: Page, sentAt: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  const timestamp = sentAt / 1000 + 0.01;
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...enter, text: '\r', timestamp });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp });
  await cdp.detach();
}

test('a scan that arrives as text (an input method on, a scanner sending text) fills the applicant; a discarded reception comes back', async () => {
  const { page } = desk;
  const name = page.locator('#applicant-name');
  const phone = page.locator('#applicant-phone');
  const payload = cccdQrPayload(HOLDER);
  const discard = page.getByRole('button', { name: 'Bỏ hồ sơ đang làm' });
  const filled = () => name.and(page.locator(`[value="${HOLDER.fullName}"]`)).waitFor();
  const emptied = () => name.and(page.locator('[value=""]')).waitFor();
  await page.keyboard.press('Alt+1');

  // As text, no key events (Input.insertText), while the cursor is in the phone field.
  await phone.focus();
  let sentAt = Date.now();
  await page.keyboard.insertText(payload);
  await scannerEnter(page, sentAt);
  await filled();
  assert.equal(await phone.inputValue(), '');

  // Discarding needs no confirmation: it can be undone for the rest of the session.
  await discard.click();
  await emptied();
  await page.getByRole('button', { name: 'Khôi phục hồ sơ đã bỏ' }).click();
  await filled();
  await discard.click();
  await emptied();

  // Through an input method: the payload composed, then committed, then Enter.
  await phone.focus();
  const cdp = await page.context().newCDPSession(page);
  try {
    const end = payload.length;
    sentAt = Date.now();
    await cdp.send('Input.imeSetComposition', {
      text: payload,
      selectionStart: end,
      selectionEnd: end,
    });
    await cdp.send('Input.insertText', { text: payload });
  } finally {
    await cdp.detach();
  }
  await scannerEnter(page, sentAt);
  await filled();
  assert.equal(await page.locator('#applicant-id').inputValue(), HOLDER.idNumber);
  assert.equal(await phone.inputValue(), '');
  await discard.click();
  await emptied();
  assert.deepEqual(desk.browserErrors, []);
});

test(
  'papers scanned on a network scanner (eSCL) land in the reception as pages',
  {
    timeout: OCR_TIMEOUT,
  },
  async () => {
    const { page } = desk;
    const scanner = await startEsclEmulator({ feederSheets: 1, duplex: false });
    // The scanner list is read again on every request: the emulator is found from now on.
    process.env.SOHOA_ESCL = scanner.url;
    try {
      await page.keyboard.press('Alt+Q');
      await page.locator('.reception-thumb').first().waitFor({ timeout: OCR_TIMEOUT });
      assert.equal(await page.locator('.reception-thumb').count(), 1);
      assert.match(
        (await page.locator('.reception-thumb').getAttribute('aria-label')) ?? '',
        /^Trang 1: /,
      );
      assert.ok(scanner.requests.some((r) => r.startsWith('POST /eSCL/ScanJobs')));
      assert.deepEqual(
        await page.locator('.reception-errors').count(),
        0,
        await page
          .locator('.reception-errors')
          .innerText()
          .catch(() => ''),
      );
      await assertAccessible(page, 'reception, scanned page');
      // Discarding the reception drops its pages.
      await page.getByRole('button', { name: 'Bỏ hồ sơ đang làm' }).click();
      await page.locator('.reception-thumb').first().waitFor({ state: 'detached' });
    } finally {
      delete process.env.SOHOA_ESCL;
      await scanner.close();
    }
  },
);
