// The sealed file format: what every file the desk writes inside an encrypted data folder looks
// like on disk. AES-256-GCM in records of 256 KiB so a 500-page PDF is written and read as a
// stream, never held whole for the cipher's sake.
//
//   header (40 bytes): "SOHOASEAL" (9) | version 1 (1) | record size log2 (1) | reserved (5)
//                      | key id (8) | salt (16)
//   records:           ciphertext (record size, the last one shorter or empty) | GCM tag (16)
//
// Each file gets its own key (HKDF of the data key's file key and the header's random salt), so
// the 96-bit nonce can be the record's index: 8 bytes big-endian, 3 zero bytes, and a last byte
// that is 1 on the final record and 0 before it. The header and the same index and flag are the
// additional data, so a record moved, dropped or replayed from another file, a cut after any
// record, or a changed header fails to open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './dataKey';

export const MAGIC = Buffer.from('SOHOASEAL', 'latin1');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 40;
export const TAG_BYTES = 16;
export const RECORD_LOG2 = 18;
export const RECORD_BYTES = 1 << RECORD_LOG2;

export interface SealedHeader {
  keyId: string;
  recordBytes: number;
  bytes: Buffer;
  salt: Buffer;
}

/** True when `head` (the first bytes of a file) starts like a sealed file. */
export function looksSealed(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && Buffer.from(head.subarray(0, MAGIC.length)).equals(MAGIC);
}

export function newHeader(key: DataKey): SealedHeader {
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes, 0);
  bytes[9] = FORMAT_VERSION;
  bytes[10] = RECORD_LOG2;
  key.idBytes.copy(bytes, 16);
  const salt = randomBytes(16);
  salt.copy(bytes, 24);
  return { keyId: key.id, recordBytes: RECORD_BYTES, bytes, salt };
}

export function parseHeader(bytes: Uint8Array): SealedHeader {
  const b = Buffer.from(bytes.subarray(0, HEADER_BYTES));
  if (b.length < HEADER_BYTES || !looksSealed(b)) throw new SealError('not a sealed file');
  if (b[9] !== FORMAT_VERSION) throw new SealError(`unknown sealed format ${b[9]}`);
  const log2 = b[10] ?? 0;
  if (log2 < 10 || log2 > 24) throw new SealError('bad record size');
  return {
    keyId: b.subarray(16, 24).toString('hex'),
    recordBytes: 1 << log2,
    bytes: b,
    salt: Buffer.from(b.subarray(24, 40)),
  };
}

/** A failure to open a sealed file: wrong key, changed, cut or reordered bytes. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

function nonceAndAad(header: SealedHeader, index: number, final: boolean) {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 0);
  nonce[11] = final ? 1 : 0;
  return { nonce, aad: Buffer.concat([header.bytes, nonce]) };
}

/**
 * Seals one record into its ciphertext and its tag, kept apart so that nothing is copied to
 * join them: writers hand both to one vectored write.
 */
export function sealRecordParts(
  fileKey: Buffer,
  header: SealedHeader,
  index: number,
  final: boolean,
  plain: Uint8Array,
): [Buffer, Buffer] {
  const { nonce, aad } = nonceAndAad(header, index, final);
  const c = createCipheriv('aes-256-gcm', fileKey, nonce).setAAD(aad);
  const sealed = c.update(plain);
  c.final(); // GCM emits nothing more here
  return [sealed, c.getAuthTag()];
}

/** Seals one record; `final` marks the file's last one. */
export function sealRecord(
  fileKey: Buffer,
  header: SealedHeader,
  index: number,
  final: boolean,
  plain: Uint8Array,
): Buffer {
  return Buffer.concat(sealRecordParts(fileKey, header, index, final, plain));
}

export function openRecord(
  fileKey: Buffer,
  header: SealedHeader,
  index: number,
  final: boolean,
  sealed: Uint8Array,
): Buffer {
  if (sealed.length < TAG_BYTES) throw new SealError('record cut short');
  const { nonce, aad } = nonceAndAad(header, index, final);
  const d = createDecipheriv('aes-256-gcm', fileKey, nonce).setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plain = d.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    d.final(); // GCM emits nothing more here; it checks the tag
  } catch (e) {
    throw new SealError('record does not open (wrong key, or changed, cut or moved bytes)', {
      cause: e,
    });
  }
  return plain;
}

/** A whole buffer sealed at once, as the parts to write in order (header, then each record's). */
export function sealParts(key: DataKey, plain: Uint8Array): Buffer[] {
  const header = newHeader(key);
  const fileKey = key.fileKey(header.salt);
  const parts: Buffer[] = [header.bytes];
  const count = Math.max(1, Math.ceil(plain.length / header.recordBytes));
  for (let i = 0; i < count; i++) {
    const chunk = plain.subarray(i * header.recordBytes, (i + 1) * header.recordBytes);
    parts.push(...sealRecordParts(fileKey, header, i, i === count - 1, chunk));
  }
  return parts;
}

/** A whole buffer sealed at once (small files: JSON, thumbnails, page images). */
export function sealBuffer(key: DataKey, plain: Uint8Array): Buffer {
  return Buffer.concat(sealParts(key, plain));
}

/**
 * Opens a whole sealed buffer; `keyFor` finds the data key the header names. The plain bytes go
 * into one buffer sized from the file's length, with no list of pieces joined at the end.
 */
export function openBuffer(sealed: Uint8Array, keyFor: (keyId: string) => DataKey): Buffer {
  return openRecords(sealed, keyFor, null);
}

/**
 * openBuffer over a buffer the caller gives up (bytes just read from disk): each record's plain
 * bytes are written back over the buffer's start, always behind the records still to open (a
 * record's plain bytes are shorter than its sealed ones and the header comes first), so a large
 * file costs no second buffer of its size.
 */
export function openBufferInPlace(sealed: Buffer, keyFor: (keyId: string) => DataKey): Buffer {
  return openRecords(sealed, keyFor, sealed);
}

function openRecords(
  sealed: Uint8Array,
  keyFor: (keyId: string) => DataKey,
  into: Buffer | null,
): Buffer {
  const header = parseHeader(sealed);
  const fileKey = keyFor(header.keyId).fileKey(header.salt);
  const body = sealed.subarray(HEADER_BYTES);
  const step = header.recordBytes + TAG_BYTES;
  const count = Math.max(1, Math.ceil(body.length / step));
  const size = Math.max(0, body.length - count * TAG_BYTES);
  const out = into ?? Buffer.allocUnsafe(size);
  for (let i = 0, at = 0; i < count; i++) {
    const rec = body.subarray(i * step, (i + 1) * step);
    at += openRecord(fileKey, header, i, i === count - 1, rec).copy(out, at);
  }
  return out.subarray(0, size);
}
