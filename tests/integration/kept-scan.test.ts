// A bilevel scanned PDF received unsigned keeps its own page image (the CCITT G4 stream passed
// through) with the OCR text laid over it, so the record stays near the size it came.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openCore } from '../../electron/core/pipeline/core';
import { pdftotext, run } from '../helpers/tools';

const LINES = [
  '# GIẤY XÁC NHẬN CƯ TRÚ',
  'Ủy ban nhân dân phường Đống Đa xác nhận ông Nguyễn Văn Đạt, sinh năm 1980,',
  'hiện cư trú tại số 12 ngõ 34 phố Tây Sơn, phường Đống Đa, thành phố Hà Nội.',
  ...Array.from(
    { length: 20 },
    (_, i) => `Dòng ${i + 1}: hồ sơ được tiếp nhận và chuyển bộ phận chuyên môn.`,
  ),
];

const PAGES = 4;

/** A CCITT G4 PDF as a scanner's software writes it: libtiff's tiffcp and tiff2pdf. */
async function bilevelScanPdf(dir: string): Promise<string> {
  const tifs: string[] = [];
  for (let p = 1; p <= PAGES; p++) {
    const png = await renderPage({
      lines: [...LINES, `Trang ${p}/${PAGES}`],
      dpi: 300,
      format: 'png',
    });
    const tif = path.join(dir, `scan-${p}.tif`);
    await sharp(png)
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .threshold(128)
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 300 / 25.4, yres: 300 / 25.4 })
      .toFile(tif);
    tifs.push(tif);
  }
  const oneStrip = path.join(dir, 'scan-g4.tif');
  const pdf = path.join(dir, 'ban-quet.pdf');
  for (const [cmd, args] of [
    ['tiffcp', ['-c', 'g4', '-r', '100000', ...tifs, oneStrip]],
    ['tiff2pdf', ['-o', pdf, oneStrip]],
  ] as const) {
    const r = run(cmd, [...args]);
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  }
  return pdf;
}

const imageEncodings = (file: string): string[] =>
  run('pdfimages', ['-list', file])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/)[8]!);

test('a bilevel scanned PDF keeps its CCITT pages and gains a text layer within 1.2x', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-kept-'));
  const input = await bilevelScanPdf(dir);
  assert.deepEqual(
    imageEncodings(input),
    Array(PAGES).fill('ccitt'),
    'the input really is a CCITT scan',
  );
  const inputBytes = (await fs.stat(input)).size;

  const core = await openCore({ dataDir: path.join(dir, 'data'), ocrWorkers: 1 });
  try {
    const outcome = await core.digitize([{ name: input, read: () => fs.readFile(input) }], {
      title: 'Bản quét đen trắng',
      describe: false,
    });
    assert.deepEqual(outcome.fileErrors, []);
    assert.ok(outcome.record && outcome.pdfPath);
    assert.deepEqual(
      outcome.pages.map((p) => p.original),
      Array(PAGES).fill({ kept: true }),
    );
    const out = await fs.readFile(outcome.pdfPath);
    // The desk's signature is an incremental update after the first revision: that revision is
    // the scan with its text layer; the signature adds a fixed amount whatever the page count.
    const layered = out.indexOf('%%EOF') + 5;
    console.log(
      `kept scan, ${PAGES} pages: input ${inputBytes} B, with text layer ${layered} B ` +
        `(${(layered / inputBytes).toFixed(2)}x), signed ${out.length} B ` +
        `(${(out.length / inputBytes).toFixed(2)}x)`,
    );
    assert.ok(layered <= 1.2 * inputBytes, `${layered} B > 1.2 × ${inputBytes} B`);
    assert.deepEqual(
      imageEncodings(outcome.pdfPath),
      Array(PAGES).fill('ccitt'),
      'the G4 stream passed through',
    );
    assert.match(pdftotext(outcome.pdfPath), /Nguyễn\s+Văn\s+Đạt/);
    const check = run('qpdf', ['--check', outcome.pdfPath]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const sig = run('pdfsig', [outcome.pdfPath]);
    assert.match(sig.stdout, /Signature is Valid/, 'signed as every record is');
  } finally {
    await core.close();
  }
});
