// After a discard: what went, when, and the button that brings it back (the newest one; the
// others are offered in the same place once it is restored or replaced).
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Discarded } from './discarded';

export function UndoBar({
  discarded,
  onRestore,
}: {
  discarded: Discarded[];
  onRestore: (sessionId: string) => void;
}) {
  const { t } = useI18n();
  const d = t.desk;
  const last = discarded[0];
  if (!last) return null;
  const { draft } = last;
  const pages = draft.ws.docs.reduce((n, doc) => n + doc.pageIds.length, 0);
  const who = draft.applicant.fullName.trim() || draft.procedure?.name || '';
  return (
    <div className="undo-bar" data-session={draft.sessionId}>
      <p role="status">{d.discardedAt(formatTime(new Date(last.at)), who, pages)}</p>
      <button type="button" className="secondary small" onClick={() => onRestore(draft.sessionId)}>
        {d.restore}
      </button>
      {discarded.length > 1 && (
        <span className="muted small">{d.discardedMore(discarded.length - 1)}</span>
      )}
    </div>
  );
}
