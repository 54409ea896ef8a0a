// What the hot folder hands its handler and tells its watchers: a taken file, the events of its
// status feed, the files still waiting to become stable, and the signal a handler throws to put
// a file back untaken.
import type { ErrorCode } from '../../../shared/errors';

export interface TakenFile {
  /** The name it had in the hot folder. */
  name: string;
  /** Where it sits while being handled (inside the work folder). */
  path: string;
  size: number;
  sha256: string;
  read(): Promise<Buffer>;
}

/** Thrown by a handler that did not use the file: it goes back to the folder, untaken. */
export class HotFolderRelease extends Error {
  constructor() {
    super('released');
    this.name = 'HotFolderRelease';
  }
}

export type HotFolderEventKind = 'taken' | 'done' | 'error' | 'duplicate' | 'released';

export interface HotFolderEvent {
  at: string;
  kind: HotFolderEventKind;
  name: string;
  code?: ErrorCode;
}

export interface WaitingFile {
  name: string;
  size: number;
  /** Since when the size and mtime have been what they are now. */
  stableSinceMs: number;
}

/** Where a hot folder's files are: the inbox and, beside or inside it, work, done and error. */
export interface HotFolderDirs {
  inbox: string;
  workDir: string;
  doneDir: string;
  errorDir: string;
}
