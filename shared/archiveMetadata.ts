// Archive metadata of TT 05/2025/TT-BNV, record (the circular's hồ sơ) and document (tài liệu)
// level, with the code lists the circular fixes. Field names are the circular's own (fileCode,
// maintenance, …) so exported XML/JSON reads like the sample packages. The field list was taken
// from a summary of the circular; code lists it does not give (format, riskRecovery…) stay free
// text.
import { z } from 'zod';

type CodeList = Record<string, { vi: string; en: string }>;

/** Thời hạn lưu trữ. */
export const MAINTENANCE_CODES = {
  '01': { vi: 'Vĩnh viễn', en: 'Permanent' },
  '02': { vi: '70 năm', en: '70 years' },
  '03': { vi: '50 năm', en: '50 years' },
  '04': { vi: '30 năm', en: '30 years' },
  '05': { vi: '20 năm', en: '20 years' },
  '06': { vi: '10 năm', en: '10 years' },
  '07': { vi: 'Khác', en: 'Other' },
} as const satisfies CodeList;

/**
 * Mức độ tiếp cận, as TT 05/2025/TT-BNV names it (older circulars said "chế độ sử dụng"); the
 * exported key stays `mode`, as in the sample packages.
 */
export const MODE_CODES = {
  '01': { vi: 'Công khai', en: 'Public' },
  '02': { vi: 'Sử dụng có điều kiện', en: 'Conditional' },
  '03': { vi: 'Mật', en: 'Secret' },
} as const satisfies CodeList;

/** Mức độ tin cậy: how the record came to be electronic. */
export const CONFIDENCE_LEVEL_CODES = {
  '01': { vi: 'Gốc điện tử', en: 'Born digital' },
  '02': { vi: 'Số hóa', en: 'Digitized' },
  '03': { vi: 'Hỗn hợp', en: 'Mixed' },
} as const satisfies CodeList;

const codeEnum = <T extends CodeList>(list: T) =>
  z.enum(Object.keys(list) as [keyof T & string, ...(keyof T & string)[]]);

export const MaintenanceCode = codeEnum(MAINTENANCE_CODES);
export const ModeCode = codeEnum(MODE_CODES);
export const ConfidenceLevelCode = codeEnum(CONFIDENCE_LEVEL_CODES);
export type MaintenanceCode = z.infer<typeof MaintenanceCode>;
export type ModeCode = z.infer<typeof ModeCode>;
export type ConfidenceLevelCode = z.infer<typeof ConfidenceLevelCode>;

