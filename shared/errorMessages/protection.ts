// Messages of errors about keeping citizens' data only as long as needed and out of reach: the
// retention rules and erasing an applicant's personal data, a hot folder that refuses links
// planted on the share, and transport limits (answers too large, a records store without TLS, a
// store refusing server-side encryption). Vietnamese first; each says what happened, to which
// item, and what to do. Never personal data in a subject: a dossier code, a folder's label, a host.
import type { Template } from './template';

export const PROTECTION_MESSAGES = {
  RETENTION_NOT_ENDED: (s) => ({
    vi: `Hồ sơ ${s} chưa hết thời hạn lưu trữ nên chưa được xóa dữ liệu cá nhân. Chỉ xóa được khi đã hết thời hạn ghi trong hồ sơ.`,
    en: `Dossier ${s} has not reached the end of its retention period, so its personal data cannot be erased yet. It can be erased once the period recorded for it has ended.`,
  }),
  RETENTION_PERMANENT: (s) => ({
    vi: `Hồ sơ ${s} có thời hạn lưu trữ vĩnh viễn nên không bao giờ bị xóa dữ liệu cá nhân tại máy này.`,
    en: `Dossier ${s} is kept permanently, so its personal data is never erased at this desk.`,
  }),
  RETENTION_UNKNOWN: (s) => ({
    vi: `Hồ sơ ${s} có thời hạn lưu trữ "Khác", máy không tính được ngày hết hạn. Người làm lưu trữ cần ghi thời hạn cụ thể cho hồ sơ trước khi xóa dữ liệu cá nhân.`,
    en: `Dossier ${s} has the retention period "Other", so its end cannot be worked out. An archivist must record a specific period for it before its personal data can be erased.`,
  }),
  ERASE_DOSSIER_OPEN: (s) => ({
    vi: `Hồ sơ ${s} còn đang được giải quyết (chưa ký, chưa lưu trữ hoặc chưa kết thúc) nên không xóa dữ liệu cá nhân. Hãy kết thúc hồ sơ trước.`,
    en: `Dossier ${s} is still being processed (not signed, archived or closed), so its personal data is not erased. Close the dossier first.`,
  }),
  RETENTION_SWEEP_FAILED: (s) => ({
    vi: `Chưa dọn được kho "${s}" theo thời hạn lưu giữ (thư mục không đọc được hoặc ổ đĩa lỗi). Các kho khác vẫn được dọn; máy sẽ thử lại ở lần dọn sau.`,
    en: `Store "${s}" could not be cleared by its retention rule (a folder could not be read or the disk failed). The other stores were cleared; the desk tries again at the next sweep.`,
  }),
  ERASE_FAILED: (s) => ({
    vi: `Chưa xóa hết dữ liệu cá nhân của hồ sơ ${s} (một tệp đang bị chương trình khác giữ hoặc ổ đĩa lỗi). Phần đã xóa vẫn được ghi nhật ký; hãy thử lại sau ít phút.`,
    en: `The personal data of dossier ${s} was not completely erased (a file is held by another program or the disk failed). What was erased is logged; try again in a few minutes.`,
  }),
  HOTFOLDER_LINK_REFUSED: (f) => ({
    vi: `"${f}" trong thư mục quét là một liên kết (symlink hoặc junction) trỏ ra nơi khác nên máy không đọc hay ghi qua nó. Nhờ bộ phận CNTT xóa liên kết và tạo lại thư mục thật; các tệp quét khác vẫn được nhận.`,
    en: `"${f}" in the scan folder is a link (symlink or junction) pointing elsewhere, so the desk neither reads nor writes through it. Ask IT to remove the link and create a real folder; other scans are still taken.`,
  }),
  RESPONSE_TOO_LARGE: (h) => ({
    vi: `"${h}" trả về dữ liệu lớn hơn mức cho phép nên máy đã ngừng đọc (có thể không phải máy quét hay kho lưu trữ thật). Nhờ bộ phận CNTT kiểm tra thiết bị này.`,
    en: `"${h}" sent back more data than allowed, so the desk stopped reading (it may not be a real scanner or records store). Ask IT to check this device.`,
  }),
  STORE_NOT_HTTPS: (h) => ({
    vi: `Kho lưu trữ "${h}" dùng HTTP không mã hóa nên máy không gửi hồ sơ tới đó. Hãy dùng địa chỉ https://, hoặc nhờ bộ phận CNTT cho phép riêng địa chỉ này trong Cài đặt nếu nó chỉ nằm trong mạng nội bộ.`,
    en: `Records store "${h}" uses unencrypted HTTP, so no record is sent there. Use an https:// address, or ask IT to allow this one address in Settings if it is only on the local network.`,
  }),
  STORE_ENCRYPTION_REFUSED: (h) => ({
    vi: `Kho lưu trữ "${h}" từ chối yêu cầu mã hóa phía máy chủ nên hồ sơ chưa được gửi. Nhờ bộ phận CNTT bật mã hóa trên kho, hoặc tắt yêu cầu này trong cấu hình gửi.`,
    en: `Records store "${h}" refused server-side encryption, so the record was not sent. Ask IT to turn encryption on for the store, or to turn this request off in the upload configuration.`,
  }),
} satisfies Record<string, Template>;
