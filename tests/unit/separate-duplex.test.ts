// Manual duplex interleaving, the separator QR text, and the patch detector on synthetic bars.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SohoaError } from '../../shared/errors';
import {
  blankBacks,
  interleaveManualDuplex,
  interleaveStack,
} from '../../electron/core/separate/duplex';
import {
  detectPatchCode,
  PATCH_LENGTH_MM,
  PATCH_PATTERNS,
  patchElementsMm,
  uprightCode,
} from '../../electron/core/separate/patchCode';
import { decodeSeparator, encodeSeparator } from '../../electron/core/separate/separatorCode';
import type { PatchCode } from '../../shared/contracts/intake';

test('manual duplex: fronts in order, backs reversed, come out front/back per sheet', () => {
  // Sheets 1..4; the backs pass feeds sheet 4's back first.
  const fronts = ['1F', '2F', '3F', '4F'];
  const backs = ['4B', '3B', '2B', '1B'];
  const out = interleaveManualDuplex(fronts, backs);
  assert.deepEqual(
    out.map((p) => p.page),
    ['1F', '1B', '2F', '2B', '3F', '3B', '4F', '4B'],
  );
  assert.deepEqual(
    out.map((p) => `${p.sheet}${p.side[0]}`),
    ['0f', '0b', '1f', '1b', '2f', '2b', '3f', '3b'],
  );
  assert.deepEqual(
    interleaveStack([...fronts, ...backs]).map((p) => p.page),
    out.map((p) => p.page),
  );
  assert.throws(
    () => interleaveManualDuplex(fronts, backs.slice(1)),
    (e: unknown) => e instanceof SohoaError && e.code === 'DUPLEX_COUNT_MISMATCH',
  );
});

test('blank backs are flagged, not dropped; a blank sheet is not a "blank back"', () => {
  const blank = new Set(['1B', '3F', '3B']);
  const out = interleaveManualDuplex(['1F', '2F', '3F'], ['3B', '2B', '1B']);
  assert.equal(out.length, 6);
  assert.deepEqual(
    blankBacks(out, (p) => blank.has(p)).map((i) => out[i]!.page),
    ['1B'],
  );
});

test('separator text: ours round-trips, PATCHT is read, other codes are content', () => {
  const text = encodeSeparator({ type: 'birth_certificate', dossierCode: 'H49.64.33-261123-0001' });
  assert.equal(text, 'SOHOA:TACH;LOAI=birth_certificate;HS=H49.64.33-261123-0001');
  assert.deepEqual(decodeSeparator(text), {
    type: 'birth_certificate',
    dossierCode: 'H49.64.33-261123-0001',
  });
  assert.deepEqual(decodeSeparator('SOHOA:TACH'), {});
  assert.deepEqual(decodeSeparator('PATCHT'), {});
  assert.deepEqual(decodeSeparator('SOHOA:TACH;LOAI=not_a_type'), {});
  assert.equal(decodeSeparator('001090001234|123456789|Nguyễn Văn An'), null);
  assert.equal(decodeSeparator('https://dichvucong.gov.vn/?ma=H49'), null);
  assert.throws(() => encodeSeparator({ dossierCode: 'a;b' }), SohoaError);
});

/** A white 100-dpi page with one patch code drawn as exact bars, optionally scaled. */
function barsPage(code: PatchCode, dpi: number, scale = 1, topMm = 10) {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((120 / 25.4) * dpi);
  const data = Buffer.alloc(width * height, 240);
  const px = (mm: number) => (mm / 25.4) * dpi * scale;
  let x = 60 / (25.4 / dpi);
  const top = Math.round(px(topMm));
  const bottom = Math.round(top + px(PATCH_LENGTH_MM));
  patchElementsMm(code).forEach((w, k) => {
    const x1 = x + px(w);
    if (k % 2 === 0)
      for (let y = top; y < bottom; y++)
        for (let xx = Math.round(x); xx < Math.round(x1); xx++) data[y * width + xx] = 20;
    x = x1;
  });
  return { data, width, height };
}

test('patch detector reads every code, tolerates print scaling, and ignores short bar runs', () => {
  for (const code of Object.keys(PATCH_PATTERNS) as PatchCode[]) {
    assert.equal(detectPatchCode(barsPage(code, 150), 150)?.code, code, `Patch ${code}`);
    // "Fit to page" printing shrinks ~6%; a photocopy grows ~3%.
    assert.equal(detectPatchCode(barsPage(code, 200, 0.94), 200)?.code, code);
    assert.equal(detectPatchCode(barsPage(code, 200, 1.03), 200)?.code, code);
  }
  // The same bars at double size are not a patch code (a table's thick rules, a logo).
  assert.equal(detectPatchCode(barsPage('T', 150, 2), 150), null);
  // Bars only 10 mm long (a barcode's piece, a cropped stamp) are not enough.
  const short = barsPage('T', 150);
  const cut = Math.round((20 / 25.4) * 150) * short.width;
  short.data.fill(240, cut);
  assert.equal(detectPatchCode(short, 150), null);
});

test('a patch in the lower half is a sheet fed upside down: its bars read reversed', () => {
  // Patch 3 turned 180° shows Patch T's bar order, low on the page.
  const page = barsPage('T', 150, 1, 50);
  const found = detectPatchCode(page, 150)!;
  assert.equal(found.code, 'T');
  assert.equal(uprightCode(found, page.height), '3');
  const top = barsPage('T', 150);
  assert.equal(uprightCode(detectPatchCode(top, 150)!, top.height), 'T');
  // Patch 2 reads the same both ways.
  const two = barsPage('2', 150, 1, 50);
  assert.equal(uprightCode(detectPatchCode(two, 150)!, two.height), '2');
});
