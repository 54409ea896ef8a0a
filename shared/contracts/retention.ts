// Contract channels of retention: each store of the data folder with its size and its rule (Cài
// đặt), a sweep started by hand, and erasing an applicant's personal data once their dossier's
// retention period has ended (checked first, so the screen can say when it ends and why not yet).
// Spread into shared/contract.ts; the core's handlers are electron/core/api/retentionHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
import { z } from 'zod';
import { ErrorInfo } from '../errors';

/**
 * The stores of the data folder (and the hot folders' done/ on the share), each with one rule:
 * the archive is kept (personal data erased per dossier when its period ends); the others are
 * cleared by the background job as Cài đặt says.
 */
export const RETENTION_STORE_IDS = [
  'archive',
  'sessions',
  'scans',
  'renderCache',
  'batchOriginals',
  'staged',
  'hotFolderDone',
  'copies',
  'work',
  'queues',
  'configuration',
] as const;
export const RetentionStoreId = z.enum(RETENTION_STORE_IDS);
export type RetentionStoreId = z.infer<typeof RetentionStoreId>;

export const StoreRule = z.discriminatedUnion('kind', [
  /** Kept as long as the desk runs (the archive, its queues, the configuration). */
  z.object({ kind: z.literal('kept') }),
  /** Removed this many days after its last change (0: kept). */
  z.object({ kind: z.literal('days'), days: z.number().int().nonnegative() }),
  /** Least recently used removed first above this size. */
  z.object({ kind: z.literal('sizeCap'), mb: z.number().int().positive() }),
  /** Removed once every record made from it is archived and its upload confirmed. */
  z.object({ kind: z.literal('afterUpload'), enabled: z.boolean() }),
]);
export type StoreRule = z.infer<typeof StoreRule>;

const Count = z.object({ files: z.number().int().nonnegative(), bytes: z.number().nonnegative() });

export const StoreReport = z.object({
  id: RetentionStoreId,
  bytes: z.number().nonnegative(),
  files: z.number().int().nonnegative(),
  rule: StoreRule,
  /** What the last sweep removed from this store (null before the first sweep). */
  removed: Count.nullable(),
  /** Why the store could not be measured or swept (a share gone, a folder that is a link). */
  problem: ErrorInfo.nullable(),
});
export type StoreReport = z.infer<typeof StoreReport>;

/** A reception dossier by its code, or the one an archived record was made from. */
const Target = z.object({
  recordId: z.number().int().positive().optional(),
  dossierCode: z.string().min(1).max(60).optional(),
});
const oneOf = (t: z.infer<typeof Target>) =>
  (t.recordId === undefined) !== (t.dossierCode === undefined);
const EraseTarget = Target.refine(oneOf, 'recordId or dossierCode');
/** Who asked, for the audit log (the archive screen has no clerk: the desk itself). */
const EraseRequest = Target.extend({ clerk: z.string().min(1).max(100).optional() }).refine(
  oneOf,
  'recordId or dossierCode',
);

/** What an erasure removed or overwrote (never the data itself). */
export const ERASED_PARTS = [
  'applicant',
  'documentTexts',
  'documentFields',
  'classifier',
  'recordTitle',
  'pageTexts',
  'searchIndex',
  'recordFile',
  'outboxItem',
  'renderCache',
  'sessions',
  'outputCopy',
  'exports',
  'batchFiles',
  'transitionReasons',
  'batchTitles',
] as const;
export const ErasedPart = z.enum(ERASED_PARTS);
export type ErasedPart = z.infer<typeof ErasedPart>;

export const EraseCheck = z.object({
  /** The reception dossier (null: the record was not made at the counter, it has no applicant). */
  dossierCode: z.string().nullable(),
  /** When the retention period ends (DD/MM/YYYY), null when it never does or cannot be told. */
  retentionEnds: z.string().nullable(),
  erasable: z.boolean(),
  /** Why not (yet): the typed error the erasure itself would answer. */
  refusal: ErrorInfo.nullable(),
  /** Already erased, when (ISO). */
  erasedAt: z.string().nullable(),
});
export type EraseCheck = z.infer<typeof EraseCheck>;

/** A package exported outside the data folder, which an erasure cannot reach. */
export const ExportedPackage = z.object({
  /** The folder (BagIt) or .zip (E-ARK) as written. */
  location: z.string(),
  format: z.string(),
  exportedAt: z.string(),
  /** Whether it was still there when the erasure looked (a USB stick may be elsewhere). */
  present: z.boolean(),
});
export type ExportedPackage = z.infer<typeof ExportedPackage>;

export const EraseOutcome = z.object({
  dossierCode: z.string(),
  recordCode: z.string().nullable(),
  erasedAt: z.string(),
  erased: z.array(ErasedPart),
  /** Files that could not be removed this time (the erasure may be run again to finish). */
  problems: z.array(ErrorInfo),
  /** Packages exported outside the data folder: the user must delete these copies. */
  exportsOutside: z.array(ExportedPackage).default([]),
});
export type EraseOutcome = z.infer<typeof EraseOutcome>;

export const RETENTION_CHANNELS = {
  retentionStatus: {
    request: z.object({}),
    response: z.object({
      stores: z.array(StoreReport),
      lastSweepAt: z.string().nullable(),
      sweeping: z.boolean(),
    }),
  },
  retentionSweep: {
    request: z.object({}),
    response: z.object({ started: z.boolean() }),
  },
  personalDataEraseCheck: { request: EraseTarget, response: EraseCheck },
  personalDataErase: { request: EraseRequest, response: EraseOutcome },
} as const;
