// A page's scan resolution, which sizes its PDF page and tells the OCR how big the letters are.
// Many files carry none that can be trusted: a JPEG whose JFIF density has units "none" (an aspect
// ratio only, what ImageMagick and many phone and scanner apps write), a PNG without pHYs, a TIFF
// without resolution tags, or a 300-dpi scan tagged 72 dpi by the program that saved it. Read as
// 72 dpi such a page becomes a sheet 23 inches wide and the OCR sees letters four times their
// size. Instead the resolution is inferred from the pixel size against the usual paper sizes at
// the usual scan resolutions, and the page report says so.

export type ResolutionSource =
  /** The file's own resolution, plausible for a document. */
  | 'file'
  /** The file's was missing or implausible; the pixel size matched a paper size at a usual dpi. */
  | 'paper-size'
  /** Missing or implausible, and no paper size matched: the usual scan resolution is assumed. */
  | 'assumed';

export interface Resolution {
  dpi: number;
  source: ResolutionSource;
  /** What the file said, when it said something (72 is also what decoders report for none). */
  fileDpi?: number;
  /** The paper size the pixels matched ('A4', 'A4 landscape', …) when `source` is 'paper-size'. */
  paper?: string;
}

/** The usual scan resolution, assumed when nothing else tells. */
export const ASSUMED_DPI = 300;

const PAPERS: readonly { name: string; mm: readonly [number, number] }[] = [
  { name: 'A4', mm: [210, 297] },
  { name: 'A5', mm: [148, 210] },
  { name: 'Letter', mm: [215.9, 279.4] },
  { name: 'Legal', mm: [215.9, 355.6] },
];
const SCAN_DPIS = [150, 200, 240, 300, 400, 600] as const;
/**
 * How far a scan may be from the paper's exact pixel size: scanners and their apps trim or pad a
 * few millimetres (a 2 mm margin on A4 is 1%), and a sheet is rarely exactly placed.
 */
const PAPER_TOLERANCE = 0.04;
/** Larger than A3 is no document scanned at a counter; smaller than a visiting card neither. */
const MAX_SIDE_IN = 17.5;
const MIN_SIDE_IN = 1.5;
const MIN_DPI = 50;
const MAX_DPI = 2400;

/**
 * The resolution to read and size a page by. `fileDpi` is what the decoder reported (undefined
 * when the file carries none). Decoders report 72 for a JPEG or PNG that carries no resolution or
 * an aspect ratio only, and many programs write 72 by default: a claim of 72 is trusted only when
 * the pixels make a usual paper size at 72 dpi (a page saved from a screen).
 */
export function resolvePageDpi(
  widthPx: number,
  heightPx: number,
  fileDpi: number | undefined,
): Resolution {
  const said = fileDpi && Number.isFinite(fileDpi) ? Math.round(fileDpi) : undefined;
  const claim = said !== undefined ? { fileDpi: said } : {};
  const trusted =
    said !== undefined &&
    plausible(widthPx, heightPx, said) &&
    (said !== 72 || matchPaper(widthPx, heightPx, [72]) !== null);
  if (trusted) return { dpi: said, source: 'file', ...claim };
  const paper = matchPaper(widthPx, heightPx, SCAN_DPIS);
  if (paper) return { dpi: paper.dpi, source: 'paper-size', paper: paper.name, ...claim };
  return { dpi: ASSUMED_DPI, source: 'assumed', ...claim };
}

function plausible(widthPx: number, heightPx: number, dpi: number): boolean {
  if (dpi < MIN_DPI || dpi > MAX_DPI) return false;
  const long = Math.max(widthPx, heightPx) / dpi;
  const short = Math.min(widthPx, heightPx) / dpi;
  return long <= MAX_SIDE_IN && short >= MIN_SIDE_IN;
}

/** The paper size and resolution the pixel size is closest to, within the tolerance. */
function matchPaper(
  widthPx: number,
  heightPx: number,
  dpis: readonly number[],
): { name: string; dpi: number } | null {
  const long = Math.max(widthPx, heightPx);
  const short = Math.min(widthPx, heightPx);
  let best: { name: string; dpi: number; error: number } | null = null;
  for (const paper of PAPERS) {
    const [shortMm, longMm] = paper.mm;
    for (const dpi of dpis) {
      const error = Math.max(
        Math.abs(short / ((shortMm / 25.4) * dpi) - 1),
        Math.abs(long / ((longMm / 25.4) * dpi) - 1),
      );
      if (error <= PAPER_TOLERANCE && (!best || error < best.error)) {
        const name = widthPx > heightPx ? `${paper.name} landscape` : paper.name;
        best = { name, dpi, error };
      }
    }
  }
  return best && { name: best.name, dpi: best.dpi };
}
