// The saved settings as the core's options (agency, signing key or token, TSA), so the shells can
// open the core with what Settings holds: `openCore({ ...coreOptionsFromSettings(p), ...env })`.
// The token PIN is never stored: the caller passes a fixed one (the CLI's SOHOA_PIN) or, in the
// app, a prompt that asks the clerk in the main process's own window when the token must log in.
import type { PinPrompt } from '../host/types';
import type { CoreOptions } from '../pipeline/core';
import { loadSettings, readP12Password, type SettingsPaths } from './store';

export function coreOptionsFromSettings(
  p: SettingsPaths,
  secrets: { pin?: string; askPin?: PinPrompt } = {},
): Pick<CoreOptions, 'agency' | 'signingKey' | 'keySource' | 'tsaUrl'> {
  const { settings } = loadSettings(p);
  const signing = settings.signing;
  return {
    agency: { id: settings.agency.id, name: settings.agency.name },
    ...(signing.kind === 'pkcs12'
      ? { signingKey: { p12Path: signing.path, password: readP12Password(p) ?? '' } }
      : {}),
    ...(signing.kind === 'pkcs11'
      ? {
          keySource: {
            kind: 'pkcs11' as const,
            modulePath: signing.modulePath,
            ...(secrets.pin !== undefined ? { pin: secrets.pin } : {}),
            ...(secrets.askPin ? { askPin: secrets.askPin } : {}),
            ...(signing.tokenLabel ? { tokenLabel: signing.tokenLabel } : {}),
            ...(signing.keyLabel ? { keyLabel: signing.keyLabel } : {}),
          },
        }
      : {}),
    ...(settings.tsaUrl ? { tsaUrl: settings.tsaUrl } : {}),
  };
}
