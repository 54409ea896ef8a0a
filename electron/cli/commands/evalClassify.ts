// `sohoa eval classify --dir DIR` and `sohoa eval extract --dir DIR` (also spelt eval-classify,
// eval-extract): document typing and TT 05/2025 metadata measured on a folder of documents read
// by a person (PDFs, page images or text files with labels.tsv and truth.jsonl; see
// core/classify/evalDocuments.ts). The learned layer is trained first from `--train DIR` (a
// separate labelled folder: a held-out split), from `--learn-generated N` generated samples per
// type, or taken from the desk's database with `--data-dir`; `--rules-only` (the default without
// those) measures the rules alone, as a fresh desk runs. `--generate OUT` writes a labelled
// OCR-like set instead. Last line always `accuracy <percent>% over <N> documents|fields`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HIGH_CONFIDENCE } from '../../../shared/classification';
import {
  classificationReport,
  extractionReport,
  findLabelledDocuments,
  runDocuments,
  type ClassificationReport,
  type DocumentResult,
  type FieldRow,
} from '../../core/classify/evalDocuments';
import { readLabelledDocs, writeGeneratedSet } from '../../core/classify/evaluate';
import { NaiveBayes, StoredNaiveBayes } from '../../core/classify/model';
import { DIGIT_LANGUAGES } from '../../core/classify/reread';
import { generateDocuments } from '../../core/classify/sampleDocs';
import { dataPaths, defaultDataDir } from '../../core/config/paths';
import { openDeskDatabase } from '../../core/dossier/db';
import { createTesseractPool, type OcrPool } from '../../core/ocr/tesseractPool';
import type { Lang } from '../messages';
import type { Command } from './types';
import { USAGE } from '../usage';

const pct = (x: number) => (x * 100).toFixed(1);

