// Handlers for shared/contracts/batch.ts: one core call per channel.
import type { BATCH_CHANNELS } from '../../../shared/contracts/batch';
import type { Core } from '../pipeline/core';
import type { DomainHandlers } from './domainHandlers';

export function createBatchHandlers(core: Core): DomainHandlers<typeof BATCH_CHANNELS> {
  void core;
  return {};
}
