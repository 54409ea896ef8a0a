// Contract channels for the archive staff's digitization batches (queue, progress, pause/resume/cancel, review queue).
// Spread into shared/contract.ts; the core's handlers are electron/core/api/batchHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
// Progress reaches the UI by polling `batchList` (the contract is request/response), so that
// channel answers from memory and a few indexed rows.
import { z } from 'zod';
import { DocumentType } from '../classification';
import { ErrorInfo } from '../errors';
import { PathGrant } from './host';
import { SeparationOptions, SplitEdit, SplitPlan } from './intake';
import { InputFile } from './records';

/** Files per upload request: the UI sends a large selection in several requests. */
export const BATCH_UPLOAD_CHUNK = 50;
/** Below this mean OCR confidence (0–100) a page goes to the review queue. */
export const LOW_CONFIDENCE = 70;

export const BatchState = z.enum([
  /** Files are still being uploaded; the runner does not take it yet. */
  'uploading',
  'queued',
  'running',
  'paused',
  /** Separated batch: its pages were read and the split plan waits for the archivist (chờ duyệt tách). */
  'awaiting-split',
  'done',
  'failed',
  'cancelled',
]);
export type BatchState = z.infer<typeof BatchState>;

export const BatchSummary = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  state: BatchState,
  source: z.enum(['files', 'folder']),
  createdAt: z.string(),
  files: z.number().int().nonnegative(),
  filesFailed: z.number().int().nonnegative(),
  pagesDone: z.number().int().nonnegative(),
  /** Known so far: a file not yet opened counts as one page, as the pipeline counts it. */
  pagesTotal: z.number().int().nonnegative(),
  /** Over the time the batch actually ran (paused time excluded); null before the first page. */
  pagesPerMinute: z.number().nonnegative().nullable(),
  secondsLeft: z.number().int().nonnegative().nullable(),
  record: z.object({ id: z.number().int().positive(), code: z.string() }).nullable(),
  /** Why the whole batch failed (per-file errors are in `batchDetail`). */
  error: ErrorInfo.nullable(),
  reviewOpen: z.number().int().nonnegative(),
  /** The batch is split into documents (it was queued with separation options). */
  separated: z.boolean().default(false),
  /** Archived records the batch made (one per planned document when separated, else 0 or 1). */
  records: z.number().int().nonnegative().default(0),
  /**
   * Its record was in the archive already, made from the same scans (a hot folder's burst
   * delivered again): `record` is that record, nothing new was archived.
   */
  alreadyArchived: z.boolean().default(false),
  /**
   * Separated batch: planned documents that failed (no record made). A "done" batch with some is
   * "xong, N tài liệu lỗi" and can be retried: only these are archived again.
   */
  recordsFailed: z.number().int().nonnegative().default(0),
  /** Separated batch: its plan was accepted without review (every split machine-read). */
  autoAccepted: z.boolean().default(false),
  /** Of its archived records, those with document fields read by the machine that nobody reviewed. */
  recordsUnreviewed: z.number().int().nonnegative().default(0),
});
export type BatchSummary = z.infer<typeof BatchSummary>;

export const BatchFile = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  state: z.enum(['pending', 'reading', 'done', 'failed']),
  pages: z.number().int().nonnegative().nullable(),
  errors: z.array(ErrorInfo),
});
export type BatchFile = z.infer<typeof BatchFile>;

export const ReviewReason = z.enum(['blank', 'low-confidence', 'unclassified']);
export type ReviewReason = z.infer<typeof ReviewReason>;

