// The migration journal, vault-migration.json: which stores of a data folder are encrypted
// already. It exists from the moment a plain data folder gets its vault until every store is
// done, so a migration killed at any point resumes where it stopped, and while it exists a plain
// file inside the vault is still a legitimate one.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const JOURNAL_FILE = 'vault-migration.json';

export const Journal = z.object({
  format: z.literal('sohoa-vault-migration/1'),
  startedAt: z.string(),
  /** Stores finished, by name (a database's file name, or "files" for the sealed files). */
  done: z.array(z.string()),
});
export type Journal = z.infer<typeof Journal>;

export function readJournal(root: string): Journal | null {
  try {
    return Journal.parse(JSON.parse(fs.readFileSync(path.join(root, JOURNAL_FILE), 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function migrationUnderWay(root: string): boolean {
  return fs.existsSync(path.join(root, JOURNAL_FILE));
}
