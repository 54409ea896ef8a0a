// The PDF object model of the signature reader. Kept separate from pdf-lib's on purpose: the
// validator must know where each string sits in the file (a signature's /Contents must be exactly
// the gap its /ByteRange leaves) and must survive files pdf-lib would reject or loop on.

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(
    readonly bytes: Buffer,
    /** Offset of the opening delimiter in the file (`(` or `<`); -1 inside an object stream. */
    readonly start: number,
    /** Offset just after the closing delimiter. */
    readonly end: number,
    readonly hex: boolean,
  ) {}
  /** PDF text string: UTF-16BE with a BOM, else PDFDocEncoding (close enough to Latin-1 here). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      return b.subarray(3).toString('utf8');
    }
    return b.toString('latin1');
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** Raw (still encoded) data, a view into the file. */
    readonly raw: Buffer,
  ) {}
}

export type PdfValue =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

export const isName = (v: PdfValue | undefined, name?: string): v is PdfName =>
  v instanceof PdfName && (name === undefined || v.name === name);

/** A stable text form used to tell whether an object really changed between two revisions. */
export function canonical(value: PdfValue | undefined, depth = 0): string {
  if (depth > 64) return '…';
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value instanceof PdfName) return `/${value.name}`;
  if (value instanceof PdfString) return `<${value.bytes.toString('hex')}>`;
  if (value instanceof PdfRef) return `${value.key} R`;
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(' ')}]`;
  if (value instanceof PdfStream) {
    return `${canonical(value.dict, depth + 1)}stream:${value.raw.toString('base64')}`;
  }
  const keys = [...value.entries.keys()].sort();
  return `<<${keys.map((k) => `/${k} ${canonical(value.entries.get(k), depth + 1)}`).join(' ')}>>`;
}

/** Thrown for anything the reader cannot make sense of; callers turn it into a verdict. */
export class PdfReadError extends Error {
  override name = 'PdfReadError';
}

/**
 * A shared allowance of parsing steps. Every token and every object lookup spends from it, so a
 * hostile file (cycles, billions of tiny objects, deep nesting) ends in a PdfReadError after
 * bounded work instead of a hang.
 */
export class WorkBudget {
  constructor(public remaining: number) {}
  spend(n = 1): void {
    this.remaining -= n;
    if (this.remaining < 0) throw new PdfReadError('The file is too complex to read safely');
  }
}
