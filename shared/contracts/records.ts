// Contract channels for what the archive keeps, the record, and the screens over it: digitizing
// files into a record, the record list and detail, the archive search, document viewer,
// signature reports, export, outbox, audit log, and the desk's settings and holiday calendar.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/recordsHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
import { z } from 'zod';
import { DocumentType } from '../classification';
import { READ_METADATA_FIELDS, type ReadMetadataField } from '../documentMetadata';
import { ErrorInfo, Localized } from '../errors';
import { DeskSettings, SettingsIssue, SettingsSecrets } from '../settings';
import { HolidayYear, IsoDate } from '../workingDays';

/** Upper bound for one uploaded page, base64 (a 600 dpi A4 colour TIFF is ~ 100 MB raw). */
const MAX_FILE_BASE64 = 200 * 1024 * 1024;

/** A file the page sends in a request: its name as the user named it and its bytes, base64. */
export const InputFile = z.object({
  name: z.string().min(1).max(255),
  dataBase64: z.string().max(MAX_FILE_BASE64),
});
export type InputFile = z.infer<typeof InputFile>;

/** Clockwise quarter turns: what makes a page upright, or what the clerk turned it by. */
export const Rotation = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
export type Rotation = z.infer<typeof Rotation>;

export const StageTiming = z.object({ stage: z.string(), ms: z.number().nonnegative() });
export type StageTiming = z.infer<typeof StageTiming>;

export const SignatureSummary = z.object({
  signer: z.string(),
  signedAt: z.string(),
  subFilter: z.string(),
  demo: z.boolean(),
});
export type SignatureSummary = z.infer<typeof SignatureSummary>;

export const RecordSummary = z.object({
  id: z.number().int().positive(),
  code: z.string(),
  title: z.string(),
  createdAt: z.string(),
  pageCount: z.number().int().nonnegative(),
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signature: SignatureSummary.nullable(),
});
export type RecordSummary = z.infer<typeof RecordSummary>;

