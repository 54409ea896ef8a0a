// Messages of errors about scanners, hot folders, separation. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next. The subject is the scanner's name (or address).
import type { Template } from './template';

export const ACQUIRE_MESSAGES = {
  SCANNER_NOT_FOUND: (d) => ({
    vi: `Không tìm thấy máy quét "${d}". Hãy bấm "Tìm máy quét" để làm mới danh sách rồi chọn lại.`,
    en: `Scanner "${d}" was not found. Refresh the scanner list and choose it again.`,
  }),
  SCANNER_NOT_LISTED: (d) => ({
    vi: `Máy quét "${d}" chưa có trong danh sách máy quét của máy tính này nên không được mở. Bấm "Tìm máy quét" (hoặc mở lại màn hình quét) rồi chọn lại; máy quét dùng thường xuyên thì bộ phận CNTT thêm trong Cài đặt.`,
    en: `Scanner "${d}" is not in this computer's scanner list, so it was not opened. Refresh the scanner list (or reopen the scanning screen) and choose it again; IT adds scanners used every day in Settings.`,
  }),
  SCANNER_UNREACHABLE: (d) => ({
    vi: `Không kết nối được máy quét "${d}". Kiểm tra máy đã bật, cắm cáp mạng/USB và cùng mạng với máy tính, rồi thử lại.`,
    en: `Cannot reach scanner "${d}". Check it is switched on, cabled and on the same network as this computer, then retry.`,
  }),
  SCANNER_BUSY: (d) => ({
    vi: `Máy quét "${d}" đang bận (đang quét hoặc in cho người khác). Chờ một lát rồi quét lại.`,
    en: `Scanner "${d}" is busy (scanning or printing for someone else). Wait a moment and scan again.`,
  }),
  SCANNER_FEEDER_EMPTY: (d) => ({
    vi: `Khay nạp giấy của máy quét "${d}" không có giấy. Đặt tập giấy vào khay (mặt cần quét theo hướng dẫn trên máy) rồi quét lại.`,
    en: `The document feeder of scanner "${d}" is empty. Load the stack into the feeder and scan again.`,
  }),
  SCANNER_PAPER_JAM: (d) => ({
    vi: `Máy quét "${d}" bị kẹt giấy. Các trang đã quét được vẫn được giữ; mở nắp khay, gỡ tờ bị kẹt, đặt lại các trang chưa quét rồi quét tiếp.`,
    en: `Paper jam in scanner "${d}". The pages already scanned are kept; open the feeder cover, remove the jammed sheet, reload the remaining pages and scan again.`,
  }),
  SCANNER_COVER_OPEN: (d) => ({
    vi: `Nắp máy quét "${d}" đang mở. Đóng nắp rồi quét lại.`,
    en: `The cover of scanner "${d}" is open. Close it and scan again.`,
  }),
  SCANNER_SETTINGS_UNSUPPORTED: (d) => ({
    vi: `Máy quét "${d}" không hỗ trợ thiết lập đã chọn (nguồn giấy, hai mặt, chế độ màu hoặc độ phân giải). Hãy chọn thiết lập khác.`,
    en: `Scanner "${d}" does not support the chosen settings (paper source, duplex, colour mode or resolution). Choose other settings.`,
  }),
  SCANNER_FAILED: (d) => ({
    vi: `Máy quét "${d}" báo lỗi khi quét. Các trang đã quét được vẫn được giữ; tắt rồi bật lại máy quét và thử lại, nếu vẫn lỗi hãy báo bộ phận CNTT.`,
    en: `Scanner "${d}" reported an error while scanning. The pages already scanned are kept; switch the scanner off and on and retry, or call IT if it persists.`,
  }),
  SCANNER_CERT_CHANGED: (d) => ({
    vi: `Chứng thư bảo mật của máy quét "${d}" khác với lần kết nối trước nên đã không quét (có thể máy khác đang giả danh máy quét). Nhờ bộ phận CNTT kiểm tra; nếu máy quét vừa được thay hoặc cài lại, CNTT xóa dòng của nó trong escl-pins.json.`,
    en: `The security certificate of scanner "${d}" differs from the last connection, so nothing was scanned (another machine may be posing as the scanner). Ask IT to check; if the scanner was replaced or reset, IT removes its line from escl-pins.json.`,
  }),
  SCANNER_TOOL_MISSING: (t) => ({
    vi: `Chưa cài phần mềm quét "${t}" trên máy tính này. Nhờ bộ phận CNTT cài đặt, hoặc dùng máy quét mạng hay thư mục quét.`,
    en: `The scanning software "${t}" is not installed on this computer. Ask IT to install it, or use a network scanner or the scan folder.`,
  }),
  SCAN_CANCELLED: (d) => ({
    vi: `Đã dừng quét trên "${d}" theo yêu cầu. Các trang đã quét trước khi dừng vẫn được giữ.`,
    en: `Scanning on "${d}" was stopped as asked. The pages scanned before the stop are kept.`,
  }),
  SCAN_JOB_NOT_FOUND: (j) => ({
    vi: `Không tìm thấy lượt quét "${j}" (có thể đã được chuyển vào hồ sơ hoặc bị xóa). Hãy quét lại nếu cần.`,
    en: `Scan job "${j}" was not found (it may already have been taken into a dossier or deleted). Scan again if needed.`,
  }),
} satisfies Record<string, Template>;
