// Opens one scanned file (JPEG, PNG, TIFF with any number of pages): checks it cheaply from its
// header, then hands out its pages one at a time so a long batch never holds them all in memory.
// Every failure becomes a typed error naming the file; nothing here may crash the batch.
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { SohoaError } from '../../../shared/errors';
import { preparePage, type PrepareOptions, type PreparedPage } from './preparePage';

/** Larger than A0 at 300 dpi (≈ 140 Mpx); anything bigger is refused as a likely bomb. */
export const MAX_PAGE_PIXELS = 150_000_000;
/** Assumed when the file carries no resolution (most scanners write it). */
export const DEFAULT_DPI = 200;

export type SourceFormat = 'jpeg' | 'png' | 'tiff';

/** A readable image file: its pages are decoded one at a time, when the pipeline reaches them. */
export interface ImageFile {
  name: string;
  format: SourceFormat;
  pageCount: number;
  dpi: number;
  /** Decodes, straightens and measures one page (0-based); failures name the file and page. */
  page(index: number, options?: PrepareOptions): Promise<PreparedPage>;
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

export async function openImageFile(sourceName: string, bytes: Buffer): Promise<ImageFile> {
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
  const dpi =
    meta.density && meta.density >= 50 && meta.density <= 2400 ? meta.density : DEFAULT_DPI;
  // The scanner's own JPEG goes into the PDF untouched when nothing needs changing: no second
  // lossy pass, and the archive holds exactly what was scanned.
  const keepOriginal =
    format === 'jpeg' &&
    (meta.orientation ?? 1) === 1 &&
    meta.space === 'srgb' &&
    meta.channels === 3;
  return {
    name,
    format,
    pageCount,
    dpi,
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
        return await preparePage(open, keepOriginal ? bytes : null, { dpi, ...options });
      } catch (cause) {
        if (cause instanceof SohoaError) throw cause;
        const message = cause instanceof Error ? cause.message : '';
        if (/pixel limit/i.test(message))
          throw new SohoaError('IMAGE_TOO_LARGE', subject, { cause });
        throw new SohoaError('IMAGE_CORRUPT', subject, { cause });
      }
    },
  };
}
