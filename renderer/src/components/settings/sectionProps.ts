// What each fieldset of the settings form is given: the form and the way to change it, and, for
// the fieldsets with secrets, the secrets typed since the last save and whether one is stored.
import type { SettingsView } from '../../../../shared/contracts/records';
import type { SettingsForm } from './settingsForm';
import type { SecretsDraft } from './useSettingsForm';

export interface SectionProps {
  form: SettingsForm;
  update: (patch: Partial<SettingsForm>) => void;
}

export interface SecretSectionProps extends SectionProps {
  secrets: SecretsDraft;
  setSecret: (key: keyof SecretsDraft, value: string) => void;
  stored: SettingsView['secrets'];
}
