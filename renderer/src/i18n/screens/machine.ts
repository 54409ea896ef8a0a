// Strings about the machine itself: IT's policy banner, the lock marks of Cài đặt and the
// "Tình trạng máy" panel. `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  policyInvalidTitle: 'Tệp cấu hình máy của bộ phận CNTT không hợp lệ',
  policyInvalidBody: (file: string) =>
    `Máy tạm dừng ký số và gửi hồ sơ cho đến khi bộ phận CNTT sửa tệp ${file}. Việc tiếp nhận và số hóa vẫn làm được.`,
  policyProblem: (where: string, line: number | undefined) =>
    line === undefined ? `Mục “${where}”` : `Dòng ${line}, mục “${where}”`,
  wholeFile: 'cả tệp',
  lockedNote: 'Do bộ phận CNTT đặt cho máy này; không thay đổi được tại đây.',
  lockedLabel: (section: string) => `${section} (bộ phận CNTT đã khóa)`,
  healthTitle: 'Tình trạng máy',
  healthIntro:
    'Kiểm tra thư mục dữ liệu, sao lưu, khóa ký số, máy chủ cấp dấu thời gian, kho hồ sơ, máy quét và dữ liệu đi kèm. Khi gọi bộ phận CNTT, hãy đọc kết quả này.',
  healthRun: 'Kiểm tra ngay',
  healthRunning: 'Đang kiểm tra…',
  healthAt: (at: string) => `Kiểm tra lúc ${at}`,
  statusOk: 'Tốt',
  statusWarning: 'Cần chú ý',
  statusError: 'Lỗi',
  summaryOk: 'Máy hoạt động tốt.',
  summaryWarning: 'Có mục cần chú ý.',
  summaryError: 'Có lỗi cần xử lý.',
  colCheck: 'Mục',
  colStatus: 'Tình trạng',
  colDetail: 'Chi tiết',
  colAction: 'Cần làm',
  person: (account: string, name: string) => `Người dùng máy: ${name} (${account})`,
  role: 'Vai trò',
  roles: {
    clerk: 'Cán bộ tiếp nhận',
    archivist: 'Cán bộ lưu trữ',
    administrator: 'Quản trị',
    none: 'Không có quyền',
  },
  sharedAccount: 'Tài khoản dùng chung: mỗi cán bộ nhập tên khi bắt đầu ca.',
};

const en: typeof vi = {
  policyInvalidTitle: "IT's machine configuration file is invalid",
  policyInvalidBody: (file) =>
    `Signing and sending dossiers are stopped until IT fixes ${file}. Reception and digitizing still work.`,
  policyProblem: (where, line) =>
    line === undefined ? `Key “${where}”` : `Line ${line}, key “${where}”`,
  wholeFile: 'the whole file',
  lockedNote: 'Set by IT for this machine; it cannot be changed here.',
  lockedLabel: (section) => `${section} (locked by IT)`,
  healthTitle: 'Machine health',
  healthIntro:
    'Checks the data folder, backups, the signing key, the time-stamping server, the records store, scanners and the shipped data. Read this out when you call IT.',
  healthRun: 'Check now',
  healthRunning: 'Checking…',
  healthAt: (at) => `Checked at ${at}`,
  statusOk: 'OK',
  statusWarning: 'Needs attention',
  statusError: 'Error',
  summaryOk: 'The desk is healthy.',
  summaryWarning: 'Some checks need attention.',
  summaryError: 'Some checks failed.',
  colCheck: 'Check',
  colStatus: 'Status',
  colDetail: 'Details',
  colAction: 'What to do',
  person: (account, name) => `Signed in: ${name} (${account})`,
  role: 'Role',
  roles: {
    clerk: 'Reception clerk',
    archivist: 'Archivist',
    administrator: 'Administrator',
    none: 'No permissions',
  },
  sharedAccount: 'Shared account: each clerk types their name at the start of a shift.',
};

export const machine = { vi, en };
