// Scan-to-folder: a scanner (or a colleague) drops files into a folder, often on a network share,
// and the desk takes each one exactly once, only when it is completely written.
//
// A file is taken when (1) its size and mtime have not changed across `stablePolls` polls spanning
// at least `stableMs`, (2) it can be renamed into the work folder (on Windows a writer's open
// handle blocks the rename: that is the lock test), and (3) it did not change while we hashed it
// (on Linux a writer keeps writing into a renamed file; then it goes back and waits). fs.watch
// makes the desk prompt; polling is the safety net, as network shares drop change events.
// Taken files go to done/ or, with a reason file in Vietnamese and English, to error/.
import { createHash } from 'node:crypto';
import { createReadStream, watch, type FSWatcher } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorInfo, isSohoaError, SohoaError, type ErrorCode } from '../../../shared/errors';
import { checkScanFile, isScanFileName } from './fileImportFormats';
import type { HotFolderLedger, LedgerEntry } from './hotFolderLedger';
import { openByOthers } from './hotFolderOpenFiles';

export const WORK_DIR_NAME = '.sohoa-dang-xu-ly';
export const DONE_DIR_NAME = 'done';
export const ERROR_DIR_NAME = 'error';
/** Beside each file in error/: `<name>.ly-do.txt` (Vietnamese and English). */
export const REASON_SUFFIX = '.ly-do.txt';
const LOCK_NAME = '.khoa';
/** Work folders locked by this process (a lock file with our own pid may be a crash's leftover). */
const LOCKED_HERE = new Set<string>();

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

interface Seen {
  size: number;
  mtimeMs: number;
  sinceMs: number;
  polls: number;
}

const FEED_LENGTH = 100;
/** Errors a rename returns while another process holds the file open (Windows, SMB). */
const LOCKED_CODES = new Set(['EBUSY', 'EPERM', 'EACCES']);

export class HotFolder {
  readonly inbox: string;
  readonly doneDir: string;
  readonly errorDir: string;
  readonly workDir: string;
  private readonly pollMs: number;
  private readonly stablePolls: number;
  private readonly stableMs: number;
  private readonly concurrency: number;
  private readonly emptyTimeoutMs: number;
  private readonly clock: () => Date;
  private readonly seen = new Map<string, Seen>();
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
  private locked = false;

  constructor(private readonly options: HotFolderOptions) {
    this.inbox = path.resolve(options.inbox);
    this.doneDir = options.doneDir ?? path.join(this.inbox, DONE_DIR_NAME);
    this.errorDir = options.errorDir ?? path.join(this.inbox, ERROR_DIR_NAME);
    this.workDir = workDirOf(this.inbox);
    this.pollMs = options.pollMs ?? 1000;
    this.stablePolls = options.stablePolls ?? 2;
    this.stableMs = options.stableMs ?? 2000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.emptyTimeoutMs = options.emptyTimeoutMs ?? 60_000;
    this.clock = options.clock ?? (() => new Date());
  }

  async start(): Promise<void> {
    try {
      await fs.access(this.inbox);
      for (const dir of [this.workDir, this.doneDir, this.errorDir])
        await fs.mkdir(dir, { recursive: true });
    } catch (cause) {
      throw new SohoaError('HOTFOLDER_UNREACHABLE', this.inbox, { cause });
    }
    await this.lock();
    this.running = true;
    await this.recover();
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
    if (this.locked) {
      await fs.rm(this.lockFile(), { force: true });
      LOCKED_HERE.delete(this.workDir);
    }
    this.locked = false;
  }

  private lockFile(): string {
    return path.join(this.workDir, LOCK_NAME);
  }

