// A second reading of the two header lines whose digits an archivist needs most: the place-and-
// date line ("Quảng Ngãi, ngày 19 tháng 9 năm 2024") and the number line ("Số: 1009/QĐ-TTg").
// Their day, month and number are very often written by hand or stamped after printing, in ink
// that touches the printed words ("ngày06"). Read with the page, such digits are lost or glued
// to a word; read again on their own they mostly come out right. The crops are cut from the
// colour copy (the OCR copy's form cleanup thins handwriting away), put one under the other
// with wide white gaps on one small grey image, and read in one call by a model made for Latin
// digits (English): the whole line for context, then the day, the month and the number each
// alone. The header reader weighs these readings against the page's own (dates.ts).
import sharp from 'sharp';
import { collapseWhitespace, foldVietnamese } from '../../../shared/text';
import type { OcrEngine, OcrPage } from '../ocr/types';
import { datelineIncomplete, readDateline } from './dates';
import type { Box, TextLine } from './extract';
import { analyseHeader } from './header';

/**
 * The second reading's model: English reads printed and handwritten Latin digits better than
 * the Vietnamese model, which turns a stamped "06" into letters with marks.
 */
export const DIGIT_LANGUAGES = ['eng'] as const;

/** What the second reading saw; each part is absent when it could not be cut or read. */
export interface Rereads {
  /** The whole date line. */
  dateline?: string;
  /** The day and month slots alone. */
  day?: string;
  month?: string;
  /** The whole number line, and the number slot alone (between "Số:" and the slash). */
  numberLine?: string;
  number?: string;
}

type Part = keyof Rereads;
type Word = { text: string; box: Box };

export interface Crop {
  part: Part;
  box: Box;
}

/** The typical width of a printed letter on the line: what slots are measured in. */
function letterWidth(words: readonly Word[]): number | null {
  const widths = words
    .filter((w) => /^\p{L}{3,},?$/u.test(w.text))
    .map((w) => (w.box.x1 - w.box.x0) / w.text.replace(/,$/, '').length)
    .sort((a, b) => a - b);
  return widths.length ? widths[Math.floor(widths.length / 2)]! : null;
}

const fold = (w: Word) => foldVietnamese(w.text);

/**
 * The day and month slots of a date line from its words: after the printed "ngày" (4 letters),
 * up to "tháng"; after "tháng" (5 letters), up to "năm". OCR often glues the digits to a word
 * ("ngày06", "O†tháng"), so the words' own boxes are not trusted for the slot's edges.
 */
function dateSlots(words: readonly Word[], lineBox: Box): Crop[] {
  const cw = letterWidth(words);
  if (!cw) return [];
  const f = words.map(fold);
  const ngay = words[f.findIndex((t) => /ng[aà]y/.test(t))];
  const ti = f.findIndex((t) => /th[a-z]?ng/.test(t));
  const thang = words[ti];
  const nam = words.find((_, i) => i > ti && /^n[a-z]m/.test(f[i]!));
  if (!ngay || !thang) return [];
  const thangStart = /^th/.test(f[ti]!) ? thang.box.x0 : thang.box.x1 - 5 * cw;
  const out: Crop[] = [];
  const slot = (part: Part, x0: number, x1: number) => {
    if (x1 - x0 >= cw) out.push({ part, box: { x0, y0: lineBox.y0, x1, y1: lineBox.y1 } });
  };
  slot('day', ngay.box.x0 + 4 * cw, thangStart);
  if (nam) slot('month', thangStart + 5 * cw, nam.box.x0);
  return out;
}

/** The number slot: after the "Số:" label, up to the first slash. */
function numberSlot(words: readonly Word[], lineBox: Box): Crop[] {
  const cw = letterWidth(words) ?? (lineBox.y1 - lineBox.y0) * 0.5;
  const label = words.findIndex((w) => /^s\S?\s*:/i.test(fold(w)) || /^s[o6]$/i.test(fold(w)));
  const slashAt = words.findIndex((w, i) => i >= label && w.text.includes('/'));
  if (label < 0 || slashAt < 0) return [];
  const lw = words[label]!;
  const x0 = Math.min(lw.box.x1, lw.box.x0 + 3 * cw);
  const sw = words[slashAt]!;
  const x1 = sw.box.x0 + sw.text.indexOf('/') * cw;
  return x1 - x0 >= cw ? [{ part: 'number', box: { x0, y0: lineBox.y0, x1, y1: lineBox.y1 } }] : [];
}

/**
 * What to read again on a page read by OCR: the date line when its date did not read cleanly,
 * the number line when its number did not; nothing when both did.
 */
