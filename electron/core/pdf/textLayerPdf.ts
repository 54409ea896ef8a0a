// The OCR words of a kept scan as a text-only PDF, one page per scanned page at its physical size,
// to be laid over the scan's own pages (textOverlay.ts). Each word is invisible (rendering mode 3),
// drawn in the glyphless font and stretched to its box, so a viewer's selection covers the right
// words and pdftotext reads them in order, as in the desk's own PDFs; only the font differs, as
// it is never seen.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { OcrPage } from '../ocr/types';
import {
  embedGlyphlessFont,
  GLYPHLESS_ADVANCE,
  GLYPHLESS_ASCENT,
  GLYPHLESS_DESCENT,
} from './glyphlessFont';

export interface TextLayerPage {
  widthPx: number;
  heightPx: number;
  dpi: number;
  ocr: OcrPage;
}

/** Tenths of a point: 0.035 mm, below a 300 dpi scan's pixel; kept as integers so moves add up. */
const tenths = (v: number) => Math.round(v * 10);
const fromTenths = (t: number) => String(t / 10);

/** The text as Identity-H codes: its UTF-16 units, which the font's ToUnicode maps back. */
function utf16Hex(text: string, highBytes: Set<number>): string {
  const units = Buffer.from(text, 'utf16le').swap16();
  for (let i = 0; i < units.length; i += 2) highBytes.add(units[i]!);
  return units.toString('hex').toUpperCase();
}

/**
 * The page's words, each moved to with a relative Td from the previous one and stretched with Tz
 * (written only when it changes): the content is most of the layer's size, a few hundred words a
 * page.
 */
function pageContent(page: TextLayerPage, height: number, highBytes: Set<number>): string {
  const { ocr } = page;
  const scale = (72 / page.dpi) * (page.widthPx / ocr.widthPx);
  const ops: string[] = ['BT', '3 Tr'];
  let at = { x: 0, y: 0 };
  let stretchNow = 100;
  for (const line of ocr.lines) {
    const size = Math.max(
      1,
      ((line.box.y1 - line.box.y0) * scale) / (GLYPHLESS_ASCENT + GLYPHLESS_DESCENT),
    );
    const y = tenths(height - (line.box.y1 * scale - GLYPHLESS_DESCENT * size));
    ops.push(`/F1 ${fromTenths(tenths(size))} Tf`);
    line.words.forEach((word, i) => {
      const next = line.words[i + 1];
      // A trailing space stretched over the gap keeps words apart for extraction.
      const text = (next ? `${word.text} ` : word.text).normalize('NFC');
      const x0 = word.box.x0 * scale;
      const x1 = (next ? next.box.x0 : word.box.x1) * scale;
      const natural = (text.length * GLYPHLESS_ADVANCE * size) / 1000;
      const stretch =
        natural > 0 ? Math.round(Math.min(1000, Math.max(1, (100 * (x1 - x0)) / natural))) : 100;
      const x = tenths(x0);
      const move = `${fromTenths(x - at.x)} ${fromTenths(y - at.y)} Td`;
      const tz = stretch === stretchNow ? '' : `${stretch} Tz `;
      ops.push(`${tz}${move}<${utf16Hex(text, highBytes)}>Tj`);
      at = { x, y };
      stretchNow = stretch;
    });
  }
  ops.push('ET');
  return ops.join('\n');
}

/** The text-only PDF (classic cross-reference, no object streams) for the overlay. */
export async function textLayerPdf(pages: readonly TextLayerPage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const highBytes = new Set<number>([0]);
  const made = pages.map((p) => {
    const width = (p.widthPx * 72) / p.dpi;
    const height = (p.heightPx * 72) / p.dpi;
    const content = pageContent(p, height, highBytes);
    return { page: doc.addPage([width, height]), content };
  });
  // The font after the words: its ToUnicode map covers exactly the characters drawn.
  const font = embedGlyphlessFont(doc, highBytes);
  for (const { page, content } of made) {
    const stream = doc.context.stream(deflateSync(Buffer.from(content, 'latin1')), {
      Filter: 'FlateDecode',
    });
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font } }));
  }
  return doc.save({ useObjectStreams: false });
}
