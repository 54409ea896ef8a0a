// A year's holiday notice loaded from a file IT gives (Cài đặt, or a path in the machine's
// configuration): CSV or JSON, checked row by row, every problem with its row and a message in
// Vietnamese and English, so a bad file is refused whole with a list IT can fix. What passes is
// an official year (status 'official') ready to save.
import type { z } from 'zod';
import { parseCsvRecords } from '../procedures/csvRecords';
import { foldVietnamese } from '../text';
import { dayToIso, isoToDay } from './days';
import { HolidayYear, type DayNote } from './holidayYear';

/** Columns of the CSV: one row per decision; `to` only for spans, `source` optional. */
export const NOTICE_CSV_COLUMNS = ['kind', 'date', 'to', 'reason', 'source'] as const;
type Column = (typeof NOTICE_CSV_COLUMNS)[number];

const COLUMN_ALIASES: Record<string, Column> = {
  loai: 'kind',
  ngay: 'date',
  tungay: 'date',
  from: 'date',
  denngay: 'to',
  lydo: 'reason',
  noidung: 'reason',
  nguon: 'source',
};

type Kind = 'notice' | 'tet' | 'nationalDay' | 'off' | 'work';
const KINDS: Record<string, Kind> = {
  notice: 'notice',
  thongbao: 'notice',
  tet: 'tet',
  tetnguyendan: 'tet',
  nationalday: 'nationalDay',
  quockhanh: 'nationalDay',
  ngaylienke: 'nationalDay',
  off: 'off',
  nghi: 'off',
  nghibu: 'off',
  nghihoandoi: 'off',
  work: 'work',
  lambu: 'work',
  lamviec: 'work',
};

export type NoticeProblemKey =
  | 'json'
  | 'schema'
  | 'empty'
  | 'header'
  | 'kind'
  | 'date'
  | 'range'
  | 'year'
  | 'reason'
  | 'conflict'
  | 'duplicate'
  | 'missingNotice'
  | 'missingTet'
  | 'missingNationalDay';

export interface NoticeProblem {
  /** CSV: the file's line (1 = header); JSON: the entry's number in its list; 0: the whole file. */
  row: number;
  /** The column (CSV) or the field's path (JSON). */
  field: string;
  key: NoticeProblemKey;
  /** The value at fault, as written. */
  value: string;
}

export type NoticeParse =
  { ok: true; year: HolidayYear } | { ok: false; problems: NoticeProblem[] };

const TEXT: Record<NoticeProblemKey, (v: string) => { vi: string; en: string }> = {
  json: (v) => ({ vi: `không đọc được JSON (${v})`, en: `not valid JSON (${v})` }),
  schema: (v) => ({ vi: `giá trị không hợp lệ: ${v}`, en: `invalid value: ${v}` }),
  empty: () => ({ vi: 'tệp không có dòng dữ liệu', en: 'the file has no data rows' }),
  header: (v) => ({ vi: `thiếu cột "${v}"`, en: `column "${v}" is missing` }),
  kind: (v) => ({
    vi: `loại dòng "${v}" không hiểu (dùng thong-bao, tet, quoc-khanh, nghi hoặc lam-bu)`,
    en: `row kind "${v}" is not understood (use notice, tet, national-day, off or work)`,
  }),
  date: (v) => ({
    vi: `ngày "${v}" không hợp lệ (viết YYYY-MM-DD hoặc DD/MM/YYYY)`,
    en: `date "${v}" is not valid (write YYYY-MM-DD or DD/MM/YYYY)`,
  }),
  range: (v) => ({
    vi: `khoảng ngày "${v}" thiếu ngày cuối hoặc ngày cuối trước ngày đầu`,
    en: `span "${v}" has no end or ends before it starts`,
  }),
  year: (v) => ({
    vi: `ngày ${v} khác năm của thông báo`,
    en: `date ${v} is not in the notice's year`,
  }),
  reason: () => ({ vi: 'thiếu lý do', en: 'the reason is missing' }),
  conflict: (v) => ({
    vi: `ngày ${v} vừa là ngày nghỉ vừa là ngày làm bù`,
    en: `${v} is both a day off and a working day`,
  }),
  duplicate: (v) => ({ vi: `dòng "${v}" đã có ở dòng trước`, en: `"${v}" is given twice` }),
  missingNotice: () => ({
    vi: 'thiếu số thông báo (dòng thong-bao)',
    en: "the notice's number is missing (a notice row)",
  }),
  missingTet: () => ({
    vi: 'thiếu kỳ nghỉ Tết (dòng tet)',
    en: 'the Tết span is missing (a tet row)',
  }),
  missingNationalDay: () => ({
    vi: 'thiếu ngày nghỉ liền kề Quốc khánh 2/9 (dòng quoc-khanh)',
    en: 'the day off next to 2/9 is missing (a national-day row)',
  }),
};

