import { useI18n } from '../i18n';

export function AuditScreen() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h2>{t.audit.title}</h2>
    </div>
  );
}
