// Decoded pages held as raw bytes, and the whole-page passes the image steps share: the grey copy
// and the content kind in one pass over the colour pixels, a reduced copy for analysis, and the
// geometry (cut, quarter turn, straightening) done by libvips on the raw buffers. Grey copies are
// written straight into the PGM the OCR engine is handed, and a straightened page is kept as a
// view (the rotated canvas and the frame to read from it) rather than copied once more.
import sharp, { type Sharp } from 'sharp';
import { newPgm, type GreyImage } from './grey';
import type { CropBox } from './pageAnalysis';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** A frame of a raw image: `box` is the part that is the page. */
export interface View {
  img: RawImage;
  box: CropBox;
}

/** Bilevel (black and white only), grey, or colour: told from the decoded pixels. */
export type ContentKind = 'bilevel' | 'grey' | 'colour';

/** A grey copy and the PGM file its pixels live in. */
export interface GreyPage extends GreyImage {
  pgm: Buffer;
}

const PAPER_WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

export async function toRaw(s: Sharp, channels: 1 | 3): Promise<RawImage> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels)
    throw new Error(`expected ${channels} channels, got ${info.channels}`);
  return { data, width: info.width, height: info.height, channels };
}

export function asGrey(img: GreyImage): GreyImage {
  return { data: img.data, width: img.width, height: img.height };
}

export function rawInfo(img: RawImage): { width: number; height: number; channels: 1 | 3 } {
  return { width: img.width, height: img.height, channels: img.channels };
}

const whole = (img: { width: number; height: number }): CropBox => ({
  left: 0,
  top: 0,
  width: img.width,
  height: img.height,
});

export const isWhole = (v: View) =>
  v.box.left === 0 &&
  v.box.top === 0 &&
  v.box.width === v.img.width &&
  v.box.height === v.img.height;

/** A decoded page's grey copy (in its PGM), what its pixels hold, and the grey histogram. */
export interface Decoded {
  grey: GreyPage;
  kind: ContentKind;
  hist: Float64Array;
}

/**
 * What the decoded pixels hold, exactly, and their grey copy and its histogram, in one pass: a
 * page is grey only if every pixel has equal channels, and bilevel only if every pixel is pure
 * black or pure white. Storing such a page with fewer channels loses nothing; a colour scan of
 * white paper keeps its colour, as the archiving rules ask. Grey is Rec. 601 luma in 8-bit fixed
 * point, which is what Leptonica itself uses to read a colour page.
 */
export function greyAndKind(img: RawImage): Decoded {
  // Integer counts: incrementing a float per pixel costs a third of this pass.
  const counts = new Uint32Array(256);
  const { pgm, pixels } = newPgm(img.width, img.height);
  const grey: GreyPage = { data: pixels, width: img.width, height: img.height, pgm };
  const d = img.data;
  const n = pixels.length;
  if (img.channels === 1) {
    pixels.set(d);
    for (let i = 0; i < n; i++) counts[d[i]!]!++;
    const hist = Float64Array.from(counts);
    return { grey, kind: hist[0]! + hist[255]! === n ? 'bilevel' : 'grey', hist };
  }
  // While every pixel so far has equal channels the page may still be grey (or bilevel); from
  // the first pixel that does not, the loop below no longer tests anything per pixel.
  let bilevel = true;
  let i = 0;
  let j = 0;
  for (; j < n; i += 3, j++) {
    const r = d[i]!;
    if (r !== d[i + 1] || r !== d[i + 2]) break;
    if (r !== 0 && r !== 255) bilevel = false;
    pixels[j] = r;
    counts[r]!++;
  }
  const equal = j === n;
  for (; j < n; i += 3, j++) {
    const v = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29 + 128) >> 8;
    pixels[j] = v;
    counts[v]!++;
  }
  return {
    grey,
    kind: equal ? (bilevel ? 'bilevel' : 'grey') : 'colour',
    hist: Float64Array.from(counts),
  };
}

