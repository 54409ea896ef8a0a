// Entry point for the shells (Electron main, web host): build the core on a data folder and
// expose it only as the contract's `invoke`.
import { coreOptionsFromEnv, openCore, type CoreOptions } from '../pipeline/core';
import { createHandlers, createInvoke, type Invoke } from './handlers';

export type { Invoke } from './handlers';

export interface Api {
  invoke: Invoke;
  close(): Promise<void>;
}

export async function createApi(options: CoreOptions = {}): Promise<Api> {
  // IT configures the agency and the signing key by environment until the settings screen exists.
  const core = await openCore({ ...coreOptionsFromEnv(), ...options });
  return { invoke: createInvoke(createHandlers(core)), close: () => core.close() };
}
