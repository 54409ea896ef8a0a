// Importing a catalogue from a JSON or CSV file: everything is validated against the catalogue
// schema and every problem is reported with its line and column, so a bad file is refused as a
// whole with a list the province can fix, never half imported.
import type { z } from 'zod';
import { LEVEL_MESSAGE, ProcedureCatalog } from './catalog';
import {
  CATALOG_CSV_COLUMNS,
  canonicalColumn,
  type CatalogColumn,
  FALSE_WORDS,
  normaliseForm,
  normaliseLevel,
  parseDays,
  TRUE_WORDS,
} from './catalogColumns';
import { parseCsvRecords } from './csvRecords';

export interface CatalogProblem {
  /** 1-based line for CSV, 0 when it applies to the whole file. */
  line: number;
  where: string;
  /** In Vietnamese; `en` when the problem has an English text too. */
  message: string;
  en?: string;
}

export type CatalogParse =
  { ok: true; catalog: ProcedureCatalog } | { ok: false; problems: CatalogProblem[] };

function englishOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.message === LEVEL_MESSAGE.vi) return LEVEL_MESSAGE.en;
  const params = (issue as { params?: { en?: unknown } }).params;
  return typeof params?.en === 'string' ? params.en : undefined;
}

function fromZod(error: z.ZodError, lineOf: (path: PropertyKey[]) => number): CatalogProblem[] {
  return error.issues.map((issue) => {
    const en = englishOf(issue);
    return {
      line: lineOf(issue.path),
      where: issue.path.map(String).join('.'),
      message: issue.message,
      ...(en ? { en } : {}),
    };
  });
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
    const get = (c: CatalogColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
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
          ...(get('authority')
            ? { authority: { name: get('authority'), basis: get('authorityBasis') || 'CSV' } }
            : {}),
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
