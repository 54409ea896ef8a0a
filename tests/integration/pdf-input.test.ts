// PDF input: scanned PDFs are rasterized at their scan resolution and OCR'd, PDFs with text keep
// their own text, encrypted and broken PDFs fail alone with a clear error, and the third-party
// hostile corpus never crashes or hangs the reader.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { isSohoaError } from '../../shared/errors';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openImageFile } from '../../electron/core/imaging/loadPage';
import { TEXT_LAYER_FONT } from '../../electron/core/pdf/fonts';
import { openCore } from '../../electron/core/pipeline/core';
import { run } from '../helpers/tools';

const CORPUS = process.env.SOHOA_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const TEXT_LINE = 'Ủy ban nhân dân phường Đống Đa xác nhận hồ sơ của ông Nguyễn Văn Đạt';

async function writePdf(file: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<void> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const out = createWriteStream(file);
  doc.pipe(out);
  draw(doc);
  doc.end();
  await once(out, 'close');
}

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-pdfin-'));
}

test('a PDF with text keeps its own text; a scanned PDF is OCR at its scan resolution', async () => {
  const dir = await tempDir();
  const textPdf = path.join(dir, 'van-ban.pdf');
  await writePdf(textPdf, (doc) => {
    doc.addPage({ size: 'A4', margin: 72 });
    doc.registerFont('body', TEXT_LAYER_FONT);
    doc.font('body').fontSize(12).text(TEXT_LINE);
  });
  const scan = await renderPage({
    lines: ['# GIẤY XÁC NHẬN', 'Họ và tên: Lê Thị Hồng Nhung', 'Nơi cư trú: xã Tân Hòa'],
    dpi: 300,
    format: 'jpeg',
  });
  const scannedPdf = path.join(dir, 'ban-quet.pdf');
  await writePdf(scannedPdf, (doc) => {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(scan, 0, 0, { width: doc.page.width, height: doc.page.height });
  });

  const core = await openCore({ dataDir: path.join(dir, 'data'), ocrWorkers: 1 });
  try {
    const read = (f: string) => ({ name: f, read: () => fs.readFile(f) });
    const outcome = await core.digitize([read(textPdf), read(scannedPdf)], { title: 'PDF vào' });
    assert.deepEqual(outcome.fileErrors, []);
    assert.ok(outcome.record && outcome.pdfPath);
    const record = core.archive.getRecord(outcome.record.id)!;
    const [first, second] = record.pages;
    assert.ok(first && second);
    assert.equal(first.text.replace(/\s+/g, ' ').trim(), TEXT_LINE, 'text taken from the PDF');
    assert.equal(outcome.pages[0]!.analysis.textFromSource, true);
    assert.equal(first.confidence, 100);
    assert.equal(outcome.pages[1]!.analysis.textFromSource, false);
    assert.equal(second.dpi, 300, 'rendered back at the scan resolution');
    assert.match(second.text, /Lê Thị Hồng Nhung/);
  } finally {
    await core.close();
  }
});

test('encrypted, truncated and page-less PDFs fail alone with their own error', async () => {
  const dir = await tempDir();
  const plain = path.join(dir, 'plain.pdf');
  await writePdf(plain, (doc) => {
    doc.addPage({ size: 'A5' });
    doc.registerFont('body', TEXT_LAYER_FONT);
    doc.font('body').text(TEXT_LINE);
  });
  const locked = path.join(dir, 'khoa.pdf');
  const r = run('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', plain, locked]);
  assert.equal(r.status, 0, r.stderr);
  const bytes = await fs.readFile(plain);

  const codeOf = async (name: string, data: Buffer) => {
    try {
      const file = await openImageFile(name, data);
      try {
        for (let i = 0; i < file.pageCount; i++) await file.page(i);
      } finally {
        file.close();
      }
      return 'read';
    } catch (e) {
      assert.ok(isSohoaError(e), String(e));
      assert.ok(e.info.message.vi.includes(name) && e.info.message.en.includes(name));
      return e.code;
    }
  };
  assert.equal(await codeOf('khoa.pdf', await fs.readFile(locked)), 'PDF_ENCRYPTED');
  assert.equal(await codeOf('cut.pdf', bytes.subarray(0, 40)), 'PDF_CORRUPT');
  assert.equal(await codeOf('plain.pdf', bytes), 'read');
  const empty = Buffer.from(await (await PdfLibDocument.create()).save({ addDefaultPage: false }));
  assert.equal(await codeOf('khong-trang.pdf', empty), 'PDF_CORRUPT', 'a PDF with no page');
  // Told by its bytes: a PNG named .pdf is read as the image it is.
  const png = await renderPage({ lines: ['Ảnh'], widthMm: 60, heightMm: 50, format: 'png' });
  assert.equal(await codeOf('anh-that.pdf', png), 'read');
});

test('hostile PDFs from pdf.js: each is read or refused with a typed error, never a crash', async (t) => {
  const dir = path.join(CORPUS, 'hostile', 'pdfjs');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) =>
    n.endsWith('.pdf'),
  );
  if (names.length === 0) {
    t.skip(`corpus not found at ${dir}`);
    return;
  }
  const outcomes: Record<string, number> = {};
  for (const name of names) {
    let outcome: string;
    try {
      const file = await openImageFile(name, await fs.readFile(path.join(dir, name)));
      try {
        for (let i = 0; i < Math.min(file.pageCount, 5); i++) {
          try {
            const page = await file.page(i);
            assert.ok(page.widthPx > 0 && page.ocr.length > 0);
          } catch (e) {
            assert.ok(isSohoaError(e), `${name} page ${i}: ${String(e)}`);
          }
        }
      } finally {
        file.close();
      }
      outcome = 'read';
    } catch (e) {
      assert.ok(isSohoaError(e), `${name}: ${String(e)}`);
      assert.match(e.code, /^(PDF_|IMAGE_|FILE_)/);
      outcome = e.code;
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  t.diagnostic(JSON.stringify(outcomes));
  assert.equal(
    Object.values(outcomes).reduce((a, b) => a + b, 0),
    names.length,
  );
});
