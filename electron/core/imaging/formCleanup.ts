// Cleans the OCR copy of a form before recognition: table rules, empty tick boxes and dot leaders
// ("Họ và tên: ..........") are whitened, because Tesseract reads them as letters ("[]", "LIL",
// "eeeeneee") and lets them pull neighbouring words into the wrong lines. Only the OCR copy is
// touched: the archival image keeps every mark, and word boxes still land on the same pixels.
// The page is read once, as runs of ink along its rows; rules and connected marks are found from
// the runs, so the work grows with the ink, not with the paper.
import type { GreyImage } from './grey';
import { BLANK_INK_RATIO, paperLevel, type BlankVerdict } from './pageAnalysis';

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
/** Marks bigger than this (in pixels) are never erased: only their outline is kept. */
const SMALL_MARK_PIXELS = 4000;

/** Runs of ink along rows: run i covers [x0[i], x1[i]) on row y[i]; rows in order. */
class Runs {
  y = new Int32Array(4096);
  x0 = new Int32Array(4096);
  x1 = new Int32Array(4096);
  length = 0;

  push(y: number, x0: number, x1: number): void {
    if (this.length === this.y.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.y = grow(this.y);
      this.x0 = grow(this.x0);
      this.x1 = grow(this.x1);
    }
    this.y[this.length] = y;
    this.x0[this.length] = x0;
    this.x1[this.length] = x1;
    this.length++;
  }
}

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  /** Its runs (indices into the run list), kept only for small marks, the ones that may go. */
  runs: number[] | null;
}

export function cleanFormMarks(
  img: GreyImage,
  dpi: number,
  paper = paperLevel(img),
): CleanupReport {
  return readInk(img, dpi, paper, true).cleanup!;
}

/**
 * The page's ink, read once as runs along its rows: its blank score (as detectBlank measures it),
 * and, when `clean` is set and the page is not blank, its form marks whitened in place.
 */
export function readInk(
  img: GreyImage,
  dpi: number,
  paper: number,
  clean: boolean,
): { blank: BlankVerdict; cleanup: CleanupReport | null } {
  const inkBelow = Math.max(1, paper * 0.6);
  const found = findRulesAndRuns(img, inkBelow, clean ? Math.round(RULE_MIN_IN * dpi) : Infinity);
  const blank = blankFromRuns(img, found.runs);
  if (!clean || blank.blank) return { blank, cleanup: null };
  // Marks are found on what is left once the rules are gone (whitened already), so a box drawn on
  // a rule or a dot line under a rule still stands alone.
  const runs = found.rulePixels > 0 ? splitAtPaper(img, found.runs, inkBelow) : found.runs;
  const components = connect(runs, dpi);
  let boxes = 0;
  let bars = 0;
  for (const c of components) {
    if (isTickBox(c, runs, dpi)) {
      paint(img, c, runs);
      boxes++;
    } else if (isCellWall(c, dpi)) {
      paint(img, c, runs);
      bars++;
    }
  }
  const leaderDots = markLeaders(img, components, runs, dpi);
  return { blank, cleanup: { rulePixels: found.rulePixels, boxes, bars, leaderDots } };
}

/** detectBlank's measure from the runs: ink inside a 5% margin over the area inside it. */
function blankFromRuns(img: GreyImage, runs: Runs): BlankVerdict {
  const mx = Math.floor(img.width * 0.05);
  const my = Math.floor(img.height * 0.05);
  let ink = 0;
  for (let i = 0; i < runs.length; i++) {
    const y = runs.y[i]!;
    if (y < my || y >= img.height - my) continue;
    ink += Math.max(0, Math.min(runs.x1[i]!, img.width - mx) - Math.max(runs.x0[i]!, mx));
  }
  const total = Math.max(0, img.width - 2 * mx) * Math.max(0, img.height - 2 * my);
  const inkRatio = total ? ink / total : 0;
  return { blank: inkRatio < BLANK_INK_RATIO, inkRatio };
}

/**
 * One pass over the page: its runs of ink, and the rules (runs at least `minRun` long along a row
 * or down a column), whitened in place as they are found. Columns are followed through the ink
 * pixels only.
 */
function findRulesAndRuns(
  img: GreyImage,
  inkBelow: number,
  minRun: number,
): { runs: Runs; rulePixels: number } {
  const { width, height, data } = img;
  const runs = new Runs();
  const colRun = new Int32Array(width);
  const colLast = new Int32Array(width).fill(-2);
  let rulePixels = 0;
  const endColumn = (x: number) => {
    const n = colRun[x]!;
    if (n < minRun) return;
    for (let y = colLast[x]! - n + 1; y <= colLast[x]!; y++) data[y * width + x] = 255;
    rulePixels += n;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      while (x < width && data[row + x]! >= inkBelow) x++;
      if (x >= width) break;
      const start = x;
      for (; x < width && data[row + x]! < inkBelow; x++) {
        if (colLast[x] === y - 1) colRun[x]!++;
        else {
          endColumn(x);
          colRun[x] = 1;
        }
        colLast[x] = y;
      }
      runs.push(y, start, x);
    }
  }
  for (let x = 0; x < width; x++) endColumn(x);
  // Rows last: a column rule's pixels were read before any row rule was whitened.
  for (let i = 0; i < runs.length; i++) {
    const length = runs.x1[i]! - runs.x0[i]!;
    if (length < minRun) continue;
    const row = runs.y[i]! * width;
    data.fill(255, row + runs.x0[i]!, row + runs.x1[i]!);
    rulePixels += length;
  }
  return { runs, rulePixels };
}