/** What the image pipeline did to a page and what it measured: the review queue works on it. */
export const PageAnalysisRecord = z.object({
  /** Clockwise quarter turns applied to make the page upright. */
  rotatedDeg: Rotation,
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

/** A page's analysis when none was kept (a record archived before analyses were): nothing done, nothing flagged. */
export const EMPTY_PAGE_ANALYSIS: PageAnalysisRecord = {
  rotatedDeg: 0,
  orientationConfidence: 0,
  skewDeg: 0,
  deskewed: false,
  cropped: false,
  blank: false,
  inkRatio: 0,
  archivalBytes: 0,
};

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

/**
 * A file of a record: `record` the desk's signed PDF; `received` a PDF that came signed, kept
 * byte for byte as the record's main file; `companion` the desk's searchable, signed PDF beside it.
 */
export const RecordFile = z.object({
  name: z.string(),
  role: z.enum(['record', 'received', 'companion']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  /** For a received file: who signed it, as verified when it arrived. */
  receivedSigners: z.array(z.string()).optional(),
});
export type RecordFile = z.infer<typeof RecordFile>;

export const RecordDetail = RecordSummary.extend({
  pages: z.array(PageRecord),
  fileBytes: z.number().int().nonnegative(),
  files: z.array(RecordFile).optional(),
});
export type RecordDetail = z.infer<typeof RecordDetail>;

export const OutboxState = z.enum(['pending', 'uploading', 'done', 'needs_attention']);
export type OutboxState = z.infer<typeof OutboxState>;

export const ArchiveHit = z.object({
  recordId: z.number().int().positive(),
  dossierCode: z.string(),
  title: z.string(),
  createdAt: z.string(),
  /** Page ordinal, or null when the match is in the record's metadata (or there is no query). */
  page: z.number().int().positive().nullable(),
  /** Original text around the match, with its accents; `marks` are [start, end) offsets in it. */
  snippet: z.string(),
  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
  uploadState: OutboxState.nullable(),
});
export type ArchiveHit = z.infer<typeof ArchiveHit>;

export const ArchiveFilters = z.object({
  /** Vietnam calendar days, both ends included. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  procedure: z.string().max(40).optional(),
  docType: DocumentType.optional(),
  status: OutboxState.optional(),
  /** Cơ quan ban hành, as the documents name it (any document of the record). */
  organName: z.string().max(500).optional(),
  /** Year of a document's issue date (ngày ban hành). */
  year: z.number().int().min(1900).max(2100).optional(),
});
export type ArchiveFilters = z.infer<typeof ArchiveFilters>;

/** The document fields the archivist reviews: TT 05/2025's, as the machine reads them (the page
 * count is counted, not read). */
export const REVIEW_FIELDS = READ_METADATA_FIELDS.filter(
  (f): f is Exclude<ReadMetadataField, 'numberOfPage'> => f !== 'numberOfPage',
);
export const ReviewFieldName = z.enum(REVIEW_FIELDS as [ReviewFieldName, ...ReviewFieldName[]]);
export type ReviewFieldName = Exclude<ReadMetadataField, 'numberOfPage'>;

export const FieldState = z.enum(['unreviewed', 'accepted', 'edited']);
export type FieldState = z.infer<typeof FieldState>;

export const ReviewField = z.object({
  field: ReviewFieldName,
  /** What the record holds now ('' when nothing); dates DD/MM/YYYY. */
  value: z.string(),
  /** What the machine read, how sure it was and where: the region as fractions of the page. */
  read: z
    .object({
      value: z.string(),
      confidence: z.number().min(0).max(1),
      source: z.string(),
      page: z.number().int().positive().nullable(),
      region: z
        .object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() })
        .nullable(),
    })
    .nullable(),
  /** null: neither read nor typed. */
  state: FieldState.nullable(),
});
export type ReviewField = z.infer<typeof ReviewField>;

export const DocumentReview = z.object({
  ordinal: z.number().int().positive(),
  docCode: z.string(),
  fields: z.array(ReviewField),
});
export type DocumentReview = z.infer<typeof DocumentReview>;

export const RecordFieldsView = z.object({
  recordId: z.number().int().positive(),
  title: z.string(),
  documents: z.array(DocumentReview),
  /** Fields read by the machine and not yet accepted or edited, over all documents. */
  unreviewed: z.number().int().nonnegative(),
});
export type RecordFieldsView = z.infer<typeof RecordFieldsView>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int().nonnegative() });

