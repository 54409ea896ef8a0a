// A bounded PDF object parser (ISO 32000-1 §7.2–7.3). It works on a byte buffer, records the
// offsets of strings, never recurses deeper than MAX_DEPTH and spends from a WorkBudget, so it
// cannot hang or overflow the stack on hostile input.
import {
  PdfDict,
  PdfName,
  PdfReadError,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfValue,
  type WorkBudget,
} from './values';

const MAX_DEPTH = 64;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

export const isWhitespace = (byte: number | undefined): boolean =>
  byte !== undefined && WHITESPACE.has(byte);
const isRegular = (byte: number | undefined): boolean =>
  byte !== undefined && !WHITESPACE.has(byte) && !DELIMITERS.has(byte);
const isDigit = (byte: number | undefined): boolean =>
  byte !== undefined && byte >= 0x30 && byte <= 0x39;

/** Resolves an indirect /Length; returns undefined when it cannot (the parser then scans). */
export type LengthResolver = (ref: PdfRef) => number | undefined;

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
  /** Offset just after `endobj` (or after the value when `endobj` is missing). */
  end: number;
}

export class PdfParser {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start: number,
    readonly budget: WorkBudget,
    /** Strings inside object streams have no file offset; this shifts them to -1. */
    readonly inFile = true,
    readonly resolveLength?: LengthResolver,
  ) {
    this.pos = start;
  }

  private fail(what: string): never {
    throw new PdfReadError(`${what} at byte ${this.pos}`);
  }

  skipSpace(): void {
    const { buf } = this;
    while (this.pos < buf.length) {
      const byte = buf[this.pos];
      if (isWhitespace(byte)) this.pos++;
      else if (byte === 0x25) {
        // A comment runs to the end of the line.
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) {
          this.pos++;
        }
      } else break;
    }
  }

  /** Reads a bare keyword or number token without consuming delimiters. */
  readRegular(): string {
    this.skipSpace();
    const start = this.pos;
    while (isRegular(this.buf[this.pos])) this.pos++;
    return this.buf.toString('latin1', start, this.pos);
  }

  peekKeyword(keyword: string): boolean {
    this.skipSpace();
    const end = this.pos + keyword.length;
    return this.buf.toString('latin1', this.pos, end) === keyword && !isRegular(this.buf[end]);
  }

  readInteger(): number {
    const token = this.readRegular();
    if (!/^\d{1,10}$/.test(token)) this.fail(`Expected an integer, found "${token.slice(0, 20)}"`);
    return Number(token);
  }

  /** `N G obj <value> endobj`, with a stream if one follows the value. */
  parseIndirect(): IndirectObject {
    const num = this.readInteger();
    const gen = this.readInteger();
    if (this.readRegular() !== 'obj') this.fail('Expected "obj"');
    let value = this.parseValue(0);
    if (value instanceof PdfDict && this.peekKeyword('stream')) value = this.parseStream(value);
    if (this.peekKeyword('endobj')) this.pos += 6;
    return { num, gen, value, end: this.pos };
  }

  parseValue(depth: number): PdfValue {
    this.budget.spend();
    if (depth > MAX_DEPTH) this.fail('Objects nested too deeply');
    this.skipSpace();
    const { buf } = this;
    const byte = buf[this.pos];
    if (byte === undefined) this.fail('Unexpected end of data');
    if (byte === 0x2f) return this.parseName();
    if (byte === 0x28) return this.parseLiteralString();
    if (byte === 0x3c) {
      if (buf[this.pos + 1] === 0x3c) return this.parseDict(depth);
      return this.parseHexString();
    }
    if (byte === 0x5b) return this.parseArray(depth);
    const token = this.readRegular();
    if (token === '') this.fail(`Unexpected "${String.fromCharCode(byte)}"`);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      // `N G R` is a reference: look ahead without committing.
      if (/^\d+$/.test(token)) {
        const save = this.pos;
        this.skipSpace();
        if (isDigit(buf[this.pos])) {
          const gen = this.readRegular();
          if (/^\d+$/.test(gen) && this.readRegular() === 'R') {
            return new PdfRef(Number(token), Number(gen));
          }
        }
        this.pos = save;
      }
      return Number(token);
    }
    this.fail(`Unexpected keyword "${token.slice(0, 20)}"`);
  }

  private parseName(): PdfName {
    const { buf } = this;
    const start = ++this.pos;
    while (isRegular(buf[this.pos])) this.pos++;
    const raw = buf.toString('latin1', start, this.pos);
    return new PdfName(
      raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
  }

  private parseLiteralString(): PdfString {
    const { buf } = this;
    const start = this.pos++;
    const out: number[] = [];
    let nesting = 1;
    while (this.pos < buf.length) {
      let byte = buf[this.pos++]!;
      if (byte === 0x5c) {
        const next = buf[this.pos++];
        if (next === undefined) break;
        const simple: Record<number, number> = {
          0x6e: 0x0a,
          0x72: 0x0d,
          0x74: 0x09,
          0x62: 0x08,
          0x66: 0x0c,
        };
        if (simple[next] !== undefined) out.push(simple[next]);
        else if (next >= 0x30 && next <= 0x37) {
          let code = next - 0x30;
          for (let i = 0; i < 2 && isOctal(buf[this.pos]); i++) {
            code = code * 8 + (buf[this.pos++]! - 0x30);
          }
          out.push(code & 0xff);
        } else if (next === 0x0d) {
          if (buf[this.pos] === 0x0a) this.pos++; // line continuation
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (byte === 0x28) nesting++;
      if (byte === 0x29 && --nesting === 0) {
        return new PdfString(Buffer.from(out), this.inFile ? start : -1, this.pos, false);
      }
      if (byte === 0x0d) {
        // End-of-line in a string reads as \n (§7.3.4.2).
        if (buf[this.pos] === 0x0a) this.pos++;
        byte = 0x0a;
      }
      out.push(byte);
    }
    this.fail('Unterminated string');
  }

  private parseHexString(): PdfString {
    const { buf } = this;
    const start = this.pos++;
    const close = buf.indexOf(0x3e, this.pos);
    if (close < 0) this.fail('Unterminated hex string');
    this.budget.spend(Math.floor((close - this.pos) / 4096));
    const digits = buf.toString('latin1', this.pos, close).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) this.fail('Bad hex string');
    this.pos = close + 1;
    const even = digits.length % 2 === 0 ? digits : `${digits}0`;
    return new PdfString(Buffer.from(even, 'hex'), this.inFile ? start : -1, this.pos, true);
  }

  private parseArray(depth: number): PdfValue[] {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.buf[this.pos] === 0x5d) {
        this.pos++;
        return items;
      }
      items.push(this.parseValue(depth + 1));
    }
  }

  private parseDict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      const { buf } = this;
      if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(entries);
      }
      if (buf[this.pos] !== 0x2f) this.fail('Expected a name as dictionary key');
      const key = this.parseName().name;
      const value = this.parseValue(depth + 1);
      // The first definition wins, as in most readers; duplicates are a smell, not an error.
      if (!entries.has(key)) entries.set(key, value);
    }
  }

  private parseStream(dict: PdfDict): PdfStream {
    const { buf } = this;
    this.pos += 'stream'.length;
    if (buf[this.pos] === 0x0d) this.pos++;
    if (buf[this.pos] === 0x0a) this.pos++;
    const dataStart = this.pos;
    let length: number | undefined;
    const declared = dict.get('Length');
    if (typeof declared === 'number') length = declared;
    else if (declared instanceof PdfRef) length = this.resolveLength?.(declared);
    let dataEnd = -1;
    if (length !== undefined && Number.isInteger(length) && length >= 0) {
      const end = dataStart + length;
      const after = new PdfParser(buf, end, this.budget);
      if (end <= buf.length && after.peekKeyword('endstream')) dataEnd = end;
    }
    if (dataEnd < 0) {
      // A wrong /Length is common in damaged files: fall back to the keyword.
      const found = buf.indexOf('endstream', dataStart, 'latin1');
      if (found < 0) this.fail('Stream without "endstream"');
      dataEnd = found;
      while (dataEnd > dataStart && isWhitespace(buf[dataEnd - 1]) && dataEnd > found - 2) {
        dataEnd--;
      }
    }
    this.budget.spend(Math.floor((dataEnd - dataStart) / 65536));
    this.pos = dataEnd;
    this.skipSpace();
    this.pos += 'endstream'.length;
    return new PdfStream(dict, buf.subarray(dataStart, dataEnd));
  }
}

function isOctal(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x37;
}