  /**
   * One watcher per folder per machine: a second one (the app and a `sohoa hotfolder watch`
   * started by hand) would finish the first one's files in their shared work folder on start.
   * A lock left by a process that is gone is taken over.
   */
  private async lock(): Promise<void> {
    const file = this.lockFile();
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, String(process.pid), { flag: 'wx' });
        this.locked = true;
        LOCKED_HERE.add(this.workDir);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const pid = Number(await fs.readFile(file, 'utf8').catch(() => ''));
      const busy = pid === process.pid ? LOCKED_HERE.has(this.workDir) : pid > 0 && isAlive(pid);
      if (busy) throw new SohoaError('HOTFOLDER_BUSY', this.inbox);
      await fs.rm(file, { force: true });
    }
    throw new SohoaError('HOTFOLDER_BUSY', this.inbox);
  }

  status(): {
    waiting: WaitingFile[];
    handling: number;
    feed: HotFolderEvent[];
    lastError: ErrorCode | null;
    putBack: number;
  } {
    return {
      waiting: [...this.seen.entries()].map(([name, s]) => ({
        name,
        size: s.size,
        stableSinceMs: s.sinceMs,
      })),
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
      if (this.inFlight.size === 0 && this.seen.size === 0 && !(await this.hasScans())) return;
      await Promise.race([...this.inFlight, delay(this.pollMs)]);
    }
  }

  private async hasScans(): Promise<boolean> {
    const names = await fs.readdir(this.inbox).catch(() => []);
    return names.some((n) => isScanFileName(n));
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

  private async scanOnce(): Promise<void> {
    let names: string[];
    try {
      names = (await fs.readdir(this.inbox, { withFileTypes: true }))
        .filter((d) => d.isFile() && isScanFileName(d.name))
        .map((d) => d.name)
        .sort();
      this.lastError = null;
    } catch {
      this.lastError = 'HOTFOLDER_UNREACHABLE';
      return;
    }
    const now = Date.now();
    const ready: string[] = [];
    for (const name of [...this.seen.keys()]) if (!names.includes(name)) this.seen.delete(name);
    for (const name of names) {
      if (!this.running) return;
      let st;
      try {
        st = await fs.stat(path.join(this.inbox, name));
      } catch {
        this.seen.delete(name);
        continue;
      }
      const prev = this.seen.get(name);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        this.seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, sinceMs: now, polls: 0 });
        // Check again once it could have become stable, without waiting for the next poll.
        if (this.running) setTimeout(() => this.scanSoon(), this.stableMs + 10).unref();
        continue;
      }
      prev.polls++;
      if (prev.size === 0) {
        // Scanners often create the file first and write it later: only a long wait is a failure.
        if (now - prev.sinceMs >= this.emptyTimeoutMs) await this.rejectEmpty(name);
        continue;
      }
      if (prev.polls < this.stablePolls || now - prev.sinceMs < this.stableMs) continue;
      ready.push(name);
    }
    // Still open in a writer on this machine (Linux has no lock to stop the rename): not yet.
    const open = openByOthers(ready.map((n) => path.join(this.inbox, n)));
    for (const name of ready) {
      const stable = this.seen.get(name);
      if (!this.running || this.inFlight.size >= this.concurrency) return;
      if (!stable || open.has(path.join(this.inbox, name))) continue;
      await this.claim(name, stable);
    }
  }

  /** Moves a stable file into the work folder and hands it on; leaves it when it is not ready. */
  private async claim(name: string, stable: Seen): Promise<void> {
    const claimed = path.join(this.workDir, name);
    try {
      await fs.rename(path.join(this.inbox, name), claimed);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      // Locked by its writer: start the stability count again.
      if (LOCKED_CODES.has(code)) stable.polls = 0;
      else this.seen.delete(name);
      return;
    }
    this.seen.delete(name);
    let sha256: string;
    try {
      sha256 = await hashFile(claimed);
      const after = await fs.stat(claimed);
      if (after.size !== stable.size || after.mtimeMs !== stable.mtimeMs) {
        // A writer still holds it open (Linux lets it keep writing into the renamed file).
        await fs.rename(claimed, path.join(this.inbox, name));
        this.seen.set(name, {
          size: after.size,
          mtimeMs: after.mtimeMs,
          sinceMs: Date.now(),
          polls: 0,
        });
        this.returned++;
        return;
      }
    } catch {
      return;
    }
    this.track(this.process(name, claimed, stable.size, sha256));
  }

  private async rejectEmpty(name: string): Promise<void> {
    const claimed = path.join(this.workDir, name);
    this.seen.delete(name);
    try {
      await fs.rename(path.join(this.inbox, name), claimed);
    } catch {
      return;
    }
    // Not in the ledger: every empty file has the same hash, and none was ever taken.
    await this.toError(claimed, name, 'FILE_EMPTY', null);
    this.emit('error', name, 'FILE_EMPTY');
  }

  private track(p: Promise<void>): void {
    const tracked = p.finally(() => {
      this.inFlight.delete(tracked);
      // A slot is free: files that were stable but waiting for it can go now.
      this.scanSoon();
    });
    this.inFlight.add(tracked);
  }

  private async process(
    name: string,
    claimed: string,
    size: number,
    sha256: string,
    resumed?: LedgerEntry,
  ): Promise<void> {
    const { ledger } = this.options;
    const entry = resumed ?? ledger.take(name, sha256, size, this.clock());
    if (!entry) {
      await this.toError(claimed, name, 'HOTFOLDER_DUPLICATE', null);
      this.emit('duplicate', name, 'HOTFOLDER_DUPLICATE');
      return;
    }
    this.emit('taken', name);
    const broken = await checkScanFile(claimed).catch(() => 'IMAGE_CORRUPT' as const);
    if (broken) {
      await this.toError(claimed, name, broken, entry);
      return;
    }
    try {
      await this.options.handle({
        name,
        path: claimed,
        size,
        sha256,
        read: () => fs.readFile(claimed),
      });
    } catch (e) {
      if (e instanceof HotFolderRelease) {
        ledger.release(entry.id);
        await fs.rename(claimed, path.join(this.inbox, name)).catch(() => undefined);
        this.emit('released', name);
        return;
      }
      await this.toError(
        claimed,
        name,
        isSohoaError(e) ? e.code : 'HOTFOLDER_HANDLER_FAILED',
        entry,
      );
      return;
    }
    await moveUnique(claimed, this.doneDir, name);
    ledger.finish(entry.id, 'done', null, this.clock());
    this.emit('done', name);
  }

  private async toError(
    claimed: string,
    name: string,
    code: ErrorCode,
    entry: LedgerEntry | null,
  ): Promise<void> {
    const target = await moveUnique(claimed, this.errorDir, name);
    await fs.writeFile(
      target + REASON_SUFFIX,
      reasonText(path.basename(target), code, this.clock()),
    );
    if (entry) {
      this.options.ledger.finish(entry.id, 'failed', code, this.clock());
      this.emit('error', name, code);
    }
  }

  /**
   * After a crash or a restart, files left in the work folder are finished according to the
   * ledger: done or failed ones are only moved; a take whose handler never finished is handled
   * again (its work did not complete, so this is not a second take); an unrecorded one is new.
   */
  private async recover(): Promise<void> {
    const names = (await fs.readdir(this.workDir)).sort();
    for (const name of names) {
      if (name === LOCK_NAME) continue;
      const claimed = path.join(this.workDir, name);
      const st = await fs.stat(claimed).catch(() => null);
      if (!st?.isFile()) continue;
      const sha256 = await hashFile(claimed);
      const entry = this.options.ledger.find(sha256, st.size);
      if (entry?.status === 'done') await moveUnique(claimed, this.doneDir, name);
      else if (entry?.status === 'failed')
        await this.toError(claimed, name, (entry.code as ErrorCode | null) ?? 'INTERNAL', null);
      else this.track(this.process(name, claimed, st.size, sha256, entry ?? undefined));
    }
  }

  private emit(kind: HotFolderEventKind, name: string, code?: ErrorCode): void {
    const event: HotFolderEvent = {
      at: this.clock().toISOString(),
      kind,
      name,
      ...(code ? { code } : {}),
    };
    this.feed.push(event);
    if (this.feed.length > FEED_LENGTH) this.feed.shift();
    this.options.onEvent?.(event);
  }
}

/**
 * Inside the inbox, so that claiming is a rename on the same share, which is atomic; one folder
 * per machine, so a desk restarting never finishes another desk's files.
 */
export function workDirOf(inbox: string, host = os.hostname()): string {
  const safeHost = host.replace(/[^\p{L}\p{N}._-]/gu, '_') || 'may';
  return path.join(path.resolve(inbox), WORK_DIR_NAME, safeHost);
}

export function reasonText(fileName: string, code: ErrorCode, at: Date): string {
  const info = errorInfo(code, fileName);
  return [
    `Tệp / File: ${fileName}`,
    `Mã lỗi / Code: ${code}`,
    `Thời điểm / Time: ${at.toISOString()}`,
    '',
    `Lý do: ${info.message.vi}`,
    `Reason: ${info.message.en}`,
    '',
  ].join('\n');
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Moves into `dir` under the same name, or `name (2).ext`, … when that name is taken. */
async function moveUnique(from: string, dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const target = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      // link + unlink refuses to overwrite, where rename would silently replace.
      await fs.link(from, target);
      await fs.unlink(from);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // Shares without hard links: rename after checking the name is free.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        if (await exists(target)) continue;
        await fs.rename(from, target);
        return target;
      }
      throw e;
    }
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else, which still counts as alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
