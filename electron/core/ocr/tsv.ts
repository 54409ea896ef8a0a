// Tesseract's TSV output (the same from the native program and from tesseract.js) turned into an
// OcrPage: words with their boxes and confidences, grouped in lines, in reading order. One reader
// for both engines, so both give the PDF's text layer and the search index exactly the same shape.
import { collapseWhitespace, nfc } from '../../../shared/text';
import type { Box, OcrLine, OcrPage } from './types';

/** TSV levels: 4 is a text line, 5 a word. */
const LINE = '4';
const WORD = '5';

export function pageFromTsv(tsv: string, widthPx: number, heightPx: number): OcrPage {
  const lines: OcrLine[] = [];
  let current: OcrLine | null = null;
  let confSum = 0;
  let wordCount = 0;
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12) continue;
    const level = cells[0];
    if (level !== LINE && level !== WORD) continue;
    const [left, top, width, height] = cells.slice(6, 10).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const box: Box = { x0: left, y0: top, x1: left + width, y1: top + height };
    if (level === LINE) {
      if (current && current.words.length > 0) lines.push(current);
      current = { words: [], box };
      continue;
    }
    // The text is the last column; a word holding a tab cannot occur (Tesseract splits at spaces).
    const text = nfc(cells.slice(11).join('\t')).trim();
    if (!text || !current) continue;
    const confidence = Math.max(0, Number(cells[10]));
    current.words.push({ text, box, confidence });
    confSum += confidence;
    wordCount++;
  }
  if (current && current.words.length > 0) lines.push(current);
  const text = lines
    .map((l) => collapseWhitespace(l.words.map((w) => w.text).join(' ')))
    .join('\n');
  return { text, confidence: wordCount ? confSum / wordCount : 0, lines, widthPx, heightPx };
}
