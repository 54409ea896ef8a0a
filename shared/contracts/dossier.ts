// Contract channels of the administrative dossier (hồ sơ thủ tục hành chính): the procedure
// catalogue, reading the applicant's CCCD, classifying a document, receiving a dossier without
// the counter's page session (the CLI's way), its lifecycle moves and history, and the clerk's
// confirmation of a document's type.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/dossierHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
import { z } from 'zod';
import { ClassificationSchema, DocumentType, ExtractedFieldSchema } from '../classification';
import { CardHolderSchema, CardKindSchema, IdentityCheckSchema, MrzDataSchema } from '../identity';
import { DossierState, Procedure } from '../procedures';
import { YearStatus } from '../workingDays';

/**
 * The applicant as the clerk confirmed them (from the card's QR, its MRZ, or typed). The ID is
 * the 12-digit personal identification number (the 9-digit CMND ceased to be valid on 31
 * December 2024); an old number appears only as read from the card's QR.
 */
export const Applicant = z.object({
  fullName: z.string().min(1).max(200),
  idNumber: z.string().regex(/^\d{12}$/),
  source: z.enum(['qr', 'mrz', 'typed']),
  phone: z.string().max(30).optional(),
  address: z.string().max(500).optional(),
  dateOfBirth: z.string().optional(),
  /** The old CMND number the card's QR carries, shown only as the old number. */
  oldIdNumber: z
    .string()
    .regex(/^\d{9}(\d{3})?$/)
    .optional(),
  /** Which card the applicant showed, when read from it. */
  card: CardKindSchema.optional(),
});

/** An applicant as stored: dossiers received before the 12-digit rule may hold an old number. */
const StoredApplicant = Applicant.extend({ idNumber: z.string() });

/**
 * Where the applicant chose to collect the result (ND 118/2025/NĐ-CP): one of the reception
 * unit's places (by its name), or by the public postal service (to this address, else the
 * applicant's).
 */
export const ResultDelivery = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('place'),
    name: z.string().min(1).max(200),
    address: z.string().max(300).default(''),
  }),
  z.object({ kind: z.literal('post'), address: z.string().max(500).default('') }),
]);
export type ResultDelivery = z.infer<typeof ResultDelivery>;

/** An appointment date, and whether its year follows an official holiday notice or an estimate. */
export const DueDateView = z.object({
  countedFrom: z.string(),
  due: z.string(),
  workingDays: z.number(),
  /** A day counted came from an estimate. */
  estimated: z.boolean(),
  dueYear: z.object({
    year: z.number().int(),
    status: YearStatus,
    /** "Thông báo 9441/TB-BNV ngày 16/10/2025", '' when there is none. */
    notice: z.string(),
  }),
});
export type DueDateView = z.infer<typeof DueDateView>;

const DossierSchema = z.object({
  id: z.number().int().positive(),
  code: z.string(),
  procedureCode: z.string(),
  applicant: StoredApplicant,
  state: DossierState,
  receivedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** Whether the appointment rested on an estimated holiday year when it was set. */
  dueEstimated: z.boolean().nullable(),
  delivery: ResultDelivery.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const MAX_TEXT = 2_000_000;

export const DOSSIER_CHANNELS = {
  listProcedures: {
    request: z.object({}),
    response: z.object({
      origin: z.enum(['shipped', 'local']),
      version: z.string(),
      procedures: z.array(Procedure),
    }),
  },
  readCard: {
    request: z
      .object({
        imageBase64: z
          .string()
          .max(50 * 1024 * 1024)
          .optional(),
        typed: z.string().max(4000).optional(),
        mrz: z.string().max(400).optional(),
      })
      .refine((r) => r.imageBase64 || r.typed !== undefined || r.mrz, 'imageBase64, typed or mrz'),
    response: z.object({
      holder: CardHolderSchema.nullable(),
      mrz: MrzDataSchema.nullable(),
      checks: z.array(IdentityCheckSchema),
      fields: z.array(ExtractedFieldSchema),
    }),
  },
  classifyDocument: {
    request: z.object({ text: z.string().max(MAX_TEXT) }),
    response: z.object({
      classification: ClassificationSchema,
      fields: z.array(ExtractedFieldSchema),
    }),
  },
  receiveDossier: {
    request: z.object({
      procedureCode: z.string().min(1),
      applicant: Applicant,
      documents: z
        .array(z.object({ name: z.string().max(255), text: z.string().max(MAX_TEXT) }))
        .max(200),
      agencyId: z.string().min(1).max(13),
      agencyName: z.string().min(1).max(200),
      /** The receiving unit printed on slips; default: Cài đặt's, else the agency. */
      unitName: z.string().max(300).optional(),
      place: z.string().min(1).max(100),
      clerk: z.string().min(1).max(100),
      /** A code handed over by the provincial system, stored as it is. */
      externalCode: z.string().max(64).optional(),
      delivery: ResultDelivery.optional(),
      refuseReason: z.string().max(2000).optional(),
    }),
    response: z.object({
      dossier: DossierSchema,
      documents: z.array(
        z.object({
          name: z.string(),
          classification: ClassificationSchema,
          fields: z.array(ExtractedFieldSchema),
        }),
      ),
      missingMandatory: z.array(z.string()),
      due: DueDateView.nullable(),
      slip: z.object({ kind: z.enum(['receipt', 'supplement', 'refusal']), pdfBase64: z.string() }),
    }),
  },
  transitionDossier: {
    request: z.object({
      code: z.string().min(1),
      to: DossierState,
      clerk: z.string().min(1).max(100),
      reason: z.string().max(2000).optional(),
    }),
    response: DossierSchema,
  },
  dossierHistory: {
    request: z.object({ code: z.string().min(1) }),
    response: z.object({
      transitions: z.array(
        z.object({
          from: DossierState.nullable(),
          to: DossierState,
          clerk: z.string(),
          reason: z.string().nullable(),
          at: z.string(),
        }),
      ),
    }),
  },
  confirmDocument: {
    request: z.object({
      documentId: z.number().int().positive(),
      type: DocumentType,
      clerk: z.string().min(1).max(100),
    }),
    response: z.object({
      id: z.number(),
      type: DocumentType.nullable(),
      confirmedBy: z.string().nullable(),
    }),
  },
} as const;
