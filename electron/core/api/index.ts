// Entry point for the shells (Electron main, web host): build the core on a data folder and
// expose it only as the contract's `invoke`. The shell also passes in what only it can do (the
// native file dialog, the PIN window): the host services.
import { defaultDataDir, dataPaths } from '../config/paths';
import { attachHost } from '../host/context';
import { GrantRegistry } from '../host/grants';
import type { HostServices } from '../host/types';
import { coreOptionsFromEnv, openCore, type CoreOptions } from '../pipeline/core';
import { coreOptionsFromSettings } from '../settings/coreOptions';
import { createHandlers, createInvoke, type Invoke } from './handlers';

export type { Invoke } from './handlers';
export type { HostServices } from '../host/types';
export { environmentPinPrompt } from '../host/pinLogin';

export interface Api {
  invoke: Invoke;
  close(): Promise<void>;
}

export interface ApiOptions extends CoreOptions {
  /** The shell's dialogs; without `choosePath` the choosePath channel answers a typed error. */
  host?: HostServices;
}

export async function createApi(options: ApiOptions = {}): Promise<Api> {
  const { host = {}, ...coreOptions } = options;
  // What the Settings screen saved, then what IT set in the environment, then the caller's
  // options. Saved settings take effect when the core next opens.
  const paths = dataPaths(coreOptions.dataDir ?? defaultDataDir());
  const merged: CoreOptions = {
    ...coreOptionsFromSettings({ dataDir: paths.root, keysDir: paths.keysDir }),
    ...coreOptionsFromEnv(),
    ...coreOptions,
    dataDir: paths.root,
  };
  const core = await openCore(withPinPrompt(merged, host));
  attachHost(core, { services: host, grants: new GrantRegistry() });
  return { invoke: createInvoke(createHandlers(core)), close: () => core.close() };
}

/**
 * A token's PIN is never stored: when the shell can ask the clerk (its own PIN window), the key
 * source asks at signing time, and a PIN from the environment (SOHOA_PIN, the CLI's way) is not
 * used by the desk.
 */
function withPinPrompt(options: CoreOptions, host: HostServices): CoreOptions {
  const key = options.keySource;
  if (key?.kind !== 'pkcs11' || !host.askPin) return options;
  const { pin: _pin, ...rest } = key;
  void _pin;
  return { ...options, keySource: { ...rest, askPin: host.askPin } };
}
