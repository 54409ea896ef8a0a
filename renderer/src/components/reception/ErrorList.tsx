// Errors in the current language: each says what happened, to which file or page, and what to
// do next (the core's messages carry all three).
import type { ErrorInfo } from '../../../../shared/errors';
import { useI18n } from '../../i18n';

export function ErrorList({ errors, onDismiss }: { errors: ErrorInfo[]; onDismiss: () => void }) {
  const { t, pick } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="reception-errors" role="alert">
      <h3>{t.reception.errorsTitle}</h3>
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-code={e.code}>
            {pick(e.message)}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary small" onClick={onDismiss}>
        {t.reception.dismiss}
      </button>
    </div>
  );
}
