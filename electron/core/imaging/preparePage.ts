// One decoded page made ready for the PDF and the OCR: dark scanner edges cut, turned upright,
// straightened, and measured for blankness. The page is decoded once; a reduced copy (about
// 150 dpi) serves every measurement; the same geometry is applied to the colour archival copy and
// the grey OCR copy, so OCR word boxes land on the archived image. A page that needs no change
// keeps its scanner's JPEG bytes: no second lossy pass.
import sharp, { type Sharp } from 'sharp';
import type { OrientationDetector } from '../ocr/orientation';
import type { OcrPage } from '../ocr/types';
import { inkPoints, quarterTurn, searchSkew, type InkPoints, type SkewEstimate } from './deskew';
import { histogram, type GreyImage } from './grey';
import { readInk } from './formCleanup';
import { darkEdgeCrop, paperLevel, type CropBox } from './pageAnalysis';
import { StepClock, type StepTimes } from './pageSteps';
import {
  applyGeometry,
  asGrey,
  cutGrey,
  greyAndKind,
  greyOf,
  rawInfo,
  reduceBox,
  toRaw,
  type ContentKind,
  type Decoded,
  type RawImage,
  type View,
} from './raster';
import { ASSUMED_DPI, type Resolution } from './resolution';
import { readTextLines, type QuarterTurn } from './textLines';

export type { ContentKind } from './raster';

// Every page is decoded once and never again: libvips' operation cache would only hold on to
// large intermediate images between pages.
sharp.cache(false);

/**
 * Below this the page is left alone: 0.3° is a rise of about 1 mm across an A4 text line, which
 * neither a reader nor Tesseract's line finder notices, while straightening costs a rotation of
 * the whole colour page and a JPEG re-encode.
 */
const MIN_DESKEW_DEG = 0.3;
/** Assumed when nothing tells the page's resolution (see resolution.ts). */
export const DEFAULT_DPI = ASSUMED_DPI;
/** A best profile barely sharper than the flattest one means no text lines to trust. */
const MIN_SKEW_CONTRAST = 1.2;
/**
 * Turning must sharpen the lines by at least 1% over leaving the page as it is: on a page with one
 * or two lines every small angle looks alike, and a guessed turn would only blur the scan.
 */
const MIN_SKEW_GAIN = 1.01;
/** The analysis copy's resolution: fine enough for skew to 0.1° and for the marks above lines. */
const ANALYSIS_DPI = 150;
const MAX_ANALYSIS_SIDE = 4000;
/**
 * Quality 85 with 4:2:0 chroma and optimised Huffman tables: no visible loss on text and stamps.
 * With the mozjpeg inside sharp the optimised coding costs about 45 ms per 200 dpi page (130 ms
 * at 300 dpi, six times the plain encode) but saves a sixth of the bytes at quality 85 and half
 * at quality 55: an archive keeps its pages for decades, the counter waits once.
 */
const ARCHIVAL_JPEG_QUALITY = 85;
const MIN_JPEG_QUALITY = 50;

export interface PrepareOptions {
  /** The page's scan resolution, as resolved (resolution.ts). */
  dpi?: number;
  /** Turns pages upright; without it pages keep the orientation they were scanned in. */
  orientation?: OrientationDetector;
  deskew?: boolean;
  cropEdges?: boolean;
  /** Whiten table rules, tick boxes and dot leaders in the OCR copy (on by default). */
  cleanForms?: boolean;
  /** The source JPEG's own quality, when it was one: a re-encode never goes finer. */
  sourceJpegQuality?: number | null;
  /** The source holds one channel: decoded as grey, never widened to colour. */
  greySource?: boolean;
}

/** How the page's upright turn was decided. */
export type OrientationMethod = 'text-lines' | 'osd' | 'off';

export interface PageAnalysis {
  /** Clockwise quarter turns applied to make the page upright. */
  rotatedDeg: QuarterTurn;
  orientationConfidence: number;
  orientationBy: OrientationMethod;
  /** Skew that was measured (degrees, clockwise) and removed when large enough. */
  skewDeg: number;
  deskewed: boolean;
  /** Pixels cut from each side of the scan as decoded (before turning). */
  crop: { left: number; top: number; right: number; bottom: number };
  blank: boolean;
  /** Share of ink pixels inside the margins: the blank score shown to the clerk. */
  inkRatio: number;
  /** What the scan holds: the archival copy keeps exactly that many colours. */
  content: ContentKind;
}

