// Pages through the engine as a stream: files are opened one after another, their pages decoded,
// straightened and OCR'd a few at a time, and handed to the PDF writer in order. At most
// `window` pages are in flight, so a 500-page batch never holds all its images in memory.
// A bad file or page fails alone, as a typed error; the batch carries on. Pages read already (the
// counter's session) take the same window and order but skip decoding and OCR.
import path from 'node:path';
import type { PageAnalysisRecord } from '../../../shared/contract';
import { isSohoaError, SohoaError, errorInfo, type ErrorInfo } from '../../../shared/errors';
import { openImageFile, type ImageFile } from '../imaging/loadPage';
import type { PrepareOptions, PreparedPage } from '../imaging/preparePage';
import { OcrTimeoutError } from '../ocr/tesseractPool';
import type { OcrEngine, OcrPage } from '../ocr/types';
import {
  isPreRead,
  type RecordPage,
  type PageSource,
  type PreReadPage,
  type ProgressEvent,
  type QuarterTurn,
} from './types';

export interface FlowPage {
  sourceName: string;
  /** Page within its file, 0-based; `null` for single-page files. */
  pageInFile: number | null;
  /** The archival image and its geometry; `ocr` boxes are in its pixels. */
  prepared: Pick<PreparedPage, 'widthPx' | 'heightPx' | 'dpi' | 'archival'>;
  ocr: OcrPage;
  analysis: PageAnalysisRecord;
  /** Clockwise turn still to apply to image and text together when the page is written. */
  turn: QuarterTurn;
}

export interface FlowOptions {
  ocr: () => Promise<OcrEngine>;
  prepare: PrepareOptions;
  /** Pages being decoded or recognized at once. */
  window: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Receives each finished page, in input order; awaited before the next is taken. */
  consume: (page: FlowPage) => Promise<void>;
}

export interface FlowResult {
  pages: number;
  errors: ErrorInfo[];
  /** Summed time per step across pages (they overlap, so these add up to more than wall time). */
  stageMs: { image: number; ocr: number; pdf: number };
}

const emptyOcr = (prepared: PreparedPage): OcrPage => ({
  text: '',
  confidence: 0,
  lines: [],
  widthPx: prepared.widthPx,
  heightPx: prepared.heightPx,
});

export async function runPageFlow(
  sources: readonly RecordPage[],
  options: FlowOptions,
): Promise<FlowResult> {
  const errors: ErrorInfo[] = [];
  const stageMs = { image: 0, ocr: 0, pdf: 0 };
  const inFlight: Promise<FlowPage | null>[] = [];
  let done = 0;
  // Pages are counted as files are opened; files not yet opened count as one page each.
  let knownPages = 0;
  let unopened = sources.length;
  const total = () => knownPages + unopened;

  const timed = async <T>(step: keyof typeof stageMs, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      stageMs[step] += performance.now() - t0;
    }
  };

  const processPage = async (file: ImageFile, index: number): Promise<FlowPage | null> => {
    const subject = file.pageCount > 1 ? `${file.name} (trang ${index + 1})` : file.name;
    let prepared: PreparedPage;
    try {
      options.signal?.throwIfAborted();
      prepared = await timed('image', () => file.page(index, options.prepare));
    } catch (e) {
      errors.push(toErrorInfo(e, 'IMAGE_CORRUPT', subject));
      return null;
    }
    let ocr = prepared.embeddedText ?? emptyOcr(prepared);
    // A page flagged blank is kept and shown to the clerk, but there is nothing to read on it.
    if (!prepared.analysis.blank && !prepared.embeddedText) {
      try {
        const engine = await options.ocr();
        ocr = await timed('ocr', () =>
          engine.recognize(prepared.ocr, prepared.widthPx, prepared.heightPx, {
            signal: options.signal,
            dpi: prepared.dpi,
          }),
        );
      } catch (e) {
        if (options.signal?.aborted) throw e;
        // The page is kept (image only, no text) and the clerk is told: never lose a page.
        errors.push(
          e instanceof OcrTimeoutError
            ? errorInfo('OCR_TIMEOUT', subject)
            : toErrorInfo(e, 'OCR_FAILED', subject),
        );
      }
    }
    const { crop, ...rest } = prepared.analysis;
    const analysis: PageAnalysisRecord = {
      ...rest,
      cropped: crop.left + crop.top + crop.right + crop.bottom > 0,
      textFromSource: Boolean(prepared.embeddedText),
      archivalBytes: prepared.archival.bytes.length,
    };
    return {
      sourceName: file.name,
      pageInFile: file.pageCount > 1 ? index : null,
      prepared,
      ocr,
      analysis,
      turn: 0,
    };
  };

  const loadPreRead = async (page: PreReadPage): Promise<FlowPage | null> => {
    try {
      options.signal?.throwIfAborted();
      const read = await timed('image', () => page.load());
      const { ocr, analysis, ...prepared } = read;
      return { sourceName: page.name, pageInFile: null, prepared, ocr, analysis, turn: page.turn };
    } catch (e) {
      if (options.signal?.aborted) throw e;
      errors.push(toErrorInfo(e, 'FILE_NOT_FOUND', page.name));
      return null;
    }
  };

  const takeOldest = async () => {
    const page = await inFlight.shift()!;
    if (page) {
      await timed('pdf', () => options.consume(page));
      done++;
      // Not inside the optional call: its arguments are skipped when there is no listener.
      options.onProgress?.({ stage: 'page', done, total: total(), subject: page.sourceName });
    }
  };

  const enter = async (job: Promise<FlowPage | null>) => {
    // Keep the rejection observed while the job waits its turn in the window.
    job.catch(() => undefined);
    inFlight.push(job);
    while (inFlight.length >= options.window) await takeOldest();
  };

  try {
    for (const source of sources) {
      options.signal?.throwIfAborted();
      if (isPreRead(source)) {
        unopened--;
        knownPages++;
        await enter(loadPreRead(source));
        continue;
      }
      let file: ImageFile;
      try {
        file = await openImageFile(source.name, await readSource(source));
      } catch (e) {
        errors.push(toErrorInfo(e, 'IMAGE_CORRUPT', path.basename(source.name)));
        unopened--;
        continue;
      }
      unopened--;
      knownPages += file.pageCount;
      const jobs: Promise<FlowPage | null>[] = [];
      for (let i = 0; i < file.pageCount; i++) {
        const job = processPage(file, i);
        jobs.push(job);
        await enter(job);
      }
      const opened = file;
      void Promise.allSettled(jobs).then(() => opened.close());
    }
    while (inFlight.length > 0) await takeOldest();
  } catch (e) {
    // Cancelled or the writer failed: let the pages still running finish before reporting.
    await Promise.allSettled(inFlight.splice(0));
    throw e;
  }
  return { pages: done, errors, stageMs: roundAll(stageMs) };
}

async function readSource(source: PageSource): Promise<Buffer> {
  try {
    return await source.read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const name = path.basename(source.name);
    if (code === 'ENOENT') throw new SohoaError('FILE_NOT_FOUND', name, { cause: e });
    if (code === 'EISDIR') throw new SohoaError('FILE_NOT_IMAGE', name, { cause: e });
    throw e;
  }
}

function toErrorInfo(e: unknown, fallback: SohoaError['code'], subject: string): ErrorInfo {
  if (isSohoaError(e)) return e.info;
  return errorInfo(fallback, subject);
}

function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)])) as T;
}
