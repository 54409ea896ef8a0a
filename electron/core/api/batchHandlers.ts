// Handlers for shared/contracts/batch.ts: one core call per channel.
import type { BATCH_CHANNELS } from '../../../shared/contracts/batch';
import { HotFolderDriver, ledgerFileIn } from '../acquire/hotFolderDriver';
import { DEFAULT_SCAN_SETTINGS } from '../acquire/source';
import { BatchQueue } from '../batch/queue';
import type { DomainHandlers, HandlerContext } from './context';

export function createBatchHandlers(
  context: HandlerContext,
): DomainHandlers<typeof BATCH_CHANNELS> {
  const { core, host } = context;
  const queue = new BatchQueue(core);
  feedHotFolders(context, queue);
  // The queue must stop (its running batch stays queued) before the core it runs on closes.
  core.onClose(() => queue.close());
  return {
    batchQueueFiles: async (r) => ({ batch: await queue.queueFiles(r) }),
    batchQueueFolder: async (r) => ({
      batch: await queue.queueFolder({
        ...(r.title ? { title: r.title } : {}),
        folder: host.grants.redeem(r.grant, 'batchFolder'),
      }),
    }),
    batchList: (r) => Promise.resolve(queue.list(r.limit)),
    batchDetail: (r) => Promise.resolve(queue.detail(r.batchId)),
    batchControl: (r) => Promise.resolve({ batch: queue.control(r.batchId, r.action) }),
    batchPages: (r) => Promise.resolve(queue.pages(r.batchId, r.offset, r.limit)),
    batchThumbnail: async (r) => ({
      dataUrl: await queue.thumbnail(r.batchId, r.fileId, r.pageInFile),
    }),
    batchReview: (r) =>
      Promise.resolve({
        items: queue.review({ ...(r.batchId ? { batchId: r.batchId } : {}), state: r.state }),
      }),
    batchDecide: (r) => Promise.resolve({ item: queue.decide(r.itemId, r.decision) }),
    batchDecideMany: (r) => Promise.resolve({ items: queue.decideMany(r.itemIds, r.decision) }),
    batchSeparationDefaults: (r) =>
      Promise.resolve({ options: queue.separationDefaults(r.options) }),
    batchSplitPlan: (r) => Promise.resolve(queue.splitPlan(r.batchId)),
    batchAdjustSplits: (r) => Promise.resolve({ plan: queue.adjustSplits(r.batchId, r.edit) }),
    batchAcceptSplits: (r) => Promise.resolve({ batch: queue.acceptSplits(r.batchId) }),
  };
}

/**
 * Hot folders that IT pointed at the batch queue (Settings: target "batch") feed it from the
 * moment the desk starts: a batch per burst of scans. Settings saved later apply at the next start.
 */
function feedHotFolders({ core, settings }: HandlerContext, queue: BatchQueue): void {
  // Unreadable settings are the settings screen's to report; batches still work.
  const folders = (settings.saved()?.hotFolders ?? [])
    .filter((h) => h.target === 'batch')
    .map((h) => ({ inbox: h.path, label: h.label || h.path }));
  if (folders.length === 0) return;
  const driver = new HotFolderDriver(folders, ledgerFileIn(core.paths.root));
  for (const f of folders)
    queue.feed(f.label, (signal) => driver.acquire(f.inbox, DEFAULT_SCAN_SETTINGS, { signal }));
}
