// The desk's settings as the handlers reach them: one accessor over the settings file of one
// data folder. It reads the file at each call rather than once per request because most readers
// run outside any request (the batch queue's and the reception's hot-folder watchers, the scanner
// list, the uploader) and a change saved in Cài đặt must apply at their next look, without a
// restart; and a per-request copy would read the file (and open the sealed destination) for the
// many polled channels that never look at settings.
import type { DeskSettings, SettingsSecrets } from '../../../shared/settings';
import { loadSettings, saveSettings, type LoadedSettings, type SettingsPaths } from './store';

export interface SettingsAccess {
  readonly paths: SettingsPaths;
  /** The settings in force now, as the settings screen shows them; throws when the keys cannot be read. */
  load(): LoadedSettings;
  /**
   * The saved settings, or null when they cannot be read at all: for readers that carry on with
   * the environment's values and the defaults (the settings screen is the one that reports it).
   */
  saved(): DeskSettings | null;
  /** Validates and stores (see `saveSettings`); field issues instead when a field is wrong. */
  save(input: unknown, secrets?: SettingsSecrets): ReturnType<typeof saveSettings>;
}

export function settingsAccess(paths: SettingsPaths): SettingsAccess {
  return {
    paths,
    load: () => loadSettings(paths),
    saved() {
      try {
        return loadSettings(paths).settings;
      } catch {
        return null;
      }
    },
    save: (input, secrets) => saveSettings(paths, input, secrets),
  };
}
