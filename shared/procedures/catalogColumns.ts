// The columns of a catalogue CSV and the words provinces put in them: our column names or the
// national database's Vietnamese ones (with or without diacritics), 'Cấp xã', 'bản chính',
// '05 ngày làm việc', 'Trong ngày', 'bắt buộc'… each turned into the catalogue's values.
// Anything not understood is left as it is for validation to reject.

/** Columns a province's CSV may add: the competent authority and the text assigning it. */
export const CATALOG_CSV_OPTIONAL_COLUMNS = ['authority', 'authorityBasis'] as const;

/** Columns of the CSV export: one row per component, procedure columns repeated. */
export const CATALOG_CSV_COLUMNS = [
  'code',
  'name',
  'field',
  'level',
  'processingDays',
  'componentId',
  'componentName',
  'form',
  'count',
  'mandatory',
  'documentTypes',
] as const;

/**
 * Column names as provinces export them (the national database's Vietnamese field names, with
 * or without diacritics) mapped to ours. Matching is on the folded, squeezed name.
 */
export type CatalogColumn =
  (typeof CATALOG_CSV_COLUMNS)[number] | (typeof CATALOG_CSV_OPTIONAL_COLUMNS)[number];

const COLUMN_ALIASES: Record<string, CatalogColumn> = {
  matthc: 'code',
  mathutuc: 'code',
  tentthc: 'name',
  tenthutuc: 'name',
  linhvuc: 'field',
  capthuchien: 'level',
  thoihangiaiquyet: 'processingDays',
  songaygiaiquyet: 'processingDays',
  mathanhphan: 'componentId',
  tenthanhphan: 'componentName',
  thanhphanhoso: 'componentName',
  loaibansao: 'form',
  loaiban: 'form',
  hinhthuc: 'form',
  soluong: 'count',
  batbuoc: 'mandatory',
  loaigiayto: 'documentTypes',
  coquanthuchien: 'authority',
  coquangiaiquyet: 'authority',
  coquancothamquyen: 'authority',
  thamquyen: 'authority',
  canculephaply: 'authorityBasis',
  cancuphaply: 'authorityBasis',
};

const squeezeFold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export function canonicalColumn(raw: string): string {
  const name = raw.trim();
  if ([...CATALOG_CSV_COLUMNS, ...CATALOG_CSV_OPTIONAL_COLUMNS].some((c) => c === name))
    return name;
  return COLUMN_ALIASES[squeezeFold(name)] ?? name;
}

/**
 * "Cấp tỉnh", "Cấp xã", "Bộ", "commune" → our levels; a district ("Cấp huyện") and unknown text
 * are left as written for validation to refuse with the row.
 */
export function normaliseLevel(raw: string): string {
  const f = squeezeFold(raw).replace(/^cap/, '');
  const levels: Record<string, string> = {
    tinh: 'province',
    tinhthanhpho: 'province',
    xa: 'commune',
    xaphuong: 'commune',
    xaphuongdackhu: 'commune',
    bo: 'ministry',
    bonganh: 'ministry',
    trunguong: 'ministry',
  };
  return levels[f] ?? raw;
}

/** "bản chính", "bản sao", "bản chính hoặc bản sao", "xuất trình" → our forms. */
export function normaliseForm(raw: string): string {
  const f = squeezeFold(raw);
  if (f.includes('xuattrinh')) return 'shown';
  if (f.includes('banchinh') && f.includes('bansao')) return 'original_or_copy';
  if (f.includes('banchinh')) return 'original';
  if (f.includes('bansao')) return 'copy';
  return raw;
}

/** "05 ngày làm việc", "5", "Trong ngày" → 5, 5, 0; anything else NaN (rejected). */
export function parseDays(raw: string): number {
  const f = squeezeFold(raw);
  if (/^(trongngay|ngaytrongngay|sameday)/.test(f)) return 0;
  const m = /^(\d+)/.exec(raw.trim());
  return m ? Number(m[1]) : Number.NaN;
}

/** What a province writes in the 'mandatory' column for yes and for no. */
export const TRUE_WORDS = new Set(['1', 'true', 'yes', 'x', 'co', 'có', 'bắt buộc', 'bat buoc']);
export const FALSE_WORDS = new Set([
  '0',
  'false',
  'no',
  'khong',
  'không',
  'tùy chọn',
  'tuy chon',
  '',
]);