/** "Dòng 4, cột date: ngày … không hợp lệ" in both languages. */
export function noticeProblemText(p: NoticeProblem): { vi: string; en: string } {
  const text = TEXT[p.key](p.value);
  const where = (row: string, column: string) =>
    [p.row > 0 ? `${row} ${p.row}` : '', p.field ? `${column} ${p.field}` : '']
      .filter(Boolean)
      .join(', ');
  const vi = where('Dòng', 'cột');
  const en = where('Row', 'field');
  return { vi: vi ? `${vi}: ${text.vi}` : text.vi, en: en ? `${en}: ${text.en}` : text.en };
}

const squeeze = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]/g, '');

/** YYYY-MM-DD or DD/MM/YYYY (D/M/YYYY too) → ISO, or null. */
function readDate(raw: string): string | null {
  const s = raw.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : s;
  return isoToDay(iso) === null ? null : iso;
}

interface Draft {
  notice?: { number: string; date?: string; issuer?: string };
  tet?: { from: string; to: string };
  nationalDayAdjacent?: string;
  daysOff: DayNote[];
  workingDays: DayNote[];
  /** The row each date came from, to point at it. */
  rowOf: Map<string, number>;
}

/** Checks a whole draft: one year, nothing twice, complete. */
function finish(draft: Draft, source: string, problems: NoticeProblem[]): NoticeParse {
  const years = new Map<number, number>();
  for (const iso of draft.rowOf.keys()) {
    const y = Number(iso.slice(0, 4));
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  const year = [...years].sort((a, b) => b[1] - a[1])[0]?.[0];
  for (const [iso, row] of draft.rowOf) {
    if (year !== undefined && Number(iso.slice(0, 4)) !== year)
      problems.push({ row, field: 'date', key: 'year', value: iso });
  }
  const offDates = new Set(draft.daysOff.map((d) => d.date));
  for (const d of draft.workingDays) {
    if (offDates.has(d.date))
      problems.push({
        row: draft.rowOf.get(d.date) ?? 0,
        field: 'date',
        key: 'conflict',
        value: d.date,
      });
  }
  if (!draft.notice) problems.push({ row: 0, field: '', key: 'missingNotice', value: '' });
  if (!draft.tet) problems.push({ row: 0, field: '', key: 'missingTet', value: '' });
  if (!draft.nationalDayAdjacent)
    problems.push({ row: 0, field: '', key: 'missingNationalDay', value: '' });
  if (problems.length || year === undefined) {
    if (year === undefined && !problems.length)
      problems.push({ row: 0, field: '', key: 'empty', value: '' });
    return { ok: false, problems };
  }
  const { notice, tet, nationalDayAdjacent, daysOff, workingDays } = draft;
  const data = { notice, tet, nationalDayAdjacent, daysOff, workingDays };
  const parsed = HolidayYear.safeParse({ ...data, year, status: 'official', source });
  if (!parsed.success) return { ok: false, problems: fromZod(parsed.error) };
  return { ok: true, year: parsed.data };
}

/** Zod's issues, one per field (a bad date fails both its pattern and its calendar check). */
function fromZod(error: z.ZodError): NoticeProblem[] {
  const byField = new Map<string, NoticeProblem>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    const index = issue.path.find((p) => typeof p === 'number');
    if (!byField.has(field)) {
      const row = typeof index === 'number' ? index + 1 : 0;
      byField.set(field, { row, field, key: 'schema', value: issue.message });
    }
  }
  return [...byField.values()];
}

/** A JSON file in the holiday files' own shape (resources/holidays/<year>.json). */
function parseJson(text: string, name: string): NoticeParse {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      ok: false,
      problems: [{ row: 0, field: '', key: 'json', value: (e as Error).message }],
    };
  }
  const parsed = HolidayYear.safeParse(data);
  if (!parsed.success) return { ok: false, problems: fromZod(parsed.error) };
  const y = parsed.data;
  const rowOf = new Map<string, number>();
  y.daysOff.forEach((d, i) => rowOf.set(d.date, i + 1));
  y.workingDays.forEach((d, i) => rowOf.set(d.date, i + 1));
  if (y.tet) rowOf.set(y.tet.from, 0).set(y.tet.to, 0);
  if (y.nationalDayAdjacent) rowOf.set(y.nationalDayAdjacent, 0);
  const draft: Draft = { ...y, rowOf };
  return finish(draft, y.source || name, []);
}

