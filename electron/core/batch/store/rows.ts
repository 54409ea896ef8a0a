// The batch store's rows as the queue sees them, and how a SQLite row becomes one (JSON columns
// checked against their shared schemas; a column that no longer parses reads as empty).
import type {
  BatchFile,
  BatchState,
  ReviewItem,
  ReviewReason,
} from '../../../../shared/contracts/batch';
import { SeparationOptions, SplitPlan } from '../../../../shared/contracts/intake';
import { ErrorInfo } from '../../../../shared/errors';

export interface BatchRow {
  id: number;
  title: string;
  state: BatchState;
  source: 'files' | 'folder';
  folder: string | null;
  createdAt: string;
  pagesDone: number;
  pagesTotal: number;
  activeMs: number;
  recordId: number | null;
  dossierCode: string | null;
  error: ErrorInfo | null;
  dossierTitle: string | null;
  files: number;
  filesFailed: number;
  reviewOpen: number;
  separation: SeparationOptions | null;
  plan: SplitPlan | null;
  planAccepted: boolean;
  records: number;
  /** Planned documents that failed: no record made (retry archives only these). */
  recordsFailed: number;
  /** The plan was accepted without review (SeparationOptions.autoAccept). */
  autoAccepted: boolean;
  /** Set for a batch keyed by its content (a hot folder's burst); else the batch's own id keys it. */
  sourceRef: string | null;
  /** Its record was in the archive already (made from the same scans before): nothing new made. */
  alreadyArchived: boolean;
}

export interface StackRow {
  idx: number;
  fileId: number;
  pageInFile: number;
  name: string;
  path: string;
  /** Its file's content hash, known for a hot folder's files (batch_files.sha256). */
  sha256?: string | null;
}

export interface FileRow extends BatchFile {
  ordinal: number;
  path: string;
}

export interface NewFile {
  name: string;
  path: string;
  bytes: number;
  /** Known for a hot folder's files (the ledger's key); looked up by `unfinishedHolding`. */
  sha256?: string;
}

export interface PageRow {
  ordinal: number;
  fileId: number;
  pageInFile: number;
  confidence: number;
  blank: boolean;
  inkRatio: number;
}

export interface NewReviewItem {
  reason: ReviewReason;
  subject: string;
  fileId: number;
  pageInFile: number;
  ordinal: number;
  confidence: number;
  inkRatio: number | null;
  candidates: string[];
  /** The archived record the page is in, when it is not the batch's one record. */
  recordId?: number | null;
}

export const BATCH_SELECT = `
  SELECT b.*,
    (SELECT count(*) FROM batch_files f WHERE f.batch_id = b.id) AS files,
    (SELECT count(*) FROM batch_files f WHERE f.batch_id = b.id AND f.state = 'failed') AS files_failed,
    (SELECT count(*) FROM review_items r WHERE r.batch_id = b.id AND r.state = 'open') AS review_open,
    (SELECT count(*) FROM batch_records x WHERE x.batch_id = b.id AND x.archive_id IS NOT NULL) AS records,
    (SELECT count(*) FROM batch_records x WHERE x.batch_id = b.id AND x.archive_id IS NULL AND x.error IS NOT NULL) AS records_failed,
    (SELECT count(*) FROM batch_records x WHERE x.batch_id = b.id AND x.already_archived = 1) AS records_already
  FROM batches b`;

export type Raw = Record<string, unknown>;

function parseErrors(json: unknown): ErrorInfo[] {
  const parsed = ErrorInfo.array().safeParse(JSON.parse(typeof json === 'string' ? json : '[]'));
  return parsed.success ? parsed.data : [];
}

export function toBatch(r: Raw): BatchRow {
  const error = typeof r.error === 'string' ? ErrorInfo.safeParse(JSON.parse(r.error)) : null;
  return {
    id: Number(r.id),
    title: String(r.title),
    state: r.state as BatchState,
    source: r.source as BatchRow['source'],
    folder: (r.folder as string | null) ?? null,
    createdAt: String(r.created_at),
    pagesDone: Number(r.pages_done),
    pagesTotal: Number(r.pages_total),
    activeMs: Number(r.active_ms),
    recordId: (r.dossier_id as number | null) ?? null,
    dossierCode: (r.dossier_code as string | null) ?? null,
    error: error?.success ? error.data : null,
    dossierTitle: (r.dossier_title as string | null) ?? null,
    files: Number(r.files ?? 0),
    filesFailed: Number(r.files_failed ?? 0),
    reviewOpen: Number(r.review_open ?? 0),
    separation: parseJson(r.separation, SeparationOptions),
    plan: parseJson(r.plan, SplitPlan),
    planAccepted: r.plan_accepted === 1,
    records: Number(r.records ?? 0),
    recordsFailed: Number(r.records_failed ?? 0),
    autoAccepted: r.auto_accepted === 1,
    sourceRef: (r.source_ref as string | null) ?? null,
    alreadyArchived: r.already_archived === 1 || Number(r.records_already ?? 0) > 0,
  };
}

export function parseJson<T>(
  json: unknown,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  if (typeof json !== 'string') return null;
  const parsed = schema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export function toFile(r: Raw): FileRow {
  return {
    id: Number(r.id),
    ordinal: Number(r.ordinal),
    name: String(r.name),
    path: String(r.path),
    state: r.state as BatchFile['state'],
    pages: (r.pages as number | null) ?? null,
    errors: parseErrors(r.errors),
  };
}

export function toReview(r: Raw): ReviewItem {
  return {
    id: Number(r.id),
    batchId: Number(r.batch_id),
    batchTitle: typeof r.batch_title === 'string' ? r.batch_title : '',
    reason: r.reason as ReviewReason,
    subject: String(r.subject),
    fileId: Number(r.file_id),
    pageInFile: Number(r.page_in_file),
    ordinal: Number(r.ordinal),
    confidence: Number(r.confidence),
    inkRatio: (r.ink_ratio as number | null) ?? null,
    candidates: JSON.parse(String(r.candidates)) as string[],
    state: r.state as ReviewItem['state'],
    recordId: (r.dossier_id as number | null) ?? null,
  };
}

/** How one file of a run went, as saved with the run's outcome. */
export interface FileOutcome {
  id: number;
  state: BatchFile['state'];
  pages: number | null;
  errors: ErrorInfo[];
}

/** A batch's counters: pages done of pages known, over time actually running. */
export interface Progress {
  pagesDone: number;
  pagesTotal: number;
  activeMs: number;
}
