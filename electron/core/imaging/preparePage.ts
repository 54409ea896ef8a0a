// One decoded page made ready for the PDF and the OCR: turned upright (OSD), straightened
// (deskew), dark scanner edges cut, and measured for blankness. The same geometry is applied to
// the colour archival copy and to the grey OCR copy, so OCR word boxes land on the archived image.
import sharp, { type Sharp } from 'sharp';
import type { OrientationDetector } from '../ocr/orientation';
import type { OcrPage } from '../ocr/types';
import { estimateSkew } from './deskew';
import { downscale, toPgm, type GreyImage } from './grey';
import { cleanFormMarks } from './formCleanup';
import { darkEdgeCrop, detectBlank, type CropBox } from './pageAnalysis';

// Every page is decoded once and never again: libvips' operation cache would only hold on to
// large intermediate images between pages.
sharp.cache(false);

/** Below this the page is left alone: straightening costs a JPEG re-encode for nothing. */
const MIN_DESKEW_DEG = 0.1;
/** Assumed when the file carries no resolution (most scanners write it). */
export const DEFAULT_DPI = 200;
/** A best profile barely sharper than the flattest one means no text lines to trust. */
const MIN_SKEW_CONTRAST = 1.2;
/**
 * Turning must sharpen the lines by at least 1% over leaving the page as it is: on a page with one
 * or two lines every small angle looks alike, and a guessed turn would only blur the scan.
 */
const MIN_SKEW_GAIN = 1.01;
/** OSD reads a page of this size in ~0.3 s and is as sure as at full size. */
const OSD_SIDE = 2000;
/**
 * Quality 85 with 4:2:0 chroma and optimised Huffman tables: no visible loss on text and stamps.
 * mozjpeg's trellis would save ~10% more bytes at 7× the encode time, which a counter cannot wait for.
 */
const ARCHIVAL_JPEG_QUALITY = 85;
const MIN_JPEG_QUALITY = 50;
const PAPER_WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

export interface PrepareOptions {
  /** The page's scan resolution, passed on to OSD. */
  dpi?: number;
  /** Turns pages upright; without it pages keep the orientation they were scanned in. */
  orientation?: OrientationDetector;
  deskew?: boolean;
  cropEdges?: boolean;
  /** Whiten table rules, tick boxes and dot leaders in the OCR copy (on by default). */
  cleanForms?: boolean;
  /** The source JPEG's own quality, when it was one: a re-encode never goes finer. */
  sourceJpegQuality?: number | null;
}

export interface PageAnalysis {
  /** Clockwise quarter turns applied to make the page upright. */
  rotatedDeg: 0 | 90 | 180 | 270;
  orientationConfidence: number;
  /** Skew that was measured (degrees, clockwise) and removed when large enough. */
  skewDeg: number;
  deskewed: boolean;
  /** Pixels cut from each side (after rotation). */
  crop: { left: number; top: number; right: number; bottom: number };
  blank: boolean;
  /** Share of ink pixels inside the margins: the blank score shown to the clerk. */
  inkRatio: number;
  /** What the scan holds: the archival copy keeps exactly that many colours. */
  content: ContentKind;
}

/** Bilevel (black and white only), grey, or colour: told from the decoded pixels. */
export type ContentKind = 'bilevel' | 'grey' | 'colour';

export interface PreparedPage {
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** What goes into the PDF, at the scanned resolution, with as many colours as the scan had. */
  archival: { format: 'jpeg' | 'png'; bytes: Buffer };
  /** What the OCR engine reads: grey PGM, same geometry as the archival copy. */
  ocr: Buffer;
  analysis: PageAnalysis;
  /** Text the source itself carries (a PDF with a text layer), used instead of OCR. */
  embeddedText?: OcrPage;
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
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
  let colour = await toRaw(open().toColourspace('srgb').removeAlpha(), 3);
  // The grey copy comes from the decoded pixels, not a second decode of the file.
  let grey = await toRaw(sharp(colour.data, { raw: rawInfo(colour) }).toColourspace('b-w'), 1);
  const kind = contentKind(colour);

  let rotatedDeg: PageAnalysis['rotatedDeg'] = 0;
  let orientationConfidence = 0;
  if (options.orientation) {
    const { img, factor } = await downscale(asGrey(grey), OSD_SIDE);
    const dpi = Math.max(1, Math.round((options.dpi ?? DEFAULT_DPI) * factor));
    // A PNG, not a PGM: Tesseract's OSD path reads the resolution from the image file only.
    const png = await sharp(img.data, {
      raw: { width: img.width, height: img.height, channels: 1 },
    })
      .png({ compressionLevel: 1 })
      .withMetadata({ density: dpi })
      .toBuffer();
    const found = await options.orientation.detect(png, dpi);
    orientationConfidence = found.confidence;
    if (found.degrees !== 0) {
      rotatedDeg = found.degrees;
      [colour, grey] = await Promise.all([
        transform(colour, (s) => s.rotate(found.degrees)),
        transform(grey, (s) => s.rotate(found.degrees)),
      ]);
    }
  }

  let skewDeg = 0;
  let deskewed = false;
  if (options.deskew !== false) {
    const skew = await estimateSkew(asGrey(grey));
    skewDeg = skew.angle;
    if (
      Math.abs(skew.angle) >= MIN_DESKEW_DEG &&
      skew.contrast >= MIN_SKEW_CONTRAST &&
      skew.gain >= MIN_SKEW_GAIN
    ) {
      deskewed = true;
      [colour, grey] = await Promise.all([
        straighten(colour, skew.angle),
        straighten(grey, skew.angle),
      ]);
    }
  }

