// Cleans the OCR copy of a form before recognition: table rules, empty tick boxes and dot leaders
// ("Họ và tên: ..........") are whitened, because Tesseract reads them as letters ("[]", "LIL",
// "eeeeneee") and lets them pull neighbouring words into the wrong lines. Only the OCR copy is
// touched: the archival image keeps every mark, and word boxes still land on the same pixels.
import type { GreyImage } from './grey';
import { paperLevel } from './pageAnalysis';

export interface CleanupReport {
  rulePixels: number;
  boxes: number;
  /** Short cell walls left once a table's rules are gone (digit boxes). */
  bars: number;
  leaderDots: number;
}

/** Sizes in inches, turned into pixels with the page's dpi. */
const RULE_MIN_IN = 0.3; // longer than any letter's straight stroke, even 16 pt bold
const BOX_MIN_IN = 0.07;
const BOX_MAX_IN = 0.45;
const BAR_MIN_IN = 0.18; // taller than a 14 pt "l" or a 16 pt bold "I"
const BAR_MIN_ASPECT = 6;
const DOT_MAX_IN = 0.03; // a 12 pt full stop is ~0.02 in
const DOT_GAP_MAX_IN = 0.08;
/** Dots in a row before it counts as a leader: an ellipsis "..." has three. */
const MIN_LEADER_DOTS = 4;

export function cleanFormMarks(img: GreyImage, dpi: number): CleanupReport {
  const { width, height, data } = img;
  const inkBelow = Math.max(1, paperLevel(img) * 0.6);
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i]! < inkBelow ? 1 : 0;
  const erase = new Uint8Array(width * height);

  const rulePixels = markRules(ink, erase, width, height, Math.round(RULE_MIN_IN * dpi));
  // Components are found on what is left once the rules are gone, so a box drawn on a rule or a
  // dot line under a rule still stands alone.
  for (let i = 0; i < ink.length; i++) if (erase[i]) ink[i] = 0;
  const components = findComponents(ink, width, height);

  let boxes = 0;
  let bars = 0;
  for (const c of components) {
    if (isTickBox(c, ink, width, dpi)) {
      paint(c, erase, ink);
      boxes++;
    } else if (isCellWall(c, dpi)) {
      paint(c, erase, ink);
      bars++;
    }
  }
  const leaderDots = markLeaders(components, erase, ink, dpi);

  for (let i = 0; i < erase.length; i++) if (erase[i]) data[i] = 255;
  return { rulePixels, boxes, bars, leaderDots };
}

function markRules(
  ink: Uint8Array,
  erase: Uint8Array,
  width: number,
  height: number,
  minRun: number,
): number {
  let marked = 0;
  // Plain loops, rows then columns: this runs over every pixel of a 300 dpi page twice.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && ink[row + x] === 1;
      if (on) {
        if (start < 0) start = x;
      } else if (start >= 0) {
        if (x - start >= minRun) {
          erase.fill(1, row + start, row + x);
          marked += x - start;
        }
        start = -1;
      }
    }
  }
  const runStart = new Int32Array(width).fill(-1);
  for (let y = 0; y <= height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const on = y < height && ink[row + x] === 1;
      const start = runStart[x]!;
      if (on) {
        if (start < 0) runStart[x] = y;
      } else if (start >= 0) {
        if (y - start >= minRun) {
          for (let k = start; k < y; k++) erase[k * width + x] = 1;
          marked += y - start;
        }
        runStart[x] = -1;
      }
    }
  }
  return marked;
}

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  /** Pixel indices, kept only for small components (the ones that may be erased). */
  pixels: Int32Array | null;
}

const KEEP_PIXELS_UP_TO = 4000;

/** 8-connected components by flood fill with an explicit stack. */
function findComponents(ink: Uint8Array, width: number, height: number): Component[] {
  const seen = new Uint8Array(ink.length);
  const stack = new Int32Array(ink.length);
  const out: Component[] = [];
  const buffer = new Int32Array(KEEP_PIXELS_UP_TO);
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const c: Component = { x0: width, y0: height, x1: -1, y1: -1, area: 0, pixels: null };
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      if (c.area < KEEP_PIXELS_UP_TO) buffer[c.area] = p;
      c.area++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    if (c.area <= KEEP_PIXELS_UP_TO) c.pixels = buffer.slice(0, c.area);
    out.push(c);
  }
  return out;
}

