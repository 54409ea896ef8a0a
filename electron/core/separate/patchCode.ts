// Kodak patch codes: four parallel bars, each narrow (0.08 in) or wide (0.20 in), with narrow
// (0.08 in) gaps, the bars at least 2 in long (2.5 in recommended), a quiet zone around. The
// code is which bars are wide, read across the bars: Patch 1 = 1100, 2 = 1001, 3 = 1010,
// 4 = 0110, 6 = 0011, T = 0101. There is no checksum, so the detector insists on the geometry:
// the same pattern at the same place on many rows, over a good length of bar.
//
// No JavaScript library decodes patch codes (ZXing does not), so this is written here: run
// lengths along sampled rows of the page, matched against the bar pattern.
import type { PatchCode } from '../../../shared/contracts/intake';
import type { GreyImage } from '../imaging/grey';
import { paperLevel } from '../imaging/pageAnalysis';

const INCH_MM = 25.4;
export const PATCH_NARROW_MM = 0.08 * INCH_MM;
export const PATCH_WIDE_MM = 0.2 * INCH_MM;
export const PATCH_LENGTH_MM = 2.5 * INCH_MM;

export const PATCH_PATTERNS: Record<PatchCode, [boolean, boolean, boolean, boolean]> = {
  '1': [true, true, false, false],
  '2': [true, false, false, true],
  '3': [true, false, true, false],
  '4': [false, true, true, false],
  '6': [false, false, true, true],
  T: [false, true, false, true],
};

const BY_BITS = new Map<string, PatchCode>(
  Object.entries(PATCH_PATTERNS).map(([code, bits]) => [
    bits.map((b) => (b ? '1' : '0')).join(''),
    code as PatchCode,
  ]),
);

/** Bar elements (left to right: bar, gap, bar, gap, bar, gap, bar) in millimetres. */
export function patchElementsMm(code: PatchCode): number[] {
  const out: number[] = [];
  PATCH_PATTERNS[code].forEach((wide, k) => {
    if (k > 0) out.push(PATCH_NARROW_MM);
    out.push(wide ? PATCH_WIDE_MM : PATCH_NARROW_MM);
  });
  return out;
}

export interface PatchFound {
  code: PatchCode;
  /** Where the bars were seen, in image pixels. */
  box: { left: number; top: number; width: number; height: number };
  /** Rows (of the sampled ones) that read this code. */
  rows: number;
}

/** Sampling pitch along the bars; the shortest run of agreeing rows that counts as a patch. */
const ROW_PITCH_MM = 1;
const MIN_RUN_MM = 20;
/** Runs shorter than this are noise or a speck, merged into their neighbours. */
const SPECK_MM = 0.35;
/**
 * Accepted sizes, relative to the narrow unit. The spec allows ±0.01 in (±12% narrow, ±5% wide);
 * printers spread ink and photocopies grow bars, so the bands are wider, but they never overlap.
 */
const NARROW_BAND = [0.55, 1.6] as const;
const WIDE_BAND = [1.75, 3.6] as const;

/**
 * Finds a patch code with vertical bars (read left to right) on an upright page. `dpi` is the
 * scan's resolution: the bars' absolute size is checked, not only their ratios.
 */
export function detectPatchCode(img: GreyImage, dpi: number): PatchFound | null {
  const pxPerMm = dpi / INCH_MM;
  const unit = PATCH_NARROW_MM * pxPerMm;
  const speck = Math.max(1, Math.round(SPECK_MM * pxPerMm));
  const inkBelow = paperLevel(img) * 0.6;
  const pitch = Math.max(1, Math.round(ROW_PITCH_MM * pxPerMm));
  const minRows = Math.ceil(MIN_RUN_MM / ROW_PITCH_MM);

  interface Track {
    code: PatchCode;
    left: number;
    right: number;
    top: number;
    bottom: number;
    rows: number;
    lastRow: number;
  }
  const tracks: Track[] = [];
  let best: Track | null = null;
  for (let y = 0; y < img.height; y += pitch) {
    for (const hit of readRow(img, y, inkBelow, unit, speck)) {
      // Continue a track of the same code at about the same place (skew drifts it slowly).
      const track = tracks.find(
        (t) =>
          t.code === hit.code &&
          t.lastRow >= y - 3 * pitch &&
          Math.abs(t.left - hit.left) < 2 * unit,
      );
      if (track) {
        track.left = hit.left;
        track.right = Math.max(track.right, hit.right);
        track.bottom = y;
        track.rows++;
        track.lastRow = y;
        if (track.rows >= minRows && (!best || track.rows > best.rows)) best = track;
      } else tracks.push({ ...hit, top: y, bottom: y, rows: 1, lastRow: y });
    }
  }
  if (!best) return null;
  return {
    code: best.code,
    box: {
      left: best.left,
      top: best.top,
      width: best.right - best.left,
      height: best.bottom - best.top + 1,
    },
    rows: best.rows,
  };
}

/**
 * The code as it reads on the sheet turned right way up. Separator sheets carry their patch near
 * the leading (top) edge; one found in the lower half was fed upside down, which reverses the bar
 * order (Patch 3 would read as Patch T). Patch 2 and 4 read the same both ways.
 */
export function uprightCode(found: PatchFound, pageHeight: number): PatchCode {
  const centre = found.box.top + found.box.height / 2;
  if (centre <= pageHeight / 2) return found.code;
  const reversed = [...PATCH_PATTERNS[found.code]].reverse().map((b) => (b ? '1' : '0'));
  return BY_BITS.get(reversed.join('')) ?? found.code;
}

interface RowHit {
  code: PatchCode;
  left: number;
  right: number;
}

function readRow(
  img: GreyImage,
  y: number,
  inkBelow: number,
  unit: number,
  speck: number,
): RowHit[] {
  // Runs of ink / paper along the row, specks merged away.
  const runs: { dark: boolean; start: number; len: number }[] = [];
  const row = y * img.width;
  for (let x = 0; x < img.width; x++) {
    const dark = img.data[row + x]! < inkBelow;
    const last = runs.at(-1);
    if (last && last.dark === dark) last.len++;
    else runs.push({ dark, start: x, len: 1 });
  }
  // A speck joins the run before it; runs of one colour that then touch become one.
  const merged: typeof runs = [];
  for (const r of runs) {
    const last = merged.at(-1);
    if (last && (r.len < speck || last.dark === r.dark)) last.len += r.len;
    else merged.push({ ...r });
  }
  const hits: RowHit[] = [];
  const quiet = 1.5 * unit;
  for (let k = 1; k + 7 < merged.length; k++) {
    const seq = merged.slice(k, k + 7);
    if (!seq[0]!.dark) continue;
    const before = merged[k - 1]!;
    const after = merged[k + 7]!;
    if (before.dark || after.dark || before.len < quiet || after.len < quiet) continue;
    const bits: string[] = [];
    let ok = true;
    for (let e = 0; e < 7 && ok; e++) {
      const r = seq[e]!.len / unit;
      const narrow = r >= NARROW_BAND[0] && r <= NARROW_BAND[1];
      const wide = r >= WIDE_BAND[0] && r <= WIDE_BAND[1];
      if (e % 2 === 1) ok = narrow;
      else if (narrow) bits.push('0');
      else if (wide) bits.push('1');
      else ok = false;
    }
    const code = ok ? BY_BITS.get(bits.join('')) : undefined;
    if (code) {
      const last = seq[6]!;
      hits.push({ code, left: seq[0]!.start, right: last.start + last.len });
    }
  }
  return hits;
}