  const crop = { left: 0, top: 0, right: 0, bottom: 0 };
  if (options.cropEdges !== false) {
    const box = darkEdgeCrop(asGrey(grey));
    if (box.width < grey.width || box.height < grey.height) {
      Object.assign(crop, {
        left: box.left,
        top: box.top,
        right: grey.width - box.left - box.width,
        bottom: grey.height - box.top - box.height,
      });
      [colour, grey] = await Promise.all([cut(colour, box), cut(grey, box)]);
    }
  }

  const blank = detectBlank(asGrey(grey));
  // The OCR reads a copy with form rules, tick boxes and dot leaders whitened (formCleanup.ts).
  const ocrCopy = { ...asGrey(grey), data: Buffer.from(grey.data) };
  if (options.cleanForms !== false && !blank.blank)
    cleanFormMarks(ocrCopy, options.dpi ?? DEFAULT_DPI);
  const unchanged =
    rotatedDeg === 0 && !deskewed && crop.left + crop.top + crop.right + crop.bottom === 0;
  const archival =
    unchanged && original
      ? { format: 'jpeg' as const, bytes: original }
      : await encodeArchival(colour, grey, kind, archivalQuality(options.sourceJpegQuality));

  return {
    widthPx: grey.width,
    heightPx: grey.height,
    dpi: options.dpi ?? DEFAULT_DPI,
    archival,
    ocr: toPgm(ocrCopy),
    analysis: {
      rotatedDeg,
      orientationConfidence: round2(orientationConfidence),
      skewDeg,
      deskewed,
      crop,
      blank: blank.blank,
      inkRatio: Math.round(blank.inkRatio * 1e5) / 1e5,
      content: kind,
    },
  };
}

/**
 * What the decoded pixels hold, exactly: a page is grey only if every pixel has equal channels,
 * and bilevel only if every pixel is pure black or pure white. Storing such a page with fewer
 * channels loses nothing; a colour scan of white paper keeps its colour, as the rules ask.
 */
function contentKind(img: RawImage): ContentKind {
  const d = img.data;
  let bilevel = true;
  for (let i = 0; i + 2 < d.length; i += 3) {
    const r = d[i]!;
    if (r !== d[i + 1] || r !== d[i + 2]) return 'colour';
    if (r !== 0 && r !== 255) bilevel = false;
  }
  return bilevel ? 'bilevel' : 'grey';
}

/**
 * Colour and grey scans become JPEG (grey ones with one channel); a bilevel scan stays bilevel, a
 * 1-bit PNG a tenth the size of a JPEG and without its ringing around letters. Straightening
 * smooths a bilevel page's edges into grey, so it is thresholded back first.
 */
/** The scanner's quality, between a floor that keeps small print legible and our default. */
function archivalQuality(source: number | null | undefined): number {
  if (!source) return ARCHIVAL_JPEG_QUALITY;
  return Math.max(MIN_JPEG_QUALITY, Math.min(ARCHIVAL_JPEG_QUALITY, source));
}

async function encodeArchival(
  colour: RawImage,
  grey: RawImage,
  kind: ContentKind,
  quality: number,
): Promise<PreparedPage['archival']> {
  if (kind === 'bilevel') {
    const bw = Buffer.from(grey.data);
    for (let i = 0; i < bw.length; i++) bw[i] = bw[i]! < 128 ? 0 : 255;
    const bytes = await sharp(bw, { raw: rawInfo(grey) })
      .png({ palette: true, colours: 2, dither: 0, compressionLevel: 9 })
      .toBuffer();
    return { format: 'png', bytes };
  }
  const source = kind === 'grey' ? grey : colour;
  const pixels = sharp(source.data, { raw: rawInfo(source) });
  const bytes = await (kind === 'grey' ? pixels.toColourspace('b-w') : pixels)
    .jpeg({ quality, optimiseCoding: true })
    .toBuffer();
  return { format: 'jpeg', bytes };
}

async function toRaw(s: Sharp, channels: 1 | 3): Promise<RawImage> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels)
    throw new Error(`expected ${channels} channels, got ${info.channels}`);
  return { data, width: info.width, height: info.height, channels };
}

function asGrey(img: RawImage): GreyImage {
  return { data: img.data, width: img.width, height: img.height };
}

function transform(img: RawImage, op: (s: Sharp) => Sharp): Promise<RawImage> {
  const out = op(sharp(img.data, { raw: rawInfo(img) }));
  // Filling with a background colour makes libvips add bands; keep the image's own kind.
  return toRaw(img.channels === 1 ? out.toColourspace('b-w') : out.removeAlpha(), img.channels);
}

/**
 * Rotates by -skew around the centre on white paper and cuts back to the original frame: the
 * page keeps its physical size, and the corners that turn in are paper, not black wedges.
 */
async function straighten(img: RawImage, skewDeg: number): Promise<RawImage> {
  const rotated = await transform(img, (s) => s.rotate(-skewDeg, { background: PAPER_WHITE }));
  const left = Math.max(0, Math.floor((rotated.width - img.width) / 2));
  const top = Math.max(0, Math.floor((rotated.height - img.height) / 2));
  return cut(rotated, {
    left,
    top,
    width: Math.min(img.width, rotated.width),
    height: Math.min(img.height, rotated.height),
  });
}

function cut(img: RawImage, box: CropBox): Promise<RawImage> {
  return transform(img, (s) => s.extract(box));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function rawInfo(img: RawImage): { width: number; height: number; channels: 1 | 3 } {
  return { width: img.width, height: img.height, channels: img.channels };
}
