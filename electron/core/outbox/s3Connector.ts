// Records store on any S3-compatible object store (MinIO, Ceph RGW, cloud), through the AWS SDK.
// Large files go up in parts (lib-storage's multipart upload, aborted on failure so no orphan parts
// stay behind); small ones in one PUT with Content-MD5 so the store rejects a damaged body. What
// the store holds is always read back and hashed before the outbox believes it.
// Records hold citizens' data: the endpoint must be HTTPS unless IT allowed this one endpoint
// over plain HTTP (a store on the office network without TLS), every object asks the store to
// encrypt it at rest (SSE-S3 by default), and a read-back longer than what was written is cut off.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { SohoaError } from '../../../shared/errors';
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
  /** IT allowed this endpoint over plain HTTP; without it an http:// endpoint is refused. */
  allowHttp?: boolean;
  /** Encryption at rest asked of the store: SSE-S3 (default), SSE-KMS, or none for a store without it. */
  serverSideEncryption?: ServerSideEncryptionMode;
  /** The KMS key for `aws:kms` (the store's default key when absent). */
  sseKmsKeyId?: string;
}

export type ServerSideEncryptionMode = 'AES256' | 'aws:kms' | 'none';

/** The store's answers when it cannot encrypt as asked (MinIO without a KMS, a bad key id). */
const SSE_REFUSALS = new Set(['NotImplemented', 'KMS.NotFoundException', 'KMSNotConfigured']);

const MiB = 1024 * 1024;

export class S3Connector implements Connector {
  readonly description: string;
  private readonly client: S3Client;
  private readonly host: string;

  constructor(private readonly dest: S3Destination) {
    this.host = new URL(dest.endpoint).host;
    this.description = `s3:${dest.bucket}@${this.host}`;
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
    this.checkTransport();
    try {
      await this.send(key, bytes, onProgress, signal);
    } catch (e) {
      throw this.encryptionRefusal(e) ?? e;
    }
  }

  /** Plain HTTP only for an endpoint IT named; checked before any byte leaves the desk. */
  private checkTransport(): void {
    if (new URL(this.dest.endpoint).protocol !== 'https:' && !this.dest.allowHttp)
      throw new SohoaError('STORE_NOT_HTTPS', this.host);
  }

  /** The encryption headers of a write, as configured. */
  private encryption(): { ServerSideEncryption?: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string } {
    const mode = this.dest.serverSideEncryption ?? 'AES256';
    if (mode === 'none') return {};
    return {
      ServerSideEncryption: mode,
      ...(mode === 'aws:kms' && this.dest.sseKmsKeyId
        ? { SSEKMSKeyId: this.dest.sseKmsKeyId }
        : {}),
    };
  }

  /** A store that cannot encrypt as asked: a refusal a person must settle, not a retry. */
  private encryptionRefusal(e: unknown): SohoaError | null {
    if ((this.dest.serverSideEncryption ?? 'AES256') === 'none') return null;
    const err = e as { name?: string; message?: string };
    const refused =
      SSE_REFUSALS.has(err.name ?? '') ||
      (err.name === 'InvalidArgument' && /encryption/i.test(err.message ?? ''));
    return refused ? new SohoaError('STORE_ENCRYPTION_REFUSED', this.host, { cause: e }) : null;
  }

  private async send(
    key: string,
    bytes: Buffer,
    onProgress?: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const threshold = this.dest.multipartThresholdBytes ?? 16 * MiB;
    if (bytes.length >= threshold) {
      const upload = new Upload({
        client: this.client,
        params: {
          Bucket: this.dest.bucket,
          Key: key,
          Body: bytes,
          Metadata: { sha256 },
          ...this.encryption(),
        },
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
        ...this.encryption(),
      }),
      signal ? { abortSignal: signal } : {},
    );
    onProgress?.(bytes.length);
  }

  async storedSha256(key: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<string | null> {
    this.checkTransport();
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.dest.bucket, Key: key }),
      );
      const body = out.Body as Readable;
      if ((out.ContentLength ?? 0) > maxBytes) {
        body.destroy();
        throw new SohoaError('RESPONSE_TOO_LARGE', this.host);
      }
      const hash = createHash('sha256');
      let read = 0;
      for await (const chunk of body) {
        read += (chunk as Buffer).length;
        // More than was written: the answer is not our object, and reading on could be endless.
        if (read > maxBytes) {
          body.destroy();
          throw new SohoaError('RESPONSE_TOO_LARGE', this.host);
        }
        hash.update(chunk as Buffer);
      }
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
