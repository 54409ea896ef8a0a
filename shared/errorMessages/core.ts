// Messages of the foundation's errors (files, images, pipeline, contract).
import type { Template } from './template';

export const CORE_MESSAGES = {
  FILE_NOT_FOUND: (f) => ({
    vi: `Không tìm thấy tệp "${f}". Kiểm tra lại đường dẫn hoặc chọn lại tệp.`,
    en: `File "${f}" was not found. Check the path or choose the file again.`,
  }),
  FILE_EMPTY: (f) => ({
    vi: `Tệp "${f}" rỗng (0 byte). Hãy quét lại trang này.`,
    en: `File "${f}" is empty (0 bytes). Scan this page again.`,
  }),
  FILE_NOT_IMAGE: (f) => ({
    vi: `Tệp "${f}" không phải ảnh JPEG, PNG, TIFF hay tệp PDF. Hãy chọn đúng tệp ảnh quét hoặc PDF.`,
    en: `File "${f}" is not a JPEG, PNG or TIFF image nor a PDF. Choose the scanned image or PDF file.`,
  }),
  IMAGE_CORRUPT: (f) => ({
    vi: `Ảnh "${f}" bị hỏng hoặc không đầy đủ (có thể quét bị ngắt giữa chừng). Hãy quét lại trang này.`,
    en: `Image "${f}" is damaged or incomplete (the scan may have been cut off). Scan this page again.`,
  }),
  IMAGE_TOO_LARGE: (f) => ({
    vi: `Ảnh "${f}" quá lớn để xử lý an toàn. Hãy quét lại ở độ phân giải 200–300 dpi.`,
    en: `Image "${f}" is too large to process safely. Scan it again at 200–300 dpi.`,
  }),
  OCR_FAILED: (f) => ({
    vi: `Không nhận dạng được chữ trên "${f}". Trang vẫn được giữ; hãy thử lại hoặc quét lại rõ hơn.`,
    en: `Text recognition failed on "${f}". The page is kept; retry or rescan it more clearly.`,
  }),
  PDF_FAILED: (f) => ({
    vi: `Không tạo được tệp PDF cho "${f}". Hãy thử lại; nếu vẫn lỗi, báo bộ phận CNTT.`,
    en: `Could not build the PDF for "${f}". Retry; if it fails again, tell IT.`,
  }),
  SIGN_FAILED: (f) => ({
    vi: `Không ký số được "${f}". Kiểm tra chứng thư số hoặc USB token rồi thử lại.`,
    en: `Could not sign "${f}". Check the certificate or USB token and retry.`,
  }),
  KEY_UNAVAILABLE: (f) => ({
    vi: `Không mở được khóa ký "${f}". Kiểm tra tệp chứng thư và mật khẩu.`,
    en: `Could not open signing key "${f}". Check the certificate file and its password.`,
  }),
  ARCHIVE_FAILED: (f) => ({
    vi: `Không lưu được "${f}" vào kho lưu trữ. Dữ liệu chưa bị mất; hãy thử lại.`,
    en: `Could not store "${f}" in the archive. Nothing was lost; retry.`,
  }),
  NO_VALID_PAGES: (f) => ({
    vi: `Không có trang hợp lệ nào trong "${f}". Hãy kiểm tra các lỗi ở từng tệp.`,
    en: `No valid page in "${f}". See the error reported for each file.`,
  }),
  DOSSIER_NOT_FOUND: (f) => ({
    vi: `Không tìm thấy hồ sơ "${f}".`,
    en: `Dossier "${f}" was not found.`,
  }),
  BAD_REQUEST: (f) => ({
    vi: `Yêu cầu không hợp lệ: ${f}.`,
    en: `Invalid request: ${f}.`,
  }),
  UNAUTHORIZED: () => ({
    vi: 'Yêu cầu không được phép.',
    en: 'Request not allowed.',
  }),
  INTERNAL: (f) => ({
    vi: `Lỗi nội bộ (${f}). Công việc khác không bị ảnh hưởng; hãy báo bộ phận CNTT.`,
    en: `Internal error (${f}). Other work is not affected; tell IT.`,
  }),
} satisfies Record<string, Template>;
