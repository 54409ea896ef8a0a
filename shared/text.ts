// Vietnamese text helpers. All text we store or compare is NFC; search folds diacritics and đ/Đ.

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Lower-case, strip diacritics (NFD + drop combining marks), fold đ/Đ to d, collapse spaces. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapse runs of whitespace to one space and trim, after NFC. */
export function collapseWhitespace(text: string): string {
  return nfc(text).replace(/\s+/g, ' ').trim();
}
