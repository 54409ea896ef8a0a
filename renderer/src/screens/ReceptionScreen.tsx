import { useI18n } from '../i18n';

export function ReceptionScreen() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h2>{t.reception.title}</h2>
    </div>
  );
}
