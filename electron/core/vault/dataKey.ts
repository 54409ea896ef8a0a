// The data folder's one key and what is derived from it. The 32 random bytes never serve two
// purposes directly: the database pages, the sealed files and the key's public name each get
// their own key through HKDF, so a weakness in one use does not reach the others.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const DATA_KEY_BYTES = 32;

export class DataKey {
  /** 16 hex digits naming the key in vault.json and in every sealed file's header. */
  readonly id: string;
  readonly idBytes: Buffer;
  /** The key SQLite encrypts pages with (given raw: no password stretching on open). */
  readonly sqlite: Buffer;
  /** The key each sealed file's own key is derived from. */
  readonly files: Buffer;

  private constructor(private readonly secret: Buffer) {
    this.idBytes = derive(secret, 'sohoa/vault/key-id', 8);
    this.id = this.idBytes.toString('hex');
    this.sqlite = derive(secret, 'sohoa/vault/sqlite', 32);
    this.files = derive(secret, 'sohoa/vault/files', 32);
  }

  static generate(): DataKey {
    return new DataKey(randomBytes(DATA_KEY_BYTES));
  }

  static fromBytes(bytes: Uint8Array): DataKey {
    if (bytes.length !== DATA_KEY_BYTES) throw new Error('a data key is 32 bytes');
    return new DataKey(Buffer.from(bytes));
  }

  /** The raw key, for wrapping by a key provider and for the recovery sheet only. */
  exportBytes(): Buffer {
    return Buffer.from(this.secret);
  }

  /** The per-file key of a sealed file, from the random salt in its header. */
  fileKey(salt: Uint8Array): Buffer {
    return Buffer.from(hkdfSync('sha256', this.files, salt, 'sohoa/vault/file/1', 32));
  }

  /** A tag over `data` under this key (vault.json's integrity check of its own fields). */
  mac(data: string): string {
    return createHmac('sha256', derive(this.secret, 'sohoa/vault/mac', 32))
      .update(data)
      .digest('hex');
  }

  sameAs(other: DataKey): boolean {
    return timingSafeEqual(this.idBytes, other.idBytes);
  }
}

function derive(secret: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, length));
}
