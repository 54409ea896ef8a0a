// The validation report in words, Vietnamese first. Codes come from verifyPdf; each has a
// sentence a clerk can act on.
import type { SignatureReport, VerifyReport } from './verifyPdf';

export type ReportLang = 'vi' | 'en';
type Text = Record<ReportLang, string>;

export const VERDICT_TEXT: Record<VerifyReport['verdict'], Text> = {
  valid: { vi: 'HỢP LỆ', en: 'VALID' },
  'valid-with-warnings': { vi: 'HỢP LỆ, CÓ CẢNH BÁO', en: 'VALID WITH WARNINGS' },
  invalid: { vi: 'KHÔNG HỢP LỆ', en: 'INVALID' },
  unsigned: { vi: 'KHÔNG CÓ CHỮ KÝ SỐ', en: 'NOT SIGNED' },
};

export const CHANGE_TEXT: Record<SignatureReport['changesAfter'], Text> = {
  none: { vi: 'không có thay đổi sau khi ký', en: 'no change after signing' },
  signatures: {
    vi: 'chỉ thêm chữ ký hoặc dấu thời gian sau đó',
    en: 'only later signatures or timestamps',
  },
  'forms-annotations': {
    vi: 'có điền biểu mẫu hoặc thêm chú thích sau khi ký',
    en: 'form filling or annotations after signing',
  },
  other: {
    vi: 'có thay đổi khác sau khi ký (trang, nội dung, đối tượng bị thay thế)',
    en: 'other changes after signing (pages, content, replaced objects)',
  },
};

export const CODE_TEXT: Record<string, Text> = {
  'byte-range-malformed': { vi: 'vùng ký (/ByteRange) sai cấu trúc', en: 'malformed /ByteRange' },
  'byte-range-outside-file': {
    vi: 'vùng ký vượt ra ngoài tệp (tệp bị cắt hoặc sửa)',
    en: 'the signed range runs past the end of the file',
  },
  'byte-range-gap-not-signature': {
    vi: 'phần bị loại khỏi vùng ký không phải là chữ ký (nghi giả mạo)',
    en: 'the bytes left out of the signed range are not the signature (possible forgery)',
  },
  'contents-missing': { vi: 'thiếu giá trị chữ ký', en: 'signature value missing' },
  'revision-not-covered': {
    vi: 'chữ ký không phủ trọn một phiên bản của tệp',
    en: 'the signature does not cover a whole revision',
  },
  'digest-mismatch': {
    vi: 'nội dung đã bị thay đổi sau khi ký (mã băm không khớp)',
    en: 'the content changed after signing (digest mismatch)',
  },
  'signature-mismatch': {
    vi: 'giá trị chữ ký không đúng với khóa công khai',
    en: 'the signature value does not verify',
  },
  'signer-certificate-missing': {
    vi: 'không có chứng thư của người ký trong chữ ký',
    en: "the signer's certificate is not in the signature",
  },
  'signer-info-count': {
    vi: 'chữ ký chứa nhiều hơn một người ký (SignerInfo)',
    en: 'more than one SignerInfo',
  },
  'signing-certificate-mismatch': {
    vi: 'thuộc tính signing-certificate không khớp chứng thư (nghi tráo chứng thư)',
    en: 'signing-certificate attribute does not match the certificate',
  },
  'message-digest-missing': { vi: 'thiếu thuộc tính message-digest', en: 'no message-digest' },
  'content-type-missing': { vi: 'thiếu thuộc tính content-type', en: 'no content-type' },
  'unsupported-digest': { vi: 'thuật toán băm không hỗ trợ', en: 'unsupported digest algorithm' },
  'unsupported-signature-algorithm': {
    vi: 'thuật toán chữ ký không hỗ trợ',
    en: 'unsupported signature algorithm',
  },
  'cms-undecodable': { vi: 'không giải mã được chữ ký (CMS)', en: 'the CMS cannot be decoded' },
  'no-content': { vi: 'không có dữ liệu được ký', en: 'no signed content' },
  'not-a-timestamp': { vi: 'không phải dấu thời gian RFC 3161', en: 'not an RFC 3161 token' },
  'structure-unreadable': {
    vi: 'cấu trúc PDF hỏng hoặc quá phức tạp để đọc an toàn',
    en: 'the PDF structure is broken or too complex to read safely',
  },
  'modified-after-signing': {
    vi: 'tệp bị thay đổi sau khi ký ngoài việc thêm chữ ký',
    en: 'the file was changed after signing beyond adding signatures',
  },
  'chain-untrusted': {
    vi: 'chứng thư không dẫn về chứng thư gốc tin cậy (thêm gốc bằng --trust)',
    en: 'the chain does not reach a trust anchor (add anchors with --trust)',
  },
  'weak-digest': { vi: 'dùng thuật toán băm yếu (SHA-1)', en: 'weak digest (SHA-1)' },
  'timestamp-invalid': { vi: 'dấu thời gian không hợp lệ', en: 'invalid timestamp' },
  'certificate-not-valid-at-signing-time': {
    vi: 'chứng thư không còn/chưa có hiệu lực tại thời điểm ký',
    en: 'the certificate was not valid at signing time',
  },
  'annotations-after-signing': {
    vi: 'có chú thích/điền biểu mẫu sau khi ký',
    en: 'annotations or form filling after signing',
  },
  'signature-shared-by-fields': {
    vi: 'một chữ ký được nhiều trường dùng chung',
    en: 'one signature is referenced from several fields',
  },
  'not-baseline': {
    vi: 'thiếu thuộc tính signing-certificate (không phải PAdES cơ bản)',
    en: 'no signing-certificate attribute (not PAdES baseline)',
  },
  encrypted: { vi: 'tệp được mã hóa', en: 'the file is encrypted' },
  'certificate-wrong-usage': {
    vi: 'chứng thư của người ký không được cấp cho mục đích ký số',
    en: "the signer's certificate is not issued for digital signatures",
  },
  'certificate-revoked': {
    vi: 'chứng thư của người ký đã bị thu hồi (theo dữ liệu OCSP trong tệp)',
    en: "the signer's certificate is revoked (per the OCSP data in the file)",
  },
  'no-revocation-data': {
    vi: 'tệp có dữ liệu kiểm tra lâu dài nhưng không có thông tin thu hồi hợp lệ cho người ký',
    en: 'the file has long-term validation data but none valid for the signer',
  },
  'certification-violated': {
    vi: 'tệp đã được chứng thực "không cho phép thay đổi" nhưng vẫn bị ký thêm hoặc sửa',
    en: 'the file was certified "no changes allowed" yet was signed again or changed',
  },
};