/** The runs again, cut where whitened pixels now interrupt them. */
function splitAtPaper(img: GreyImage, runs: Runs, inkBelow: number): Runs {
  const out = new Runs();
  const { width, data } = img;
  for (let i = 0; i < runs.length; i++) {
    const y = runs.y[i]!;
    const row = y * width;
    let x = runs.x0[i]!;
    const end = runs.x1[i]!;
    while (x < end) {
      while (x < end && data[row + x]! >= inkBelow) x++;
      if (x >= end) break;
      const start = x;
      while (x < end && data[row + x]! < inkBelow) x++;
      out.push(y, start, x);
    }
  }
  return out;
}

/**
 * 8-connected components of the runs, by union-find over runs touching on adjacent rows. Only
 * small marks of a shape that may be erased (tick boxes, cell walls, dots) become objects with
 * their runs; letters and noise are counted in typed arrays and left there.
 */
function connect(runs: Runs, dpi: number): Component[] {
  const n = runs.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let prevStart = 0;
  let prevEnd = 0;
  for (let i = 0; i < n;) {
    const y = runs.y[i]!;
    let rowEnd = i;
    while (rowEnd < n && runs.y[rowEnd] === y) rowEnd++;
    if (prevEnd > prevStart && runs.y[prevStart] === y - 1) {
      let p = prevStart;
      for (let c = i; c < rowEnd; c++) {
        // Runs touch, diagonals included, when [x0 - 1, x1] ranges overlap.
        while (p < prevEnd && runs.x1[p]! < runs.x0[c]!) p++;
        for (let q = p; q < prevEnd && runs.x0[q]! <= runs.x1[c]!; q++) {
          const a = find(c);
          const b = find(q);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    prevStart = i;
    prevEnd = rowEnd;
    i = rowEnd;
  }
  // Bounding boxes and areas, per root (a root is its component's first run).
  const x0 = new Int32Array(n);
  const x1 = new Int32Array(n);
  const y1 = new Int32Array(n);
  const area = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const root = find(r);
    parent[r] = root;
    if (root === r) {
      x0[r] = runs.x0[r]!;
      x1[r] = runs.x1[r]! - 1;
    } else {
      x0[root] = Math.min(x0[root]!, runs.x0[r]!);
      x1[root] = Math.max(x1[root]!, runs.x1[r]! - 1);
    }
    y1[root] = runs.y[r]!;
    area[root] = area[root]! + runs.x1[r]! - runs.x0[r]!;
  }
  const byRoot = new Map<number, Component>();
  for (let r = 0; r < n; r++) {
    const root = parent[r]!;
    let c = byRoot.get(root);
    if (!c) {
      if (root !== r) continue;
      const mark = { x0: x0[r]!, y0: runs.y[r]!, x1: x1[r]!, y1: y1[r]!, area: area[r]!, runs: [] };
      if (!mayErase(mark, dpi)) continue;
      byRoot.set(root, (c = mark));
    }
    c.runs!.push(r);
  }
  return [...byRoot.values()];
}

/** Small enough, and shaped like a tick box, a cell wall or a dot. */
function mayErase(c: Component, dpi: number): boolean {
  if (c.area > SMALL_MARK_PIXELS) return false;
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  const dot = DOT_MAX_IN * dpi;
  if (w <= dot && h <= dot) return true;
  if (h >= BAR_MIN_IN * dpi && h / w >= BAR_MIN_ASPECT) return true;
  const min = BOX_MIN_IN * dpi;
  const max = BOX_MAX_IN * dpi;
  return w >= min && h >= min && w <= max && h <= max;
}

/**
 * An empty tick box: square-ish, tick-box sized, and its ink runs along all four sides of its
 * bounding box. An "O" or "Q" touches its box's sides only near their middles.
 */
function isTickBox(c: Component, runs: Runs, dpi: number): boolean {
  if (!c.runs) return false;
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  const min = BOX_MIN_IN * dpi;
  const max = BOX_MAX_IN * dpi;
  if (w < min || h < min || w > max || h > max || w / h > 1.6 || h / w > 1.6) return false;
  if (c.area / (w * h) > 0.35) return false;
  const ink = new Uint8Array(w * h);
  for (const r of c.runs)
    ink.fill(
      1,
      (runs.y[r]! - c.y0) * w + runs.x0[r]! - c.x0,
      (runs.y[r]! - c.y0) * w + runs.x1[r]! - c.x0,
    );
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
    covered(w, (k, d) => d * w + k),
    covered(w, (k, d) => (h - 1 - d) * w + k),
    covered(h, (k, d) => k * w + d),
    covered(h, (k, d) => k * w + w - 1 - d),
  ];
  return sides.every((s) => s > 0.85);
}

function isCellWall(c: Component, dpi: number): boolean {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  return c.runs !== null && h >= BAR_MIN_IN * dpi && h / w >= BAR_MIN_ASPECT;
}

/** Rows of at least MIN_LEADER_DOTS tiny dots, evenly on one baseline. */
function markLeaders(img: GreyImage, components: Component[], runs: Runs, dpi: number): number {
  const maxDot = DOT_MAX_IN * dpi;
  const maxGap = DOT_GAP_MAX_IN * dpi;
  const dots = components
    .filter((c) => c.runs && c.x1 - c.x0 + 1 <= maxDot && c.y1 - c.y0 + 1 <= maxDot)
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
    for (const c of chain) paint(img, c, runs);
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

function paint(img: GreyImage, c: Component, runs: Runs): void {
  for (const r of c.runs ?? []) {
    const row = runs.y[r]! * img.width;
    img.data.fill(255, row + runs.x0[r]!, row + runs.x1[r]!);
  }
}
