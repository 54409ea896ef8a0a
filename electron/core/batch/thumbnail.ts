// Small page previews for the batch screen's thumbnail list. Made on demand (the list is
// virtualized, so only what scrolls into view is asked for) and cached beside the batch.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { SohoaError } from '../../../shared/errors';
import { writeFileDurably } from '../archive/blobStore';
import { readDataFile } from '../vault/files';
import { MAX_PAGE_PIXELS, sniffFormat } from '../imaging/loadPage';
import { PdfPageReader } from '../pdf/pdfPages';

export const THUMB_WIDTH = 160;

export async function thumbnailDataUrl(
  source: { name: string; path: string },
  pageInFile: number,
  cacheFile: string,
): Promise<string> {
  const cached = await readDataFile(cacheFile).catch(() => null);
  if (cached) return dataUrl(cached);
  const bytes = await readDataFile(source.path).catch((cause: unknown) => {
    throw new SohoaError('FILE_NOT_FOUND', source.name, { cause });
  });
  let jpeg: Buffer;
  try {
    jpeg = await render(source.name, bytes, pageInFile);
  } catch (cause) {
    if (cause instanceof SohoaError) throw cause;
    throw new SohoaError('IMAGE_CORRUPT', source.name, { cause });
  }
  await fs.mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFileDurably(cacheFile, jpeg).catch(() => undefined);
  return dataUrl(jpeg);
}

async function render(name: string, bytes: Buffer, pageInFile: number): Promise<Buffer> {
  const format = sniffFormat(bytes);
  if (!format) throw new SohoaError('FILE_NOT_IMAGE', name);
  const shrink = (img: Sharp) =>
    img
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 60 })
      .toBuffer();
  if (format !== 'pdf')
    return shrink(sharp(bytes, { page: pageInFile, limitInputPixels: MAX_PAGE_PIXELS }).rotate());
  const reader = await PdfPageReader.open(name, bytes);
  try {
    const r = await reader.page(pageInFile);
    return await shrink(sharp(r.rgba, { raw: { width: r.width, height: r.height, channels: 4 } }));
  } finally {
    reader.close();
  }
}

function dataUrl(jpeg: Buffer): string {
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}
