// Records store on any S3-compatible object store (MinIO, Ceph RGW, cloud), through the AWS SDK.
// Large files go up in parts (lib-storage's multipart upload, aborted on failure so no orphan parts
// stay behind); small ones in one PUT with Content-MD5 so the store rejects a damaged body. What
// the store holds is always read back and hashed before the outbox believes it.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Connector } from './connector';

export interface S3Destination {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (host/bucket/key): what MinIO, Ceph and test servers expect. */
  forcePathStyle?: boolean;
  /** Files at least this big use multipart upload (default 16 MiB). */
  multipartThresholdBytes?: number;
  /** Part size, at least 5 MiB as S3 requires (default 8 MiB). */
  partSizeBytes?: number;
  /** Per-request timeout; a store slower than this counts as unreachable (default 60 s). */
  requestTimeoutMs?: number;
  /** Attempts of one request inside the SDK before the outbox's own backoff takes over. */
  sdkMaxAttempts?: number;
}

const MiB = 1024 * 1024;

export class S3Connector implements Connector {
  readonly description: string;
  private readonly client: S3Client;

  constructor(private readonly dest: S3Destination) {
    this.description = `s3:${dest.bucket}@${new URL(dest.endpoint).host}`;
    this.client = new S3Client({
      endpoint: dest.endpoint,
      region: dest.region,
      forcePathStyle: dest.forcePathStyle ?? true,
      credentials: { accessKeyId: dest.accessKeyId, secretAccessKey: dest.secretAccessKey },
      maxAttempts: dest.sdkMaxAttempts ?? 3,
      // Only the checksums S3 requires: many S3-compatible stores reject the SDK's newer
      // trailing-checksum encoding. Our own check is the SHA-256 read back after the write.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: 10_000,
        requestTimeout: dest.requestTimeoutMs ?? 60_000,
      },
    });
  }

  async put(
    key: string,
    bytes: Buffer,
    onProgress?: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    signal?.throwIfAborted();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const threshold = this.dest.multipartThresholdBytes ?? 16 * MiB;
    if (bytes.length >= threshold) {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.dest.bucket, Key: key, Body: bytes, Metadata: { sha256 } },
        partSize: Math.max(5 * MiB, this.dest.partSizeBytes ?? 8 * MiB),
        queueSize: 2,
        leavePartsOnError: false,
      });
      upload.on('httpUploadProgress', (p) => onProgress?.(p.loaded ?? 0));
      // Aborting also removes the parts already sent (leavePartsOnError is off).
      const stop = () => void upload.abort().catch(() => undefined);
      signal?.addEventListener('abort', stop, { once: true });
      try {
        await upload.done();
      } finally {
        signal?.removeEventListener('abort', stop);
      }
      return;
    }
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.dest.bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentMD5: createHash('md5').update(bytes).digest('base64'),
        Metadata: { sha256 },
      }),
      signal ? { abortSignal: signal } : {},
    );
    onProgress?.(bytes.length);
  }

  async storedSha256(key: string): Promise<string | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.dest.bucket, Key: key }),
      );
      const hash = createHash('sha256');
      for await (const chunk of out.Body as Readable) hash.update(chunk as Buffer);
      return hash.digest('hex');
    } catch (e) {
      if (
        e instanceof S3ServiceException &&
        (e.name === 'NoSuchKey' || e.$metadata.httpStatusCode === 404)
      )
        return null;
      throw e;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
