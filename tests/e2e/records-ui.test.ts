// The records screens end to end in Chromium over the web host, on a fresh data folder: a
// generated page digitized through the contract, then found on the archive screen by an
// unaccented search (snippet with <mark>), opened in the viewer (page image rendered by the
// core, text layer toggled), its signature report read and its package exported; a folder
// connector configured in Settings (none chosen: refused at the field; then chosen through the
// host's dialog, which the test plays, and saved; a path typed by a page is refused); the
// queued dossier sent by the background uploader without a click, a second one sent with "Gửi
// ngay" to a destination that cannot be written lands in "Cần xử lý" with its reason and goes up
// after "Gửi lại"; the audit log with "chain intact". Axe on every screen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { dataPaths } from '../../electron/core/config/paths';
import { fileKeyProvider, saveDestination } from '../../electron/core/outbox/destination';
import { foldVietnamese } from '../../shared/text';
import { axeViolations, openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

let desk: Desk;
let code = '';

before(async () => {
  // The main process's folder dialog as the test plays it: the clerk picks <work>/kho-nhan.
  desk = await openDesk({
    viewport: { width: 1366, height: 768 },
    choosePath: (purpose) =>
      Promise.resolve(purpose === 'connectorFolder' ? path.join(desk.work, 'kho-nhan') : null),
  });
});

after(async () => {
  await desk?.close();
});

async function call(channel: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${desk.host.url}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': desk.host.token },
    body: JSON.stringify(body),
  });
  const envelope = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  assert.ok(envelope.ok, JSON.stringify(envelope.error));
  return envelope.value;
}

