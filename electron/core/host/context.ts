// The host side of one opened core: the services only the shell can provide (its native
// dialog, its PIN window) and the registry of the paths chosen through them. The API builds one
// per core and hands it to the handlers in their context; a context built without services (a
// test's) has an empty registry, which refuses every grant, and no chooser.
import { GrantRegistry } from './grants';
import type { HostServices } from './types';

export interface HostContext {
  services: HostServices;
  grants: GrantRegistry;
}

export function hostContext(services: HostServices = {}): HostContext {
  return { services, grants: new GrantRegistry() };
}
