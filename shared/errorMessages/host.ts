// Messages of errors about what the host does for the page: choosing files and folders in its
// own dialog (grants), and asking a token's PIN in its own window. Vietnamese first; each says
// what happened, to what, and what the clerk can do next.
import type { Template } from './template';

export const HOST_MESSAGES = {
  DESK_UNREACHABLE: () => ({
    vi: 'Không liên lạc được với Sohoa Desk (ứng dụng đã đóng hoặc đang khởi động lại). Việc này chưa được thực hiện; trang tự kết nối lại khi ứng dụng chạy, khi đó hãy làm lại.',
    en: 'Sohoa Desk cannot be reached (the app was closed or is restarting). This was not done; the page reconnects by itself once the app runs, then do it again.',
  }),
  PATH_CHOOSER_UNAVAILABLE: (f) => ({
    vi: `Không mở được hộp thoại chọn ${f || 'tệp hoặc thư mục'} trên máy này (giao diện đang chạy không qua ứng dụng). Hãy mở Sohoa Desk trên máy tính để chọn.`,
    en: `Cannot open the dialog to choose ${f || 'a file or folder'} here (the interface is not running inside the app). Open Sohoa Desk on the computer to choose it.`,
  }),
  PATH_GRANT_INVALID: (f) => ({
    vi: `Lựa chọn ${f || 'tệp hoặc thư mục'} không còn hiệu lực (đã quá 30 phút hoặc ứng dụng đã khởi động lại). Hãy bấm “Chọn…” và chọn lại.`,
    en: `The choice of ${f || 'file or folder'} is no longer valid (over 30 minutes old, or the app restarted). Press “Choose…” and choose it again.`,
  }),
  PATH_GRANT_WRONG_PURPOSE: (f) => ({
    vi: `Tệp hoặc thư mục đã chọn không dành cho ${f || 'việc này'}. Hãy bấm “Chọn…” ngay tại mục này và chọn lại.`,
    en: `The file or folder chosen was not chosen for ${f || 'this'}. Press “Choose…” at this field and choose again.`,
  }),
  TOKEN_PIN_CANCELLED: (f) => ({
    vi: `Chưa nhập mã PIN của token "${f}" nên chưa ký, không có gì được lưu. Bấm ký lại khi sẵn sàng.`,
    en: `The PIN of token "${f}" was not entered, so nothing was signed or saved. Sign again when ready.`,
  }),
  TOKEN_PIN_FINAL_TRY: (f) => ({
    vi: `PIN sai, còn 1 lần thử. Nếu nhập sai lần nữa token "${f}" sẽ bị khóa; nếu không chắc, hãy hủy và hỏi người giữ token.`,
    en: `Wrong PIN, 1 try left. One more wrong PIN locks token "${f}"; if unsure, cancel and ask the token's holder.`,
  }),
  TOKEN_PIN_LOCKED: (f) => ({
    vi: `Token "${f}" đã bị khóa mã PIN (nhập sai quá số lần). Không ký được; hãy liên hệ tổ chức cấp chứng thư để mở khóa.`,
    en: `Token "${f}" is PIN-locked (too many wrong PINs). Nothing can be signed; contact the issuing CA to unlock it.`,
  }),
  TOKEN_PIN_UNAVAILABLE: (f) => ({
    vi: `Không có nơi hỏi mã PIN của token "${f}" (chạy không qua ứng dụng và chưa đặt SOHOA_PIN). Hãy ký trong Sohoa Desk trên máy tính.`,
    en: `There is nowhere to ask the PIN of token "${f}" (not running inside the app, and SOHOA_PIN is not set). Sign in Sohoa Desk on the computer.`,
  }),
} satisfies Record<string, Template>;
