// Strings of the document-field review (the archive's record view). `en` is typed by `vi`: a
// missing or extra key fails tsc.
const vi = {
  title: 'Thông tin văn bản (TT 05/2025)',
  help: 'Enter: chấp nhận, hoặc lưu giá trị đã sửa · gõ để sửa · Tab / Shift+Tab: sang trường khác · Esc: bỏ sửa · Alt+A: chấp nhận mọi trường đọc được với độ tin cậy cao',
  acceptConfident: 'Chấp nhận các trường tin cậy cao (Alt+A)',
  unreviewed: (n: number) => (n === 0 ? 'Đã duyệt hết các trường' : `${n} trường chưa duyệt`),
  document: (code: string) => `Văn bản ${code}`,
  stateUnreviewed: 'Chưa duyệt',
  stateAccepted: 'Đã chấp nhận',
  stateEdited: 'Đã sửa',
  stateNone: 'Chưa có',
  confidence: (p: number) => `Độ tin cậy ${p}%`,
  region: (field: string) => `Vùng trên trang nơi máy đọc “${field}”`,
  noRegion: 'Không có vùng trang',
  loading: 'Đang tải thông tin văn bản…',
  saved: (field: string) => `Đã lưu “${field}”.`,
  exportEark: 'Xuất gói E-ARK (zip)',
  filterOrgan: 'Cơ quan ban hành',
  filterYear: 'Năm ban hành',
  none: 'Máy chưa đọc được thông tin văn bản nào của hồ sơ này; có thể nhập tay.',
};

const en: typeof vi = {
  title: 'Document description (TT 05/2025)',
  help: 'Enter: accept, or save the edited value · type to edit · Tab / Shift+Tab: next or previous field · Esc: undo the edit · Alt+A: accept every field read with high confidence',
  acceptConfident: 'Accept the high-confidence fields (Alt+A)',
  unreviewed: (n) => (n === 0 ? 'Every field reviewed' : `${n} fields to review`),
  document: (code) => `Document ${code}`,
  stateUnreviewed: 'To review',
  stateAccepted: 'Accepted',
  stateEdited: 'Edited',
  stateNone: 'Empty',
  confidence: (p) => `Confidence ${p}%`,
  region: (field) => `Page region where “${field}” was read`,
  noRegion: 'No page region',
  loading: 'Loading the document description…',
  saved: (field) => `Saved “${field}”.`,
  exportEark: 'Export E-ARK package (zip)',
  filterOrgan: 'Issuing body',
  filterYear: 'Year issued',
  none: 'Nothing of this record’s document description was read by the machine; it can be typed.',
};

export const fields = { vi, en };
