import { useI18n } from '../i18n';

export function OutboxScreen() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h2>{t.outbox.title}</h2>
    </div>
  );
}
