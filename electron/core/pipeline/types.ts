import type { DossierSummary, PageAnalysisRecord, StageTiming } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';

/** One input page as the user named it; read lazily so a missing file fails only itself. */
export interface PageSource {
  name: string;
  read(): Promise<Buffer>;
}

export interface DigitizeOptions {
  title?: string;
  /** Output folder for the signed PDF; defaults to the data folder's output/. */
  outDir?: string;
  /** Called as each stage progresses, e.g. for the CLI and the UI's progress bar. */
  onProgress?: (event: ProgressEvent) => void;
  /** Stops the batch: nothing is archived, the inputs are untouched. */
  signal?: AbortSignal;
  /** Image steps; all on by default. */
  deskew?: boolean;
  orientation?: boolean;
  cropEdges?: boolean;
}

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
  subject?: string;
}

export interface DigitizeOutcome {
  dossier: DossierSummary | null;
  pdfPath: string | null;
  fileErrors: ErrorInfo[];
  timings: StageTiming[];
  /** Per page, in PDF order: what the image pipeline did and the OCR's mean confidence. */
  pages: PageReport[];
}

export interface PageReport {
  ordinal: number;
  sourceName: string;
  confidence: number;
  analysis: PageAnalysisRecord;
}
