// A TrueType "subsetter" that keeps glyph ids: the outlines of unused glyphs are emptied, their
// metrics zeroed, the hinting dropped (programs and each kept glyph's instructions: the mark is
// read at print and screen sizes where unhinted outlines look the same) and the tables a PDF
// viewer never reads for a CIDFontType2 are left out. Every byte counts: the mark travels in
// each signed file, and a bilevel scan of 30-40 KB a page is meant to stay near its size. We need it because
// @pdf-lib/fontkit's subsetter corrupts the glyf table of Tinos (glyphs overrun their loca
// slots, so poppler draws half the letters), while embedding the whole font costs ~350 KB per
// signed file. Keeping the ids means the content stream and /CIDToGIDMap /Identity stay valid.

/**
 * ISO 32000-1 §9.9: the tables a TrueType program embedded in a PDF needs; cvt, fpgm and prep
 * only serve the hinting instructions, which are dropped.
 */
const KEPT_TABLES = ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'];

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

function readTables(font: Buffer): Map<string, Buffer> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const record: TableRecord = {
      tag: font.toString('latin1', at, at + 4),
      offset: font.readUInt32BE(at + 8),
      length: font.readUInt32BE(at + 12),
    };
    tables.set(record.tag, font.subarray(record.offset, record.offset + record.length));
  }
  return tables;
}

function glyphOffsets(head: Buffer, maxp: Buffer, loca: Buffer): number[] {
  const numGlyphs = maxp.readUInt16BE(4);
  const long = head.readInt16BE(50) === 1;
  const offsets: number[] = [];
  for (let i = 0; i <= numGlyphs; i++) {
    offsets.push(long ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i));
  }
  return offsets;
}

/**
 * A composite glyph's component ids (accents are usually components of base letters), and where
 * its component records end and whether instructions follow them.
 */
function compositeParts(glyph: Buffer): { ids: number[]; end: number; lastFlagsAt: number } {
  const ids: number[] = [];
  let at = 10;
  for (;;) {
    const flagsAt = at;
    const flags = glyph.readUInt16BE(at);
    ids.push(glyph.readUInt16BE(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) return { ids, end: at, lastFlagsAt: flagsAt };
  }
}

const isComposite = (glyph: Buffer) => glyph.length >= 10 && glyph.readInt16BE(0) < 0;

function components(glyph: Buffer): number[] {
  return isComposite(glyph) ? compositeParts(glyph).ids : [];
}

/** The glyph without its hinting instructions (outline and components unchanged). */
function withoutInstructions(glyph: Buffer): Buffer {
  if (glyph.length < 10) return glyph;
  if (isComposite(glyph)) {
    const { end, lastFlagsAt } = compositeParts(glyph);
    const out = Buffer.from(glyph.subarray(0, end));
    out.writeUInt16BE(out.readUInt16BE(lastFlagsAt) & ~0x0100, lastFlagsAt); // no instructions
    return out;
  }
  const contours = glyph.readInt16BE(0);
  const lengthAt = 10 + 2 * contours;
  const instructions = glyph.readUInt16BE(lengthAt);
  return Buffer.concat([
    glyph.subarray(0, lengthAt),
    Buffer.alloc(2), // instructionLength 0
    glyph.subarray(lengthAt + 2 + instructions),
  ]);
}

/** hmtx with the kept glyphs' metrics and zeros for the others (they compress to nothing). */
function keptMetrics(hmtx: Buffer, hhea: Buffer, numGlyphs: number, keep: Set<number>): Buffer {
  const longMetrics = hhea.readUInt16BE(34);
  const out = Buffer.alloc(hmtx.length);
  for (const id of keep) {
    if (id >= numGlyphs) continue;
    if (id < longMetrics) hmtx.copy(out, 4 * id, 4 * id, 4 * id + 4);
    else {
      const at = 4 * longMetrics + 2 * (id - longMetrics);
      hmtx.copy(out, at, at, at + 2);
    }
  }
  // Glyphs past the long metrics take the last advance width: keep it.
  if (longMetrics > 0)
    hmtx.copy(out, 4 * (longMetrics - 1), 4 * (longMetrics - 1), 4 * longMetrics - 2);
  return out;
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

const pad4 = (data: Buffer) => Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);

/** Returns a TrueType font with the same glyph ids where only `used` (and .notdef) have outlines. */
export function stripTrueTypeGlyphs(font: Buffer, used: Iterable<number>): Buffer {
  const tables = readTables(font);
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  if (!head || !maxp || !loca || !glyf || !hhea || !hmtx)
    throw new Error('Not a TrueType font with outlines');
  const offsets = glyphOffsets(head, maxp, loca);
  const numGlyphs = offsets.length - 1;
  const glyph = (id: number) => glyf.subarray(offsets[id] ?? 0, offsets[id + 1] ?? 0);

  const keep = new Set<number>([0]);
  const queue = [...used];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (id < 0 || id >= numGlyphs || keep.has(id)) continue;
    keep.add(id);
    queue.push(...components(glyph(id)));
  }

  const parts: Buffer[] = [];
  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  let position = 0;
  for (let id = 0; id < numGlyphs; id++) {
    newLoca.writeUInt32BE(position, 4 * id);
    if (keep.has(id)) {
      const data = pad4(withoutInstructions(glyph(id)));
      parts.push(data);
      position += data.length;
    }
  }
  newLoca.writeUInt32BE(position, 4 * numGlyphs);

  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50); // long loca offsets
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment, set below
  const out = new Map(tables);
  out.set('head', newHead);
  out.set('loca', newLoca);
  out.set('glyf', Buffer.concat(parts));
  out.set('hmtx', keptMetrics(hmtx, hhea, numGlyphs, keep));
  return assemble(
    new Map(KEPT_TABLES.flatMap((tag) => (out.has(tag) ? [[tag, out.get(tag)!]] : []))),
  );
}

function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + 16 * i;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    bodies.push(pad4(data));
    offset += pad4(data).length;
  });
  const file = Buffer.concat([header, ...bodies]);
  const headAt = header.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headAt + 8);
  return file;
}
