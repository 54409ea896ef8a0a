// Generated stacks for the batch separation tests (integration and e2e): separator sheets are the
// core's own separatorSheet PDF rendered back by poppler (pdftoppm, a renderer we did not write)
// like a feeder scan, content pages are text rendered with a Vietnamese font, blank sheets are
// paper with noise. Every page's truth is known, so the expected documents are too.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { separatorSheetPdf } from '../../electron/core/separate/separatorSheet';
import type { SeparatorSheetSpecInput } from '../../shared/contracts/intake';
import { run } from '../helpers/tools';

export const STACK_DPI = 200;

/** Separator sheets as a scanner returns them: poppler's 200-dpi grey rendering, as JPEG. */
export async function scannedSeparatorSheets(specs: SeparatorSheetSpecInput[]): Promise<Buffer[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sheets-'));
  try {
    const file = path.join(dir, 'sheets.pdf');
    await fs.writeFile(file, await separatorSheetPdf(specs));
    const r = run('pdftoppm', [
      '-r',
      String(STACK_DPI),
      '-gray',
      '-png',
      file,
      path.join(dir, 'p'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    const names = (await fs.readdir(dir)).filter((n) => n.startsWith('p-')).sort();
    return await Promise.all(
      names.map((n) =>
        sharp(path.join(dir, n))
          .withMetadata({ density: STACK_DPI })
          .jpeg({ quality: 85 })
          .toBuffer(),
      ),
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A short content page (few lines: OCR stays quick) at 150 dpi. */
export function contentPage(lines: string[]): Promise<Buffer> {
  return renderPage({ lines, dpi: 150, noise: 6, format: 'jpeg', fontPt: 14 });
}

export function blankPage(): Promise<Buffer> {
  return renderPage({ lines: [''], dpi: 150, noise: 6, format: 'jpeg' });
}
