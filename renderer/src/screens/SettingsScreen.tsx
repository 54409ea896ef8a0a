import { useI18n } from '../i18n';

export function SettingsScreen() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h2>{t.settings.title}</h2>
    </div>
  );
}
