// Handlers for shared/contracts/desk.ts: one core call per channel.
import type { DESK_CHANNELS } from '../../../shared/contracts/desk';
import type { Core } from '../pipeline/core';
import type { DomainHandlers } from './domainHandlers';

export function createDeskHandlers(core: Core): DomainHandlers<typeof DESK_CHANNELS> {
  void core;
  return {};
}
