// The host services and the grant registry of one opened core. Handler files receive only the
// core, so they find these through it; a core opened without a host (a test's stand-in) gets an
// empty registry, which refuses every grant, and no chooser.
import type { PathPurpose } from '../../../shared/contracts/host';
import { GrantRegistry } from './grants';
import type { HostServices } from './types';

export interface HostContext {
  services: HostServices;
  grants: GrantRegistry;
}

const contexts = new WeakMap<object, HostContext>();

export function attachHost(core: object, context: HostContext): void {
  contexts.set(core, context);
}

export function hostOf(core: object): HostContext {
  let context = contexts.get(core);
  if (!context) {
    context = { services: {}, grants: new GrantRegistry() };
    contexts.set(core, context);
  }
  return context;
}

/** The path behind a grant the page sent for `purpose` (a typed error when it is not one). */
export function grantedPath(core: object, grant: string, purpose: PathPurpose): string {
  return hostOf(core).grants.redeem(grant, purpose);
}
