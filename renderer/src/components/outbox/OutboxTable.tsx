// One state's items of the outbox as a table; the columns depend on the state (progress while
// uploading, the reason and a retry when an item needs attention).
import type { OutboxItemView } from '../../../../shared/contracts/records';
import { formatBytes, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

export type OutboxSection = 'pending' | 'uploading' | 'needs_attention' | 'done';

export function OutboxTable({
  section,
  items,
  onRetry,
}: {
  section: OutboxSection;
  items: OutboxItemView[];
  onRetry: (code: string) => void;
}) {
  const { t, lang, pick } = useI18n();
  const o = t.outbox;
  if (items.length === 0) return <p className="muted">{o.empty}</p>;
  const percent = (i: OutboxItemView) =>
    i.bytesTotal > 0 ? Math.min(100, Math.round((100 * i.bytesDone) / i.bytesTotal)) : 0;
  return (
    <table className="records-table" data-section={section}>
      <thead>
        <tr>
          <th scope="col">{o.colCode}</th>
          <th scope="col">{o.colSize}</th>
          {section === 'pending' && <th scope="col">{o.colAttempts}</th>}
          {section === 'pending' && <th scope="col">{o.colNext}</th>}
          {section === 'uploading' && <th scope="col">{o.colProgress}</th>}
          {section === 'needs_attention' && <th scope="col">{o.colReason}</th>}
          {section === 'needs_attention' && <th scope="col">{o.colAction}</th>}
          {section === 'done' && <th scope="col">{o.colDoneAt}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.dossierCode} data-dossier-code={i.dossierCode}>
            <th scope="row">{i.dossierCode}</th>
            <td>{formatBytes(i.bytesTotal, lang)}</td>
            {section === 'pending' && <td>{i.attempts}</td>}
            {section === 'pending' && (
              <td>
                <time dateTime={i.nextAttemptAt}>{formatDateTime(i.nextAttemptAt)}</time>
                {i.lastError && <p className="reason small">{pick(i.lastError.message)}</p>}
              </td>
            )}
            {section === 'uploading' && (
              <td className="progress-cell">
                <progress
                  max={100}
                  value={percent(i)}
                  aria-label={o.progressLabel(i.dossierCode, percent(i))}
                />{' '}
                {o.progress(percent(i))}
              </td>
            )}
            {section === 'needs_attention' && (
              <td>
                <p className="reason">{i.lastError ? pick(i.lastError.message) : ''}</p>
              </td>
            )}
            {section === 'needs_attention' && (
              <td>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={o.retryLabel(i.dossierCode)}
                  onClick={() => onRetry(i.dossierCode)}
                >
                  {o.retry}
                </button>
              </td>
            )}
            {section === 'done' && (
              <td>{i.doneAt && <time dateTime={i.doneAt}>{formatDateTime(i.doneAt)}</time>}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
