// Administrative procedures (thủ tục hành chính) and their required components (thành phần hồ
// sơ), the catalog that a province exports, and matching a dossier's papers to the checklist.
import { z } from 'zod';
import { DocumentType } from './classification';

export const ProcedureLevel = z.enum(['province', 'district', 'commune']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/** How the paper must be handed in: original, copy (certified or with the original shown). */
export const ComponentForm = z.enum(['original', 'copy', 'original_or_copy', 'shown']);
export type ComponentForm = z.infer<typeof ComponentForm>;

export const Component = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - or _'),
  name: z.string().min(1),
  form: ComponentForm,
  count: z.number().int().min(1).max(20).default(1),
  mandatory: z.boolean(),
  /** The document types that satisfy this component. */
  documentTypes: z.array(DocumentType).min(1),
});
export type Component = z.infer<typeof Component>;

/** Codes of the national procedures database look like 1.001193 or 2.000815. */
export const PROCEDURE_CODE_PATTERN = /^[0-9]\.[0-9]{6}$|^[A-Z0-9][A-Z0-9._-]{1,31}$/;

export const Procedure = z.object({
  code: z.string().regex(PROCEDURE_CODE_PATTERN, 'mã TTHC như 1.001193'),
  name: z.string().min(1),
  field: z.string().min(1),
  level: ProcedureLevel,
  /** Processing time in working days; 0 means the same day (or the next if after the cut-off). */
  processingDays: z.number().int().min(0).max(365),
  /** Whether the code was checked against the national database (false: from secondary sources). */
  codeChecked: z.boolean().default(false),
  components: z.array(Component).min(1),
});
export type Procedure = z.infer<typeof Procedure>;
export type ProcedureInput = z.input<typeof Procedure>;

export const ProcedureCatalog = z
  .object({
    version: z.string().min(1),
    source: z.string().default(''),
    procedures: z.array(Procedure).min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.procedures.forEach((p, i) => {
      if (seen.has(p.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['procedures', i, 'code'],
          message: `mã trùng ${p.code}`,
        });
      }
      seen.add(p.code);
      const ids = new Set<string>();
      p.components.forEach((c, j) => {
        if (ids.has(c.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['procedures', i, 'components', j, 'id'],
            message: `thành phần trùng ${c.id}`,
          });
        }
        ids.add(c.id);
      });
    });
  });
export type ProcedureCatalog = z.infer<typeof ProcedureCatalog>;

export interface CatalogProblem {
  /** 1-based line for CSV, 0 when it applies to the whole file. */
  line: number;
  where: string;
  message: string;
}

export type CatalogParse =
  { ok: true; catalog: ProcedureCatalog } | { ok: false; problems: CatalogProblem[] };

function fromZod(error: z.ZodError, lineOf: (path: PropertyKey[]) => number): CatalogProblem[] {
  return error.issues.map((issue) => ({
    line: lineOf(issue.path),
    where: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function parseCatalogJson(text: string): CatalogParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ line: 0, where: '', message: (e as Error).message }] };
  }
  const result = ProcedureCatalog.safeParse(data);
  return result.success
    ? { ok: true, catalog: result.data }
    : { ok: false, problems: fromZod(result.error, () => 0) };
}

/**
 * RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Hand-written
 * because it is 30 lines and keeps the shared layer free of Node-only packages.
 */
export function parseCsvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  const src = text.replace(/^\uFEFF/, '');
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',' || ch === ';') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
  return records;
}

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
const COLUMN_ALIASES: Record<string, (typeof CATALOG_CSV_COLUMNS)[number]> = {
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
};

const squeezeFold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

function canonicalColumn(raw: string): string {
  const name = raw.trim();
  if ((CATALOG_CSV_COLUMNS as readonly string[]).includes(name)) return name;
  return COLUMN_ALIASES[squeezeFold(name)] ?? name;
}

