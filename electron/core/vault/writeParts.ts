// Writing a file given as pieces (a sealed file's header and its records) with few system calls
// and no joined copy: vectored writes of up to PARTS_PER_WRITE pieces. A regular file rarely
// takes less than asked; when it does, the rest is written by the plain call that loops.
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

const PARTS_PER_WRITE = 64;

const sizeOf = (parts: readonly Uint8Array[]) => parts.reduce((n, p) => n + p.length, 0);

/** The pieces of `batch` after its first `written` bytes, as one buffer. */
function after(batch: readonly Uint8Array[], written: number): Buffer {
  return Buffer.concat(batch).subarray(written);
}

export async function writeParts(handle: FileHandle, parts: readonly Uint8Array[]): Promise<void> {
  for (let i = 0; i < parts.length; i += PARTS_PER_WRITE) {
    const batch = parts.slice(i, i + PARTS_PER_WRITE);
    const { bytesWritten } = await handle.writev(batch);
    if (bytesWritten < sizeOf(batch)) await handle.writeFile(after(batch, bytesWritten));
  }
}

export function writePartsSync(fd: number, parts: readonly Uint8Array[]): void {
  for (let i = 0; i < parts.length; i += PARTS_PER_WRITE) {
    const batch = parts.slice(i, i + PARTS_PER_WRITE);
    const written = fs.writevSync(fd, batch);
    if (written < sizeOf(batch)) fs.writeFileSync(fd, after(batch, written));
  }
}
