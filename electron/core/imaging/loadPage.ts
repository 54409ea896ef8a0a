// Reads one scanned file into page images: the archival copy (colour, original resolution,
// stored in the PDF) and the OCR copy (grey, same geometry, so word boxes map 1:1 onto the page).
// Every failure becomes a typed error naming the file; nothing here may crash the batch.
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { SohoaError } from '../../../shared/errors';

/** Larger than A0 at 300 dpi (≈ 140 Mpx); anything bigger is refused as a likely bomb. */
export const MAX_PAGE_PIXELS = 150_000_000;
/** Assumed when the file carries no resolution (most scanners write it). */
export const DEFAULT_DPI = 200;

export type SourceFormat = 'jpeg' | 'png' | 'tiff';

export interface PageImage {
  sourceName: string;
  /** 0-based page within a multi-page source (TIFF). */
  pageInSource: number;
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** What goes into the PDF. */
  archival: { format: 'jpeg' | 'png'; bytes: Buffer };
  /** What the OCR engine reads (grey PNG, same size). */
  ocr: Buffer;
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
  return null;
}

export async function loadPages(sourceName: string, bytes: Buffer): Promise<PageImage[]> {
  const name = path.basename(sourceName);
  if (bytes.length === 0) throw new SohoaError('FILE_EMPTY', name);
  const format = sniffFormat(bytes);
  if (!format) throw new SohoaError('FILE_NOT_IMAGE', name);

  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new SohoaError('IMAGE_CORRUPT', name, { cause });
  }
  if (!meta.width || !meta.height) throw new SohoaError('IMAGE_CORRUPT', name);
  if (meta.width * meta.height > MAX_PAGE_PIXELS) throw new SohoaError('IMAGE_TOO_LARGE', name);

  const pageCount = format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const pages: PageImage[] = [];
  for (let page = 0; page < pageCount; page++) {
    pages.push(await loadOnePage(name, bytes, format, page, meta));
  }
  return pages;
}

async function loadOnePage(
  name: string,
  bytes: Buffer,
  format: SourceFormat,
  page: number,
  meta: Metadata,
): Promise<PageImage> {
  const open = () =>
    // failOn 'truncated' rejects a scan cut off mid-file instead of padding it with grey.
    sharp(bytes, { page, failOn: 'truncated', limitInputPixels: MAX_PAGE_PIXELS }).rotate();
  try {
    // Decoding the OCR copy reads every pixel, so a damaged file fails here, before the PDF.
    const ocrResult = await open().toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer({
      resolveWithObject: true,
    });
    const { width, height } = ocrResult.info;
    const keepOriginalJpeg =
      format === 'jpeg' && (meta.orientation ?? 1) === 1 && meta.space !== 'cmyk' && page === 0;
    const archival = keepOriginalJpeg
      ? { format: 'jpeg' as const, bytes }
      : {
          format: 'jpeg' as const,
          bytes: await open().toColourspace('srgb').jpeg({ quality: 85, mozjpeg: true }).toBuffer(),
        };
    const dpi =
      meta.density && meta.density >= 50 && meta.density <= 2400 ? meta.density : DEFAULT_DPI;
    return {
      sourceName: name,
      pageInSource: page,
      widthPx: width,
      heightPx: height,
      dpi,
      archival,
      ocr: ocrResult.data,
    };
  } catch (cause) {
    if (cause instanceof SohoaError) throw cause;
    const message = cause instanceof Error ? cause.message : '';
    if (/pixel limit/i.test(message)) throw new SohoaError('IMAGE_TOO_LARGE', name, { cause });
    throw new SohoaError('IMAGE_CORRUPT', name, { cause });
  }
}
