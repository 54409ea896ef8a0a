// Whoever can write to the scan share must not be able to turn the desk against the clerk's own
// files. Everything the hot folder writes or reads on the share goes through here:
// - names are cleaned of control and direction characters before they reach a file name, a
//   reason file, the ledger, the status feed or a log (a newline in a name would otherwise write
//   lines of the sender's choosing);
// - work/, done/ and error/ are checked with lstat and refused when they are links or junctions,
//   or when their real path is not where they should be;
// - files are opened without following a link (O_NOFOLLOW where the system has it, an lstat
//   before the open elsewhere), and new files are created exclusively, so a link planted under
//   the name the desk is about to write is never written through.
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';

/** C0/C1 controls, and the direction and invisible marks that disguise an extension. */
const UNSAFE_CHARS = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/gu;
const MAX_NAME = 200;

/** The name as the desk writes and shows it: NFC, unsafe characters as `_`, never empty. */
export function safeName(name: string): string {
  const cleaned = name.normalize('NFC').replace(UNSAFE_CHARS, '_');
  const limited = cleaned.length > MAX_NAME ? cleaned.slice(-MAX_NAME) : cleaned;
  return limited.trim() || '_';
}

/** O_NOFOLLOW is POSIX; on Windows the flag is absent and an lstat guards the open instead. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** A refused path is named by its last part only: the share's layout stays off the screen. */
function refused(dir: string, cause?: unknown): SohoaError {
  return new SohoaError('HOTFOLDER_LINK_REFUSED', path.basename(dir), { cause });
}

/**
 * `dir` must be a real folder right inside `parent` (not a link, not a junction, not a folder
 * whose real path lies elsewhere). Throws HOTFOLDER_LINK_REFUSED otherwise; a missing folder
 * throws the file system's own error.
 */
export async function checkRealFolder(dir: string, parent = path.dirname(dir)): Promise<void> {
  const st = await fs.lstat(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw refused(dir);
  const [real, realParent] = await Promise.all([fs.realpath(dir), fs.realpath(parent)]);
  if (!samePath(real, path.join(realParent, path.basename(dir)))) throw refused(dir);
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;
}

/** Makes `dir` (one level) if it is missing, then checks it as checkRealFolder does. */
export async function ensureRealFolder(dir: string, parent = path.dirname(dir)): Promise<void> {
  await fs.mkdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  await checkRealFolder(dir, parent);
}

/** Opens a regular file for reading without following a link; refuses anything else. */
export async function openNoFollow(file: string): Promise<fs.FileHandle> {
  if (!NOFOLLOW) {
    const st = await fs.lstat(file);
    if (!st.isFile()) throw refused(file);
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | NOFOLLOW);
  } catch (e) {
    // ELOOP: the name is a link (Linux, macOS).
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw refused(file, e);
    throw e;
  }
  const st = await handle.stat();
  if (!st.isFile()) {
    await handle.close();
    throw refused(file);
  }
  return handle;
}

/** The whole file, read without following a link. */
export async function readNoFollow(file: string): Promise<Buffer> {
  const handle = await openNoFollow(file);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Whether `file` is a link (or anything but a regular file), without following it. */
export async function isNotRegularFile(file: string): Promise<boolean> {
  const st = await fs.lstat(file).catch(() => null);
  return st !== null && !st.isFile();
}

/**
 * Creates `file` exclusively (never over an existing name, never through a link planted there)
 * and writes `text`; false when the name is taken, so the caller picks another.
 */
export async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW,
      0o644,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Whether anything (a file, a folder, a link, even a dangling one) has this name. */
export async function nameTaken(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}
