// After a crash or a restart, files left in the work folder are finished according to the
// ledger: done or failed ones are only moved; a take whose handler never finished is handled
// again (its work did not complete, so this is not a second take); an unrecorded one is new.
// The walk never follows a link: one planted in the work folder (pointing at a file on this PC)
// is removed and named in the feed, so no local file is ever pulled into the archive.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ErrorCode } from '../../../shared/errors';
import { hashFile, LOCK_NAME } from './hotFolderFiles';
import type { HotFolderHandling } from './hotFolderHandling';
import type { HotFolderLedger, LedgerEntry } from './hotFolderLedger';

/** Walks the work folder once; `resume` hands a file that still needs its handler back on. */
export async function recoverWorkFolder(
  workDir: string,
  ledger: HotFolderLedger,
  handling: HotFolderHandling,
  resume: (
    name: string,
    claimed: string,
    size: number,
    sha256: string,
    entry?: LedgerEntry,
  ) => void,
): Promise<void> {
  const names = (await fs.readdir(workDir)).sort();
  for (const name of names) {
    if (name === LOCK_NAME) continue;
    const claimed = path.join(workDir, name);
    const st = await fs.lstat(claimed).catch(() => null);
    if (st?.isSymbolicLink()) {
      await handling.dropLink(claimed);
      continue;
    }
    if (!st?.isFile()) continue;
    const sha256 = await hashFile(claimed).catch(() => null);
    // Swapped for a link since the lstat, or unreadable: left for the next start.
    if (sha256 === null) continue;
    const entry = ledger.find(sha256, st.size);
    if (entry?.status === 'done') await handling.toDone(claimed, name);
    else if (entry?.status === 'failed')
      await handling.toError(claimed, name, (entry.code as ErrorCode | null) ?? 'INTERNAL', null);
    else resume(name, claimed, st.size, sha256, entry ?? undefined);
  }
}
