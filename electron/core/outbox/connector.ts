// One interface for every records store the outbox can send to (a mounted network share, any
// S3-compatible object store, later a province's own API). The outbox never trusts a write: it
// asks the store for the SHA-256 of what it holds and compares.
export interface Connector {
  /** For messages and the audit log: "folder:/mnt/luutru", "s3:bucket@host". */
  readonly description: string;
  /**
   * Stores `bytes` under `key`, replacing what is there; the same call twice is harmless. A
   * `signal` (the app closing) may cut the write short: it then rejects, and the object counts
   * as not written.
   */
  put(
    key: string,
    bytes: Buffer,
    onProgress?: (bytesSent: number) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * SHA-256 (hex) of the bytes the store holds under `key`, read back from it; null if absent.
   * An answer longer than `maxBytes` (what was written) is cut off with RESPONSE_TOO_LARGE.
   */
  storedSha256(key: string, maxBytes?: number): Promise<string | null>;
}

/** A failure the outbox retries later (network down, store busy). */
export class TransientStoreError extends Error {
  override readonly name = 'TransientStoreError';
}
