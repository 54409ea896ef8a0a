// Where the outbox sends records, kept in the data folder with its secrets encrypted at rest
// (AES-256-GCM). The key comes from a KeyProvider: by default a random machine key in the data
// folder's keys/ (owner-only permissions); the Electron shell can supply one backed by the OS
// keystore (DPAPI, Keychain, libsecret) instead. Credentials are used here in the core only:
// no contract call returns them, so they never reach the renderer.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SohoaError } from '../../../shared/errors';
import { writeFileDurablySync } from '../archive/audit';
import { openSecret, sealSecret, type SealedSecret } from '../archive/secretBox';
import { readDataFileSync } from '../vault/files';
import type { Connector } from './connector';
import { FolderConnector } from './folderConnector';
import { S3Connector } from './s3Connector';

export const FolderDestination = z.object({ kind: z.literal('folder'), path: z.string().min(1) });
export const S3DestinationConfig = z.object({
  kind: z.literal('s3'),
  endpoint: z.url(),
  region: z.string().min(1).default('us-east-1'),
  bucket: z.string().min(3),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  forcePathStyle: z.boolean().default(true),
  multipartThresholdBytes: z.number().int().positive().optional(),
  partSizeBytes: z.number().int().positive().optional(),
  /** IT allowed this endpoint over plain HTTP (kept with the endpoint it names). */
  allowHttp: z.boolean().optional(),
  serverSideEncryption: z.enum(['AES256', 'aws:kms', 'none']).optional(),
  sseKmsKeyId: z.string().min(1).optional(),
});
export const Destination = z.discriminatedUnion('kind', [FolderDestination, S3DestinationConfig]);
export type Destination = z.infer<typeof Destination>;

/** Fields that are secret: stored only encrypted. */
const SECRET_FIELDS = ['accessKeyId', 'secretAccessKey'] as const;

export interface KeyProvider {
  /** A 32-byte key, the same every time on this machine. */
  key(): Buffer;
}

export function fileKeyProvider(keysDir: string): KeyProvider {
  return {
    key() {
      const file = path.join(keysDir, 'outbox.key');
      try {
        const k = readDataFileSync(file);
        if (k.length === 32) return k;
      } catch (e) {
        // First use: made below. A key that exists but does not open (a locked data folder) is
        // never replaced, or every sealed secret would be lost with it.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
      const k = randomBytes(32);
      writeFileDurablySync(file, k);
      fs.chmodSync(file, 0o600);
      return k;
    },
  };
}

const AAD = 'sohoa-outbox-destination/1';
type Sealed = SealedSecret;
const seal = (key: Buffer, plain: string): Sealed => sealSecret(key, AAD, plain);
const open = (key: Buffer, s: Sealed): string => openSecret(key, AAD, s);

export const DESTINATION_FILE = 'outbox-destination.json';

export function saveDestination(dataDir: string, dest: Destination, keys: KeyProvider): void {
  const parsed = Destination.parse(dest);
  const stored: Record<string, unknown> = { ...parsed };
  const secrets: Record<string, string> = {};
  for (const f of SECRET_FIELDS)
    if (f in stored) {
      secrets[f] = stored[f] as string;
      delete stored[f];
    }
  if (Object.keys(secrets).length > 0) stored.sealed = seal(keys.key(), JSON.stringify(secrets));
  const file = path.join(dataDir, DESTINATION_FILE);
  writeFileDurablySync(file, JSON.stringify(stored, null, 2));
  fs.chmodSync(file, 0o600);
}

export function loadDestination(dataDir: string, keys: KeyProvider): Destination | null {
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(fs.readFileSync(path.join(dataDir, DESTINATION_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
  const { sealed, ...rest } = stored;
  let secrets = {};
  if (sealed) {
    try {
      secrets = JSON.parse(open(keys.key(), sealed as Sealed)) as Record<string, string>;
    } catch (e) {
      throw new SohoaError('CREDENTIALS_UNREADABLE', DESTINATION_FILE, { cause: e });
    }
  }
  return Destination.parse({ ...rest, ...secrets });
}

/** A description safe to show anywhere (no secret in it). */
export function describeDestination(d: Destination): string {
  return d.kind === 'folder' ? `folder:${d.path}` : `s3:${d.bucket}@${new URL(d.endpoint).host}`;
}

export function connectorFor(d: Destination): Connector & { close?(): void } {
  return d.kind === 'folder' ? new FolderConnector(d.path) : new S3Connector(d);
}
