// Raw incremental updates for the attack generators: append objects (as PDF source text) and a
// cross-reference section the way an attacker's script does, including the broken ways (no
// cross-reference at all, wrong offsets, free entries, an object stream). The reader in
// electron/core/sign/pdf tells where things are in the signed file.
import { deflateSync } from 'node:zlib';
import { PdfDocument } from '../../electron/core/sign/pdf/document';
import { PdfRef, PdfStream, canonical, type PdfDict } from '../../electron/core/sign/pdf/values';

export interface NewObject {
  num: number;
  /** The object's source between `N 0 obj` and `endobj`. */
  body: string | Buffer;
}

export interface UpdateOptions {
  /** Trailer /Root (default: the current one). */
  root?: number;
  /** How the cross-reference is written. */
  xref?: 'table' | 'none' | 'wrong-offsets' | 'stream';
  /** Object numbers marked free in this update. */
  free?: number[];
  /** Entries whose offset points at another object's definition (num -> the other num). */
  misdirect?: Record<number, number>;
  /** Objects put in an object stream (only with xref 'stream'). */
  compressed?: NewObject[];
}

const pad10 = (n: number) => String(n).padStart(10, '0');

/** A direct PDF source string for a value read from the file (references kept). */
export function source(value: unknown): string {
  return canonical(value as never);
}

export function info(pdf: Buffer) {
  const doc = new PdfDocument(pdf);
  const rootRef = doc.trailer.get('Root') as PdfRef;
  const size = Math.max(...doc.objectNumbers(), 0) + 1;
  return { doc, root: rootRef.num, size };
}

/** The page objects (numbers) in order. */
export function pageNumbers(doc: PdfDocument): number[] {
  const out: number[] = [];
  const walk = (ref: unknown) => {
    if (!(ref instanceof PdfRef)) return;
    const node = doc.dict(ref)!;
    const kids = doc.resolve(node.get('Kids'));
    if (Array.isArray(kids)) kids.forEach(walk);
    else out.push(ref.num);
  };
  walk(doc.catalog!.get('Pages'));
  return out;
}

/** A dictionary written back as source with some entries replaced or removed. */
export function withEntries(dict: PdfDict, changes: Record<string, string | null>): string {
  const parts: string[] = [];
  for (const [key, value] of dict.entries) {
    if (key in changes) continue;
    parts.push(`/${key} ${source(value)}`);
  }
  for (const [key, value] of Object.entries(changes))
    if (value !== null) parts.push(`/${key} ${value}`);
  return `<< ${parts.join(' ')} >>`;
}

export function streamSource(data: string | Buffer, extra = ''): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return Buffer.concat([
    Buffer.from(`<< /Length ${bytes.length} ${extra} >>\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

export function appendUpdate(pdf: Buffer, objects: NewObject[], o: UpdateOptions = {}): Buffer {
  const { doc, root, size } = info(pdf);
  const lastXref = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(pdf.toString('latin1', pdf.length - 64));
  const prev = lastXref ? Number(lastXref[1]) : doc.sections[0]!.offset;
  const parts: Buffer[] = [pdf, Buffer.from('\n')];
  let at = pdf.length + 1;
  const offsets = new Map<number, number>();
  for (const obj of objects) {
    offsets.set(obj.num, at);
    const chunk = Buffer.concat([
      Buffer.from(`${obj.num} 0 obj\n`, 'latin1'),
      Buffer.isBuffer(obj.body) ? obj.body : Buffer.from(obj.body, 'latin1'),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    at += chunk.length;
  }
  const maxNum = Math.max(
    size - 1,
    ...objects.map((x) => x.num),
    ...(o.compressed ?? []).map((x) => x.num),
  );
  if (o.xref === 'none') return Buffer.concat(parts);
  const trailerBase = `/Size ${maxNum + 2} /Root ${o.root ?? root} 0 R /Prev ${prev}`;
  if (o.xref === 'stream')
    return Buffer.concat([...parts, xrefStream(at, offsets, o, maxNum, trailerBase)]);
  const entries = new Map<number, string>();
  for (const [num, off] of offsets) {
    entries.set(num, `${pad10(o.xref === 'wrong-offsets' ? off + 7 : off)} 00000 n \n`);
  }
  for (const [num, other] of Object.entries(o.misdirect ?? {})) {
    const target = offsets.get(Number(other)) ?? doc.offsetOf(Number(other))!;
    entries.set(Number(num), `${pad10(target)} 00000 n \n`);
  }
  for (const num of o.free ?? []) entries.set(num, `0000000000 00001 f \n`);
  let table = 'xref\n';
  for (const num of [...entries.keys()].sort((a, b) => a - b))
    table += `${num} 1\n${entries.get(num)}`;
  table += `trailer\n<< ${trailerBase} >>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(table, 'latin1')]);
}

/** A cross-reference stream with an object stream holding `o.compressed`. */
function xrefStream(
  at: number,
  offsets: Map<number, number>,
  o: UpdateOptions,
  maxNum: number,
  trailer: string,
): Buffer {
  const compressed = o.compressed ?? [];
  const objstmNum = maxNum + 1;
  const bodies = compressed.map((c) =>
    Buffer.isBuffer(c.body) ? c.body.toString('latin1') : c.body,
  );
  let header = '';
  let data = '';
  compressed.forEach((c, i) => {
    header += `${c.num} ${data.length} `;
    data += `${bodies[i]}\n`;
  });
  const objstm = Buffer.concat([
    Buffer.from(`${objstmNum} 0 obj\n`, 'latin1'),
    streamSource(header + data, `/Type /ObjStm /N ${compressed.length} /First ${header.length}`),
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
  const xrefAt = at + objstm.length;
  const rows: [number, number, number, number][] = [];
  for (const [num, off] of offsets) rows.push([num, 1, off, 0]);
  compressed.forEach((c, i) => rows.push([c.num, 2, objstmNum, i]));
  rows.push([objstmNum, 1, at, 0]);
  const xrefNum = objstmNum + 1;
  rows.push([xrefNum, 1, xrefAt, 0]);
  rows.sort((a, b) => a[0] - b[0]);
  const raw = Buffer.alloc(rows.length * 7);
  rows.forEach(([, type, f2, f3], i) => {
    raw[i * 7] = type;
    raw.writeUInt32BE(f2, i * 7 + 1);
    raw.writeUInt16BE(f3, i * 7 + 5);
  });
  const index = rows.map(([num]) => `${num} 1`).join(' ');
  const body = deflateSync(raw);
  const xref = Buffer.concat([
    Buffer.from(`${xrefNum} 0 obj\n`, 'latin1'),
    streamSource(
      body,
      `/Type /XRef /Filter /FlateDecode /W [1 4 2] /Index [${index}] ${trailer.replace(/\/Size \d+/, `/Size ${xrefNum + 1}`)}`,
    ),
    Buffer.from(`\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
  ]);
  return Buffer.concat([objstm, xref]);
}

/** The raw stream of an object as source text (dictionary and data), e.g. to copy it. */
export function objectSource(doc: PdfDocument, num: number): string | Buffer {
  const value = doc.get(num);
  if (value instanceof PdfStream) {
    const extra = [...value.dict.entries]
      .filter(([k]) => k !== 'Length')
      .map(([k, v]) => `/${k} ${source(v)}`)
      .join(' ');
    return streamSource(value.raw, extra);
  }
  return source(value);
}
