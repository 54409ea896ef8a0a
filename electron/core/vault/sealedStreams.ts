// The sealed format as streams: a PDF being written page by page, or read back for the viewer,
// passes through one record (64 KiB) at a time. A record is emitted only when the next byte
// exists, so the last one is known and carries the final flag.
import { Transform, type TransformCallback } from 'node:stream';
import type { DataKey } from './dataKey';
import {
  HEADER_BYTES,
  TAG_BYTES,
  newHeader,
  openRecord,
  parseHeader,
  sealRecord,
  SealError,
  type SealedHeader,
} from './sealedFormat';

/** Plain bytes in, a sealed file out (header first). */
export class SealingStream extends Transform {
  private readonly header: SealedHeader;
  private readonly fileKey: Buffer;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  constructor(key: DataKey) {
    super();
    this.header = newHeader(key);
    this.fileKey = key.fileKey(this.header.salt);
    this.push(this.header.bytes);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const size = this.header.recordBytes;
    if (this.pendingBytes > size) {
      let all = Buffer.concat(this.pending);
      while (all.length > size) {
        this.push(
          sealRecord(this.fileKey, this.header, this.index++, false, all.subarray(0, size)),
        );
        all = all.subarray(size);
      }
      this.pending = [all];
      this.pendingBytes = all.length;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    const rest = Buffer.concat(this.pending);
    this.push(sealRecord(this.fileKey, this.header, this.index++, true, rest));
    done();
  }
}

/** A sealed file in, its plain bytes out; fails on any changed, moved or missing record. */
export class OpeningStream extends Transform {
  private header: SealedHeader | null = null;
  private fileKey: Buffer | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private index = 0;

  constructor(private readonly keyFor: (keyId: string) => DataKey) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      if (!this.header) {
        if (this.pending.length < HEADER_BYTES) return done();
        this.header = parseHeader(this.pending);
        this.fileKey = this.keyFor(this.header.keyId).fileKey(this.header.salt);
        this.pending = this.pending.subarray(HEADER_BYTES);
      }
      const step = this.header.recordBytes + TAG_BYTES;
      while (this.pending.length > step) {
        const rec = this.pending.subarray(0, step);
        this.push(openRecord(this.fileKey!, this.header, this.index++, false, rec));
        this.pending = this.pending.subarray(step);
      }
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.header) throw new SealError('sealed file cut inside its header');
      this.push(openRecord(this.fileKey!, this.header, this.index++, true, this.pending));
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}
