// The reception's hot folders (Settings: target "reception", and SOHOA_HOT_FOLDER): scans that a
// counter's scanner drops into a folder wait here until the clerk takes them into the open
// reception. The core watches the folders from the start through the hot-folder driver (complete
// files only, never twice, done/ and error/ with reasons) and copies every taken file into
// `<data>/desk-hotfolder/` (the staging inbox). The driver moves the original to done/ only when
// the next file is asked for, that is after the copy is on disk (fsync'd, renamed into place), so
// a page is never lost: stopped before the copy, the file goes back to the folder untaken; stopped
// after it, the copy is in the inbox at the next start. A copy whose content is already staged is
// not staged again (the one window where that can happen: stopped between the copy and done/).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  errorInfo,
  isSohoaError,
  SohoaError,
  type ErrorCode,
  type ErrorInfo,
} from '../../../shared/errors';
import { HotFolderDriver, type HotFolderConfig } from '../acquire/hotFolderDriver';
import { DEFAULT_SCAN_SETTINGS } from '../acquire/source';
import { writeFileDurably } from '../archive/blobStore';
import { readDataFile } from '../vault/files';
import { openImageFile } from '../imaging/loadPage';

/** One file waiting in the staging inbox. */
export interface StagedFile {
  id: string;
  /** Its name in the hot folder. */
  name: string;
  /** The hot folder's label (Settings) or folder name. */
  folder: string;
  size: number;
  /** Pages in the file when it could be opened at staging, else null. */
  pages: number | null;
  arrivedAt: string;
  sha256: string;
}

export interface HotFolderFeedOptions {
  /** The staging inbox (`<data>/desk-hotfolder`). */
  stagingDir: string;
  folders: readonly HotFolderConfig[];
  ledgerFile: string;
  /** Hot-folder timing (tests shorten it). */
  tuning?: { pollMs?: number; stableMs?: number; stablePolls?: number };
  /** A folder that cannot be watched (unreachable share, watched elsewhere). */
  onProblem?: (folder: string, error: unknown) => void;
  /** A folder that failed to open is tried again after this long (default 30 s). */
  retryMs?: number;
  clock?: () => Date;
}

// Sortable by arrival, unique, and safe as a file name and in the contract.
const STAGED_ID = /^[0-9]{13}-[a-f0-9]{8}$/;
const META = '.json';
const NATURAL = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
/** A folder that failed to open is tried again after this long (a share back after a restart). */
const RETRY_MS = 30_000;

/**
 * Staged files being added to a session right now, by staging folder: hidden from the inbox and
 * not taken twice, also by the feed that replaces this one when Cài đặt changes mid-take.
 */
const TAKING = new Map<string, Set<string>>();

/** What a take did: the answers of the files now in the session, and where it stopped, if it did. */
export interface TakeOutcome<T> {
  results: T[];
  /** The file that could not be taken (it and those after it still wait in the inbox). */
  stoppedAt: StagedFile | null;
}

export class ReceptionHotFolderFeed {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly taking: Set<string>;
  private readonly takes = new Set<Promise<unknown>>();
  private readonly clock: () => Date;
  /** Why a folder is not watched right now, by label (cleared once it is watched again). */
  private readonly problemCodes = new Map<string, ErrorCode>();
  private driver: HotFolderDriver | null = null;

  constructor(private readonly options: HotFolderFeedOptions) {
    this.clock = options.clock ?? (() => new Date());
    const key = path.resolve(options.stagingDir);
    this.taking = TAKING.get(key) ?? new Set<string>();
    TAKING.set(key, this.taking);
  }

  get folderCount(): number {
    return this.options.folders.length;
  }

  /** Starts watching every folder; returns at once (the watching runs until close). */
  async start(): Promise<void> {
    // No folder, no inbox folder in the data folder (files staged under an earlier setting are
    // still listed and can be taken).
    if (this.options.folders.length === 0) return;
    await fs.mkdir(this.options.stagingDir, { recursive: true });
    await this.dropPartial();
    const driver = new HotFolderDriver(
      this.options.folders,
      this.options.ledgerFile,
      this.options.tuning,
    );
    this.driver = driver;
    for (const folder of this.options.folders) this.loops.push(this.watch(driver, folder));
  }

