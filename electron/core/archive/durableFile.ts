// Writing a file so that a crash leaves the old content or the new, never half of it: a temp file
// in the same folder, fsync, rename, then fsync the folder so the rename itself is on disk.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { diskFormOf } from '../vault/files';
import { writeParts, writePartsSync } from '../vault/writeParts';

/** Temp file in the same folder, fsync, rename, fsync the folder: a crash leaves old or new. */
export async function writeFileDurably(target: string, bytes: Uint8Array): Promise<void> {
  // Inside an encrypted data folder the bytes are sealed (and the file owner-only).
  const disk = diskFormOf(target, bytes);
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fsp.open(tmp, 'wx', disk.mode);
  try {
    await writeParts(handle, disk.parts);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  if (process.platform !== 'win32') {
    const dir = await fsp.open(path.dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

/** Sync twin of writeFileDurably: the audit anchor is written right after a synchronous commit. */
export function writeFileDurablySync(target: string, data: string | Uint8Array): void {
  const disk = diskFormOf(target, typeof data === 'string' ? Buffer.from(data) : data);
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w', disk.mode);
  try {
    writePartsSync(fd, disk.parts);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
  if (process.platform !== 'win32') {
    const dir = fs.openSync(path.dirname(target), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}
