// Vietnamese, the desk's default language. This file defines the keys: en.ts must match it
// exactly (a missing or extra key fails tsc).
import { audit } from './screens/audit';
import { batch } from './screens/batch';
import { outbox } from './screens/outbox';
import { reception } from './screens/reception';
import { settings } from './screens/settings';

export const vi = {
  appName: 'Sohoa Desk',
  appTagline: 'Số hóa, ký số và lưu trữ hồ sơ',
  languageLabel: 'Ngôn ngữ',
  languageVi: 'Tiếng Việt',
  languageEn: 'English',
  digitizeButton: 'Số hóa tệp…',
  digitizeInputLabel: 'Chọn ảnh quét (JPEG, PNG, TIFF) hoặc PDF để số hóa',
  digitizeBusy: (files: number, seconds: number) =>
    `Đang số hóa ${files} tệp… (${seconds} giây). Nhận dạng chữ có thể mất đến một phút.`,
  digitizeDone: (code: string) => `Đã tạo hồ sơ ${code}.`,
  digitizeNoDossier: 'Không tạo được hồ sơ: không có tệp nào hợp lệ.',
  fileErrorsTitle: 'Một số tệp không xử lý được',
  dismiss: 'Đóng thông báo',
  listTitle: 'Hồ sơ đã số hóa',
  listLoading: 'Đang tải danh sách hồ sơ…',
  listEmpty: 'Chưa có hồ sơ nào. Bấm “Số hóa tệp…” để bắt đầu.',
  listRefresh: 'Làm mới',
  colCode: 'Mã hồ sơ',
  colTitle: 'Tiêu đề',
  colDate: 'Ngày tạo',
  colPages: 'Số trang',
  colSignature: 'Chữ ký số',
  openDossier: (code: string) => `Mở hồ sơ ${code}`,
  signatureDemo: 'Đã ký số (bản thử nghiệm)',
  signatureSigned: 'Đã ký số',
  signatureNone: 'Chưa ký số',
  viewEmpty: 'Chọn một hồ sơ trong danh sách để xem chi tiết.',
  viewLoading: 'Đang mở hồ sơ…',
  viewCreated: 'Ngày tạo',
  viewFile: 'Tệp PDF',
  viewFileSize: 'Dung lượng',
  viewPageCount: 'Số trang',
  viewSha256: 'Mã băm SHA-256',
  viewSignature: 'Chữ ký số',
  viewSigner: 'Người ký',
  viewSignedAt: 'Thời điểm ký',
  viewSubFilter: 'Định dạng chữ ký',
  viewPages: 'Các trang và văn bản nhận dạng (OCR)',
  pageHeading: (ordinal: number) => `Trang ${ordinal}`,
  pageMeta: (source: string, width: number, height: number, dpi: number, confidence: number) =>
    `${source} · ${width}×${height} px · ${dpi} dpi · độ tin cậy ${confidence}%`,
  pageNoText: '(Không nhận dạng được chữ trên trang này.)',
  pages: (n: number) => `${n} trang`,
  navLabel: 'Màn hình',
  navReception: 'Tiếp nhận',
  navBatch: 'Lô số hóa',
  navArchive: 'Kho lưu trữ',
  navOutbox: 'Hộp gửi',
  navSettings: 'Cài đặt',
  navAudit: 'Nhật ký',
  // One namespace per screen (i18n/screens/*.ts).
  reception: reception.vi,
  batch: batch.vi,
  outbox: outbox.vi,
  settings: settings.vi,
  audit: audit.vi,
};

export type Messages = typeof vi;
