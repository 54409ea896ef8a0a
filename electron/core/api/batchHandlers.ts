// Handlers for shared/contracts/batch.ts: one core call per channel.
import type { BATCH_CHANNELS } from '../../../shared/contracts/batch';
import { BatchQueue } from '../batch/queue';
import type { Core } from '../pipeline/core';
import type { DomainHandlers } from './domainHandlers';

export function createBatchHandlers(core: Core): DomainHandlers<typeof BATCH_CHANNELS> {
  const queue = new BatchQueue(core);
  // The queue must stop (its running batch stays queued) before the core it runs on closes.
  // The handler table has no close hook of its own, so the queue chains itself onto the core's.
  const closeCore = core.close.bind(core);
  core.close = async () => {
    await queue.close();
    await closeCore();
  };
  return {
    batchQueueFiles: async (r) => ({ batch: await queue.queueFiles(r) }),
    batchQueueFolder: async (r) => ({ batch: await queue.queueFolder(r) }),
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
  };
}
