// The validation report in words, Vietnamese first. The outcome is ETSI EN 319 102-1's
// indication; each indication and sub-indication says what it means for the clerk and what to
// do, and each reason code (indication.ts) has a sentence of its own.
import type { FileIndication, SubIndication, Verdict } from './indication';
import type { SignatureReport, VerifyReport } from './report';

export type ReportLang = 'vi' | 'en';
type Text = Record<ReportLang, string>;

export const VERDICT_TEXT: Record<Verdict | 'unsigned', Text> = {
  valid: { vi: 'HỢP LỆ', en: 'VALID' },
  'valid-with-warnings': { vi: 'HỢP LỆ, CÓ LƯU Ý', en: 'VALID, WITH NOTES' },
  indeterminate: { vi: 'CHƯA XÁC ĐỊNH ĐƯỢC', en: 'INDETERMINATE' },
  invalid: { vi: 'KHÔNG HỢP LỆ', en: 'INVALID' },
  unsigned: { vi: 'KHÔNG CÓ CHỮ KÝ SỐ', en: 'NOT SIGNED' },
};

export interface IndicationText {
  title: Text;
  /** What it means for the clerk. */
  meaning: Text;
  /** What to do. */
  advice: Text;
}

export const INDICATION_TEXT: Record<FileIndication, IndicationText> = {
  TOTAL_PASSED: {
    title: { vi: 'HỢP LỆ', en: 'VALID (TOTAL_PASSED)' },
    meaning: {
      vi: 'Chữ ký đúng, nội dung không bị sửa sau khi ký, chứng thư dẫn về chứng thư gốc tin cậy và không bị thu hồi tại thời điểm ký.',
      en: 'The signature is correct, the content was not altered after signing, and the certificate chains to a trusted root and was not revoked when it signed.',
    },
    advice: { vi: 'Có thể tiếp nhận tệp.', en: 'The file can be accepted.' },
  },
  INDETERMINATE: {
    title: { vi: 'CHƯA XÁC ĐỊNH ĐƯỢC', en: 'INDETERMINATE' },
    meaning: {
      vi: 'Không thấy dấu hiệu giả mạo, nhưng chưa đủ căn cứ để xác nhận chữ ký (xem lý do bên dưới).',
      en: 'No sign of forgery was found, but there is not enough to confirm the signature (see the reason below).',
    },
    advice: {
      vi: 'Chưa coi là hợp lệ: làm theo hướng dẫn của lý do, hoặc hỏi bộ phận CNTT.',
      en: 'Do not treat it as valid yet: follow the reason’s advice, or ask IT.',
    },
  },
  TOTAL_FAILED: {
    title: { vi: 'KHÔNG HỢP LỆ', en: 'INVALID (TOTAL_FAILED)' },
    meaning: {
      vi: 'Chữ ký hỏng hoặc tệp đã bị sửa sau khi ký theo cách không được phép: nội dung đang hiển thị có thể không phải nội dung đã ký.',
      en: 'The signature is broken or the file was changed after signing in a way that is not allowed: what is shown may not be what was signed.',
    },
    advice: {
      vi: 'Không tiếp nhận tệp này; đề nghị người gửi gửi lại bản gốc đã ký.',
      en: 'Do not accept this file; ask the sender for the original signed file.',
    },
  },
  NO_SIGNATURE: {
    title: { vi: 'KHÔNG CÓ CHỮ KÝ SỐ', en: 'NOT SIGNED' },
    meaning: { vi: 'Tệp không có chữ ký số nào.', en: 'The file carries no digital signature.' },
    advice: {
      vi: 'Nếu hồ sơ cần chữ ký số, đề nghị người gửi ký số rồi gửi lại.',
      en: 'If the dossier needs a digital signature, ask the sender to sign it and send it again.',
    },
  },
};

