// Messages of errors about the data folder's encryption: the data key that cannot be opened on
// this machine, a file or database that does not open with it, the recovery words. Vietnamese
// first; each says what happened, to what, and what IT or the clerk can do next.
import type { Template } from './template';

export const VAULT_MESSAGES = {
  VAULT_LOCKED: (f) => ({
    vi: `Không mở được khóa dữ liệu của thư mục "${f}" trên máy hoặc tài khoản này. Dữ liệu vẫn nguyên vẹn; hãy đăng nhập đúng tài khoản Windows đã dùng, hoặc nhờ bộ phận CNTT khôi phục bằng phiếu khóa khôi phục.`,
    en: `The data key of folder "${f}" cannot be opened on this machine or account. The data is intact; sign in with the Windows account used before, or ask IT to restore it with the recovery sheet.`,
  }),
  VAULT_FILE_NOT_SEALED: (f) => ({
    vi: `Tệp "${f}" trong thư mục dữ liệu không được mã hóa như mọi tệp khác nên không được đọc (có thể đã bị thay). Hãy báo bộ phận CNTT.`,
    en: `File "${f}" in the data folder is not encrypted like every other file, so it was not read (it may have been replaced). Tell IT.`,
  }),
  VAULT_FILE_UNREADABLE: (f) => ({
    vi: `Tệp mã hóa "${f}" không mở được bằng khóa dữ liệu (bị hỏng, bị cắt hoặc bị sửa). Hãy khôi phục từ bản sao lưu hoặc báo bộ phận CNTT.`,
    en: `Encrypted file "${f}" does not open with the data key (damaged, cut or changed). Restore it from a backup or tell IT.`,
  }),
  VAULT_DATABASE_UNREADABLE: (f) => ({
    vi: `Cơ sở dữ liệu "${f}" không mở được bằng khóa dữ liệu của thư mục này. Hãy kiểm tra đúng thư mục dữ liệu, hoặc khôi phục từ bản sao lưu bằng phiếu khóa khôi phục.`,
    en: `Database "${f}" does not open with this folder's data key. Check that this is the right data folder, or restore from a backup with the recovery sheet.`,
  }),
  VAULT_RECOVERY_INVALID: (f) => ({
    vi: `Mã khôi phục không đúng${f ? ` (${f})` : ''}. Hãy đối chiếu từng nhóm ký tự với phiếu khóa khôi phục và nhập lại.`,
    en: `The recovery code is not right${f ? ` (${f})` : ''}. Compare each group with the recovery sheet and enter it again.`,
  }),
  VAULT_KEY_MISMATCH: (f) => ({
    vi: `Mã khôi phục là của một thư mục dữ liệu khác, không phải của "${f}". Hãy dùng phiếu khóa khôi phục của đúng máy hoặc bản sao lưu này.`,
    en: `The recovery code belongs to another data folder, not to "${f}". Use the recovery sheet of this machine or backup.`,
  }),
  VAULT_PROVIDER_UNSAFE: (f) => ({
    vi: `Tệp khóa "${f}" nằm trong chính thư mục dữ liệu: ai sao chép thư mục sẽ có cả khóa. Hãy đặt tệp khóa ở nơi khác.`,
    en: `Key file "${f}" is inside the data folder itself: whoever copies the folder gets the key too. Put the key file elsewhere.`,
  }),
  VAULT_MIGRATION_FAILED: (f) => ({
    vi: `Chưa mã hóa xong thư mục dữ liệu (dừng ở "${f}"). Không mất dữ liệu nào; lần mở sau sẽ làm tiếp. Nếu lỗi lặp lại, hãy báo bộ phận CNTT.`,
    en: `Encrypting the data folder did not finish (stopped at "${f}"). Nothing was lost; the next start carries on. If it happens again, tell IT.`,
  }),
  DATA_FOLDER_BUSY: (f) => ({
    vi: `Thư mục dữ liệu đang được một chương trình Sohoa khác dùng (${f}), ví dụ ứng dụng thứ hai hoặc lệnh "sohoa hotfolder", hoặc đang được mã hóa. Hãy đóng chương trình kia (hoặc chờ mã hóa xong) rồi thử lại; nếu nó đã tắt hẳn, khóa tự được gỡ.`,
    en: `The data folder is in use by another Sohoa program (${f}), such as a second app or "sohoa hotfolder", or is being encrypted. Close the other program (or wait for the encryption to finish) and try again; if it has stopped, its lock is removed by itself.`,
  }),
} satisfies Record<string, Template>;
