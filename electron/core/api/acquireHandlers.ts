// Handlers for shared/contracts/acquire.ts: one core call per channel.
import type { ACQUIRE_CHANNELS } from '../../../shared/contracts/acquire';
import type { Core } from '../pipeline/core';
import type { DomainHandlers } from './domainHandlers';

export function createAcquireHandlers(core: Core): DomainHandlers<typeof ACQUIRE_CHANNELS> {
  void core;
  return {};
}
