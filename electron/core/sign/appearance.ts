// The agency's mark for copies and attachments (ND 30/2020, Phụ lục I): text only, no image,
// Times New Roman 10 pt upright black. Tinos is metric-compatible with Times New Roman and covers
// Vietnamese; it is embedded (glyphs used only, with a ToUnicode map) so the mark renders and
// can be copied or searched on machines without the font.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { formatVietnamTime } from '../../../shared/time';
import { createMarkFont, type MarkFont } from './markFont';
import { deflatedStream } from './deflate';
import type { AgencyMarkAppearance } from './types';

const require = createRequire(import.meta.url);

export const MARK_FONT_PATH = path.join(
  path.dirname(require.resolve('@expo-google-fonts/tinos')),
  '400Regular',
  'Tinos_400Regular.ttf',
);

export const DEMO_NOTICE = 'BẢN THỬ NGHIỆM – không có giá trị pháp lý';

const FONT_SIZE = 10;
const LINE_HEIGHT = 12;
const PADDING = 4;
/** Long agency names wrap rather than run off the page. */
export const MAX_TEXT_WIDTH = 240;

let fontProgram: Promise<Buffer> | undefined;
export const loadMarkFontProgram = () => (fontProgram ??= readFile(MARK_FONT_PATH));

/** The mark's lines, NFC so the extracted text compares equal to what the clerk types. */
export function markLines(appearance: AgencyMarkAppearance, signingTime: Date): string[] {
  const lines = [appearance.agencyName];
  if (appearance.copyType) lines.push(appearance.copyType);
  lines.push(`Thời gian ký: ${formatVietnamTime(signingTime)}`);
  if (appearance.demo) lines.push(DEMO_NOTICE);
  return lines.map((line) => line.normalize('NFC').trim()).filter((line) => line.length > 0);
}

function wrap(line: string, font: MarkFont, maxWidth: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOf(candidate, FONT_SIZE) > maxWidth) {
      out.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) out.push(current);
  return out;
}

export interface MarkAppearance {
  /** The form XObject for the widget's /AP /N. */
  ref: PDFRef;
  width: number;
  height: number;
}

/** Registers the mark's appearance stream and its font; the caller places the widget. */
export async function buildMarkAppearance(
  doc: PDFDocument,
  appearance: AgencyMarkAppearance,
  signingTime: Date,
  /** Narrower on small pages (an A6 slip, a card scan) so the mark stays on the page. */
  maxTextWidth = MAX_TEXT_WIDTH,
): Promise<MarkAppearance> {
  const font = createMarkFont(await loadMarkFontProgram(), 'Tinos-Regular');
  const maxWidth = Math.min(MAX_TEXT_WIDTH, maxTextWidth);
  const lines = markLines(appearance, signingTime).flatMap((line) => wrap(line, font, maxWidth));
  const textWidth = Math.max(...lines.map((line) => font.widthOf(line, FONT_SIZE)));
  const width = Math.ceil(textWidth + 2 * PADDING);
  const height = Math.ceil(lines.length * LINE_HEIGHT + 2 * PADDING);
  // The first baseline sits one ascent below the top padding, so accents never touch the border.
  const firstBaseline = height - PADDING - font.ascentAt(FONT_SIZE);
  const content = [
    'q',
    '0 0 0 RG 0.5 w',
    `0.25 0.25 ${width - 0.5} ${height - 0.5} re S`,
    'BT',
    '0 0 0 rg',
    `/F1 ${FONT_SIZE} Tf ${LINE_HEIGHT} TL`,
    `${PADDING} ${firstBaseline.toFixed(2)} Td`,
    ...lines.map((line) => `${font.encode(line)} Tj T*`),
    'ET',
    'Q',
  ].join('\n');
  const stream = deflatedStream(doc.context, content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Resources: { Font: { F1: font.embed(doc) } },
  });
  return { ref: doc.context.register(stream), width, height };
}
