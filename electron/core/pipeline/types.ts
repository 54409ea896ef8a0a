import type { DossierSummary, StageTiming } from '../../../shared/contract';
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
}
