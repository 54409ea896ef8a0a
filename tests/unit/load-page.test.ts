// Bad input gets one typed error naming the file, never a crash.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { test } from 'node:test';
import sharp from 'sharp';
import { isSohoaError } from '../../shared/errors';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { openImageFile, sniffFormat } from '../../electron/core/imaging/loadPage';

/** Opens a file and decodes every page, as the pipeline does page by page. */
async function loadAll(name: string, bytes: Buffer) {
  const file = await openImageFile(name, bytes);
  const pages = [];
  for (let i = 0; i < file.pageCount; i++) pages.push(await file.page(i));
  return { file, pages };
}

async function errorCode(name: string, bytes: Buffer): Promise<string> {
  try {
    await loadAll(name, bytes);
  } catch (e) {
    assert.ok(isSohoaError(e), `expected a SohoaError, got ${String(e)}`);
    assert.ok(
      e.info.message.vi.includes(name) && e.info.message.en.includes(name),
      'names the file',
    );
    return e.code;
  }
  return 'no error';
}

/** A PNG whose header claims 30000×30000 pixels: decoding it would need 2.7 GB. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0);
  ihdr.writeUInt32BE(30000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024 * 1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

test('a good JPEG keeps its bytes, size and resolution', async () => {
  const jpg = await renderPage({
    lines: ['Hà Nội'],
    dpi: 300,
    widthMm: 80,
    heightMm: 50,
    format: 'jpeg',
  });
  const { file, pages } = await loadAll('/some/dir/trang-1.jpg', jpg);
  const page = pages[0];
  assert.ok(page);
  assert.equal(file.name, 'trang-1.jpg');
  assert.equal(page.dpi, 300);
  assert.equal(page.widthPx, Math.round((80 / 25.4) * 300));
  assert.ok(page.archival.bytes.equals(jpg), 'the original JPEG is embedded as is');
  // The OCR copy is a grey PGM of the same geometry (P5 header, one byte per pixel).
  const header = page.ocr.subarray(0, 20).toString('latin1');
  assert.match(header, new RegExp(`^P5\\n${page.widthPx} ${page.heightPx}\\n255\\n`));
  assert.equal(page.ocr.length - header.indexOf('255\n') - 4, page.widthPx * page.heightPx);
});

test('a multi-page TIFF yields one page per frame', async () => {
  const frame = await renderPage({ lines: ['Trang'], widthMm: 40, heightMm: 50, format: 'png' });
  const raw = await sharp(frame).raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = raw.info;
  const stacked = Buffer.concat([raw.data, raw.data]);
  const tiff = await sharp(stacked, {
    raw: { width, height: height * 2, channels, pageHeight: height },
  })
    .tiff({ compression: 'lzw' })
    .toBuffer();
  const { file, pages } = await loadAll('two.tif', tiff);
  assert.equal(file.pageCount, 2);
  assert.equal(pages.length, 2);
  assert.ok(pages.every((p) => p.widthPx === width && p.heightPx === height));
});

test('zero-byte, non-image, truncated and bomb files get their own error code', async () => {
  const jpg = await renderPage({ lines: ['Cộng hòa'], widthMm: 60, heightMm: 50, format: 'jpeg' });
  assert.equal(await errorCode('rong.png', Buffer.alloc(0)), 'FILE_EMPTY');
  assert.equal(
    await errorCode('van-ban.png', Buffer.from('Đây là văn bản, không phải ảnh')),
    'FILE_NOT_IMAGE',
  );
  assert.equal(
    await errorCode('cut.jpg', jpg.subarray(0, Math.floor(jpg.length * 0.6))),
    'IMAGE_CORRUPT',
  );
  assert.equal(await errorCode('bomb.png', pngBomb()), 'IMAGE_TOO_LARGE');
  assert.equal(
    await errorCode('header-only.png', Buffer.from('89504e470d0a1a0a', 'hex')),
    'IMAGE_CORRUPT',
  );
});

test('formats are told by their bytes, not their names', () => {
  assert.equal(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
  assert.equal(sniffFormat(Buffer.from('II*\0xxxx', 'latin1')), 'tiff');
  assert.equal(sniffFormat(Buffer.from('%PDF-1.7')), 'pdf');
  assert.equal(sniffFormat(Buffer.from('GIF89a')), null);
});
