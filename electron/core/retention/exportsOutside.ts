// Where a record's packages were exported outside the data folder. An export is the clerk's copy
// to hand over (a USB stick, a share): the desk cannot erase it, so it notes each location and an
// erasure lists them for the user to deal with. The note lives in the data folder (sealed in a
// vault) as `exported/<code>.json`; it holds paths and dates, never the package's content.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportedPackage } from '../../../shared/contracts/retention';
import { writeFileDurablySync } from '../archive/durableFile';
import { readDataFileSync } from '../vault/files';

const NOTES_DIR = 'exported';

/** The note's file; the name is made from the code as the export folder's name is. */
function noteFile(dataDir: string, code: string): string {
  return path.join(dataDir, NOTES_DIR, `${code.replace(/[^\p{L}\p{N}._-]/gu, '_')}.json`);
}

type Note = Omit<ExportedPackage, 'present'>;

function readNotes(dataDir: string, code: string): Note[] {
  try {
    return JSON.parse(readDataFileSync(noteFile(dataDir, code)).toString('utf8')) as Note[];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/**
 * Notes that `code` was exported to `location` (a folder or a .zip), when that lies outside the
 * data folder of `archiveFile` (inside, the erasure removes it itself).
 */
export function noteExport(
  archiveFile: string,
  code: string,
  location: string,
  format: string,
  at = new Date(),
): void {
  if (archiveFile === ':memory:' || archiveFile === '') return;
  const dataDir = path.dirname(path.resolve(archiveFile));
  const rel = path.relative(dataDir, path.resolve(location));
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return;
  const notes = readNotes(dataDir, code).filter((n) => n.location !== location);
  notes.push({ location: path.resolve(location), format, exportedAt: at.toISOString() });
  fs.mkdirSync(path.join(dataDir, NOTES_DIR), { recursive: true });
  writeFileDurablySync(noteFile(dataDir, code), JSON.stringify(notes));
}

/** The packages of `code` exported outside the data folder, and whether each is still there. */
export function exportsOutside(dataDir: string, code: string): ExportedPackage[] {
  return readNotes(dataDir, code).map((n) => ({ ...n, present: fs.existsSync(n.location) }));
}