export const SUB_TEXT: Record<SubIndication, { meaning: Text; advice: Text }> = {
  FORMAT_FAILURE: {
    meaning: {
      vi: 'cấu trúc chữ ký hoặc tệp không hợp lệ, hoặc tệp bị sửa sau khi ký',
      en: 'the signature or file structure is invalid, or the file was altered after signing',
    },
    advice: { vi: 'xin bản gốc đã ký', en: 'ask for the original signed file' },
  },
  HASH_FAILURE: {
    meaning: { vi: 'nội dung đã bị thay đổi sau khi ký', en: 'the content changed after signing' },
    advice: { vi: 'xin bản gốc đã ký', en: 'ask for the original signed file' },
  },
  SIG_CRYPTO_FAILURE: {
    meaning: {
      vi: 'giá trị chữ ký không khớp với khóa của người ký',
      en: 'the signature value does not match the signer’s key',
    },
    advice: { vi: 'xin bản gốc đã ký', en: 'ask for the original signed file' },
  },
  REVOKED: {
    meaning: {
      vi: 'chứng thư của người ký đã bị thu hồi trước khi ký',
      en: 'the signer’s certificate was revoked before it signed',
    },
    advice: { vi: 'không tiếp nhận; báo người gửi', en: 'do not accept; tell the sender' },
  },
  NOT_YET_VALID: {
    meaning: {
      vi: 'chữ ký được làm trước khi chứng thư có hiệu lực',
      en: 'the signature was made before the certificate became valid',
    },
    advice: { vi: 'không tiếp nhận; báo người gửi', en: 'do not accept; tell the sender' },
  },
  SIG_CONSTRAINTS_FAILURE: {
    meaning: {
      vi: 'chữ ký không đáp ứng yêu cầu áp dụng',
      en: 'the signature does not meet the applicable constraints',
    },
    advice: { vi: 'hỏi bộ phận CNTT', en: 'ask IT' },
  },
  CHAIN_CONSTRAINTS_FAILURE: {
    meaning: {
      vi: 'chuỗi chứng thư vi phạm ràng buộc (không phải CA, sai mục đích sử dụng, vượt độ dài…)',
      en: 'the certificate chain breaks a constraint (not a CA, wrong key usage, path too long…)',
    },
    advice: { vi: 'không tiếp nhận; hỏi bộ phận CNTT', en: 'do not accept; ask IT' },
  },
  CRYPTO_CONSTRAINTS_FAILURE: {
    meaning: {
      vi: 'thuật toán mật mã không được hỗ trợ',
      en: 'the cryptographic algorithm is not supported',
    },
    advice: {
      vi: 'kiểm tra bằng phần mềm khác hoặc hỏi bộ phận CNTT',
      en: 'check with other software or ask IT',
    },
  },
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: {
    meaning: {
      vi: 'thuật toán hoặc độ dài khóa đã yếu, không có bằng chứng chữ ký được làm khi còn an toàn',
      en: 'the algorithm or key length is weak and nothing proves the signature was made while it was safe',
    },
    advice: {
      vi: 'đề nghị người gửi ký lại bằng chứng thư mới',
      en: 'ask the sender to sign again with a current certificate',
    },
  },
  NO_SIGNING_CERTIFICATE_FOUND: {
    meaning: {
      vi: 'không xác định được chứng thư của người ký',
      en: 'the signer’s certificate cannot be identified',
    },
    advice: { vi: 'xin bản gốc đã ký', en: 'ask for the original signed file' },
  },
  NO_CERTIFICATE_CHAIN_FOUND: {
    meaning: {
      vi: 'chứng thư không dẫn về chứng thư gốc tin cậy nào',
      en: 'the certificate does not chain to a trusted root',
    },
    advice: {
      vi: 'nếu là chứng thư thật của tổ chức cấp được cấp phép, nhờ bộ phận CNTT thêm chứng thư gốc (Cài đặt)',
      en: 'if it is a real certificate from a licensed CA, ask IT to add its root (Settings)',
    },
  },
  REVOKED_NO_POE: {
    meaning: {
      vi: 'chứng thư đã bị thu hồi; không có dấu thời gian chứng minh chữ ký được làm trước đó',
      en: 'the certificate has been revoked and no timestamp proves the signature came before',
    },
    advice: {
      vi: 'không tiếp nhận khi chưa xác minh với người gửi',
      en: 'do not accept before checking with the sender',
    },
  },
  REVOKED_CA_NO_POE: {
    meaning: {
      vi: 'chứng thư của tổ chức cấp đã bị thu hồi',
      en: 'the issuing CA’s certificate has been revoked',
    },
    advice: { vi: 'không tiếp nhận; hỏi bộ phận CNTT', en: 'do not accept; ask IT' },
  },
  OUT_OF_BOUNDS_NO_POE: {
    meaning: {
      vi: 'chứng thư đã hết hạn (hoặc chưa có hiệu lực) và không có dấu thời gian chứng minh thời điểm ký',
      en: 'the certificate is expired (or not yet valid) and no timestamp proves when it signed',
    },
    advice: {
      vi: 'đề nghị người gửi ký lại, hoặc gửi bản có dấu thời gian',
      en: 'ask the sender to sign again, or for a timestamped copy',
    },
  },
  OUT_OF_BOUNDS_NOT_REVOKED: {
    meaning: {
      vi: 'chứng thư đã hết hạn, không bị thu hồi, nhưng không có dấu thời gian chứng minh thời điểm ký',
      en: 'the certificate is expired, not revoked, but nothing proves when it signed',
    },
    advice: {
      vi: 'đề nghị người gửi gửi bản có dấu thời gian',
      en: 'ask the sender for a timestamped copy',
    },
  },
  TRY_LATER: {
    meaning: {
      vi: 'chưa kiểm tra được tình trạng thu hồi của chứng thư (không có dữ liệu trong tệp và không kết nối được máy chủ OCSP/CRL)',
      en: 'the certificate’s revocation status could not be checked (no data in the file and the OCSP/CRL servers could not be reached)',
    },
    advice: {
      vi: 'kiểm tra kết nối mạng rồi kiểm tra lại sau',
      en: 'check the network connection and verify again later',
    },
  },
  NO_POE: {
    meaning: {
      vi: 'không có bằng chứng về thời điểm tồn tại của chữ ký',
      en: 'nothing proves when the signature existed',
    },
    advice: { vi: 'hỏi bộ phận CNTT', en: 'ask IT' },
  },
};

