// Content-addressed file store: a file's name is its SHA-256, written to a temp file, fsynced and
// renamed into place, so the archive never points at a file that is not fully on disk.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    if (await this.verify(sha256)) return sha256;
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeFileDurably(target, bytes);
    return sha256;
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  /** True when the stored file exists and still hashes to its name. */
  async verify(sha256: string): Promise<boolean> {
    try {
      return sha256Hex(await fs.readFile(this.pathOf(sha256))) === sha256;
    } catch {
      return false;
    }
  }
}

/** Temp file in the same folder, fsync, rename, fsync the folder: a crash leaves old or new. */
export async function writeFileDurably(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  if (process.platform !== 'win32') {
    const dir = await fs.open(path.dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
