// Where the desk keeps its data. One folder per user (overridable for tests, IT and the CLI),
// following each platform's convention so IT staff find it where they expect. On Windows it is
// the local, not the roaming, application data: a roaming profile would copy every applicant's
// papers onto the domain's file server at each sign-out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'SohoaDesk';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SOHOA_DATA_DIR) return path.resolve(env.SOHOA_DATA_DIR);
  switch (platform) {
    case 'win32':
      return path.join(
        env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'),
        APP_DIR_NAME,
      );
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.join(
        env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'),
        APP_DIR_NAME,
      );
  }
}

/** Where earlier versions kept the data on Windows (roaming), to move it from once. */
export function roamingDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
}

/**
 * Creates the data folder owner-only (0700, set explicitly so the umask does not decide) and,
 * on Windows, moves an existing roaming folder to the local one first. Returns the folder.
 */
export function ensureDataDir(
  root: string,
  options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  if (
    platform === 'win32' &&
    !env.SOHOA_DATA_DIR &&
    path.resolve(root) === path.resolve(defaultDataDir(env, platform))
  )
    moveRoamingFolder(roamingDataDir(env), root);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  if (platform !== 'win32') fs.chmodSync(root, 0o700);
  return root;
}

/** A rename when both are on one volume; else nothing moves and the roaming folder stays. */
function moveRoamingFolder(from: string, to: string): void {
  if (!fs.existsSync(from) || fs.existsSync(to)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.renameSync(from, to);
  } catch (e) {
    // Another volume (a redirected profile): copied whole, then the roaming copy removed, so the
    // applicants' data does not stay on the server.
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    fs.cpSync(from, `${to}.moving`, { recursive: true, errorOnExist: true });
    fs.renameSync(`${to}.moving`, to);
    fs.rmSync(from, { recursive: true, force: true });
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
