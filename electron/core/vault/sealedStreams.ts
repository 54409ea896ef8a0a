// The sealed format as streams: a PDF being written page by page, or read back for the viewer,
// passes through one record at a time. A record is emitted only when the next byte exists, so
// the last one is known and carries the final flag. Each stream fills one record-sized buffer
// and reuses it (the cipher copies out of it), so a long file costs no growing list of pieces
// joined again and again.
import { Transform, type TransformCallback } from 'node:stream';
import type { DataKey } from './dataKey';
import {
  HEADER_BYTES,
  TAG_BYTES,
  newHeader,
  openRecord,
  parseHeader,
  sealRecordParts,
  SealError,
  type SealedHeader,
} from './sealedFormat';

/** Bytes gathered into a reused buffer of `size`; `full` runs when it is full and more arrive. */
class RecordBuffer {
  readonly bytes: Buffer;
  fill = 0;

  constructor(readonly size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  /** Takes in `chunk`, calling `full(record)` for each full record that more bytes follow. */
  take(chunk: Buffer, full: (record: Buffer) => void): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.fill === this.size) {
        full(this.bytes);
        this.fill = 0;
      }
      // A whole record inside the chunk with more after it needs no copy.
      if (this.fill === 0 && chunk.length - at > this.size) {
        full(chunk.subarray(at, at + this.size));
        at += this.size;
        continue;
      }
      const n = Math.min(this.size - this.fill, chunk.length - at);
      chunk.copy(this.bytes, this.fill, at, at + n);
      this.fill += n;
      at += n;
    }
  }

  rest(): Buffer {
    return this.bytes.subarray(0, this.fill);
  }
}

/** Plain bytes in, a sealed file out (header first). */
export class SealingStream extends Transform {
  private readonly header: SealedHeader;
  private readonly fileKey: Buffer;
  private readonly record: RecordBuffer;
  private index = 0;

  constructor(key: DataKey) {
    super();
    this.header = newHeader(key);
    this.fileKey = key.fileKey(this.header.salt);
    this.record = new RecordBuffer(this.header.recordBytes);
    this.push(this.header.bytes);
  }

  private seal(plain: Buffer, final: boolean): void {
    for (const part of sealRecordParts(this.fileKey, this.header, this.index++, final, plain))
      this.push(part);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.record.take(chunk, (plain) => this.seal(plain, false));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.seal(this.record.rest(), true);
    done();
  }
}

/** A sealed file in, its plain bytes out; fails on any changed, moved or missing record. */
export class OpeningStream extends Transform {
  private header: SealedHeader | null = null;
  private headBytes: Buffer = Buffer.alloc(0);
  private fileKey: Buffer | null = null;
  private record: RecordBuffer | null = null;
  private index = 0;

  constructor(private readonly keyFor: (keyId: string) => DataKey) {
    super();
  }

  private open(sealed: Buffer, final: boolean): void {
    this.push(openRecord(this.fileKey!, this.header!, this.index++, final, sealed));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (!this.header) {
        this.headBytes = Buffer.concat([this.headBytes, chunk]);
        if (this.headBytes.length < HEADER_BYTES) return done();
        this.header = parseHeader(this.headBytes);
        this.fileKey = this.keyFor(this.header.keyId).fileKey(this.header.salt);
        this.record = new RecordBuffer(this.header.recordBytes + TAG_BYTES);
        chunk = this.headBytes.subarray(HEADER_BYTES);
      }
      this.record!.take(chunk, (sealed) => this.open(sealed, false));
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.header) throw new SealError('sealed file cut inside its header');
      this.open(this.record!.rest(), true);
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}