export const ReviewItem = z.object({
  id: z.number().int().positive(),
  batchId: z.number().int().positive(),
  /** The batch's own title: the queue groups items under the batch they come from. */
  batchTitle: z.string(),
  reason: ReviewReason,
  /** The page as it is named in the record ("file.pdf#2"), or the file for a document. */
  subject: z.string(),
  fileId: z.number().int().positive(),
  pageInFile: z.number().int().nonnegative(),
  /** Page number in the record's PDF (the first page of a document). */
  ordinal: z.number().int().positive(),
  /** OCR confidence 0–100, or the classifier's 0–1 for a document. */
  confidence: z.number().nonnegative(),
  inkRatio: z.number().min(0).max(1).nullable(),
  /** The classifier's best guesses for a document, best first. */
  candidates: z.array(z.string()),
  state: z.enum(['open', 'accepted', 'dismissed']),
  recordId: z.number().int().positive().nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const BatchPage = z.object({
  fileId: z.number().int().positive(),
  pageInFile: z.number().int().nonnegative(),
  name: z.string(),
  state: z.enum(['pending', 'done', 'failed']),
  ordinal: z.number().int().positive().nullable(),
  review: ReviewReason.nullable(),
});
export type BatchPage = z.infer<typeof BatchPage>;

/** Where a page of the split plan comes from, for its thumbnail (same index as `plan.pages`). */
export const StackPage = z.object({
  fileId: z.number().int().positive(),
  pageInFile: z.number().int().nonnegative(),
});
export type StackPage = z.infer<typeof StackPage>;

/** One planned document once applied: the archived record it became (or why it failed). */
export const BatchRecord = z.object({
  /** Position in the plan's documents, from 0. */
  document: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  type: DocumentType.nullable(),
  /** The paper dossier it belongs to (from a separator sheet), when the plan names one. */
  dossierCode: z.string().nullable(),
  /** Which group of documents (a new one at each `startsDossier`), from 1. */
  group: z.number().int().positive(),
  archived: z.object({ id: z.number().int().positive(), code: z.string() }).nullable(),
  error: ErrorInfo.nullable(),
  /** `archived` was made by another batch from the same scans: found, not archived again. */
  alreadyArchived: z.boolean().optional(),
});
export type BatchRecord = z.infer<typeof BatchRecord>;

const BatchId = z.object({ batchId: z.number().int().positive() });

export const BATCH_CHANNELS = {
  /** Queue uploaded files; `batchId` + `more` let one batch arrive in several requests. */
  batchQueueFiles: {
    request: z.object({
      title: z.string().max(200).optional(),
      batchId: z.number().int().positive().optional(),
      more: z.boolean().default(false),
      files: z.array(InputFile).max(BATCH_UPLOAD_CHUNK),
    }),
    response: z.object({ batch: BatchSummary }),
  },
  /**
   * Queue every image and PDF under a folder of this machine (recursively): the folder the clerk
   * chose in the host's dialog (`choosePath`, purpose `batchFolder`), sent as its grant.
   */
  batchQueueFolder: {
    request: z.object({
      title: z.string().max(200).optional(),
      grant: PathGrant,
    }),
    response: z.object({ batch: BatchSummary }),
  },
  /** The polling channel: every batch with its progress, newest first. */
  batchList: {
    request: z.object({ limit: z.number().int().positive().max(200).default(50) }),
    response: z.object({ batches: z.array(BatchSummary), reviewOpen: z.number().int() }),
  },
  batchDetail: {
    request: BatchId,
    response: z.object({ batch: BatchSummary, files: z.array(BatchFile) }),
  },
  batchControl: {
    /** `retry`: a failed or cancelled batch, or a done separated one with failed documents. */
    request: BatchId.extend({ action: z.enum(['pause', 'resume', 'cancel', 'retry']) }),
    response: z.object({ batch: BatchSummary }),
  },
  /** The batch's pages for the thumbnail list, a window at a time. */
  batchPages: {
    request: BatchId.extend({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1000).default(200),
    }),
    response: z.object({ total: z.number().int().nonnegative(), pages: z.array(BatchPage) }),
  },
  batchThumbnail: {
    request: BatchId.extend({
      fileId: z.number().int().positive(),
      pageInFile: z.number().int().nonnegative(),
    }),
    /** A small JPEG as a data: URL (the CSP allows data: images). */
    response: z.object({ dataUrl: z.string() }),
  },
  batchReview: {
    request: z.object({
      batchId: z.number().int().positive().optional(),
      state: z.enum(['open', 'all']).default('open'),
    }),
    response: z.object({ items: z.array(ReviewItem) }),
  },
  /**
   * The separation options new batches get (files, folders, scans, hot-folder bursts): null for
   * none (one record per batch). Sent with `options` it saves them first.
   */
  batchSeparationDefaults: {
    request: z.object({ options: SeparationOptions.nullable().optional() }),
    response: z.object({ options: SeparationOptions.nullable() }),
  },
  /** A separated batch's split plan (once its pages are read) and what each document became. */
  batchSplitPlan: {
    request: BatchId,
    response: z.object({
      plan: SplitPlan.nullable(),
      stack: z.array(StackPage),
      records: z.array(BatchRecord),
    }),
  },
  /** One archivist's correction of the plan (core adjustSplits), saved with the batch. */
  batchAdjustSplits: {
    request: BatchId.extend({ edit: SplitEdit }),
    response: z.object({ plan: SplitPlan }),
  },
  /** The plan is right: the batch is queued again to archive one record per document. */
  batchAcceptSplits: {
    request: BatchId,
    response: z.object({ batch: BatchSummary }),
  },
  batchDecide: {
    request: z.object({
      itemId: z.number().int().positive(),
      decision: z.enum(['accepted', 'dismissed']),
    }),
    response: z.object({ item: ReviewItem }),
  },
  /**
   * One decision for a group of the queue (the items of one batch with the same reason and the
   * same best guess), in one transaction: every item or none. Items already decided stay as they
   * were decided.
   */
  batchDecideMany: {
    request: z.object({
      itemIds: z.array(z.number().int().positive()).min(1).max(2000),
      decision: z.enum(['accepted', 'dismissed']),
    }),
    response: z.object({ items: z.array(ReviewItem) }),
  },
} as const;
