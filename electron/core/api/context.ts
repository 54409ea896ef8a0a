// What every handler file is built from: the one handler context. The core to call, what only
// the shell can do (its dialog and PIN window, and the grants of the paths chosen through them),
// the desk's settings, the environment IT set for the process and the caller's options. The
// environment is passed in here, once (the shells give `process.env`), so no handler reads the
// process's globals itself and a test can hand the handlers another one.
import type { z } from 'zod';
import { hostContext, type HostContext } from '../host/context';
import type { HostServices } from '../host/types';
import type { Core, CoreOptions } from '../pipeline/core';
import { settingsAccess, type SettingsAccess } from '../settings/access';

/** Environment variables by name, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface HandlerContext {
  readonly core: Core;
  readonly host: HostContext;
  /** The settings file of the core's data folder, read when asked (see settings/access.ts). */
  readonly settings: SettingsAccess;
  readonly env: Environment;
  /** The options `createApi`'s caller passed: the top layer of settings/precedence.ts. */
  readonly caller: CoreOptions;
}

export function handlerContext(
  core: Core,
  options: { host?: HostServices; env?: Environment; caller?: CoreOptions } = {},
): HandlerContext {
  return {
    core,
    host: hostContext(options.host),
    settings: settingsAccess({ dataDir: core.paths.root, keysDir: core.paths.keysDir }),
    env: options.env ?? process.env,
    caller: options.caller ?? {},
  };
}

type ChannelSchemas = Record<string, { request: z.ZodTypeAny; response: z.ZodTypeAny }>;

/** One contract file's channels as handlers: each file in shared/contracts/ has one such table. */
export type DomainHandlers<T extends ChannelSchemas> = {
  [C in keyof T]: (request: z.output<T[C]['request']>) => Promise<z.output<T[C]['response']>>;
};
