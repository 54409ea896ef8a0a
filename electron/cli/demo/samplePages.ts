// Scanned-looking pages rendered from text we write, so every sample and fixture has exact
// ground truth. Used by `npm run demo`, the tests and (later) the benchmarks.
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { OverlayOptions } from 'sharp';

const require = createRequire(import.meta.url);

/** DejaVu Sans from npm: full Vietnamese coverage, free licence, no system fonts needed. */
export const SAMPLE_FONT_FILE = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);

export interface RenderPageOptions {
  lines: string[];
  dpi?: number;
  /** Rotation applied to the whole page, in degrees (positive = clockwise), to mimic skew. */
  skewDeg?: number;
  /** Standard deviation of grey noise, 0–40. */
  noise?: number;
  /** Gaussian blur sigma, 0 for none (sharp needs ≥ 0.3). */
  blur?: number;
  format?: 'png' | 'jpeg';
  jpegQuality?: number;
  widthMm?: number;
  heightMm?: number;
  /** Body text size in points. */
  fontPt?: number;
  /**
   * SVG drawn under the text before the page is degraded, e.g. a form's rules and boxes, placed
   * from the text's own line pitch so they sit where the lines were really rendered.
   */
  overlaySvg?: (layout: PageLayout) => string;
  /** Quarter turns clockwise applied to the finished page, as when a sheet is fed sideways. */
  quarterTurns?: 0 | 1 | 2 | 3;
}

/** Where the text landed on the page, in pixels; lines are `linePitchPx` apart from `marginPx`. */
export interface PageLayout {
  widthPx: number;
  heightPx: number;
  marginPx: number;
  linePitchPx: number;
}

const MM_PER_INCH = 25.4;

function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function renderPage(opts: RenderPageOptions): Promise<Buffer> {
  const dpi = opts.dpi ?? 200;
  const widthPx = Math.round(((opts.widthMm ?? 210) / MM_PER_INCH) * dpi);
  const heightPx = Math.round(((opts.heightMm ?? 297) / MM_PER_INCH) * dpi);
  const marginPx = Math.round((20 / MM_PER_INCH) * dpi);
  const fontPt = opts.fontPt ?? 12;

  const layers: OverlayOptions[] = [];
  let linePitchPx = (fontPt / 72) * dpi * 1.35;
  // Pango refuses empty text, and a blank page is a page too.
  if (opts.lines.some((l) => l.trim() !== '')) {
    const markup = opts.lines
      .map((l) => (l.startsWith('# ') ? `<b>${escapeMarkup(l.slice(2))}</b>` : escapeMarkup(l)))
      .join('\n')
      .normalize('NFC');
    const text = await sharp({
      text: {
        text: `<span font="${fontPt}" line_height="1.35">${markup}</span>`,
        font: 'DejaVu Sans',
        fontfile: SAMPLE_FONT_FILE,
        width: widthPx - 2 * marginPx,
        dpi,
        rgba: true,
        wrap: 'word',
      },
    })
      .png()
      .toBuffer({ resolveWithObject: true });
    linePitchPx = text.info.height / opts.lines.length;
    // Text running off the paper would silently disagree with the ground truth written beside it.
    // (Small test pages may use the bottom margin; only the paper's edge is a hard limit.)
    if (marginPx + text.info.height > heightPx)
      throw new Error(`text does not fit the page (${opts.lines.length} lines at ${fontPt} pt)`);
    layers.push({ input: text.data, top: marginPx, left: marginPx });
  }
  if (opts.overlaySvg) {
    const svg = opts.overlaySvg({ widthPx, heightPx, marginPx, linePitchPx });
    layers.unshift({ input: Buffer.from(svg), top: 0, left: 0 });
  }

  let page = sharp({
    create: { width: widthPx, height: heightPx, channels: 3, background: '#fbfaf6' },
  }).composite(layers);
  let buf = await page.png().toBuffer();

  if (opts.skewDeg) {
    const rotated = await sharp(buf)
      .rotate(opts.skewDeg, { background: '#fbfaf6' })
      .toBuffer({ resolveWithObject: true });
    // Rotation grows the canvas; crop back to the paper size, centred, as a scanner would.
    const left = Math.max(0, Math.round((rotated.info.width - widthPx) / 2));
    const top = Math.max(0, Math.round((rotated.info.height - heightPx) / 2));
    buf = await sharp(rotated.data)
      .extract({ left, top, width: widthPx, height: heightPx })
      .png()
      .toBuffer();
  }
  if (opts.noise) {
    const noise = Buffer.alloc(widthPx * heightPx);
    // Deterministic noise (a small LCG) so fixtures are reproducible run to run.
    let seed = 12345;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = 128 + Math.round(((seed / 0x7fffffff) * 2 - 1) * opts.noise);
    }
    const noiseImg = await sharp(noise, { raw: { width: widthPx, height: heightPx, channels: 1 } })
      .toColourspace('srgb')
      .png()
      .toBuffer();
    buf = await sharp(buf)
      .composite([{ input: noiseImg, blend: 'soft-light' }])
      .png()
      .toBuffer();
  }
  page = sharp(buf).withMetadata({ density: dpi });
  if (opts.blur && opts.blur >= 0.3) page = page.blur(opts.blur);
  if (opts.quarterTurns) {
    buf = await page.png().toBuffer();
    page = sharp(buf)
      .rotate(opts.quarterTurns * 90)
      .withMetadata({ density: dpi });
  }
  return opts.format === 'jpeg'
    ? page.jpeg({ quality: opts.jpegQuality ?? 85 }).toBuffer()
    : page.png().toBuffer();
}
