// `sohoa eval-classify --dir DIR`: classification accuracy on a labelled folder (NAME.txt,
// NAME.png/.jpg or NAME.pdf with labels.tsv), with the confusion table. The learned layer is
// trained first from `--train DIR` (a separate labelled folder: a held-out split), or taken
// from the desk's database with `--data-dir`; `--rules-only` measures the rules alone.
// `--generate OUT` writes a labelled OCR-like set instead. Last line always:
// `accuracy <percent>% over <N> documents`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_TYPES } from '../../../shared/classification';
import {
  evaluate,
  evaluateExtraction,
  readLabelledDocs,
  writeGeneratedSet,
  type EvalReport,
} from '../../core/classify/evaluate';
import { NaiveBayes, StoredNaiveBayes } from '../../core/classify/model';
import { generateDocuments } from '../../core/classify/sampleDocs';
import { dataPaths, defaultDataDir } from '../../core/config/paths';
import { openDeskDatabase } from '../../core/dossier/db';
import { createTesseractPool } from '../../core/ocr/tesseractPool';
import type { Lang } from '../messages';
import type { Command } from './types';

const SHORT: Record<string, string> = {
  cccd_front: 'cccdF',
  cccd_back: 'cccdB',
  birth_certificate: 'birth',
  marriage_certificate: 'marr',
  application_form: 'form',
  land_use_certificate: 'land',
  business_registration: 'biz',
  decision: 'dec',
  official_letter: 'letter',
  petition: 'pet',
  contract: 'contr',
  other: 'other',
  review: 'REVIEW',
};

const pct = (x: number) => (x * 100).toFixed(1);

export function printReport(lang: Lang, report: EvalReport, label: string): void {
  const cols = [...DOCUMENT_TYPES, 'review'];
  const w = 7;
  console.log(
    lang === 'vi'
      ? `Ma trận nhầm lẫn (${label}; hàng: nhãn đúng, cột: kết quả)`
      : `Confusion table (${label}; rows: truth, columns: decision)`,
  );
  console.log(''.padEnd(8) + cols.map((c) => SHORT[c]!.padStart(w)).join(''));
  for (const truth of DOCUMENT_TYPES) {
    const row = report.confusion[truth] ?? {};
    console.log(
      SHORT[truth]!.padEnd(8) +
        cols.map((c) => String(row[c] ?? (c === truth ? 0 : '.')).padStart(w)).join(''),
    );
  }
  const l =
    lang === 'vi'
      ? { top1: 'đúng ở ứng viên đầu', review: 'chuyển xem lại', wrong: 'gán sai' }
      : { top1: 'top-1 correct', review: 'sent to review', wrong: 'assigned wrongly' };
  console.log(
    `${l.top1}: ${pct(report.top1)}%   ${l.review}: ${pct(report.reviewRate)}%   ${l.wrong}: ${pct(report.errorRate)}%`,
  );
}

