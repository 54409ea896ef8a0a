// Measuring typing and metadata on a folder of documents read by a person: NAME.pdf / .png /
// .jpg / .tif / .txt, labels.tsv (`name<TAB>label`, a label being a type key or a slug such as
// quyet-dinh, mapped by the catalogue's one label table) and truth.jsonl (`{"name", "fields"}`).
// Each document goes through what the desk does: page 1 read (a PDF's text layer when it is the
// page's text, else OCR), typed, its metadata read; then compared with the truth.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  HIGH_CONFIDENCE,
  type Classification,
  type DocumentType,
} from '../../../shared/classification';
import type { ReadMetadata } from '../../../shared/documentMetadata';
import { isSohoaError, SohoaError } from '../../../shared/errors';
import { collapseWhitespace, foldVietnamese } from '../../../shared/text';
import type { OcrEngine } from '../ocr/types';
import { catalogue } from './catalogue';
import { NO_DECISION, type ClassifyOptions } from './classify';
import { describeRead } from './describe';
import { extractFields } from './extract';
import { readDocumentFile, type ReadDocumentResult } from './readDocument';

export interface DocumentCase {
  name: string;
  /** The label as written in labels.tsv. */
  label: string;
  /** The catalogue types that label stands for. */
  accepted: DocumentType[];
  file: string;
  truth?: Record<string, string>;
}

const EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.txt'];

/** labels.tsv (and truth.jsonl when present) of `dir`, with each document's file. */
export async function findLabelledDocuments(dir: string): Promise<DocumentCase[]> {
  let labelsText: string;
  try {
    labelsText = await fs.readFile(path.join(dir, 'labels.tsv'), 'utf8');
  } catch (cause) {
    throw new SohoaError('LABELS_FILE_INVALID', 'labels.tsv', { cause });
  }
  const truth = new Map<string, Record<string, string>>();
  const truthText = await fs.readFile(path.join(dir, 'truth.jsonl'), 'utf8').catch(() => '');
  for (const line of truthText.split('\n').filter((l) => l.trim())) {
    const t = JSON.parse(line) as { name: string; fields?: Record<string, string> };
    truth.set(t.name, t.fields ?? {});
  }
  const files = await fs.readdir(dir);
  const labels = catalogue().labels;
  const cases: DocumentCase[] = [];
  for (const [i, line] of labelsText.split(/\r?\n/).entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [name, label] = line.split('\t').map((s) => s.trim());
    const accepted = label ? labels.get(label) : undefined;
    if (!name || !label || !accepted)
      throw new SohoaError('LABELS_FILE_INVALID', `labels.tsv:${i + 1}`);
    const file = EXTENSIONS.map((e) => name + e).find((f) => files.includes(f));
    if (!file) continue;
    cases.push({
      name,
      label,
      accepted,
      file: path.join(dir, file),
      ...(truth.has(name) ? { truth: truth.get(name)! } : {}),
    });
  }
  return cases;
}

export interface DocumentResult {
  case: DocumentCase;
  classification: Classification;
  metadata: ReadMetadata;
  /** Personal-paper fields (names, dates of birth…) read by the counter's extractor. */
  personal: Record<string, string>;
  source: 'ocr' | 'text-layer' | 'text-file' | 'error';
  seconds: number;
  error?: string;
}

export interface RunOptions extends ClassifyOptions {
  ocr: () => Promise<OcrEngine>;
  /** The engine for second readings of the date and number lines (readDocument.ts). */
  digitsOcr?: () => Promise<OcrEngine>;
  /** Leading pages read per document (default 1). */
  pages?: number;
  /** Documents read at once (give the OCR pool as many workers). */
  concurrency?: number;
  onDocument?: (r: DocumentResult) => void;
}

/**
 * Pages already read in this process: `eval classify` then `eval extract` on one folder (a test
 * does both) read each page once; OCR of a scanned page takes seconds. Keyed by the file's path,
 * size and time, so a changed file is read again; nothing is written anywhere.
 */
const readMemo = new Map<string, Promise<ReadDocumentResult>>();
const MEMO_SIZE = 64;

async function readMemoised(
  file: string,
  options: Pick<RunOptions, 'ocr' | 'digitsOcr'> & { pages: number },
): Promise<ReadDocumentResult> {
  const st = await fs.stat(file);
  const key = `${file}|${st.size}|${st.mtimeMs}|${options.pages}`;
  let read = readMemo.get(key);
  if (!read) {
    read = readDocumentFile(file, options);
    read.catch(() => readMemo.delete(key));
    readMemo.set(key, read);
    if (readMemo.size > MEMO_SIZE) readMemo.delete(readMemo.keys().next().value!);
  }
  return read;
}

