// A Cài đặt section IT locked in the machine policy: shown as set by IT, every control inside
// disabled (a disabled fieldset disables all it holds), so the page cannot change it; the core
// refuses such a change on save anyway.
import { useId, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import '../../styles/machine.css';

export function LockedByIt({
  keys,
  sources,
  children,
}: {
  /** The settings keys the section edits (`agency`, `connector`…). */
  keys: readonly string[];
  sources: Readonly<Record<string, string>>;
  children: ReactNode;
}) {
  const m = useI18n().t.machine;
  const noteId = useId();
  const locked = keys.filter((k) => sources[k] === 'locked');
  if (locked.length === 0) return <>{children}</>;
  return (
    <div className="locked-by-it" data-locked={locked.join(' ')}>
      <p id={noteId} className="lock-note">
        {m.lockedNote}
      </p>
      <fieldset disabled className="lock-frame" aria-describedby={noteId}>
        {children}
      </fieldset>
    </div>
  );
}
