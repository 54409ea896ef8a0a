// One labelled settings field: its error (what is wrong, which field, what to do) and hint are
// tied to the input with aria-describedby, and aria-invalid marks it for assistive tech.
import type { ReactElement } from 'react';
import type { SettingsIssueKey } from '../../../../shared/settings';
import { useI18n } from '../../i18n';

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

export interface InputA11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export function Field({
  path,
  label,
  hint,
  issues,
  labels,
  children,
}: {
  path: string;
  label: string;
  hint?: string;
  issues: ReadonlyMap<string, SettingsIssueKey>;
  /** Filled as fields render, so the error summary can name each field. */
  labels: Map<string, string>;
  children: (a11y: InputA11y) => ReactElement;
}) {
  const { t } = useI18n();
  labels.set(path, label);
  const id = fieldId(path);
  const issue = issues.get(path);
  const described = [issue ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return (
    <div className="rec-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': issue ? true : undefined,
        'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="rec-hint">
          {hint}
        </p>
      )}
      {issue && (
        <p id={`${id}-error`} className="field-error" data-field-error={path}>
          {t.settings.issue[issue](label)}
        </p>
      )}
    </div>
  );
}