/** DD/MM/YYYY, a real calendar day. */
export const VnDate = z
  .string()
  .regex(/^\d{2}\/\d{2}\/\d{4}$/, 'DD/MM/YYYY')
  .refine((s) => {
    const [d, m, y] = s.split('/').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'not a calendar date');

const text = (max: number) => z.string().trim().max(max);
const count = z.number().int().nonnegative();

/** Fields a clerk or a stage may set on a record; the archive fills codes and counts itself. */
export const RecordMetadataInput = z.object({
  title: text(1000).min(1).optional(),
  maintenance: MaintenanceCode.optional(),
  mode: ModeCode.optional(),
  /** ISO 639-1 code(s), comma separated ("vi", "vi,en"). */
  language: text(50).optional(),
  startDate: VnDate.optional(),
  endDate: VnDate.optional(),
  keyword: text(500).optional(),
  /** Số lượng tờ: sheets of paper of the original. */
  numberOfPaper: count.optional(),
  /** Tình trạng vật lý. */
  format: text(200).optional(),
  /** Ký hiệu thông tin. */
  inforSign: text(100).optional(),
  confidenceLevel: ConfidenceLevelCode.optional(),
  /** Mã hồ sơ giấy gốc: required when the record was digitized from paper. */
  paperFileCode: text(100).optional(),
  /** Chế độ dự phòng. */
  riskRecovery: text(100).optional(),
  /** Tình trạng dự phòng. */
  riskRecoveryStatus: text(100).optional(),
  description: text(4000).optional(),
});
export type RecordMetadataInput = z.infer<typeof RecordMetadataInput>;

const requirePaperCodeWhenDigitized = (
  m: { confidenceLevel: ConfidenceLevelCode; paperFileCode?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (m.confidenceLevel !== '01' && !m.paperFileCode)
    ctx.addIssue({
      code: 'custom',
      path: ['paperFileCode'],
      message: 'paperFileCode is required for a digitized or mixed record',
    });
};

/** A complete record's metadata as stored and exported. */
export const RecordMetadata = RecordMetadataInput.required({
  title: true,
  maintenance: true,
  mode: true,
  language: true,
  startDate: true,
  endDate: true,
  confidenceLevel: true,
})
  .extend({
    fileCode: text(100).min(1),
    totalDoc: count,
    numberOfPage: count,
  })
  .superRefine(requirePaperCodeWhenDigitized);
export type RecordMetadata = z.infer<typeof RecordMetadata>;

/** docCode = fileCode + "." + 7-digit ordinal. */
export function formatDocCode(fileCode: string, ordinal: number): string {
  return `${fileCode}.${String(ordinal).padStart(7, '0')}`;
}

export const DocumentMetadataInput = z.object({
  maintenance: MaintenanceCode.optional(),
  /** Tên loại văn bản (Quyết định, Công văn, Giấy khai sinh…). */
  typeName: text(200).optional(),
  /** Số của văn bản. */
  codeNumber: text(50).optional(),
  /** Ký hiệu của văn bản. */
  codeNotation: text(100).optional(),
  issuedDate: VnDate.optional(),
  /** Cơ quan, tổ chức ban hành. */
  organName: text(500).optional(),
  /** Trích yếu nội dung. */
  subject: text(2000).optional(),
  language: text(50).optional(),
  inforSign: text(100).optional(),
  keyword: text(500).optional(),
  mode: ModeCode.optional(),
  confidenceLevel: ConfidenceLevelCode.optional(),
  /** Bút tích. */
  autograph: text(2000).optional(),
  format: text(200).optional(),
  riskRecovery: text(100).optional(),
  riskRecoveryStatus: text(100).optional(),
  /** Quá trình xử lý / số hóa. */
  process: text(2000).optional(),
  description: text(4000).optional(),
});
export type DocumentMetadataInput = z.infer<typeof DocumentMetadataInput>;

export const DocumentMetadata = DocumentMetadataInput.required({
  maintenance: true,
  language: true,
  mode: true,
  confidenceLevel: true,
}).extend({
  docCode: z.string().regex(/^.+\.\d{7}$/),
  /** Position of the document in its record, from 1. */
  docOrdinal: z.number().int().positive(),
  numberOfPage: count,
});
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

/** The order in which exported XML lists the record fields (the circular's order). */
export const RECORD_FIELD_ORDER = [
  'fileCode',
  'title',
  'maintenance',
  'mode',
  'language',
  'startDate',
  'endDate',
  'keyword',
  'totalDoc',
  'numberOfPaper',
  'numberOfPage',
  'format',
  'inforSign',
  'confidenceLevel',
  'paperFileCode',
  'riskRecovery',
  'riskRecoveryStatus',
  'description',
] as const satisfies readonly (keyof RecordMetadata)[];

export const DOCUMENT_FIELD_ORDER = [
  'docCode',
  'docOrdinal',
  'maintenance',
  'typeName',
  'codeNumber',
  'codeNotation',
  'issuedDate',
  'organName',
  'subject',
  'language',
  'numberOfPage',
  'inforSign',
  'keyword',
  'mode',
  'confidenceLevel',
  'autograph',
  'format',
  'riskRecovery',
  'riskRecoveryStatus',
  'process',
  'description',
] as const satisfies readonly (keyof DocumentMetadata)[];
