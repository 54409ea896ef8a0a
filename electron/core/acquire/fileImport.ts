// File import: one file, or a folder and everything under it, as a stream of scans in a stable
// order (natural order per folder level: trang2 before trang10, the same on every machine).
// Hidden and system files are skipped and counted, never read.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { isHiddenOrSystem, isScanFileName } from './fileImportFormats';
import type {
  AcquiredPage,
  AcquireOptions,
  DeviceCapabilities,
  DeviceInfo,
  SourceDriver,
} from './source';

export interface ImportedFile {
  /** Relative to the folder imported, '/'-separated (the file's own name for a single file). */
  name: string;
  path: string;
  size: number;
}

export interface ImportListing {
  files: ImportedFile[];
  /** Files passed over: hidden, system, or not a scan format. */
  skipped: number;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural order, then code points, so two names never tie and the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export async function listScanFiles(target: string): Promise<ImportListing> {
  const root = path.resolve(target);
  const st = await fs.stat(root).catch(() => null);
  if (!st) throw new SohoaError('IMPORT_PATH_NOT_FOUND', path.basename(root));
  // A file the clerk picked by hand is taken whatever its name: the pipeline sniffs its format.
  if (st.isFile())
    return { files: [{ name: path.basename(root), path: root, size: st.size }], skipped: 0 };
  const listing: ImportListing = { files: [], skipped: 0 };
  await walk(root, '', listing);
  return listing;
}

async function walk(dir: string, prefix: string, out: ImportListing): Promise<void> {
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) =>
    compareNames(a.name, b.name),
  );
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isHiddenOrSystem(entry.name)) {
      out.skipped++;
      continue;
    }
    // Symbolic links to folders are not followed: a link back up would loop for ever.
    if (entry.isDirectory()) await walk(full, name, out);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      const st = await fs.stat(full).catch(() => null);
      if (st?.isFile() && isScanFileName(entry.name))
        out.files.push({ name, path: full, size: st.size });
      else out.skipped++;
    }
  }
}

/** The 'files' source: the device id is the file or folder to import. */
export class FileImportDriver implements SourceDriver {
  readonly kind = 'files' as const;

  listDevices(): Promise<DeviceInfo[]> {
    return Promise.resolve([]);
  }

  capabilities(): Promise<DeviceCapabilities> {
    return Promise.resolve({ sources: [], duplex: false, colorModes: [], resolutions: [] });
  }

  async *acquire(
    target: string,
    _settings: unknown,
    options: AcquireOptions = {},
  ): AsyncIterable<AcquiredPage> {
    const { files } = await listScanFiles(target);
    if (!files.length) throw new SohoaError('IMPORT_NOTHING_FOUND', path.basename(target));
    let index = 0;
    for (const file of files) {
      if (options.signal?.aborted) throw new SohoaError('CANCELLED', file.name);
      yield { name: file.name, read: () => fs.readFile(file.path), index };
      index++;
      options.onProgress?.({ pagesDone: index, pagesExpected: files.length });
    }
  }
}