/** "Cấp xã", "xa", "commune" → commune; unknown text is left for validation to reject. */
function normaliseLevel(raw: string): string {
  const f = squeezeFold(raw).replace(/^cap/, '');
  return { tinh: 'province', huyen: 'district', xa: 'commune' }[f] ?? raw;
}

/** "bản chính", "bản sao", "bản chính hoặc bản sao", "xuất trình" → our forms. */
function normaliseForm(raw: string): string {
  const f = squeezeFold(raw);
  if (f.includes('xuattrinh')) return 'shown';
  if (f.includes('banchinh') && f.includes('bansao')) return 'original_or_copy';
  if (f.includes('banchinh')) return 'original';
  if (f.includes('bansao')) return 'copy';
  return raw;
}

/** "05 ngày làm việc", "5", "Trong ngày" → 5, 5, 0; anything else NaN (rejected). */
function parseDays(raw: string): number {
  const f = squeezeFold(raw);
  if (/^(trongngay|ngaytrongngay|sameday)/.test(f)) return 0;
  const m = /^(\d+)/.exec(raw.trim());
  return m ? Number(m[1]) : Number.NaN;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'x', 'co', 'có', 'bắt buộc', 'bat buoc']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'khong', 'không', 'tùy chọn', 'tuy chon', '']);

/** CSV (comma or semicolon separated, header row with CATALOG_CSV_COLUMNS in any order). */
export function parseCatalogCsv(text: string, version = 'csv'): CatalogParse {
  const records = parseCsvRecords(text);
  const problems: CatalogProblem[] = [];
  const [head, ...rows] = records;
  if (!head || rows.length === 0) {
    return { ok: false, problems: [{ line: 0, where: '', message: 'tệp không có dòng dữ liệu' }] };
  }
  const header = head.fields.map((h) => canonicalColumn(h));
  const index = new Map(header.map((h, i) => [h, i]));
  for (const column of CATALOG_CSV_COLUMNS) {
    if (!index.has(column)) problems.push({ line: 1, where: column, message: 'thiếu cột' });
  }
  if (problems.length) return { ok: false, problems };
  const byCode = new Map<string, { lines: number[]; proc: Record<string, unknown> }>();
  for (const { line, fields } of rows) {
    const get = (c: (typeof CATALOG_CSV_COLUMNS)[number]) => (fields[index.get(c)!] ?? '').trim();
    const mandatoryWord = get('mandatory').toLowerCase();
    if (!TRUE_WORDS.has(mandatoryWord) && !FALSE_WORDS.has(mandatoryWord)) {
      problems.push({
        line,
        where: 'mandatory',
        message: `giá trị không hiểu "${get('mandatory')}"`,
      });
    }
    const component = {
      id: get('componentId'),
      name: get('componentName'),
      form: normaliseForm(get('form')),
      count: Number(get('count') || '1'),
      mandatory: TRUE_WORDS.has(mandatoryWord),
      documentTypes: get('documentTypes')
        .split(/[|\s]+/)
        .filter(Boolean),
    };
    const code = get('code');
    let entry = byCode.get(code);
    if (!entry) {
      entry = {
        lines: [],
        proc: {
          code,
          name: get('name'),
          field: get('field'),
          level: normaliseLevel(get('level')),
          processingDays: parseDays(get('processingDays')),
          components: [],
        },
      };
      byCode.set(code, entry);
    }
    (entry.proc.components as unknown[]).push(component);
    // Each component's line, to point errors at the right row.
    entry.lines.push(line);
  }
  const procedures = [...byCode.values()].map((e) => e.proc);
  const lines = [...byCode.values()].map((e) => e.lines);
  const result = ProcedureCatalog.safeParse({ version, source: 'CSV', procedures });
  if (!result.success) {
    problems.push(
      ...fromZod(result.error, (path) => {
        const i = Number(path[1]);
        const j = path[2] === 'components' ? Number(path[3]) : 0;
        return lines[i]?.[Number.isFinite(j) ? j : 0] ?? lines[i]?.[0] ?? 0;
      }),
    );
  }
  if (problems.length || !result.success) return { ok: false, problems };
  return { ok: true, catalog: result.data };
}

