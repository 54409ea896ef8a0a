// Messages of errors about the machine's configuration owned by IT (policy.json), who is at the
// desk and what their role allows, and the checks that keep a desk from signing or uploading
// while it is not fit to. Vietnamese first; each says what happened and what to do next.
import type { Template } from './template';

export const MACHINE_MESSAGES = {
  POLICY_INVALID: (f) => ({
    vi: `Tệp cấu hình máy của bộ phận CNTT${f ? ` (${f})` : ''} không hợp lệ nên máy tạm dừng ký số, gửi hồ sơ và lưu cài đặt. Xem dòng bị lỗi ở mục “Tình trạng máy” và báo bộ phận CNTT sửa tệp.`,
    en: `IT's machine configuration file${f ? ` (${f})` : ''} is invalid, so this desk does not sign, upload or save settings for now. See the faulty line under “Machine health” and ask IT to correct the file.`,
  }),
  SETTING_LOCKED: (f) => ({
    vi: `Mục “${f}” do bộ phận CNTT đặt cho máy này nên không thay đổi được trong Cài đặt. Nếu cần đổi, hãy liên hệ bộ phận CNTT.`,
    en: `“${f}” is set by IT for this machine and cannot be changed in Settings. Ask IT if it must change.`,
  }),
  NOT_PERMITTED: (f) => ({
    vi: `Tài khoản đang đăng nhập không có quyền ${f}. Việc này cần quyền quản trị hoặc lưu trữ do bộ phận CNTT cấp; hãy nhờ người có quyền hoặc liên hệ bộ phận CNTT.`,
    en: `The signed-in account may not ${f}. This needs an administrator's or archivist's role granted by IT; ask someone who has it, or contact IT.`,
  }),
  CLERK_NAME_REQUIRED: () => ({
    vi: 'Máy này dùng chung một tài khoản: hãy nhập tên cán bộ tiếp nhận trước khi làm việc.',
    en: 'This machine uses one shared account: type the clerk’s name before working.',
  }),
  CLOCK_OFFSET: (f) => ({
    vi: `Đồng hồ của máy lệch ${f} so với máy chủ cấp dấu thời gian nên không ký số (thời điểm ký sẽ sai). Hãy chỉnh giờ máy tính (đồng bộ giờ Windows) hoặc báo bộ phận CNTT, rồi ký lại.`,
    en: `This computer's clock is ${f} off the time-stamping authority's, so nothing is signed (the signing time would be wrong). Set the clock (Windows time sync) or call IT, then sign again.`,
  }),
} satisfies Record<string, Template>;
