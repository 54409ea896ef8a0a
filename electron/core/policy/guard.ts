// The core as the desk's screens may use it: the same core, but a signature is refused while the
// machine's policy is invalid or the clock is too far from the time-stamping authority's. Every
// signature of the desk goes through `digitize` (the counter, the archive room's batches, a file
// digitized from the archive screen), so this is the one place to stop them.
import type { Core } from '../pipeline/core';
import type { ClockGuard } from '../health/clock';
import { assertPolicyUsable, type PolicySource } from './source';

export function guardedCore(core: Core, guards: { policy: PolicySource; clock: ClockGuard }): Core {
  return {
    ...core,
    async digitize(sources, options) {
      assertPolicyUsable(guards.policy);
      await guards.clock.check();
      return core.digitize(sources, options);
    },
  };
}