  private async watch(driver: HotFolderDriver, folder: HotFolderConfig): Promise<void> {
    const label = folder.label ?? path.basename(folder.inbox);
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        for await (const file of driver.acquire(folder.inbox, DEFAULT_SCAN_SETTINGS, { signal }))
          await this.stage(label, file.name, await file.read());
      } catch (e) {
        this.problemCodes.set(label, isSohoaError(e) ? e.code : 'HOTFOLDER_UNREACHABLE');
        this.options.onProblem?.(folder.inbox, e);
      }
      if (!signal.aborted) await sleep(this.options.retryMs ?? RETRY_MS, signal);
    }
  }

  /** Copies one taken file into the inbox: data first, then its description, each renamed in. */
  async stage(folder: string, name: string, bytes: Buffer): Promise<StagedFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const already = (await this.inbox()).find((f) => f.sha256 === sha256);
    if (already) return already;
    const arrived = this.clock();
    const id = `${String(arrived.getTime()).padStart(13, '0')}-${randomUUID().slice(0, 8)}`;
    let pages: number | null = null;
    try {
      const opened = await openImageFile(name, bytes);
      pages = opened.pageCount;
      opened.close();
    } catch {
      // Unreadable here is reported when the clerk takes it, with the file's name.
    }
    const staged: StagedFile = {
      id,
      name: path.basename(name),
      folder,
      size: bytes.length,
      pages,
      arrivedAt: arrived.toISOString(),
      sha256,
    };
    await writeFileDurably(this.dataFile(id), bytes);
    await writeFileDurably(this.metaFile(id), Buffer.from(JSON.stringify(staged)));
    return staged;
  }

  /**
   * Folders that cannot be watched now (unreachable share, watched by another window), named by
   * their label (never the path), with what to do.
   */
  problems(): ErrorInfo[] {
    const watching = new Set(
      this.options.folders
        .filter((f) => this.driver?.active.has(f.inbox))
        .map((f) => f.label ?? path.basename(f.inbox)),
    );
    return [...this.problemCodes]
      .filter(([label]) => !watching.has(label))
      .map(([label, code]) => errorInfo(code, label));
  }

  /** The staged files waiting for the clerk, oldest first. */
  async inbox(): Promise<StagedFile[]> {
    const names = await fs.readdir(this.options.stagingDir).catch(() => [] as string[]);
    const files: StagedFile[] = [];
    for (const name of names.filter((n) => n.endsWith(META)).sort()) {
      const id = name.slice(0, -META.length);
      if (!STAGED_ID.test(id) || this.taking.has(id)) continue;
      try {
        files.push(
          JSON.parse(
            (await readDataFile(path.join(this.options.stagingDir, name))).toString('utf8'),
          ) as StagedFile,
        );
      } catch {
        // Removed by a take meanwhile.
      }
    }
    return files;
  }

  /**
   * Hands the chosen staged files (all when `ids` is absent) to `use`, one at a time in natural
   * order of their names (ids no longer waiting are skipped): scanners number their files, and
   * several pages written at once arrive in any order. A file leaves the inbox once `use` has put
   * it in the session (a bad file's error is in `use`'s answer; the original is in done/). When
   * `use` throws (disk full, a file locked by an antivirus), the take stops there and answers
   * what is already in the session: those files' pages must reach the screen, and the rest wait.
   * A take cut by close() removes nothing more: nobody may be left to see what it added.
   */
  take<T>(
    ids: readonly string[] | undefined,
    use: (file: StagedFile, bytes: Buffer) => Promise<T>,
  ): Promise<TakeOutcome<T>> {
    const running = this.takeInOrder(ids, use);
    this.takes.add(running);
    return running.finally(() => this.takes.delete(running));
  }

  private async takeInOrder<T>(
    ids: readonly string[] | undefined,
    use: (file: StagedFile, bytes: Buffer) => Promise<T>,
  ): Promise<TakeOutcome<T>> {
    const wanted = ids ? new Set(ids) : null;
    // An id no longer listed was taken meanwhile (another window): it is in that session.
    const chosen = (await this.inbox())
      .filter((f) => !wanted || wanted.has(f.id))
      .sort((a, b) => NATURAL.compare(a.name, b.name) || a.id.localeCompare(b.id));
    for (const f of chosen) this.taking.add(f.id);
    const results: T[] = [];
    try {
      for (const f of chosen) {
        if (this.abort.signal.aborted) return { results, stoppedAt: f };
        let answer: T;
        try {
          answer = await use(f, await readDataFile(this.dataFile(f.id)));
        } catch {
          return { results, stoppedAt: f };
        }
        if (this.abort.signal.aborted) return { results, stoppedAt: f };
        results.push(answer);
        await this.remove(f.id);
        this.taking.delete(f.id);
      }
    } finally {
      for (const f of chosen) this.taking.delete(f.id);
    }
    return { results, stoppedAt: null };
  }

  /** Stops watching, and waits for a take in progress to stop at its current file. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.loops, ...this.takes]);
  }

  private dataFile(id: string): string {
    if (!STAGED_ID.test(id)) throw new SohoaError('BAD_REQUEST', 'id');
    return path.join(this.options.stagingDir, `${id}.bin`);
  }

  private metaFile(id: string): string {
    return path.join(this.options.stagingDir, `${id}${META}`);
  }

  private async remove(id: string): Promise<void> {
    // The description first: a file without one is a leftover, cleared at the next start.
    await fs.rm(this.metaFile(id), { force: true });
    await fs.rm(this.dataFile(id), { force: true });
  }

  /** Copies cut short by a stop (no description, or half-written): their originals were not done. */
  private async dropPartial(): Promise<void> {
    const names = await fs.readdir(this.options.stagingDir);
    const described = new Set(
      names.filter((n) => n.endsWith(META)).map((n) => n.slice(0, -META.length)),
    );
    for (const name of names) {
      const id = name.replace(/\.(bin|json)(\.tmp)?$/, '');
      if (name.endsWith('.tmp') || (name.endsWith('.bin') && !described.has(id)))
        await fs.rm(path.join(this.options.stagingDir, name), { force: true });
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The folders that feed the reception: the Settings' ones with target "reception", and those IT
 * set in SOHOA_HOT_FOLDER (the machine's own scan-to-folder) unless the Settings send that same
 * folder to the batch queue. Read once at start; saved settings apply at the next start.
 */
export function receptionHotFolders(
  saved: readonly { path: string; label?: string; target: 'reception' | 'batch' }[],
  fromEnv: readonly HotFolderConfig[],
): HotFolderConfig[] {
  const key = (p: string) =>
    path
      .resolve(p)
      .replace(/[\\/]+$/, '')
      .toLowerCase();
  const folders = new Map<string, HotFolderConfig>();
  for (const h of saved)
    if (h.target === 'reception')
      folders.set(key(h.path), { inbox: h.path, ...(h.label ? { label: h.label } : {}) });
  const inSettings = new Set(saved.map((h) => key(h.path)));
  for (const f of fromEnv) if (!inSettings.has(key(f.inbox))) folders.set(key(f.inbox), f);
  return [...folders.values()];
}

/**
 * The feed of the folders configured *now*: each call reads the configuration again (cheap: a
 * small JSON file), and a change (IT saved Cài đặt) swaps the feed without a restart. The old
 * feed stops (its folders unlocked, a file in hand put back) before the new one starts.
 */
export class FollowingFeed {
  private chain: Promise<ReceptionHotFolderFeed | null> = Promise.resolve(null);
  private key: string | null = null;
  private closed = false;

  constructor(
    private readonly configured: () => HotFolderConfig[],
    private readonly make: (folders: HotFolderConfig[]) => ReceptionHotFolderFeed,
  ) {}

  current(): Promise<ReceptionHotFolderFeed> {
    const next = this.chain.then(async (feed) => {
      // After close, a late poll gets a feed that watches nothing and is never started.
      if (this.closed) return this.make([]);
      const folders = this.configured();
      const key = JSON.stringify(folders);
      if (feed && key === this.key) return feed;
      await feed?.close();
      const fresh = this.make(folders);
      this.key = key;
      await fresh.start().catch(() => undefined);
      return fresh;
    });
    this.chain = next;
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    const feed = await this.chain;
    this.key = null;
    await feed?.close();
  }
}
