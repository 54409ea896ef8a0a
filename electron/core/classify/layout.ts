// The page's lines rebuilt into what a reader of an administrative document sees: the header
// is two columns side by side (issuing body, number and "V/v" on the left; national motto and
// the place-and-date line on the right), which OCR and PDF text layers hand over as one line
// ("ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI…") or in pieces ("Số: 293/2025/NĐ" + "-CP"). Pieces on one
// row are joined, rows are cut where the words leave a wide gap, and each segment knows its
// column. Text without boxes is cut at the motto, whose wording is fixed.
import { collapseWhitespace } from '../../../shared/text';
import type { Box, TextLine } from './extract';
import { foldKeepLength } from './features';

export type Column = 'left' | 'right' | 'full';

export interface Segment extends TextLine {
  column: Column;
  /** Index of the row (visual line) the segment belongs to. */
  row: number;
}

type Word = { text: string; box: Box };

const height = (b: Box) => Math.max(1, b.y1 - b.y0);
const union = (a: Box, b: Box): Box => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});

/** Whether b sits on the same row as a, to its right (a piece the text layer cut off). */
function sameRow(a: Box, b: Box): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return overlap >= 0.5 * Math.min(height(a), height(b)) && b.x0 >= a.x1 - 0.5 * height(a);
}

/** Joins consecutive lines that share a row; lines without boxes pass unchanged. */
export function mergeRows(lines: readonly TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    if (prev?.box && line.box && prev.words && line.words && sameRow(prev.box, line.box)) {
      out[out.length - 1] = {
        ...prev,
        text: `${prev.text} ${line.text}`,
        box: union(prev.box, line.box),
        words: [...prev.words, ...line.words],
      };
    } else out.push(line);
  }
  return out;
}

/**
 * A word that continues the one before it without a space ("NĐ" + "-CP", "Nội" + ","); a dash
 * standing alone ("LAO ĐỘNG - THƯƠNG BINH") keeps its spaces.
 */
const gluesTo = (prev: Word, w: Word, h: number) =>
  w.box.x0 - prev.box.x1 < 0.35 * h &&
  (/^[-/]\S/.test(w.text) ||
    /^[,.;:)]/.test(w.text) ||
    (/[-/(]$/.test(prev.text) && prev.text.length > 1 && /^[\p{L}\p{N}]/u.test(w.text)));

/**
 * Cuts a row of words where the gap is wider than a column gutter, and before the national
 * motto when a body's name runs into it with no visible gutter.
 */
function splitWords(words: readonly Word[], gutter: number): Word[][] {
  const parts: Word[][] = [];
  words.forEach((w, i) => {
    const part = parts.at(-1);
    const prev = part?.at(-1);
    const motto = (part?.length ?? 0) >= 2 && mottoStarts(words, i);
    if (part && prev && !motto && w.box.x0 - prev.box.x1 <= gutter) part.push(w);
    else parts.push([w]);
  });
  return parts;
}

function mottoStarts(words: readonly Word[], i: number): boolean {
  const a = foldKeepLength(words[i]?.text ?? '');
  const b = foldKeepLength(words[i + 1]?.text ?? '');
  return (a === 'cong' && b.startsWith('hoa')) || (a === 'doc' && b.startsWith('lap'));
}

function wordsText(words: readonly Word[]): string {
  let text = '';
  words.forEach((w, i) => {
    const prev = words[i - 1];
    const h = height(w.box);
    text += prev ? (gluesTo(prev, w, h) ? w.text : ` ${w.text}`) : w.text;
  });
  return collapseWhitespace(text);
}

const MOTTO = [/cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam/, /doc\s*lap\s*-?\s*tu\s*do/];

/** Cuts a line without boxes before the national motto, when something precedes it. */
function splitAtMotto(text: string): string[] {
  const clean = collapseWhitespace(text);
  const folded = foldKeepLength(clean);
  for (const re of MOTTO) {
    const m = re.exec(folded);
    // Only after a body's name ("ỦY BAN NHÂN DÂN", "BỘ Y TẾ"), not "NƯỚC CỘNG HÒA…" of a title.
    if (m && clean.slice(0, m.index).trim().split(' ').length >= 2) {
      return [clean.slice(0, m.index).trim(), clean.slice(m.index).trim()].filter(Boolean);
    }
  }
  return [clean];
}

function columnOf(box: Box | undefined, pageWidth: number): Column {
  if (!box || pageWidth <= 0) return 'full';
  const centre = (box.x0 + box.x1) / 2;
  if (box.x1 - box.x0 > 0.6 * pageWidth) return 'full';
  return centre < pageWidth * 0.45 ? 'left' : centre > pageWidth * 0.55 ? 'right' : 'full';
}

/**
 * The page as segments in reading order (rows top to bottom, left to right within a row).
 * `pageWidth` is the page's width in the boxes' unit (0 when unknown: columns from the text).
 */
export function segmentPage(lines: readonly TextLine[], pageWidth = 0): Segment[] {
  const rows = mergeRows(lines.filter((l) => l.text.trim()));
  const width = pageWidth || Math.max(0, ...rows.map((r) => r.box?.x1 ?? 0));
  const out: Segment[] = [];
  rows.forEach((line, row) => {
    if (line.words && line.box) {
      const h = Math.max(...line.words.map((w) => height(w.box)));
      // A gutter: wider than one and a half letter heights (a space is about a third of one,
      // a justified line's widest rarely reaches one) and than 2.5% of the page.
      const gutter = Math.max(1.6 * h, 0.025 * width);
      for (const words of splitWords(line.words, gutter)) {
        const box = words.map((w) => w.box).reduce(union);
        out.push({
          text: wordsText(words),
          ...(line.page ? { page: line.page } : {}),
          box,
          words,
          column: columnOf(box, width),
          row,
        });
      }
      return;
    }
    const parts = splitAtMotto(line.text);
    parts.forEach((text, i) =>
      out.push({
        text,
        ...(line.page ? { page: line.page } : {}),
        ...(line.box ? { box: line.box } : {}),
        column: parts.length > 1 ? (i === 0 ? 'left' : 'right') : 'full',
        row,
      }),
    );
  });
  return out;
}
