// A day typed as Vietnamese write it, dd/mm/yyyy, whatever the computer's language: a plain text
// field (never <input type=date>, which shows the operating system's order, mm/dd/yyyy on an
// English Windows). It takes what clerks type, 14071995, 14/7/1995 or 14-07-1995, shows it back
// as 14/07/1995 when the field is left, and says in words when the day does not exist. The value
// in and out is ISO (YYYY-MM-DD), or '' for none.
import { useState, type InputHTMLAttributes, type RefObject } from 'react';
import { formatDate, parseDate } from '../../../../shared/format';
import { useI18n } from '../../i18n';

type Passed = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type' | 'id' | 'defaultValue'
>;

export interface DateFieldProps extends Passed {
  id: string;
  /** ISO day, or '' for none. */
  value: string;
  onChange: (iso: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
  /** Another problem to show with the field's own (a range whose ends are reversed…). */
  describedBy?: string;
}

/** What the field shows for an ISO value. */
const shown = (iso: string) => (iso ? formatDate(iso) : '');

export function DateField({ id, value, onChange, inputRef, describedBy, ...rest }: DateFieldProps) {
  const d = useI18n().t.desk;
  const [text, setText] = useState(() => shown(value));
  const [left, setLeft] = useState(false);
  // A value set from outside (a scanned card, a cleared form) replaces what was typed.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if ((parseDate(text) ?? '') !== value) setText(shown(value));
  }
  const bad = text.trim() !== '' && parseDate(text) === null;
  const errorId = `${id}-date-error`;
  const hintId = `${id}-date-hint`;
  const described = [
    hintId,
    bad && left ? errorId : '',
    describedBy ?? '',
    rest['aria-describedby'] ?? '',
  ].filter(Boolean);
  return (
    <span className="date-field">
      <input
        {...rest}
        id={id}
        ref={inputRef}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={d.datePlaceholder}
        value={text}
        aria-invalid={(bad && left) || rest['aria-invalid'] === true || undefined}
        aria-describedby={described.join(' ')}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          setLeft(false);
          // A day not yet whole (or not real) leaves no value behind: the form never holds a
          // day the field does not show.
          const iso = parseDate(next) ?? '';
          if (iso !== value) {
            setSeen(iso);
            onChange(iso);
          }
        }}
        onBlur={(e) => {
          setLeft(true);
          const iso = parseDate(text);
          if (iso) setText(formatDate(iso));
          rest.onBlur?.(e);
        }}
      />
      <span id={hintId} className="visually-hidden">
        {d.dateHint}
      </span>
      {bad && left && (
        <span id={errorId} className="field-error date-error">
          {d.dateInvalid(text.trim())}
        </span>
      )}
    </span>
  );
}
