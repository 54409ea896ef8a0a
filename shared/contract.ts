// The one typed contract between the UI and the core. Both transports (Electron IPC and the
// loopback web host) carry exactly these channels, validated with these schemas on both ends.
import { z } from 'zod';
import { ErrorInfo } from './errors';
import { ACQUIRE_CHANNELS } from './contracts/acquire';
import { BATCH_CHANNELS } from './contracts/batch';
import { DESK_CHANNELS } from './contracts/desk';
import { HOST_CHANNELS } from './contracts/host';
import { INTAKE_CHANNELS } from './contracts/intake';
import { RECORDS_CHANNELS } from './contracts/records';
import { TRUST_CHANNELS } from './contracts/trust';
import { RECEPTION_CHANNELS } from './procedures';

/** Upper bound for one uploaded page, base64 (a 600 dpi A4 colour TIFF is ~ 100 MB raw). */
const MAX_FILE_BASE64 = 200 * 1024 * 1024;

export const InputFile = z.object({
  name: z.string().min(1).max(255),
  dataBase64: z.string().max(MAX_FILE_BASE64),
});
export type InputFile = z.infer<typeof InputFile>;

export const StageTiming = z.object({ stage: z.string(), ms: z.number().nonnegative() });
export type StageTiming = z.infer<typeof StageTiming>;

export const SignatureSummary = z.object({
  signer: z.string(),
  signedAt: z.string(),
  subFilter: z.string(),
  demo: z.boolean(),
});
export type SignatureSummary = z.infer<typeof SignatureSummary>;

export const DossierSummary = z.object({
  id: z.number().int().positive(),
  code: z.string(),
  title: z.string(),
  createdAt: z.string(),
  pageCount: z.number().int().nonnegative(),
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signature: SignatureSummary.nullable(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;

/** What the image pipeline did to a page and what it measured: the review queue works on it. */
export const PageAnalysisRecord = z.object({
  /** Clockwise quarter turns applied to make the page upright. */
  rotatedDeg: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  orientationConfidence: z.number(),
  /** Skew measured, degrees clockwise; removed when `deskewed`. */
  skewDeg: z.number(),
  deskewed: z.boolean(),
  cropped: z.boolean(),
  /** The text came from the source PDF's own text layer, not from OCR. */
  textFromSource: z.boolean().optional(),
  /** Flagged blank: kept, never dropped; the clerk decides. */
  blank: z.boolean(),
  /** Share of ink inside the margins (the blank score). */
  inkRatio: z.number().min(0).max(1),
  /** What the scan holds; the archival copy keeps exactly that (1-bit PNG, grey or colour JPEG). */
  content: z.enum(['bilevel', 'grey', 'colour']).optional(),
  /** Size of the page's image in the PDF. */
  archivalBytes: z.number().int().nonnegative(),
});
export type PageAnalysisRecord = z.infer<typeof PageAnalysisRecord>;

export const PageRecord = z.object({
  ordinal: z.number().int().positive(),
  sourceName: z.string(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  dpi: z.number().positive(),
  text: z.string(),
  confidence: z.number().min(0).max(100),
  analysis: PageAnalysisRecord.optional(),
});
export type PageRecord = z.infer<typeof PageRecord>;

export const DossierDetail = DossierSummary.extend({
  pages: z.array(PageRecord),
  fileBytes: z.number().int().nonnegative(),
});
export type DossierDetail = z.infer<typeof DossierDetail>;

export const contract = {
  digitize: {
    request: z.object({
      title: z.string().max(300).optional(),
      files: z.array(InputFile).min(1).max(500),
    }),
    response: z.object({
      dossier: DossierSummary.nullable(),
      fileErrors: z.array(ErrorInfo),
      timings: z.array(StageTiming),
    }),
  },
  listDossiers: {
    request: z.object({ limit: z.number().int().positive().max(1000).default(100) }),
    response: z.object({ dossiers: z.array(DossierSummary) }),
  },
  getDossier: {
    request: z.object({ id: z.number().int().positive() }),
    response: DossierDetail,
  },
  // The reception counter: procedures, ID cards, dossiers, classification, slips (issue 6).
  ...RECEPTION_CHANNELS,
  // One file per domain under shared/contracts/ (issues 7 and 8).
  ...DESK_CHANNELS,
  ...BATCH_CHANNELS,
  ...RECORDS_CHANNELS,
  ...TRUST_CHANNELS,
  ...ACQUIRE_CHANNELS,
  ...INTAKE_CHANNELS,
  ...HOST_CHANNELS,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type Request<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequest<C extends Channel> = z.output<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

/** What a transport carries back: plain data, never an exception object. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The API the renderer sees as `window.sohoa`: one named function per channel. */
export type SohoaApi = { [C in Channel]: (request: Request<C>) => Promise<Response<C>> };

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}
