// The image steps on generated pages whose truth we know: skew within 0.3° on 95% of pages and
// the straightened page measures level; a page turned 90° comes back upright; a blank page is
// flagged with its score and kept; dark scanner edges are cut.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { SAMPLE_DOCUMENTS } from '../../electron/cli/demo/sampleText';
import { estimateSkew } from '../../electron/core/imaging/deskew';
import type { GreyImage } from '../../electron/core/imaging/grey';
import { openImageFile } from '../../electron/core/imaging/loadPage';
import type { PreparedPage } from '../../electron/core/imaging/preparePage';
import { createOrientationDetector } from '../../electron/core/ocr/orientation';

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BODY = SAMPLE_DOCUMENTS.flatMap((d) => d.lines).filter((l) => l.trim() !== '');

function pageLines(random: () => number, count: number): string[] {
  const start = Math.floor(random() * BODY.length);
  return Array.from({ length: count }, (_, i) => BODY[(start + i) % BODY.length]!);
}

function greyOf(page: PreparedPage): GreyImage {
  // The OCR copy is a PGM: header, then one byte per pixel.
  const data = page.ocr.subarray(page.ocr.length - page.widthPx * page.heightPx);
  return { width: page.widthPx, height: page.heightPx, data };
}

test('skew is measured within 0.3° on at least 95% of generated pages, and removed', async () => {
  const random = rng(20261123);
  const errors: number[] = [];
  const residuals: number[] = [];
  const PAGES = 24;
  for (let i = 0; i < PAGES; i++) {
    // Most scans are within ±5°; a few are worse, up to the ±15° the estimator searches.
    const truth = Math.round((i % 6 === 5 ? 24 : 10) * (random() - 0.5) * 100) / 100;
    const jpg = await renderPage({
      lines: pageLines(random, 8 + Math.floor(random() * 14)),
      dpi: i % 2 ? 200 : 150,
      skewDeg: truth,
      noise: 6 + random() * 10,
      blur: random() < 0.5 ? 0.5 : 0,
      format: 'jpeg',
    });
    const file = await openImageFile(`skew-${i}.jpg`, jpg);
    const page = await file.page(0);
    errors.push(Math.abs(page.analysis.skewDeg - truth));
    residuals.push(Math.abs((await estimateSkew(greyOf(page))).angle));
  }
  const within = errors.filter((e) => e <= 0.3).length;
  assert.ok(
    within >= Math.ceil(PAGES * 0.95),
    `${within}/${PAGES} within 0.3°; errors ${errors.map((e) => e.toFixed(2)).join(' ')}`,
  );
  const level = residuals.filter((r) => r <= 0.3).length;
  assert.ok(level >= Math.ceil(PAGES * 0.95), `straightened pages: ${residuals.join(' ')}`);
});

test('a page scanned sideways is turned upright before OCR', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-osd-'));
  const detector = createOrientationDetector(path.join(dir, 'tessdata'));
  try {
    const upright = await renderPage({
      lines: SAMPLE_DOCUMENTS[0]!.lines,
      dpi: 200,
      format: 'png',
    });
    for (const turn of [90, 270]) {
      const sideways = await sharp(upright).rotate(turn).jpeg().toBuffer();
      const page = await (
        await openImageFile(`quay-${turn}.jpg`, sideways)
      ).page(0, {
        orientation: detector,
      });
      assert.equal((page.analysis.rotatedDeg + turn) % 360, 0, `turned ${turn}°`);
      const meta = await sharp(upright).metadata();
      assert.equal(page.widthPx, meta.width, 'portrait again');
    }
  } finally {
    await detector.close();
  }
});

test('a blank page is flagged with its score and kept; a page with one short line is not', async () => {
  const blank = await renderPage({ lines: [], noise: 12, format: 'jpeg' });
  const oneLine = await renderPage({ lines: ['Trang 2'], noise: 12, format: 'jpeg' });
  const b = await (await openImageFile('trang-trang.jpg', blank)).page(0);
  const l = await (await openImageFile('mot-dong.jpg', oneLine)).page(0);
  assert.equal(b.analysis.blank, true);
  assert.ok(b.archival.bytes.length > 0, 'the blank page is still there to be archived');
  assert.equal(l.analysis.blank, false);
  assert.ok(l.analysis.inkRatio > b.analysis.inkRatio * 5, 'the score separates them');
});

test('dark scanner edges are cut from both copies', async () => {
  const png = await renderPage({ lines: BODY.slice(0, 6), dpi: 150, format: 'png' });
  const { width, height } = await sharp(png).metadata();
  const band = 40;
  const framed = await sharp(png)
    .extend({ left: band, bottom: band, background: '#101010' })
    .png()
    .toBuffer();
  const page = await (await openImageFile('vien-den.png', framed)).page(0);
  assert.ok(page.analysis.crop.left >= band - 2 && page.analysis.crop.left <= band + 2);
  assert.ok(page.analysis.crop.bottom >= band - 2 && page.analysis.crop.bottom <= band + 2);
  assert.ok(Math.abs(page.widthPx - width) <= 2 && Math.abs(page.heightPx - height) <= 2);
  const archival = await sharp(page.archival.bytes).metadata();
  assert.equal(archival.width, page.widthPx);
  assert.equal(archival.height, page.heightPx);
});

test('the archival copy keeps the scan’s own colours: bilevel stays 1-bit, grey stays grey', async () => {
  const png = await renderPage({ lines: BODY.slice(0, 8), dpi: 200, skewDeg: 1.5, format: 'png' });
  const { data, info } = await sharp(png)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const bw = Buffer.from(data.map((v) => (v < 150 ? 0 : 255)));
  const bilevelPng = await sharp(bw, {
    raw: { width: info.width, height: info.height, channels: 1 },
  })
    .png()
    .toBuffer();
  const b = await (await openImageFile('fax.png', bilevelPng)).page(0);
  assert.equal(b.analysis.content, 'bilevel');
  assert.equal(b.analysis.deskewed, true, 'straightened, then thresholded back');
  assert.equal(b.archival.format, 'png');
  const bMeta = await sharp(b.archival.bytes).metadata();
  assert.equal(bMeta.bitsPerSample, 1);

  const greyJpg = await sharp(data, {
    raw: { width: info.width, height: info.height, channels: 1 },
  })
    .jpeg()
    .toBuffer();
  const g = await (await openImageFile('xam.jpg', greyJpg)).page(0);
  assert.equal(g.analysis.content, 'grey');
  assert.equal((await sharp(g.archival.bytes).metadata()).channels, 1);

  const colour = await (await openImageFile('mau.png', png)).page(0);
  assert.equal(colour.analysis.content, 'colour');
  assert.equal((await sharp(colour.archival.bytes).metadata()).channels, 3);
  assert.ok(b.archival.bytes.length * 3 < colour.archival.bytes.length, 'bilevel is much smaller');
});
