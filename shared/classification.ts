// The catalog of document types a dossier paper can be, and the shape of a classification
// decision. Pure data shared by the core (rules, learned model), the CLI and the UI.
import { z } from 'zod';

/**
 * Every type the desk can give a paper or a document. The keys are stored (databases, separator
 * sheets, the learned model), so they never change; new types are added, never renamed. Groups:
 * the personal papers of a one-stop dossier; the administrative documents of the clerical-work
 * decree (Nghị định 30/2020/NĐ-CP Art. 7); the legal normative documents of the law on legal
 * documents (Luật 64/2025/QH15 Art. 4); court precedents. A decision or resolution can be
 * individual or normative: that is told by its notation (a year in it), not by its type.
 */
export const DOCUMENT_TYPES = [
  'cccd_front',
  'cccd_back',
  'birth_certificate',
  'marriage_certificate',
  'application_form',
  'land_use_certificate',
  'business_registration',
  'petition',
  'resolution',
  'decision',
  'directive',
  'regulation',
  'provisions',
  'communique',
  'notice',
  'guidance',
  'programme',
  'plan',
  'scheme',
  'project_proposal',
  'project',
  'report',
  'minutes',
  'submission',
  'contract',
  'official_letter',
  'telegram',
  'memorandum',
  'agreement',
  'authorization',
  'invitation',
  'introduction_letter',
  'leave_permit',
  'dispatch_slip',
  'transfer_slip',
  'notification_slip',
  'public_letter',
  'constitution',
  'law',
  'ordinance',
  'order',
  'decree',
  'circular',
  'joint_circular',
  'joint_resolution',
  'precedent',
  'other',
] as const;

export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export type DocumentTypeGroup = 'personal' | 'administrative' | 'normative' | 'judicial' | 'other';

const T = (vi: string, en: string, group: DocumentTypeGroup) => ({ vi, en, group });

/** Names as printed on the documents (TT 05/2025 typeName is `vi`), and the type's group. */
export const DOCUMENT_TYPE_INFO: Record<
  DocumentType,
  { vi: string; en: string; group: DocumentTypeGroup }
> = {
  cccd_front: T('Căn cước công dân (mặt trước)', 'Citizen ID card (front)', 'personal'),
  cccd_back: T('Căn cước công dân (mặt sau)', 'Citizen ID card (back)', 'personal'),
  birth_certificate: T('Giấy khai sinh', 'Birth certificate', 'personal'),
  marriage_certificate: T('Giấy chứng nhận kết hôn', 'Marriage certificate', 'personal'),
  application_form: T('Tờ khai', 'Application form', 'personal'),
  land_use_certificate: T(
    'Giấy chứng nhận quyền sử dụng đất',
    'Land-use right certificate',
    'personal',
  ),
  business_registration: T(
    'Giấy chứng nhận đăng ký kinh doanh/doanh nghiệp',
    'Business registration certificate',
    'personal',
  ),
  petition: T('Đơn', 'Petition', 'personal'),
  resolution: T('Nghị quyết', 'Resolution', 'administrative'),
  decision: T('Quyết định', 'Decision', 'administrative'),
  directive: T('Chỉ thị', 'Directive', 'administrative'),
  regulation: T('Quy chế', 'Regulation', 'administrative'),
  provisions: T('Quy định', 'Provisions', 'administrative'),
  communique: T('Thông cáo', 'Communiqué', 'administrative'),
  notice: T('Thông báo', 'Notice', 'administrative'),
  guidance: T('Hướng dẫn', 'Guidance', 'administrative'),
  programme: T('Chương trình', 'Programme', 'administrative'),
  plan: T('Kế hoạch', 'Plan', 'administrative'),
  scheme: T('Phương án', 'Scheme', 'administrative'),
  project_proposal: T('Đề án', 'Project proposal', 'administrative'),
  project: T('Dự án', 'Project', 'administrative'),
  report: T('Báo cáo', 'Report', 'administrative'),
  minutes: T('Biên bản', 'Minutes', 'administrative'),
  submission: T('Tờ trình', 'Submission', 'administrative'),
  contract: T('Hợp đồng', 'Contract', 'administrative'),
  official_letter: T('Công văn', 'Official letter', 'administrative'),
  telegram: T('Công điện', 'Official telegram', 'administrative'),
  memorandum: T('Bản ghi nhớ', 'Memorandum', 'administrative'),
  agreement: T('Bản thỏa thuận', 'Agreement', 'administrative'),
  authorization: T('Giấy ủy quyền', 'Letter of authorization', 'administrative'),
  invitation: T('Giấy mời', 'Invitation', 'administrative'),
  introduction_letter: T('Giấy giới thiệu', 'Letter of introduction', 'administrative'),
  leave_permit: T('Giấy nghỉ phép', 'Leave permit', 'administrative'),
  dispatch_slip: T('Phiếu gửi', 'Dispatch slip', 'administrative'),
  transfer_slip: T('Phiếu chuyển', 'Transfer slip', 'administrative'),
  notification_slip: T('Phiếu báo', 'Notification slip', 'administrative'),
  public_letter: T('Thư công', 'Public letter', 'administrative'),
  constitution: T('Hiến pháp', 'Constitution', 'normative'),
  law: T('Luật', 'Law', 'normative'),
  ordinance: T('Pháp lệnh', 'Ordinance', 'normative'),
  order: T('Lệnh', 'Order', 'normative'),
  decree: T('Nghị định', 'Decree', 'normative'),
  circular: T('Thông tư', 'Circular', 'normative'),
  joint_circular: T('Thông tư liên tịch', 'Joint circular', 'normative'),
  joint_resolution: T('Nghị quyết liên tịch', 'Joint resolution', 'normative'),
  precedent: T('Án lệ', 'Court precedent', 'judicial'),
  other: T('Giấy tờ khác', 'Other document', 'other'),
};

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, { vi: string; en: string }> =
  DOCUMENT_TYPE_INFO;

/** The types of one group, in catalogue order (e.g. the counter lists only personal papers). */
export function documentTypesOf(group: DocumentTypeGroup): DocumentType[] {
  return DOCUMENT_TYPES.filter((t) => DOCUMENT_TYPE_INFO[t].group === group);
}

/**
 * From this confidence a decision counts as "sure": at most a few percent of such decisions may
 * be wrong (measured by `sohoa eval classify`). Below the review threshold (0.6 by default) the
 * document goes to review instead of being assigned.
 */
export const HIGH_CONFIDENCE = 0.85;

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
