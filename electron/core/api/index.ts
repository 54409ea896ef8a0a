// Entry point for the shells (Electron main, web host): build the core on a data folder and
// expose it only as the contract's `invoke`. The shell also passes in what only it can do (the
// native file dialog, the PIN window: the host services) and, once, the environment.
import { defaultDataDir, dataPaths } from '../config/paths';
import type { HostServices } from '../host/types';
import { coreOptionsFromEnv, openCore, type CoreOptions } from '../pipeline/core';
import { coreOptionsFromSettings } from '../settings/coreOptions';
import { inForce } from '../settings/precedence';
import { handlerContext, type Environment } from './context';
import { createHandlers } from './handlers';
import { createInvoke, type Invoke } from './invoke';

export type { Invoke } from './invoke';
export type { HostServices } from '../host/types';
export type { KeyProvider } from '../vault/keyProvider';
export { vaultStatus } from '../vault/setup';
export { environmentPinPrompt } from '../host/pinLogin';

export interface Api {
  invoke: Invoke;
  close(): Promise<void>;
}

export interface ApiOptions extends CoreOptions {
  /** The shell's dialogs; without `choosePath` the choosePath channel answers a typed error. */
  host?: HostServices;
  /** The environment IT set for the process (SOHOA_*); the shells leave it to `process.env`. */
  env?: Environment;
}

export async function createApi(options: ApiOptions = {}): Promise<Api> {
  const { host = {}, env = process.env, ...caller } = options;
  const paths = dataPaths(caller.dataDir ?? defaultDataDir(env));
  // Saved settings take effect when the core next opens; the reception reads them per receipt.
  const inForceAtOpen: CoreOptions = {
    ...inForce({
      saved: coreOptionsFromSettings({ dataDir: paths.root, keysDir: paths.keysDir }),
      env: coreOptionsFromEnv(env),
      caller,
    }),
    dataDir: paths.root,
  };
  const core = await openCore(withPinPrompt(inForceAtOpen, host));
  const context = handlerContext(core, { host, env, caller });
  return { invoke: createInvoke(createHandlers(context)), close: () => core.close() };
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
