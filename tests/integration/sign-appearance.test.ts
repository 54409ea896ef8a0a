// The signer's appearance (ND 30/2020 Phụ lục I): blue signature image, red seal over its left
// third, name and title in Vietnamese. Checked on poppler's rendering and text extraction.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { createPki, P12_PASSWORD } from '../helpers/pki';
import { sealImage, signatureImage } from '../helpers/pki-images';
import { runSohoa, runTool, samplePdf } from '../helpers/sign-tools';

describe('signer appearance', () => {
  let dir: string;
  let file: string;
  let p12Path: string;
  const rect: [number, number, number, number] = [300, 80, 240, 140];

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-appearance-'));
    const pki = createPki(path.join(dir, 'pki'));
    p12Path = pki.issue({ cn: 'Nguyễn Văn Hùng' }).p12Path!;
    const keySource = await openPkcs12(p12Path, P12_PASSWORD);
    const { bytes } = await signPdf(await samplePdf(), {
      keySource,
      signingTime: new Date(),
      appearance: {
        kind: 'signer',
        signatureImage: await signatureImage(),
        sealImage: await sealImage(),
        signerName: 'Nguyễn Văn Hùng',
        signerTitle: 'CHỦ TỊCH',
        page: 0,
        rect,
        demo: false,
      },
    });
    file = path.join(dir, 'signer.pdf');
    await fs.writeFile(file, bytes);
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('pdfsig: valid', () => {
    assert.match(runTool('pdfsig', [file]).stdout, /Signature is Valid/);
  });

  test('name and title extract with their diacritics', () => {
    const text = runTool('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout.normalize('NFC');
    assert.match(text, /CHỦ TỊCH/);
    assert.match(text, /Nguyễn Văn Hùng/);
  });

  test('rendered: blue signature, red seal, seal over the signature’s left part', async () => {
    const prefix = path.join(dir, 'page');
    const r = runTool('pdftoppm', ['-r', '72', '-png', '-singlefile', file, prefix]);
    assert.equal(r.status, 0, r.stderr);
    const { data, info } = await sharp(`${prefix}.png`).raw().toBuffer({ resolveWithObject: true });
    const pageHeight = info.height;
    let blue = 0;
    let red = 0;
    let redMinX = Infinity;
    let blueMinX = Infinity;
    let blueMaxX = 0;
    let redMaxX = 0;
    const [x0, y0, w, h] = rect;
    for (let y = pageHeight - (y0 + h); y < pageHeight - y0; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const i = (y * info.width + x) * info.channels;
        const [R, G, B] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (B > 150 && R < 90 && G < 110) {
          blue++;
          blueMinX = Math.min(blueMinX, x);
          blueMaxX = Math.max(blueMaxX, x);
        }
        if (R > 160 && G < 80 && B < 80) {
          red++;
          redMinX = Math.min(redMinX, x);
          redMaxX = Math.max(redMaxX, x);
        }
      }
    }
    assert.ok(blue > 200, `blue pixels: ${blue}`);
    assert.ok(red > 200, `red pixels: ${red}`);
    // The seal starts left of the signature and reaches into its first third, not beyond half.
    assert.ok(redMinX < blueMinX, `seal ${redMinX}-${redMaxX}, signature ${blueMinX}-${blueMaxX}`);
    const third = blueMinX + (blueMaxX - blueMinX) / 3;
    assert.ok(
      redMaxX > blueMinX && redMaxX <= third + 8,
      `seal ${redMinX}-${redMaxX}, signature ${blueMinX}-${blueMaxX}`,
    );
  });

  test('sohoa sign --appearance signer on the command line (password from the environment)', async () => {
    const input = path.join(dir, 'input.pdf');
    const out = path.join(dir, 'cli-signed.pdf');
    await fs.writeFile(input, await samplePdf());
    await fs.writeFile(path.join(dir, 'sig.png'), await signatureImage());
    await fs.writeFile(path.join(dir, 'seal.png'), await sealImage());
    process.env.SOHOA_KEY_PASSWORD = P12_PASSWORD;
    try {
      const r = await runSohoa([
        'sign',
        input,
        '--key',
        p12Path,
        '--appearance',
        'signer',
        '--signature-image',
        path.join(dir, 'sig.png'),
        '--seal-image',
        path.join(dir, 'seal.png'),
        '--name',
        'Nguyễn Văn Hùng',
        '--title',
        'PHÓ CHỦ TỊCH',
        '--out',
        out,
        '--lang',
        'en',
      ]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Signed: /);
    } finally {
      delete process.env.SOHOA_KEY_PASSWORD;
    }
    assert.match(runTool('pdfsig', [out]).stdout, /Signature is Valid/);
    assert.match(
      runTool('pdftotext', ['-enc', 'UTF-8', out, '-']).stdout.normalize('NFC'),
      /PHÓ CHỦ TỊCH/,
    );
  });
});
