// What every handler file is built from: the one handler context. The core to call, what only
// the shell can do (its dialog and PIN window, and the grants of the paths chosen through them),
// the desk's settings, IT's machine policy, who is at the desk, the environment the desk listens
// to and the caller's options. The environment is passed in here, once (the shells give
// `process.env`, less what the policy and a packaged app silence), so no handler reads the
// process's globals itself and a test can hand the handlers another one.
import type { z } from 'zod';
import type { Role } from '../../../shared/policy';
import { hostContext, type HostContext } from '../host/context';
import type { HostServices } from '../host/types';
import type { OperatorIdentity } from '../operator/identity';
import { authorize, roleUnder } from '../operator/roles';
import type { Environment } from '../policy/environment';
import { fixedPolicy, type PolicySource } from '../policy/source';
import type { Core, CoreOptions } from '../pipeline/core';
import { settingsAccess, type SettingsAccess } from '../settings/access';

export type { Environment } from '../policy/environment';

/** The account at the desk and its role now (the policy may change while the desk runs). */
export interface DeskPerson {
  identity: OperatorIdentity;
  role(): Role | 'none';
  sharedAccount(): boolean;
}

export interface HandlerContext {
  readonly core: Core;
  readonly host: HostContext;
  /** The settings file of the core's data folder under IT's policy, read when asked (settings/access.ts). */
  readonly settings: SettingsAccess;
  /** IT's machine configuration (policy.json), read again when it changes. */
  readonly policy: PolicySource;
  readonly person: DeskPerson;
  readonly env: Environment;
  /** The options `createApi`'s caller passed, less what the policy locks: a layer of settings/precedence.ts. */
  readonly caller: CoreOptions;
  /** The installed app (what the shell said), as opposed to development or a test. */
  readonly packaged: boolean;
  /** The options the core was opened with (every layer applied): its key, TSA and agency. */
  readonly opened: CoreOptions;
}

const NOBODY: OperatorIdentity = {
  account: 'desk',
  user: 'desk',
  domain: null,
  displayName: 'desk',
  groups: [],
};

/** The person at the desk under a policy: no role while the policy is invalid (nothing is granted). */
export function deskPerson(identity: OperatorIdentity, policy: PolicySource): DeskPerson {
  return {
    identity,
    role: () => roleUnder(identity, policy),
    sharedAccount: () =>
      policy.policy()?.sharedAccount.allowed ?? policy.current().state === 'absent',
  };
}

export function handlerContext(
  core: Core,
  options: {
    host?: HostServices;
    env?: Environment;
    caller?: CoreOptions;
    policy?: PolicySource;
    person?: DeskPerson;
    packaged?: boolean;
    opened?: CoreOptions;
  } = {},
): HandlerContext {
  const policy = options.policy ?? fixedPolicy({ state: 'absent', file: '' });
  const person = options.person ?? deskPerson(NOBODY, policy);
  return {
    core,
    host: hostContext(options.host),
    settings: settingsAccess(
      { dataDir: core.paths.root, keysDir: core.paths.keysDir },
      { policy, authorizeChange: () => authorize(person.role(), 'changeSettings') },
    ),
    policy,
    person,
    env: options.env ?? process.env,
    caller: options.caller ?? {},
    packaged: options.packaged ?? false,
    opened: options.opened ?? options.caller ?? {},
  };
}

type ChannelSchemas = Record<string, { request: z.ZodTypeAny; response: z.ZodTypeAny }>;

/** One contract file's channels as handlers: each file in shared/contracts/ has one such table. */
export type DomainHandlers<T extends ChannelSchemas> = {
  [C in keyof T]: (request: z.output<T[C]['request']>) => Promise<z.output<T[C]['response']>>;
};
