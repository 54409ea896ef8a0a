// Where the desk keeps its data. One folder per user (overridable for tests, IT and the CLI),
// following each platform's convention so IT staff find it where they expect.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'SohoaDesk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOHOA_DATA_DIR) return path.resolve(env.SOHOA_DATA_DIR);
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.join(
        env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'),
        APP_DIR_NAME,
      );
  }
}

export interface DataPaths {
  root: string;
  database: string;
  outputDir: string;
  keysDir: string;
  tessdataDir: string;
  blobsDir: string;
  /** Work in progress (the PDF being written); emptied of stale files on start. */
  tmpDir: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    database: path.join(root, 'archive.sqlite'),
    outputDir: path.join(root, 'output'),
    keysDir: path.join(root, 'keys'),
    tessdataDir: path.join(root, 'tessdata'),
    blobsDir: path.join(root, 'blobs'),
    tmpDir: path.join(root, 'tmp'),
  };
}
