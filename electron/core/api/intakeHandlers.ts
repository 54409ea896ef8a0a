// Handlers for shared/contracts/intake.ts: one core call per channel.
import type { INTAKE_CHANNELS } from '../../../shared/contracts/intake';
import type { Core } from '../pipeline/core';
import type { DomainHandlers } from './domainHandlers';

export function createIntakeHandlers(core: Core): DomainHandlers<typeof INTAKE_CHANNELS> {
  void core;
  return {};
}
