// The round trip: separator sheet PDFs made by the app are rendered back by poppler (a renderer we
// did not write) at 200 dpi, skewed and noised like a feeder scan, and must be found again: the
// patch code by our detector (so the printed bar geometry is right), the QR by ZXing. Then a
// generated stack with these sheets between documents is split by each method.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import type { SeparationOptionsInput } from '../../shared/contracts/intake';
import { detectPatchCode, PATCH_LENGTH_MM } from '../../electron/core/separate/patchCode';
import { measurePage } from '../../electron/core/separate/pageSignals';
import { separatorSheetPdf } from '../../electron/core/separate/separatorSheet';
import { planSeparation } from '../../electron/core/separate/splitPlan';
import { pdftotext, run } from '../helpers/tools';

const DPI = 200;
const ALL: Required<Pick<SeparationOptionsInput, 'patchCodes' | 'codes' | 'classifier'>> = {
  patchCodes: ['T', '2', '3'],
  codes: true,
  classifier: false,
};

/** Renders every page of a PDF with pdftoppm, then skews and noises it like a scan. */
async function scanPdf(pdf: Buffer, dir: string, skews: number[]): Promise<Buffer[]> {
  const file = path.join(dir, 'sheets.pdf');
  await fs.writeFile(file, pdf);
  const r = run('pdftoppm', ['-r', String(DPI), '-gray', '-png', file, path.join(dir, 'p')]);
  assert.equal(r.status, 0, r.stderr);
  const names = (await fs.readdir(dir)).filter((n) => n.startsWith('p-')).sort();
  return Promise.all(
    names.map(async (n, k) => {
      const skew = skews[k % skews.length]!;
      const img = sharp(path.join(dir, n));
      const { width, height } = await img.metadata();
      const rotated = await img
        .rotate(skew, { background: '#ffffff' })
        .toBuffer({ resolveWithObject: true });
      const left = Math.round((rotated.info.width - width) / 2);
      const top = Math.round((rotated.info.height - height) / 2);
      const noise = Buffer.alloc(width * height);
      let s = 7 + k;
      for (let i = 0; i < noise.length; i++) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        noise[i] = 128 + Math.round(((s / 0x7fffffff) * 2 - 1) * 30);
      }
      const noiseImg = await sharp(noise, { raw: { width: width, height: height, channels: 1 } })
        .png()
        .toBuffer();
      return sharp(rotated.data)
        .extract({ left, top, width: width, height: height })
        .composite([{ input: noiseImg, blend: 'soft-light' }])
        .blur(0.6)
        .withMetadata({ density: DPI })
        .jpeg({ quality: 80 })
        .toBuffer();
    }),
  );
}

