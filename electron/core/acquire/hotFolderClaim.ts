// Claiming a file that looked stable. It is taken when it can be renamed into the work folder
// (on Windows a writer's open handle blocks the rename: that is the lock test) and it did not
// change while it was hashed (on Linux a writer may keep writing into a renamed file: then it
// goes back to the inbox and waits again).
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from './hotFolderFiles';
import type { HotFolderDirs } from './hotFolderTypes';

/** Errors a rename returns while another process holds the file open (Windows, SMB). */
const LOCKED_CODES = new Set(['EBUSY', 'EPERM', 'EACCES']);

/**
 * Renames the file from the inbox into the work folder. `locked`: its writer still holds it;
 * otherwise it is gone (taken by someone else, deleted).
 */
export async function moveIntoWork(
  dirs: HotFolderDirs,
  name: string,
): Promise<{ claimed: string } | { claimed: null; locked: boolean }> {
  const claimed = path.join(dirs.workDir, name);
  try {
    await fs.rename(path.join(dirs.inbox, name), claimed);
    return { claimed };
  } catch (e) {
    return { claimed: null, locked: LOCKED_CODES.has((e as NodeJS.ErrnoException).code ?? '') };
  }
}

export type UnchangedCheck =
  /** Taken: its content hash. */
  | { sha256: string }
  /** Changed while hashed: put back into the inbox, with what it looks like now. */
  | { putBack: { size: number; mtimeMs: number } }
  /** Unreadable: left in the work folder, where the next start's recovery finds it. */
  | null;

/** Hashes the claimed file and checks it is still what was seen stable in the inbox. */
export async function checkUnchanged(
  dirs: HotFolderDirs,
  name: string,
  claimed: string,
  stable: { size: number; mtimeMs: number },
): Promise<UnchangedCheck> {
  try {
    const sha256 = await hashFile(claimed);
    const after = await fs.stat(claimed);
    if (after.size !== stable.size || after.mtimeMs !== stable.mtimeMs) {
      // A writer still holds it open (Linux lets it keep writing into the renamed file).
      await fs.rename(claimed, path.join(dirs.inbox, name));
      return { putBack: { size: after.size, mtimeMs: after.mtimeMs } };
    }
    return { sha256 };
  } catch {
    return null;
  }
}