/** One CSV row into the draft; problems are pushed with the row's line. */
function readRow(
  draft: Draft,
  line: number,
  get: (c: Column) => string,
  problems: NoticeProblem[],
): void {
  const rawKind = get('kind');
  const kind = KINDS[squeeze(rawKind)];
  if (!kind) return void problems.push({ row: line, field: 'kind', key: 'kind', value: rawKind });
  const reason = get('reason');
  const source = get('source');
  if (kind === 'notice') {
    const date = get('date') ? readDate(get('date')) : undefined;
    if (date === null) problems.push({ row: line, field: 'date', key: 'date', value: get('date') });
    if (!reason)
      return void problems.push({ row: line, field: 'reason', key: 'reason', value: '' });
    if (draft.notice) problems.push({ row: line, field: 'kind', key: 'duplicate', value: rawKind });
    draft.notice = {
      number: reason,
      ...(date ? { date } : {}),
      ...(source ? { issuer: source } : {}),
    };
    return;
  }
  const from = readDate(get('date'));
  if (!from)
    return void problems.push({ row: line, field: 'date', key: 'date', value: get('date') });
  const to = get('to') ? readDate(get('to')) : from;
  if (to === null)
    return void problems.push({ row: line, field: 'to', key: 'date', value: get('to') });
  const [a, b] = [isoToDay(from)!, isoToDay(to)!];
  if (b < a || (kind === 'tet' && !get('to')))
    return void problems.push({
      row: line,
      field: 'to',
      key: 'range',
      value: `${from}…${get('to')}`,
    });
  const seen = (iso: string) => {
    if (draft.rowOf.has(iso) && kind !== 'work')
      problems.push({ row: line, field: 'date', key: 'duplicate', value: iso });
    draft.rowOf.set(iso, line);
  };
  if (kind === 'tet') {
    if (draft.tet) problems.push({ row: line, field: 'kind', key: 'duplicate', value: rawKind });
    draft.tet = { from, to };
    for (let d = a; d <= b; d++) seen(dayToIso(d));
    return;
  }
  if (kind === 'nationalDay') {
    if (draft.nationalDayAdjacent)
      problems.push({ row: line, field: 'kind', key: 'duplicate', value: rawKind });
    draft.nationalDayAdjacent = from;
    return seen(from);
  }
  if (!reason) return void problems.push({ row: line, field: 'reason', key: 'reason', value: '' });
  for (let d = a; d <= b; d++) {
    const date = dayToIso(d);
    const note: DayNote = { date, reason, ...(source ? { source } : {}) };
    (kind === 'off' ? draft.daysOff : draft.workingDays).push(note);
    if (kind === 'off') seen(date);
    else draft.rowOf.set(date, line);
  }
}

/** CSV (comma or semicolon separated) with a header row naming NOTICE_CSV_COLUMNS in any order. */
function parseCsv(text: string, name: string): NoticeParse {
  const [head, ...rows] = parseCsvRecords(text);
  if (!head || rows.length === 0)
    return { ok: false, problems: [{ row: 0, field: '', key: 'empty', value: '' }] };
  const header = head.fields.map((h) => {
    const s = squeeze(h);
    return (NOTICE_CSV_COLUMNS as readonly string[]).includes(s) ? s : (COLUMN_ALIASES[s] ?? s);
  });
  const index = new Map(header.map((h, i) => [h, i]));
  const problems: NoticeProblem[] = [];
  for (const column of ['kind', 'date', 'reason'] as const) {
    if (!index.has(column))
      problems.push({ row: head.line, field: column, key: 'header', value: column });
  }
  if (problems.length) return { ok: false, problems };
  const draft: Draft = { daysOff: [], workingDays: [], rowOf: new Map() };
  for (const { line, fields } of rows) {
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
    readRow(draft, line, get, problems);
  }
  const number = draft.notice?.number;
  return finish(draft, number ? `Thông báo ${number} (nạp từ ${name})` : name, problems);
}

/** Parses a notice file by its extension: `.json`, else CSV. */
export function parseHolidayNotice(name: string, text: string): NoticeParse {
  return /\.json$/i.test(name) ? parseJson(text, name) : parseCsv(text, name);
}
