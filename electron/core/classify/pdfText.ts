// A PDF page's own text with word boxes, from poppler's `pdftotext -bbox-layout` when it is
// installed. Signing portals stamp the number and the day onto a born-digital document as form
// fields after the fact ("Số: 11 /TB-UBND", "ngày 08 tháng 01"); poppler reads that text with
// the page's, where the page-text API of the PDF renderer leaves it out. Boxes come back in the
// pixels of the page as rendered at `scale` pixels per point, so regions match the page image.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Box, TextLine } from './extract';

const run = promisify(execFile);
const TIMEOUT_MS = 15_000;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Lines of `pdftotext -bbox-layout` XHTML, boxes scaled from points to pixels. */
export function parseBboxLayout(xhtml: string, scale: number, page = 1): TextLine[] {
  const out: TextLine[] = [];
  for (const line of xhtml.split(/<line\b/).slice(1)) {
    const body = line.split('</line>')[0] ?? '';
    const words: { text: string; box: Box }[] = [];
    const re =
      /<word\s+xMin="([\d.]+)"\s+yMin="([\d.]+)"\s+xMax="([\d.]+)"\s+yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const m of body.matchAll(re)) {
      const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map((v) => Number(v) * scale) as [
        number,
        number,
        number,
        number,
      ];
      const text = unescape(m[5]!).normalize('NFC');
      if (text.trim()) words.push({ text, box: { x0, y0, x1, y1 } });
    }
    if (words.length === 0) continue;
    out.push({
      text: words.map((w) => w.text).join(' '),
      page,
      box: {
        x0: Math.min(...words.map((w) => w.box.x0)),
        y0: Math.min(...words.map((w) => w.box.y0)),
        x1: Math.max(...words.map((w) => w.box.x1)),
        y1: Math.max(...words.map((w) => w.box.y1)),
      },
      words,
    });
  }
  return readingOrder(out);
}

/** Top to bottom, and left to right within a row (poppler lists blocks column by column). */
function readingOrder(lines: TextLine[]): TextLine[] {
  const byTop = [...lines].sort((a, b) => a.box!.y0 - b.box!.y0);
  const rows: TextLine[][] = [];
  for (const line of byTop) {
    const row = rows.at(-1);
    const first = row?.[0]?.box;
    const b = line.box!;
    const overlap = first ? Math.min(first.y1, b.y1) - Math.max(first.y0, b.y0) : 0;
    if (row && first && overlap >= 0.5 * Math.min(first.y1 - first.y0, b.y1 - b.y0)) row.push(line);
    else rows.push([line]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.box!.x0 - b.box!.x0));
}

/**
 * The text layer of page `index` (0-based) scaled to a render `widthPx` wide, or null when
 * poppler is not installed or cannot read the file.
 */
export async function popplerPageText(
  file: string,
  index: number,
  widthPx: number,
): Promise<TextLine[] | null> {
  try {
    const n = String(index + 1);
    const { stdout } = await run('pdftotext', ['-f', n, '-l', n, '-bbox-layout', file, '-'], {
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    const width = Number(/<page\s+width="([\d.]+)"/.exec(stdout)?.[1]);
    if (!(width > 0)) return null;
    return parseBboxLayout(stdout, widthPx / width, index + 1);
  } catch {
    return null;
  }
}
