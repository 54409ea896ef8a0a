// Incremental updates (ISO 32000-1 §7.5.6): the original bytes stay exactly as they were and the
// objects we add or change are appended with a new cross-reference section. This is what keeps
// earlier signatures valid (their byte ranges still cover the same bytes) and keeps PDF/A
// conformance (nothing of the original is re-serialized). pdf-lib can only rewrite whole files,
// so we let it build the objects and write the update ourselves: we snapshot every non-stream
// object before the change and append the ones whose serialization differs, plus the new ones.
import type { PDFObject, PDFRef } from 'pdf-lib';
import { PDFDocument, PDFStream } from 'pdf-lib';

export interface Snapshot {
  largest: number;
  serialized: Map<string, string>;
}

const serialize = (obj: PDFObject): string => obj.toString();

export async function loadForUpdate(
  pdf: Uint8Array,
): Promise<{ doc: PDFDocument; snapshot: Snapshot }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const serialized = new Map<string, string>();
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    // Existing streams are never edited by the signer; comparing them would cost their size.
    if (!(obj instanceof PDFStream)) serialized.set(ref.tag, serialize(obj));
  }
  // pdf-lib does not register object streams and cross-reference streams, so its idea of the
  // largest number can be below theirs; the trailer's /Size is the authority.
  const largest = Math.max(doc.context.largestObjectNumber, trailerSize(Buffer.from(pdf)) - 1);
  doc.context.largestObjectNumber = largest;
  return { doc, snapshot: { largest, serialized } };
}

function trailerSize(pdf: Buffer): number {
  const at = pdf.indexOf('/Size', lastStartXref(pdf), 'latin1');
  const match = at < 0 ? null : /^\/Size\s+(\d+)/.exec(pdf.toString('latin1', at, at + 32));
  return match ? Number(match[1]) : 0;
}

/** Offset of the last cross-reference section (the number after the final `startxref`). */
export function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const last = matches[matches.length - 1];
  if (!last) throw new Error('The PDF has no startxref');
  return Number(last[1]);
}

function objectBytes(ref: PDFRef, obj: PDFObject): Buffer {
  const body = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(body, 0);
  return Buffer.concat([
    Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'),
    body,
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
}

/** The original bytes plus one update holding what changed since `snapshot`. */
export function writeIncrement(original: Buffer, doc: PDFDocument, snapshot: Snapshot): Buffer {
  const changed: [PDFRef, PDFObject][] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const before = snapshot.serialized.get(ref.tag);
    const isNew = ref.objectNumber > snapshot.largest;
    if (
      isNew ||
      (before !== undefined && !(obj instanceof PDFStream) && before !== serialize(obj))
    ) {
      changed.push([ref, obj]);
    }
  }
  changed.sort((a, b) => a[0].objectNumber - b[0].objectNumber);
  const prev = lastStartXref(original);
  const usesXrefStream = !/^\s*xref/.test(original.toString('latin1', prev, prev + 20));

  const parts: Buffer[] = [original];
  let offset = original.length;
  const lastByte = original[original.length - 1];
  if (lastByte !== 0x0a && lastByte !== 0x0d) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const [ref, obj] of changed) {
    const bytes = objectBytes(ref, obj);
    entries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset });
    parts.push(bytes);
    offset += bytes.length;
  }

  const { Root, Info, ID } = doc.context.trailerInfo;
  const size = Math.max(doc.context.largestObjectNumber, snapshot.largest) + 1;
  const trailerEntries = [
    `/Size ${usesXrefStream ? size + 1 : size}`,
    `/Root ${Root!.toString()}`,
    Info ? `/Info ${Info.toString()}` : '',
    ID ? `/ID ${ID.toString()}` : '',
    `/Prev ${prev}`,
  ].filter(Boolean);

  if (usesXrefStream) {
    // The original ends in a cross-reference stream; answer in kind (readers that honour
    // /Prev into a stream from a classic table exist, but not all of them).
    const xrefNum = size;
    entries.push({ num: xrefNum, gen: 0, offset });
    const rows = Buffer.alloc(entries.length * 7);
    const index: number[] = [];
    entries.forEach((e, i) => {
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(e.offset, i * 7 + 1);
      rows.writeUInt16BE(e.gen, i * 7 + 5);
      index.push(e.num, 1);
    });
    const header = `${xrefNum} 0 obj\n<< /Type /XRef /W [1 4 2] /Index [${index.join(' ')}] ${trailerEntries.join(' ')} /Length ${rows.length} >>\nstream\n`;
    parts.push(Buffer.from(header, 'latin1'), rows, Buffer.from('\nendstream\nendobj\n', 'latin1'));
    parts.push(Buffer.from(`startxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }

  // Classic table: one subsection per run of consecutive numbers.
  const lines = ['xref'];
  for (let i = 0; i < entries.length;) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1]!.num === entries[j]!.num + 1) j++;
    lines.push(`${entries[i]!.num} ${j - i + 1}`);
    for (let k = i; k <= j; k++) {
      const e = entries[k]!;
      lines.push(`${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r`);
    }
    i = j + 1;
  }
  const xref = `${lines.join('\n')}\ntrailer\n<< ${trailerEntries.join(' ')} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
