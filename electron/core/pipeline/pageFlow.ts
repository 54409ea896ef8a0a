// Pages through the engine as a stream: files are opened one after another, their pages decoded,
// straightened and OCR'd a few at a time, and handed to the PDF writer in order. At most
// `window` pages are in flight, so a 500-page batch never holds all its images in memory.
// A bad file or page fails alone, as a typed error naming it (as data: file and page); the batch
// carries on. Pages read already (the counter's session) take the same window and order but skip
// decoding and OCR.
import path from 'node:path';
import type { PageAnalysisRecord } from '../../../shared/contract';
import {
  asErrorInfo,
  errorInfo,
  SohoaError,
  type ErrorCode,
  type ErrorInfo,
  type PageLocation,
} from '../../../shared/errors';
import { openImageFile, type ImageFile } from '../imaging/loadPage';
import { IMAGE_STEPS, noStepTimes, type StepTimes } from '../imaging/pageSteps';
import type { PrepareOptions, PreparedPage } from '../imaging/preparePage';
import type { Resolution } from '../imaging/resolution';
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
  /** The same, as the location errors and reports carry. */
  location: PageLocation;
  /** The archival image and its geometry; `ocr` boxes are in its pixels. */
  prepared: Pick<PreparedPage, 'widthPx' | 'heightPx' | 'dpi' | 'archival'>;
  ocr: OcrPage;
  analysis: PageAnalysisRecord;
  /** Where the page's resolution came from (absent for pages read earlier). */
  resolution?: Resolution;
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
  /** Summed time per stage across pages (they overlap, so these add up to more than wall time). */
  stageMs: { image: number; ocr: number; pdf: number };
  /** Summed wall time of each image step across pages. */
  imageStepMs: StepTimes;
  /** Pages whose upright turn needed Tesseract's orientation model (the others: text lines). */
  osdPages: number;
}

const emptyOcr = (prepared: PreparedPage): OcrPage => ({
  text: '',
  confidence: 0,
  lines: [],
  widthPx: prepared.widthPx,
  heightPx: prepared.heightPx,
});

const whole = (file: string): PageLocation => ({ file, pageInFile: null });

/** One run of the flow: its window of pages in flight, its counters and its errors. */
class Flow {
  readonly errors: ErrorInfo[] = [];
  readonly stageMs = { image: 0, ocr: 0, pdf: 0 };
  readonly imageStepMs = noStepTimes();
  osdPages = 0;
  done = 0;
  private readonly inFlight: Promise<FlowPage | null>[] = [];
  /** Pages are counted as files are opened; files not yet opened count as one page each. */
  private knownPages = 0;
  private unopened: number;

  constructor(
    sources: readonly RecordPage[],
    private readonly options: FlowOptions,
  ) {
    this.unopened = sources.length;
  }

