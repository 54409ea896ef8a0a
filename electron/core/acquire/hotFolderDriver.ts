// The hot folder behind the one source interface: each configured folder is a "device", and
// acquiring from it streams the files as they are taken, until cancelled. A file counts as done
// (moved to done/) once the consumer asks for the next one; if the consumer stops before that,
// the file goes back to the folder untaken, to be taken next time.
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { HotFolder, HotFolderRelease, type TakenFile } from './hotFolder';
import { HotFolderLedger } from './hotFolderLedger';
import type {
  AcquiredPage,
  AcquireOptions,
  DeviceCapabilities,
  DeviceInfo,
  SourceDriver,
} from './source';

export interface HotFolderConfig {
  /** The folder the scanner writes into (a mapped drive or UNC path on Windows). */
  inbox: string;
  /** Shown to the clerk; defaults to the folder's name. */
  label?: string;
}

/** Folders from SOHOA_HOT_FOLDER (several separated by the platform's path delimiter). */
export function hotFoldersFromEnv(env: NodeJS.ProcessEnv = process.env): HotFolderConfig[] {
  return (env.SOHOA_HOT_FOLDER ?? '')
    .split(path.delimiter)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((inbox) => ({ inbox: path.resolve(inbox) }));
}

export function ledgerFileIn(dataDir: string): string {
  return path.join(dataDir, 'hotfolder.sqlite');
}

interface Waiter {
  file: TakenFile;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const ACTIVE_HOT_FOLDERS = new Map<string, HotFolder>();

export class HotFolderDriver implements SourceDriver {
  readonly kind = 'hotfolder' as const;
  /**
   * The folders being watched right now in this process, by device id, whichever driver instance
   * watches them (the batch queue's or the reception's): the status feed reads it.
   */
  readonly active = ACTIVE_HOT_FOLDERS;

  constructor(
    private readonly folders: readonly HotFolderConfig[],
    private readonly ledgerFile: string,
    private readonly tuning: { pollMs?: number; stableMs?: number; stablePolls?: number } = {},
  ) {}

  listDevices(): Promise<DeviceInfo[]> {
    return Promise.resolve(
      this.folders.map((f) => ({
        id: f.inbox,
        kind: this.kind,
        name: f.label ?? path.basename(f.inbox),
      })),
    );
  }

  capabilities(): Promise<DeviceCapabilities> {
    // Whatever the scanner was set to write: the folder itself has no settings.
    return Promise.resolve({ sources: ['feeder'], duplex: false, colorModes: [], resolutions: [] });
  }

  async *acquire(
    deviceId: string,
    _settings: unknown,
    options: AcquireOptions = {},
  ): AsyncIterable<AcquiredPage> {
    const config = this.folders.find((f) => f.inbox === deviceId);
    if (!config) throw new SohoaError('HOTFOLDER_NOT_CONFIGURED', deviceId);
    const ledger = new HotFolderLedger(this.ledgerFile, config.inbox);
    const queue: Waiter[] = [];
    let wake: (() => void) | null = null;
    let closing = false;
    const hot = new HotFolder({
      inbox: config.inbox,
      ledger,
      ...this.tuning,
      // One at a time: the order of the stream is the order the files became complete.
      concurrency: 1,
      handle: (file) =>
        new Promise<void>((resolve, reject) => {
          if (closing) return reject(new HotFolderRelease());
          queue.push({ file, resolve, reject });
          wake?.();
        }),
    });
    const stopped = new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    await hot.start();
    this.active.set(deviceId, hot);
    let current: Waiter | undefined;
    let index = 0;
    try {
      for (;;) {
        if (!queue.length) {
          await Promise.race([new Promise<void>((r) => (wake = r)), stopped]);
          wake = null;
        }
        if (options.signal?.aborted) break;
        current = queue.shift();
        if (!current) continue;
        const file = current.file;
        yield { name: file.name, read: () => file.read(), index };
        index++;
        options.onProgress?.({ pagesDone: index });
        current.resolve();
        current = undefined;
      }
    } finally {
      // Whatever was handed out but not finished goes back to the folder, untaken.
      closing = true;
      for (const w of [...(current ? [current] : []), ...queue]) w.reject(new HotFolderRelease());
      await hot.stop();
      this.active.delete(deviceId);
      ledger.close();
    }
  }
}
