// Cheap whole-page measurements on the grey copy: the paper's level, how much ink there is
// (blank-page detection that FLAGS with a score, never drops), and dark scanner edges to crop.
import { histogram, type GreyImage } from './grey';

export interface BlankVerdict {
  blank: boolean;
  /** Share of ink pixels inside the margins, 0–1; a typed page is ~0.03–0.15. */
  inkRatio: number;
}

/**
 * Below this share of ink a page is flagged blank. A4 at 200 dpi has ~2.5 Mpx inside the margins:
 * one short line ("Trang 2" at 12 pt) is ~0.0003, a dust speck ~0.00001. Missing a
 * blank page costs a glance; flagging a signed page as blank would cost a page.
 */
export const BLANK_INK_RATIO = 0.00012;

/** The paper's grey level; `hist` is the image's histogram when already counted. */
export function paperLevel(img: GreyImage, hist = histogram(img)): number {
  // The 80th percentile is paper on any page that is not mostly ink.
  let acc = 0;
  const target = img.data.length * 0.8;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= target) return v;
  }
  return 255;
}

/** `margin` skips the edges (scanner shadows); text starts ~20 mm in, so 5% keeps it. */
export function detectBlank(img: GreyImage, margin = 0.05, paper = paperLevel(img)): BlankVerdict {
  const inkBelow = paper * 0.6;
  const x0 = Math.floor(img.width * margin);
  const y0 = Math.floor(img.height * margin);
  let ink = 0;
  let total = 0;
  for (let y = y0; y < img.height - y0; y++) {
    const row = y * img.width;
    for (let x = x0; x < img.width - x0; x++) {
      total++;
      if (img.data[row + x]! < inkBelow) ink++;
    }
  }
  const inkRatio = total ? ink / total : 0;
  return { blank: inkRatio < BLANK_INK_RATIO, inkRatio };
}

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Dark bands along the edges (the scanner lid, a page narrower than the glass): rows and
 * columns from each edge whose mean is far darker than the paper are cut, up to 15% per side.
 */
export function darkEdgeCrop(img: GreyImage, paper = paperLevel(img)): CropBox {
  const dark = paper * 0.5;
  const rowMean = (y: number) => {
    let s = 0;
    for (let x = 0; x < img.width; x++) s += img.data[y * img.width + x]!;
    return s / img.width;
  };
  const colMean = (x: number) => {
    let s = 0;
    for (let y = 0; y < img.height; y++) s += img.data[y * img.width + x]!;
    return s / img.height;
  };
  const maxX = Math.floor(img.width * 0.15);
  const maxY = Math.floor(img.height * 0.15);
  let top = 0;
  while (top < maxY && rowMean(top) < dark) top++;
  let bottom = 0;
  while (bottom < maxY && rowMean(img.height - 1 - bottom) < dark) bottom++;
  let left = 0;
  while (left < maxX && colMean(left) < dark) left++;
  let right = 0;
  while (right < maxX && colMean(img.width - 1 - right) < dark) right++;
  return { left, top, width: img.width - left - right, height: img.height - top - bottom };
}
