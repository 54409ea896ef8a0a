// The mark's font, embedded by us rather than by pdf-lib's embedFont(): pdf-lib either embeds
// the whole font (~350 KB per signed file, plus width and ToUnicode tables for all 2,600 glyphs)
// or runs @pdf-lib/fontkit's subsetter, which corrupts Tinos's glyf table (poppler then draws
// half the letters). We keep glyph ids, write a composite (Type0/Identity-H) font with widths and
// a ToUnicode map for the glyphs used only, and strip the others' outlines (fontStrip.ts).
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { registerType0Font } from '../pdf/type0Font';
import { stripTrueTypeGlyphs } from './fontStrip';
import { deflatedStream } from './deflate';

export interface MarkFont {
  /** Width of `text` at `size` points, as the viewer will lay it out (advance widths, no kerning). */
  widthOf(text: string, size: number): number;
  /** Height above the baseline of the tallest accented capital, at `size` points. */
  ascentAt(size: number): number;
  /** The text as an Identity-H hex string for Tj; records the glyphs for embed(). */
  encode(text: string): string;
  /** Writes the font with the glyphs encoded so far; call after the last encode(). */
  embed(doc: PDFDocument): PDFRef;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function utf16Hex(codePoints: number[]): string {
  return Buffer.from(String.fromCodePoint(...codePoints), 'utf16le')
    .swap16()
    .toString('hex')
    .toUpperCase();
}

function toUnicodeCMap(glyphs: Map<number, number[]>): string {
  const entries = [...glyphs]
    .filter(([, codePoints]) => codePoints.length > 0)
    .map(([id, codePoints]) => `<${hex4(id)}> <${utf16Hex(codePoints)}>`);
  const blocks: string[] = [];
  // A bfchar block may hold at most 100 entries (Adobe technical note 5411).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

// One parsed font per program for the process: fontkit caches glyphs and its shaping engine on
// the font object, and building those again for every signature cost ~100 ms.
const parsed = new WeakMap<Buffer, ReturnType<typeof fontkit.create>>();

export function createMarkFont(program: Buffer, familyName: string): MarkFont {
  let font = parsed.get(program);
  if (!font) {
    font = fontkit.create(program);
    parsed.set(program, font);
  }
  const scale = 1000 / font.unitsPerEm;
  const used = new Map<number, number[]>();
  const layout = (text: string) => font.layout(text.normalize('NFC')).glyphs;

  return {
    widthOf: (text, size) =>
      (layout(text).reduce((sum, glyph) => sum + glyph.advanceWidth, 0) * scale * size) / 1000,
    ascentAt: (size) => (font.ascent * scale * size) / 1000,
    encode(text) {
      const glyphs = layout(text);
      const missing = glyphs.find((glyph) => glyph.id === 0);
      if (missing) {
        throw new Error(
          `The mark font has no glyph for "${String.fromCodePoint(...missing.codePoints)}"`,
        );
      }
      for (const glyph of glyphs) used.set(glyph.id, glyph.codePoints);
      return `<${glyphs.map((glyph) => hex4(glyph.id)).join('')}>`;
    },
    embed(doc) {
      const context = doc.context;
      const stripped = stripTrueTypeGlyphs(program, used.keys());
      // ISO 32000-1 §9.6.4: a subset's name carries a six-letter tag so tools know it is partial.
      const tag = [...createHash('sha256').update(stripped).digest().subarray(0, 6)]
        .map((byte) => String.fromCharCode(65 + (byte % 26)))
        .join('');
      const baseFont = `${tag}+${familyName}`;
      const ids = [...used.keys()].sort((a, b) => a - b);
      const widths = ids.flatMap((id) => [
        id,
        [Math.round(font.getGlyph(id).advanceWidth * scale)],
      ]);
      const fontFile = context.register(
        deflatedStream(context, stripped, { Length1: stripped.length }),
      );
      return registerType0Font(doc, {
        baseFont,
        flags: 2 | 4, // Serif | Symbolic: glyphs are addressed by id, not a standard encoding
        bbox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) =>
          Math.round(v * scale),
        ),
        italicAngle: font.italicAngle,
        ascent: Math.round(font.ascent * scale),
        descent: Math.round(font.descent * scale),
        capHeight: Math.round(font.capHeight * scale),
        fontFile,
        widths: { W: widths },
        cidToGid: 'Identity',
        toUnicode: context.register(deflatedStream(context, toUnicodeCMap(used))),
      });
    },
  };
}
