// Evaluation of the classifier on texts in memory (generated sets, hand-written cases), and the
// writer of generated sets in the folder layout `sohoa eval classify/extract` reads
// (evalDocuments.ts measures real documents).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Classification, DocumentType } from '../../../shared/classification';
import type { OcrEngine } from '../ocr/types';
import { classifyText, type ClassifyOptions } from './classify';
import {
  extractionReport,
  findLabelledDocuments,
  runDocuments,
  type FieldRow,
} from './evalDocuments';
import { readDocumentFile } from './readDocument';
import type { GeneratedDoc } from './sampleDocs';

export interface LabelledDoc {
  name: string;
  type: DocumentType;
  text: string;
}

/** The labelled documents' page-1 text, for training the learned layer on a held-out set. */
export async function readLabelledDocs(
  dir: string,
  ocr: () => Promise<OcrEngine> = () => Promise.reject(new Error('OCR not available')),
): Promise<LabelledDoc[]> {
  const docs: LabelledDoc[] = [];
  let engine: Promise<OcrEngine> | undefined;
  try {
    for (const c of await findLabelledDocuments(dir)) {
      const read = await readDocumentFile(c.file, { ocr: () => (engine ??= ocr()) });
      const text = read.pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
      docs.push({ name: c.name, type: c.accepted[0]!, text });
    }
  } finally {
    if (engine) await (await engine).close();
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

/** Per-field extraction accuracy of a labelled folder with truth.jsonl (text files: no OCR). */
export async function evaluateExtraction(dir: string): Promise<FieldRow[]> {
  const cases = await findLabelledDocuments(dir);
  const results = await runDocuments(cases, {
    ocr: () => Promise.reject(new Error('OCR not available')),
  });
  return extractionReport(results);
}
