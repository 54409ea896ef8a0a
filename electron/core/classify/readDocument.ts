// Reads the first page(s) of a document file for typing and metadata: a PDF page's own text
// when it really is the page's text, else the page image through the OCR engine, with the
// lines' boxes so every field knows where it was read. A scanned PDF often carries a few lines
// of text anyway (a signing portal's stamp, "Ký bởi: …"): that is not the page, so a text layer
// counts only when it holds a page's worth of letters. Red ink (a seal, a red signature stamp)
// is measured on the colour copy, a cue for the signature fields.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { collapseWhitespace } from '../../../shared/text';
import { openImageFile } from '../imaging/loadPage';
import type { OcrEngine } from '../ocr/types';
import { verifyPdf } from '../sign/verify/verifyPdf';
import { datelineIncomplete } from './dates';
import { linesFromOcrPage, type TextLine } from './extract';
import { popplerPageText } from './pdfText';
import { rereadHeader, type Rereads } from './reread';
import type { PdfSignatureInfo } from './metadata';

/** Letters a text layer needs to stand for a page (a portal stamp has about 150). */
export const MIN_PAGE_LETTERS = 400;
/** Red pixels (share of the page, at the sampled size) from which a seal is taken as present. */
const MIN_RED_SHARE = 0.0015;
const RED_SAMPLE_WIDTH = 600;

export interface ReadPage {
  /** 1-based. */
  page: number;
  lines: TextLine[];
  source: 'text-layer' | 'ocr' | 'text-file';
  widthPx: number;
  heightPx: number;
  /** Share of strongly red pixels on the page (0 for grey and text files). */
  redShare: number;
  /** Second readings of the date and number lines whose digits the page's OCR left unclear. */
  rereads?: Rereads;
}

export interface ReadDocumentResult {
  name: string;
  /** Pages in the file (the ones read are in `pages`). */
  pageCount: number;
  pages: ReadPage[];
  /** The PDF's own signatures (signer and claimed time), as the verifier reads them. */
  signatures: PdfSignatureInfo[];
}

export interface ReadOptions {
  /** The OCR engine, started only when a page needs it. */
  ocr: () => Promise<OcrEngine>;
  /** How many leading pages to read (default 1: typing and metadata live on page 1). */
  pages?: number;
  /**
   * The engine for second readings of the date and number lines: one that reads Latin digits
   * well (English). Without it the page's engine reads them again.
   */
  digitsOcr?: () => Promise<OcrEngine>;
}

/**
 * A text layer stands for the page when it holds a page's worth of letters and leaves neither
 * the number nor the day blank ("Số: /TB", "ngày tháng 01 năm 2025": stamped on the image only).
 */
export function textLayerUsable(lines: readonly TextLine[]): boolean {
  const letters = lines.reduce((n, l) => n + (l.text.match(/\p{L}/gu) ?? []).length, 0);
  if (letters < MIN_PAGE_LETTERS) return false;
  return !lines
    .slice(0, 30)
    .some((l) => /^\s*s[oố]\s*:\s*\//i.test(l.text) || datelineIncomplete(l.text));
}

/** Who signed and when, as the file claims: enough to bound a handwritten date; no network. */
async function pdfSignatures(bytes: Buffer): Promise<PdfSignatureInfo[]> {
  try {
    const report = await verifyPdf(new Uint8Array(bytes), { timeLimitMs: 5000 });
    return report.signatures.map((s) => ({
      ...(s.signer ? { signer: s.signer } : {}),
      ...(s.claimedSigningTime ? { time: s.claimedSigningTime } : {}),
    }));
  } catch {
    return [];
  }
}

async function redShareOf(archival: { bytes: Buffer }): Promise<number> {
  const { data, info } = await sharp(archival.bytes)
    .resize({ width: RED_SAMPLE_WIDTH, withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return 0;
  let red = 0;
  for (let i = 0; i + 2 < data.length; i += info.channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (r > 140 && r - g > 60 && r - b > 50) red++;
  }
  return red / (info.width * info.height);
}

export async function readDocumentFile(
  file: string,
  options: ReadOptions,
): Promise<ReadDocumentResult> {
  const name = path.basename(file);
  const bytes = await fs.readFile(file);
  if (path.extname(file).toLowerCase() === '.txt') {
    const text = bytes.toString('utf8').normalize('NFC');
    return {
      name,
      pageCount: 1,
      pages: [
        {
          page: 1,
          lines: text.split(/\r?\n/).map((t) => ({ text: t, page: 1 })),
          source: 'text-file',
          widthPx: 0,
          heightPx: 0,
          redShare: 0,
        },
      ],
      signatures: [],
    };
  }
  const image = await openImageFile(name, bytes);
  const pages: ReadPage[] = [];
  try {
    const n = Math.min(image.pageCount, Math.max(1, options.pages ?? 1));
    for (let i = 0; i < n; i++) {
      const prepared = await image.page(i, { deskew: true });
      let lines: TextLine[] | null = null;
      let rereads: Rereads | null = null;
      let source: ReadPage['source'] = 'ocr';
      if (prepared.embeddedText) {
        // poppler's reading of the text layer, else the renderer's own.
        const poppler = await popplerPageText(file, i, prepared.widthPx);
        const own = linesFromOcrPage(prepared.embeddedText, i + 1);
        lines = [poppler, own].find((l) => l && textLayerUsable(l)) ?? null;
        if (lines) source = 'text-layer';
      }
      if (!lines) {
        const engine = await options.ocr();
        const page = await engine.recognize(prepared.ocr, prepared.widthPx, prepared.heightPx, {
          dpi: prepared.dpi,
        });
        lines = linesFromOcrPage(page, i + 1);
        if (i === 0) {
          const again = await (options.digitsOcr ?? options.ocr)();
          rereads = await rereadHeader(
            again,
            prepared.archival.bytes,
            lines,
            prepared.widthPx,
            prepared.dpi,
          );
        }
      }
      lines = lines.filter((l) => collapseWhitespace(l.text));
      const redShare =
        prepared.analysis.content === 'colour' ? await redShareOf(prepared.archival) : 0;
      pages.push({
        page: i + 1,
        lines,
        source,
        widthPx: prepared.widthPx,
        heightPx: prepared.heightPx,
        redShare: Math.round(redShare * 1e5) / 1e5,
        ...(rereads ? { rereads } : {}),
      });
    }
  } finally {
    image.close();
  }
  return {
    name,
    pageCount: image.pageCount,
    pages,
    signatures: image.format === 'pdf' ? await pdfSignatures(bytes) : [],
  };
}

/** Whether a read page's red ink is enough to count as a seal or a red signature stamp. */
export const hasRedInk = (p: ReadPage) => p.redShare >= MIN_RED_SHARE;
