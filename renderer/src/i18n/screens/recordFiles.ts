// Strings of a record's files on the archive screen: each file by its role, to open or verify.
// `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  title: 'Tệp của hồ sơ',
  role: {
    received: 'Bản gốc nhận được',
    companion: 'Bản đồng hành có lớp chữ',
    record: 'Bản số hóa đã ký',
  },
  roleHelp: {
    received: 'Giữ nguyên từng byte như khi nhận, chữ ký của nơi gửi vẫn còn hiệu lực.',
    companion: 'Do bàn số hóa tạo: lớp chữ nhận dạng (OCR) để tìm kiếm và chữ ký của đơn vị.',
    record: 'Do bàn số hóa tạo từ ảnh quét, có lớp chữ và chữ ký của đơn vị.',
  },
  size: 'Dung lượng',
  signedOnArrival: (names: string) => `Khi nhận: ký bởi ${names}`,
  noSignerOnArrival: 'Khi nhận: không có chữ ký nào hợp lệ về mặt tệp',
  open: 'Mở tệp',
  openLabel: (role: string) => `Mở tệp: ${role.toLowerCase()}`,
  opening: 'Đang lấy tệp…',
  openReady: (name: string) => `Đã sẵn sàng: ${name}`,
  verify: 'Kiểm tra chữ ký',
  verifyLabel: (role: string) => `Kiểm tra chữ ký: ${role.toLowerCase()}`,
  verifying: 'Đang kiểm tra chữ ký…',
  hide: 'Ẩn kết quả',
  hideLabel: (role: string) => `Ẩn kết quả: ${role.toLowerCase()}`,
};

const en: typeof vi = {
  title: 'Files of the record',
  role: {
    received: 'Original as received',
    companion: 'Companion with text layer',
    record: 'Signed digitized copy',
  },
  roleHelp: {
    received: 'Kept byte for byte as it arrived; the sender’s signature still holds.',
    companion:
      'Made by the desk: the recognized text (OCR) for search, and the agency’s signature.',
    record: 'Made by the desk from the scans, with a text layer and the agency’s signature.',
  },
  size: 'Size',
  signedOnArrival: (names) => `On arrival: signed by ${names}`,
  noSignerOnArrival: 'On arrival: no signature held as a file',
  open: 'Open file',
  openLabel: (role) => `Open file: ${role.toLowerCase()}`,
  opening: 'Fetching the file…',
  openReady: (name) => `Ready: ${name}`,
  verify: 'Verify signature',
  verifyLabel: (role) => `Verify signature: ${role.toLowerCase()}`,
  verifying: 'Checking the signature…',
  hide: 'Hide result',
  hideLabel: (role) => `Hide result: ${role.toLowerCase()}`,
};

export const recordFiles = { vi, en };
