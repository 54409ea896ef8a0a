// The health checks' input for a process that is not the app (the `sohoa doctor` and
// `support-bundle` commands): the machine's policy file, the data folder it names (or the
// default), the settings and key in force through the same layers the app uses.
import { isSohoaError } from '../../../shared/errors';
import type { Archive } from '../archive/archive';
import { openArchive, type OpenedArchive } from '../archive/open';
import { dataPaths, defaultDataDir } from '../config/paths';
import { resourcesDir } from '../dossier/resources';
import { coreOptionsFromEnv } from '../pipeline/core';
import type { Environment } from '../policy/environment';
import { machinePolicyFile, readPolicyFile } from '../policy/file';
import { policyThresholds } from '../policy/inForce';
import { coreOptionsOf } from '../settings/coreOptions';
import { policyLayers } from '../settings/layers';
import { inForce } from '../settings/precedence';
import { loadSettings, readP12Password } from '../settings/store';
import type { HealthInput } from './input';

export interface MachineInputOptions {
  dataDir?: string;
  /** Another policy file than the machine's (IT trying a file before deploying it; tests). */
  policyFile?: string;
  env?: Environment;
  now?: () => Date;
}

export function machineHealthInput(
  options: MachineInputOptions = {},
): HealthInput & { opened: OpenedArchive } {
  const env = options.env ?? process.env;
  const policyState = readPolicyFile(options.policyFile ?? machinePolicyFile());
  const policy = policyState.state === 'valid' ? policyState.policy : null;
  const dataDir =
    options.dataDir ??
    policy?.dataFolder?.replaceAll('{user}', env.USERNAME ?? env.USER ?? '') ??
    defaultDataDir(env);
  const opened = openForHealth(dataDir);
  const paths = { dataDir: opened.paths.root, keysDir: opened.paths.keysDir };
  const layers = policyLayers(policy);
  const settings = loadSettings(paths, layers).settings;
  const p12Password = () => readP12Password(paths) ?? '';
  const signing = inForce({
    saved: coreOptionsOf(settings, p12Password),
    env: coreOptionsFromEnv(env),
    caller: {},
    locked: coreOptionsOf(layers.locked, p12Password),
  });
  return {
    dataDir: paths.dataDir,
    keysDir: paths.keysDir,
    resourcesDir: resourcesDir(env),
    policy: policyState,
    thresholds: policyThresholds(policy),
    settings,
    signing,
    archive: opened.archive,
    now: options.now ?? (() => new Date()),
    opened,
  };
}

/**
 * The archive, or, when this process cannot open the data folder's key (the app encrypted it with
 * the OS keystore and the command has no key file), a stand-in whose every use throws the vault's
 * error: the doctor still reports, the vault check says why, and the checks that need the
 * archive say they could not run.
 */
function openForHealth(dataDir: string): OpenedArchive {
  try {
    return openArchive(dataDir);
  } catch (e) {
    if (!isSohoaError(e) || e.code !== 'VAULT_LOCKED') throw e;
    const locked = (): never => {
      throw e;
    };
    return {
      paths: dataPaths(dataDir),
      archive: new Proxy({}, { get: locked }) as Archive,
      blobs: new Proxy({}, { get: locked }) as OpenedArchive['blobs'],
      close: () => undefined,
    };
  }
}
