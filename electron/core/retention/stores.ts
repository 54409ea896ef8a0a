// The stores of a data folder as retention sees them: where each one's files are, the rule
// Cài đặt gives it, and its size. Sizes are measured by walking the folders with lstat (never
// following a link: a link planted in a store must not make the walk, or a deletion, leave it).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RetentionStoreId, StoreRule } from '../../../shared/contracts/retention';
import type { RetentionSettings } from '../../../shared/settings';
import { hotFolderDirs } from '../acquire/hotFolderFiles';

/** Where each store's files are (several paths for some); paths that do not exist count as empty. */
export interface StoreLayout {
  id: RetentionStoreId;
  paths: string[];
}

/** The data folder's own layout (see docs/ARCHITECTURE.md, "The data folder and its stores"). */
export function storeLayouts(dataDir: string, hotFolderInboxes: readonly string[]): StoreLayout[] {
  const at = (...p: string[]) => path.join(dataDir, ...p);
  return [
    {
      id: 'archive',
      paths: [
        at('archive.sqlite'),
        at('archive.sqlite-wal'),
        at('archive.sqlite-shm'),
        at('archive.sqlite.audit-head'),
        at('blobs'),
      ],
    },
    { id: 'sessions', paths: [at('desk-sessions')] },
    { id: 'scans', paths: [at('scans')] },
    { id: 'renderCache', paths: [at('cache')] },
    { id: 'batchOriginals', paths: [at('batches')] },
    { id: 'staged', paths: [at('desk-hotfolder')] },
    { id: 'hotFolderDone', paths: hotFolderInboxes.map((inbox) => hotFolderDirs(inbox).doneDir) },
    { id: 'copies', paths: [at('output'), at('exports')] },
    { id: 'work', paths: [at('tmp')] },
    {
      id: 'queues',
      paths: ['batches.sqlite', 'hotfolder.sqlite'].flatMap((f) =>
        ['', '-wal', '-shm'].map((x) => at(f + x)),
      ),
    },
    {
      id: 'configuration',
      paths: [
        at('settings.json'),
        at('vault.json'),
        at('outbox-destination.json'),
        at('escl-pins.json'),
        at('keys'),
        at('procedures'),
        at('holidays'),
        at('tessdata'),
      ],
    },
  ];
}

/** The rule of each store as the settings give it. */
export function storeRule(id: RetentionStoreId, r: RetentionSettings): StoreRule {
  switch (id) {
    case 'sessions':
      return { kind: 'days', days: r.sessionDays };
    case 'scans':
      return { kind: 'days', days: r.scanJobDays };
    case 'renderCache':
      return { kind: 'sizeCap', mb: r.renderCacheMb };
    case 'batchOriginals':
      return { kind: 'afterUpload', enabled: r.batchOriginals === 'afterUpload' };
    case 'staged':
      return { kind: 'days', days: r.stagedDays };
    case 'hotFolderDone':
      return { kind: 'days', days: r.hotFolderDoneDays };
    case 'copies':
      return { kind: 'days', days: r.copiesDays };
    case 'work':
      return { kind: 'days', days: WORK_DAYS };
    default:
      return { kind: 'kept' };
  }
}

/** Drafts in tmp/ a crash left behind: a day is far longer than any PDF takes to write. */
export const WORK_DAYS = 1;

export interface Size {
  files: number;
  bytes: number;
}

/** Files and bytes under `p` (a file or a folder), links counted as themselves, never followed. */
export async function sizeOf(p: string): Promise<Size> {
  const st = await fs.lstat(p).catch(() => null);
  if (!st) return { files: 0, bytes: 0 };
  if (!st.isDirectory()) return { files: 1, bytes: st.size };
  const total: Size = { files: 0, bytes: 0 };
  const entries = await fs.readdir(p).catch(() => [] as string[]);
  for (const name of entries) {
    const s = await sizeOf(path.join(p, name));
    total.files += s.files;
    total.bytes += s.bytes;
  }
  return total;
}

/** The newest modification under `p` (itself included), in ms; links not followed. */
export async function newestChange(p: string): Promise<number> {
  const st = await fs.lstat(p).catch(() => null);
  if (!st) return 0;
  let newest = st.mtimeMs;
  if (st.isDirectory())
    for (const name of await fs.readdir(p).catch(() => [] as string[]))
      newest = Math.max(newest, await newestChange(path.join(p, name)));
  return newest;
}

/** Removes `p` (a link itself, never its target) and says what went. */
export async function removeCounted(p: string): Promise<Size> {
  const size = await sizeOf(p);
  await fs.rm(p, { recursive: true, force: true });
  return size;
}

export function addSize(to: Size, s: Size): void {
  to.files += s.files;
  to.bytes += s.bytes;
}
