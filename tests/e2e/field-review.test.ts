// The archivist's review of a record's TT 05/2025 fields, from the keyboard alone, in Chromium over
// the web host: a decision page is digitized (the machine reads its fields from the OCR it already
// did), the record is opened from the archive, Enter accepts the focused field and moves to the
// next one still to review, typing then Enter saves an edit, Alt+A accepts the confident ones;
// the states come back the same from the core. Axe on the form.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

let desk: Desk;

before(async () => {
  desk = await openDesk();
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

interface FieldsView {
  unreviewed: number;
  documents: { fields: { field: string; state: string | null }[] }[];
}

const activeId = () => desk.page.evaluate(() => document.activeElement?.id ?? '');

test(
  'document fields are reviewed from the keyboard: Enter, typing, Alt+A',
  { timeout: 240_000 },
  async () => {
    const image = await renderPage({
      lines: [
        'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI',
        'Số: 1009/QĐ-UBND',
        'Quảng Ngãi, ngày 19 tháng 9 năm 2024',
        '',
        '# QUYẾT ĐỊNH',
        'Phê duyệt nhiệm vụ điều chỉnh quy hoạch tỉnh Quảng Ngãi',
      ],
      widthMm: 210,
      heightMm: 120,
      format: 'png',
    });
    const result = (await call('digitize', {
      title: 'Quyết định quy hoạch',
      files: [{ name: 'quyet-dinh.png', dataBase64: image.toString('base64') }],
    })) as { record: { id: number; code: string } | null };
    assert.ok(result.record, 'the page became a record');
    const { id, code } = result.record;
    const before = (await call('recordFields', { recordId: id })) as FieldsView;
    assert.ok(before.unreviewed >= 2, `fields read by the machine: ${before.unreviewed}`);

    const { page } = desk;
    await page.getByRole('navigation').getByRole('button', { name: 'Kho lưu trữ' }).click();
    await page.getByLabel('Tìm trong kho (không cần gõ dấu)', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page
      .getByRole('button', { name: `Mở hồ sơ ${code}` })
      .first()
      .click();
    const form = page.getByRole('form', { name: 'Thông tin văn bản (TT 05/2025)' });
    await form.waitFor();
    const status = page.getByTestId('fields-unreviewed');
    await status.filter({ hasText: `${before.unreviewed} trường chưa duyệt` }).waitFor();

    // Enter on the first field to review accepts it; the focus moves to the next one to review.
    const toReview = form.locator('.field-row[data-state="unreviewed"] input');
    const firstId = (await toReview.first().getAttribute('id'))!;
    const secondId = (await toReview.nth(1).getAttribute('id'))!;
    await toReview.first().focus();
    await page.keyboard.press('Enter');
    await form.locator(`.field-row[data-state="accepted"] input#${firstId}`).waitFor();
    await page.waitForFunction((want) => document.activeElement?.id === want, secondId);

    // Typing edits: a keyword the machine did not read, typed and saved with Enter.
    const keyword = form.locator('.field-row[data-field="keyword"] input');
    await keyword.focus();
    await page.keyboard.type('quy hoạch tỉnh');
    await page.keyboard.press('Enter');
    await form.locator('.field-row[data-field="keyword"][data-state="edited"]').waitFor();
    assert.equal(await keyword.inputValue(), 'quy hoạch tỉnh');
    // The row is marked edited as the save answers; the focus moves on just after.
    const keywordId = await keyword.getAttribute('id');
    await page
      .waitForFunction((id) => document.activeElement?.id !== id, keywordId, { timeout: 5000 })
      .catch(() => undefined);
    assert.notEqual(await activeId(), keywordId, 'the focus moved on');

    // Alt+A accepts every field read with high confidence; the rest stay to review.
    await page.keyboard.press('Alt+A');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.field-row[data-state="unreviewed"] .field-confidence.high')
          .length === 0,
    );
    const after = (await call('recordFields', { recordId: id })) as FieldsView;
    const states = Object.fromEntries(after.documents[0]!.fields.map((f) => [f.field, f.state]));
    assert.equal(states.keyword, 'edited');
    assert.ok(
      after.unreviewed < before.unreviewed - 1,
      `${before.unreviewed} → ${after.unreviewed}`,
    );
    await status
      .filter({
        hasText: after.unreviewed === 0 ? 'Đã duyệt hết' : `${after.unreviewed} trường chưa duyệt`,
      })
      .waitFor();
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    await shot(page, 'fields-01-review');
  },
);
