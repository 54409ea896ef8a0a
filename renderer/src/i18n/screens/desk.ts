// Strings shared by several screens: the link to the desk (the web host stopping and starting),
// the date field, what a shortcut says when it cannot act, the review queue's groups and the
// signature summary. `en` is typed by `vi`: a missing or extra key fails tsc.

const vi = {
  linkLost: (time: string) => `Mất liên lạc với Sohoa Desk từ ${time}.`,
  linkLostWhat:
    'Ứng dụng đã đóng hoặc đang khởi động lại; trang sẽ tự kết nối lại khi ứng dụng chạy, việc đang làm dở vẫn giữ nguyên. Nếu đã mở lại Sohoa Desk ở địa chỉ khác, hãy mở địa chỉ mới.',
  linkBack: 'Đã kết nối lại với Sohoa Desk.',
  linkRefused:
    'Sohoa Desk không nhận trang này nữa (ứng dụng đã chạy lại). Hãy tải lại trang (F5); hồ sơ đang làm dở được giữ lại.',
  linkReload: 'Tải lại trang',
  batchStale: 'tiến độ chưa cập nhật được (mất liên lạc)',
  datePlaceholder: 'dd/mm/yyyy',
  dateHint: 'Ngày/tháng/năm, ví dụ 14/07/1995 hoặc 14071995.',
  dateInvalid: (typed: string) =>
    `“${typed}” không phải một ngày có thật. Nhập ngày/tháng/năm, ví dụ 14/07/1995 hoặc 14071995.`,
  refuseSign: (what: string) => `Chưa ký được, còn thiếu: ${what}.`,
  untypedDocs: (docs: string) => `loại của ${docs} (chọn trong danh sách “Loại giấy tờ”)`,
  docName: (n: number) => `Giấy tờ ${n}`,
  refuseSignBusy: 'Đang ký hồ sơ này; hãy chờ xong.',
  refusePrint: 'Chưa có phiếu để in: hãy ký số và tiếp nhận trước (Alt+K).',
  refuseFinish:
    'Chưa có phiếu để hoàn tất: hãy ký số và tiếp nhận trước (Alt+K), hoặc bỏ hồ sơ đang làm.',
  refuseSigned:
    'Hồ sơ đã tiếp nhận và ký số, không thêm hay sửa được nữa. Bấm Hoàn tất (Alt+H) để tiếp nhận hồ sơ mới.',
  refuseReading: 'Đang đọc các trang vừa thêm; chờ đọc xong rồi thêm tiếp.',
  refuseNoPages:
    'Chưa có trang nào: thêm trang từ tệp (Alt+T), thư mục (Alt+M) hoặc máy quét (Alt+Q).',
  refuseHotFolderEmpty: 'Thư mục quét chưa có tệp mới.',
  refuseHotFolderNone:
    'Quầy này chưa có thư mục quét (Cài đặt → Thư mục nhận tự động, đích “Tiếp nhận”).',
  discardedAt: (time: string, who: string, pages: number) =>
    `Đã bỏ hồ sơ đang làm lúc ${time}${who ? ` (${who}, ${pages} trang)` : ` (${pages} trang)`}. Có thể khôi phục trong phiên làm việc này.`,
  restore: 'Khôi phục hồ sơ đã bỏ',
  discardedMore: (n: number) => `và ${n} hồ sơ bỏ trước đó`,
  reviewBatch: (title: string) => `Lô “${title}”`,
  reviewGroupCount: (n: number) => `${n} mục`,
  reviewAcceptAll: (n: number) => `Chấp nhận cả nhóm (${n})`,
  reviewDismissAll: (n: number) => `Bỏ qua cả nhóm (${n})`,
  reviewAcceptAllOf: (n: number, what: string) => `Chấp nhận cả nhóm (${n}): ${what}`,
  reviewDismissAllOf: (n: number, what: string) => `Bỏ qua cả nhóm (${n}): ${what}`,
  reviewShowItems: (n: number) => `Xem từng mục (${n})`,
  sumWhatToDo: 'Cần làm',
  sumSigner: (n: number) => `Chữ ký ${n}`,
  sumStamp: 'Dấu thời gian của tệp',
  sumWho: (who: string) => `Người ký: ${who}`,
  sumWhoUnknown: 'Không đọc được tên người ký',
  sumWhenProven: (when: string) => `Ký lúc ${when} (có dấu thời gian chứng thực)`,
  sumWhenClaimed: (when: string) => `Ký lúc ${when} (theo máy của người ký, chưa được chứng thực)`,
  sumWhenUnknown: 'Không rõ thời điểm ký',
  sumTrusted: 'Chứng thư số thuộc danh sách tin cậy',
  sumUntrusted: 'Chứng thư số không thuộc danh sách tin cậy',
  sumTechnical: 'Chi tiết kỹ thuật',
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
  datePlaceholder: 'dd/mm/yyyy',
  dateHint: 'Day/month/year, e.g. 14/07/1995 or 14071995.',
  dateInvalid: (typed) =>
    `“${typed}” is not a real day. Type day/month/year, e.g. 14/07/1995 or 14071995.`,
  refuseSign: (what) => `Cannot sign yet, still needed: ${what}.`,
  untypedDocs: (docs) => `the type of ${docs} (choose it in the “Document type” list)`,
  docName: (n) => `Document ${n}`,
  refuseSignBusy: 'This dossier is being signed; wait for it to finish.',
  refusePrint: 'No slip to print yet: sign and receive first (Alt+K).',
  refuseFinish: 'No slip to finish yet: sign and receive first (Alt+K), or discard this dossier.',
  refuseSigned:
    'The dossier is received and signed; nothing can be added or changed. Press Finish (Alt+H) to receive the next one.',
  refuseReading: 'The pages just added are being read; add more once they are done.',
  refuseNoPages:
    'No pages yet: add them from files (Alt+T), a folder (Alt+M) or the scanner (Alt+Q).',
  refuseHotFolderEmpty: 'Nothing new in the scan folder.',
  refuseHotFolderNone:
    'This counter has no scan folder (Settings → Watched folders, target “Reception”).',
  discardedAt: (time, who, pages) =>
    `Dossier discarded at ${time}${who ? ` (${who}, ${pages} pages)` : ` (${pages} pages)`}. It can be restored during this session.`,
  restore: 'Restore the discarded dossier',
  discardedMore: (n) => `and ${n} discarded before`,
  reviewBatch: (title) => `Batch “${title}”`,
  reviewGroupCount: (n) => `${n} items`,
  reviewAcceptAll: (n) => `Accept the whole group (${n})`,
  reviewDismissAll: (n) => `Dismiss the whole group (${n})`,
  reviewAcceptAllOf: (n, what) => `Accept the whole group (${n}): ${what}`,
  reviewDismissAllOf: (n, what) => `Dismiss the whole group (${n}): ${what}`,
  reviewShowItems: (n) => `Show each item (${n})`,
  sumWhatToDo: 'What to do',
  sumSigner: (n) => `Signature ${n}`,
  sumStamp: 'Document timestamp',
  sumWho: (who) => `Signed by ${who}`,
  sumWhoUnknown: "The signer's name cannot be read",
  sumWhenProven: (when) => `Signed at ${when} (proven by a timestamp)`,
  sumWhenClaimed: (when) => `Signed at ${when} (by the signer's clock, not proven)`,
  sumWhenUnknown: 'Signing time unknown',
  sumTrusted: 'The certificate is on the trust list',
  sumUntrusted: 'The certificate is not on the trust list',
  sumTechnical: 'Technical details',
};

export const desk = { vi, en };
