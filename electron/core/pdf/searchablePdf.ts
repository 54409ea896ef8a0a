// Two-layer PDF/A-2b, written as a stream: each page is the scanned image at its true physical
// size with the OCR words over it as invisible text (rendering mode 3), each word stretched to its
// box so that a viewer's selection highlights the right words and pdftotext returns them in
// reading order. Pages go to disk as they are added, so a 500-page batch never sits in memory.
//
// PDFKit writes the file: it streams, embeds and subsets TrueType fonts, and emits the PDF/A
// parts (XMP identification, sRGB output intent). Why PDFKit:
// docs/decisions/0007-pdfkit-streams-the-pdfa.md.
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { OcrPage } from '../ocr/types';
import { createDataWriteStream } from '../vault/files';
import { TEXT_LAYER_FONT } from './fonts';

export interface PdfPageInput {
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** Absent for a text-only page, laid later over the scan's own page (textOverlay.ts). */
  image?: { format: 'jpeg' | 'png'; bytes: Buffer };
  ocr: OcrPage;
  /**
   * Clockwise quarter turn of the page as shown (the clerk's rotation after the page was read):
   * image and words are drawn unchanged under one rotation, so the text layer turns with the
   * image and the scan is never re-encoded.
   */
  turn?: 0 | 90 | 180 | 270;
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
const FONT_NAME = 'TextLayer';
/** About two pages' images at 300 dpi. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

type TextOptions = PDFKit.Mixins.TextOptions & { horizontalScaling?: number };

export class SearchablePdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly out: Writable;
  private readonly written: Promise<void>;
  private pages = 0;

  constructor(file: string, meta: PdfMetadata) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      lang: 'vi-VN',
      displayTitle: true,
      // PDF/A wants the Info dictionary and the XMP packet to agree; PDFKit mirrors exactly these
      // keys into XMP (not ModDate), and pastes them into XML unescaped, hence xmlSafe().
      info: definedOnly({
        Title: xmlSafe(meta.title),
        Author: meta.author && xmlSafe(meta.author),
        Subject: meta.subject && xmlSafe(meta.subject),
        Keywords: meta.keywords && xmlSafe(meta.keywords.join(', ')),
        Creator: 'Sohoa Desk',
        Producer: 'Sohoa Desk',
        CreationDate: meta.created,
      }),
    });
    this.doc.registerFont(FONT_NAME, TEXT_LAYER_FONT);
    // Sealed as it streams when the file is in an encrypted data folder (the draft holds the OCR text).
    const { stream, finished } = createDataWriteStream(file);
    this.out = stream;
    this.written = finished;
    this.written.catch(() => undefined); // awaited by finish(); an abort's failure is expected
    this.doc.pipe(this.out);
  }

  get pageCount(): number {
    return this.pages;
  }

  addPage(input: PdfPageInput): void {
    const scale = 72 / input.dpi;
    const width = input.widthPx * scale;
    const height = input.heightPx * scale;
    const turn = input.turn ?? 0;
    const sideways = turn === 90 || turn === 270;
    const doc = this.doc;
    doc.addPage({ size: sideways ? [height, width] : [width, height], margin: 0 });
    doc.save();
    // PDFKit's user space has y pointing down; these map the unturned image onto the turned page.
    if (turn === 90) doc.transform(0, 1, -1, 0, height, 0);
    else if (turn === 180) doc.transform(-1, 0, 0, -1, width, height);
    else if (turn === 270) doc.transform(0, -1, 1, 0, 0, width);
    if (input.image) doc.image(input.image.bytes, 0, 0, { width, height });
    this.addInvisibleText(input.ocr, scale * (input.widthPx / input.ocr.widthPx));
    doc.restore();
    this.pages++;
  }

  private addInvisibleText(ocr: OcrPage, scale: number): void {
    if (ocr.lines.length === 0) return;
    const doc = this.doc;
    doc.save();
    // Text state survives BT/ET, and PDFKit only writes Tr when it is not 0: the words below
    // are all drawn in mode 3 (neither fill nor stroke), the same as Tesseract's own PDFs.
    doc.addContent('3 Tr');
    doc.font(FONT_NAME);
    for (const line of ocr.lines) {
      const size = Math.max(1, ((line.box.y1 - line.box.y0) * scale) / LINE_EM);
      const baseline = line.box.y1 * scale - DESCENT * size;
      doc.fontSize(size);
      line.words.forEach((word, i) => {
        const next = line.words[i + 1];
        // A trailing space stretched over the gap keeps words apart for extraction.
        const text = next ? `${word.text} ` : word.text;
        const x0 = word.box.x0 * scale;
        const x1 = (next ? next.box.x0 : word.box.x1) * scale;
        const natural = doc.widthOfString(text);
        const horizontalScaling = natural > 0 ? clamp((100 * (x1 - x0)) / natural, 1, 1000) : 100;
        const options: TextOptions = {
          lineBreak: false,
          baseline: 'alphabetic',
          horizontalScaling,
        };
        doc.text(text, x0, baseline, options);
      });
    }
    doc.restore();
  }

  /**
   * Resolves once the bytes written so far are mostly on their way to disk. PDFKit pushes pages
   * into its buffer without waiting for the file, so the caller awaits this between pages to
   * keep memory bounded when the disk is slower than the pipeline.
   */
  async drained(): Promise<void> {
    while (this.doc.readableLength + this.out.writableLength > MAX_BUFFERED_BYTES) {
      await Promise.race([once(this.out, 'drain'), delay(20)]);
    }
  }

  /** Ends the document and resolves once every byte is flushed to disk. */
  async finish(): Promise<void> {
    this.doc.end();
    await this.written;
  }

  /** Stops writing without a valid file (the caller deletes it). */
  abort(): void {
    this.doc.unpipe(this.out);
    this.out.on('error', () => undefined);
    this.out.destroy();
  }
}

/** Markup characters swapped for look-alikes, so the same text is valid in Info and in XMP. */
export function xmlSafe(text: string): string {
  return text.normalize('NFC').replace(/&/g, '＆').replace(/</g, '‹').replace(/>/g, '›');
}

/** PDFKit writes every key it is given into the Info dictionary and its file ID. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
