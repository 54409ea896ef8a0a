// Contract channels about the machine itself, for IT and for every screen: whether IT's machine
// configuration (policy.json) is in force and valid (the banner every screen shows when it is
// not), who is at the desk and what their role allows, the settings in force with the keys IT
// set or locked (Cài đặt marks them), and the health checks of "Tình trạng máy".
import { z } from 'zod';
import { Localized } from '../errors';
import { PERMISSIONS, PolicyProblem, ROLES } from '../policy';
import { DeskSettings } from '../settings';

export const HEALTH_CHECK_IDS = [
  'policy',
  'dataFolder',
  'vault',
  'backups',
  'signingKey',
  'tsa',
  'clock',
  'recordsStore',
  'outbox',
  'scanners',
  'languageData',
  'fonts',
  'holidays',
  'trustList',
] as const;
export const HealthCheckId = z.enum(HEALTH_CHECK_IDS);
export type HealthCheckId = z.infer<typeof HealthCheckId>;

export const HealthStatus = z.enum(['ok', 'warning', 'error']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const HealthCheck = z.object({
  id: HealthCheckId,
  status: HealthStatus,
  /** What was checked. */
  title: Localized,
  /** What was found, with the numbers (free space, days to expiry, offset…). */
  detail: Localized,
  /** What to do about a warning or an error. */
  action: Localized.optional(),
  /** The measured facts, for `sohoa doctor --json` and support (never a secret or personal data). */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type HealthCheck = z.infer<typeof HealthCheck>;

export const HealthReport = z.object({
  at: z.string(),
  /** The worst status of all checks. */
  status: HealthStatus,
  checks: z.array(HealthCheck),
});
export type HealthReport = z.infer<typeof HealthReport>;

export const PolicyStatus = z.object({
  state: z.enum(['absent', 'valid', 'invalid']),
  /** Where the machine's file is (IT's own path, not the clerk's). */
  file: z.string(),
  problems: z.array(PolicyProblem),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const DeskPersonView = z.object({
  account: z.string(),
  displayName: z.string(),
  role: z.enum([...ROLES, 'none']),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** One account for several clerks: each types their name at the start of a shift. */
  sharedAccount: z.boolean(),
});
export type DeskPersonView = z.infer<typeof DeskPersonView>;

export const SettingsSource = z.enum(['builtin', 'policyDefault', 'saved', 'locked']);
export type SettingsSource = z.infer<typeof SettingsSource>;

export const MACHINE_CHANNELS = {
  /** Cheap, polled by every screen: the policy's state, the banner's reason, who is at the desk. */
  machineStatus: {
    request: z.object({}),
    response: z.object({
      policy: PolicyStatus,
      /** Signing and uploading are stopped (the policy is invalid). */
      blocked: z.boolean(),
      person: DeskPersonView,
      packaged: z.boolean(),
    }),
  },
  /** The settings in force, and for each key where it comes from (IT's lock, IT's default…). */
  machineSettings: {
    request: z.object({}),
    response: z.object({
      settings: DeskSettings,
      sources: z.record(z.string(), SettingsSource),
    }),
  },
  /** Runs the health checks (all, or the ones named) and reports each. */
  machineHealth: {
    request: z.object({ checks: z.array(HealthCheckId).max(HEALTH_CHECK_IDS.length).optional() }),
    response: HealthReport,
  },
} as const;
