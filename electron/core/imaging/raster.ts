// Decoded pages held as raw bytes, and the whole-page passes the image steps share: the grey copy
// and the content kind in one pass over the colour pixels, a reduced copy for analysis, and the
// geometry (cut, quarter turn, straightening) done by libvips on the raw buffers.
import sharp, { type Sharp } from 'sharp';
import type { GreyImage } from './grey';
import type { CropBox } from './pageAnalysis';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Bilevel (black and white only), grey, or colour: told from the decoded pixels. */
export type ContentKind = 'bilevel' | 'grey' | 'colour';

const PAPER_WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

export async function toRaw(s: Sharp, channels: 1 | 3): Promise<RawImage> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels)
    throw new Error(`expected ${channels} channels, got ${info.channels}`);
  return { data, width: info.width, height: info.height, channels };
}

export function asGrey(img: RawImage): GreyImage {
  return { data: img.data, width: img.width, height: img.height };
}

export function rawInfo(img: RawImage): { width: number; height: number; channels: 1 | 3 } {
  return { width: img.width, height: img.height, channels: img.channels };
}

/** A decoded page's grey copy, what its pixels hold, and the grey copy's histogram. */
export interface Decoded {
  grey: RawImage;
  kind: ContentKind;
  hist: Float64Array;
}

/**
 * What the decoded pixels hold, exactly, and their grey copy and its histogram, in one pass: a page is grey only if
 * every pixel has equal channels, and bilevel only if every pixel is pure black or pure white.
 * Storing such a page with fewer channels loses nothing; a colour scan of white paper keeps its
 * colour, as the archiving rules ask. Grey is Rec. 601 luma in 8-bit fixed point, which is what
 * Leptonica itself uses to read a colour page.
 */
export function greyAndKind(img: RawImage): Decoded {
  const hist = new Float64Array(256);
  if (img.channels === 1) {
    const d = img.data;
    for (let i = 0; i < d.length; i++) hist[d[i]!]!++;
    const kind = hist[0]! + hist[255]! === d.length ? 'bilevel' : 'grey';
    return { grey: img, kind, hist };
  }
  const d = img.data;
  const out = Buffer.allocUnsafe(img.width * img.height);
  let equal = true;
  let bilevel = true;
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    const r = d[i]!;
    const g = d[i + 1]!;
    const b = d[i + 2]!;
    if (equal) {
      if (r !== g || r !== b) equal = false;
      else if (r !== 0 && r !== 255) bilevel = false;
    }
    const v = (r * 77 + g * 150 + b * 29 + 128) >> 8;
    out[j] = v;
    hist[v]!++;
  }
  const grey: RawImage = { data: out, width: img.width, height: img.height, channels: 1 };
  return { grey, kind: equal ? (bilevel ? 'bilevel' : 'grey') : 'colour', hist };
}

/** The grey copy of colour pixels (same luma as `greyAndKind`). */
export function lumaOf(img: RawImage): RawImage {
  if (img.channels === 1) return img;
  const d = img.data;
  const out = Buffer.allocUnsafe(img.width * img.height);
  for (let i = 0, j = 0; j < out.length; i += 3, j++)
    out[j] = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29 + 128) >> 8;
  return { data: out, width: img.width, height: img.height, channels: 1 };
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

/** A sub-rectangle of a raw image, copied (the image itself when the box is all of it). */
export function cutRaw<T extends GreyImage & { channels?: 1 | 3 }>(img: T, box: CropBox): T {
  if (box.left === 0 && box.top === 0 && box.width === img.width && box.height === img.height)
    return img;
  const channels = img.channels ?? 1;
  const rowBytes = box.width * channels;
  const out = Buffer.allocUnsafe(rowBytes * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.top + y) * img.width + box.left) * channels;
    img.data.copy(out, y * rowBytes, from, from + rowBytes);
  }
  return { ...img, data: out, width: box.width, height: box.height };
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
 * second (libvips takes one rotation per pipeline), then cut back to the frame. The page keeps its
 * physical size, and the corners that turn in are paper, not black wedges.
 */
export async function applyGeometry(img: RawImage, g: Geometry): Promise<RawImage> {
  let out = img;
  if (g.crop || g.turn) {
    let s = sharp(out.data, { raw: rawInfo(out) });
    if (g.crop) s = s.extract(g.crop);
    if (g.turn) s = s.rotate(g.turn);
    // libvips would hand a one-band image back as sRGB: keep the image's own kind.
    out = await toRaw(out.channels === 1 ? s.toColourspace('b-w') : s, out.channels);
  }
  if (g.skewDeg) {
    const s = sharp(out.data, { raw: rawInfo(out) }).rotate(-g.skewDeg, {
      background: PAPER_WHITE,
    });
    // Filling with a background colour makes libvips add bands; keep the image's own kind.
    const rotated = await toRaw(
      out.channels === 1 ? s.toColourspace('b-w') : s.removeAlpha(),
      out.channels,
    );
    const width = Math.min(out.width, rotated.width);
    const height = Math.min(out.height, rotated.height);
    out = cutRaw(rotated, {
      left: Math.floor((rotated.width - width) / 2),
      top: Math.floor((rotated.height - height) / 2),
      width,
      height,
    });
  }
  return out;
}
