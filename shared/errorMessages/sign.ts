// Messages of errors about signing and signature verification. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next.
import type { Template } from './template';

export const SIGN_MESSAGES = {
  CERT_EXPIRED: (f) => ({
    vi: `Chứng thư số "${f}" đã hết hạn. Không ký bằng chứng thư này; hãy gia hạn hoặc dùng chứng thư khác.`,
    en: `Certificate "${f}" has expired. Nothing was signed; renew it or use another certificate.`,
  }),
  CERT_NOT_YET_VALID: (f) => ({
    vi: `Chứng thư số "${f}" chưa đến ngày có hiệu lực. Kiểm tra đồng hồ máy tính hoặc đợi đến ngày hiệu lực.`,
    en: `Certificate "${f}" is not valid yet. Check the computer's clock or wait until it becomes valid.`,
  }),
  CERT_WRONG_USAGE: (f) => ({
    vi: `Chứng thư số "${f}" không được cấp để ký số (thiếu mục đích "chữ ký số"). Hãy dùng chứng thư ký số.`,
    en: `Certificate "${f}" is not issued for digital signatures (key usage). Use a signing certificate.`,
  }),
  CERT_UNTRUSTED: (f) => ({
    vi: `Chứng thư số "${f}" không dẫn về chứng thư gốc tin cậy đã cấu hình. Hãy thêm chứng thư gốc của CA hoặc dùng chứng thư khác.`,
    en: `Certificate "${f}" does not chain to a configured trust anchor. Add the CA's root certificate or use another certificate.`,
  }),
  TOKEN_NOT_FOUND: (f) => ({
    vi: `Không tìm thấy USB token "${f}". Cắm token vào máy, kiểm tra trình điều khiển (PKCS#11) rồi thử lại.`,
    en: `USB token "${f}" was not found. Plug the token in, check its PKCS#11 driver and retry.`,
  }),
  TOKEN_PIN_INCORRECT: (f) => ({
    vi: `Mã PIN của token "${f}" không đúng. Nhập lại; nhập sai nhiều lần token sẽ bị khóa.`,
    en: `Wrong PIN for token "${f}". Enter it again; too many wrong PINs lock the token.`,
  }),
  TOKEN_KEY_NOT_FOUND: (f) => ({
    vi: `Token "${f}" không có khóa ký kèm chứng thư số phù hợp. Kiểm tra nhãn khóa hoặc dùng token khác.`,
    en: `Token "${f}" holds no signing key with a matching certificate. Check the key label or use another token.`,
  }),
  TSA_FAILED: (f) => ({
    vi: `Không lấy được dấu thời gian từ "${f}". Kiểm tra kết nối mạng và địa chỉ máy chủ dấu thời gian rồi thử lại.`,
    en: `Could not get a timestamp from "${f}". Check the network and the timestamp server address, then retry.`,
  }),
  REVOCATION_FAILED: (f) => ({
    vi: `Không lấy được thông tin thu hồi (OCSP) cho "${f}". Tệp vẫn được ký nhưng chưa có dữ liệu kiểm tra lâu dài.`,
    en: `Could not fetch revocation data (OCSP) for "${f}". The file is signed but carries no long-term validation data.`,
  }),
  CERT_REVOKED: (f) => ({
    vi: `Chứng thư số "${f}" đã bị thu hồi. Không dùng chứng thư này để ký; hãy liên hệ tổ chức cấp chứng thư.`,
    en: `Certificate "${f}" has been revoked. Do not sign with it; contact the issuing CA.`,
  }),
  PDF_SIGNING_FORBIDDEN: (f) => ({
    vi: `Tệp "${f}" đã được chứng thực và không cho phép ký thêm. Không thay đổi gì trên tệp.`,
    en: `File "${f}" is certified and permits no further signatures. The file was left unchanged.`,
  }),
  TRUST_ROOT_INVALID: (f) => ({
    vi: `Tệp "${f}" không phải chứng thư gốc dùng được (không đọc được, không tự ký hoặc không phải CA). Danh sách gốc tin cậy không đổi; hãy lấy lại tệp chứng thư từ tổ chức cấp.`,
    en: `"${f}" is not a usable root certificate (unreadable, not self-signed, or not a CA). The trust list is unchanged; get the certificate file again from its issuer.`,
  }),
  TRUST_ROOT_NOT_FOUND: (f) => ({
    vi: `Không có chứng thư gốc có vân tay ${f} trong danh sách. Tải lại danh sách rồi thử lại.`,
    en: `No root with fingerprint ${f} is in the list. Reload the list and try again.`,
  }),
  PDF_UNREADABLE: (f) => ({
    vi: `Không đọc được cấu trúc PDF của "${f}". Tệp có thể hỏng; hãy xin bản gốc khác.`,
    en: `Could not read the PDF structure of "${f}". The file may be damaged; ask for another copy.`,
  }),
} satisfies Record<string, Template>;