// ---- checklist -------------------------------------------------------------------------------

export interface ChecklistDocument {
  id: string;
  /** null when the document still needs review: it satisfies nothing until confirmed. */
  type: DocumentType | null;
}

export interface ComponentMatch {
  component: Component;
  documentIds: string[];
  missing: number;
}

export interface ChecklistResult {
  complete: boolean;
  components: ComponentMatch[];
  /** Mandatory components not (fully) provided. */
  missingMandatory: Component[];
  /** Documents that satisfy no component (extra or misclassified). */
  unmatched: string[];
}

/**
 * Assigns documents to components. Components accepting fewer types are served first, so a
 * paper that could fill several (an "other" copy) goes where nothing else can.
 */
export function matchChecklist(
  procedure: Procedure,
  documents: readonly ChecklistDocument[],
): ChecklistResult {
  const free = new Map(documents.map((d) => [d.id, d]));
  const order = [...procedure.components].sort(
    (a, b) =>
      Number(b.mandatory) - Number(a.mandatory) || a.documentTypes.length - b.documentTypes.length,
  );
  const matched = new Map<string, ComponentMatch>();
  for (const component of order) {
    const ids: string[] = [];
    for (const doc of free.values()) {
      if (ids.length >= component.count) break;
      if (doc.type && component.documentTypes.includes(doc.type)) ids.push(doc.id);
    }
    for (const id of ids) free.delete(id);
    matched.set(component.id, {
      component,
      documentIds: ids,
      missing: component.count - ids.length,
    });
  }
  const components = procedure.components.map((c) => matched.get(c.id)!);
  const missingMandatory = components
    .filter((m) => m.component.mandatory && m.missing > 0)
    .map((m) => m.component);
  return {
    complete: missingMandatory.length === 0,
    components,
    missingMandatory,
    unmatched: [...free.keys()],
  };
}

// ---- dossier lifecycle -------------------------------------------------------------------

export const DOSSIER_STATES = [
  'draft',
  'receiving',
  'complete',
  'incomplete',
  'returned_for_supplement',
  'refused',
  'signed',
  'archived',
  'uploaded',
] as const;
export const DossierState = z.enum(DOSSIER_STATES);
export type DossierState = z.infer<typeof DossierState>;

/** Allowed moves. A returned dossier comes back to "receiving" when the applicant brings more. */
export const TRANSITIONS: Readonly<Record<DossierState, readonly DossierState[]>> = {
  draft: ['receiving', 'refused'],
  receiving: ['complete', 'incomplete', 'returned_for_supplement', 'refused'],
  incomplete: ['receiving', 'returned_for_supplement', 'refused'],
  complete: ['signed', 'receiving', 'returned_for_supplement'],
  returned_for_supplement: ['receiving'],
  refused: [],
  signed: ['archived'],
  archived: ['uploaded'],
  uploaded: [],
};

/** Moves that must say why, so the applicant is told what to do. */
export const REASON_REQUIRED: readonly DossierState[] = ['returned_for_supplement', 'refused'];

export const DOSSIER_STATE_LABELS: Record<DossierState, { vi: string; en: string }> = {
  draft: { vi: 'Nháp', en: 'Draft' },
  receiving: { vi: 'Đang tiếp nhận', en: 'Receiving' },
  complete: { vi: 'Đủ thành phần', en: 'Complete' },
  incomplete: { vi: 'Thiếu thành phần', en: 'Incomplete' },
  returned_for_supplement: { vi: 'Yêu cầu bổ sung', en: 'Returned for supplement' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  signed: { vi: 'Đã ký số', en: 'Signed' },
  archived: { vi: 'Đã lưu trữ', en: 'Archived' },
  uploaded: { vi: 'Đã đồng bộ', en: 'Uploaded' },
};

export function canTransition(from: DossierState, to: DossierState): boolean {
  return TRANSITIONS[from].includes(to);
}
