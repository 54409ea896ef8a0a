// A PDF page as a PNG for the screen (the receipt preview): rendered by the same PDFium reader
// that reads PDF input, so the clerk sees exactly the bytes that will be printed.
import sharp from 'sharp';
import { PdfPageReader } from '../pdf/pdfPages';

/** Wide enough to read an A5 slip on screen; the print view scales it to the paper. */
const PREVIEW_WIDTH = 900;

export async function renderPdfPagePng(name: string, pdf: Uint8Array, index = 0): Promise<Buffer> {
  const reader = await PdfPageReader.open(name, Buffer.from(pdf));
  try {
    const page = await reader.page(index);
    return await sharp(page.rgba, { raw: { width: page.width, height: page.height, channels: 4 } })
      .flatten({ background: '#ffffff' })
      .resize({ width: PREVIEW_WIDTH, withoutEnlargement: true })
      .png({ compressionLevel: 9, palette: true })
      .toBuffer();
  } finally {
    reader.close();
  }
}