export function rereadCrops(lines: readonly TextLine[], widthPx: number): Crop[] {
  const header = analyseHeader(lines, widthPx);
  const out: Crop[] = [];
  const date = header.dateline;
  if (date?.box && date.words && date !== header.number?.segment) {
    const read = readDateline(date.text);
    if (!read || read.guessed || datelineIncomplete(date.text)) {
      out.push({ part: 'dateline', box: date.box }, ...dateSlots(date.words, date.box));
    }
  }
  const n = header.number;
  if (n?.segment.box && n.segment.words) {
    const clean = !!n.line.number && /^\d+$/.test(n.line.numberRaw.replace(/\s/g, ''));
    if (!clean) {
      // The number line alone: the date line sharing its row is not part of it.
      const words = n.segment.words;
      const box = words.reduce<Box>(
        (b, w) => ({
          x0: Math.min(b.x0, w.box.x0),
          y0: Math.min(b.y0, w.box.y0),
          x1: Math.max(b.x1, w.box.x1),
          y1: Math.max(b.y1, w.box.y1),
        }),
        { ...words[0]!.box },
      );
      out.push({ part: 'numberLine', box }, ...numberSlot(words, box));
    }
  }
  return out;
}

export interface Strip {
  /** Grey PGM. */
  pgm: Buffer;
  width: number;
  height: number;
  /** Where each crop was put on the strip (rows). */
  placed: { part: Part; y0: number; y1: number }[];
}

/**
 * The crops, one under the other, on a white strip: gaps of two line heights keep each crop its
 * own text line for the page segmentation, and give a lone two-digit slot enough page around it
 * to be found at all.
 */
export function composeStrip(
  grey: { data: Buffer; width: number; height: number },
  crops: readonly Crop[],
): Strip | null {
  const cut = crops.flatMap((c) => {
    const h = c.box.y1 - c.box.y0;
    const x0 = Math.max(0, Math.floor(c.box.x0 - 0.2 * h));
    const x1 = Math.min(grey.width, Math.ceil(c.box.x1 + 0.2 * h));
    const y0 = Math.max(0, Math.floor(c.box.y0 - 0.3 * h));
    const y1 = Math.min(grey.height, Math.ceil(c.box.y1 + 0.3 * h));
    return x1 > x0 && y1 > y0 ? [{ part: c.part, x0, x1, y0, y1, gap: 2 * h }] : [];
  });
  if (cut.length === 0) return null;
  const gap = Math.round(Math.max(...cut.map((c) => c.gap)));
  const width = Math.max(...cut.map((c) => c.x1 - c.x0)) + 2 * gap;
  const height = cut.reduce((a, c) => a + (c.y1 - c.y0) + gap, gap);
  const raw = Buffer.alloc(width * height, 255);
  const placed: Strip['placed'] = [];
  let y = gap;
  for (const c of cut) {
    for (let r = c.y0; r < c.y1; r++)
      grey.data.copy(
        raw,
        (y + r - c.y0) * width + gap,
        r * grey.width + c.x0,
        r * grey.width + c.x1,
      );
    placed.push({ part: c.part, y0: y, y1: y + (c.y1 - c.y0) });
    y += c.y1 - c.y0 + gap;
  }
  return {
    pgm: Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), raw]),
    width,
    height,
    placed,
  };
}

/** Each placed crop's text: the strip's lines whose middle falls inside it. */
export function assignReadings(page: OcrPage, placed: Strip['placed']): Rereads {
  const out: Rereads = {};
  for (const p of placed) {
    const text = collapseWhitespace(
      page.lines
        .filter((l) => {
          const mid = (l.box.y0 + l.box.y1) / 2;
          return mid >= p.y0 && mid <= p.y1;
        })
        .map((l) => l.words.map((w) => w.text).join(' '))
        .join(' '),
    );
    if (text) out[p.part] = text;
  }
  return out;
}

/**
 * Reads the header's date and number lines again when the page's reading left their digits
 * unclear. `image`: the page as decoded for the archive (any format sharp reads), in the same
 * geometry as the OCR copy the lines' boxes refer to.
 */
export async function rereadHeader(
  engine: OcrEngine,
  image: Buffer,
  lines: readonly TextLine[],
  widthPx: number,
  dpi: number,
): Promise<Rereads | null> {
  const crops = rereadCrops(lines, widthPx);
  if (crops.length === 0) return null;
  const { data, info } = await sharp(image)
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 || info.width !== widthPx) return null;
  const strip = composeStrip({ data, width: info.width, height: info.height }, crops);
  if (!strip) return null;
  const page = await engine.recognize(strip.pgm, strip.width, strip.height, { dpi });
  return assignReadings(page, strip.placed);
}
