// A re-encoded page is never saved finer than the scanner saved it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { estimateJpegQuality } from '../../electron/core/imaging/jpegQuality';
import { openImageFile } from '../../electron/core/imaging/loadPage';

test('the IJG quality of a JPEG is read back from its tables', async () => {
  const grey = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#777' } })
    .png()
    .toBuffer();
  for (const q of [10, 35, 50, 72, 85, 97]) {
    const jpg = await sharp(grey).jpeg({ quality: q }).toBuffer();
    assert.ok(Math.abs(estimateJpegQuality(jpg)! - q) <= 1, `quality ${q}`);
  }
  assert.equal(estimateJpegQuality(grey), null, 'not a JPEG');
  assert.equal(estimateJpegQuality(Buffer.from([0xff, 0xd8, 0xff])), null, 'cut short');
});

test('a straightened page keeps the scan’s coarser quality instead of growing', async () => {
  const lines = [
    '# GIẤY XÁC NHẬN',
    'Ông Trịnh Văn Lộc, sinh năm 1961',
    'Nơi cư trú: phường Hàng Bạc',
  ];
  const png = await renderPage({ lines, dpi: 200, skewDeg: 2.5, noise: 10, format: 'png' });
  const coarse = await sharp(png).jpeg({ quality: 55 }).toBuffer();
  const page = await (await openImageFile('nghieng.jpg', coarse)).page(0);
  assert.equal(page.analysis.deskewed, true);
  const q = estimateJpegQuality(page.archival.bytes)!;
  assert.ok(q <= 56, `re-encoded at ${q}`);
  assert.ok(page.archival.bytes.length < coarse.length * 1.2, 'about the same size as the scan');
});
