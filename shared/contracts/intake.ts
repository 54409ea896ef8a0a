// Contract channels for intake: the hot folder's feed, file and folder import, and separating a
// stack into documents (splits shown and movable, separator sheets printable).
// Spread into shared/contract.ts; the core's handlers are electron/core/api/intakeHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
import { z } from 'zod';
import { DocumentType } from '../classification';
import { ErrorCode } from '../errors';
import { PathGrant } from './host';

/** Kodak patch codes a scanner or this desk can read (Patch 1–4, 6 and T, the transfer patch). */
export const PatchCode = z.enum(['1', '2', '3', '4', '6', 'T']);
export type PatchCode = z.infer<typeof PatchCode>;

/** What a separator sheet's QR code or barcode says (our own `SOHOA:TACH` text, or `PATCHT`). */
export const SeparatorContent = z.object({
  /** The document that follows is of this type. */
  type: DocumentType.optional(),
  /** The pages that follow belong to this dossier (hồ sơ); a new dossier starts here. */
  dossierCode: z.string().max(64).optional(),
});
export type SeparatorContent = z.infer<typeof SeparatorContent>;

/** What was measured on one page that separation can use. */
export const PageSignals = z.object({
  name: z.string().max(300),
  blank: z.boolean().default(false),
  inkRatio: z.number().min(0).max(1).optional(),
  patch: PatchCode.nullable().default(null),
  /** Content of a separator QR/barcode on the page, null when it carries none of ours. */
  separator: SeparatorContent.nullable().default(null),
  /** The classifier's type for this page alone (null: not sure, e.g. a continuation page). */
  docType: DocumentType.nullable().default(null),
  /** Front or back when the stack was scanned duplex. */
  side: z.enum(['front', 'back']).optional(),
});
export type PageSignals = z.infer<typeof PageSignals>;
export type PageSignalsInput = z.input<typeof PageSignals>;

export const SplitMethod = z.enum([
  'blank',
  'patch',
  'code',
  'count',
  'classifier',
  'manual',
  'start',
]);
export type SplitMethod = z.infer<typeof SplitMethod>;

export const SeparationOptions = z.object({
  /** A blank sheet (both sides blank when duplex) separates documents. */
  blank: z.boolean().default(false),
  /** Which patch codes separate; empty for none. */
  patchCodes: z.array(PatchCode).default([]),
  /** Separator sheets with our QR code (or PATCHT barcode) separate. */
  codes: z.boolean().default(false),
  /** Every N pages is a document (after separators are taken out). */
  fixedCount: z.number().int().positive().max(10_000).optional(),
  /** A new document starts where the classifier's page type changes. */
  classifier: z.boolean().default(false),
  /** Keep separator sheets as the first page of the document they introduce (default: drop). */
  keepSeparators: z.boolean().default(false),
  /** Pages come in sheets (front, back): a separator sheet's back goes with it. */
  duplex: z.boolean().default(false),
  /**
   * Accept the plan without review when every split comes from a separator sheet or a patch code
   * (machine-readable evidence) and every page was read; otherwise the batch still waits (off
   * when absent).
   */
  autoAccept: z.boolean().optional(),
});
export type SeparationOptions = z.infer<typeof SeparationOptions>;
export type SeparationOptionsInput = z.input<typeof SeparationOptions>;

/** Why a document starts where it does: the clerk sees this beside each split. */
export const SplitReason = z.object({
  method: SplitMethod,
  /** The page (0-based, in the stack) whose evidence caused the split. */
  evidencePage: z.number().int().nonnegative().optional(),
  /** e.g. the patch code, the separator text, the two page types, the page count. */
  detail: z.string().max(300).optional(),
  /** For a split the clerk moved: where it was before. */
  movedFrom: z.number().int().nonnegative().optional(),
});
export type SplitReason = z.infer<typeof SplitReason>;

export const PlannedPage = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  role: z.enum(['content', 'separator']),
  /** Flagged, never dropped silently: the clerk sees it. */
  blank: z.boolean(),
  /** A blank back of a duplex sheet (kept, flagged). */
  blankBack: z.boolean(),
  /** The classifier's type for this page alone, when it was sure. */
  docType: DocumentType.nullable(),
});
export type PlannedPage = z.infer<typeof PlannedPage>;

export const PlannedDocument = z.object({
  /** Stack indexes of the pages, in order (separators only when kept). */
  pages: z.array(z.number().int().nonnegative()),
  reasons: z.array(SplitReason),
  type: DocumentType.nullable(),
  /** Where the type came from: the separator sheet said so, or the pages' classification. */
  typeFrom: z.enum(['separator', 'pages']).nullable(),
  dossierCode: z.string().nullable(),
  /** A dossier boundary (Patch 2, or a separator naming a dossier) rather than a document one. */
  startsDossier: z.boolean(),
});
export type PlannedDocument = z.infer<typeof PlannedDocument>;

