// What a valid policy means for the layers under it: the keys it locks (their environment
// variables and the caller's options give way), and the health thresholds in force.
import {
  HEALTH_DEFAULTS,
  type HealthThresholds,
  type MachinePolicy,
  type SettingsKey,
} from '../../../shared/policy';
import type { CoreOptions } from '../pipeline/core';

export function lockedKeys(policy: MachinePolicy | null): (SettingsKey | 'dataFolder')[] {
  if (!policy) return [];
  const keys: (SettingsKey | 'dataFolder')[] = Object.keys(policy.locked) as SettingsKey[];
  if (policy.dataFolder) keys.push('dataFolder');
  return keys;
}

/** The core options a locked settings key (or the policy's data folder) stands for. */
const OPTIONS_OF: Partial<Record<SettingsKey | 'dataFolder', (keyof CoreOptions)[]>> = {
  agency: ['agency'],
  signing: ['signingKey', 'keySource'],
  tsaUrl: ['tsaUrl'],
  dataFolder: ['dataDir'],
};

/** The caller's options less those the policy locks. */
export function withoutLocked<T extends CoreOptions>(caller: T, policy: MachinePolicy | null): T {
  const drop = new Set(lockedKeys(policy).flatMap((k) => OPTIONS_OF[k] ?? []));
  return Object.fromEntries(
    Object.entries(caller).filter(([k]) => !drop.has(k as keyof CoreOptions)),
  ) as T;
}

export function policyThresholds(policy: MachinePolicy | null): HealthThresholds {
  return { ...HEALTH_DEFAULTS, ...policy?.health };
}

/** The log's level and rotation from the policy (or its defaults). */
export function policyLogs(policy: MachinePolicy | null): {
  level: 'error' | 'warn' | 'info' | 'debug';
  maxFileMb: number;
  keepFiles: number;
} {
  return policy?.logs ?? { level: 'info', maxFileMb: 10, keepFiles: 14 };
}
