// One pass of the retention rules over the data folder: each store swept by its own rule (see
// stores.ts), each store's failure kept to itself (one unreadable share never stops the others).
// Only whole entries go (a session folder, a scan job, a cached page, a batch's inputs, one
// staged or done file); links are removed as links, never followed.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RetentionStoreId } from '../../../shared/contracts/retention';
import { asErrorInfo, type ErrorInfo } from '../../../shared/errors';
import type { RetentionSettings } from '../../../shared/settings';
import { checkRealFolder } from '../acquire/hotFolderSafety';
import { hotFolderDirs } from '../acquire/hotFolderFiles';
import { readDataFile } from '../vault/files';
import { addSize, newestChange, removeCounted, sizeOf, WORK_DAYS, type Size } from './stores';

const DAY = 24 * 3600 * 1000;
const SESSION_ID = /^[a-z0-9-]{8,64}$/;
const FINISHED_SCAN = new Set(['done', 'error', 'cancelled']);

export interface SweepInput {
  dataDir: string;
  settings: RetentionSettings;
  hotFolderInboxes: readonly string[];
  now: Date;
  /** Reception sessions open in this process: never removed, whatever their age. */
  openSessions: ReadonlySet<string>;
  /** Batches whose originals are no longer needed (releasableBatches). */
  releasableBatches: () => number[] | Promise<number[]>;
}

export interface StoreSweep {
  removed: Size;
  problem: ErrorInfo | null;
}

type Sweeper = (input: SweepInput, removed: Size) => Promise<void>;

async function entries(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
}

/** Removes every entry of `dir` that matches and has not changed for `days` (0: keeps all). */
async function dropOlderThan(
  dir: string,
  days: number,
  now: Date,
  removed: Size,
  keep: (name: string) => boolean = () => false,
): Promise<void> {
  if (days <= 0) return;
  const limit = now.getTime() - days * DAY;
  for (const name of await entries(dir)) {
    if (keep(name)) continue;
    const p = path.join(dir, name);
    if ((await newestChange(p)) < limit) addSize(removed, await removeCounted(p));
  }
}

const sessions: Sweeper = async (i, removed) => {
  const dir = path.join(i.dataDir, 'desk-sessions');
  const keep = (n: string) => !SESSION_ID.test(n) || i.openSessions.has(n);
  await dropOlderThan(dir, i.settings.sessionDays, i.now, removed, keep);
};

/** A scan job goes once it ended (done, failed, cancelled) and that was long enough ago. */
const scans: Sweeper = async (i, removed) => {
  const dir = path.join(i.dataDir, 'scans');
  const limit = i.now.getTime() - i.settings.scanJobDays * DAY;
  for (const name of await entries(dir)) {
    const job = path.join(dir, name);
    const manifest = await readDataFile(path.join(job, 'manifest.json'))
      .then((t) => JSON.parse(t.toString('utf8')) as { state?: string; updatedAt?: string })
      .catch(() => null);
    // Without a readable manifest the job never started properly; its age alone decides.
    if (manifest && !FINISHED_SCAN.has(String(manifest.state))) continue;
    const ended = manifest?.updatedAt ? Date.parse(manifest.updatedAt) : NaN;
    const at = Number.isNaN(ended) ? await newestChange(job) : ended;
    if (at < limit) addSize(removed, await removeCounted(job));
  }
};

/**
 * Page renders least recently used first until the cache fits. Last use is the later of the
 * access and modification times (most mounts update the access time at least daily).
 */
const renderCache: Sweeper = async (i, removed) => {
  const dir = path.join(i.dataDir, 'cache', 'pages');
  const files: { p: string; used: number; bytes: number }[] = [];
  for (const name of await entries(dir)) {
    const st = await fs.lstat(path.join(dir, name)).catch(() => null);
    if (st)
      files.push({
        p: path.join(dir, name),
        used: Math.max(st.atimeMs, st.mtimeMs),
        bytes: st.size,
      });
  }
  let total = files.reduce((s, f) => s + f.bytes, 0);
  const cap = i.settings.renderCacheMb * 1024 * 1024;
  files.sort((a, b) => a.used - b.used);
  for (const f of files) {
    if (total <= cap) break;
    addSize(removed, await removeCounted(f.p));
    total -= f.bytes;
  }
};

const batchOriginals: Sweeper = async (i, removed) => {
  if (i.settings.batchOriginals !== 'afterUpload') return;
  for (const id of await i.releasableBatches())
    addSize(removed, await removeCounted(path.join(i.dataDir, 'batches', String(id), 'inputs')));
};

const staged: Sweeper = (i, removed) =>
  dropOlderThan(path.join(i.dataDir, 'desk-hotfolder'), i.settings.stagedDays, i.now, removed);

/** A share's done/ is swept only when it is a real folder of its inbox (never through a link). */
const hotFolderDone: Sweeper = async (i, removed) => {
  if (i.settings.hotFolderDoneDays <= 0) return;
  for (const inbox of i.hotFolderInboxes) {
    const { doneDir } = hotFolderDirs(inbox);
    const exists = await fs.lstat(doneDir).catch(() => null);
    if (!exists) continue;
    await checkRealFolder(doneDir, inbox);
    await dropOlderThan(doneDir, i.settings.hotFolderDoneDays, i.now, removed);
  }
};

const copies: Sweeper = async (i, removed) => {
  for (const dir of ['output', 'exports'])
    await dropOlderThan(path.join(i.dataDir, dir), i.settings.copiesDays, i.now, removed);
};

const work: Sweeper = (i, removed) =>
  dropOlderThan(path.join(i.dataDir, 'tmp'), WORK_DAYS, i.now, removed);

export const SWEEPERS: Partial<Record<RetentionStoreId, Sweeper>> = {
  sessions,
  scans,
  renderCache,
  batchOriginals,
  staged,
  hotFolderDone,
  copies,
  work,
};

/** Sweeps every store that has a rule; a store that fails says why and the others go on. */
export async function sweepStores(input: SweepInput): Promise<Map<RetentionStoreId, StoreSweep>> {
  const out = new Map<RetentionStoreId, StoreSweep>();
  for (const [id, sweep] of Object.entries(SWEEPERS) as [RetentionStoreId, Sweeper][]) {
    const removed: Size = { files: 0, bytes: 0 };
    try {
      await sweep(input, removed);
      out.set(id, { removed, problem: null });
    } catch (e) {
      out.set(id, { removed, problem: asErrorInfo(e, 'RETENTION_SWEEP_FAILED', id) });
    }
  }
  return out;
}

export { sizeOf };
