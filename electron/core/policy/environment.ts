// Which of the process environment's SOHOA_* variables the desk listens to. In development and in
// the `sohoa` command they configure a desk quickly (a key file, a token module, a data folder, a
// records store); in the installed app they would let anyone who can set a variable for the
// clerk's session point the desk at another key, module, folder or store, so the packaged app
// drops them. A key the policy locks drops its variables everywhere: locked means locked.
import type { SettingsKey } from '../../../shared/policy';

/** Environment variables by name, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Variables that name a signing key, a token module, the data folder, a records store, trust
 * anchors, the shipped data or a program the desk runs.
 */
export const PACKAGED_IGNORED = [
  'SOHOA_P12',
  'SOHOA_P12_PASSWORD',
  'SOHOA_KEY_PASSWORD',
  'SOHOA_PKCS11_MODULE',
  'SOHOA_PIN',
  'SOHOA_TOKEN_LABEL',
  'SOHOA_KEY_LABEL',
  'SOHOA_DATA_DIR',
  'SOHOA_S3_ACCESS_KEY_ID',
  'SOHOA_S3_SECRET_ACCESS_KEY',
  'SOHOA_NAPS2',
  'SOHOA_TRUST_LIST',
  'SOHOA_RESOURCES_DIR',
  'SOHOA_TESSERACT',
] as const;

/** The variables that stand for each settings key (what a lock on that key silences). */
export const VARIABLES_OF: Partial<Record<SettingsKey | 'dataFolder', readonly string[]>> = {
  agency: ['SOHOA_AGENCY_ID', 'SOHOA_AGENCY_NAME', 'SOHOA_AGENCY_PLACE'],
  signing: [
    'SOHOA_P12',
    'SOHOA_P12_PASSWORD',
    'SOHOA_KEY_PASSWORD',
    'SOHOA_PKCS11_MODULE',
    'SOHOA_TOKEN_LABEL',
    'SOHOA_KEY_LABEL',
  ],
  tsaUrl: ['SOHOA_TSA_URL'],
  scanners: ['SOHOA_ESCL'],
  hotFolders: ['SOHOA_HOT_FOLDER'],
  connector: ['SOHOA_S3_ACCESS_KEY_ID', 'SOHOA_S3_SECRET_ACCESS_KEY'],
  dataFolder: ['SOHOA_DATA_DIR'],
};

export interface EnvironmentRules {
  /** The installed app (the shell says so; the core cannot ask Electron). */
  packaged: boolean;
  /** Keys the machine policy locks. */
  locked: readonly (SettingsKey | 'dataFolder')[];
}

/**
 * The environment the desk acts on: the process's, less what the rules silence. A live view, not
 * a copy: some variables are read again on every request (the scanner list), so one set after the
 * desk started counts, unless the rules silence it.
 */
export function environmentInForce(env: Environment, rules: EnvironmentRules): Environment {
  const drop = new Set<string>(rules.packaged ? PACKAGED_IGNORED : []);
  for (const key of rules.locked) for (const name of VARIABLES_OF[key] ?? []) drop.add(name);
  const hidden = (name: string | symbol) => typeof name === 'string' && drop.has(name);
  return new Proxy(env, {
    get: (target, name) =>
      hidden(name) ? undefined : (Reflect.get(target, name) as string | undefined),
    has: (target, name) => !hidden(name) && Reflect.has(target, name),
    ownKeys: (target) => Reflect.ownKeys(target).filter((name) => !hidden(name)),
    getOwnPropertyDescriptor: (target, name) =>
      hidden(name) ? undefined : Reflect.getOwnPropertyDescriptor(target, name),
  });
}
