// Messages of errors about the OCR engine: inputs, image pipeline, PDF/A output. Vietnamese
// first; each says what happened, to which file or item, and what the clerk can do next.
import type { Template } from './template';

export const OCR_MESSAGES = {
  OCR_TIMEOUT: (f) => ({
    vi: `Nhận dạng chữ trên "${f}" quá lâu nên đã dừng. Trang vẫn được giữ (chưa có lớp chữ); hãy kiểm tra trang hoặc quét lại.`,
    en: `Text recognition on "${f}" took too long and was stopped. The page is kept (without a text layer); check it or rescan it.`,
  }),
  CANCELLED: (f) => ({
    vi: `Đã hủy xử lý "${f}" theo yêu cầu. Các tệp gốc không bị thay đổi.`,
    en: `Processing of "${f}" was cancelled as asked. The original files are unchanged.`,
  }),
  PDF_ENCRYPTED: (f) => ({
    vi: `Tệp PDF "${f}" có mật khẩu hoặc bị mã hóa nên không đọc được. Hãy xin bản không mật khẩu hoặc quét lại bản giấy.`,
    en: `PDF "${f}" is password-protected or encrypted and cannot be read. Ask for an unprotected copy or scan the paper.`,
  }),
  PDF_CORRUPT: (f) => ({
    vi: `Tệp PDF "${f}" bị hỏng hoặc không đúng định dạng. Các tệp khác vẫn được xử lý; hãy xin lại tệp hoặc quét bản giấy.`,
    en: `PDF "${f}" is damaged or malformed. The other files are processed; ask for the file again or scan the paper.`,
  }),
  PDF_TOO_COMPLEX: (f) => ({
    vi: `Tệp PDF "${f}" cần quá nhiều thời gian hoặc bộ nhớ để đọc nên đã dừng. Hãy quét bản giấy thay thế.`,
    en: `PDF "${f}" needs too much time or memory to read and was stopped. Scan the paper instead.`,
  }),
} satisfies Record<string, Template>;
