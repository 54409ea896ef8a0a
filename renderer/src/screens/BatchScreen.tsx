import { useI18n } from '../i18n';

export function BatchScreen() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h2>{t.batch.title}</h2>
    </div>
  );
}
