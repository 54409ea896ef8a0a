import type { DocumentMetadataInput, RecordMetadataInput } from '../../../shared/archiveMetadata';
import type { RecordSummary, PageAnalysisRecord, StageTiming } from '../../../shared/contract';
import type { ErrorInfo, PageLocation } from '../../../shared/errors';
import type { Resolution } from '../imaging/resolution';
import type { OcrEngineInfo, OcrPage } from '../ocr/types';

/** One input page as the user named it; read lazily so a missing file fails only itself. */
export interface PageSource {
  name: string;
  read(): Promise<Buffer>;
}

/** Clockwise quarter turns. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/**
 * A page already prepared and read (the counter's session read it when the clerk added it): it is
 * assembled as it is, never decoded, straightened or OCR'd again. The clerk's later turn is applied
 * to the image and its text layer together when the PDF page is written.
 */
export interface PreReadPage {
  name: string;
  turn: QuarterTurn;
  /** Loaded when the page's turn comes, so a long record is never all in memory at once. */
  load(): Promise<ReadPage>;
}

/** What a page became when it was read: the archival image and its words, in the same pixels. */
export interface ReadPage {
  widthPx: number;
  heightPx: number;
  dpi: number;
  archival: { format: 'jpeg' | 'png'; bytes: Buffer };
  ocr: OcrPage;
  analysis: PageAnalysisRecord;
}

/** What a record is made from: files to read, or pages read already. */
export type RecordPage = PageSource | PreReadPage;

export const isPreRead = (page: RecordPage): page is PreReadPage => 'load' in page;

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
  /**
   * TT 05/2025 fields of the record (paperFileCode: the paper dossier's code…), written in the
   * same archive transaction as the record. Checked before any page is read.
   */
  metadata?: RecordMetadataInput;
  /** Fields of the record's one document (typeName: the document type in words…). */
  documentMetadata?: DocumentMetadataInput;
  /**
   * Read the document's type and TT 05/2025 fields from its first page (default true); the
   * record is then titled from them unless it is a personal paper.
   */
  describe?: boolean;
  /**
   * A stable key of what the record is made from (a batch, one planned document, a burst's
   * content). A record with this key in the archive is returned as it is, never made twice: checked
   * before the pages are read and again inside the archive's write transaction.
   */
  sourceRef?: string;
  /** The record's code when it already has one (a dossier received at the counter), not a new one. */
  code?: string;
}

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
  subject?: string;
}

export interface DigitizeOutcome {
  record: RecordSummary | null;
  pdfPath: string | null;
  /**
   * Beside a PDF received signed (then `pdfPath` is that original, byte for byte): the desk's
   * searchable copy with its own signature.
   */
  companionPath?: string;
  fileErrors: ErrorInfo[];
  timings: StageTiming[];
  /** Per page, in PDF order: what the image pipeline did and the OCR's mean confidence. */
  pages: PageReport[];
  /** The archive already held a record with this `sourceRef`: that record, nothing new made. */
  alreadyArchived?: boolean;
  /** The OCR engine that read the pages (absent when no page needed reading). */
  ocrEngine?: OcrEngineInfo;
  /**
   * The image steps over all pages: wall time per step (ms, summed; pages overlap), and how many
   * pages needed Tesseract's orientation model because their text lines left doubt.
   */
  imageSteps?: { ms: Record<string, number>; osdPages: number; pages: number };
}

export interface PageReport {
  ordinal: number;
  /** Display name: the file, with "#n" for page n of a file of several pages. */
  sourceName: string;
  /** The same, as data (absent for a record archived earlier, returned as it was). */
  location?: PageLocation;
  /** The page's resolution and where it came from (the file, its paper size, or assumed). */
  resolution?: Resolution;
  confidence: number;
  analysis: PageAnalysisRecord;
  /**
   * For a scanned PDF received unsigned: whether its own page (image streams untouched) carries
   * the text layer, or why it was re-rendered instead (turned, deskewed, cropped, has-own-text…).
   */
  original?: { kept: true } | { kept: false; reason: string };
}