export const CHANGE_TEXT: Record<SignatureReport['changesAfter'], Text> = {
  none: { vi: 'không có thay đổi sau khi ký', en: 'no change after signing' },
  signatures: {
    vi: 'chỉ thêm chữ ký, dấu thời gian hoặc dữ liệu kiểm tra sau đó',
    en: 'only later signatures, timestamps or validation data',
  },
  'forms-annotations': {
    vi: 'có điền biểu mẫu hoặc thêm ghi chú sau khi ký',
    en: 'form filling or notes added after signing',
  },
  other: {
    vi: 'có thay đổi khác sau khi ký (trang, nội dung, đối tượng bị thay thế, lớp phủ)',
    en: 'other changes after signing (pages, content, replaced objects, overlays)',
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
    vi: 'chứng thư không dẫn về chứng thư gốc tin cậy (danh sách gốc tin cậy, hoặc --trust)',
    en: 'the chain does not reach a trust anchor (the trust list, or --trust)',
  },
  'encapsulated-content': {
    vi: 'chữ ký mang theo nội dung riêng thay vì ký trên chính tệp này (nghi giả mạo)',
    en: 'the signature carries content of its own instead of signing this file (possible forgery)',
  },
  'signature-dictionary-changed': {
    vi: 'từ điển chữ ký bị thay thế sau khi ký',
    en: 'the signature dictionary was replaced after signing',
  },
  'signature-removed': {
    vi: 'tệp từng được ký nhưng phiên bản cuối đã gỡ chữ ký khỏi tài liệu (nghi giả mạo)',
    en: 'the file was signed but its last revision leaves the signature out of the document (possible forgery)',
  },
  'field-lock-violated': {
    vi: 'trường biểu mẫu đã bị khóa khi ký nhưng sau đó bị sửa',
    en: 'a form field locked by the signature was changed afterwards',
  },
  'annotation-overlay': {
    vi: 'sau khi ký có thêm/sửa chú thích có thể vẽ đè lên nội dung trang (nội dung hiển thị có thể khác nội dung đã ký)',
    en: 'an annotation that can paint over the page was added or changed after signing (what is shown may differ from what was signed)',
  },
  'weak-key': { vi: 'khóa của người ký quá ngắn', en: 'the signer’s key is too short' },
  'chain-constraints': {
    vi: 'chuỗi chứng thư vi phạm ràng buộc RFC 5280 (CA, độ dài đường dẫn, chính sách, phần mở rộng bắt buộc)',
    en: 'the certificate chain breaks an RFC 5280 constraint (CA flag, path length, policy, critical extension)',
  },
  'certificate-not-yet-valid': {
    vi: 'chứng thư chưa có hiệu lực tại thời điểm kiểm tra',
    en: 'a certificate was not yet valid at the time checked',
  },
  'certificate-expired': {
    vi: 'chứng thư đã hết hạn tại thời điểm kiểm tra và không có dấu thời gian chứng minh thời điểm ký',
    en: 'a certificate had expired at the time checked and no timestamp proves when it signed',
  },
  'certificate-expired-not-revoked': {
    vi: 'chứng thư đã hết hạn (không bị thu hồi) và không có dấu thời gian chứng minh thời điểm ký',
    en: 'the certificate has expired (not revoked) and no timestamp proves when it signed',
  },
  'certificate-revoked-no-poe': {
    vi: 'chứng thư của người ký đã bị thu hồi; không có dấu thời gian chứng minh chữ ký có trước khi thu hồi',
    en: 'the signer’s certificate is revoked and no timestamp proves the signature came first',
  },
  'ca-revoked': {
    vi: 'chứng thư của tổ chức cấp đã bị thu hồi',
    en: 'an issuing CA’s certificate is revoked',
  },
  'revocation-unavailable': {
    vi: 'không lấy được thông tin thu hồi (OCSP/CRL): không có trong tệp, máy chủ không trả lời hoặc đang kiểm tra ngoại tuyến',
    en: 'no revocation data (OCSP/CRL): none in the file, and the server did not answer or the check ran offline',
  },
  'revocation-no-source': {
    vi: 'chứng thư không ghi địa chỉ kiểm tra thu hồi và tệp không kèm dữ liệu thu hồi',
    en: 'the certificate names no revocation service and the file carries no revocation data',
  },
  'revocation-unknown': {
    vi: 'máy chủ OCSP không biết chứng thư này',
    en: 'the OCSP responder does not know this certificate',
  },
  'timestamp-untrusted': {
    vi: 'dấu thời gian đúng nhưng đơn vị cấp dấu thời gian không dẫn về chứng thư gốc tin cậy: không dùng làm bằng chứng thời điểm ký',
    en: 'the timestamp is correct but its authority is not trusted: it does not prove the signing time',
  },
  'revoked-after-signing': {
    vi: 'chứng thư bị thu hồi sau thời điểm ký đã được dấu thời gian chứng minh',
    en: 'the certificate was revoked after the signing time proven by a timestamp',
  },
  'form-filled-after-signing': {
    vi: 'biểu mẫu được điền sau khi ký',
    en: 'form fields were filled in after signing',
  },
  'weak-digest': { vi: 'dùng thuật toán băm yếu (SHA-1)', en: 'weak digest (SHA-1)' },
  'timestamp-invalid': { vi: 'dấu thời gian không hợp lệ', en: 'invalid timestamp' },
  'certificate-not-valid-at-signing-time': {
    vi: 'chứng thư không còn/chưa có hiệu lực tại thời điểm ký',
    en: 'the certificate was not valid at signing time',
  },
  'annotations-after-signing': {
    vi: 'có ghi chú (không che nội dung) được thêm sau khi ký',
    en: 'notes (not covering content) were added after signing',
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
    vi: 'chứng thư của người ký đã bị thu hồi trước thời điểm ký mà chính người ký ghi',
    en: "the signer's certificate was revoked before the signing time the signer itself states",
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

function indicationLine(
  indication: FileIndication,
  sub: SubIndication | undefined,
  lang: ReportLang,
): string {
  const t = INDICATION_TEXT[indication];
  const why = sub ? ` — ${sub}: ${SUB_TEXT[sub].meaning[lang]}` : '';
  return `${t.title[lang]}${why}`;
}

/** What the clerk should do, from the outcome and its sub-indication. */
export function adviceOf(indication: FileIndication, sub: SubIndication | undefined): Text {
  const base = INDICATION_TEXT[indication].advice;
  if (!sub) return base;
  const more = SUB_TEXT[sub].advice;
  return { vi: `${base.vi} (${more.vi})`, en: `${base.en} (${more.en})` };
}

function signatureLines(s: SignatureReport, i: number, lang: ReportLang): string[] {
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const yes = L('có', 'yes');
  const no = L('không', 'no');
  const lines = [
    `  ${L('Chữ ký', 'Signature')} ${i + 1} (${s.field}): ${indicationLine(s.indication, s.subIndication, lang)}`,
    `    ${L('Người ký', 'Signer')}: ${s.signer ?? '?'}`,
    `    ${L('Chuỗi chứng thư', 'Chain')}: ${s.chain.join(' → ') || '?'} (${L('tin cậy', 'trusted')}: ${s.trusted ? yes : no})`,
    `    ${L('Toàn vẹn', 'Intact')}: ${s.intact ? yes : no}; ${L('phủ trọn phiên bản', 'covers whole revision')}: ${s.coversWholeRevision ? yes : no}; ${L('mật mã đúng', 'cryptography holds')}: ${s.cryptoValid ? yes : no}`,
    `    ${L('Mức', 'Level')}: ${s.level || '?'}; ${L('thuật toán', 'algorithm')}: ${s.signatureAlgorithm ?? s.digestAlgorithm ?? '?'}`,
    `    ${L('Thời gian ký (tự khai)', 'Claimed signing time')}: ${s.claimedSigningTime ?? '?'}`,
  ];
  if (s.timestamp) {
    lines.push(
      `    ${L('Dấu thời gian', 'Timestamp')}: ${s.timestamp.time} (${s.timestamp.tsa ?? '?'}; ${L('hợp lệ', 'valid')}: ${s.timestamp.valid ? yes : no}; ${L('tin cậy', 'trusted')}: ${s.timestamp.trusted ? yes : no})`,
    );
  }
  if (s.validationTime)
    lines.push(
      `    ${L('Kiểm tra chứng thư tại', 'Certificates checked at')}: ${s.validationTime}`,
    );
  if (s.revocation) {
    lines.push(
      `    ${L('Thu hồi', 'Revocation')}: ${s.revocation}${s.revocationEvidence?.kind ? ` (${s.revocationEvidence.kind}, ${s.revocationEvidence.source})` : ''}`,
    );
  }
  lines.push(`    ${L('Sau khi ký', 'After signing')}: ${CHANGE_TEXT[s.changesAfter][lang]}`);
  for (const e of s.errors) lines.push(`    ✗ ${say(e, lang)}`);
  for (const w of s.warnings) lines.push(`    ⚠ ${say(w, lang)}`);
  for (const d of s.changeDetails.slice(0, 5)) lines.push(`      · ${d}`);
  for (const d of s.details.slice(0, 5)) lines.push(`      · ${d}`);
  return lines;
}

export function formatReport(report: VerifyReport, lang: ReportLang, fileName: string): string {
  const advice = adviceOf(report.indication, report.subIndication);
  const lines = [
    `${fileName}: ${indicationLine(report.indication, report.subIndication, lang)}`,
    `  ${INDICATION_TEXT[report.indication].meaning[lang]}`,
    `  → ${advice[lang]}`,
  ];
  for (const e of report.errors) lines.push(`  ! ${say(e, lang)}`);
  report.signatures.forEach((s, i) => lines.push(...signatureLines(s, i, lang)));
  return lines.join('\n');
}
