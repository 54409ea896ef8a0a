export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  box: Box;
  confidence: number;
}

export interface OcrLine {
  words: OcrWord[];
  box: Box;
}

/** One recognized page, in the pixel coordinates of the image that was recognized. */
export interface OcrPage {
  text: string;
  /** Mean word confidence, 0–100 (0 for a page with no words). */
  confidence: number;
  lines: OcrLine[];
  widthPx: number;
  heightPx: number;
}

export interface RecognizeOptions {
  /** Scan resolution: a PGM carries none, and Tesseract would otherwise assume 70 dpi. */
  dpi?: number;
  /** Cancels the page: a queued page leaves the queue, a running one loses its worker. */
  signal?: AbortSignal;
  /**
   * `interactive`: someone is waiting for this page (the counter): it goes ahead of every queued
   * batch page, behind other interactive ones. Default `batch`.
   */
  priority?: 'interactive' | 'batch';
}

export interface OcrEngine {
  /** `image` is any format Leptonica reads; the pipeline passes grey PGM (uncompressed). */
  recognize(
    image: Buffer,
    widthPx: number,
    heightPx: number,
    options?: RecognizeOptions,
  ): Promise<OcrPage>;
  close(): Promise<void>;
}

/** Which engine reads the pages, as the digitize report and the benchmark name it. */
export interface OcrEngineInfo {
  /** `native`: a Tesseract program on the machine; `wasm`: tesseract.js, always available. */
  kind: 'native' | 'wasm';
  version: string;
  languages: string[];
  /** The model family: `best_int` (the npm packages) or where the native data came from. */
  model: string;
  /** The native program, when that is the engine. */
  program?: string;
  /** Why the other engine is not used (no program found, no Vietnamese data, forced by setting). */
  note?: string;
}
