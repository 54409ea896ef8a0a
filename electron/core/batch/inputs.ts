// Where a batch's pages come from: uploaded files are copied into the data folder before the
// batch is queued (the clerk may close the browser tab or unplug the USB stick); a folder on this
// machine is listed once, recursively, and its files are read in place when their turn comes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { listScanFiles } from '../acquire/fileImport';
import { writeFileDurably } from '../archive/blobStore';
import type { NewFile } from './store';

/** A backlog shelf, not a whole disk: past this the clerk splits the folder into batches. */
export const MAX_FOLDER_FILES = 5000;
/** Shown between folder levels: the pipeline names pages by base name, so no path separator. */
const LEVEL = ' › ';

/**
 * Every scan under `folder`, in the import's natural order (trang-2 before trang-10), listed by
 * the file-import source (acquire/fileImport.ts) so the batch and the import agree on what a
 * scan is and in which order it comes.
 */
export async function listFolder(folder: string): Promise<NewFile[]> {
  const label = path.basename(path.resolve(folder)) || folder;
  const { files } = await listScanFiles(folder);
  if (files.length === 0) throw new SohoaError('NO_VALID_PAGES', label);
  if (files.length > MAX_FOLDER_FILES)
    throw new SohoaError('BAD_REQUEST', `${label}: > ${MAX_FOLDER_FILES} files`);
  return files.map((f) => ({ name: displayName(f.name), path: f.path, bytes: f.size }));
}

/** A '/'-separated relative name as the batch shows it ("hộp-02 › trang-1.jpg"). */
export function displayName(relative: string): string {
  return relative.split(/[\\/]/).filter(Boolean).join(LEVEL);
}

/** A file name safe on every file system, keeping the extension the pipeline does not need. */
function safeFileName(name: string): string {
  const cleaned = path
    .basename(name.replace(/\\/g, '/'))
    .normalize('NFC')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .slice(-120);
  return cleaned || 'page';
}

/** Names as shown to the clerk: unique within the batch (two "scan.jpg" from two folders). */
export function uniqueNames(names: readonly string[], taken: Iterable<string> = []): string[] {
  const seen = new Set(taken);
  return names.map((raw) => {
    const name = safeFileName(raw);
    let candidate = name;
    const ext = path.extname(name);
    for (let i = 2; seen.has(candidate); i++)
      candidate = `${name.slice(0, name.length - ext.length)} (${i})${ext}`;
    seen.add(candidate);
    return candidate;
  });
}

/** Copies uploaded files durably into `dir` (fsync'd) and returns them as batch files. */
export async function storeUploads(
  dir: string,
  files: readonly { name: string; bytes: Buffer }[],
  takenNames: Iterable<string>,
  firstIndex: number,
): Promise<NewFile[]> {
  await fs.mkdir(dir, { recursive: true });
  const names = uniqueNames(
    files.map((f) => f.name),
    takenNames,
  );
  const stored: NewFile[] = [];
  for (const [i, f] of files.entries()) {
    const name = names[i]!;
    const target = path.join(dir, `${String(firstIndex + i).padStart(5, '0')}-${name}`);
    await writeFileDurably(target, f.bytes);
    stored.push({ name, path: target, bytes: f.bytes.length });
  }
  return stored;
}
