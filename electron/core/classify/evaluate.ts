// Evaluation of the classifier on a labelled folder: NAME.txt (OCR text) or NAME.png/.jpg
// (OCR'd here) or NAME.pdf (its text layer, via poppler's pdftotext), with labels.tsv lines
// `name<TAB>type`. Also writes generated sets in the same layout.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { DocumentType, type Classification } from '../../../shared/classification';
import { SohoaError } from '../../../shared/errors';
import type { OcrEngine } from '../ocr/types';
import { classifyText, type ClassifyOptions } from './classify';
import type { GeneratedDoc } from './sampleDocs';

const run = promisify(execFile);

export interface LabelledDoc {
  name: string;
  type: DocumentType;
  text: string;
}

export async function readLabels(dir: string): Promise<Map<string, DocumentType>> {
  const file = path.join(dir, 'labels.tsv');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (cause) {
    throw new SohoaError('LABELS_FILE_INVALID', 'labels.tsv', { cause });
  }
  const labels = new Map<string, DocumentType>();
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [name, type] = line.split('\t').map((s) => s.trim());
    const parsed = DocumentType.safeParse(type);
    if (!name || !parsed.success) {
      throw new SohoaError('LABELS_FILE_INVALID', `labels.tsv:${i + 1}`);
    }
    labels.set(name, parsed.data);
  }
  return labels;
}

const IMAGE_EXT = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'];

/** Reads every labelled document's text; `ocr` is needed only when the folder holds images. */
export async function readLabelledDocs(
  dir: string,
  ocr?: () => Promise<OcrEngine>,
): Promise<LabelledDoc[]> {
  const labels = await readLabels(dir);
  const files = await fs.readdir(dir);
  const docs: LabelledDoc[] = [];
  let engine: OcrEngine | undefined;
  try {
    for (const [name, type] of labels) {
      const file = ['.txt', '.pdf', ...IMAGE_EXT]
        .map((ext) => name + ext)
        .find((f) => files.includes(f));
      if (!file) continue;
      const full = path.join(dir, file);
      const ext = path.extname(file).toLowerCase();
      let text: string;
      if (ext === '.txt') text = await fs.readFile(full, 'utf8');
      else if (ext === '.pdf') text = (await run('pdftotext', ['-layout', full, '-'])).stdout;
      else {
        engine ??= await ocr?.();
        if (!engine) continue;
        const { data, info } = await sharp(full)
          .greyscale()
          .png()
          .toBuffer({ resolveWithObject: true });
        text = (await engine.recognize(data, info.width, info.height)).text;
      }
      docs.push({ name, type, text: text.normalize('NFC') });
    }
  } finally {
    await engine?.close();
  }
  return docs;
}

export interface EvalRow {
  name: string;
  truth: DocumentType;
  decision: Classification;
}

export interface EvalReport {
  rows: EvalRow[];
  /** confusion[truth][predicted or 'review'] = count */
  confusion: Record<string, Record<string, number>>;
  /** Assigned and right, over all documents. */
  accuracy: number;
  /** The best candidate is right, whether or not it was assigned. */
  top1: number;
  /** Share sent to review. */
  reviewRate: number;
  /** Assigned and wrong: the costly error. */
  errorRate: number;
  n: number;
}

export function evaluate(docs: readonly LabelledDoc[], options: ClassifyOptions): EvalReport {
  const rows = docs.map((d) => ({
    name: d.name,
    truth: d.type,
    decision: classifyText(d.text, options),
  }));
  const confusion: Record<string, Record<string, number>> = {};
  let right = 0;
  let top1 = 0;
  let review = 0;
  let wrong = 0;
  for (const r of rows) {
    const predicted = r.decision.type ?? 'review';
    const row = (confusion[r.truth] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (r.decision.candidates[0]?.type === r.truth) top1++;
    if (r.decision.needsReview) review++;
    else if (r.decision.type === r.truth) right++;
    else wrong++;
  }
  const n = rows.length;
  const share = (x: number) => (n ? x / n : 0);
  return {
    rows,
    confusion,
    accuracy: share(right),
    top1: share(top1),
    reviewRate: share(review),
    errorRate: share(wrong),
    n,
  };
}

/** Writes a generated set: NAME.txt, labels.tsv, and truth.jsonl (fields, for extraction). */
export async function writeGeneratedSet(dir: string, docs: readonly GeneratedDoc[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const d of docs) await fs.writeFile(path.join(dir, `${d.name}.txt`), d.text + '\n');
  await fs.writeFile(
    path.join(dir, 'labels.tsv'),
    docs.map((d) => `${d.name}\t${d.type}\n`).join(''),
  );
  await fs.writeFile(
    path.join(dir, 'truth.jsonl'),
    docs.map((d) => JSON.stringify({ name: d.name, type: d.type, fields: d.truth })).join('\n') +
      '\n',
  );
}

export interface FieldScore {
  field: string;
  /** Documents whose truth has this field. */
  n: number;
  found: number;
  /** Value equal to the truth (NFC, spaces collapsed). */
  exact: number;
  /** Equal once diacritics and case are folded: right but damaged by OCR. */
  folded: number;
  /** Found but different: a wrong value shown to the clerk. */
  wrong: number;
}

/** Per-field extraction accuracy against truth.jsonl, using each document's true type. */
export async function evaluateExtraction(dir: string): Promise<FieldScore[]> {
  const { extractFields, linesOf } = await import('./extract');
  const { foldVietnamese, collapseWhitespace } = await import('../../../shared/text');
  const truthLines = (await fs.readFile(path.join(dir, 'truth.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean);
  const scores = new Map<string, FieldScore>();
  for (const line of truthLines) {
    const t = JSON.parse(line) as {
      name: string;
      type: DocumentType;
      fields: Record<string, string>;
    };
    const text = await fs.readFile(path.join(dir, `${t.name}.txt`), 'utf8');
    const got = new Map(extractFields(linesOf(text), t.type).map((f) => [f.name, f.value]));
    for (const [name, truth] of Object.entries(t.fields)) {
      const s = scores.get(name) ?? { field: name, n: 0, found: 0, exact: 0, folded: 0, wrong: 0 };
      scores.set(name, s);
      s.n++;
      const value = got.get(name as never);
      if (value === undefined) continue;
      s.found++;
      if (collapseWhitespace(value) === collapseWhitespace(truth)) s.exact++;
      if (foldVietnamese(value).replace(/\s/g, '') === foldVietnamese(truth).replace(/\s/g, ''))
        s.folded++;
      else s.wrong++;
    }
  }
  return [...scores.values()];
}
