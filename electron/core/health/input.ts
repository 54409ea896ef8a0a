// What the health checks look at: one desk's data folder, its settings and options in force,
// IT's policy and thresholds, and its archive. The app builds it from the handler context, the
// `sohoa doctor` command from the machine's own files.
import type { HealthThresholds, MachinePolicy } from '../../../shared/policy';
import type { DeskSettings } from '../../../shared/settings';
import type { Archive } from '../archive/archive';
import type { PolicyState } from '../policy/file';
import type { CoreOptions } from '../pipeline/core';

export interface HealthInput {
  dataDir: string;
  keysDir: string;
  /** The shipped data (holidays, procedures, trust list). */
  resourcesDir: string;
  policy: PolicyState;
  thresholds: HealthThresholds;
  /** The settings in force (scanners, records store). */
  settings: DeskSettings;
  /** The key and TSA the desk signs with, as opened (settings, environment, caller, locks). */
  signing: Pick<CoreOptions, 'signingKey' | 'keySource' | 'tsaUrl'>;
  archive: Archive;
  now: () => Date;
}

export const validPolicy = (input: HealthInput): MachinePolicy | null =>
  input.policy.state === 'valid' ? input.policy.policy : null;
