// Skew estimation by projection profiles: text lines make the row histogram of ink pixels
// sharpest (largest sum of squares) when the lines are horizontal. We search ±15° coarsely,
// then refine around the best angle. Runs on a downscaled page, in a few tens of milliseconds.
import { downscale, otsuThreshold, type GreyImage } from './grey';

export interface SkewEstimate {
  /** Clockwise skew of the content, in degrees; rotate by -angle to straighten. */
  angle: number;
  /** How much sharper the best profile is than the flattest one searched (≥ 1; ~1 means no text). */
  contrast: number;
  /** How much sharper the best profile is than the level one (≥ 1; ~1 means "already straight"). */
  gain: number;
}

const ANALYSIS_SIDE = 1600;
const MAX_INK_POINTS = 250_000;

export async function estimateSkew(page: GreyImage, maxAngle = 15): Promise<SkewEstimate> {
  const { img } = await downscale(page, ANALYSIS_SIDE);
  const points = inkPoints(img);
  if (points.xs.length < 50) return { angle: 0, contrast: 1, gain: 1 };
  const score = (deg: number) => profileScore(points, img, deg);

  let best = { angle: 0, score: -1 };
  let worst = Infinity;
  for (let a = -maxAngle; a <= maxAngle + 1e-9; a += 0.5) {
    const s = score(a);
    worst = Math.min(worst, s);
    if (s > best.score) best = { angle: a, score: s };
  }
  for (const [span, step] of [
    [0.5, 0.1],
    [0.1, 0.02],
  ] as const) {
    const centre = best.angle;
    for (let a = centre - span; a <= centre + span + 1e-9; a += step) {
      const s = score(a);
      if (s > best.score) best = { angle: a, score: s };
    }
  }
  const level = score(0);
  return {
    angle: Math.round(best.angle * 100) / 100,
    contrast: worst > 0 ? best.score / worst : 1,
    gain: level > 0 ? best.score / level : 1,
  };
}

interface InkPoints {
  xs: Float64Array;
  ys: Float64Array;
}

export function inkPoints(img: GreyImage): InkPoints {
  const threshold = Math.min(otsuThreshold(img), 160);
  let count = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i++) if (d[i]! < threshold) count++;
  // Keep every k-th ink pixel: enough for the statistics, bounded work on dense pages.
  const stride = Math.max(1, Math.ceil(count / MAX_INK_POINTS));
  const n = Math.ceil(count / stride);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let seen = 0;
  let k = 0;
  // Ignore a 2% margin: scanner edges and punch holes are not text lines.
  const mx = Math.floor(img.width * 0.02);
  const my = Math.floor(img.height * 0.02);
  for (let y = my; y < img.height - my; y++) {
    const row = y * img.width;
    for (let x = mx; x < img.width - mx; x++) {
      if (img.data[row + x]! < threshold && seen++ % stride === 0 && k < n) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k) };
}

export function profileScore(points: InkPoints, img: GreyImage, deg: number): number {
  const rad = (deg * Math.PI) / 180;
  const sin = Math.sin(rad);
  const cos = Math.cos(rad);
  const cx = img.width / 2;
  const cy = img.height / 2;
  const diag = Math.ceil(Math.hypot(img.width, img.height));
  const bins = new Float64Array(2 * diag + 1);
  const { xs, ys } = points;
  for (let i = 0; i < xs.length; i++) {
    // Row of the point once the page is rotated by -deg (content skewed clockwise by deg).
    const y = -(xs[i]! - cx) * sin + (ys[i]! - cy) * cos;
    bins[Math.round(y) + diag]!++;
  }
  let sum = 0;
  for (const b of bins) sum += b * b;
  return sum;
}