export const TextWord = z.object({
  text: z.string(),
  /** x0, y0, x1, y1 in the returned image's pixels. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type TextWord = z.infer<typeof TextWord>;

/** ETSI EN 319 102-1 outcome; NO_SIGNATURE at file level when nothing is signed. */
export const Indication = z.enum(['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED', 'NO_SIGNATURE']);
export type Indication = z.infer<typeof Indication>;

const LocalizedReport = z.object({
  /**
   * Badge key kept for the screen written before indications: INDETERMINATE shows as
   * 'valid-with-warnings' (amber) with its own verdictText. New screens read `indication`.
   */
  verdict: z.enum(['valid', 'valid-with-warnings', 'invalid', 'unsigned']),
  verdictText: Localized,
  indication: Indication,
  /** The standard sub-indication (HASH_FAILURE, NO_CERTIFICATE_CHAIN_FOUND, TRY_LATER…). */
  subIndication: z.string().nullable(),
  /** What the outcome means for the clerk, and what to do. */
  meaning: Localized,
  advice: Localized,
  errors: z.array(Localized),
  signatures: z.array(
    z.object({
      field: z.string(),
      kind: z.enum(['signature', 'document-timestamp']),
      verdict: z.enum(['valid', 'valid-with-warnings', 'invalid']),
      verdictText: Localized,
      indication: Indication.exclude(['NO_SIGNATURE']),
      subIndication: z.string().nullable(),
      meaning: Localized,
      advice: Localized,
      signer: z.string().nullable(),
      chain: z.array(z.string()),
      trusted: z.boolean(),
      /** The root the chain reaches, with its SHA-256 fingerprint (hex). */
      trustAnchor: z.object({ subject: z.string(), sha256: z.string() }).nullable(),
      intact: z.boolean(),
      cryptoValid: z.boolean(),
      coversWholeRevision: z.boolean(),
      level: z.string(),
      algorithm: z.string().nullable(),
      claimedSigningTime: z.string().nullable(),
      /** When the certificates were checked: the proven signing time, else the check's time. */
      validationTime: z.string().nullable(),
      timestamp: z
        .object({ time: z.string(), valid: z.boolean(), tsa: z.string(), trusted: z.boolean() })
        .nullable(),
      revocation: z
        .object({
          status: z.enum(['good', 'revoked', 'unknown', 'none']),
          source: z.enum(['file', 'online', 'cache']).nullable(),
          kind: z.enum(['ocsp', 'crl']).nullable(),
          revokedAt: z.string().nullable(),
        })
        .nullable(),
      changesText: Localized,
      errors: z.array(Localized),
      warnings: z.array(Localized),
    }),
  ),
});
export type SignatureReportView = z.infer<typeof LocalizedReport>;

export const OutboxItemView = z.object({
  dossierCode: z.string(),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string(),
  /** Why it failed last, in both languages (what, where, what next). */
  lastError: ErrorInfo.nullable(),
  bytesTotal: z.number().int().nonnegative(),
  bytesDone: z.number().int().nonnegative(),
  doneAt: z.string().nullable(),
});
export type OutboxItemView = z.infer<typeof OutboxItemView>;

export const AuditEntryView = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordRef: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const ChainProblemKind = z.enum([
  'hash_mismatch',
  'chain_broken',
  'sequence_gap',
  'bad_details',
]);

export const SettingsView = z.object({
  settings: DeskSettings,
  /** Whether a secret is stored (encrypted); the secret itself never leaves the core. */
  secrets: z.object({ p12Password: z.boolean(), s3Keys: z.boolean() }),
  /** The folder exports land in when `exportDir` is empty. */
  defaultExportDir: z.string(),
  /** The stored file could not be read: the defaults are shown, and saving replaces it. */
  unreadable: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const HolidayYearView = z.object({
  year: z.number().int(),
  data: HolidayYear,
  /** The data folder holds this year's own file (else the shipped one, or none, is shown). */
  origin: z.enum(['local', 'shipped', 'none']),
});
export type HolidayYearView = z.infer<typeof HolidayYearView>;

export const RECORDS_CHANNELS = {
  digitize: {
    request: z.object({
      title: z.string().max(300).optional(),
      files: z.array(InputFile).min(1).max(500),
    }),
    response: z.object({
      record: RecordSummary.nullable(),
      fileErrors: z.array(ErrorInfo),
      timings: z.array(StageTiming),
    }),
  },
  listRecords: {
    request: z.object({ limit: z.number().int().positive().max(1000).default(100) }),
    response: z.object({ records: z.array(RecordSummary) }),
  },
  getRecord: {
    request: z.object({ id: z.number().int().positive() }),
    response: RecordDetail,
  },
  archiveSearch: {
    request: z.object({
      query: z.string().max(500).default(''),
      filters: ArchiveFilters.default({}),
      limit: z.number().int().positive().max(500).default(50),
    }),
    response: z.object({ hits: z.array(ArchiveHit) }),
  },
  /** The records' TT 05/2025 document fields as read, with their review state. */
  recordFields: {
    request: z.object({ recordId: z.number().int().positive() }),
    response: RecordFieldsView,
  },
  /**
   * The archivist's review of one document: fields accepted as read, fields edited (the value
   * typed), or every unreviewed field read with high confidence accepted at once.
   */
  reviewFields: {
    request: z.object({
      recordId: z.number().int().positive(),
      document: z.number().int().positive(),
      accept: z.array(ReviewFieldName).default([]),
      edits: z.array(z.object({ field: ReviewFieldName, value: z.string().max(2000) })).default([]),
      acceptConfident: z.boolean().default(false),
    }),
    response: RecordFieldsView,
  },
  /** What the archive's filters can choose from: document types, issuing bodies, years. */
  archiveFacets: {
    request: z.object({}),
    response: z.object({
      typeNames: z.array(FacetCount),
      organNames: z.array(FacetCount),
      years: z.array(FacetCount),
    }),
  },
  pageImage: {
    request: z.object({
      recordId: z.number().int().positive(),
      page: z.number().int().positive(),
    }),
    response: z.object({
      pngBase64: z.string(),
      widthPx: z.number().int().positive(),
      heightPx: z.number().int().positive(),
      /** The PDF's own (OCR) text layer on this image; empty when the page has none. */
      words: z.array(TextWord),
    }),
  },
  signatureReport: {
    request: z.object({
      recordId: z.number().int().positive(),
      /** Which of the record's files; without it, the record's main file. */
      role: RecordFile.shape.role.optional(),
    }),
    response: z.object({ fileName: z.string(), report: LocalizedReport }),
  },
  /** One of the record's files as the archive keeps it, to open (the bytes of a PDF). */
  recordFile: {
    request: z.object({
      recordId: z.number().int().positive(),
      role: RecordFile.shape.role,
    }),
    response: z.object({ fileName: z.string(), pdfBase64: z.string() }),
  },
  exportPackage: {
    request: z.object({
      recordId: z.number().int().positive(),
      /** BagIt folder (the default), or a zipped E-ARK SIP (METS + EAD3); `dir` is then the zip. */
      format: z.enum(['bagit', 'eark']).optional(),
    }),
    response: z.object({ dir: z.string(), files: z.number().int().positive() }),
  },
  outboxList: {
    request: z.object({}),
    response: z.object({
      items: z.array(OutboxItemView),
      counts: z.record(OutboxState, z.number().int().nonnegative()),
      /** Where items go ("folder:…", "s3:bucket@host"), null when none is configured. */
      destination: z.string().nullable(),
      sending: z.boolean(),
    }),
  },
  outboxRetry: {
    request: z.object({ dossierCode: z.string().min(1).max(100) }),
    response: z.object({ item: OutboxItemView }),
  },
  outboxSend: {
    request: z.object({}),
    response: z.object({ started: z.boolean() }),
  },
  auditEntries: {
    request: z.object({
      /** Entries before this sequence number (newest first); none = from the newest. */
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().positive().max(200).default(50),
    }),
    response: z.object({ entries: z.array(AuditEntryView), total: z.number().int() }),
  },
  auditVerify: {
    request: z.object({}),
    response: z.object({
      ok: z.boolean(),
      entries: z.number().int().nonnegative(),
      headSeq: z.number().int().nonnegative(),
      headHash: z.string(),
      problems: z.array(z.object({ seq: z.number().int(), problem: ChainProblemKind })),
      /** The first entry from which the chain no longer holds, or null. */
      firstBrokenSeq: z.number().int().nullable(),
      anchor: z.enum(['ok', 'behind', 'missing', 'mismatch', 'truncated']),
      alteredRecords: z.array(z.string()),
      missingRecords: z.array(z.string()),
      unloggedRecords: z.array(z.string()),
      badFiles: z.array(z.string()),
    }),
  },
  settingsGet: {
    request: z.object({}),
    response: SettingsView,
  },
  settingsSave: {
    // The payload is checked field by field by the handler, so every bad field comes back as an
    // issue the form can show next to it (a schema failure here would be one generic error).
    request: z.object({ settings: z.unknown(), secrets: SettingsSecrets.default({}) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), view: SettingsView }),
      z.object({ ok: z.literal(false), issues: z.array(SettingsIssue) }),
    ]),
  },
  holidaysGet: {
    request: z.object({ year: z.number().int().min(1900).max(2100) }),
    response: HolidayYearView,
  },
  holidaysSave: {
    request: z.object({ data: HolidayYear }),
    response: HolidayYearView,
  },
} as const;
