// The hot folder on disk: its layout (a work folder per machine inside the inbox, done/ and
// error/), the check that the folders are reachable, the listing of scans waiting in the inbox,
// moves that never overwrite, the content hash, and the reason file written beside each file
// sent to error/, in Vietnamese and English.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorInfo, SohoaError, type ErrorCode } from '../../../shared/errors';
import { isScanFileName } from './fileImportFormats';
import type { HotFolderDirs } from './hotFolderTypes';

export const WORK_DIR_NAME = '.sohoa-dang-xu-ly';
export const DONE_DIR_NAME = 'done';
export const ERROR_DIR_NAME = 'error';
/** Beside each file in error/: `<name>.ly-do.txt` (Vietnamese and English). */
export const REASON_SUFFIX = '.ly-do.txt';
/** The work folder's lock file (see hotFolderLock.ts); never a file to handle. */
export const LOCK_NAME = '.khoa';

/**
 * Inside the inbox, so that claiming is a rename on the same share, which is atomic; one folder
 * per machine, so a desk restarting never finishes another desk's files.
 */
export function workDirOf(inbox: string, host = os.hostname()): string {
  const safeHost = host.replace(/[^\p{L}\p{N}._-]/gu, '_') || 'may';
  return path.join(path.resolve(inbox), WORK_DIR_NAME, safeHost);
}

/** The folders of an inbox: done/ and error/ inside it unless configured elsewhere. */
export function hotFolderDirs(
  inbox: string,
  options: { doneDir?: string; errorDir?: string } = {},
): HotFolderDirs {
  const resolved = path.resolve(inbox);
  return {
    inbox: resolved,
    workDir: workDirOf(resolved),
    doneDir: options.doneDir ?? path.join(resolved, DONE_DIR_NAME),
    errorDir: options.errorDir ?? path.join(resolved, ERROR_DIR_NAME),
  };
}

/** The inbox must be there; work, done and error are made. HOTFOLDER_UNREACHABLE otherwise. */
export async function prepareFolders(dirs: HotFolderDirs): Promise<void> {
  try {
    await fs.access(dirs.inbox);
    for (const dir of [dirs.workDir, dirs.doneDir, dirs.errorDir])
      await fs.mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new SohoaError('HOTFOLDER_UNREACHABLE', dirs.inbox, { cause });
  }
}

/** The scans in the inbox, sorted; null when the folder cannot be read (a share gone away). */
export async function listScanFiles(inbox: string): Promise<string[] | null> {
  try {
    return (await fs.readdir(inbox, { withFileTypes: true }))
      .filter((d) => d.isFile() && isScanFileName(d.name))
      .map((d) => d.name)
      .sort();
  } catch {
    return null;
  }
}

/** Whether any name in the inbox looks like a scan (files, or anything named like one). */
export async function hasScanNames(inbox: string): Promise<boolean> {
  const names = await fs.readdir(inbox).catch(() => []);
  return names.some((n) => isScanFileName(n));
}

export function reasonText(fileName: string, code: ErrorCode, at: Date): string {
  const info = errorInfo(code, fileName);
  return [
    `Tệp / File: ${fileName}`,
    `Mã lỗi / Code: ${code}`,
    `Thời điểm / Time: ${at.toISOString()}`,
    '',
    `Lý do: ${info.message.vi}`,
    `Reason: ${info.message.en}`,
    '',
  ].join('\n');
}

/** Writes `<file>.ly-do.txt` beside a file just moved to error/. */
export async function writeReason(target: string, code: ErrorCode, at: Date): Promise<void> {
  await fs.writeFile(target + REASON_SUFFIX, reasonText(path.basename(target), code, at));
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Moves into `dir` under the same name, or `name (2).ext`, … when that name is taken. */
export async function moveUnique(from: string, dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const target = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      // link + unlink refuses to overwrite, where rename would silently replace.
      await fs.link(from, target);
      await fs.unlink(from);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // Shares without hard links: rename after checking the name is free.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        if (await exists(target)) continue;
        await fs.rename(from, target);
        return target;
      }
      throw e;
    }
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}
