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

// A page whose file gives no usable resolution is never read or sized as 72 dpi: its resolution
// is inferred from its pixel size (a usual scan of a usual paper size), else 300 dpi is assumed,
// and the page says which.

/** An A4 page of the given resolution: paper and one line, enough for the decoder. */
function a4Grey(dpi: number): { data: Buffer; width: number; height: number } {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  const data = Buffer.alloc(width * height, 250);
  data.fill(20, width * 300 + 200, width * 300 + 900);
  return { data, width, height };
}

/** A JFIF APP0 segment with density `d`×`d` in `units` (0: no unit, an aspect ratio only). */
function withJfif(jpeg: Buffer, units: number, d: number): Buffer {
  const app0 = Buffer.alloc(18);
  app0.writeUInt16BE(0xffe0, 0);
  app0.writeUInt16BE(16, 2);
  app0.write('JFIF\0', 4, 'latin1');
  app0.writeUInt16BE(0x0101, 9);
  app0[11] = units;
  app0.writeUInt16BE(d, 12);
  app0.writeUInt16BE(d, 14);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}

/** The PNG without one of its chunks. */
function withoutChunk(png: Buffer, type: string): Buffer {
  const parts = [png.subarray(0, 8)];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    if (png.subarray(at + 4, at + 8).toString('latin1') !== type) parts.push(png.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

/** A baseline grey TIFF (one strip, no compression) whose only tags are the required ones. */
function bareTiff(img: { data: Buffer; width: number; height: number }): Buffer {
  const tags: [number, number, number][] = [
    [256, 4, img.width],
    [257, 4, img.height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 8],
    [277, 3, 1],
    [278, 4, img.height],
    [279, 4, img.data.length],
  ];
  const ifdAt = 8 + img.data.length;
  const ifd = Buffer.alloc(2 + tags.length * 12 + 4);
  ifd.writeUInt16LE(tags.length, 0);
  tags.forEach(([tag, type, value], i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16LE(tag, at);
    ifd.writeUInt16LE(type, at + 2);
    ifd.writeUInt32LE(1, at + 4);
    if (type === 3) ifd.writeUInt16LE(value, at + 8);
    else ifd.writeUInt32LE(value, at + 8);
  });
  const header = Buffer.alloc(8);
  header.write('II*\0', 0, 'latin1');
  header.writeUInt32LE(ifdAt, 4);
  return Buffer.concat([header, img.data, ifd]);
}

test('a JPEG whose JFIF density has no unit is read at its paper size, not 72 dpi', async () => {
  const img = a4Grey(200);
  const plain = await sharp(img.data, { raw: { ...img, channels: 1 } })
    .jpeg()
    .toBuffer();
  const jpg = withJfif(plain, 0, 200);
  assert.equal((await sharp(jpg).metadata()).density, 72, 'the decoder itself says 72');
  const { pages } = await loadAll('khong-don-vi.jpg', jpg);
  assert.equal(pages[0]!.dpi, 200);
  assert.deepEqual(pages[0]!.resolution, {
    dpi: 200,
    source: 'paper-size',
    paper: 'A4',
    fileDpi: 72,
  });
});

test('a PNG without pHYs and a TIFF without resolution tags are sized from their pixels', async () => {
  const img = a4Grey(300);
  const png = withoutChunk(
    await sharp(img.data, { raw: { ...img, channels: 1 } })
      .png()
      .toBuffer(),
    'pHYs',
  );
  assert.ok(!png.includes(Buffer.from('pHYs')), 'no pHYs chunk');
  const tiff = bareTiff(img);
  assert.equal((await sharp(tiff).metadata()).density, undefined, 'no resolution in the TIFF');
  for (const [name, bytes] of [
    ['khong-phys.png', png],
    ['khong-the.tif', tiff],
  ] as const) {
    const { pages } = await loadAll(name, bytes);
    assert.equal(pages[0]!.dpi, 300, name);
    assert.equal(pages[0]!.resolution?.source, 'paper-size', name);
  }
  // Pixels matching no paper size at a usual resolution: the usual 300 dpi, said as assumed.
  const odd = await sharp({ create: { width: 1000, height: 700, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const { pages } = await loadAll('la.png', withoutChunk(odd, 'pHYs'));
  assert.equal(pages[0]!.dpi, 300);
  assert.equal(pages[0]!.resolution?.source, 'assumed');
});

test('a 300-dpi scan tagged 72 dpi is read at 300; a plausible tag is kept', async () => {
  const img = a4Grey(300);
  const tagged = (density: number) =>
    sharp(img.data, { raw: { ...img, channels: 1 } })
      .withMetadata({ density })
      .jpeg()
      .toBuffer();
  const { pages } = await loadAll('72dpi.jpg', await tagged(72));
  assert.equal((await sharp(await tagged(72)).metadata()).density, 72);
  assert.equal(pages[0]!.dpi, 300);
  assert.equal(pages[0]!.resolution?.source, 'paper-size');
  // A tag that makes a sheet of a plausible size is the file's word, even off the usual values;
  // so is 72 on a page that is A4 at 72 dpi (saved from a screen).
  const kept = await loadAll('280dpi.jpg', await tagged(280));
  assert.deepEqual(kept.pages[0]!.resolution, { dpi: 280, source: 'file', fileDpi: 280 });
  const screen = a4Grey(72);
  const shot = await sharp(screen.data, { raw: { ...screen, channels: 1 } })
    .withMetadata({ density: 72 })
    .png()
    .toBuffer();
  assert.equal((await loadAll('man-hinh.png', shot)).pages[0]!.resolution?.source, 'file');
});
