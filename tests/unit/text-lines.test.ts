// Which way is up, from the ink alone: a page turned any quarter is turned back without asking
// Tesseract's orientation model, whose detector is only called when the text lines leave doubt.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { SAMPLE_DOCUMENTS } from '../../electron/cli/demo/sampleText';
import { inkPoints } from '../../electron/core/imaging/deskew';
import { openImageFile } from '../../electron/core/imaging/loadPage';
import { readTextLines } from '../../electron/core/imaging/textLines';
import type { OrientationDetector } from '../../electron/core/ocr/orientation';

const LINES = SAMPLE_DOCUMENTS.flatMap((d) => d.lines).slice(0, 18);

/** Counts the calls and answers "upright": a wrong answer would show in the turns. */
function countingDetector(): OrientationDetector & { calls: number } {
  const d = {
    calls: 0,
    detect: () => {
      d.calls++;
      return Promise.resolve({ degrees: 0 as const, confidence: 0 });
    },
    close: () => Promise.resolve(),
  };
  return d;
}

test('each quarter turn is undone from the text lines, with the skew measured after turning', async () => {
  const upright = await renderPage({ lines: LINES, dpi: 150, skewDeg: 1.2, noise: 8 });
  const detector = countingDetector();
  for (const turn of [0, 90, 180, 270] as const) {
    // One of them a grey scan: its one channel goes through the same turns.
    const turned = sharp(upright).rotate(turn);
    const jpg = await (turn === 90 ? turned.toColourspace('b-w') : turned).jpeg().toBuffer();
    const { data, info } = await sharp(jpg).toColourspace('b-w').raw().toBuffer({
      resolveWithObject: true,
    });
    const verdict = readTextLines(inkPoints({ data, width: info.width, height: info.height }));
    assert.equal(verdict.turn, (360 - turn) % 360, `turned ${turn}°`);
    assert.ok(Math.abs(verdict.skew.angle - 1.2) <= 0.2, `skew ${verdict.skew.angle}`);
    assert.ok(verdict.lines >= 10, `${verdict.lines} lines`);

    const page = await (
      await openImageFile(`quay-${turn}.jpg`, jpg)
    ).page(0, {
      orientation: detector,
    });
    assert.equal(page.analysis.rotatedDeg, (360 - turn) % 360);
    assert.equal(page.analysis.orientationBy, 'text-lines');
    assert.ok(page.analysis.deskewed);
    assert.ok(page.heightPx > page.widthPx, 'portrait again');
  }
  assert.equal(detector.calls, 0, 'OSD never needed');
});

test('a page with too little text is left as it is, and so is a blank one', async () => {
  const detector = countingDetector();
  for (const lines of [[], ['Trang 2']]) {
    const png = await renderPage({ lines, dpi: 150, noise: 8, format: 'png' });
    const page = await (await openImageFile('it-chu.png', png)).page(0, { orientation: detector });
    assert.equal(page.analysis.rotatedDeg, 0);
  }
  assert.equal(detector.calls, 0);
});

test('lines with nothing above or below their letters leave doubt: then OSD decides', async () => {
  // Only x-height letters: no capitals, ascenders, descenders or marks to tell up from down.
  const words = ['maman', 'encore', 'nous', 'venons', 'avec', 'caveaux', 'rumeur', 'nuance'];
  const lines = Array.from({ length: 12 }, (_, i) =>
    Array.from({ length: 7 }, (_, j) => words[(i * 3 + j) % words.length]).join(' '),
  );
  const png = await renderPage({ lines, dpi: 150, format: 'png' });
  const detector = countingDetector();
  const page = await (await openImageFile('mo-ho.png', png)).page(0, { orientation: detector });
  assert.equal(detector.calls, 1);
  assert.equal(page.analysis.orientationBy, 'osd');
});
