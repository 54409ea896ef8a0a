// Which way a page's text runs, told from its ink alone, so that Tesseract's orientation model
// (OSD, a third of a second a page) runs only on the pages this leaves in doubt.
// - Line direction: text lines make the row profile sharp and barely change the column profile;
//   on a page fed sideways it is the other way round. Each axis' "contrast" (its best angle
//   against its flattest one within ±15°) tells which axis the lines follow; lines across a
//   portrait image are left to OSD (a page fed sideways comes out landscape).
// - Up or down: in Latin script, and Vietnamese even more with its tone marks, far more ink sits
//   above a line's x-height band (capitals, ascenders, marks) than below it (descenders, the dot
//   below). Upside down, the two swap.
import { quarterTurn, rowProfile, searchSkew, type InkPoints, type SkewEstimate } from './deskew';

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface TextLinesVerdict {
  /** Clockwise turn that makes the page upright, when the signals agree; null: in doubt. */
  turn: QuarterTurn | null;
  /** Skew of the lines once turned (degrees clockwise), as `searchSkew` reports it. */
  skew: SkewEstimate;
  /** Ink above over ink below the lines' x-height band (>1 upright, <1 upside down). */
  marksRatio: number;
  /** Text lines the up/down test counted. */
  lines: number;
}

/** Lines follow the axis whose contrast is this much higher than the other's. */
const DIRECTION_MARGIN = 1.25;
/** Upright when the ink above the x-height band outweighs the ink below by this much. */
const UPRIGHT_RATIO = 1.35;
/** Fewer lines than this are judged on a clearer lean of their marks, never by OSD. */
const MIN_LINES = 3;
const FEW_LINES_RATIO = 2;
/** Below this many ink points there is too little text for any test, OSD's included. */
export const MIN_TEXT_POINTS = 400;

/**
 * The page's upright turn from its ink points (taken from the page as decoded), with the skew of
 * its lines in the turned frame; `turn` is null when the signals leave doubt.
 */
export function readTextLines(points: InkPoints): TextLinesVerdict {
  const across = searchSkew(points);
  const none = { skew: across, marksRatio: 1, lines: 0 };
  if (points.xs.length < MIN_TEXT_POINTS) return { turn: 0, ...none };
  const turned = quarterTurn(points);
  const down = searchSkew(turned, 15, true);
  let base: 0 | 90;
  let frame: InkPoints;
  let skew: SkewEstimate;
  if (across.contrast >= down.contrast * DIRECTION_MARGIN) {
    base = 0;
    frame = points;
    skew = across;
  } else if (down.contrast >= across.contrast * DIRECTION_MARGIN) {
    // A sheet fed sideways comes out landscape. Upright, it is a landscape document scanned as
    // such, or no text at all: the four bars of a patch-code separator sheet make a sharp column
    // profile too. Only OSD may turn such a page.
    if (points.width <= points.height) return { turn: null, ...none };
    base = 90;
    frame = turned;
    skew = searchSkew(turned);
  } else return { turn: null, ...none };
  const marks = marksAboveAndBelow(frame, skew.angle);
  const ratio = marks.below > 0 ? marks.above / marks.below : marks.above > 0 ? Infinity : 1;
  const verdict = { skew, marksRatio: Math.round(ratio * 100) / 100, lines: marks.lines };
  // One or two lines ("Trang 2") are too few characters for OSD as well: only a clear lean of
  // their marks turns the page, else it stays as scanned.
  const few = marks.lines < MIN_LINES;
  const needed = few ? FEW_LINES_RATIO : UPRIGHT_RATIO;
  if (ratio >= needed) return { turn: base, ...verdict };
  if (ratio <= 1 / needed) {
    // Upside down in this frame: half a turn more. The skew keeps its value: a page turned half
    // a turn is skewed the same way.
    return { turn: ((base + 180) % 360) as QuarterTurn, ...verdict };
  }
  return { turn: few && base === 0 ? 0 : null, ...verdict };
}

/**
 * Splits the straightened row profile into text lines and, per line, weighs the ink above its
 * x-height band (the rows at least half as dark as its darkest) against the ink below it.
 */
export function marksAboveAndBelow(
  points: InkPoints,
  angle: number,
): { above: number; below: number; lines: number } {
  const bins = new Int32Array(2 * Math.ceil(Math.hypot(points.width, points.height)) + 3);
  rowProfile(points, angle, bins);
  let peak = 0;
  for (let i = 0; i < bins.length; i++) peak = Math.max(peak, bins[i]!);
  // A row belongs to a line when it holds a few percent of the darkest row's ink; short gaps
  // (between a capital and its mark) do not end the line.
  const onLine = Math.max(1, peak * 0.04);
  let above = 0;
  let below = 0;
  let lines = 0;
  let i = 0;
  while (i < bins.length) {
    if (bins[i]! < onLine) {
      i++;
      continue;
    }
    let end = i;
    let gap = 0;
    for (let j = i; j < bins.length; j++) {
      if (bins[j]! >= onLine) {
        end = j;
        gap = 0;
      } else if (++gap > 2) break;
    }
    const line = lineMarks(bins, i, end);
    if (line) {
      above += line.above;
      below += line.below;
      lines++;
    }
    i = end + 1;
  }
  return { above, below, lines };
}

function lineMarks(
  bins: Int32Array,
  start: number,
  end: number,
): { above: number; below: number } | null {
  const height = end - start + 1;
  // A rule or a speck is not a line of text, and a block of merged lines tells nothing.
  if (height < 4 || height > 120) return null;
  let top = 0;
  for (let k = start; k <= end; k++) top = Math.max(top, bins[k]!);
  let coreStart = start;
  while (bins[coreStart]! < top * 0.5) coreStart++;
  let coreEnd = end;
  while (bins[coreEnd]! < top * 0.5) coreEnd--;
  let above = 0;
  let below = 0;
  for (let k = start; k < coreStart; k++) above += bins[k]!;
  for (let k = coreEnd + 1; k <= end; k++) below += bins[k]!;
  return { above, below };
}
