// One error as the clerk reads it: what happened, to which file, what to do (the message says
// all three, in the current language), announced to screen readers.
import type { ErrorInfo } from '../../../../shared/errors';
import { useI18n } from '../../i18n';

export function ErrorNotice({ error }: { error: ErrorInfo | null }) {
  const { pick } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-code={error.code}>
      {pick(error.message)}
    </p>
  );
}
