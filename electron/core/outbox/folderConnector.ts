// Records store on a folder (a mounted network share): each object is written to a temp file in
// its target folder, fsynced and renamed, so readers of the share see the old file or the new one.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { writeFileDurably } from '../archive/blobStore';
import type { Connector } from './connector';

export class FolderConnector implements Connector {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `folder:${root}`;
  }

  private pathOf(key: string): string {
    const parts = key.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..'))
      throw new Error(`unsafe key ${key}`);
    return path.join(this.root, ...parts);
  }

  async put(key: string, bytes: Buffer, onProgress?: (n: number) => void): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await writeFileDurably(target, bytes);
    onProgress?.(bytes.length);
  }

  async storedSha256(key: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<string | null> {
    const hash = createHash('sha256');
    let read = 0;
    try {
      for await (const chunk of fs.createReadStream(this.pathOf(key))) {
        read += (chunk as Buffer).length;
        // Longer than what was written (a device file swapped in on the share): stop reading.
        if (read > maxBytes) throw new SohoaError('RESPONSE_TOO_LARGE', this.description);
        hash.update(chunk as Buffer);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return hash.digest('hex');
  }
}
