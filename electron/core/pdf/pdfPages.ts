// PDF input: pages rasterized by PDFium in a worker thread (see pdfiumWorker.cjs and
// docs/decisions/0008-pdf-input-through-pdfium.md), each request timed out, so a PDF that hangs or
// explodes fails alone with a clear error. A page that already carries text gives that text, with
// its positions, instead of OCR.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SohoaError } from '../../../shared/errors';
import { collapseWhitespace, nfc } from '../../../shared/text';
import type { OcrLine, OcrPage, OcrWord } from '../ocr/types';

/** Scans come back at their own resolution within these bounds; text-only pages at the lower. */
export const MIN_RASTER_DPI = 200;
export const MAX_RASTER_DPI = 400;
// A hostile file must end in an error within 10 s, so one bad PDF never holds up a batch; a real
// page renders in 1–2 s.
const OPEN_TIMEOUT_MS = 8_000;
const PAGE_TIMEOUT_MS = 9_000;
/** A page with fewer letters than this (a stamp, a page number) is treated as a scan. */
const MIN_TEXT_CHARS = 20;
/** The wasm heap grows with the document; a worker past this is stopped. */
const WORKER_HEAP_MB = 1024;

// Installed, the script is unpacked beside the asar (electron-builder.yml): a worker thread
// cannot start from inside the archive.
const WORKER_FILE = createRequire(import.meta.url)
  .resolve('./pdfiumWorker.cjs')
  .replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');

export interface RasterPage {
  width: number;
  height: number;
  dpi: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Buffer;
  /** The page's own text laid out on the raster, or null when the page must be OCR'd. */
  text: OcrPage | null;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class PdfPageReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  pageCount = 0;

  private constructor(private readonly name: string) {}

  static async open(name: string, bytes: Buffer): Promise<PdfPageReader> {
    const reader = new PdfPageReader(name);
    try {
      const { pageCount } = (await reader.request(
        { type: 'open', bytes: new Uint8Array(bytes).buffer },
        OPEN_TIMEOUT_MS,
      )) as { pageCount: number };
      if (!(pageCount > 0)) throw new SohoaError('PDF_CORRUPT', name);
      reader.pageCount = pageCount;
      return reader;
    } catch (e) {
      reader.close();
      throw e;
    }
  }

  async page(index: number): Promise<RasterPage> {
    const r = (await this.request(
      { type: 'page', index, minDpi: MIN_RASTER_DPI, maxDpi: MAX_RASTER_DPI },
      PAGE_TIMEOUT_MS,
    )) as {
      widthPt: number;
      heightPt: number;
      dpi: number;
      width: number;
      height: number;
      rgba: ArrayBuffer;
      chars: ArrayBuffer;
    };
    const text = layoutText(new Float64Array(r.chars), r.heightPt, r.dpi, r.width, r.height);
    return { width: r.width, height: r.height, dpi: r.dpi, rgba: Buffer.from(r.rgba), text };
  }

  close(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    worker.on('message', (m: { id: number; ok: boolean; result?: unknown; message?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(classify(this.name, m.message ?? ''));
    });
    const failAll = (e: Error) => {
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.reject(e);
      }
      this.worker = null;
    };
    worker.on('error', (e) => failAll(new SohoaError('PDF_CORRUPT', this.name, { cause: e })));
    worker.on('exit', () => failAll(new SohoaError('PDF_TOO_COMPLEX', this.name)));
    this.worker = worker;
    return worker;
  }

  private request(msg: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SohoaError('PDF_TOO_COMPLEX', this.name));
        // PDFium cannot be interrupted: the whole worker goes, and the next file gets a new one.
        this.close();
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const transfer = msg.bytes instanceof ArrayBuffer ? [msg.bytes] : [];
      worker.postMessage({ ...msg, id }, transfer);
    });
  }
}

function classify(name: string, message: string): SohoaError {
  if (/password|security/i.test(message)) return new SohoaError('PDF_ENCRYPTED', name);
  return new SohoaError('PDF_CORRUPT', name, { cause: new Error(message) });
}

/**
 * Groups PDFium's characters into words (split at spaces and gaps) and lines (split at line
 * breaks and baseline jumps), in raster pixels, so the page's own text becomes the text layer.
 */
export function layoutText(
  chars: Float64Array,
  heightPt: number,
  dpi: number,
  widthPx: number,
  heightPx: number,
): OcrPage | null {
  const scale = dpi / 72;
  const lines: OcrLine[] = [];
  let words: OcrWord[] = [];
  let word: { text: string; x0: number; y0: number; x1: number; y1: number } | null = null;
  let letters = 0;

  const endWord = () => {
    if (word && word.text.trim()) {
      words.push({
        text: nfc(word.text),
        box: { x0: word.x0, y0: word.y0, x1: word.x1, y1: word.y1 },
        confidence: 100,
      });
    }
    word = null;
  };
  const endLine = () => {
    endWord();
    if (words.length > 0) {
      lines.push({
        words,
        box: {
          x0: Math.min(...words.map((w) => w.box.x0)),
          y0: Math.min(...words.map((w) => w.box.y0)),
          x1: Math.max(...words.map((w) => w.box.x1)),
          y1: Math.max(...words.map((w) => w.box.y1)),
        },
      });
    }
    words = [];
  };

  for (let i = 0; i < chars.length; i += 5) {
    const code = chars[i]!;
    const ch = String.fromCodePoint(code || 0x20);
    if (ch === '\n' || ch === '\r') {
      endLine();
      continue;
    }
    if (/\s/.test(ch) || code === 0) {
      endWord();
      continue;
    }
    const [l, r, b, t] = [chars[i + 1]!, chars[i + 2]!, chars[i + 3]!, chars[i + 4]!];
    const box = {
      x0: l * scale,
      x1: r * scale,
      y0: (heightPt - t) * scale,
      y1: (heightPt - b) * scale,
    };
    const lineHeight = box.y1 - box.y0;
    const last = word as { x1: number; y0: number; y1: number } | null;
    if (last && Math.abs((last.y0 + last.y1) / 2 - (box.y0 + box.y1) / 2) > lineHeight) endLine();
    else if (last && box.x0 - last.x1 > lineHeight * 0.8) endWord();
    letters++;
    if (!word) word = { text: ch, ...box };
    else {
      const w: { text: string; x0: number; y0: number; x1: number; y1: number } = word;
      w.text += ch;
      w.x0 = Math.min(w.x0, box.x0);
      w.y0 = Math.min(w.y0, box.y0);
      w.x1 = Math.max(w.x1, box.x1);
      w.y1 = Math.max(w.y1, box.y1);
    }
  }
  endLine();
  if (letters < MIN_TEXT_CHARS) return null;
  const text = lines
    .map((l) => collapseWhitespace(l.words.map((w) => w.text).join(' ')))
    .join('\n');
  return { text, confidence: 100, lines, widthPx, heightPx };
}