/** The grey copy of a view's frame (same luma as `greyAndKind`), in a new PGM. */
export function greyOf(view: View): GreyPage {
  const { img, box } = view;
  const { pgm, pixels } = newPgm(box.width, box.height);
  const d = img.data;
  for (let y = 0; y < box.height; y++) {
    const out = y * box.width;
    if (img.channels === 1) {
      const from = (box.top + y) * img.width + box.left;
      d.copy(pixels, out, from, from + box.width);
      continue;
    }
    for (let x = 0, i = ((box.top + y) * img.width + box.left) * 3; x < box.width; x++, i += 3)
      pixels[out + x] = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29 + 128) >> 8;
  }
  return { data: pixels, width: box.width, height: box.height, pgm };
}

/** Averages k×k blocks (the last partial row and column are dropped). */
export function reduceBox(img: GreyImage, k: number): GreyImage {
  if (k <= 1) return img;
  const width = Math.floor(img.width / k);
  const height = Math.floor(img.height / k);
  const out = Buffer.allocUnsafe(width * height);
  const sums = new Uint32Array(width);
  const area = k * k;
  const d = img.data;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < k; dy++) {
      const row = (y * k + dy) * img.width;
      for (let x = 0, src = row; x < width; x++) {
        let sum = 0;
        for (let dx = 0; dx < k; dx++) sum += d[src++]!;
        sums[x] = sums[x]! + sum;
      }
    }
    const at = y * width;
    for (let x = 0; x < width; x++) out[at + x] = Math.round(sums[x]! / area);
  }
  return { data: out, width, height };
}

/** A sub-rectangle of a grey image, copied (the image itself when the box is all of it). */
export function cutGrey(img: GreyImage, box: CropBox): GreyImage {
  if (box.left === 0 && box.top === 0 && box.width === img.width && box.height === img.height)
    return img;
  const out = Buffer.allocUnsafe(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.top + y) * img.width + box.left;
    img.data.copy(out, y * box.width, from, from + box.width);
  }
  return { data: out, width: box.width, height: box.height };
}

export interface Geometry {
  /** Cut first, in the decoded frame. */
  crop: CropBox | null;
  /** Then turned clockwise by quarter turns. */
  turn: 0 | 90 | 180 | 270;
  /** Then rotated by -skewDeg around the centre on white paper, keeping the frame's size. */
  skewDeg: number;
}

/**
 * Applies the page's geometry: cut and quarter turn in one libvips pipeline, straightening in a
 * second (libvips takes one rotation per pipeline). The page keeps its physical size: the result
 * is the rotated canvas and, as its frame, the page-sized box at its centre; the corners that
 * turn in are paper, not black wedges.
 */
export async function applyGeometry(img: RawImage, g: Geometry): Promise<View> {
  let out = img;
  // libvips would hand a one-band image back as sRGB: keep the image's own kind.
  const ownKind = (s: Sharp) => (out.channels === 1 ? s.toColourspace('b-w') : s.removeAlpha());
  if (g.crop || g.turn) {
    let s = sharp(out.data, { raw: rawInfo(out) });
    if (g.crop) s = s.extract(g.crop);
    if (g.turn) s = s.rotate(g.turn);
    out = await toRaw(ownKind(s), out.channels);
  }
  if (!g.skewDeg) return { img: out, box: whole(out) };
  const frame = { width: out.width, height: out.height };
  const rotated = await toRaw(
    ownKind(sharp(out.data, { raw: rawInfo(out) }).rotate(-g.skewDeg, { background: PAPER_WHITE })),
    out.channels,
  );
  const width = Math.min(frame.width, rotated.width);
  const height = Math.min(frame.height, rotated.height);
  return {
    img: rotated,
    box: {
      left: Math.floor((rotated.width - width) / 2),
      top: Math.floor((rotated.height - height) / 2),
      width,
      height,
    },
  };
}
