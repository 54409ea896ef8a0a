// Messages of errors about procedures, dossiers, ID cards, classification, receipts. Vietnamese
// first; each says what happened, to which file or item, and what the clerk can do next.
import type { Template } from './template';

export const DOSSIER_MESSAGES = {
  HOLIDAY_FILE_INVALID: (f) => ({
    vi: `Tệp lịch nghỉ "${f}" không đúng định dạng. Sửa tệp theo mẫu trong resources/holidays hoặc báo bộ phận CNTT.`,
    en: `Holiday file "${f}" is not in the expected format. Fix it after the samples in resources/holidays or tell IT.`,
  }),
  HOLIDAY_NOTICE_INVALID: (f) => ({
    vi: `Thông báo lịch nghỉ trong tệp "${f}" có dòng sai (xem danh sách theo dòng). Lịch đang dùng vẫn giữ nguyên; sửa tệp rồi nạp lại.`,
    en: `The holiday notice in "${f}" has rows in error (see the list by row). The calendar in use is kept; fix the file and load it again.`,
  }),
  PROCEDURE_CATALOG_INVALID: (f) => ({
    vi: `Danh mục thủ tục "${f}" không hợp lệ. Danh mục cũ vẫn được giữ; kiểm tra tệp rồi nhập lại.`,
    en: `Procedure catalog "${f}" is not valid. The current catalog is kept; check the file and import it again.`,
  }),
  DELIVERY_CHOICE_INVALID: (f) => ({
    vi: `Nơi nhận kết quả "${f}" không có trong danh sách của đơn vị tiếp nhận. Chọn lại nơi nhận hoặc bổ sung trong Cài đặt.`,
    en: `"${f}" is not one of the reception unit's places to collect results. Choose again or add it in Settings.`,
  }),
  DELIVERY_ADDRESS_MISSING: (f) => ({
    vi: `Người nộp chọn nhận kết quả qua ${f} nhưng chưa có địa chỉ nhận. Nhập địa chỉ nhận hoặc chọn nơi nhận khác.`,
    en: `The applicant chose delivery by ${f} but no address is given. Enter the address or choose another place.`,
  }),
  APPLICANT_ID_INVALID: (f) => ({
    vi: `Số định danh cá nhân phải gồm đúng 12 chữ số (số đã nhập có ${f} ký tự; chứng minh nhân dân 9 số hết giá trị từ 01/01/2025). Nhập số định danh trên thẻ căn cước.`,
    en: `The personal identification number must have exactly 12 digits (the one entered has ${f} characters; 9-digit CMND numbers ceased to be valid on 1 January 2025). Enter the number on the identity card.`,
  }),
  PROCEDURE_NOT_FOUND: (f) => ({
    vi: `Không tìm thấy thủ tục có mã "${f}" trong danh mục. Chọn lại thủ tục hoặc cập nhật danh mục.`,
    en: `No procedure with code "${f}" in the catalog. Pick the procedure again or update the catalog.`,
  }),
  DOSSIER_TRANSITION_INVALID: (f) => ({
    vi: `Không thể chuyển hồ sơ ${f}. Trạng thái hồ sơ không thay đổi.`,
    en: `The dossier cannot move ${f}. Its state is unchanged.`,
  }),
  REASON_REQUIRED: (f) => ({
    vi: `Cần ghi lý do khi ${f}. Nhập lý do để công dân biết cần làm gì.`,
    en: `A reason is required to ${f}. Enter it so the applicant knows what to do.`,
  }),
  DOSSIER_CODE_INVALID: (f) => ({
    vi: `Mã hồ sơ "${f}" không đúng định dạng. Kiểm tra lại mã đã nhập hoặc quét lại.`,
    en: `Dossier code "${f}" is not in the expected format. Check the code typed or scan it again.`,
  }),
  DOSSIER_CODE_TAKEN: (f) => ({
    vi: `Mã hồ sơ "${f}" đã được dùng cho hồ sơ khác. Kiểm tra lại mã từ hệ thống của tỉnh.`,
    en: `Dossier code "${f}" is already used by another dossier. Check the code from the provincial system.`,
  }),
  DOSSIER_CODE_FORMAT_INVALID: (f) => ({
    vi: `Mẫu mã hồ sơ "${f}" không hợp lệ (cần {AGENCY}, {YYMMDD} hoặc {YYYYMMDD} và {N…}). Sửa cấu hình.`,
    en: `Dossier code pattern "${f}" is not valid (it needs {AGENCY}, {YYMMDD} or {YYYYMMDD}, and {N…}). Fix the configuration.`,
  }),
  CCCD_QR_INVALID: (f) => ({
    vi: `Mã QR "${f}" không phải mã QR của thẻ căn cước. Quét lại mặt có mã QR của thẻ (mặt sau với thẻ căn cước, mặt trước với căn cước công dân).`,
    en: `QR code "${f}" is not an identity card QR code. Scan the side with the QR code again (the back of a thẻ căn cước, the front of a căn cước công dân).`,
  }),
  CCCD_QR_NOT_FOUND: (f) => ({
    vi: `Không tìm thấy mã QR trên ảnh "${f}". Đặt thẻ thẳng, đủ sáng rồi quét mặt có mã QR (mặt sau với thẻ căn cước, mặt trước với căn cước công dân).`,
    en: `No QR code was found in image "${f}". Place the card straight, well lit, and scan the side with the QR code (the back of a thẻ căn cước, the front of a căn cước công dân).`,
  }),
  MRZ_INVALID: (f) => ({
    vi: `Không đọc được dải MRZ ở mặt sau thẻ (${f}). Quét lại mặt sau hoặc nhập tay.`,
    en: `The MRZ on the back of the card could not be read (${f}). Scan the back again or type the data.`,
  }),
  CLASSIFIER_MODEL_INVALID: (f) => ({
    vi: `Tệp mô hình phân loại "${f}" bị hỏng. Hệ thống dùng quy tắc cho đến khi học lại.`,
    en: `Classifier model file "${f}" is damaged. Rules are used until the model learns again.`,
  }),
  LABELS_FILE_INVALID: (f) => ({
    vi: `Tệp nhãn "${f}" không đúng định dạng (mỗi dòng: tên<TAB>loại). Sửa tệp rồi chạy lại.`,
    en: `Labels file "${f}" is malformed (each line: name<TAB>type). Fix it and run again.`,
  }),
  RECEIPT_FAILED: (f) => ({
    vi: `Không tạo được phiếu cho hồ sơ "${f}". Hồ sơ vẫn được giữ; thử in lại.`,
    en: `Could not make the slip for dossier "${f}". The dossier is kept; print again.`,
  }),
} satisfies Record<string, Template>;
