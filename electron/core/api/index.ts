// Entry point for the shells (Electron main, web host): build the core on a data folder and
// expose it only as the contract's `invoke`. The shell also passes in what only it can do (the
// native file dialog, the PIN window: the host services), the environment once, and whether this
// is the installed app. IT's machine policy and the account at the desk are read here, once, and
// shape everything after: the data folder, the options in force, who may do what.
import { defaultDataDir, dataPaths } from '../config/paths';
import { clockGuard } from '../health/clock';
import type { HostServices } from '../host/types';
import { setDeskOperator } from '../operator/desk';
import { resolveOperator, systemSources, type OperatorSources } from '../operator/identity';
import { environmentInForce, type Environment } from '../policy/environment';
import { machinePolicyFile } from '../policy/file';
import { registerPolicy } from '../policy/gate';
import { guardedCore } from '../policy/guard';
import { lockedKeys, policyLogs, policyThresholds, withoutLocked } from '../policy/inForce';
import { policySource, type PolicySource } from '../policy/source';
import { log, machineLogDir, openLogFile } from '../log/logger';
import { coreOptionsFromEnv, openCore, type CoreOptions } from '../pipeline/core';
import { coreOptionsOf } from '../settings/coreOptions';
import { policyLayers } from '../settings/layers';
import { inForce } from '../settings/precedence';
import { loadSettings, readP12Password } from '../settings/store';
import { deskPerson, handlerContext, type DeskPerson } from './context';
import { createHandlers } from './handlers';
import { createInvoke, type Invoke } from './invoke';

export type { Invoke } from './invoke';
export type { HostServices } from '../host/types';
export type { KeyProvider } from '../vault/keyProvider';
export { vaultStatus } from '../vault/setup';
export { environmentPinPrompt } from '../host/pinLogin';
export { PACKAGED_IGNORED } from '../policy/environment';

export interface Api {
  invoke: Invoke;
  close(): Promise<void>;
}

export interface ApiOptions extends CoreOptions {
  /** The shell's dialogs; without `choosePath` the choosePath channel answers a typed error. */
  host?: HostServices;
  /** The environment of the process (SOHOA_*); the shells leave it to `process.env`. */
  env?: Environment;
  /** The installed app (Electron's app.isPackaged): SOHOA_* for keys, modules, data, stores ignored. */
  packaged?: boolean;
  /** Another policy file than the machine's: for tests only (never read from the environment). */
  policyFile?: string;
  /** Where the account at the desk, its groups and name come from: the system's unless a test says. */
  operatorSources?: OperatorSources;
  /** The folder of the desk's log files: the machine's log folder unless a test names another. */
  logDir?: string;
}

export async function createApi(options: ApiOptions = {}): Promise<Api> {
  const {
    host = {},
    env: processEnv = process.env,
    packaged = false,
    policyFile,
    operatorSources,
    logDir,
    ...given
  } = options;
  const policy = policySource(policyFile ?? machinePolicyFile());
  const current = policy.policy();
  const logs = policyLogs(current);
  const logFile = await openLogFile({
    dir: logDir ?? machineLogDir(processEnv),
    name: 'desk',
    ...logs,
  }).catch(() => null);
  const identity = await resolveOperator(operatorSources ?? systemSources(processEnv));
  const person = deskPerson(identity, policy);
  setDeskOperator({
    account: identity.account,
    displayName: identity.displayName,
    sharedAccount: person.sharedAccount(),
  });
  const env = environmentInForce(processEnv, { packaged, locked: lockedKeys(current) });
  const caller = withoutLocked(given, current);
  const dataFolder = current?.dataFolder?.replaceAll('{user}', identity.user);
  const paths = dataPaths(dataFolder ?? caller.dataDir ?? defaultDataDir(env));
  const settingsPaths = { dataDir: paths.root, keysDir: paths.keysDir };
  const layers = policyLayers(current);
  const p12Password = () => readP12Password(settingsPaths) ?? '';
  // Saved settings take effect when the core next opens; the reception reads them per receipt.
  const inForceAtOpen: CoreOptions = {
    ...inForce({
      saved: coreOptionsOf(loadSettings(settingsPaths, layers).settings, p12Password),
      env: coreOptionsFromEnv(env),
      caller,
      locked: coreOptionsOf(layers.locked, p12Password),
    }),
    dataDir: paths.root,
  };
  const opened = await openCore(withPinPrompt(inForceAtOpen, host));
  const unregister = registerPolicy(paths.root, policy);
  opened.onClose(() => Promise.resolve(unregister()));
  const clock = clockGuard({
    tsaUrl: () => inForceAtOpen.tsaUrl,
    maxOffsetSeconds: () => policyThresholds(policy.policy()).clockMaxOffsetSeconds,
    ...(given.clock ? { clock: given.clock } : {}),
  });
  const core = guardedCore(opened, { policy, clock });
  opened.onClose(() => logFile?.close() ?? Promise.resolve());
  logOpened(policy, person, packaged);
  const context = handlerContext(core, {
    host,
    env,
    caller,
    policy,
    person,
    packaged,
    opened: inForceAtOpen,
  });
  return { invoke: createInvoke(createHandlers(context)), close: () => core.close() };
}

/** What support needs to know about how this desk started (no account, no path of the clerk's). */
function logOpened(policy: PolicySource, person: DeskPerson, packaged: boolean): void {
  const state = policy.current();
  const l = log('desk');
  l.info('opened', {
    packaged,
    policy: state.state,
    role: person.role(),
    sharedAccount: person.sharedAccount(),
    node: process.versions.node,
  });
  if (state.state === 'invalid')
    for (const p of state.problems)
      l.warn('policy problem', { path: p.path || null, line: p.line ?? null });
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
