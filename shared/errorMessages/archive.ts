// Messages of errors about the archive, audit log, packages, outbox and connectors. Vietnamese
// first; each says what happened, to which file or item, and what the clerk can do next.
import type { Template } from './template';

export const ARCHIVE_MESSAGES = {
  METADATA_INVALID: (f) => ({
    vi: `Thông tin lưu trữ không hợp lệ: ${f}. Hãy sửa trường này rồi lưu lại.`,
    en: `Invalid archive metadata: ${f}. Correct this field and save again.`,
  }),
  BLOB_MISSING: (f) => ({
    vi: `Tệp của hồ sơ "${f}" bị thiếu hoặc đã bị thay đổi trong kho. Hãy khôi phục từ bản sao lưu và báo bộ phận CNTT.`,
    en: `The file of dossier "${f}" is missing or was changed in the store. Restore it from a backup and tell IT.`,
  }),
  AUDIT_BROKEN: (f) => ({
    vi: `Nhật ký kiểm tra bị sửa hoặc thiếu (${f}). Dữ liệu có thể đã bị can thiệp; hãy báo ngay bộ phận CNTT và không sửa gì thêm.`,
    en: `The audit log was altered or is incomplete (${f}). Records may have been tampered with; tell IT at once and change nothing.`,
  }),
  SEARCH_EMPTY: () => ({
    vi: 'Hãy nhập từ cần tìm (tên, số giấy tờ, nội dung…).',
    en: 'Type what to search for (a name, a document number, some text…).',
  }),
  BACKUP_FAILED: (f) => ({
    vi: `Không sao lưu được vào "${f}". Kiểm tra ổ đĩa (còn trống, có quyền ghi) rồi thử lại.`,
    en: `Could not back up to "${f}". Check the drive (free space, write permission) and retry.`,
  }),
  BACKUP_CORRUPT: (f) => ({
    vi: `Bản sao lưu hỏng hoặc không đầy đủ: ${f}. Không khôi phục từ bản này; hãy dùng bản sao lưu khác.`,
    en: `The backup is damaged or incomplete: ${f}. Nothing was restored from it; use another backup.`,
  }),
  RESTORE_TARGET_NOT_EMPTY: (f) => ({
    vi: `Thư mục "${f}" đã có kho lưu trữ. Chọn thư mục trống, hoặc dùng --force để thay thế.`,
    en: `Folder "${f}" already holds an archive. Choose an empty folder, or use --force to replace it.`,
  }),
  EXPORT_FAILED: (f) => ({
    vi: `Không xuất được gói hồ sơ "${f}". Kiểm tra thư mục đích rồi thử lại.`,
    en: `Could not export the package of dossier "${f}". Check the target folder and retry.`,
  }),
  OUTBOX_ITEM_NOT_FOUND: (f) => ({
    vi: `Không có mục "${f}" trong hàng đợi gửi.`,
    en: `Item "${f}" is not in the upload queue.`,
  }),
  CONNECTOR_NOT_CONFIGURED: () => ({
    vi: 'Chưa cấu hình nơi nhận hồ sơ (thư mục mạng hoặc kho S3). Hãy nhờ bộ phận CNTT cấu hình: sohoa outbox configure.',
    en: 'No upload destination is configured (network folder or S3 store). Ask IT to configure one: sohoa outbox configure.',
  }),
  CREDENTIALS_UNREADABLE: (f) => ({
    vi: `Không giải mã được thông tin đăng nhập kho (${f}). Khóa máy có thể đã đổi; hãy cấu hình lại nơi nhận.`,
    en: `Could not decrypt the store credentials (${f}). The machine key may have changed; configure the destination again.`,
  }),
  STORE_UNREACHABLE: (f) => ({
    vi: `Không kết nối được kho hồ sơ (${f}). Hồ sơ vẫn an toàn trong hàng đợi và sẽ tự gửi lại khi có mạng.`,
    en: `Could not reach the records store (${f}). The dossier is safe in the queue and will be sent again when the network is back.`,
  }),
  STORE_REJECTED: (f) => ({
    vi: `Kho hồ sơ từ chối dữ liệu (${f}). Hồ sơ vẫn trong hàng đợi; nếu lỗi lặp lại, hãy báo bộ phận CNTT.`,
    en: `The records store refused the data (${f}). The dossier stays queued; if this repeats, tell IT.`,
  }),
  STORE_CHECKSUM_MISMATCH: (f) => ({
    vi: `Kho hồ sơ không giữ đúng dữ liệu đã gửi (${f}). Hồ sơ sẽ được gửi lại.`,
    en: `The records store does not hold exactly the bytes sent (${f}). The dossier will be sent again.`,
  }),
  STORE_NOT_WRITABLE: (f) => ({
    vi: `Không ghi được vào nơi nhận hồ sơ (${f}): đường dẫn không phải thư mục hoặc không có quyền ghi. Hồ sơ vẫn an toàn trong kho cục bộ; hãy nhờ bộ phận CNTT kiểm tra nơi nhận trong Cài đặt rồi bấm “Gửi lại”.`,
    en: `Could not write to the destination (${f}): the path is not a folder or cannot be written. The dossier is safe in the local archive; ask IT to check the destination in Settings, then press “Retry”.`,
  }),
} satisfies Record<string, Template>;
