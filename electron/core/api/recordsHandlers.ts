// Handlers for shared/contracts/records.ts: one core call per channel.
import type { RECORDS_CHANNELS } from '../../../shared/contracts/records';
import type { Core } from '../pipeline/core';
import type { DomainHandlers } from './domainHandlers';

export function createRecordsHandlers(core: Core): DomainHandlers<typeof RECORDS_CHANNELS> {
  void core;
  return {};
}
