// The invisible text layer's font: a composite font whose every character is one empty glyph half
// an em wide, the idea of Tesseract's and OCRmyPDF's "GlyphLessFont". The words are drawn in
// rendering mode 3 and never seen, so no outline is needed; the character codes are the Unicode
// code points themselves (two bytes, Identity-H) and one ToUnicode map gives them back to text
// extraction. The whole font is about 1 KB in the file, where an embedded subset of a real font
// costs 10–15 KB, which on a bilevel scan of 30–40 KB a page is a third of a page.
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { registerType0Font } from './type0Font';

/** The glyph's advance in font units (of 1000 per em): the layer stretches each word with Tz. */
export const GLYPHLESS_ADVANCE = 500;
const UNITS_PER_EM = 1000;
/** Where the baseline sits in the line box, as the reader draws the words (em fractions). */
export const GLYPHLESS_ASCENT = 0.928;
export const GLYPHLESS_DESCENT = 0.236;

function table(size: number, fill: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(size);
  fill(b);
  return b;
}

/** OpenType table checksum: the sum of the big-endian 32-bit words, the last one zero-padded. */
function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** A TrueType program with two empty glyphs (.notdef and the one every character uses). */
export function glyphlessTrueType(): Buffer {
  const tables: [string, Buffer][] = [
    // cmap: one format 4 subtable holding only the closing segment (maps no character; the PDF
    // maps characters to glyphs with /CIDToGIDMap).
    [
      'cmap',
      table(36, (b) => {
        b.writeUInt16BE(0, 0); // version
        b.writeUInt16BE(1, 2); // one subtable
        b.writeUInt16BE(3, 4); // Windows
        b.writeUInt16BE(1, 6); // Unicode BMP
        b.writeUInt32BE(12, 8);
        b.writeUInt16BE(4, 12); // format 4
        b.writeUInt16BE(24, 14); // length
        b.writeUInt16BE(2, 18); // segCountX2
        b.writeUInt16BE(2, 20); // searchRange
        b.writeUInt16BE(0xffff, 26); // endCode
        b.writeUInt16BE(0xffff, 30); // startCode
        b.writeUInt16BE(1, 32); // idDelta
      }),
    ],
    ['glyf', Buffer.alloc(4)], // both glyphs are empty (equal loca offsets); 4 bytes, never 0
    [
      'head',
      table(54, (b) => {
        b.writeUInt32BE(0x00010000, 0);
        b.writeUInt32BE(0x00010000, 4); // fontRevision
        b.writeUInt32BE(0x5f0f3cf5, 12); // magicNumber
        b.writeUInt16BE(0x000b, 16); // flags: baseline at 0, left sidebearing at 0, integer ppem
        b.writeUInt16BE(UNITS_PER_EM, 18);
        b.writeInt16BE(0, 36); // xMin
        b.writeInt16BE(-GLYPHLESS_DESCENT * UNITS_PER_EM, 38); // yMin
        b.writeInt16BE(GLYPHLESS_ADVANCE, 40); // xMax
        b.writeInt16BE(GLYPHLESS_ASCENT * UNITS_PER_EM, 42); // yMax
        b.writeUInt16BE(3, 46); // lowestRecPPEM
        b.writeInt16BE(2, 48); // fontDirectionHint
        b.writeInt16BE(0, 50); // indexToLocFormat: short
      }),
    ],
    [
      'hhea',
      table(36, (b) => {
        b.writeUInt32BE(0x00010000, 0);
        b.writeInt16BE(GLYPHLESS_ASCENT * UNITS_PER_EM, 4);
        b.writeInt16BE(-GLYPHLESS_DESCENT * UNITS_PER_EM, 6);
        b.writeUInt16BE(GLYPHLESS_ADVANCE, 10); // advanceWidthMax
        b.writeInt16BE(1, 18); // caretSlopeRise
        b.writeUInt16BE(2, 34); // numberOfHMetrics
      }),
    ],
    [
      'hmtx',
      table(8, (b) => {
        b.writeUInt16BE(GLYPHLESS_ADVANCE, 0);
        b.writeUInt16BE(GLYPHLESS_ADVANCE, 4);
      }),
    ],
    ['loca', Buffer.alloc(8)], // three short offsets, all 0, padded
    [
      'maxp',
      table(32, (b) => {
        b.writeUInt32BE(0x00010000, 0);
        b.writeUInt16BE(2, 4); // numGlyphs
        b.writeUInt16BE(2, 14); // maxZones
      }),
    ],
    [
      'post',
      table(32, (b) => {
        b.writeUInt32BE(0x00030000, 0); // format 3: no glyph names
        b.writeUInt32BE(1, 12); // isFixedPitch
      }),
    ],
  ];
  const count = tables.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 16 * 2 ** entrySelector;
  const header = table(12 + 16 * count, (b) => {
    b.writeUInt32BE(0x00010000, 0);
    b.writeUInt16BE(count, 4);
    b.writeUInt16BE(searchRange, 6);
    b.writeUInt16BE(entrySelector, 8);
    b.writeUInt16BE(count * 16 - searchRange, 10);
  });
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach(([tag, data], i) => {
    const at = 12 + 16 * i;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const headAt = header.readUInt32BE(12 + 16 * 2 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/**
 * ToUnicode for codes that are the characters' own UTF-16 units: an identity range per high byte
 * the text uses (a bfrange may only vary its last byte; Vietnamese needs four or five).
 */
function identityToUnicode(highBytes: Iterable<number>): string {
  const ranges = [...new Set(highBytes)]
    .sort((a, b) => a - b)
    .map((hi) => {
      const h = hi.toString(16).toUpperCase().padStart(2, '0');
      return `<${h}00> <${h}FF> <${h}00>`;
    });
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const block = ranges.slice(i, i + 100);
    blocks.push(`${block.length} beginbfrange\n${block.join('\n')}\nendbfrange`);
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    `${blocks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`
  );
}

const flate = (doc: PDFDocument, data: Buffer | string, dict: Record<string, unknown> = {}) =>
  doc.context.register(
    doc.context.stream(deflateSync(typeof data === 'string' ? Buffer.from(data) : data), {
      ...dict,
      Filter: 'FlateDecode',
    }),
  );

/**
 * Adds the font to `doc` once; the returned reference goes in each text page's resources.
 * `highBytes`: the high bytes of every UTF-16 unit drawn with it, for the ToUnicode map.
 */
export function embedGlyphlessFont(doc: PDFDocument, highBytes: Iterable<number>): PDFRef {
  const program = glyphlessTrueType();
  const fontFile = flate(doc, program, { Length1: program.length });
  // Every CID (= UTF-16 unit) shows glyph 1: 65,536 big-endian 0x0001, a few hundred bytes deflated.
  const cidToGid = flate(doc, Buffer.alloc(2 * 65536, Buffer.from([0, 1])));
  return registerType0Font(doc, {
    baseFont: 'GlyphLessFont',
    flags: 5, // fixed pitch, symbolic
    bbox: [0, -GLYPHLESS_DESCENT * 1000, GLYPHLESS_ADVANCE, GLYPHLESS_ASCENT * 1000],
    italicAngle: 0,
    ascent: GLYPHLESS_ASCENT * 1000,
    descent: -GLYPHLESS_DESCENT * 1000,
    capHeight: GLYPHLESS_ASCENT * 1000,
    fontFile,
    widths: { DW: GLYPHLESS_ADVANCE },
    cidToGid,
    toUnicode: flate(doc, identityToUnicode(highBytes)),
  });
}
