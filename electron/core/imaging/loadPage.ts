// Opens one scanned file (JPEG, PNG, TIFF with any number of pages): checks it cheaply from its
// header, then hands out its pages one at a time so a long batch never holds them all in memory.
// Every failure becomes a typed error naming the file and page; nothing here may crash the batch.
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { SohoaError, type PageLocation } from '../../../shared/errors';
import { PdfPageReader } from '../pdf/pdfPages';
import { estimateJpegQuality } from './jpegQuality';
import { preparePage, type PrepareOptions, type PreparedPage } from './preparePage';
import { resolvePageDpi } from './resolution';

/** Larger than A0 at 300 dpi (≈ 140 Mpx); anything bigger is refused as a likely bomb. */
export const MAX_PAGE_PIXELS = 150_000_000;

export type SourceFormat = 'jpeg' | 'png' | 'tiff' | 'pdf';

/** A readable image file: its pages are decoded one at a time, when the pipeline reaches them. */
export interface ImageFile {
  name: string;
  format: SourceFormat;
  pageCount: number;
  /** Decodes, straightens and measures one page (0-based); failures name the file and page. */
  page(index: number, options?: PrepareOptions): Promise<PreparedPage>;
  /** Where page `index` is, as data: the file and, in a file of several pages, the page. */
  location(index: number): PageLocation;
  /** Frees what the file holds (the PDF reader's worker); safe to call twice. */
  close(): void;
}

export function sniffFormat(bytes: Buffer): SourceFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')))
    return 'png';
  if (bytes.length >= 4) {
    const head = bytes.subarray(0, 4).toString('latin1');
    if (head === 'II*\0' || head === 'MM\0*') return 'tiff';
  }
  // PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1, annex H).
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  return null;
}

const locator =
  (file: string, pageCount: number) =>
  (index: number): PageLocation => ({ file, pageInFile: pageCount > 1 ? index : null });

export async function openImageFile(sourceName: string, bytes: Buffer): Promise<ImageFile> {
  const name = path.basename(sourceName);
  if (bytes.length === 0) throw new SohoaError('FILE_EMPTY', name);
  const format = sniffFormat(bytes);
  if (!format) throw new SohoaError('FILE_NOT_IMAGE', name);
  if (format === 'pdf') return openPdfFile(name, bytes);

  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new SohoaError('IMAGE_CORRUPT', name, { cause });
  }
  if (!meta.width || !meta.height) throw new SohoaError('IMAGE_CORRUPT', name);
  if (meta.width * meta.height > MAX_PAGE_PIXELS) throw new SohoaError('IMAGE_TOO_LARGE', name);

  const pageCount = format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  // EXIF orientations 5–8 turn the page a quarter: its upright size swaps width and height.
  const sideways = (meta.orientation ?? 1) >= 5;
  const pageHeight = meta.pageHeight && pageCount > 1 ? meta.pageHeight : meta.height;
  const resolution = resolvePageDpi(
    sideways ? pageHeight : meta.width,
    sideways ? meta.width : pageHeight,
    meta.density,
  );
  // The scanner's own JPEG goes into the PDF untouched when nothing needs changing: no second
  // lossy pass, and the archive holds exactly what was scanned.
  const keepOriginal =
    format === 'jpeg' &&
    (meta.orientation ?? 1) === 1 &&
    ((meta.space === 'srgb' && meta.channels === 3) ||
      (meta.space === 'b-w' && meta.channels === 1));
  const sourceJpegQuality = format === 'jpeg' ? estimateJpegQuality(bytes) : null;
  const location = locator(name, pageCount);
  return {
    name,
    format,
    pageCount,
    location,
    close: () => undefined,
    async page(index, options) {
      try {
        // failOn 'truncated' rejects a scan cut off mid-file instead of padding it with grey.
        const open = () =>
          sharp(bytes, {
            page: index,
            failOn: 'truncated',
            limitInputPixels: MAX_PAGE_PIXELS,
          }).rotate();
        const prepared = await preparePage(open, keepOriginal ? bytes : null, {
          ...options,
          dpi: resolution.dpi,
          sourceJpegQuality,
          greySource: (meta.channels ?? 3) <= 2,
        });
        return { ...prepared, resolution };
      } catch (cause) {
        throw asImageError(cause, location(index));
      }
    },
  };
}

async function openPdfFile(name: string, bytes: Buffer): Promise<ImageFile> {
  const reader = await PdfPageReader.open(name, bytes);
  const location = locator(name, reader.pageCount);
  return {
    name,
    format: 'pdf',
    pageCount: reader.pageCount,
    location,
    close: () => reader.close(),
    async page(index, options) {
      const raster = await reader.page(index);
      const open = () =>
        sharp(raster.rgba, { raw: { width: raster.width, height: raster.height, channels: 4 } });
      try {
        // A page that carries its own text is already straight and upright, and its text
        // positions must keep matching the image: no turning, deskewing or cropping.
        const prepared = await preparePage(
          open,
          null,
          raster.text
            ? { dpi: raster.dpi, deskew: false, cropEdges: false }
            : { ...options, dpi: raster.dpi },
        );
        // A PDF page has a physical size: the raster's resolution comes from it.
        const resolved = { ...prepared, resolution: { dpi: raster.dpi, source: 'file' as const } };
        return raster.text ? { ...resolved, embeddedText: raster.text } : resolved;
      } catch (cause) {
        throw asImageError(cause, location(index));
      }
    },
  };
}

function asImageError(cause: unknown, location: PageLocation): SohoaError {
  if (cause instanceof SohoaError) return cause;
  const message = cause instanceof Error ? cause.message : '';
  if (/pixel limit/i.test(message)) return new SohoaError('IMAGE_TOO_LARGE', location, { cause });
  return new SohoaError('IMAGE_CORRUPT', location, { cause });
}
