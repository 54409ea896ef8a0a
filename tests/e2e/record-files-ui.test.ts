// A PDF received signed, on the archive screen at 1366×768 in Chromium over the web host: the
// record lists its files by role (the original as received, the desk's companion with its text
// layer), says who signed the original when it arrived and shows its signature's plain summary at
// once; the original opens byte for byte as it came (sha256 of the download), the companion's
// own signature is verified on request, and the list reads in English too. Axe on the view.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import PDFDocument from 'pdfkit';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { createPki, P12_PASSWORD } from '../helpers/pki';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

const SIGNER = 'Trần Quốc Khánh';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let desk: Desk;

before(async () => {
  desk = await openDesk({ viewport: { width: 1366, height: 768 } });
});

after(async () => {
  await desk?.close();
});

async function signedDecision(): Promise<Buffer> {
  const scan = await renderPage({
    lines: ['# QUYẾT ĐỊNH', 'Số: 120/QĐ-UBND', 'Về việc giao đất cho hộ gia đình'],
    dpi: 200,
    format: 'jpeg',
  });
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.addPage({ size: 'A4', margin: 0 });
  doc.image(scan, 0, 0, { width: doc.page.width, height: doc.page.height });
  doc.end();
  await once(doc, 'end');
  const pki = createPki(path.join(desk.work, 'pki'));
  const keySource = await openPkcs12(pki.issue({ cn: SIGNER }).p12Path!, P12_PASSWORD);
  const signed = await signPdf(Buffer.concat(chunks), {
    keySource,
    signingTime: new Date(),
    appearance: { kind: 'agency', agencyName: 'Ủy ban nhân dân xã Tân Hòa', demo: false },
    reason: 'Ban hành',
  });
  return Buffer.from(signed.bytes);
}

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

test(
  'a received signed PDF: its files by role, the original opened as it came, each signature verified',
  { timeout: 240_000 },
  async () => {
    const original = await signedDecision();
    const result = (await call('digitize', {
      title: 'Quyết định giao đất nhận đã ký',
      files: [{ name: 'qd-120-da-ky.pdf', dataBase64: original.toString('base64') }],
    })) as { record: { code: string } | null };
    assert.ok(result.record, 'the PDF became a record');
    const { code } = result.record;

    const { page } = desk;
    await page.getByRole('navigation').getByRole('button', { name: 'Kho lưu trữ' }).click();
    await page
      .getByRole('button', { name: `Mở hồ sơ ${code}` })
      .first()
      .click();
    const files = page.getByRole('region', { name: 'Tệp của hồ sơ' });
    await files.waitFor({ timeout: 60_000 });
    const received = files.getByTestId('file-received');
    const companion = files.getByTestId('file-companion');
    assert.match((await received.textContent()) ?? '', /Bản gốc nhận được/);
    assert.match((await companion.textContent()) ?? '', /Bản đồng hành có lớp chữ/);
    assert.equal(
      await files.locator('li.record-file').first().getAttribute('data-role'),
      'received',
      'the original is listed first',
    );
    assert.equal(
      await received.getByTestId('signed-on-arrival').textContent(),
      `Khi nhận: ký bởi ${SIGNER}`,
    );
    // The original's signature summary, shown without a click: who signed, in plain words.
    const summary = received.getByTestId('file-report-received');
    await summary.waitFor({ timeout: 60_000 });
    assert.match((await summary.textContent()) ?? '', new RegExp(SIGNER));
    assert.ok(await summary.locator('[data-testid="report-verdict"]').isVisible());

    // Opened as stored: the download is the PDF that came in, byte for byte.
    const downloading = page.waitForEvent('download');
    await received.getByRole('button', { name: 'Mở tệp: bản gốc nhận được' }).click();
    const download = await downloading;
    const bytes = await fs.readFile(await download.path());
    assert.equal(sha256(bytes), sha256(original), 'the original, byte for byte');
    assert.equal(download.suggestedFilename().endsWith('.pdf'), true);

    // The companion's own signature (the desk's), verified on request: not the original signer.
    await companion
      .getByRole('button', { name: 'Kiểm tra chữ ký: bản đồng hành có lớp chữ' })
      .click();
    const companionReport = companion.getByTestId('file-report-companion');
    await companionReport.waitFor({ timeout: 60_000 });
    assert.doesNotMatch((await companionReport.textContent()) ?? '', new RegExp(SIGNER));

    // 1366×768: nothing wider than the window, each file's buttons inside its box.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`);
    for (const item of [received, companion]) {
      const box = (await item.boundingBox())!;
      const button = (await item.getByRole('button').last().boundingBox())!;
      assert.ok(box.x + box.width <= 1366 && button.x + button.width <= box.x + box.width);
    }
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    await received.scrollIntoViewIfNeeded();
    await shot(page, 'record-files-01-received');

    // English on request.
    await page.locator('.lang-switch button[lang="en"]').click();
    await page.locator('html[lang="en"]').waitFor();
    const filesEn = page.getByRole('region', { name: 'Files of the record' });
    assert.match(
      (await filesEn.getByTestId('file-received').textContent()) ?? '',
      /Original as received/,
    );
    assert.match(
      (await filesEn.getByTestId('file-received').getByTestId('signed-on-arrival').textContent()) ??
        '',
      new RegExp(`On arrival: signed by ${SIGNER}`),
    );
    await page.locator('.lang-switch button[lang="vi"]').click();
    assert.deepEqual(desk.browserErrors, []);
  },
);