export const evalClassifyCommand: Command = {
  name: 'eval-classify',
  usage: {
    vi: 'sohoa eval-classify --dir THƯ_MỤC [--train THƯ_MỤC | --data-dir THƯ_MỤC | --rules-only] [--threshold 0.6] [--json]\n  sohoa eval-classify --generate THƯ_MỤC [--seed N] [--per-type N] [--noise 1.0]',
    en: 'sohoa eval-classify --dir DIR [--train DIR | --data-dir DIR | --rules-only] [--threshold 0.6] [--json]\n  sohoa eval-classify --generate DIR [--seed N] [--per-type N] [--noise 1.0]',
  },
  async run(argv, { lang }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        dir: { type: 'string' },
        train: { type: 'string' },
        'data-dir': { type: 'string' },
        'rules-only': { type: 'boolean', default: false },
        threshold: { type: 'string' },
        json: { type: 'boolean', default: false },
        generate: { type: 'string' },
        seed: { type: 'string', default: '1' },
        'per-type': { type: 'string', default: '6' },
        noise: { type: 'string', default: '1.0' },
        'title-loss': { type: 'string', default: '0.35' },
      },
    });
    if (values.generate) {
      const out = path.resolve(values.generate);
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
    if (!values.dir) return 2;
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined;
    const ocr = () =>
      createTesseractPool({
        langDir: dataPaths(dataDir ?? defaultDataDir()).tessdataDir,
        size: 1,
      });
    const docs = await readLabelledDocs(path.resolve(values.dir), ocr);
    let model: NaiveBayes | undefined;
    let label = lang === 'vi' ? 'chỉ quy tắc' : 'rules only';
    let db;
    if (!values['rules-only'] && values.train) {
      model = new NaiveBayes();
      for (const d of await readLabelledDocs(path.resolve(values.train), ocr))
        model.learn(d.text, d.type);
      label =
        lang === 'vi'
          ? `quy tắc + học từ ${model.documentCount} tài liệu`
          : `rules + learned from ${model.documentCount} documents`;
    } else if (!values['rules-only'] && dataDir) {
      db = openDeskDatabase(dataDir);
      model = StoredNaiveBayes.load(db);
      label =
        lang === 'vi'
          ? `quy tắc + mô hình của máy (${model.documentCount} tài liệu)`
          : `rules + desk model (${model.documentCount} documents)`;
    }
    try {
      const report = evaluate(docs, {
        model,
        ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
      });
      if (values.json) {
        console.log(
          JSON.stringify(
            {
              mode: label,
              accuracy: report.accuracy,
              top1: report.top1,
              reviewRate: report.reviewRate,
              errorRate: report.errorRate,
              n: report.n,
              confusion: report.confusion,
              documents: report.rows.map((r) => ({
                name: r.name,
                truth: r.truth,
                type: r.decision.type,
                confidence: r.decision.confidence,
                needsReview: r.decision.needsReview,
                candidates: r.decision.candidates,
              })),
            },
            null,
            2,
          ),
        );
      } else printReport(lang, report, label);
      // With --json, stdout stays one JSON document; the summary line goes to stderr.
      (values.json ? console.error : console.log)(
        `accuracy ${pct(report.accuracy)}% over ${report.n} documents`,
      );
      return 0;
    } finally {
      db?.close();
    }
  },
};

/** `sohoa eval-extract --dir DIR`: per-field extraction accuracy against DIR/truth.jsonl. */
export const evalExtractCommand: Command = {
  name: 'eval-extract',
  usage: {
    vi: 'sohoa eval-extract --dir THƯ_MỤC [--json]   (cần truth.jsonl, xem eval-classify --generate)',
    en: 'sohoa eval-extract --dir DIR [--json]   (needs truth.jsonl, see eval-classify --generate)',
  },
  async run(argv, { lang }) {
    const { values } = parseArgs({
      args: argv,
      options: { dir: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (!values.dir) return 2;
    const scores = await evaluateExtraction(path.resolve(values.dir));
    if (values.json) {
      console.log(JSON.stringify(scores, null, 2));
    } else {
      const head =
        lang === 'vi'
          ? ['trường', 'số tl', 'tìm thấy', 'đúng hẳn', 'đúng*', 'sai']
          : ['field', 'docs', 'found', 'exact', 'folded*', 'wrong'];
      console.log(
        head[0]!.padEnd(16) +
          head
            .slice(1)
            .map((h) => h.padStart(10))
            .join(''),
      );
      for (const s of scores) {
        const cells = [s.n, s.found, s.exact, s.folded, s.wrong].map((x) => String(x).padStart(10));
        console.log(s.field.padEnd(16) + cells.join(''));
      }
      console.log(
        lang === 'vi'
          ? '* đúng khi bỏ dấu và chữ hoa/thường (giá trị đúng nhưng OCR làm mất dấu)'
          : '* equal once diacritics and case are folded (right value, OCR lost marks)',
      );
    }
    const n = scores.reduce((a, s) => a + s.n, 0);
    const folded = scores.reduce((a, s) => a + s.folded, 0);
    (values.json ? console.error : console.log)(
      `accuracy ${pct(n ? folded / n : 0)}% over ${n} fields`,
    );
    return 0;
  },
};
