// Every `sohoa` command's usage line, in Vietnamese and English: one text per command, read by
// `sohoa --help` (through the registry, without loading the command) and by the command itself
// when its arguments are wrong.
import type { Localized } from '../../shared/errors';

export const USAGE = {
  digitize: {
    vi: 'sohoa digitize <tệp ảnh/PDF…> [--out THƯ_MỤC] [--title TIÊU_ĐỀ] [--data-dir THƯ_MỤC] [--no-deskew] [--no-orientation] [--workers N] [--json]',
    en: 'sohoa digitize <image/PDF files…> [--out DIR] [--title TITLE] [--data-dir DIR] [--no-deskew] [--no-orientation] [--workers N] [--json]',
  },
  demo: {
    vi: 'sohoa demo [--data-dir THƯ_MỤC]',
    en: 'sohoa demo [--data-dir DIR]',
  },
  eval: {
    vi: 'sohoa eval ocr --dir THƯ_MỤC [--json] [--data-dir THƯ_MỤC]\n  sohoa eval classify …  (như eval-classify)\n  sohoa eval extract …  (như eval-extract)',
    en: 'sohoa eval ocr --dir DIR [--json] [--data-dir DIR]\n  sohoa eval classify …  (same as eval-classify)\n  sohoa eval extract …  (same as eval-extract)',
  },
  procedures: {
    vi: 'sohoa procedures [list | show MÃ_TTHC | import TỆP.json|.csv] [--data-dir THƯ_MỤC] [--json]',
    en: 'sohoa procedures [list | show CODE | import FILE.json|.csv] [--data-dir DIR] [--json]',
  },
  cccd: {
    vi: 'sohoa cccd [ẢNH_MẶT_TRƯỚC] [--text CHUỖI_QR] [--mrz TỆP_MRZ.txt] [--json]',
    en: 'sohoa cccd [FRONT_IMAGE] [--text QR_TEXT] [--mrz MRZ_FILE.txt] [--json]',
  },
  'eval-classify': {
    vi: 'sohoa eval-classify --dir THƯ_MỤC [--train THƯ_MỤC | --learn-generated N | --data-dir THƯ_MỤC | --rules-only] [--threshold 0.6] [--pages 1] [--workers 1] [--details] [--json]\n  sohoa eval-classify --generate THƯ_MỤC [--seed N] [--per-type N] [--noise 1.0]',
    en: 'sohoa eval-classify --dir DIR [--train DIR | --learn-generated N | --data-dir DIR | --rules-only] [--threshold 0.6] [--pages 1] [--workers 1] [--details] [--json]\n  sohoa eval-classify --generate DIR [--seed N] [--per-type N] [--noise 1.0]',
  },
  search: {
    vi: 'sohoa search "<từ cần tìm>" [--type LOẠI] [--organ "CƠ QUAN BAN HÀNH"] [--year NĂM] [--limit N] [--data-dir THƯ_MỤC] [--json]',
    en: 'sohoa search "<query>" [--type TYPE] [--organ "ISSUING BODY"] [--year YEAR] [--limit N] [--data-dir DIR] [--json]',
  },
  audit: {
    vi: 'sohoa audit verify [--data-dir THƯ_MỤC] [--json]   (kiểm tra nhật ký và toàn bộ tệp)',
    en: 'sohoa audit verify [--data-dir DIR] [--json]   (check the audit log and every file)',
  },
  backup: {
    vi: 'sohoa backup <thư mục đích> [--data-dir THƯ_MỤC]',
    en: 'sohoa backup <target dir> [--data-dir DIR]',
  },
  restore: {
    vi: 'sohoa restore <thư mục sao lưu> [--data-dir THƯ_MỤC] [--force] [--recovery-code "MÃ"]',
    en: 'sohoa restore <backup dir> [--data-dir DIR] [--force] [--recovery-code "CODE"]',
  },
  vault: {
    vi: 'sohoa vault status | sheet --out PHIẾU.pdf | recover --code "MÃ KHÔI PHỤC" [--data-dir THƯ_MỤC]',
    en: 'sohoa vault status | sheet --out SHEET.pdf | recover --code "RECOVERY CODE" [--data-dir DIR]',
  },
  export: {
    vi: 'sohoa export <mã hồ sơ> <thư mục đích> [--format bagit|eark] [--data-dir THƯ_MỤC]   (gói BagIt, hoặc gói E-ARK SIP nén zip)',
    en: 'sohoa export <dossier code> <target dir> [--format bagit|eark] [--data-dir DIR]   (BagIt package, or a zipped E-ARK SIP)',
  },
  outbox: {
    vi: 'sohoa outbox status | run [--once] | retry <mã hồ sơ> | configure folder <thư mục> | configure s3 --endpoint URL --bucket TÊN [--region R] [--allow-http] [--sse AES256|aws:kms|none] (khóa lấy từ biến SOHOA_S3_ACCESS_KEY_ID, SOHOA_S3_SECRET_ACCESS_KEY) [--data-dir THƯ_MỤC]',
    en: 'sohoa outbox status | run [--once] | retry <dossier code> | configure folder <dir> | configure s3 --endpoint URL --bucket NAME [--region R] [--allow-http] [--sse AES256|aws:kms|none] (keys from SOHOA_S3_ACCESS_KEY_ID, SOHOA_S3_SECRET_ACCESS_KEY) [--data-dir DIR]',
  },
  'eval-extract': {
    vi: 'sohoa eval-extract --dir THƯ_MỤC [--pages 1] [--workers 1] [--details] [--json]   (cần truth.jsonl)',
    en: 'sohoa eval-extract --dir DIR [--pages 1] [--workers 1] [--details] [--json]   (needs truth.jsonl)',
  },
  sign: {
    vi: 'sohoa sign <tệp.pdf> [--key TỆP.p12 | --key pkcs11:THƯ_VIỆN.so --token NHÃN --key-label NHÃN] [--appearance agency|signer] [--tsa URL] [--out TỆP] (mật khẩu: SOHOA_KEY_PASSWORD, PIN: SOHOA_PIN)',
    en: 'sohoa sign <file.pdf> [--key FILE.p12 | --key pkcs11:MODULE.so --token LABEL --key-label LABEL] [--appearance agency|signer] [--tsa URL] [--out FILE] (password: SOHOA_KEY_PASSWORD, PIN: SOHOA_PIN)',
  },
  verify: {
    vi: 'sohoa verify <tệp.pdf…> [--json] [--trust THƯ_MỤC_CHỨNG_THƯ_GỐC] [--trust-list TỆP] [--offline] [--data-dir THƯ_MỤC]   (mã thoát: 0 hợp lệ, 1 chưa xác định được, 3 không hợp lệ hoặc không ký)',
    en: 'sohoa verify <file.pdf…> [--json] [--trust ANCHOR_DIR] [--trust-list FILE] [--offline] [--data-dir DIR]   (exit: 0 passed, 1 indeterminate, 3 failed or unsigned)',
  },
  receipt: {
    vi: 'sohoa receipt --procedure MÃ_TTHC (--cccd ẢNH | --cccd-text QR | --name TÊN --id SỐ) [TỆP.txt…] --out TỆP.pdf [--agency H49.64.33] [--agency-name TÊN] [--place ĐỊA_DANH] [--clerk TÊN] [--code MÃ] [--cut-off 15:00] [--refuse LÝ_DO] [--data-dir THƯ_MỤC] [--json]',
    en: 'sohoa receipt --procedure CODE (--cccd IMAGE | --cccd-text QR | --name NAME --id ID) [FILE.txt…] --out FILE.pdf [--agency H49.64.33] [--agency-name NAME] [--place PLACE] [--clerk NAME] [--code CODE] [--cut-off 15:00] [--refuse REASON] [--data-dir DIR] [--json]',
  },
  reception: {
    vi: 'sohoa reception (show MÃ_HS | move MÃ_HS TRẠNG_THÁI --clerk TÊN [--reason LÝ_DO] | confirm SỐ_TÀI_LIỆU LOẠI --clerk TÊN) [--data-dir THƯ_MỤC] [--json]',
    en: 'sohoa reception (show CODE | move CODE STATE --clerk NAME [--reason WHY] | confirm DOCUMENT_ID TYPE --clerk NAME) [--data-dir DIR] [--json]',
  },
  hotfolder: {
    vi: 'sohoa hotfolder watch THƯ_MỤC [--once] [--move-only] [--poll-ms 1000] [--stable-ms 2000] [--data-dir THƯ_MỤC] [--json] | sohoa hotfolder status THƯ_MỤC',
    en: 'sohoa hotfolder watch DIR [--once] [--move-only] [--poll-ms 1000] [--stable-ms 2000] [--data-dir DIR] [--json] | sohoa hotfolder status DIR',
  },
  separate: {
    vi: 'sohoa separate <tệp/thư mục…> [--blank] [--patch T,2,3] [--codes] [--count N] [--classifier] [--keep-separators] [--duplex | --manual-duplex] [--json]',
    en: 'sohoa separate <files/folders…> [--blank] [--patch T,2,3] [--codes] [--count N] [--classifier] [--keep-separators] [--duplex | --manual-duplex] [--json]',
  },
  'separator-sheet': {
    vi: 'sohoa separator-sheet --out TỆP.pdf [--patch T|2|3|none] [--no-qr] [--type LOẠI] [--dossier MÃ_HỒ_SƠ] [--copies N]',
    en: 'sohoa separator-sheet --out FILE.pdf [--patch T|2|3|none] [--no-qr] [--type TYPE] [--dossier DOSSIER_CODE] [--copies N]',
  },
  scan: {
    vi: 'sohoa scan --list [--escl ĐỊA_CHỈ…] [--json] | sohoa scan --device LOẠI:MÃ --out THƯ_MỤC [--source feeder|flatbed] [--duplex] [--mode color|grey|bw] [--dpi 200]',
    en: 'sohoa scan --list [--escl ADDRESS…] [--json] | sohoa scan --device KIND:ID --out DIR [--source feeder|flatbed] [--duplex] [--mode color|grey|bw] [--dpi 200]',
  },
} as const satisfies Record<string, Localized>;

export type CommandName = keyof typeof USAGE;
