// Form marks are whitened in the OCR copy; letters, including round ones and Vietnamese dots
// below, are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { cleanFormMarks } from '../../electron/core/imaging/formCleanup';
import type { GreyImage } from '../../electron/core/imaging/grey';
import { TEXT_LAYER_FONT } from '../../electron/core/pdf/fonts';

const DPI = 300;

/** A white page with the SVG shapes, and lines of text drawn with the bundled DejaVu Sans. */
async function page(svgBody: string, lines: { text: string; top: number }[]): Promise<GreyImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400">
    <rect width="100%" height="100%" fill="white"/>${svgBody}</svg>`;
  const texts = await Promise.all(
    lines.map(async (l) => ({
      input: await sharp({
        text: {
          text: l.text,
          font: 'DejaVu Sans',
          fontfile: TEXT_LAYER_FONT,
          dpi: 300,
          rgba: true,
        },
      })
        .png()
        .toBuffer(),
      left: 20,
      top: l.top,
    })),
  );
  const { data, info } = await sharp(Buffer.from(svg))
    .composite(texts)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function inkIn(img: GreyImage, x0: number, y0: number, x1: number, y1: number): number {
  let ink = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < 128) ink++;
  return ink;
}

const NAME_LINE = { text: 'Họ tên: Ô Quý Đạt', top: 30 };

test('rules, tick boxes, cell walls and dot leaders go; letters stay', async () => {
  const dots = Array.from(
    { length: 30 },
    (_, i) => `<circle cx="${520 + i * 18}" cy="76" r="3"/>`,
  ).join('');
  const img = await page(
    `${dots}
    <rect x="20" y="150" width="1100" height="4"/>
    <rect x="40" y="220" width="60" height="60" fill="none" stroke="black" stroke-width="4"/>
    <rect x="200" y="200" width="4" height="70"/>`,
    [NAME_LINE],
  );
  const textInk = inkIn(img, 0, 20, 500, 110);
  assert.ok(textInk > 1000, `the name line is drawn (${textInk} ink pixels)`);
  const report = cleanFormMarks(img, DPI);
  assert.ok(
    report.rulePixels > 0 && report.boxes === 1 && report.bars === 1,
    JSON.stringify(report),
  );
  assert.ok(report.leaderDots >= 28, JSON.stringify(report));
  assert.equal(inkIn(img, 510, 60, 1100, 95), 0, 'leader gone');
  assert.equal(inkIn(img, 0, 140, 1200, 165), 0, 'rule gone');
  assert.equal(inkIn(img, 30, 210, 110, 290), 0, 'tick box gone');
  assert.equal(inkIn(img, 190, 190, 215, 280), 0, 'cell wall gone');
  assert.equal(inkIn(img, 0, 20, 500, 110), textInk, 'every letter pixel kept');
});

test('a page of plain text is left exactly as it was', async () => {
  const img = await page('', [NAME_LINE, { text: 'Quyết định số 12/QĐ-UBND... ngày', top: 180 }]);
  assert.ok(inkIn(img, 0, 0, img.width, img.height) > 2000);
  const before = Buffer.from(img.data);
  const report = cleanFormMarks(img, DPI);
  assert.deepEqual(report, { rulePixels: 0, boxes: 0, bars: 0, leaderDots: 0 });
  assert.ok(before.equals(img.data));
});
