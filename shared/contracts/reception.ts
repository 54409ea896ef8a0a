// Contract channels of the reception (tiếp nhận): one applicant at the counter screen. The
// desk's signer and recent procedures, pages added to an open reception (prepared and OCR'd once,
// shown as thumbnails), receiving + digitizing + signing the dossier with the clerk's
// corrections, the receipt preview, and finishing. The dossier itself: contracts/dossier.ts.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/receptionHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
import { z } from 'zod';
import { DocumentType, ExtractedFieldSchema } from '../classification';
import { ErrorInfo } from '../errors';
import { DossierState } from '../procedures';
import { Applicant, DueDateView, ResultDelivery } from './dossier';
import { InputFile, OutboxState, Rotation } from './records';

// The clerk's page turns, named here too for the reception's own code and screen.
export { Rotation };

/** The files of one open reception are kept under this id until it is finished or dropped. */
export const ReceptionSessionId = z.string().regex(/^[a-z0-9-]{8,64}$/);

export const ReceptionPage = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  sourceName: z.string(),
  /** Small JPEG of the upright page, as a data: URL (the CSP allows data: images). */
  thumbnail: z.string(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  text: z.string(),
  /** Mean OCR confidence, 0–100 (0 for a blank page). */
  confidence: z.number().min(0).max(100),
  blank: z.boolean(),
});
export type ReceptionPage = z.infer<typeof ReceptionPage>;

export const SignerInfo = z.object({
  kind: z.enum(['demo', 'pkcs12', 'pkcs11']),
  /** The certificate holder (subject CN; the file name if it cannot be read), the token's label, or empty for the demo key. */
  label: z.string(),
  /** A token's PIN is asked by the app's main process, never typed into the page. */
  pinAskedByMainProcess: z.boolean(),
});
export type SignerInfo = z.infer<typeof SignerInfo>;

const PageRef = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/), rotation: Rotation });

/** The digitized, signed copy of a received dossier, as the archive recorded it. */
const ArchivedCopy = z.object({
  code: z.string(),
  pageCount: z.number().int().nonnegative(),
  signer: z.string(),
  demo: z.boolean(),
});

/** A file from the reception's hot folder, copied into the data folder, waiting for the clerk. */
export const StagedFileId = z.string().regex(/^[0-9]{13}-[a-f0-9]{8}$/);
const HotFolderFile = z.object({
  id: StagedFileId,
  /** Its name in the hot folder. */
  name: z.string(),
  /** The hot folder's label. */
  folder: z.string(),
  size: z.number().int().nonnegative(),
  /** Pages in the file, when it could be opened on arrival. */
  pages: z.number().int().positive().nullable(),
  arrivedAt: z.string(),
});

export const RECEPTION_CHANNELS = {
  receptionStatus: {
    request: z.object({}),
    response: z.object({
      agency: z.object({ id: z.string(), name: z.string() }),
      /**
       * The receiving unit (ND 118/2025/NĐ-CP) as slips name it, the places the applicant may
       * choose to collect the result from (at least one), and whether the post is offered.
       */
      unit: z.object({
        name: z.string(),
        places: z.array(z.object({ name: z.string(), address: z.string() })).min(1),
        postal: z.boolean(),
      }),
      signer: SignerInfo,
      /** Procedure codes this desk received most recently, newest first. */
      recentProcedures: z.array(z.string()),
    }),
  },
  receptionAddPages: {
    request: z.object({
      sessionId: ReceptionSessionId,
      files: z.array(InputFile).min(1).max(100),
    }),
    response: z.object({ pages: z.array(ReceptionPage), fileErrors: z.array(ErrorInfo) }),
  },
  /** The reception's hot-folder inbox: files scanned to the folder, not yet in a reception. */
  receptionHotFolderInbox: {
    request: z.object({}),
    response: z.object({
      /** Hot folders feeding the reception (0: nothing to show). */
      folders: z.number().int().nonnegative(),
      files: z.array(HotFolderFile),
      /** Folders not watched now (unreachable share, watched by another window), by label. */
      problems: z.array(ErrorInfo),
    }),
  },
  /**
   * Adds inbox files (all, or those named) to the open reception, read like receptionAddPages; each
   * leaves the inbox once its pages are in the session (a file that cannot be read leaves it
   * with its error: the original is in the hot folder's done/).
   */
  receptionTakeFromHotFolder: {
    request: z.object({
      sessionId: ReceptionSessionId,
      ids: z.array(StagedFileId).min(1).max(500).optional(),
    }),
    response: z.object({ pages: z.array(ReceptionPage), fileErrors: z.array(ErrorInfo) }),
  },
  receptionReceive: {
    request: z.object({
      sessionId: ReceptionSessionId,
      procedureCode: z.string().min(1),
      applicant: Applicant,
      clerk: z.string().min(1).max(100),
      /** Where the applicant chose to collect the result; default: the unit's first place. */
      delivery: ResultDelivery.optional(),
      /** A code handed over by the provincial system, stored as it is. */
      externalCode: z.string().max(64).optional(),
      documents: z
        .array(
          z.object({
            pages: z.array(PageRef).min(1),
            /** The type the clerk accepted or chose; null while it still needs review. */
            type: DocumentType.nullable(),
            /** The clerk chose or corrected the type: the classifier learns it. */
            confirmed: z.boolean(),
            fields: z.array(ExtractedFieldSchema),
          }),
        )
        .min(1)
        .max(200),
    }),
    response: z.object({
      dossierCode: z.string(),
      state: DossierState,
      slipKind: z.enum(['receipt', 'supplement']),
      dueDate: z.string().nullable(),
      /** The appointment with its holiday basis (official notice or estimate); null without one. */
      due: DueDateView.nullable(),
      /** Where the result will be collected, as recorded with the dossier. */
      delivery: ResultDelivery,
      missing: z.array(z.string()),
      /** The digitized, signed copy in the archive (null for a request for supplement). */
      archived: ArchivedCopy.nullable(),
      outboxState: OutboxState.nullable(),
      fileErrors: z.array(ErrorInfo),
      /** The slip's first page as a PNG data: URL, and the PDF itself for printing or saving. */
      slipPreview: z.string(),
      slipPdfBase64: z.string(),
    }),
  },
  /** Signing again after a failure (token unplugged, wrong PIN): the same dossier, no new one. */
  receptionSign: {
    request: z.object({
      sessionId: ReceptionSessionId,
      dossierCode: z.string().min(1),
      clerk: z.string().min(1).max(100),
      pages: z.array(PageRef).min(1).max(2000),
    }),
    response: z.object({
      state: DossierState,
      archived: ArchivedCopy.nullable(),
      outboxState: OutboxState.nullable(),
      fileErrors: z.array(ErrorInfo),
    }),
  },
  receptionFinish: {
    request: z.object({
      sessionId: ReceptionSessionId,
      dossierCode: z.string().min(1).optional(),
      clerk: z.string().min(1).max(100),
    }),
    response: z.object({ state: DossierState.nullable() }),
  },
} as const;
