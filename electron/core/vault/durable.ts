// The vault's own durable writes (its files and migration copies), bytes as given: never sealed,
// whatever folder they land in. The desk's other files go through archive/durableFile.ts. Every
// temporary name ends in VAULT_TMP, so a migration that was killed knows what to sweep.
import fs from 'node:fs';
import path from 'node:path';

export const VAULT_TMP = '.vault-tmp';

/** Writes and fsyncs `file` (owner-only), without renaming. */
export function writeSynced(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(file, 0o600);
}

export function writeDurablyRaw(target: string, data: string | Uint8Array): void {
  const tmp = target + VAULT_TMP;
  writeSynced(tmp, data);
  fs.renameSync(tmp, target);
  fsyncDir(path.dirname(target));
}

export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
