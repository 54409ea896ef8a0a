// Who keeps the data key's wrapping key. The app's provider is the OS keystore (Electron's
// safeStorage: DPAPI on Windows, the Keychain on macOS, libsecret on Linux), built in the shell
// and passed in; the core itself only knows this interface. For headless servers and tests there
// is a key file, which IT must choose explicitly and which `sohoa doctor` reports as a warning:
// whoever copies that file and the data folder has everything.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type KeyProviderKind = 'os-keystore' | 'file';

export interface KeyProvider {
  readonly kind: KeyProviderKind;
  /** What the doctor and the logs may show: "Windows DPAPI", "key file /etc/sohoa/desk.key". */
  readonly label: string;
  /** False when the wrapping key sits in a plain file (or the OS store is a plain-text fallback). */
  readonly strong: boolean;
  /** A file the wrapping key lives in, so a vault can refuse one inside its own data folder. */
  readonly location?: string;
  /** The data key wrapped as text for vault.json. */
  wrap(key: Buffer): string;
  /** Throws when this provider cannot open it (another machine, another user, another file). */
  unwrap(wrapped: string): Buffer;
}

const FILE_AAD = Buffer.from('sohoa-vault-key-file/1');

/**
 * A key file for headless servers: 32 random bytes made on first use, owner-only, kept outside
 * the data folder (the vault refuses one inside it).
 */
export function fileKeyProvider(file: string): KeyProvider {
  const location = path.resolve(file);
  const kek = (): Buffer => {
    try {
      const k = fs.readFileSync(location);
      if (k.length === 32) return k;
      throw new Error(`key file ${location} is not 32 bytes`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    fs.mkdirSync(path.dirname(location), { recursive: true, mode: 0o700 });
    const k = randomBytes(32);
    const fd = fs.openSync(location, 'wx', 0o600);
    try {
      fs.writeSync(fd, k);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(location, 0o600);
    return k;
  };
  return {
    kind: 'file',
    label: `key file ${location}`,
    strong: false,
    location,
    wrap(key) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', kek(), iv).setAAD(FILE_AAD);
      const data = Buffer.concat([c.update(key), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]).toString('base64');
    },
    unwrap(wrapped) {
      const raw = Buffer.from(wrapped, 'base64');
      const d = createDecipheriv('aes-256-gcm', kek(), raw.subarray(0, 12)).setAAD(FILE_AAD);
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
    },
  };
}