async function noSeriousAxe(screen: string) {
  const violations = await seriousAxeViolations(desk.page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
}

async function goTo(name: string) {
  await desk.page.getByRole('navigation').getByRole('button', { name }).click();
}

test(
  'archive: unaccented search with a marked snippet, viewer with text layer, signature report, export',
  { timeout: 240_000 },
  async () => {
    const image = await renderPage({
      lines: ['# GIẤY KHAI SINH', 'Họ và tên: Nguyễn Văn An', 'Nơi sinh: Hà Nội'],
      widthMm: 148,
      heightMm: 70,
      skewDeg: 0.3,
      noise: 4,
      format: 'png',
    });
    const result = (await call('digitize', {
      title: 'Khai sinh Nguyễn Văn An',
      files: [{ name: 'khai-sinh.png', dataBase64: image.toString('base64') }],
    })) as { record: { code: string } | null };
    assert.ok(result.record, 'the page became a dossier');
    code = result.record.code;

    const { page } = desk;
    await goTo('Kho lưu trữ');
    await page
      .getByLabel('Tìm trong kho (không cần gõ dấu)', { exact: true })
      .fill('giay khai sinh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const snippet = page.getByTestId('snippet').first();
    await snippet.waitFor();
    const marked = await snippet.locator('mark').allTextContents();
    assert.ok(marked.length >= 2, `marked: ${marked.join('|')}`);
    for (const m of marked) assert.ok(['giay', 'khai', 'sinh'].includes(foldVietnamese(m)), m);
    assert.ok(
      marked.some((m) => m !== foldVietnamese(m)),
      'the snippet keeps the accents',
    );
    // A filter changed after a search applies at once: the dossier waits, so "sent" finds none.
    const status = page.getByLabel('Trạng thái gửi');
    await status.selectOption('done');
    await page.getByText(/^Không có kết quả/).waitFor();
    await status.selectOption('pending');
    await snippet.waitFor();
    await noSeriousAxe('archive search');
    await shot(page, 'records-01-archive-search');

    await page
      .getByRole('button', { name: `Mở hồ sơ ${code}` })
      .first()
      .click();
    const img = page.getByTestId('page-image');
    await img.waitFor({ timeout: 60_000 });
    assert.ok(
      (await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 200,
      'the core rendered the page image',
    );
    // The searched words are marked where they stand on the page image.
    const marks = page.getByTestId('match-layer').locator('g.match');
    await marks.first().waitFor();
    assert.ok((await marks.count()) >= 2, `${await marks.count()} words marked on the image`);
    await page.getByLabel('Hiện lớp chữ (OCR) trên ảnh').check();
    const layer = page.getByTestId('text-layer');
    await layer.waitFor();
    const layerText = foldVietnamese((await layer.textContent()) ?? '');
    assert.match(layerText, /khai/, layerText);
    const zoomBefore = Number(await img.getAttribute('width'));
    await page.getByRole('button', { name: 'Phóng to' }).click();
    assert.ok(Number(await img.getAttribute('width')) > zoomBefore);
    // "Fit the frame" shows the whole page inside the viewer's frame: nothing to scroll.
    await page.getByRole('button', { name: 'Vừa khung' }).click();
    await page.waitForFunction(() => {
      const frame = document.querySelector('.page-canvas');
      return (
        frame !== null &&
        frame.scrollHeight <= frame.clientHeight + 1 &&
        frame.scrollWidth <= frame.clientWidth + 1
      );
    });
    assert.equal(Number(await img.getAttribute('width')), zoomBefore, 'the viewer opens fitted');

    const verdict = page.getByTestId('report-verdict');
    await verdict.waitFor();
    // The demo certificate reaches no trusted root: indeterminate, never valid.
    assert.match((await verdict.textContent()) ?? '', /CHƯA XÁC ĐỊNH ĐƯỢC/);
    // In the clerk's words first: who, when, trusted or not, what to do; the rest folded away.
    const summary = (await page.locator('.signature-summary').innerText()) ?? '';
    assert.match(summary, /Chứng thư số không thuộc danh sách tin cậy/);
    assert.match(summary, /Ký lúc \d{2}\/\d{2}\/\d{4}/);
    assert.match(summary, /Cần làm: \S/);
    assert.ok(!(await page.locator('.report-signature').first().isVisible()), 'details folded');
    await page.locator('.signature-summary').scrollIntoViewIfNeeded();
    await shot(page, 'records-02b-signature-summary');
    await page.getByText('Chi tiết kỹ thuật').click();
    await page.locator('.report-signature').first().waitFor();
    const problems = (await page.locator('.report-signature .report-errors').textContent()) ?? '';
    assert.match(problems, /chứng thư gốc tin cậy/);

    await page.getByRole('button', { name: 'Xuất gói hồ sơ (BagIt)' }).click();
    await page.getByText(/^Đã xuất gói \d+ tệp vào thư mục /).waitFor();
    const bag = path.join(desk.dataDir, 'exports', code);
    assert.ok(fs.existsSync(path.join(bag, 'bagit.txt')));
    assert.ok(fs.existsSync(path.join(bag, 'data', `${code}.pdf`)));
    await noSeriousAxe('archive viewer');
    await shot(page, 'records-02-archive-viewer');

    await page.getByRole('button', { name: 'English' }).click();
    await page
      .locator('.report-signature .report-errors')
      .getByText(/trusted root/)
      .waitFor();
    await shot(page, 'records-03-archive-viewer-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  },
);

test('settings: the connector folder is chosen in the host’s dialog, never typed', async () => {
  const { page } = desk;
  await goTo('Cài đặt');
  // Headings in order (no level skipped) on the settings screen, holidays included.
  await page.getByRole('heading', { name: 'Ngày làm bù' }).waitFor();
  const order = (await axeViolations(page)).filter((v) => v.id === 'heading-order');
  assert.deepEqual(order, [], JSON.stringify(order));
  await page.getByRole('radio', { name: 'Thư mục (ổ mạng)' }).check();
  const folder = page.getByLabel('Thư mục nhận hồ sơ', { exact: true });
  assert.equal(await folder.getAttribute('readonly'), '', 'the path is shown, not typed');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  const fieldError = page.locator('[data-field-error="connector.path"]');
  await fieldError.waitFor();
  assert.match((await fieldError.textContent()) ?? '', /chưa được chọn.*Chọn…/);
  assert.equal(await folder.getAttribute('aria-invalid'), 'true');
  assert.match((await page.getByTestId('error-summary').textContent()) ?? '', /1 trường cần sửa/);
  assert.ok(!fs.existsSync(path.join(desk.dataDir, 'outbox-destination.json')));
  await noSeriousAxe('settings with errors');
  await shot(page, 'records-04-settings-error');

  const store = path.join(desk.work, 'kho-nhan');
  const choose = page.getByRole('button', { name: 'Chọn “Thư mục nhận hồ sơ”…' });
  assert.match((await choose.getAttribute('title')) ?? '', /hộp thoại của máy tính/);
  await choose.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Vừa chọn, chưa lưu.').waitFor();
  assert.equal(await folder.inputValue(), store);
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await page.getByRole('status').getByText('Đã lưu cài đặt.').waitFor();
  assert.equal(await fieldError.count(), 0);
  const dest = JSON.parse(
    fs.readFileSync(path.join(desk.dataDir, 'outbox-destination.json'), 'utf8'),
  ) as { path: string };
  assert.equal(dest.path, store);
  assert.ok(fs.existsSync(path.join(desk.dataDir, 'settings.json')));
  assert.equal(await folder.inputValue(), store, 'the saved path is shown after the save');
  await noSeriousAxe('settings saved');
  await shot(page, 'records-05-settings-saved');

  // A page that sends a path of its own (not the saved one, no grant) is refused at that field.
  const { settings } = (await call('settingsGet', {})) as { settings: Record<string, unknown> };
  const typed = (await call('settingsSave', {
    settings: { ...settings, connector: { kind: 'folder', path: '/etc' } },
  })) as { ok: boolean; issues?: unknown };
  assert.deepEqual(typed, {
    ok: false,
    issues: [{ path: 'connector.path', key: 'pathNotChosen' }],
  });
  assert.equal(
    (
      JSON.parse(fs.readFileSync(path.join(desk.dataDir, 'outbox-destination.json'), 'utf8')) as {
        path: string;
      }
    ).path,
    store,
  );
});

test('outbox: sent by itself once configured; a refused one needs attention, then is retried', async () => {
  const { page } = desk;
  await goTo('Hộp gửi');
  // Settings saved the folder: the background uploader sends the waiting dossier, nobody clicks.
  await page
    .locator(`table[data-section="done"] tr[data-dossier-code="${code}"]`)
    .waitFor({ timeout: 30_000 });
  assert.match(
    (await page.getByTestId('outbox-destination').textContent()) ?? '',
    /Nơi nhận: folder:/,
  );
  const store = path.join(desk.work, 'kho-nhan');
  assert.ok(fs.existsSync(path.join(store, code.split('-').slice(0, -2).join('-'))));
  await noSeriousAxe('outbox');
  await shot(page, 'records-06-outbox-sent');

  // The destination becomes a path no folder can have (as `sohoa outbox configure` would write
  // it): a second dossier, sent with "Gửi ngay", needs attention with the reason.
  const keys = fileKeyProvider(dataPaths(desk.dataDir).keysDir);
  saveDestination(
    desk.dataDir,
    { kind: 'folder', path: path.join(desk.work, 'x'.repeat(300)) },
    keys,
  );
  const image = await renderPage({ lines: ['# GIẤY CHỨNG NHẬN'], widthMm: 148, heightMm: 50 });
  const second = (await call('digitize', {
    title: 'Hồ sơ gửi lỗi',
    files: [{ name: 'gcn.png', dataBase64: image.toString('base64') }],
  })) as { record: { code: string } | null };
  assert.ok(second.record);
  const code2 = second.record.code;
  await page.getByRole('button', { name: 'Làm mới' }).click();
  await page.getByRole('button', { name: 'Gửi ngay' }).click();
  const attention = page.locator(
    `table[data-section="needs_attention"] tr[data-dossier-code="${code2}"]`,
  );
  await attention.waitFor({ timeout: 30_000 });
  assert.match((await attention.textContent()) ?? '', /Không ghi được vào nơi nhận hồ sơ/);
  await noSeriousAxe('outbox, needs attention');
  await shot(page, 'records-07-outbox-attention');

  // IT puts the folder back; "Gửi lại" queues it and the uploader sends it at once.
  saveDestination(desk.dataDir, { kind: 'folder', path: store }, keys);
  await attention.getByRole('button', { name: `Gửi lại hồ sơ ${code2}` }).click();
  await page
    .locator(`table[data-section="done"] tr[data-dossier-code="${code2}"]`)
    .waitFor({ timeout: 30_000 });
  await shot(page, 'records-07b-outbox-retried');
});

test('audit log: entries with the chain check, intact', async () => {
  const { page } = desk;
  await goTo('Nhật ký');
  const result = page.getByTestId('chain-result');
  await result.waitFor();
  assert.match((await result.textContent()) ?? '', /Chuỗi nhật ký nguyên vẹn/);
  const table = page.getByTestId('audit-table');
  await table.waitFor();
  const text = (await table.textContent()) ?? '';
  for (const action of ['Lưu hồ sơ vào kho', 'Xuất gói hồ sơ', 'Đã gửi lên kho hồ sơ'])
    assert.ok(text.includes(action), `${action} in ${text}`);
  // What the desk did by itself (the uploader, a migration, the system) is shown in words.
  assert.ok(text.includes('Hệ thống (tự động)'), text);
  assert.doesNotMatch(text, /\bsystem\b/);
  await noSeriousAxe('audit');
  await shot(page, 'records-08-audit');
  await page.getByRole('button', { name: 'English' }).click();
  await result.getByText(/Chain intact/).waitFor();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  // Someone edits the first entry behind the application's back: the check says where it breaks.
  const db = new Database(path.join(desk.dataDir, 'archive.sqlite'));
  db.exec(`DROP TRIGGER audit_log_no_update;
           UPDATE audit_log SET actor = 'ai-do' WHERE seq = 1;`);
  db.close();
  await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
  await page.getByRole('alert').getByText('Chuỗi bị đứt từ mục #1.').waitFor();
  assert.match((await result.textContent()) ?? '', /Mục #1: nội dung đã bị sửa/);
  await table.locator('tr.broken[data-seq="1"]').getByText('ai-do').waitFor();
  await noSeriousAxe('audit broken');
  await shot(page, 'records-09-audit-broken');
  assert.deepEqual(desk.browserErrors, []);
});
