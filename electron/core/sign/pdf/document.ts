// A bounded reader for the structure of a PDF as the signature validator needs it: the chain of
// cross-reference sections (classic tables and streams, with /Prev and /XRefStm), objects in
// object streams, and a scan of the file when the tables are broken. Every step spends from a
// WorkBudget and checks a deadline, and every reference chain is cycle-checked, so hostile files
// (cyclic /Prev, self-referencing /Length, endless object streams) end in a PdfReadError.
import { PdfParser } from './parser';
import { decodeStream } from './streams';
import {
  PdfDict,
  PdfReadError,
  PdfRef,
  PdfStream,
  WorkBudget,
  isName,
  type PdfValue,
} from './values';

/** Type 0 is a free entry: a later revision that frees an object deletes it for every reader. */
type Entry =
  | { type: 0 }
  | { type: 1; offset: number; gen: number }
  | { type: 2; stream: number; index: number };

interface XrefSection {
  offset: number;
  entries: Map<number, Entry>;
  trailer: PdfDict;
}

export class PdfDocument {
  readonly budget: WorkBudget;
  readonly sections: XrefSection[] = [];
  /** Merged cross-reference of the latest revision. */
  readonly entries = new Map<number, Entry>();
  readonly trailer: PdfDict;
  /** True when the tables could not be read and objects were found by scanning. */
  readonly recovered: boolean;
  /** Objects whose cross-reference entry points at a different object ("hide" shadow attacks). */
  readonly misdirected = new Set<number>();
  private readonly cache = new Map<number, PdfValue>();
  private readonly resolving = new Set<number>();
  private readonly objectStreams = new Map<number, { offsets: [number, number][]; data: Buffer }>();

  constructor(
    readonly buf: Buffer,
    budget?: WorkBudget,
    readonly deadline = Date.now() + 2500,
  ) {
    this.budget = budget ?? new WorkBudget(5_000_000);
    let trailer: PdfDict | undefined;
    let recovered = false;
    try {
      this.readChain();
      trailer = this.sections[0]?.trailer;
      // Oldest first so later revisions override.
      for (const section of [...this.sections].reverse()) {
        for (const [num, entry] of section.entries) this.entries.set(num, entry);
      }
      if (!trailer || !(trailer.get('Root') instanceof PdfRef)) throw new PdfReadError('No /Root');
    } catch (e) {
      if (!(e instanceof PdfReadError)) throw e;
      recovered = true;
      this.entries.clear();
      trailer = this.scan();
    }
    this.trailer = trailer;
    this.recovered = recovered;
  }

  private tick(n = 1): void {
    this.budget.spend(n);
    if (Date.now() > this.deadline) throw new PdfReadError('Reading the file took too long');
  }

  private lastStartXref(): number {
    const tail = this.buf.toString('latin1', Math.max(0, this.buf.length - 4096));
    const all = [...tail.matchAll(/startxref\s+(\d+)/g)];
    const last = all[all.length - 1];
    if (!last) throw new PdfReadError('No startxref');
    return Number(last[1]);
  }

  private readChain(): void {
    const seen = new Set<number>();
    const queue = [this.lastStartXref()];
    while (queue.length > 0) {
      const offset = queue.shift()!;
      if (seen.has(offset)) throw new PdfReadError('Cyclic /Prev chain');
      if (seen.size > 1000) throw new PdfReadError('Too many revisions');
      seen.add(offset);
      this.tick();
      const section = this.readSection(offset);
      this.sections.push(section);
      const stm = section.trailer.get('XRefStm');
      if (typeof stm === 'number' && !seen.has(stm)) {
        // Hybrid file: the stream's entries belong to the same revision, below the table's.
        const hybrid = this.readSection(stm);
        seen.add(stm);
        for (const [num, e] of hybrid.entries)
          // A hybrid file's table marks its compressed objects free on purpose: the stream wins.
          if (section.entries.get(num)?.type !== 1) section.entries.set(num, e);
      }
      const prev = section.trailer.get('Prev');
      if (typeof prev === 'number') queue.push(prev);
    }
  }

