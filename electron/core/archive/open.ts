// Opens the desk's archive the way every command and the app do: the data folder's database and
// blob store, so the CLI, the app and the tests agree on where things live.
import fs from 'node:fs';
import { dataPaths, defaultDataDir, type DataPaths } from '../config/paths';
import { Archive, type ArchiveOptions } from './archive';
import { BlobStore } from './blobStore';

export interface OpenedArchive {
  paths: DataPaths;
  archive: Archive;
  blobs: BlobStore;
  close(): void;
}

export function openArchive(dataDir?: string, options: ArchiveOptions = {}): OpenedArchive {
  const paths = dataPaths(dataDir ?? defaultDataDir());
  fs.mkdirSync(paths.root, { recursive: true });
  const archive = new Archive(paths.database, options);
  return { paths, archive, blobs: new BlobStore(paths.blobsDir), close: () => archive.close() };
}

/** Every stored file against its hash; returns the record files that are missing or changed. */
export async function verifyFiles(opened: OpenedArchive): Promise<string[]> {
  const bad: string[] = [];
  for (const f of opened.archive.storedFiles())
    if (!(await opened.blobs.verify(f.sha256))) bad.push(f.name);
  return bad;
}