/**
 * An empty tick box: square-ish, tick-box sized, and its ink runs along all four sides of its
 * bounding box. An "O" or "Q" touches its box's sides only near their middles.
 */
function isTickBox(c: Component, ink: Uint8Array, width: number, dpi: number): boolean {
  if (!c.pixels) return false;
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  const min = BOX_MIN_IN * dpi;
  const max = BOX_MAX_IN * dpi;
  if (w < min || h < min || w > max || h > max || w / h > 1.6 || h / w > 1.6) return false;
  if (c.area / (w * h) > 0.35) return false;
  const band = Math.max(2, Math.round(Math.min(w, h) * 0.1));
  const covered = (along: number, at: (k: number, d: number) => number) => {
    let hits = 0;
    for (let k = 0; k < along; k++) {
      for (let d = 0; d < band; d++) {
        if (ink[at(k, d)]) {
          hits++;
          break;
        }
      }
    }
    return hits / along;
  };
  const sides = [
    covered(w, (k, d) => (c.y0 + d) * width + c.x0 + k),
    covered(w, (k, d) => (c.y1 - d) * width + c.x0 + k),
    covered(h, (k, d) => (c.y0 + k) * width + c.x0 + d),
    covered(h, (k, d) => (c.y0 + k) * width + c.x1 - d),
  ];
  return sides.every((s) => s > 0.85);
}

function isCellWall(c: Component, dpi: number): boolean {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  return c.pixels !== null && h >= BAR_MIN_IN * dpi && h / w >= BAR_MIN_ASPECT;
}

/** Rows of at least MIN_LEADER_DOTS tiny dots, evenly on one baseline. */
function markLeaders(
  components: Component[],
  erase: Uint8Array,
  ink: Uint8Array,
  dpi: number,
): number {
  const maxDot = DOT_MAX_IN * dpi;
  const maxGap = DOT_GAP_MAX_IN * dpi;
  const dots = components
    .filter((c) => c.pixels && c.x1 - c.x0 + 1 <= maxDot && c.y1 - c.y0 + 1 <= maxDot)
    .sort((a, b) => a.x0 - b.x0);
  const next = new Map<Component, Component>();
  const hasPrev = new Set<Component>();
  // Each dot links to the nearest dot to its right on the same baseline.
  for (let i = 0; i < dots.length; i++) {
    const a = dots[i]!;
    for (let j = i + 1; j < dots.length; j++) {
      const b = dots[j]!;
      if (b.x0 - a.x1 > maxGap) break;
      if (Math.abs(b.y1 - a.y1) <= maxDot / 2 && !hasPrev.has(b)) {
        next.set(a, b);
        hasPrev.add(b);
        break;
      }
    }
  }
  let marked = 0;
  for (const first of dots) {
    if (hasPrev.has(first)) continue;
    let chain = [first];
    for (let c = next.get(first); c; c = next.get(c)) chain.push(c);
    chain = evenPart(chain);
    if (chain.length < MIN_LEADER_DOTS) continue;
    for (const c of chain) paint(c, erase, ink);
    marked += chain.length;
  }
  return marked;
}

/**
 * Leader dots are evenly spaced; a colon's lower dot or a full stop just before the leader is
 * not, and stays. Trims dots from both ends while their gap is far from the typical one.
 */
function evenPart(chain: Component[]): Component[] {
  if (chain.length < MIN_LEADER_DOTS) return chain;
  const gaps = chain.slice(1).map((c, i) => c.x0 - chain[i]!.x0);
  const typical = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  const uneven = (g: number) => g > typical * 1.5 + 1;
  let from = 0;
  let to = chain.length;
  while (from < to - 1 && uneven(gaps[from]!)) from++;
  while (to - 1 > from && uneven(gaps[to - 2]!)) to--;
  return chain.slice(from, to);
}

function paint(c: Component, erase: Uint8Array, ink: Uint8Array): void {
  for (const p of c.pixels ?? []) {
    erase[p] = 1;
    ink[p] = 0;
  }
}
