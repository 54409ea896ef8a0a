// Messages of errors about the hot folder, file import and separating stacks into documents.
// Vietnamese first; each says what happened, to which file, and what the clerk can do next.
import type { Template } from './template';

export const INTAKE_MESSAGES = {
  HOTFOLDER_UNREACHABLE: (f) => ({
    vi: `Không mở được thư mục nhận bản quét "${f}". Kiểm tra ổ mạng đã kết nối và máy có quyền đọc, ghi thư mục này.`,
    en: `Cannot open the scan folder "${f}". Check that the network drive is connected and this PC may read and write it.`,
  }),
  HOTFOLDER_NOT_CONFIGURED: (f) => ({
    vi: `Chưa cấu hình thư mục nhận bản quét "${f}". Hãy nhờ bộ phận CNTT chọn thư mục mà máy quét lưu tệp vào.`,
    en: `The scan folder "${f}" is not configured. Ask IT to choose the folder the scanner saves into.`,
  }),
  HOTFOLDER_BUSY: (f) => ({
    vi: `Thư mục "${f}" đang được một cửa sổ hoặc lệnh Sohoa khác trên máy này theo dõi. Hãy dùng cửa sổ đó, hoặc tắt nó rồi thử lại.`,
    en: `Folder "${f}" is already watched by another Sohoa window or command on this PC. Use that one, or close it and retry.`,
  }),
  HOTFOLDER_DUPLICATE: (f) => ({
    vi: `Tệp "${f}" đã được nhận trước đó (cùng nội dung), nên không nhận lại. Nếu cần quét lại, hãy quét thành tệp mới.`,
    en: `File "${f}" was already taken earlier (same content), so it is not taken again. To rescan, scan into a new file.`,
  }),
  HOTFOLDER_TRUNCATED: (f) => ({
    vi: `Tệp "${f}" bị cắt cụt (máy quét chưa ghi xong hoặc mất kết nối). Hãy quét lại trang này.`,
    en: `File "${f}" is cut short (the scanner did not finish writing or the connection dropped). Scan these pages again.`,
  }),
  HOTFOLDER_HANDLER_FAILED: (f) => ({
    vi: `Không xử lý được tệp "${f}". Tệp đã được chuyển vào thư mục lỗi; hãy xem lý do bên cạnh tệp và quét lại nếu cần.`,
    en: `Could not process file "${f}". It was moved to the error folder; read the reason beside it and rescan if needed.`,
  }),
  HOTFOLDER_TAKE_STOPPED: (f) => ({
    vi: `Chưa lấy được tệp "${f}" vào hồ sơ; tệp và các tệp sau nó vẫn chờ trong thư mục quét. Kiểm tra ổ đĩa còn chỗ trống rồi bấm "Lấy vào hồ sơ" lần nữa.`,
    en: `File "${f}" could not be taken into the dossier; it and the files after it are still waiting in the scan folder. Check there is free disk space, then press "Take into the dossier" again.`,
  }),
  IMPORT_PATH_NOT_FOUND: (f) => ({
    vi: `Không tìm thấy "${f}". Kiểm tra lại đường dẫn tệp hoặc thư mục.`,
    en: `"${f}" was not found. Check the file or folder path.`,
  }),
  IMPORT_NOTHING_FOUND: (f) => ({
    vi: `Trong "${f}" không có tệp ảnh hoặc PDF nào để nhập.`,
    en: `"${f}" holds no image or PDF file to import.`,
  }),
  SPLIT_INVALID: (f) => ({
    vi: `Không thể đặt điểm tách tại ${f}: phải nằm giữa hai trang của tập. Hãy chọn lại vị trí.`,
    en: `Cannot place a split at ${f}: it must fall between two pages of the stack. Choose another position.`,
  }),
  DUPLEX_COUNT_MISMATCH: (f) => ({
    vi: `Số mặt trước và mặt sau không khớp (${f}). Có thể một tờ bị kẹt hoặc bị kéo hai tờ; hãy quét lại lượt mặt sau.`,
    en: `The numbers of fronts and backs do not match (${f}). A sheet may have jammed or two were pulled together; scan the backs again.`,
  }),
  SEPARATOR_SHEET_INVALID: (f) => ({
    vi: `Không tạo được tờ phân tách: ${f}. Hãy kiểm tra loại giấy tờ và mã hồ sơ.`,
    en: `Cannot make the separator sheet: ${f}. Check the document type and dossier code.`,
  }),
} satisfies Record<string, Template>;