export interface PreparedPage {
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** Where `dpi` came from; set by the file reader (loadPage.ts). */
  resolution?: Resolution;
  /** What goes into the PDF, at the scanned resolution, with as many colours as the scan had. */
  archival: { format: 'jpeg' | 'png'; bytes: Buffer };
  /** What the OCR engine reads: grey PGM, same geometry as the archival copy. */
  ocr: Buffer;
  analysis: PageAnalysis;
  /** Time per image step: wall clock, and the process' CPU (meaningful one page at a time). */
  steps: { wallMs: StepTimes; cpuMs: StepTimes };
  /** Text the source itself carries (a PDF with a text layer), used instead of OCR. */
  embeddedText?: OcrPage;
}

interface Upright {
  turn: QuarterTurn;
  confidence: number;
  by: OrientationMethod;
  skew: SkewEstimate;
}

/**
 * @param open a fresh decoder of the page, already turned by its EXIF orientation.
 * @param original the file's own JPEG bytes when they can be kept as they are if nothing changes.
 */
export async function preparePage(
  open: () => Sharp,
  original: Buffer | null,
  options: PrepareOptions = {},
): Promise<PreparedPage> {
  const clock = new StepClock();
  const dpi = options.dpi ?? DEFAULT_DPI;
  const decoded = await clock.time('decode', () => decode(open, options.greySource === true));
  const { kind } = decoded;
  // The colour pixels are kept only when the page has colour: a grey page is archived grey.
  const colour = kind === 'colour' ? decoded.colour : null;

  const k = Math.max(
    1,
    Math.floor(dpi / ANALYSIS_DPI),
    Math.ceil(decoded.grey.width / MAX_ANALYSIS_SIDE),
    Math.ceil(decoded.grey.height / MAX_ANALYSIS_SIDE),
  );
  const { crop, points, small, paper } = await clock.time('analyse', () =>
    analyse(decoded, k, options.cropEdges !== false),
  );
  const upright = await findUpright(points, small, dpi / k, options, clock);

  const deskewed =
    options.deskew !== false &&
    Math.abs(upright.skew.angle) >= MIN_DESKEW_DEG &&
    upright.skew.contrast >= MIN_SKEW_CONTRAST &&
    upright.skew.gain >= MIN_SKEW_GAIN;
  const cut = crop;
  const changed = cut !== null || upright.turn !== 0 || deskewed;
  const geometry = { crop: cut, turn: upright.turn, skewDeg: deskewed ? upright.skew.angle : 0 };
  const page = await clock.time('straighten', async () => {
    if (!changed) return { colour: colour && view(colour), grey: decoded.grey };
    // Straightening smooths the colour image; its grey copy is taken from the result, not
    // straightened separately (one rotation instead of two).
    const turned = await applyGeometry(colour ?? { ...decoded.grey, channels: 1 }, geometry);
    return { colour: colour ? turned : null, grey: greyOf(turned) };
  });
  // The archival copy first: on a grey page it is made from the very pixels the cleanup below
  // then whitens in place for the OCR.
  const archival = await clock.time('encode', () =>
    !changed && original
      ? { format: 'jpeg' as const, bytes: original }
      : encodeArchival(page.colour, page.grey, kind, archivalQuality(options.sourceJpegQuality)),
  );
  // The OCR reads a copy with form rules, tick boxes and dot leaders whitened (formCleanup.ts),
  // in place in the PGM the engine is handed; the same pass over the ink measures blankness.
  const blank = await clock.time(
    'cleanup',
    () => readInk(page.grey, dpi, paper, options.cleanForms !== false).blank,
  );

  const full = decoded.grey;
  return {
    widthPx: page.grey.width,
    heightPx: page.grey.height,
    dpi,
    archival,
    ocr: page.grey.pgm,
    analysis: {
      rotatedDeg: upright.turn,
      orientationConfidence: round2(upright.confidence),
      orientationBy: upright.by,
      skewDeg: upright.skew.angle,
      deskewed,
      crop: cut
        ? {
            left: cut.left,
            top: cut.top,
            right: full.width - cut.left - cut.width,
            bottom: full.height - cut.top - cut.height,
          }
        : { left: 0, top: 0, right: 0, bottom: 0 },
      blank: blank.blank,
      inkRatio: Math.round(blank.inkRatio * 1e5) / 1e5,
      content: kind,
    },
    steps: { wallMs: clock.wallMs, cpuMs: clock.cpuMs },
  };
}

async function decode(
  open: () => Sharp,
  greySource: boolean,
): Promise<Decoded & { colour: RawImage | null }> {
  if (greySource) {
    const grey = await toRaw(open().toColourspace('b-w'), 1);
    return { colour: null, ...greyAndKind(grey) };
  }
  const colour = await toRaw(open().toColourspace('srgb').removeAlpha(), 3);
  return { colour, ...greyAndKind(colour) };
}

/**
 * The measurements, on a copy reduced k×k (about 150 dpi): dark scanner edges (in the decoded
 * frame), then the ink inside them, and the paper's grey level. At k = 1 the decode pass' own
 * histogram serves, and no pass over the page is repeated.
 */
