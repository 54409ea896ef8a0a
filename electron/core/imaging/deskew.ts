// Skew estimation by projection profiles: text lines make the row histogram of ink pixels
// sharpest (largest sum of squares) when the lines are horizontal. We search ±15° coarsely on a
// sample of the ink, then refine around the best angle on more of it. Runs on the reduced
// analysis copy of the page (about 150 dpi), in a few milliseconds.
import { downscale, histogram, otsuThreshold, type GreyImage } from './grey';

export interface SkewEstimate {
  /** Clockwise skew of the content, in degrees; rotate by -angle to straighten. */
  angle: number;
  /** How much sharper the best profile is than the flattest one searched (≥ 1; ~1 means no text). */
  contrast: number;
  /** How much sharper the best profile is than the level one (≥ 1; ~1 means "already straight"). */
  gain: number;
}

/** The long side of the copy `estimateSkew` analyses: about 150 dpi for an A4 page. */
export const ANALYSIS_SIDE = 1600;
/** Enough ink pixels for a profile as sharp as with all of them, at a bounded cost per angle. */
const MAX_INK_POINTS = 60_000;
/** Points for the coarse pass: enough to find the best whole degree, a quarter of the work. */
const COARSE_POINTS = 15_000;

/** Ink pixels of a page (a sample of them), in the pixel frame of the image they came from. */
export interface InkPoints {
  xs: Int32Array;
  ys: Int32Array;
  width: number;
  height: number;
}

export async function estimateSkew(page: GreyImage, maxAngle = 15): Promise<SkewEstimate> {
  const { img } = await downscale(page, ANALYSIS_SIDE);
  return searchSkew(inkPoints(img), maxAngle);
}

/**
 * The row profile's best angle within ±maxAngle: 1° steps on a sample of the points, then 0.2° and
 * 0.04° around the best on all of them. `coarseOnly` stops after the first pass (enough to tell
 * whether lines run this way at all).
 */
export function searchSkew(points: InkPoints, maxAngle = 15, coarseOnly = false): SkewEstimate {
  if (points.xs.length < 50) return { angle: 0, contrast: 1, gain: 1 };
  const bins = new Int32Array(2 * Math.ceil(Math.hypot(points.width, points.height)) + 3);
  const coarse = sample(points, COARSE_POINTS);
  let best = { angle: 0, score: -1 };
  let worst = Infinity;
  for (let a = -maxAngle; a <= maxAngle + 1e-9; a += 1) {
    const s = profileScore(coarse, a, bins);
    worst = Math.min(worst, s);
    if (s > best.score) best = { angle: a, score: s };
  }
  const contrast = worst > 0 ? best.score / worst : 1;
  if (coarseOnly) return { angle: best.angle, contrast, gain: 1 };
  const level = profileScore(points, 0, bins);
  best.score = profileScore(points, best.angle, bins);
  for (const [span, step] of [
    [1, 0.2],
    [0.2, 0.04],
  ] as const) {
    const centre = best.angle;
    for (let a = centre - span + step; a < centre + span - 1e-9; a += step) {
      const s = profileScore(points, a, bins);
      if (s > best.score) best = { angle: a, score: s };
    }
  }
  return {
    angle: Math.round(best.angle * 100) / 100,
    contrast,
    gain: level > 0 ? best.score / level : 1,
  };
}

/** Every k-th point, at most about `max` of them. */
function sample(points: InkPoints, max: number): InkPoints {
  const k = Math.ceil(points.xs.length / max);
  if (k <= 1) return points;
  const n = Math.ceil(points.xs.length / k);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0, j = 0; j < n; i += k, j++) {
    xs[j] = points.xs[i]!;
    ys[j] = points.ys[i]!;
  }
  return { xs, ys, width: points.width, height: points.height };
}

export function inkPoints(
  img: GreyImage,
  hist = histogram(img),
  maxPoints = MAX_INK_POINTS,
): InkPoints {
  // Otsu's dark class is [0, t]: on a bilevel page t is 0, and ink is exactly the black pixels.
  const threshold = Math.min(otsuThreshold(img, hist), 160);
  let count = 0;
  for (let v = 0; v <= threshold; v++) count += hist[v]!;
  // Keep every k-th ink pixel: enough for the statistics, bounded work on dense pages. (The count
  // includes the margins, so a page may give a few points fewer than the bound.)
  const stride = Math.max(1, Math.ceil(count / maxPoints));
  const xs = new Int32Array(Math.ceil(count / stride) + 1);
  const ys = new Int32Array(xs.length);
  // Ignore a 2% margin: scanner edges and punch holes are not text lines.
  const mx = Math.floor(img.width * 0.02);
  const my = Math.floor(img.height * 0.02);
  const d = img.data;
  let seen = 0;
  let k = 0;
  for (let y = my; y < img.height - my; y++) {
    const row = y * img.width;
    for (let x = mx; x < img.width - mx; x++) {
      if (d[row + x]! <= threshold && seen++ % stride === 0) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k), width: img.width, height: img.height };
}

/** The same points as seen once the page is turned a quarter clockwise. */
export function quarterTurn(points: InkPoints): InkPoints {
  const n = points.xs.length;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = points.height - 1 - points.ys[i]!;
    ys[i] = points.xs[i]!;
  }
  return { xs, ys, width: points.height, height: points.width };
}

/**
 * Fills `bins` with the row profile of the points once the page is rotated by -deg (content
 * skewed clockwise by deg), row 0 at bins[offset]; returns that offset.
 */
export function rowProfile(points: InkPoints, deg: number, bins: Int32Array): number {
  const rad = (deg * Math.PI) / 180;
  // Fixed point (16 fractional bits): integer arithmetic keeps this loop, run some fifty times a
  // page, several times faster than floating point with rounding. The analysis copy is at most a
  // few thousand pixels a side, far from overflowing 32 bits.
  const sin = Math.round(Math.sin(rad) * 65536);
  const cos = Math.round(Math.cos(rad) * 65536);
  const cx = points.width >> 1;
  const cy = points.height >> 1;
  const offset = (bins.length - 1) >> 1;
  const shift = offset * 65536 + 32768;
  bins.fill(0);
  const { xs, ys } = points;
  for (let i = 0; i < xs.length; i++) {
    bins[(-(xs[i]! - cx) * sin + (ys[i]! - cy) * cos + shift) >> 16]!++;
  }
  return offset;
}

function profileScore(points: InkPoints, deg: number, bins: Int32Array): number {
  rowProfile(points, deg, bins);
  let sum = 0;
  for (let i = 0; i < bins.length; i++) sum += bins[i]! * bins[i]!;
  return sum;
}
