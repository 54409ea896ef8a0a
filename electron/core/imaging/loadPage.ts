// Opens one scanned file (JPEG, PNG, TIFF with any number of pages): checks it cheaply from its
// header, then hands out its pages one at a time so a long batch never holds them all in memory.
// Every failure becomes a typed error naming the file; nothing here may crash the batch.
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { SohoaError } from '../../../shared/errors';
import { PdfPageReader } from '../pdf/pdfPages';
import { estimateJpegQuality } from './jpegQuality';
import { DEFAULT_DPI, preparePage, type PrepareOptions, type PreparedPage } from './preparePage';

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
  const dpi =
    meta.density && meta.density >= 50 && meta.density <= 2400 ? meta.density : DEFAULT_DPI;
  // The scanner's own JPEG goes into the PDF untouched when nothing needs changing: no second
  // lossy pass, and the archive holds exactly what was scanned.
  const keepOriginal =
    format === 'jpeg' &&
    (meta.orientation ?? 1) === 1 &&
    meta.space === 'srgb' &&
    meta.channels === 3;
  const sourceJpegQuality = format === 'jpeg' ? estimateJpegQuality(bytes) : null;
  return {
    name,
    format,
    pageCount,
    close: () => undefined,
    async page(index, options) {
      const subject = pageCount > 1 ? `${name} (trang ${index + 1})` : name;
      try {
        // failOn 'truncated' rejects a scan cut off mid-file instead of padding it with grey.
        const open = () =>
          sharp(bytes, {
            page: index,
            failOn: 'truncated',
            limitInputPixels: MAX_PAGE_PIXELS,
          }).rotate();
        return await preparePage(open, keepOriginal ? bytes : null, {
          ...options,
          dpi,
          sourceJpegQuality,
        });
      } catch (cause) {
        throw asImageError(cause, subject);
      }
    },
  };
}

async function openPdfFile(name: string, bytes: Buffer): Promise<ImageFile> {
  const reader = await PdfPageReader.open(name, bytes);
  return {
    name,
    format: 'pdf',
    pageCount: reader.pageCount,
    close: () => reader.close(),
    async page(index, options) {
      const subject = reader.pageCount > 1 ? `${name} (trang ${index + 1})` : name;
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
        return raster.text ? { ...prepared, embeddedText: raster.text } : prepared;
      } catch (cause) {
        throw asImageError(cause, subject);
      }
    },
  };
}

function asImageError(cause: unknown, subject: string): SohoaError {
  if (cause instanceof SohoaError) return cause;
  const message = cause instanceof Error ? cause.message : '';
  if (/pixel limit/i.test(message)) return new SohoaError('IMAGE_TOO_LARGE', subject, { cause });
  return new SohoaError('IMAGE_CORRUPT', subject, { cause });
}