  private readSection(offset: number): XrefSection {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.buf.length) {
      throw new PdfReadError('startxref points outside the file');
    }
    const parser = new PdfParser(this.buf, offset, this.budget);
    if (parser.peekKeyword('xref')) {
      parser.pos += 4;
      const entries = new Map<number, Entry>();
      for (;;) {
        if (parser.peekKeyword('trailer')) break;
        const first = parser.readInteger();
        const count = parser.readInteger();
        if (count > 10_000_000) throw new PdfReadError('Cross-reference subsection too large');
        for (let i = 0; i < count; i++) {
          this.tick();
          const off = parser.readInteger();
          const gen = parser.readInteger();
          const kind = parser.readRegular();
          if (kind === 'n' && !entries.has(first + i))
            entries.set(first + i, { type: 1, offset: off, gen });
          else if (kind === 'f' && first + i > 0 && !entries.has(first + i))
            entries.set(first + i, { type: 0 });
          else if (kind !== 'n' && kind !== 'f')
            throw new PdfReadError('Bad cross-reference entry');
        }
      }
      parser.pos += 'trailer'.length;
      const trailer = parser.parseValue(0);
      if (!(trailer instanceof PdfDict)) throw new PdfReadError('Bad trailer');
      return { offset, entries, trailer };
    }
    const object = this.parseAt(offset);
    if (!(object instanceof PdfStream) || !isName(object.dict.get('Type'), 'XRef')) {
      throw new PdfReadError('startxref does not point at a cross-reference section');
    }
    return { offset, entries: this.readXrefStream(object), trailer: object.dict };
  }

  private readXrefStream(stream: PdfStream): Map<number, Entry> {
    const w = stream.dict.get('W');
    if (
      !Array.isArray(w) ||
      w.length !== 3 ||
      !w.every((n) => typeof n === 'number' && n >= 0 && n <= 8)
    ) {
      throw new PdfReadError('Bad /W');
    }
    const widths = w as number[];
    const size = stream.dict.get('Size');
    const index = stream.dict.get('Index');
    const ranges = Array.isArray(index)
      ? (index as number[])
      : [0, typeof size === 'number' ? size : 0];
    const data = decodeStream(stream);
    const rowLength = widths[0]! + widths[1]! + widths[2]!;
    if (rowLength === 0) throw new PdfReadError('Bad /W');
    const read = (at: number, width: number) => {
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + (data[at + i] ?? 0);
      return v;
    };
    const entries = new Map<number, Entry>();
    let row = 0;
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const first = ranges[r]!;
      const count = ranges[r + 1]!;
      for (let i = 0; i < count && (row + 1) * rowLength <= data.length; i++, row++) {
        this.tick();
        const at = row * rowLength;
        const type = widths[0] === 0 ? 1 : read(at, widths[0]!);
        const f2 = read(at + widths[0]!, widths[1]!);
        const f3 = read(at + widths[0]! + widths[1]!, widths[2]!);
        if (entries.has(first + i)) continue;
        if (type === 1) entries.set(first + i, { type: 1, offset: f2, gen: f3 });
        else if (type === 2) entries.set(first + i, { type: 2, stream: f2, index: f3 });
        else if (type === 0 && first + i > 0) entries.set(first + i, { type: 0 });
      }
    }
    return entries;
  }

  /** Finds `N G obj` everywhere; the last definition wins, as in an incrementally saved file. */
  private scan(): PdfDict {
    const text = this.buf.toString('latin1');
    const re = /(\d{1,10})\s+(\d{1,5})\s+obj\b/g;
    let trailer: PdfDict | undefined;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.tick();
      this.entries.set(Number(m[1]), { type: 1, offset: m.index, gen: Number(m[2]) });
    }
    const trailers = [...text.matchAll(/trailer\s*<</g)];
    for (const t of trailers.reverse()) {
      try {
        const value = new PdfParser(this.buf, t.index + 7, this.budget).parseValue(0);
        if (value instanceof PdfDict && value.get('Root') instanceof PdfRef) {
          trailer = value;
          break;
        }
      } catch {
        // try the previous one
      }
    }
    if (!trailer) {
      for (const num of this.entries.keys()) {
        const value = this.get(num);
        if (value instanceof PdfStream && isName(value.dict.get('Type'), 'XRef'))
          trailer = value.dict;
        if (value instanceof PdfDict && isName(value.get('Type'), 'Catalog')) {
          trailer ??= new PdfDict(new Map([['Root', new PdfRef(num, 0)]]));
        }
      }
    }
    if (!trailer) throw new PdfReadError('No document catalog found');
    return trailer;
  }

  private parseIndirectAt(offset: number): { num: number; value: PdfValue } {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.buf.length) {
      throw new PdfReadError('Object offset outside the file');
    }
    const parser = new PdfParser(this.buf, offset, this.budget, true, (ref) => {
      const v = this.get(ref.num);
      return typeof v === 'number' ? v : undefined;
    });
    const { num, value } = parser.parseIndirect();
    return { num, value };
  }

  private parseAt(offset: number): PdfValue {
    return this.parseIndirectAt(offset).value;
  }

  /** The object defined at `offset` (`N G obj …`), whatever the cross-reference says. */
  objectAt(offset: number): { num: number; value: PdfValue } {
    return this.parseIndirectAt(offset);
  }

  /** Offset of an object in the file, or undefined when it lives in an object stream. */
  offsetOf(num: number): number | undefined {
    const e = this.entries.get(num);
    return e?.type === 1 ? e.offset : undefined;
  }

  has(num: number): boolean {
    return this.entries.has(num);
  }

  objectNumbers(): number[] {
    return [...this.entries.keys()];
  }

  get(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    if (this.resolving.has(num)) throw new PdfReadError('Object refers to itself while being read');
    this.tick();
    const entry = this.entries.get(num);
    if (!entry || entry.type === 0) return null;
    this.resolving.add(num);
    try {
      let value: PdfValue;
      if (entry.type === 1) {
        const parsed = this.parseIndirectAt(entry.offset);
        if (parsed.num !== num) this.misdirected.add(num);
        value = parsed.value;
      } else {
        value = this.fromObjectStream(entry.stream, entry.index, num);
      }
      this.cache.set(num, value);
      return value;
    } finally {
      this.resolving.delete(num);
    }
  }

  private fromObjectStream(streamNum: number, index: number, num: number): PdfValue {
    let objstm = this.objectStreams.get(streamNum);
    if (!objstm) {
      const stream = this.get(streamNum);
      if (!(stream instanceof PdfStream)) throw new PdfReadError('Object stream missing');
      const data = decodeStream(stream);
      const n = stream.dict.get('N');
      const first = stream.dict.get('First');
      if (typeof n !== 'number' || typeof first !== 'number' || n > 1_000_000) {
        throw new PdfReadError('Bad object stream');
      }
      const header = new PdfParser(data, 0, this.budget, false);
      const offsets: [number, number][] = [];
      for (let i = 0; i < n; i++)
        offsets.push([header.readInteger(), first + header.readInteger()]);
      objstm = { offsets, data };
      this.objectStreams.set(streamNum, objstm);
    }
    const slot =
      objstm.offsets[index]?.[0] === num
        ? objstm.offsets[index]
        : objstm.offsets.find(([n]) => n === num);
    if (!slot) return null;
    return new PdfParser(objstm.data, slot[1], this.budget, false).parseValue(0);
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops > 32) throw new PdfReadError('Reference chain too long');
      v = this.get(v.num);
    }
    return v;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const v = this.resolve(value);
    if (v instanceof PdfDict) return v;
    if (v instanceof PdfStream) return v.dict;
    return undefined;
  }

  get catalog(): PdfDict | undefined {
    return this.dict(this.trailer.get('Root'));
  }
}
