// CLI text, Vietnamese first; `--lang en` or SOHOA_LANG=en switches to English.
export type Lang = 'vi' | 'en';

const TEXT = {
  digitizing: { vi: 'Đang số hóa {n} tệp…', en: 'Digitizing {n} file(s)…' },
  fileFailed: { vi: 'Lỗi', en: 'Error' },
  noOutput: {
    vi: 'Không tạo được hồ sơ: không có trang hợp lệ.',
    en: 'No dossier was made: no valid page.',
  },
  dossier: { vi: 'Hồ sơ {code} – {pages} trang', en: 'Dossier {code} – {pages} page(s)' },
  signedPdf: { vi: 'Tệp PDF đã ký số', en: 'Signed PDF' },
  demoWarning: {
    vi: 'Ký bằng chứng thư THỬ NGHIỆM – không có giá trị pháp lý.',
    en: 'Signed with a DEMO certificate – no legal value.',
  },
  timings: { vi: 'Thời gian từng bước', en: 'Time per stage' },
  total: { vi: 'tổng', en: 'total' },
  demoPages: { vi: 'Trang mẫu đã tạo trong', en: 'Sample pages written to' },
  page1Text: { vi: 'Văn bản trang 1 (OCR)', en: 'Text of page 1 (OCR)' },
  record: { vi: 'Bản ghi trong kho lưu trữ', en: 'Archive record' },
  archive: { vi: 'Kho lưu trữ', en: 'Archive' },
  unknownCommand: { vi: 'Lệnh không hợp lệ: {cmd}', en: 'Unknown command: {cmd}' },
  noFiles: { vi: 'Chưa chỉ định tệp ảnh nào.', en: 'No image file given.' },
  progress: { vi: 'Trang {done}/{total}', en: 'Page {done} of {total}' },
  pagesHeader: {
    vi: 'Trang  Nguồn                          Tin cậy  Nghiêng  Xoay  Ghi chú',
    en: 'Page   Source                         Conf.    Skew     Turn  Notes',
  },
  blankFlag: { vi: 'TRANG TRẮNG? (mực {ink}%)', en: 'BLANK? (ink {ink}%)' },
  lowConfidence: { vi: 'cần xem lại', en: 'needs review' },
  sourceText: { vi: 'chữ lấy từ PDF', en: 'text from the PDF' },
} as const;

export const STAGE_LABELS: Record<string, Record<Lang, string>> = {
  'read+image': { vi: 'đọc và xử lý ảnh', en: 'read and decode' },
  pages: { vi: 'các trang (song song)', en: 'pages (overlapped)' },
  'Σ image': { vi: '  Σ xử lý ảnh', en: '  Σ image steps' },
  'Σ ocr': { vi: '  Σ nhận dạng chữ', en: '  Σ OCR' },
  'Σ pdf': { vi: '  Σ ghi trang PDF', en: '  Σ PDF pages' },
  ocr: { vi: 'nhận dạng chữ (OCR)', en: 'text recognition (OCR)' },
  pdf: { vi: 'hoàn tất PDF/A hai lớp', en: 'finish two-layer PDF/A' },
  sign: { vi: 'ký số', en: 'signing' },
  archive: { vi: 'lưu kho', en: 'archiving' },
};

export type MessageKey = keyof typeof TEXT;

/** A message table: each key in Vietnamese and English, `{name}` marking a value to fill in. */
export type MessageTable = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/** The `{name}` placeholders of a message, as a union of names (never when it has none). */
type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}`
  ? K | Placeholders<Rest>
  : never;
type ParamsFor<M extends Readonly<Record<Lang, string>>> = [Placeholders<M[Lang]>] extends [never]
  ? [params?: Record<string, never>]
  : [params: Record<Placeholders<M[Lang]>, string | number>];

/**
 * The `say(lang, key, params)` of one command's table: the message in the chosen language with
 * its placeholders filled. Tables declared `as const` get their placeholders checked by the
 * compiler; a value still missing at run time shows as `{name}` rather than vanishing.
 */
export function messagesOf<T extends MessageTable>(table: T) {
  const byKey: MessageTable = table;
  return <K extends keyof T & string>(lang: Lang, key: K, ...params: ParamsFor<T[K]>): string =>
    fill(byKey[key]?.[lang] ?? key, ...params);
}

function fill(message: string, params: Readonly<Record<string, string | number>> = {}): string {
  return message.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** The shared CLI messages (digitize, demo, the command line itself). */
export const t = messagesOf(TEXT);
