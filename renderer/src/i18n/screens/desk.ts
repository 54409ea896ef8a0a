// Strings shared by several screens: the link to the desk (the web host stopping and starting),
// the date field, and what a shortcut says when it cannot act. `en` is typed by `vi`: a missing
// or extra key fails tsc.

const vi = {
  linkLost: (time: string) => `Mất liên lạc với Sohoa Desk từ ${time}.`,
  linkLostWhat:
    'Ứng dụng đã đóng hoặc đang khởi động lại; trang sẽ tự kết nối lại khi ứng dụng chạy, việc đang làm dở vẫn giữ nguyên. Nếu đã mở lại Sohoa Desk ở địa chỉ khác, hãy mở địa chỉ mới.',
  linkBack: 'Đã kết nối lại với Sohoa Desk.',
  linkRefused:
    'Sohoa Desk không nhận trang này nữa (ứng dụng đã chạy lại). Hãy tải lại trang (F5); hồ sơ đang làm dở được giữ lại.',
  linkReload: 'Tải lại trang',
  batchStale: 'tiến độ chưa cập nhật được (mất liên lạc)',
};

const en: typeof vi = {
  linkLost: (time) => `Lost contact with Sohoa Desk at ${time}.`,
  linkLostWhat:
    'The app was closed or is restarting; the page reconnects by itself once it runs, and the work in progress stays as it is. If Sohoa Desk was opened again at another address, open that address.',
  linkBack: 'Reconnected to Sohoa Desk.',
  linkRefused:
    'Sohoa Desk no longer accepts this page (the app started again). Reload the page (F5); the dossier in progress is kept.',
  linkReload: 'Reload the page',
  batchStale: 'progress not updated (contact lost)',
};

export const desk = { vi, en };