/** One document through what the desk does: read, typed, described; a failure is reported. */
async function runDocument(c: DocumentCase, options: RunOptions): Promise<DocumentResult> {
  const started = performance.now();
  let result: DocumentResult;
  try {
    const read = () =>
      readMemoised(c.file, {
        ocr: options.ocr,
        ...(options.digitsOcr ? { digitsOcr: options.digitsOcr } : {}),
        pages: options.pages ?? 1,
      });
    // A page that ran out of time on a loaded machine (rendering or OCR) gets a second chance.
    const doc = await read().catch((e: unknown) => {
      if (isSohoaError(e) && e.code === 'PDF_TOO_COMPLEX') return read();
      if (e instanceof Error && e.name === 'OcrTimeoutError') return read();
      throw e;
    });
    const { classification, metadata } = describeRead(doc, options);
    const lines = doc.pages.flatMap((p) => p.lines);
    const personal = Object.fromEntries(
      extractFields(lines, classification.type).map((f) => [f.name, f.value]),
    );
    const source = doc.pages[0]!.source;
    result = { case: c, classification, metadata, personal, source, seconds: 0 };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const metadata: ReadMetadata = { type: null, normative: false, fields: {} };
    result = {
      case: c,
      classification: { ...NO_DECISION },
      metadata,
      personal: {},
      source: 'error',
      seconds: 0,
      error,
    };
  }
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

/** Every case, `concurrency` at a time (one per OCR worker), results in the cases' order. */
export async function runDocuments(
  cases: readonly DocumentCase[],
  options: RunOptions,
): Promise<DocumentResult[]> {
  const out: DocumentResult[] = [];
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await runDocument(cases[i]!, options);
      options.onDocument?.(out[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, lane));
  return out;
}

// ---- classification report --------------------------------------------------------------------

export interface TypeRow {
  label: string;
  n: number;
  right: number;
  review: number;
  wrong: number;
}

export interface ClassificationReport {
  n: number;
  /** Assigned and right. */
  accuracy: number;
  /** The best candidate is right, assigned or not. */
  top1: number;
  reviewRate: number;
  /** Assigned and wrong. */
  errorRate: number;
  /** Assigned wrong with at least HIGH_CONFIDENCE: the error nobody looks at. */
  highConfidenceWrong: number;
  perType: TypeRow[];
  /** Truth label → decision (a type, or "review") → count, for the mistakes and reviews. */
  confusion: { label: string; decision: string; n: number }[];
}

export function classificationReport(results: readonly DocumentResult[]): ClassificationReport {
  const perType = new Map<string, TypeRow>();
  const confusion = new Map<string, number>();
  let right = 0;
  let top1 = 0;
  let review = 0;
  let wrong = 0;
  let sureWrong = 0;
  for (const r of results) {
    const row = perType.get(r.case.label) ?? {
      label: r.case.label,
      n: 0,
      right: 0,
      review: 0,
      wrong: 0,
    };
    perType.set(r.case.label, row);
    row.n++;
    const c = r.classification;
    if (c.candidates[0] && r.case.accepted.includes(c.candidates[0].type)) top1++;
    if (c.type && r.case.accepted.includes(c.type)) {
      right++;
      row.right++;
      continue;
    }
    const decision = c.type ?? 'review';
    const key = `${r.case.label}\t${decision}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (!c.type) {
      review++;
      row.review++;
    } else {
      wrong++;
      row.wrong++;
      if (c.confidence >= HIGH_CONFIDENCE) sureWrong++;
    }
  }
  const n = results.length;
  const share = (x: number) => (n ? x / n : 0);
  return {
    n,
    accuracy: share(right),
    top1: share(top1),
    reviewRate: share(review),
    errorRate: share(wrong),
    highConfidenceWrong: share(sureWrong),
    perType: [...perType.values()].sort((a, b) => b.n - a.n || a.label.localeCompare(b.label)),
    confusion: [...confusion.entries()]
      .map(([k, count]) => {
        const [label, decision] = k.split('\t') as [string, string];
        return { label, decision, n: count };
      })
      .sort((a, b) => b.n - a.n),
  };
}

// ---- extraction report ------------------------------------------------------------------------

/**
 * The one table from truth.jsonl's field names to what the desk reads: the corpus's own names
 * (so, ky_hieu…), the generator's (number, notation…), and the personal papers' fields.
 */
export const TRUTH_FIELDS: Record<string, string> = {
  so: 'codeNumber',
  ky_hieu: 'codeNotation',
  ngay_ban_hanh: 'issuedDate',
  co_quan_ban_hanh: 'organName',
  trich_yeu: 'subject',
  number: 'codeNumber',
  notation: 'codeNotation',
  issuedDate: 'issuedDate',
  issuer: 'organName',
  subject: 'subject',
};

export interface FieldRow {
  field: string;
  /** Documents whose truth has a value for this field. */
  n: number;
  found: number;
  /** Equal to the truth (NFC, spaces collapsed). */
  exact: number;
  /** Equal once marks, case and spaces are folded: right but marked wrongly by OCR. */
  folded: number;
  /** Found but different. */
  wrong: number;
  /** Documents whose truth is empty for the field. */
  emptyN: number;
  /** … where the desk nevertheless read a value. */
  extra: number;
}

function valueFor(r: DocumentResult, truthName: string): string | undefined {
  const field = TRUTH_FIELDS[truthName];
  if (field) return r.metadata.fields[field as keyof ReadMetadata['fields']]?.value;
  return r.personal[truthName];
}

export function extractionReport(results: readonly DocumentResult[]): FieldRow[] {
  const rows = new Map<string, FieldRow>();
  for (const r of results) {
    for (const [name, truth] of Object.entries(r.case.truth ?? {})) {
      const field = TRUTH_FIELDS[name] ?? name;
      const row = rows.get(field) ?? {
        field,
        n: 0,
        found: 0,
        exact: 0,
        folded: 0,
        wrong: 0,
        emptyN: 0,
        extra: 0,
      };
      rows.set(field, row);
      const value = valueFor(r, name);
      if (!truth.trim()) {
        row.emptyN++;
        if (value) row.extra++;
        continue;
      }
      row.n++;
      if (!value) continue;
      row.found++;
      if (collapseWhitespace(value) === collapseWhitespace(truth)) row.exact++;
      const fold = (s: string) => foldVietnamese(s).replace(/\s/g, '');
      if (fold(value) === fold(truth)) row.folded++;
      else row.wrong++;
    }
  }
  return [...rows.values()];
}