const say = (code: string, lang: ReportLang) => CODE_TEXT[code]?.[lang] ?? code;

export function formatReport(report: VerifyReport, lang: ReportLang, fileName: string): string {
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const yes = L('có', 'yes');
  const no = L('không', 'no');
  const lines = [`${fileName}: ${VERDICT_TEXT[report.verdict][lang]}`];
  for (const e of report.errors) lines.push(`  ! ${say(e, lang)}`);
  report.signatures.forEach((s, i) => {
    lines.push(
      `  ${L('Chữ ký', 'Signature')} ${i + 1} (${s.field}): ${VERDICT_TEXT[s.verdict][lang]}`,
      `    ${L('Người ký', 'Signer')}: ${s.signer ?? '?'}`,
      `    ${L('Chuỗi chứng thư', 'Chain')}: ${s.chain.join(' → ') || '?'} (${L('tin cậy', 'trusted')}: ${s.trusted ? yes : no})`,
      `    ${L('Toàn vẹn', 'Intact')}: ${s.intact ? yes : no}; ${L('phủ trọn phiên bản', 'covers whole revision')}: ${s.coversWholeRevision ? yes : no}; ${L('mật mã đúng', 'cryptography holds')}: ${s.cryptoValid ? yes : no}`,
      `    ${L('Mức', 'Level')}: ${s.level || '?'}; ${L('thuật toán', 'algorithm')}: ${s.signatureAlgorithm ?? s.digestAlgorithm ?? '?'}`,
      `    ${L('Thời gian ký (tự khai)', 'Claimed signing time')}: ${s.claimedSigningTime ?? '?'}`,
    );
    if (s.timestamp) {
      lines.push(
        `    ${L('Dấu thời gian', 'Timestamp')}: ${s.timestamp.time} (${s.timestamp.tsa ?? '?'}; ${L('hợp lệ', 'valid')}: ${s.timestamp.valid ? yes : no})`,
      );
    }
    lines.push(`    ${L('Sau khi ký', 'After signing')}: ${CHANGE_TEXT[s.changesAfter][lang]}`);
    for (const e of s.errors) lines.push(`    ✗ ${say(e, lang)}`);
    for (const w of s.warnings) lines.push(`    ⚠ ${say(w, lang)}`);
  });
  return lines.join('\n');
}
