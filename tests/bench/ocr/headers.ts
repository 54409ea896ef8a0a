// The first pages of the shared corpus' real documents, for what a clerk searches by: the national
// motto, the issuing body, the document type's title and the subject line. Their full text is not
// known, but these lines are (truth.jsonl, and the motto every administrative document carries), so
// each is looked for in the OCR text as the best-matching stretch (approximate substring match):
// its edits over its length is the "header CER". Pages are rendered once at 200 dpi grey, as a
// counter's scanner would give them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { normalizeForCer } from '../../../electron/core/ocr/cer';

export interface HeaderCase {
  name: string;
  /** The page image to read (rendered from the PDF's first page, or the corpus' own image). */
  image: string;
  expected: string[];
}

const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
/** The title each type prints in capitals (a công văn and a precedent print none). */
const TITLES: Record<string, string> = {
  'chi-thi': 'CHỈ THỊ',
  'to-trinh': 'TỜ TRÌNH',
  'quyet-dinh': 'QUYẾT ĐỊNH',
  'thong-bao': 'THÔNG BÁO',
  'bao-cao': 'BÁO CÁO',
  luat: 'LUẬT',
  'nghi-dinh': 'NGHỊ ĐỊNH',
  'thong-tu': 'THÔNG TƯ',
};

interface TruthLine {
  name: string;
  type: string;
  fields: { co_quan_ban_hanh: string; trich_yeu: string };
}

/** The corpus' documents with their header lines, first pages rendered into `cacheDir`. */
export function headerCases(documentsDir: string, cacheDir: string): HeaderCase[] {
  fs.mkdirSync(cacheDir, { recursive: true });
  const truths = fs
    .readFileSync(path.join(documentsDir, 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TruthLine);
  const cases: HeaderCase[] = [];
  for (const t of truths) {
    const pdf = path.join(documentsDir, `${t.name}.pdf`);
    const jpg = path.join(documentsDir, `${t.name}.jpg`);
    let image: string;
    if (fs.existsSync(pdf)) {
      image = path.join(cacheDir, `${t.name}.png`);
      if (!fs.existsSync(image)) {
        const out = image.slice(0, -4);
        const r = spawnSync('pdftoppm', [
          '-r',
          '200',
          '-gray',
          '-png',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          pdf,
          out,
        ]);
        if (r.status !== 0) continue;
      }
    } else if (fs.existsSync(jpg)) image = jpg;
    else continue;
    // The precedent and the cropped decree images carry no national header.
    const motto = t.type === 'other' || /^3[01]-/.test(t.name) ? [] : MOTTO;
    const expected = [
      ...motto,
      t.fields.co_quan_ban_hanh,
      TITLES[t.type] ?? '',
      t.fields.trich_yeu,
    ].filter((s) => s.trim() !== '');
    cases.push({ name: t.name, image, expected });
  }
  return cases;
}

/**
 * Fewest edits that turn `needle` into some stretch of `hay` (Sellers' algorithm: the edit
 * distance with a free start and end in the text).
 */
export function substringDistance(needle: string, hay: string): number {
  const a = [...needle];
  const b = [...hay];
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let best = a.length;
  for (let j = 0; j <= b.length; j++) best = Math.min(best, prev[j]!);
  return best;
}

/** Edits and characters of a page's header lines, found in its OCR text. */
export function headerErrors(
  text: string,
  expected: readonly string[],
): { errors: number; referenceLength: number } {
  const hay = normalizeForCer(text);
  let errors = 0;
  let referenceLength = 0;
  for (const line of expected) {
    const needle = normalizeForCer(line);
    errors += substringDistance(needle, hay);
    referenceLength += [...needle].length;
  }
  return { errors, referenceLength };
}
