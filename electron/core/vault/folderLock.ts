// Processes that share a data folder (the app, a `sohoa hotfolder` watcher, another CLI command,
// a second app pointed at the same folder) agree through lock files in `<folder>/.lock/`. Each
// holds a shared entry while it uses the folder; replacing the stores wholesale (the first
// encryption, a restore into a new vault) takes the exclusive entry, which is refused while
// another process holds a shared one, and no process starts while another holds the exclusive
// one. Both sides announce themselves before looking at the other, so two that start at once
// may both step back but never both go on. Entries name the pid and host: an entry whose process
// is gone (this host: the pid no longer runs; another host sharing the folder: not refreshed for
// STALE_MS) is removed by the next taker, so a crash or kill -9 never leaves the folder locked.
// Node has no flock(); lock files created with O_EXCL work the same on every OS and on shares.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';

export const LOCK_DIR = '.lock';
const EXCLUSIVE = 'exclusive.json';
const STALE_MS = 120_000;
const REFRESH_MS = 30_000;
const POLL_MS = 100;

interface Entry {
  pid: number;
  host: string;
  since: string;
}

const self = (): Entry => ({
  pid: process.pid,
  host: os.hostname(),
  since: new Date().toISOString(),
});
const isSelf = (e: Entry) => e.pid === process.pid && e.host === os.hostname();

function lockDir(folder: string): string {
  return path.join(folder, LOCK_DIR);
}

/** Writes an entry; the folder is made on demand (the last holder to leave removes it). */
function writeEntry(file: string, flag: 'w' | 'wx'): void {
  for (let attempt = 0; ; attempt++) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, JSON.stringify(self()), { flag, mode: 0o600 });
      return;
    } catch (e) {
      // Removed between the mkdir and the write by a holder leaving: make it again.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 3) throw e;
    }
  }
}

/** Removes an entry, and the lock folder when it was the last one. */
function removeEntry(file: string): void {
  fs.rmSync(file, { force: true });
  try {
    fs.rmdirSync(path.dirname(file));
  } catch {
    // Other entries remain (or it is gone already).
  }
}

function readEntry(file: string): Entry | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Entry;
  } catch {
    return null; // gone, or caught half-written: the next look decides
  }
}

function alive(file: string, entry: Entry): boolean {
  if (entry.host === os.hostname()) {
    try {
      process.kill(entry.pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM'; // runs, under another account
    }
  }
  try {
    return Date.now() - fs.statSync(file).mtimeMs < STALE_MS;
  } catch {
    return false;
  }
}

/** Other processes' live entries whose names start with `prefix`; stale ones are removed. */
function others(dir: string, prefix: string): Entry[] {
  const live: Entry[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return live; // no entries at all
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const file = path.join(dir, name);
    const entry = readEntry(file);
    if (!entry || isSelf(entry)) continue;
    if (alive(file, entry)) live.push(entry);
    else fs.rmSync(file, { force: true });
  }
  return live;
}

function busy(folder: string, holder: Entry): SohoaError {
  return new SohoaError(
    'DATA_FOLDER_BUSY',
    `${path.basename(folder)}: pid ${holder.pid}, ${holder.host}`,
  );
}

interface Held {
  count: number;
  file: string;
  timer: NodeJS.Timeout;
}
const held = new Map<string, Held>();
let exitHook = false;

export interface FolderHold {
  release(): void;
}

/**
 * The shared hold every process takes before it opens the stores of `folder`; refused (typed,
 * vi/en) while another process replaces them. Taken twice in one process it is counted.
 */
export function holdDataFolder(folder: string): FolderHold {
  const at = path.resolve(folder);
  let h = held.get(at);
  if (!h) {
    const dir = lockDir(at);
    const file = path.join(dir, `shared-${os.hostname()}-${process.pid}.json`);
    writeEntry(file, 'w');
    const blocking = others(dir, EXCLUSIVE);
    if (blocking.length) {
      removeEntry(file);
      throw busy(at, blocking[0]!);
    }
    // Another host sees this entry as live only while it is refreshed.
    const timer = setInterval(() => touch(file), REFRESH_MS).unref();
    h = { count: 0, file, timer };
    held.set(at, h);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const x of held.values()) removeEntry(x.file);
      });
    }
  }
  const hold = h;
  hold.count++;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (--hold.count > 0) return;
      clearInterval(hold.timer);
      removeEntry(hold.file);
      held.delete(at);
    },
  };
}

function touch(file: string): void {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // The folder went away; the next hold writes a new entry.
  }
}

/**
 * Runs `fn` while this process alone uses `folder` (its own shared hold allowed). Waits up to
 * `waitMs` for others to step back (a short CLI command ends by itself), then refuses.
 */
export async function withFolderAlone<T>(
  folder: string,
  fn: () => Promise<T> | T,
  waitMs = 5000,
): Promise<T> {
  const dir = lockDir(path.resolve(folder));
  const file = path.join(dir, EXCLUSIVE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    let holder: Entry | undefined;
    try {
      writeEntry(file, 'wx');
      holder = others(dir, 'shared-')[0];
      if (!holder) break;
      removeEntry(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      holder = others(dir, EXCLUSIVE)[0];
      // Our own (a nested call) or one left by a process that is gone.
      if (!holder) {
        const entry = readEntry(file);
        if (entry && isSelf(entry)) return fn();
        continue;
      }
    }
    if (Date.now() >= deadline) throw busy(folder, holder);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    removeEntry(file);
  }
}
