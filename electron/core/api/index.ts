// Entry point for the shells (Electron main, web host): build the core on a data folder and
// expose it only as the contract's `invoke`.
import { defaultDataDir, dataPaths } from '../config/paths';
import { coreOptionsFromEnv, openCore, type CoreOptions } from '../pipeline/core';
import { coreOptionsFromSettings } from '../settings/coreOptions';
import { createHandlers, createInvoke, type Invoke } from './handlers';

export type { Invoke } from './handlers';

export interface Api {
  invoke: Invoke;
  close(): Promise<void>;
}

export async function createApi(options: CoreOptions = {}): Promise<Api> {
  // What the Settings screen saved, then what IT set in the environment, then the caller's
  // options. Saved settings take effect when the core next opens. A token's PIN is never
  // stored: the main process asks for it and passes it as SOHOA_PIN.
  const paths = dataPaths(options.dataDir ?? defaultDataDir());
  const saved = coreOptionsFromSettings(
    { dataDir: paths.root, keysDir: paths.keysDir },
    process.env.SOHOA_PIN ? { pin: process.env.SOHOA_PIN } : {},
  );
  const core = await openCore({
    ...saved,
    ...coreOptionsFromEnv(),
    ...options,
    dataDir: paths.root,
  });
  return { invoke: createInvoke(createHandlers(core)), close: () => core.close() };
}
