// The list of keyboard shortcuts (F1 or '?'), as a modal dialog: focus moves into it, Escape and
// the close button leave it, and focus returns to where it was.
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n';
import { SHORTCUT_LIST, type Shortcut } from './shortcuts';

export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const r = t.reception;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const groups: { id: Shortcut['group']; title: string }[] = [
    { id: 'global', title: r.helpGroupGlobal },
    { id: 'reception', title: r.helpGroupReception },
    { id: 'page', title: r.helpGroupPage },
  ];
  return (
    <dialog ref={ref} className="help-overlay" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">{r.helpTitle}</h2>
      <p>{r.helpIntro}</p>
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={`help-${g.id}`}>
          <h3 id={`help-${g.id}`}>{g.title}</h3>
          <dl className="help-keys">
            {SHORTCUT_LIST.filter((s) => s.group === g.id).map((s) => (
              <div key={s.id} className="help-row">
                <dt>
                  <kbd>{s.display || r.keyScanName}</kbd>
                </dt>
                <dd>{s.label(r)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <form method="dialog">
        <button type="submit" autoFocus>
          {r.helpClose}
        </button>
      </form>
    </dialog>
  );
}