function analyse(decoded: Decoded, k: number, cropEdges: boolean) {
  const reduced = reduceBox(asGrey(decoded.grey), k);
  const hist = k === 1 ? decoded.hist : histogram(reduced);
  const box = cropEdges ? darkEdgeCrop(reduced, paperLevel(reduced, hist)) : null;
  const whole = !box || (box.width === reduced.width && box.height === reduced.height);
  const inside = whole ? reduced : cutGrey(reduced, box);
  const insideHist = whole ? hist : histogram(inside);
  return {
    crop: box && !whole ? scaleBox(box, k, decoded.grey) : null,
    points: inkPoints(inside, insideHist),
    small: inside,
    paper: paperLevel(inside, insideHist),
  };
}

/**
 * The page's upright turn and its skew in the turned frame: from its text lines when they are
 * clear (most pages), from Tesseract's OSD only when they leave doubt.
 */
async function findUpright(
  points: InkPoints,
  small: GreyImage,
  smallDpi: number,
  options: PrepareOptions,
  clock: StepClock,
): Promise<Upright> {
  const detector = options.orientation;
  if (!detector) {
    const skew = await clock.time('analyse', () => searchSkew(points));
    return { turn: 0, confidence: 0, by: 'off', skew };
  }
  const lines = await clock.time('analyse', () => readTextLines(points));
  // Its confidence is how lopsided the marks are, whichever way (≥ 1.35 when decided).
  const confidence = Math.min(99, Math.max(lines.marksRatio, 1 / Math.max(lines.marksRatio, 1e-6)));
  if (lines.turn !== null)
    return { turn: lines.turn, confidence, by: 'text-lines', skew: lines.skew };
  const found = await clock.time('osd', async () => {
    // A PNG, not a PGM: Tesseract's OSD path reads the resolution from the image file only.
    const png = await sharp(small.data, {
      raw: { width: small.width, height: small.height, channels: 1 },
    })
      .png({ compressionLevel: 1 })
      .withMetadata({ density: Math.round(smallDpi) })
      .toBuffer();
    return detector.detect(png, Math.round(smallDpi));
  });
  const skew = await clock.time('analyse', () => {
    let turned = points;
    for (let q = 0; q < found.degrees / 90; q++) turned = quarterTurn(turned);
    return found.degrees === 0 ? lines.skew : searchSkew(turned);
  });
  return { turn: found.degrees, confidence: found.confidence, by: 'osd', skew };
}

function scaleBox(box: CropBox, k: number, full: { width: number; height: number }): CropBox {
  const left = box.left * k;
  const top = box.top * k;
  const right =
    box.left + box.width >= Math.floor(full.width / k) ? full.width : (box.left + box.width) * k;
  const bottom =
    box.top + box.height >= Math.floor(full.height / k) ? full.height : (box.top + box.height) * k;
  return { left, top, width: right - left, height: bottom - top };
}

/** The scanner's quality, between a floor that keeps small print legible and our default. */
function archivalQuality(source: number | null | undefined): number {
  if (!source) return ARCHIVAL_JPEG_QUALITY;
  return Math.max(MIN_JPEG_QUALITY, Math.min(ARCHIVAL_JPEG_QUALITY, source));
}

/**
 * Colour and grey scans become JPEG (grey ones with one channel); a bilevel scan stays bilevel, a
 * 1-bit PNG a tenth the size of a JPEG and without its ringing around letters. Straightening
 * smooths a bilevel page's edges into grey, so it is thresholded back first.
 */
async function encodeArchival(
  colour: View | null,
  grey: GreyImage,
  kind: ContentKind,
  quality: number,
): Promise<PreparedPage['archival']> {
  if (kind === 'bilevel') {
    const bw = Buffer.allocUnsafe(grey.data.length);
    for (let i = 0; i < bw.length; i++) bw[i] = grey.data[i]! < 128 ? 0 : 255;
    const bytes = await sharp(bw, { raw: { width: grey.width, height: grey.height, channels: 1 } })
      .png({ palette: true, colours: 2, dither: 0, compressionLevel: 9 })
      .toBuffer();
    return { format: 'png', bytes };
  }
  const pixels = colour
    ? sharp(colour.img.data, { raw: rawInfo(colour.img) }).extract(colour.box)
    : sharp(grey.data, {
        raw: { width: grey.width, height: grey.height, channels: 1 },
      }).toColourspace('b-w');
  const bytes = await pixels.jpeg({ quality, optimiseCoding: true }).toBuffer();
  return { format: 'jpeg', bytes };
}

function view(img: RawImage): View {
  return { img, box: { left: 0, top: 0, width: img.width, height: img.height } };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
