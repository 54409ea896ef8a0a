// The form's problems in one list at the top, taking the focus when they appear; each names its
// field and is a link that puts the keyboard in it.
import { useEffect, useRef } from 'react';
import type { SettingsIssue } from '../../../../shared/settings';
import { useI18n } from '../../i18n';
import { fieldId } from './Field';

export function ErrorSummary({
  issues,
  labels,
}: {
  issues: SettingsIssue[];
  labels: ReadonlyMap<string, string>;
}) {
  const s = useI18n().t.settings;
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (issues.length > 0) summary.current?.focus();
  }, [issues]);
  if (issues.length === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={summary}
      data-testid="error-summary"
    >
      <h3>{s.errorsTitle(issues.length)}</h3>
      <ul>
        {issues.map((i) => (
          <li key={i.path}>
            <a
              href={`#${fieldId(i.path)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(fieldId(i.path))?.focus();
              }}
            >
              {s.issue[i.key](labels.get(i.path) ?? i.path)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
