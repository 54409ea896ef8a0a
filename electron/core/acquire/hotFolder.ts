// Scan-to-folder: a scanner (or a colleague) drops files into a folder, often on a network share,
// and the desk takes each one exactly once, only when it is completely written. fs.watch makes
// the desk prompt; polling is the safety net, as network shares drop change events.
//
// This class runs the loop; each step has its module: the folders on disk and the reason files
// (hotFolderFiles.ts), one watcher per folder (hotFolderLock.ts), when a file is complete
// (hotFolderStability.ts), claiming it (hotFolderClaim.ts), handling it through the ledger to
// done/ or error/ (hotFolderHandling.ts), and finishing what a crash left (hotFolderRecovery.ts).
import { watch, type FSWatcher } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { asErrorInfo, type ErrorCode } from '../../../shared/errors';
import { checkUnchanged, moveIntoWork } from './hotFolderClaim';
import { hasScanNames, hotFolderDirs, listScanFiles, prepareFolders } from './hotFolderFiles';
import { HotFolderHandling } from './hotFolderHandling';
import type { HotFolderLedger, LedgerEntry } from './hotFolderLedger';
import { WorkFolderLock } from './hotFolderLock';
import { openByOthers } from './hotFolderOpenFiles';
import { recoverWorkFolder } from './hotFolderRecovery';
import { isNotRegularFile, safeName } from './hotFolderSafety';
import { StabilityWatch, type Seen } from './hotFolderStability';
import type {
  HotFolderDirs,
  HotFolderEvent,
  HotFolderEventKind,
  TakenFile,
  WaitingFile,
} from './hotFolderTypes';

// Kept where the CLI, the driver and the tests have always found them.
export {
  DONE_DIR_NAME,
  ERROR_DIR_NAME,
  REASON_SUFFIX,
  WORK_DIR_NAME,
  reasonText,
  workDirOf,
} from './hotFolderFiles';
export {
  HotFolderRelease,
  type HotFolderEvent,
  type HotFolderEventKind,
  type TakenFile,
  type WaitingFile,
} from './hotFolderTypes';

export interface HotFolderOptions {
  inbox: string;
  ledger: HotFolderLedger;
  /** Does the work; throws to send the file to error/ (a SohoaError's code becomes the reason). */
  handle: (file: TakenFile) => Promise<void>;
  doneDir?: string;
  errorDir?: string;
  pollMs?: number;
  stablePolls?: number;
  stableMs?: number;
  /** Files handled at once. */
  concurrency?: number;
  /** An empty file still empty after this long goes to error/ (a scanner that gave up). */
  emptyTimeoutMs?: number;
  /** Events as they happen (the status feed keeps the last ones too). */
  onEvent?: (event: HotFolderEvent) => void;
  clock?: () => Date;
}

const FEED_LENGTH = 100;

export class HotFolder {
  readonly inbox: string;
  readonly doneDir: string;
  readonly errorDir: string;
  readonly workDir: string;
  private readonly dirs: HotFolderDirs;
  private readonly pollMs: number;
  private readonly stableMs: number;
  private readonly concurrency: number;
  private readonly clock: () => Date;
  private readonly files: StabilityWatch;
  private readonly handling: HotFolderHandling;
  private readonly lock: WorkFolderLock;
  private readonly feed: HotFolderEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private rescan = false;
  private running = false;
  private lastError: ErrorCode | null = null;
  /** Files claimed too early and put back (a writer was still writing): a measure for tuning. */
  private returned = 0;

  constructor(private readonly options: HotFolderOptions) {
    this.dirs = hotFolderDirs(options.inbox, options);
    this.inbox = this.dirs.inbox;
    this.doneDir = this.dirs.doneDir;
    this.errorDir = this.dirs.errorDir;
    this.workDir = this.dirs.workDir;
    this.pollMs = options.pollMs ?? 1000;
    this.stableMs = options.stableMs ?? 2000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.clock = options.clock ?? (() => new Date());
    this.files = new StabilityWatch({
      stablePolls: options.stablePolls ?? 2,
      stableMs: this.stableMs,
      emptyTimeoutMs: options.emptyTimeoutMs ?? 60_000,
    });
    this.handling = new HotFolderHandling({
      dirs: this.dirs,
      ledger: options.ledger,
      handle: options.handle,
      clock: this.clock,
      emit: (kind, name, code) => this.emit(kind, name, code),
    });
    this.lock = new WorkFolderLock(this.workDir, this.inbox);
  }