/**
 * A split plan: the pages with their roles and the documents they form. The splits are the
 * documents' first content pages; the clerk moves, adds and removes them (adjustSplits).
 */
export const SplitPlan = z.object({
  options: SeparationOptions,
  pages: z.array(PlannedPage).max(20_000),
  documents: z.array(PlannedDocument),
});
export type SplitPlan = z.infer<typeof SplitPlan>;

export const SplitEdit = z.discriminatedUnion('op', [
  /** Start a document at page `at` (a content page). */
  z.object({ op: z.literal('add'), at: z.number().int().nonnegative() }),
  /** Join the document starting at `at` to the one before. */
  z.object({ op: z.literal('remove'), at: z.number().int().nonnegative() }),
  /** The document starting at `from` starts at `to` instead. */
  z.object({
    op: z.literal('move'),
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
  }),
  /** Mark a page as a separator sheet or back as content. */
  z.object({
    op: z.literal('role'),
    at: z.number().int().nonnegative(),
    role: z.enum(['content', 'separator']),
  }),
]);
export type SplitEdit = z.infer<typeof SplitEdit>;

export const SeparatorSheetSpec = z.object({
  patch: PatchCode.nullable().default('T'),
  /** Print a QR code that says "separator" (and the type/dossier below when given). */
  qr: z.boolean().default(true),
  type: DocumentType.optional(),
  dossierCode: z
    .string()
    .max(64)
    .regex(/^[\p{L}\p{N}.\-_/]+$/u)
    .optional(),
});
export type SeparatorSheetSpec = z.infer<typeof SeparatorSheetSpec>;
export type SeparatorSheetSpecInput = z.input<typeof SeparatorSheetSpec>;

const HotFolderEvent = z.object({
  at: z.string(),
  kind: z.enum(['taken', 'done', 'error', 'duplicate', 'released']),
  name: z.string(),
  code: ErrorCode.optional(),
});

const MAX_PAGE_BASE64 = 60 * 1024 * 1024;

export const INTAKE_CHANNELS = {
  /** The hot folders this desk watches: what was taken, what waits, what failed. */
  hotFolderStatus: {
    request: z.object({}),
    response: z.object({
      folders: z.array(
        z.object({
          id: z.string(),
          /** Folder name as IT configured it (shown, never chosen by the renderer). */
          label: z.string(),
          watching: z.boolean(),
          waiting: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative() })),
          handling: z.number().int().nonnegative(),
          counts: z.object({
            taken: z.number().int().nonnegative(),
            done: z.number().int().nonnegative(),
            failed: z.number().int().nonnegative(),
          }),
          feed: z.array(HotFolderEvent),
          lastError: ErrorCode.nullable(),
        }),
      ),
    }),
  },
  /**
   * Lists the scans in a folder (recursive, stable order, hidden/system files skipped). The folder
   * comes from the host's own dialog (`choosePath`, purpose `importFolder`), sent as its grant.
   */
  importFolder: {
    request: z.object({ grant: PathGrant }),
    response: z.object({
      files: z.array(
        z.object({
          /** Relative to the folder, with '/' separators. */
          name: z.string(),
          size: z.number().int().nonnegative(),
        }),
      ),
      skipped: z.number().int().nonnegative(),
    }),
  },
  /** Measures the pages (blank, patch code, separator QR, page type) and plans the split. */
  planSeparation: {
    request: z.object({
      pages: z
        .array(
          z.object({
            name: z.string().min(1).max(300),
            imageBase64: z.string().max(MAX_PAGE_BASE64).optional(),
            /** OCR text of the page, for the classifier method. */
            text: z.string().max(200_000).optional(),
            blank: z.boolean().optional(),
            side: z.enum(['front', 'back']).optional(),
          }),
        )
        .min(1)
        .max(2000),
      options: SeparationOptions,
    }),
    response: z.object({ plan: SplitPlan, signals: z.array(PageSignals) }),
  },
  /** One clerk's correction of a plan; the plan comes back re-derived, reasons kept. */
  adjustSplits: {
    request: z.object({ plan: SplitPlan, edit: SplitEdit }),
    response: z.object({ plan: SplitPlan }),
  },
  /** A printable A4 PDF of separator sheets (one page per spec). */
  separatorSheet: {
    request: z.object({ sheets: z.array(SeparatorSheetSpec).min(1).max(100) }),
    response: z.object({ fileName: z.string(), pdfBase64: z.string() }),
  },
} as const;
