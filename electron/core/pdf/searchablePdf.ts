// Two-layer PDF: each page is the scanned image at its true physical size, with the OCR words
// laid over it as invisible text (rendering mode 3), each word stretched to its box so that a
// viewer's selection highlights the right words and pdftotext returns them in reading order.
import fs from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  PDFDocument,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFName,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { OcrPage } from '../ocr/types';
import { TEXT_LAYER_FONT } from './fonts';

export interface PdfPageInput {
  widthPx: number;
  heightPx: number;
  dpi: number;
  image: { format: 'jpeg' | 'png'; bytes: Buffer };
  ocr: OcrPage;
}

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  created: Date;
}

/** DejaVu Sans vertical metrics (em fractions), to put the baseline where the glyphs sit. */
const DESCENT = 0.236;
const LINE_EM = 1.164;

let fontBytes: Promise<Buffer> | undefined;

export async function buildSearchablePdf(
  pages: readonly PdfPageInput[],
  meta: PdfMetadata,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  fontBytes ??= fs.readFile(TEXT_LAYER_FONT);
  const font = await doc.embedFont(await fontBytes, { subset: true });

  for (const input of pages) {
    const scale = 72 / input.dpi;
    const width = input.widthPx * scale;
    const height = input.heightPx * scale;
    const page = doc.addPage([width, height]);
    const image =
      input.image.format === 'jpeg'
        ? await doc.embedJpg(input.image.bytes)
        : await doc.embedPng(input.image.bytes);
    page.drawImage(image, { x: 0, y: 0, width, height });
    addInvisibleText(page, font, input.ocr, height, scale * (input.widthPx / input.ocr.widthPx));
  }

  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords) doc.setKeywords(meta.keywords);
  doc.setLanguage('vi-VN');
  doc.setProducer('Sohoa Desk');
  doc.setCreator('Sohoa Desk');
  doc.setCreationDate(meta.created);
  doc.setModificationDate(meta.created);
  return doc.save({ useObjectStreams: false });
}

function addInvisibleText(
  page: PDFPage,
  font: PDFFont,
  ocr: OcrPage,
  pageHeight: number,
  scale: number,
): void {
  if (ocr.lines.length === 0) return;
  const fontKey: PDFName = page.node.newFontDictionary(font.name, font.ref);
  const ops: PDFOperator[] = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of ocr.lines) {
    const lineHeight = (line.box.y1 - line.box.y0) * scale;
    const size = Math.max(1, lineHeight / LINE_EM);
    const baseline = pageHeight - line.box.y1 * scale + DESCENT * size;
    ops.push(setFontAndSize(fontKey, size));
    line.words.forEach((word, i) => {
      const x = word.box.x0 * scale;
      const boxWidth = Math.max(0.5, (word.box.x1 - word.box.x0) * scale);
      const next = line.words[i + 1];
      ops.push(setTextMatrix(1, 0, 0, 1, x, baseline));
      ops.push(setCharacterSqueeze(squeeze(font, word.text, size, boxWidth)));
      ops.push(showText(font.encodeText(word.text)));
      if (next) {
        // A space stretched over the gap keeps words apart for extraction and selection.
        const gap = Math.max(0.5, (next.box.x0 - word.box.x1) * scale);
        ops.push(setCharacterSqueeze(squeeze(font, ' ', size, gap)));
        ops.push(showText(font.encodeText(' ')));
      }
    });
    // A trailing newline is implied by the next line's position; extraction tools rely on that.
  }
  ops.push(endText());
  page.pushOperators(...ops);
}

function squeeze(font: PDFFont, text: string, size: number, targetWidth: number): number {
  const natural = font.widthOfTextAtSize(text, size);
  if (natural <= 0) return 100;
  return Math.min(1000, Math.max(1, (100 * targetWidth) / natural));
}
