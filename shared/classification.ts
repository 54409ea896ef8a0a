// The catalog of document types a dossier paper can be, and the shape of a classification
// decision. Pure data shared by the core (rules, learned model), the CLI and the UI.
import { z } from 'zod';

export const DOCUMENT_TYPES = [
  'cccd_front',
  'cccd_back',
  'birth_certificate',
  'marriage_certificate',
  'application_form',
  'land_use_certificate',
  'business_registration',
  'decision',
  'official_letter',
  'petition',
  'contract',
  'other',
] as const;

export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, { vi: string; en: string }> = {
  cccd_front: { vi: 'Căn cước công dân (mặt trước)', en: 'Citizen ID card (front)' },
  cccd_back: { vi: 'Căn cước công dân (mặt sau)', en: 'Citizen ID card (back)' },
  birth_certificate: { vi: 'Giấy khai sinh', en: 'Birth certificate' },
  marriage_certificate: { vi: 'Giấy chứng nhận kết hôn', en: 'Marriage certificate' },
  application_form: { vi: 'Tờ khai', en: 'Application form' },
  land_use_certificate: {
    vi: 'Giấy chứng nhận quyền sử dụng đất',
    en: 'Land-use right certificate',
  },
  business_registration: {
    vi: 'Giấy chứng nhận đăng ký kinh doanh/doanh nghiệp',
    en: 'Business registration certificate',
  },
  decision: { vi: 'Quyết định', en: 'Decision' },
  official_letter: { vi: 'Công văn', en: 'Official letter' },
  petition: { vi: 'Đơn', en: 'Petition' },
  contract: { vi: 'Hợp đồng', en: 'Contract' },
  other: { vi: 'Giấy tờ khác', en: 'Other document' },
};

export interface Candidate {
  type: DocumentType;
  /** 0–1. */
  score: number;
}

export interface Classification {
  /** The decided type, or null when the document needs the clerk's review. */
  type: DocumentType | null;
  confidence: number;
  needsReview: boolean;
  /** Best candidates first (at most 3). */
  candidates: Candidate[];
  /** Which layer decided: a rule, the learned model, or both agreeing. */
  source: 'rules' | 'model' | 'rules+model' | 'none';
  /** Why, for the clerk: the rule or keyword that matched. */
  evidence: string[];
}

/** Where a field's value was read from. */
export type FieldSource = 'qr' | 'mrz' | 'ocr';

export const FIELD_NAMES = [
  'number',
  'notation',
  'issuedDate',
  'issuer',
  'subject',
  'fullName',
  'dateOfBirth',
  'placeOfBirth',
  'idNumber',
  'husband',
  'wife',
  'registeredDate',
  'address',
  'dateOfIssue',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const FIELD_LABELS: Record<FieldName, { vi: string; en: string }> = {
  number: { vi: 'Số', en: 'Number' },
  notation: { vi: 'Ký hiệu', en: 'Notation' },
  issuedDate: { vi: 'Ngày ban hành', en: 'Date issued' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  subject: { vi: 'Trích yếu', en: 'Subject' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth' },
  placeOfBirth: { vi: 'Nơi sinh', en: 'Place of birth' },
  idNumber: { vi: 'Số định danh', en: 'ID number' },
  husband: { vi: 'Họ tên chồng', en: 'Husband' },
  wife: { vi: 'Họ tên vợ', en: 'Wife' },
  registeredDate: { vi: 'Ngày đăng ký', en: 'Date registered' },
  address: { vi: 'Nơi thường trú', en: 'Address' },
  dateOfIssue: { vi: 'Ngày cấp', en: 'Date of issue' },
};

/** A value read from a document, with how sure we are and where it is on the page. */
export interface ExtractedField {
  name: FieldName;
  /** Normalised: dates ISO YYYY-MM-DD, text NFC with single spaces. */
  value: string;
  /** The text as read, before normalising. */
  raw: string;
  confidence: number;
  source: FieldSource;
  /** 1-based page and the region in page pixels, when the reader gave word boxes. */
  page?: number;
  region?: { x0: number; y0: number; x1: number; y1: number };
}

// ---- schemas for the contract ---------------------------------------------------------------

export const CandidateSchema = z.object({ type: DocumentType, score: z.number() });

export const ClassificationSchema = z.object({
  type: DocumentType.nullable(),
  confidence: z.number().min(0).max(1),
  needsReview: z.boolean(),
  candidates: z.array(CandidateSchema),
  source: z.enum(['rules', 'model', 'rules+model', 'none']),
  evidence: z.array(z.string()),
});

const Region = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

export const ExtractedFieldSchema = z.object({
  name: z.enum(FIELD_NAMES),
  value: z.string(),
  raw: z.string(),
  confidence: z.number().min(0).max(1),
  source: z.enum(['qr', 'mrz', 'ocr']),
  page: z.number().int().positive().optional(),
  region: Region.optional(),
});
