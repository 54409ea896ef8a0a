// The first pass of a separated batch: its files become a stack of single pages (a multi-page
// PDF or TIFF has each page copied out as a PNG beside the batch, so a split may fall inside it),
// and each page is measured for separation (blank, patch code, separator QR/barcode, and, for the
// classifier method, its text's type). Measured here in the core from the staged files: the page
// images never travel through the renderer. One unreadable file fails alone: its pages are left
// out of the stack and the file carries the error.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { PageSignals, SeparationOptions } from '../../../shared/contracts/intake';
import { SohoaError, errorInfo, type ErrorInfo } from '../../../shared/errors';
import { writeFileDurably } from '../archive/blobStore';
import { MAX_PAGE_PIXELS, sniffFormat } from '../imaging/loadPage';
import { createTesseractPool, type OcrPool } from '../ocr/tesseractPool';
import { PdfPageReader } from '../pdf/pdfPages';
import { measurePage } from '../separate/pageSignals';
import type { FileRow, StackRow } from './store';

export interface StackReadOptions {
  /** batches/<id>/pages: where pages of multi-page files are copied out. */
  pagesDir: string;
  /** Tesseract language data, for the classifier method's text. */
  tessdataDir: string;
  signal: AbortSignal;
  /** Waits while the batch is paused (the queue's gate). */
  beforeFile: () => Promise<void>;
  onPage: (done: number, fileId: number) => void;
}

export interface StackReadResult {
  stack: StackRow[];
  signals: PageSignals[];
  fileErrors: Map<number, ErrorInfo[]>;
  pagesOf: Map<number, number>;
}

interface OnePage {
  image: Buffer;
  /** The page's own text (a PDF with a text layer), so it needs no OCR. */
  text?: string;
  dpi?: number;
  /** Where the page lives as a file the pipeline can read. */
  path: string;
}

export async function readStack(
  files: readonly FileRow[],
  options: SeparationOptions,
  how: StackReadOptions,
): Promise<StackReadResult> {
  const stack: StackRow[] = [];
  const signals: PageSignals[] = [];
  const fileErrors = new Map<number, ErrorInfo[]>();
  const pagesOf = new Map<number, number>();
  // The classifier needs the pages' words; one worker, started only when that method is chosen.
  let ocr: Promise<OcrPool> | undefined;
  try {
    for (const file of files) {
      await how.beforeFile();
      how.signal.throwIfAborted();
      let count = 0;
      try {
        for await (const page of pagesOfFile(file, how.pagesDir)) {
          how.signal.throwIfAborted();
          let text = page.text;
          if (options.classifier && text === undefined) {
            ocr ??= createTesseractPool({ langDir: how.tessdataDir, size: 1 });
            text = await ocrText(await ocr, page.image, how.signal);
          }
          const name =
            count === 0 && !page.path.startsWith(how.pagesDir)
              ? file.name
              : `${file.name}#${count + 1}`;
          signals.push(
            await measurePage(
              {
                name,
                image: page.image,
                ...(text !== undefined ? { text } : {}),
                ...(page.dpi ? { dpi: page.dpi } : {}),
              },
              options,
            ),
          );
          stack.push({
            idx: stack.length,
            fileId: file.id,
            pageInFile: count,
            name,
            path: page.path,
          });
          count++;
          how.onPage(stack.length, file.id);
        }
      } catch (e) {
        if (how.signal.aborted) throw e;
        // The pages read before the failure stay out too: the whole file is retried or dropped.
        while (stack.length && stack.at(-1)!.fileId === file.id) {
          stack.pop();
          signals.pop();
        }
        count = 0;
        const info = e instanceof SohoaError ? e.info : errorInfo('IMAGE_CORRUPT', file.name);
        fileErrors.set(file.id, [info]);
      }
      pagesOf.set(file.id, count);
    }
  } finally {
    if (ocr) await (await ocr.catch(() => null))?.close();
  }
  return { stack, signals, fileErrors, pagesOf };
}

/** A file's pages one at a time; single-page images are used where they are. */
async function* pagesOfFile(file: FileRow, pagesDir: string): AsyncGenerator<OnePage> {
  const bytes = await fs.readFile(file.path).catch((cause: unknown) => {
    throw new SohoaError('FILE_NOT_FOUND', file.name, { cause });
  });
  if (bytes.length === 0) throw new SohoaError('FILE_EMPTY', file.name);
  const format = sniffFormat(bytes);
  if (!format) throw new SohoaError('FILE_NOT_IMAGE', file.name);
  const copy = async (index: number, png: Buffer) => {
    const target = path.join(pagesDir, `${file.id}-${index + 1}.png`);
    await fs.mkdir(pagesDir, { recursive: true });
    await writeFileDurably(target, png);
    return target;
  };
  if (format === 'pdf') {
    const reader = await PdfPageReader.open(file.name, bytes);
    try {
      for (let i = 0; i < reader.pageCount; i++) {
        const r = await reader.page(i);
        const png = await sharp(r.rgba, { raw: { width: r.width, height: r.height, channels: 4 } })
          .flatten({ background: '#ffffff' })
          .withMetadata({ density: r.dpi })
          .png()
          .toBuffer();
        yield {
          image: png,
          dpi: r.dpi,
          path: await copy(i, png),
          ...(r.text ? { text: r.text.text } : {}),
        };
      }
    } finally {
      reader.close();
    }
    return;
  }
  let pages: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_PAGE_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    pages = format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  } catch (cause) {
    throw new SohoaError('IMAGE_CORRUPT', file.name, { cause });
  }
  if (pages === 1) {
    yield { image: bytes, path: file.path };
    return;
  }
  for (let i = 0; i < pages; i++) {
    const png = await sharp(bytes, { page: i, limitInputPixels: MAX_PAGE_PIXELS })
      .keepMetadata()
      .png()
      .toBuffer()
      .catch((cause: unknown) => {
        throw new SohoaError('IMAGE_CORRUPT', `${file.name}#${i + 1}`, { cause });
      });
    yield { image: png, path: await copy(i, png) };
  }
}

async function ocrText(ocr: OcrPool, image: Buffer, signal: AbortSignal): Promise<string> {
  // Text for the classifier only: a grey page at its own size is what the pipeline feeds too.
  const { data, info } = await sharp(image, { limitInputPixels: MAX_PAGE_PIXELS })
    .greyscale()
    .png()
    .toBuffer({ resolveWithObject: true });
  const page = await ocr.recognize(data, info.width, info.height, { signal });
  return page.text;
}
