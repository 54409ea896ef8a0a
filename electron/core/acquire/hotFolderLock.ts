// One watcher per folder per machine: a second one (the app and a `sohoa hotfolder watch`
// started by hand) would finish the first one's files in their shared work folder on start. The
// lock is a file holding the owner's pid in the work folder; a lock left by a process that is
// gone is taken over.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { LOCK_NAME } from './hotFolderFiles';

/** Work folders locked by this process (a lock file with our own pid may be a crash's leftover). */
const LOCKED_HERE = new Set<string>();

export class WorkFolderLock {
  private locked = false;

  constructor(
    private readonly workDir: string,
    /** Named in HOTFOLDER_BUSY. */
    private readonly inbox: string,
  ) {}

  private get file(): string {
    return path.join(this.workDir, LOCK_NAME);
  }

  /** Takes the lock, or throws HOTFOLDER_BUSY when a live process holds it. */
  async acquire(): Promise<void> {
    const file = this.file;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, String(process.pid), { flag: 'wx' });
        this.locked = true;
        LOCKED_HERE.add(this.workDir);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const pid = Number(await fs.readFile(file, 'utf8').catch(() => ''));
      const busy = pid === process.pid ? LOCKED_HERE.has(this.workDir) : pid > 0 && isAlive(pid);
      if (busy) throw new SohoaError('HOTFOLDER_BUSY', this.inbox);
      await fs.rm(file, { force: true });
    }
    throw new SohoaError('HOTFOLDER_BUSY', this.inbox);
  }

  async release(): Promise<void> {
    if (this.locked) {
      await fs.rm(this.file, { force: true });
      LOCKED_HERE.delete(this.workDir);
    }
    this.locked = false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else, which still counts as alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
