// The settings as the core's options (agency, signing key or token, TSA), so the shells open the
// core with what Cài đặt and IT's policy hold. The token PIN is never stored: the caller passes a
// fixed one (the CLI's SOHOA_PIN) or, in the app, a prompt that asks the clerk in the main
// process's own window when the token must log in.
import type { DeskSettings } from '../../../shared/settings';
import type { PinPrompt } from '../host/types';
import type { CoreOptions } from '../pipeline/core';
import type { PolicyLayers } from './layers';
import { loadSettings, readP12Password, type SettingsPaths } from './store';

type SettingsOptions = Pick<CoreOptions, 'agency' | 'signingKey' | 'keySource' | 'tsaUrl'>;
type PinSecrets = { pin?: string; askPin?: PinPrompt };

export function coreOptionsFromSettings(
  p: SettingsPaths,
  secrets: PinSecrets = {},
  layers?: PolicyLayers,
): SettingsOptions {
  return coreOptionsOf(loadSettings(p, layers).settings, () => readP12Password(p) ?? '', secrets);
}

/** The options some settings keys stand for (only the keys present: a policy's locked ones). */
export function coreOptionsOf(
  settings: Partial<DeskSettings>,
  p12Password: () => string,
  secrets: PinSecrets = {},
): SettingsOptions {
  const { agency, signing, tsaUrl } = settings;
  return {
    ...(agency ? { agency: { id: agency.id, name: agency.name } } : {}),
    ...(signing?.kind === 'pkcs12'
      ? { signingKey: { p12Path: signing.path, password: p12Password() } }
      : {}),
    ...(signing?.kind === 'pkcs11'
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
    ...(tsaUrl ? { tsaUrl } : {}),
  };
}
