// The settings in force, key by key, in the one order of shared/policy.ts: built-in defaults <
// the policy's defaults < what the clerk saved in Cài đặt < the policy's locks. The clerk's file
// keeps only the keys they changed from what lies under them, so a default IT changes later
// still reaches every key the clerk never touched; a key IT locks is the locked value whatever
// the file says, and the file's own value comes back if IT unlocks it.
import { isDeepStrictEqual } from 'node:util';
import {
  SETTINGS_KEYS,
  type MachinePolicy,
  type PolicySettings,
  type SettingsKey,
} from '../../../shared/policy';
import { DEFAULT_SETTINGS, DeskSettings } from '../../../shared/settings';

export type SettingsSource = 'builtin' | 'policyDefault' | 'saved' | 'locked';

/** What IT's policy brings to the settings: nothing when there is none (or it is invalid). */
export interface PolicyLayers {
  defaults: PolicySettings;
  locked: PolicySettings;
}

export const NO_POLICY: PolicyLayers = { defaults: {}, locked: {} };

export function policyLayers(policy: MachinePolicy | null): PolicyLayers {
  return policy ? { defaults: policy.defaults, locked: policy.locked } : NO_POLICY;
}

/** The value of each key under the clerk's layer: built-in, then the policy's default. */
export function underSaved(layers: PolicyLayers): DeskSettings {
  return { ...DEFAULT_SETTINGS, ...parsedKeys(layers.defaults) };
}

/** Each key of a policy layer as the settings schema reads it (defaults filled in). */
function parsedKeys(partial: PolicySettings): Partial<DeskSettings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial))
    out[key] = DeskSettings.shape[key as SettingsKey].parse(value);
  return out;
}

export interface Layered {
  settings: DeskSettings;
  sources: Record<SettingsKey, SettingsSource>;
  /** The clerk's layer could not be used with the others (a bad file): shown without it. */
  savedRejected: boolean;
}

/**
 * The effective settings from the clerk's keys (connector included, as the outbox's file holds
 * it, or absent when the policy's default applies) and the policy's layers.
 */
export function layerSettings(saved: Partial<DeskSettings>, layers: PolicyLayers): Layered {
  const under = underSaved(layers);
  const locked = parsedKeys(layers.locked);
  const withSaved = DeskSettings.safeParse({ ...under, ...saved, ...locked });
  const settings = withSaved.success ? withSaved.data : DeskSettings.parse({ ...under, ...locked });
  const sources = {} as Record<SettingsKey, SettingsSource>;
  for (const key of SETTINGS_KEYS) {
    sources[key] =
      key in locked
        ? 'locked'
        : withSaved.success && key in saved
          ? 'saved'
          : key in layers.defaults
            ? 'policyDefault'
            : 'builtin';
  }
  return { settings, sources, savedRejected: !withSaved.success };
}

/** The keys of a complete record the clerk changed from what lies under them (what to store). */
export function changedKeys(
  settings: DeskSettings,
  layers: PolicyLayers,
  previous: Partial<DeskSettings>,
): Partial<DeskSettings> {
  const under = underSaved(layers);
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    // A locked key keeps what the clerk had, so it comes back if IT unlocks it.
    if (key in layers.locked) {
      if (key in previous) out[key] = previous[key];
    } else if (!isDeepStrictEqual(settings[key], under[key])) out[key] = settings[key];
  }
  return out;
}

/** The first locked key a complete record changes, or null. */
export function changedLockedKey(settings: DeskSettings, layers: PolicyLayers): SettingsKey | null {
  const locked = parsedKeys(layers.locked);
  for (const key of Object.keys(locked) as SettingsKey[])
    if (!isDeepStrictEqual(settings[key], locked[key])) return key;
  return null;
}
