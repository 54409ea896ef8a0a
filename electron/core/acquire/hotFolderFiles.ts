// The hot folder on disk: its layout (a work folder per machine inside the inbox, done/ and
// error/), the check that the folders are reachable and real (no link or junction planted on the
// share: hotFolderSafety.ts), the listing of scans waiting in the inbox, moves that never
// overwrite, the content hash, and the reason file created beside each file sent to error/, in
// Vietnamese and English.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorInfo, SohoaError, type ErrorCode } from '../../../shared/errors';
import { isScanFileName } from './fileImportFormats';
import {
  checkRealFolder,
  createExclusive,
  ensureRealFolder,
  nameTaken,
  openNoFollow,
  safeName,
} from './hotFolderSafety';
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

/**
 * The inbox must be there; work, done and error are made. HOTFOLDER_UNREACHABLE when they cannot
 * be, HOTFOLDER_LINK_REFUSED when one of them is a link or junction (someone with write access to
 * the share would otherwise choose where the desk writes).
 */
export async function prepareFolders(dirs: HotFolderDirs): Promise<void> {
  try {
    await fs.access(dirs.inbox);
    const workParent = path.dirname(dirs.workDir);
    await ensureRealFolder(workParent, dirs.inbox);
    await ensureRealFolder(dirs.workDir, workParent);
    for (const dir of [dirs.doneDir, dirs.errorDir]) {
      await fs.mkdir(path.dirname(dir), { recursive: true });
      await ensureRealFolder(dir);
    }
  } catch (cause) {
    if (cause instanceof SohoaError) throw cause;
    throw new SohoaError('HOTFOLDER_UNREACHABLE', dirs.inbox, { cause });
  }
}

/** Checks again before each move: a folder may be swapped for a link while the desk runs. */
export async function checkFolders(dirs: HotFolderDirs, ...which: string[]): Promise<void> {
  for (const dir of which)
    await checkRealFolder(dir, dir === dirs.workDir ? path.dirname(dir) : undefined);
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
  const name = safeName(fileName);
  const info = errorInfo(code, name);
  return [
    `Tệp / File: ${name}`,
    `Mã lỗi / Code: ${code}`,
    `Thời điểm / Time: ${at.toISOString()}`,
    '',
    `Lý do: ${info.message.vi}`,
    `Reason: ${info.message.en}`,
    '',
  ].join('\n');
}

/**
 * Moves a file into error/ under its cleaned name (or `name (2).ext`, …) with its reason file
 * beside it. The reason file's name is taken first, exclusively: a link planted as
 * `<name>.ly-do.txt` only makes the desk pick the next name, it is never written through.
 */
export async function moveToError(
  from: string,
  errorDir: string,
  name: string,
  code: ErrorCode,
  at: Date,
): Promise<string> {
  const clean = safeName(name);
  for (const candidate of uniqueNames(clean)) {
    const target = path.join(errorDir, candidate);
    if (!(await createExclusive(target + REASON_SUFFIX, reasonText(candidate, code, at)))) continue;
    try {
      await placeFile(from, target);
      return target;
    } catch (e) {
      await fs.rm(target + REASON_SUFFIX, { force: true });
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new SohoaError('HOTFOLDER_UNREACHABLE', errorDir);
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await openNoFollow(file);
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false }))
      hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** `name`, `name (2).ext`, `name (3).ext`, … (enough tries for any folder a person keeps). */
function* uniqueNames(name: string): Generator<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; n <= 10_000; n++) yield n === 1 ? name : `${stem} (${n})${ext}`;
}

/**
 * Puts `from` at `target`, refusing (EEXIST) when the name is taken: link + unlink never replaces
 * anything, not even a link planted there; shares without hard links rename after an lstat.
 */
async function placeFile(from: string, target: string): Promise<void> {
  try {
    await fs.link(from, target);
    await fs.unlink(from);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
  }
  // A rename over a link replaces the link itself, never what it points at.
  if (await nameTaken(target)) throw Object.assign(new Error('name taken'), { code: 'EEXIST' });
  await fs.rename(from, target);
}

/** Moves into `dir` under the cleaned name, or `name (2).ext`, … when that name is taken. */
export async function moveUnique(from: string, dir: string, name: string): Promise<string> {
  for (const candidate of uniqueNames(safeName(name))) {
    const target = path.join(dir, candidate);
    try {
      await placeFile(from, target);
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new SohoaError('HOTFOLDER_UNREACHABLE', dir);
}
