// Which of some files another process on this machine still holds open. On Windows the claim's
// exclusive rename already fails while a writer has the file; Linux has no such lock, so there we
// look at every process's open descriptors in /proc. It sees writers on this machine (a local
// scanner tool, the Samba server when the desk hosts the share), not on other machines: there the
// stability window remains the guard. One pass costs ~30 ms for ~1000 descriptors, so it runs
// once per poll and only when some file looks ready.
import fs from 'node:fs';

export function openByOthers(files: readonly string[]): Set<string> {
  const open = new Set<string>();
  if (process.platform !== 'linux' || files.length === 0) return open;
  // /proc shows real paths: a folder reached through a symbolic link must compare as such.
  const real = new Map<string, string>();
  for (const f of files) {
    try {
      real.set(fs.realpathSync(f), f);
    } catch {
      // gone meanwhile
    }
  }
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return open;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's process
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const file = real.get(target);
        if (file !== undefined) open.add(file);
      } catch {
        // closed meanwhile
      }
    }
  }
  return open;
}
