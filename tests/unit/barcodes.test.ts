import assert from 'node:assert/strict';
import { test } from 'node:test';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { decodeBarcodes } from '../../electron/core/imaging/barcodes';

test('decodes a QR code with Vietnamese text from a page image, offline', async () => {
  const payload = '001090001234|123456789|Nguyễn Thị Đào|01011990|Nữ|Tân Hòa, Phú Bình|01012021';
  const qr = await QRCode.toBuffer(payload, { scale: 4, margin: 2 });
  // Place it on a larger grey page, as a scan of a card would be.
  const page = await sharp({
    create: { width: 800, height: 600, channels: 3, background: '#e8e4dc' },
  })
    .composite([{ input: qr, left: 300, top: 150 }])
    .jpeg({ quality: 80 })
    .toBuffer();
  const found = await decodeBarcodes(page);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.text, payload);
  assert.equal(found[0]!.format, 'QRCode');
  assert.ok(found[0]!.position[0]!.x >= 300);
});

test('an image without a code yields nothing', async () => {
  const blank = await sharp({
    create: { width: 200, height: 200, channels: 3, background: '#fff' },
  })
    .png()
    .toBuffer();
  assert.deepEqual(await decodeBarcodes(blank), []);
});
