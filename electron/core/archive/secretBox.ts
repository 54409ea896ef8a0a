// A secret sealed for storage in a JSON file: AES-256-GCM with a fresh 12-byte IV, the parts as
// base64. The label is the AAD: it names what the secret is for (and its format version), so a
// blob copied from one file into another does not open there. Saved files depend on this exact
// layout (outbox-destination.json, settings.json): change it only with a new label and a reader
// for the old one.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedSecret {
  iv: string;
  tag: string;
  data: string;
}

/** `key` is 32 bytes (a KeyProvider's machine key). */
export function sealSecret(key: Buffer, label: string, plain: string): SealedSecret {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(label));
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return {
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Throws when the key, the label or any byte of the blob differs from what sealed it. */
export function openSecret(key: Buffer, label: string, s: SealedSecret): string {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64')).setAAD(
    Buffer.from(label),
  );
  d.setAuthTag(Buffer.from(s.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]).toString('utf8');
}
