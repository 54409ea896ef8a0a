// Who is at the counter: the clerk types (or picks) their name at the start of a shift, and the
// desk records it on every move of the dossiers received (the audit log). Remembered on this
// machine, with the names used here before offered as choices.
import { useId, type RefObject } from 'react';
import { useI18n } from '../../i18n';

const KEY = 'sohoa.reception.clerk';
const KNOWN_KEY = 'sohoa.reception.clerks';
const KNOWN_MAX = 12;

export function loadClerk(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

function knownClerks(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KNOWN_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The name in force, kept for the next start of the desk on this machine. */
export function saveClerk(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // Storage unavailable: the name holds until the window closes.
  }
}

/** A name the clerk finished typing: offered first next time. */
function rememberClerk(name: string): void {
  const clean = name.trim();
  if (!clean) return;
  try {
    localStorage.setItem(
      KNOWN_KEY,
      JSON.stringify([clean, ...knownClerks().filter((n) => n !== clean)].slice(0, KNOWN_MAX)),
    );
  } catch {
    // As above.
  }
}

export function ClerkField({
  clerk,
  onChange,
  inputRef,
}: {
  clerk: string;
  onChange: (name: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const list = useId();
  const missing = clerk.trim() === '';
  return (
    <div className="clerk-field">
      <label htmlFor="clerk-name">{r.clerkLabel}</label>
      <input
        ref={inputRef}
        id="clerk-name"
        list={list}
        value={clerk}
        maxLength={100}
        autoComplete="off"
        aria-invalid={missing}
        aria-describedby="clerk-hint"
        placeholder={r.clerkPlaceholder}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => rememberClerk(clerk)}
      />
      <datalist id={list}>
        {knownClerks().map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <span id="clerk-hint" className="muted small">
        {missing ? r.clerkHint : r.clerkRemembered}
      </span>
    </div>
  );
}
