// The desk's settings as the handlers reach them: one accessor over the settings file of one
// data folder and IT's machine policy. It reads the file at each call rather than once per
// request because most readers run outside any request (the batch queue's and the reception's
// hot-folder watchers, the scanner list, the uploader) and a change saved in Cài đặt, or made by
// IT to the policy, must apply at their next look, without a restart; and a per-request copy
// would read the file (and open the sealed destination) for the many polled channels that never
// look at settings.
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import type { DeskSettings, SettingsSecrets } from '../../../shared/settings';
import type { PolicySource } from '../policy/source';
import { NO_POLICY, policyLayers, type PolicyLayers } from './layers';
import { syncPolicyDestination } from './policyDestination';
import {
  connectorChosen,
  loadSettings,
  saveSettings,
  type LoadedSettings,
  type SettingsPaths,
} from './store';

export interface SettingsAccess {
  readonly paths: SettingsPaths;
  /** The settings in force now, as the settings screen shows them; throws when the keys cannot be read. */
  load(): LoadedSettings;
  /**
   * The settings in force, or null when they cannot be read at all: for readers that carry on
   * with the environment's values and the defaults (the settings screen is the one that reports it).
   */
  saved(): DeskSettings | null;
  /** Validates and stores (see `saveSettings`); field issues instead when a field is wrong. */
  save(input: unknown, secrets?: SettingsSecrets): ReturnType<typeof saveSettings>;
  /** IT's layers as they are now (none while the policy is absent or invalid). */
  layers(): PolicyLayers;
}

export interface SettingsAccessOptions {
  /** IT's machine policy; none by default (tools and tests that do not name one). */
  policy?: PolicySource;
  /** Throws when the account at the desk may not change settings (roles from the policy). */
  authorizeChange?: () => void;
}

export function settingsAccess(
  paths: SettingsPaths,
  options: SettingsAccessOptions = {},
): SettingsAccess {
  const { policy, authorizeChange } = options;
  let synced = '';
  const layers = (): PolicyLayers => {
    const current = policy?.policy() ?? null;
    const l = current ? policyLayers(current) : NO_POLICY;
    // IT's records store reaches the uploader through the outbox's file: rewrite it when the
    // policy's store changed since the last look (or the desk just opened).
    const stamp = JSON.stringify([
      l.locked.connector,
      l.defaults.connector,
      current?.connectorCredentials,
    ]);
    if (stamp !== synced) {
      synced = stamp;
      try {
        syncPolicyDestination(paths, current, connectorChosen(paths));
      } catch {
        synced = '';
      }
    }
    return l;
  };
  return {
    paths,
    layers,
    load: () => loadSettings(paths, layers()),
    saved() {
      try {
        return loadSettings(paths, layers()).settings;
      } catch {
        return null;
      }
    },
    save(input, secrets) {
      // Without a valid policy nobody knows what IT locked: nothing is saved until it is fixed.
      if (policy?.current().state === 'invalid')
        throw new SohoaError('POLICY_INVALID', path.basename(policy.file));
      authorizeChange?.();
      const l = layers();
      const result = saveSettings(paths, input, secrets, l);
      if (result.ok) syncPolicyDestination(paths, policy?.policy() ?? null, connectorChosen(paths));
      return result;
    },
  };
}