  async start(): Promise<void> {
    await prepareFolders(this.dirs);
    await this.lock.acquire();
    this.running = true;
    await recoverWorkFolder(this.workDir, this.options.ledger, this.handling, (...args) =>
      this.resume(...args),
    );
    try {
      this.watcher = watch(this.inbox, () => this.scanSoon());
      this.watcher.on('error', () => {
        // The share dropped its notifications; polling carries on alone.
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
    this.timer = setInterval(() => void this.scan(), this.pollMs);
    void this.scan();
  }

  /** Stops watching and waits for the files being handled. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.watcher?.close();
    this.timer = this.soon = this.watcher = null;
    await this.scanning;
    await Promise.allSettled([...this.inFlight]);
    await this.lock.release();
  }

  status(): {
    waiting: WaitingFile[];
    handling: number;
    feed: HotFolderEvent[];
    lastError: ErrorCode | null;
    putBack: number;
  } {
    return {
      waiting: this.files.waiting(),
      handling: this.inFlight.size,
      feed: [...this.feed].reverse(),
      lastError: this.lastError,
      putBack: this.returned,
    };
  }

  /** Resolves when nothing is waiting or being handled (for the CLI's --once and for tests). */
  async idle(): Promise<void> {
    for (;;) {
      await this.scan();
      if (this.inFlight.size === 0 && this.files.size === 0 && !(await hasScanNames(this.inbox)))
        return;
      await Promise.race([...this.inFlight, delay(this.pollMs)]);
    }
  }

  private scanSoon(): void {
    if (!this.running || this.soon) return;
    // A burst of events (a file written in chunks) becomes one scan.
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.scan();
    }, 50);
  }

  scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      try {
        do {
          this.rescan = false;
          await this.scanOnce();
        } while (this.rescan && this.running);
      } finally {
        this.scanning = null;
      }
    })();
    return this.scanning;
  }

  /** One poll: each scan in the inbox observed; the stable ones claimed while slots are free. */
  private async scanOnce(): Promise<void> {
    const names = await listScanFiles(this.inbox);
    if (!names) {
      this.lastError = 'HOTFOLDER_UNREACHABLE';
      return;
    }
    this.lastError = null;
    const now = Date.now();
    const ready: string[] = [];
    this.files.keepOnly(names);
    for (const name of names) {
      if (!this.running) return;
      let st;
      try {
        st = await fs.stat(path.join(this.inbox, name));
      } catch {
        this.files.forget(name);
        continue;
      }
      const seen = this.files.observe(name, st, now);
      // Check again once it could have become stable, without waiting for the next poll.
      if (seen === 'changed' && this.running)
        setTimeout(() => this.scanSoon(), this.stableMs + 10).unref();
      else if (seen === 'abandoned') {
        this.files.forget(name);
        await this.handling.rejectEmpty(name);
      } else if (seen === 'ready') ready.push(name);
    }
    // Still open in a writer on this machine (Linux has no lock to stop the rename): not yet.
    const open = openByOthers(ready.map((n) => path.join(this.inbox, n)));
    for (const name of ready) {
      const stable = this.files.get(name);
      if (!this.running || this.inFlight.size >= this.concurrency) return;
      if (!stable || open.has(path.join(this.inbox, name))) continue;
      await this.claim(name, stable);
    }
  }

  /** Moves a stable file into the work folder and hands it on; leaves it when it is not ready. */
  private async claim(name: string, stable: Seen): Promise<void> {
    const moved = await moveIntoWork(this.dirs, name);
    if (moved.claimed === null) {
      // Locked by its writer: start the stability count again.
      if (moved.locked) stable.polls = 0;
      else this.files.forget(name);
      return;
    }
    this.files.forget(name);
    // Swapped for a link between the listing and the rename: never followed.
    if (await isNotRegularFile(moved.claimed)) {
      await this.handling.dropLink(moved.claimed);
      return;
    }
    const checked = await checkUnchanged(this.dirs, name, moved.claimed, stable);
    if (!checked) return;
    if ('putBack' in checked) {
      this.files.restart(name, checked.putBack);
      this.returned++;
      return;
    }
    this.resume(name, moved.claimed, stable.size, checked.sha256);
  }

  /** Hands a claimed file to its handling, counted among the files in flight. */
  private resume(
    name: string,
    claimed: string,
    size: number,
    sha256: string,
    entry?: LedgerEntry,
  ): void {
    const tracked = this.handling
      .process(name, claimed, size, sha256, entry)
      .catch((e: unknown) => {
        // done/ or error/ refused (turned into a link) or gone: the file waits in the work
        // folder for the next start's recovery; the status says why meanwhile.
        this.lastError = asErrorInfo(e, 'HOTFOLDER_UNREACHABLE').code;
        this.emit('error', name, this.lastError);
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        // A slot is free: files that were stable but waiting for it can go now.
        this.scanSoon();
      });
    this.inFlight.add(tracked);
  }

  private emit(kind: HotFolderEventKind, name: string, code?: ErrorCode): void {
    const event: HotFolderEvent = {
      at: this.clock().toISOString(),
      kind,
      // The feed reaches the screen, the CLI's output and logs: never a raw name from the share.
      name: safeName(name),
      ...(code ? { code } : {}),
    };
    this.feed.push(event);
    if (this.feed.length > FEED_LENGTH) this.feed.shift();
    this.options.onEvent?.(event);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