const OPTIONS = {
  dir: { type: 'string' },
  train: { type: 'string' },
  'learn-generated': { type: 'string' },
  'data-dir': { type: 'string' },
  'rules-only': { type: 'boolean', default: false },
  threshold: { type: 'string' },
  pages: { type: 'string', default: '1' },
  workers: { type: 'string', default: '1' },
  json: { type: 'boolean', default: false },
  details: { type: 'boolean', default: false },
  generate: { type: 'string' },
  seed: { type: 'string', default: '1' },
  'per-type': { type: 'string', default: '6' },
  noise: { type: 'string', default: '1.0' },
  'title-loss': { type: 'string', default: '0.35' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

interface Run {
  results: DocumentResult[];
  mode: string;
  seconds: number;
}

/** Reads, types and describes every labelled document of --dir with the chosen learned layer. */
async function runFolder(values: Values, lang: Lang): Promise<Run> {
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined;
  const workers = Math.max(1, Number(values.workers) || 1);
  let pool: Promise<OcrPool> | undefined;
  let digitsPool: Promise<OcrPool> | undefined;
  const langDir = dataPaths(dataDir ?? defaultDataDir()).tessdataDir;
  const ocr = () => (pool ??= createTesseractPool({ langDir, size: workers }));
  // Handwritten days and numbers are read again with the model for Latin digits.
  const digitsOcr = () =>
    (digitsPool ??= createTesseractPool({ langDir, size: 1, langs: DIGIT_LANGUAGES }));
  const vi = lang === 'vi';
  let model: NaiveBayes | undefined;
  let mode = vi ? 'chỉ quy tắc' : 'rules only';
  let db;
  try {
    if (!values['rules-only'] && values.train) {
      model = new NaiveBayes();
      for (const d of await readLabelledDocs(path.resolve(values.train), ocr))
        model.learn(d.text, d.type);
    } else if (!values['rules-only'] && values['learn-generated']) {
      model = new NaiveBayes();
      const perType = Number(values['learn-generated']);
      for (const d of generateDocuments({ seed: 101, perType, noise: 1, titleLoss: 0.35 }))
        model.learn(d.text, d.type);
    } else if (!values['rules-only'] && dataDir) {
      db = openDeskDatabase(dataDir);
      model = StoredNaiveBayes.load(db);
      mode = vi
        ? `quy tắc + mô hình của máy (${model.documentCount} tài liệu)`
        : `rules + desk model (${model.documentCount} documents)`;
    }
    if (model && !db)
      mode = vi
        ? `quy tắc + học từ ${model.documentCount} tài liệu`
        : `rules + learned from ${model.documentCount} documents`;
    const cases = await findLabelledDocuments(path.resolve(values.dir!));
    const started = performance.now();
    const results = await runDocuments(cases, {
      ocr,
      digitsOcr,
      pages: Math.max(1, Number(values.pages) || 1),
      concurrency: workers,
      ...(model ? { model } : {}),
      ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
      onDocument: (r) => {
        if (values.details && !values.json) printDocument(r);
      },
    });
    return { results, mode, seconds: (performance.now() - started) / 1000 };
  } finally {
    db?.close();
    if (pool) await (await pool).close();
    if (digitsPool) await (await digitsPool).close();
  }
}

function printDocument(r: DocumentResult): void {
  const c = r.classification;
  const f = r.metadata.fields;
  const decided = c.type ?? `review(${c.candidates[0]?.type ?? '-'})`;
  console.log(
    `${r.case.name.padEnd(18)} ${r.case.label.padEnd(12)} ${decided.padEnd(22)} ${c.confidence.toFixed(2)}  ${r.source.padEnd(10)} ${String(r.seconds).padStart(5)}s  ${f.codeNumber?.value ?? '-'}/${f.codeNotation?.value ?? '-'}  ${f.issuedDate?.value ?? '-'}${r.error ? `  ✗ ${r.error}` : ''}`,
  );
}

function printErrors(lang: Lang, results: readonly DocumentResult[]): void {
  const failed = results.filter((r) => r.error);
  if (!failed.length) return;
  console.log(
    lang === 'vi'
      ? 'Không đọc được (tính là chuyển xem lại):'
      : 'Not read (counted as sent to review):',
  );
  for (const r of failed) console.log(`  ✗ ${r.case.name}: ${r.error}`);
}

export function printClassification(lang: Lang, report: ClassificationReport, mode: string): void {
  const vi = lang === 'vi';
  console.log(vi ? `Phân loại văn bản (${mode})` : `Document typing (${mode})`);
  const head = vi
    ? ['nhãn', 'số tl', 'đúng', 'xem lại', 'gán sai', 'tỉ lệ đúng']
    : ['label', 'docs', 'right', 'review', 'wrong', 'accuracy'];
  console.log(
    head[0]!.padEnd(24) +
      head
        .slice(1)
        .map((h) => h.padStart(10))
        .join(''),
  );
  for (const row of report.perType) {
    const cells = [row.n, row.right, row.review, row.wrong].map((x) => String(x).padStart(10));
    console.log(row.label.padEnd(24) + cells.join('') + `${pct(row.right / row.n)}%`.padStart(10));
  }
  if (report.confusion.length) {
    console.log(vi ? 'Nhầm lẫn và chuyển xem lại:' : 'Confusions and reviews:');
    for (const c of report.confusion) console.log(`  ${c.label} → ${c.decision}: ${c.n}`);
  }
  const l = vi
    ? ['đúng ở ứng viên đầu', 'chuyển xem lại', 'gán sai', 'gán sai với độ tin cậy cao']
    : ['top-1 correct', 'sent to review', 'assigned wrongly', 'wrong with high confidence'];
  console.log(
    `${l[0]}: ${pct(report.top1)}%   ${l[1]}: ${pct(report.reviewRate)}%   ${l[2]}: ${pct(report.errorRate)}%   ${l[3]} (≥ ${HIGH_CONFIDENCE}): ${pct(report.highConfidenceWrong)}%`,
  );
}

export function printFields(lang: Lang, rows: readonly FieldRow[]): void {
  const vi = lang === 'vi';
  const head = vi
    ? ['trường', 'số tl', 'tìm thấy', 'đúng hẳn', 'đúng*', 'sai', 'đúng %', 'rỗng', 'thừa']
    : ['field', 'docs', 'found', 'exact', 'folded*', 'wrong', 'exact %', 'empty', 'extra'];
  console.log(
    head[0]!.padEnd(16) +
      head
        .slice(1)
        .map((h) => h.padStart(9))
        .join(''),
  );
  for (const s of rows) {
    const cells = [s.n, s.found, s.exact, s.folded, s.wrong].map((x) => String(x).padStart(9));
    const exact = s.n ? `${pct(s.exact / s.n)}%` : '-';
    const tail = [s.emptyN, s.extra].map((x) => String(x).padStart(9));
    console.log(s.field.padEnd(16) + cells.join('') + exact.padStart(9) + tail.join(''));
  }
  console.log(
    vi
      ? '* đúng khi bỏ dấu và chữ hoa/thường; "rỗng": văn bản không in trường này; "thừa": máy vẫn đọc ra giá trị'
      : '* equal once marks and case are folded; "empty": the document prints no value; "extra": a value was read anyway',
  );
}

async function generate(values: Values, lang: Lang): Promise<number> {
  const out = path.resolve(values.generate!);
  const docs = generateDocuments({
    seed: Number(values.seed),
    perType: Number(values['per-type']),
    noise: Number(values.noise),
    titleLoss: Number(values['title-loss']),
    prefix: `s${values.seed}`,
  });
  await writeGeneratedSet(out, docs);
  console.log(
    lang === 'vi'
      ? `Đã tạo ${docs.length} tài liệu trong ${out}`
      : `Wrote ${docs.length} documents to ${out}`,
  );
  return 0;
}

export const evalClassifyCommand: Command = {
  name: 'eval-classify',
  usage: USAGE['eval-classify'],
  async run(argv, { lang }) {
    const { values } = parseArgs({ args: argv, options: OPTIONS });
    if (values.generate) return generate(values, lang);
    if (!values.dir) {
      console.error(USAGE['eval-classify'][lang]);
      return 2;
    }
    const run = await runFolder(values, lang);
    const report = classificationReport(run.results);
    if (values.json) {
      const documents = run.results.map((r) => ({
        name: r.case.name,
        label: r.case.label,
        type: r.classification.type,
        confidence: r.classification.confidence,
        candidates: r.classification.candidates,
        evidence: r.classification.evidence,
        source: r.source,
        seconds: r.seconds,
        ...(r.error ? { error: r.error } : {}),
      }));
      console.log(
        JSON.stringify({ mode: run.mode, seconds: run.seconds, ...report, documents }, null, 2),
      );
    } else {
      printClassification(lang, report, run.mode);
      printErrors(lang, run.results);
    }
    // With --json, stdout stays one JSON document; the summary line goes to stderr.
    (values.json ? console.error : console.log)(
      `accuracy ${pct(report.accuracy)}% over ${report.n} documents`,
    );
    return 0;
  },
};

export const evalExtractCommand: Command = {
  name: 'eval-extract',
  usage: USAGE['eval-extract'],
  async run(argv, { lang }) {
    const { values } = parseArgs({ args: argv, options: OPTIONS });
    if (!values.dir) {
      console.error(USAGE['eval-extract'][lang]);
      return 2;
    }
    const run = await runFolder(values, lang);
    const rows = extractionReport(run.results);
    const typing = classificationReport(run.results);
    if (values.json) {
      const documents = run.results.map((r) => ({
        name: r.case.name,
        type: r.classification.type,
        metadata: r.metadata,
        ...(r.error ? { error: r.error } : {}),
      }));
      console.log(
        JSON.stringify(
          {
            seconds: run.seconds,
            fields: rows,
            typing: { accuracy: typing.accuracy, highConfidenceWrong: typing.highConfidenceWrong },
            documents,
          },
          null,
          2,
        ),
      );
    } else {
      printFields(lang, rows);
      printErrors(lang, run.results);
    }
    const n = rows.reduce((a, s) => a + s.n, 0);
    const exact = rows.reduce((a, s) => a + s.exact, 0);
    (values.json ? console.error : console.log)(
      `accuracy ${pct(n ? exact / n : 0)}% over ${n} fields`,
    );
    return 0;
  },
};
