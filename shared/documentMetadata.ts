// The document-level metadata of TT 05/2025/TT-BNV as the machine reads it from a document's
// first page: each field with how sure the reader is and where on the page it was read, so the
// archivist reviews the doubtful ones beside the page region. Field names are the circular's
// own (see archiveMetadata.ts, where the reviewed values are stored).
import { z } from 'zod';
import type { DocumentMetadataInput } from './archiveMetadata';
import { DocumentType } from './classification';

export const READ_METADATA_FIELDS = [
  'typeName',
  'codeNumber',
  'codeNotation',
  'issuedDate',
  'organName',
  'subject',
  'numberOfPage',
  'language',
  'autograph',
  'inforSign',
  'keyword',
] as const;
export type ReadMetadataField = (typeof READ_METADATA_FIELDS)[number];

export const READ_FIELD_LABELS: Record<ReadMetadataField, { vi: string; en: string }> = {
  typeName: { vi: 'Tên loại văn bản', en: 'Document type' },
  codeNumber: { vi: 'Số', en: 'Number' },
  codeNotation: { vi: 'Ký hiệu', en: 'Notation' },
  issuedDate: { vi: 'Ngày ban hành', en: 'Date issued' },
  organName: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  subject: { vi: 'Trích yếu', en: 'Subject' },
  numberOfPage: { vi: 'Số trang', en: 'Pages' },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
  autograph: { vi: 'Bút tích, chữ ký, con dấu', en: 'Signature and seal' },
  inforSign: { vi: 'Thông tin chữ ký số', en: 'Digital signature' },
  keyword: { vi: 'Từ khóa gợi ý', en: 'Suggested keywords' },
};

const Region = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

export const ReadFieldSchema = z.object({
  /**
   * Normalised value: issuedDate ISO YYYY-MM-DD; language ISO 639-1 ("vi"); keyword "; "
   * separated; numberOfPage digits; text NFC with single spaces.
   */
  value: z.string(),
  /** 0–1. Below REVIEW_FIELD_CONFIDENCE the archivist should look at it. */
  confidence: z.number().min(0).max(1),
  /** Where the value came from: the page's text (OCR or the PDF's own), the PDF file, or a rule. */
  source: z.enum(['ocr', 'text-layer', 'pdf', 'derived']),
  /** What was read before normalising, when it differs. */
  raw: z.string().optional(),
  /** 1-based page and the region in that page's pixels (the image OCR or rendering saw). */
  page: z.number().int().positive().optional(),
  region: Region.optional(),
});
export type ReadField = z.infer<typeof ReadFieldSchema>;

export const ReadMetadataSchema = z.object({
  type: DocumentType.nullable(),
  /** A decision or resolution with a year in its notation is a legal normative document. */
  normative: z.boolean(),
  fields: z.partialRecord(z.enum(READ_METADATA_FIELDS), ReadFieldSchema),
  /** Size of the page the regions refer to (pixels). */
  pageSize: z.object({ width: z.number(), height: z.number() }).optional(),
});
export type ReadMetadata = z.infer<typeof ReadMetadataSchema>;

/** Fields read with less confidence than this are flagged for the archivist's review. */
export const REVIEW_FIELD_CONFIDENCE = 0.8;

const toVnDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : undefined;
};

/** The read values in the shape the archive stores (TT 05/2025 field names, DD/MM/YYYY). */
export function toDocumentMetadataInput(read: ReadMetadata): Partial<DocumentMetadataInput> {
  const v = (f: ReadMetadataField) => read.fields[f]?.value || undefined;
  const out: Partial<DocumentMetadataInput> = {};
  const set = <K extends keyof DocumentMetadataInput>(k: K, value: DocumentMetadataInput[K]) => {
    if (value !== undefined) out[k] = value;
  };
  set('typeName', v('typeName'));
  set('codeNumber', v('codeNumber'));
  set('codeNotation', v('codeNotation'));
  const issued = v('issuedDate');
  set('issuedDate', issued ? toVnDate(issued) : undefined);
  set('organName', v('organName'));
  set('subject', v('subject'));
  set('language', v('language'));
  set('keyword', v('keyword'));
  set('autograph', v('autograph'));
  set('inforSign', v('inforSign')?.slice(0, 100));
  return out;
}
