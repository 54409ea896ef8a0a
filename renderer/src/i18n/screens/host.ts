// Strings of what the host does for the page: choosing a file or folder in the computer's own
// dialog (a read-only path and a "Chọn…" button), and the token's PIN window (renderer/pin.html).
// `en` is typed by `vi`: a missing or extra key fails tsc.

const vi = {
  choose: 'Chọn…',
  chooseFor: (field: string) => `Chọn “${field}”…`,
  chooseTooltip:
    'Mở hộp thoại của máy tính để chọn. Đường dẫn không gõ tay được, để giao diện không tự ý mở tệp nào khác.',
  choosing: 'Đang chờ chọn…',
  notChosen: '(chưa chọn)',
  clear: 'Bỏ chọn',
  clearFor: (field: string) => `Bỏ chọn “${field}”`,
  chosenUnsaved: 'Vừa chọn, chưa lưu.',
  batchFolder: 'Hoặc một thư mục trên máy này (lấy cả thư mục con)',
  batchFolderQueue: 'Xếp hàng thư mục',
  pinWindowTitle: 'Nhập mã PIN của token',
  pinHeading: (token: string) => `Nhập mã PIN của token “${token}” để ký`,
  pinExplain:
    'Mã PIN chỉ dùng để mở token cho lần ký này và không được lưu. Sohoa Desk không bao giờ hỏi PIN trên màn hình làm việc.',
  pinLabel: 'Mã PIN',
  pinAttempt: (n: number) => `Lần nhập thứ ${n}.`,
  pinSubmit: 'Ký',
  pinCancel: 'Hủy (không ký)',
  pinEmpty: 'Hãy nhập mã PIN, hoặc bấm Hủy.',
};

const en: typeof vi = {
  choose: 'Choose…',
  chooseFor: (field) => `Choose “${field}”…`,
  chooseTooltip:
    'Opens the computer’s own dialog to choose. Paths cannot be typed, so the interface can open nothing else by itself.',
  choosing: 'Waiting for the choice…',
  notChosen: '(not chosen)',
  clear: 'Clear',
  clearFor: (field) => `Clear “${field}”`,
  chosenUnsaved: 'Just chosen, not saved yet.',
  batchFolder: 'Or a folder on this computer (sub-folders included)',
  batchFolderQueue: 'Queue folder',
  pinWindowTitle: 'Token PIN',
  pinHeading: (token) => `Enter the PIN of token “${token}” to sign`,
  pinExplain:
    'The PIN only opens the token for this signature and is never stored. Sohoa Desk never asks for a PIN on its working screens.',
  pinLabel: 'PIN',
  pinAttempt: (n) => `Attempt ${n}.`,
  pinSubmit: 'Sign',
  pinCancel: 'Cancel (do not sign)',
  pinEmpty: 'Enter the PIN, or press Cancel.',
};

export const host = { vi, en };
