// Content-addressed file store: a file's name is its SHA-256, written to a temp file, fsynced and
// renamed into place, so the archive never points at a file that is not fully on disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from './durableFile';
import { readDataFile } from '../vault/files';

// Kept here for the many callers that have always imported it from the blob store.
export { writeFileDurably } from './durableFile';

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
    return readDataFile(this.pathOf(sha256));
  }

  /** True when the stored file exists and still hashes to its name. */
  async verify(sha256: string): Promise<boolean> {
    try {
      return sha256Hex(await readDataFile(this.pathOf(sha256))) === sha256;
    } catch {
      return false;
    }
  }
}