  private async timed<T>(step: keyof Flow['stageMs'], fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.stageMs[step] += performance.now() - t0;
    }
  }

  async run(sources: readonly RecordPage[]): Promise<void> {
    const { signal } = this.options;
    try {
      for (const source of sources) {
        signal?.throwIfAborted();
        this.unopened--;
        if (isPreRead(source)) {
          this.knownPages++;
          await this.enter(this.loadPreRead(source));
          continue;
        }
        let file: ImageFile;
        try {
          file = await openImageFile(source.name, await readSource(source));
        } catch (e) {
          this.errors.push(asErrorInfo(e, 'IMAGE_CORRUPT', whole(path.basename(source.name))));
          continue;
        }
        this.knownPages += file.pageCount;
        const jobs: Promise<FlowPage | null>[] = [];
        for (let i = 0; i < file.pageCount; i++) {
          const job = this.processPage(file, i);
          jobs.push(job);
          await this.enter(job);
        }
        const opened = file;
        void Promise.allSettled(jobs).then(() => opened.close());
      }
      while (this.inFlight.length > 0) await this.takeOldest();
    } catch (e) {
      // Cancelled or the writer failed: let the pages still running finish before reporting.
      await Promise.allSettled(this.inFlight.splice(0));
      throw e;
    }
  }

  private async processPage(file: ImageFile, index: number): Promise<FlowPage | null> {
    const location = file.location(index);
    let prepared: PreparedPage;
    try {
      this.options.signal?.throwIfAborted();
      prepared = await this.timed('image', () => file.page(index, this.options.prepare));
    } catch (e) {
      this.errors.push(asErrorInfo(e, 'IMAGE_CORRUPT', location));
      return null;
    }
    for (const step of IMAGE_STEPS) this.imageStepMs[step] += prepared.steps.wallMs[step];
    if (prepared.analysis.orientationBy === 'osd') this.osdPages++;
    const ocr = await this.recognize(prepared, location);
    const { analysis } = prepared;
    const record: PageAnalysisRecord = {
      rotatedDeg: analysis.rotatedDeg,
      orientationConfidence: analysis.orientationConfidence,
      skewDeg: analysis.skewDeg,
      deskewed: analysis.deskewed,
      cropped:
        analysis.crop.left + analysis.crop.top + analysis.crop.right + analysis.crop.bottom > 0,
      textFromSource: Boolean(prepared.embeddedText),
      blank: analysis.blank,
      inkRatio: analysis.inkRatio,
      content: analysis.content,
      archivalBytes: prepared.archival.bytes.length,
    };
    return {
      sourceName: file.name,
      pageInFile: location.pageInFile,
      location,
      prepared,
      ocr,
      analysis: record,
      ...(prepared.resolution ? { resolution: prepared.resolution } : {}),
      turn: 0,
    };
  }

  /** The page's words; a page that cannot be read keeps its image, and the clerk is told. */
  private async recognize(prepared: PreparedPage, location: PageLocation): Promise<OcrPage> {
    // A page flagged blank is kept and shown to the clerk, but there is nothing to read on it.
    if (prepared.embeddedText) return prepared.embeddedText;
    if (prepared.analysis.blank) return emptyOcr(prepared);
    try {
      const engine = await this.options.ocr();
      return await this.timed('ocr', () =>
        engine.recognize(prepared.ocr, prepared.widthPx, prepared.heightPx, {
          signal: this.options.signal,
          dpi: prepared.dpi,
        }),
      );
    } catch (e) {
      if (this.options.signal?.aborted) throw e;
      const code: ErrorCode = e instanceof OcrTimeoutError ? 'OCR_TIMEOUT' : 'OCR_FAILED';
      this.errors.push(
        code === 'OCR_TIMEOUT' ? errorInfo(code, location) : asErrorInfo(e, code, location),
      );
      return emptyOcr(prepared);
    }
  }

  private async loadPreRead(page: PreReadPage): Promise<FlowPage | null> {
    try {
      this.options.signal?.throwIfAborted();
      const read = await this.timed('image', () => page.load());
      const { ocr, analysis, ...prepared } = read;
      const location = whole(page.name);
      return {
        sourceName: page.name,
        pageInFile: null,
        location,
        prepared,
        ocr,
        analysis,
        turn: page.turn,
      };
    } catch (e) {
      if (this.options.signal?.aborted) throw e;
      this.errors.push(asErrorInfo(e, 'FILE_NOT_FOUND', whole(page.name)));
      return null;
    }
  }

  private async takeOldest(): Promise<void> {
    const page = await this.inFlight.shift()!;
    if (!page) return;
    await this.timed('pdf', () => this.options.consume(page));
    this.done++;
    // Not inside the optional call: its arguments are skipped when there is no listener.
    this.options.onProgress?.({
      stage: 'page',
      done: this.done,
      total: this.knownPages + this.unopened,
      subject: page.sourceName,
    });
  }

  private async enter(job: Promise<FlowPage | null>): Promise<void> {
    // Keep the rejection observed while the job waits its turn in the window.
    job.catch(() => undefined);
    this.inFlight.push(job);
    while (this.inFlight.length >= this.options.window) await this.takeOldest();
  }
}

export async function runPageFlow(
  sources: readonly RecordPage[],
  options: FlowOptions,
): Promise<FlowResult> {
  const flow = new Flow(sources, options);
  await flow.run(sources);
  return {
    pages: flow.done,
    errors: flow.errors,
    stageMs: roundAll(flow.stageMs),
    imageStepMs: roundAll(flow.imageStepMs),
    osdPages: flow.osdPages,
  };
}

async function readSource(source: PageSource): Promise<Buffer> {
  try {
    return await source.read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const location = whole(path.basename(source.name));
    if (code === 'ENOENT') throw new SohoaError('FILE_NOT_FOUND', location, { cause: e });
    if (code === 'EISDIR') throw new SohoaError('FILE_NOT_IMAGE', location, { cause: e });
    throw e;
  }
}

function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)])) as T;
}