test('separator sheets: valid A4 PDF with Vietnamese text; patch and QR found again after print-and-scan', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sep-'));
  try {
    const pdf = await separatorSheetPdf([
      { patch: 'T', type: 'birth_certificate', dossierCode: 'H49.64.33-261123-0001' },
      { patch: '2', qr: false },
      { patch: '3' },
      { patch: null, type: 'application_form' },
    ]);
    const file = path.join(dir, 'check.pdf');
    await fs.writeFile(file, pdf);
    assert.equal(run('qpdf', ['--check', file]).status, 0);
    const info = run('pdfinfo', [file]).stdout;
    assert.match(info, /Pages:\s+4/);
    assert.match(info, /595\.2\d* x 841\.8\d* pts \(A4\)/);
    const text = pdftotext(file);
    assert.match(text, /TỜ PHÂN TÁCH TÀI LIỆU/);
    assert.match(text, /Loại giấy tờ: Giấy khai sinh/);
    assert.match(text, /Mã hồ sơ: H49\.64\.33-261123-0001/);
    assert.match(text, /Patch 2 — bắt đầu hồ sơ mới/);

    const scans = await scanPdf(pdf, dir, [1.5, -2, 0.7, -1]);
    const found = await Promise.all(
      scans.map((image, i) => measurePage({ name: `s${i}`, image }, ALL)),
    );
    assert.deepEqual(
      found.map((f) => [f.blank, f.patch, f.separator]),
      [
        [false, 'T', { type: 'birth_certificate', dossierCode: 'H49.64.33-261123-0001' }],
        [false, '2', null],
        [false, '3', {}],
        [false, null, { type: 'application_form' }],
      ],
    );
    // Fed upside down: the bar order reverses (3 would read as T); the sheet's layout tells.
    const flipped = await sharp(scans[2]).rotate(180).jpeg().toBuffer();
    assert.equal(
      (await measurePage({ name: 'flipped', image: flipped, dpi: DPI }, ALL)).patch,
      '3',
    );
    // The printed geometry: four bars 0.80 in across, ≥ 2 in of them read.
    const { data, info: px } = await sharp(scans[0])
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const patch = detectPatchCode({ data, width: px.width, height: px.height }, DPI)!;
    const mm = (v: number) => (v * 25.4) / DPI;
    assert.ok(Math.abs(mm(patch.box.width) - 20.32) < 1.5, `width ${mm(patch.box.width)} mm`);
    assert.ok(mm(patch.box.height) > 0.8 * PATCH_LENGTH_MM, `length ${mm(patch.box.height)} mm`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a generated stack with separator sheets is split by each method', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sep-stack-'));
  try {
    const [sheetT, sheetQr] = await scanPdf(
      await separatorSheetPdf([
        { patch: 'T', qr: false },
        { patch: null, type: 'marriage_certificate', dossierCode: 'HS-0002' },
      ]),
      dir,
      [-1.2, 1.8],
    );
    const content = (title: string) =>
      renderPage({
        lines: [
          `# ${title}`,
          'Họ và tên: Nguyễn Văn An',
          'Ngày sinh: 01/02/1990',
          'Nơi cư trú: xã Tân Hòa',
        ],
        dpi: DPI,
        skewDeg: 0.8,
        noise: 12,
        format: 'jpeg',
      });
    const blankSheet = await renderPage({ lines: [''], dpi: DPI, noise: 8, format: 'jpeg' });
    const [a, b, c] = await Promise.all(
      ['ĐƠN ĐỀ NGHỊ', 'GIẤY KHAI SINH', 'GIẤY XÁC NHẬN'].map(content),
    );
    // a | T-sheet | b b | blank | c | QR sheet | a
    const stack = [a!, sheetT!, b!, b!, blankSheet, c!, sheetQr!, a!];
    const options: SeparationOptionsInput = { patchCodes: ['T'], codes: true, blank: true };
    const signals = [];
    for (const [i, image] of stack.entries())
      signals.push(await measurePage({ name: `p${i}`, image }, options));
    const plan = planSeparation(signals, options);
    assert.deepEqual(
      plan.documents.map((d) => [d.pages, d.reasons.map((r) => r.method)]),
      [
        [[0], ['start']],
        [[2, 3], ['patch']],
        [[5], ['blank']],
        [[7], ['code']],
      ],
    );
    assert.equal(plan.documents[3]!.type, 'marriage_certificate');
    assert.equal(plan.documents[3]!.dossierCode, 'HS-0002');
    // Only the patch method on: the blank page and the QR sheet stay content.
    const patchOnly = planSeparation(signals, { patchCodes: ['T'] });
    assert.deepEqual(
      patchOnly.documents.map((d) => d.pages),
      [[0], [2, 3, 4, 5, 6, 7]],
    );
    // Content pages never read as separators.
    for (const i of [0, 2, 3, 5, 7]) {
      assert.equal(signals[i]!.patch, null, `page ${i}`);
      assert.equal(signals[i]!.separator, null, `page ${i}`);
      assert.equal(signals[i]!.blank, false, `page ${i}`);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
