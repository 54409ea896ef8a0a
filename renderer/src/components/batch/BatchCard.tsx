// One batch in the queue: its state, a progress bar with pages done / total, pages per minute
// and time left, and its controls. The selected batch's controls carry the keyboard shortcuts.
import type { BatchSummary } from '../../../../shared/contracts/batch';
import { useHostLink } from '../../hooks/useHostLink';
import { useI18n, type I18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../format';

export type BatchAction = 'pause' | 'resume' | 'cancel' | 'retry';

export const SHORTCUTS: Record<'pause' | 'resume' | 'cancel', string> = {
  pause: 'Alt+P',
  resume: 'Alt+P',
  cancel: 'Alt+Shift+C',
};

/** The actions that make sense in a state, in display order. */
export function actionsFor(state: BatchSummary['state']): BatchAction[] {
  switch (state) {
    case 'running':
      return ['pause', 'cancel'];
    case 'queued':
      return ['pause', 'cancel'];
    case 'paused':
    case 'uploading':
      return state === 'paused' ? ['resume', 'cancel'] : ['cancel'];
    case 'awaiting-split':
      return ['cancel'];
    case 'failed':
    case 'cancelled':
      return ['retry'];
    case 'done':
      return [];
  }
}

/** A batch's actions: a separated batch done with failed documents can retry only those. */
export function cardActions(batch: Pick<BatchSummary, 'state' | 'recordsFailed'>): BatchAction[] {
  return batch.state === 'done' && batch.recordsFailed > 0 ? ['retry'] : actionsFor(batch.state);
}

export function formatLeft(seconds: number, t: I18n['t']): string {
  return seconds >= 90 ? t.batch.minutes(Math.round(seconds / 60)) : t.batch.seconds(seconds);
}

export function BatchCard({
  batch,
  selected,
  onSelect,
  onAction,
}: {
  batch: BatchSummary;
  selected: boolean;
  onSelect: () => void;
  onAction: (action: BatchAction) => void;
}) {
  const { t, lang } = useI18n();
  const label: Record<BatchAction, string> = {
    pause: t.batch.pause,
    resume: t.batch.resume,
    cancel: t.batch.cancel,
    retry: batch.state === 'done' ? t.batch.retryFailed : t.batch.retry,
  };
  // Out of touch with the desk: what was last seen is shown, but no speed or time left.
  const link = useHostLink().kind;
  const stale = link === 'lost' || link === 'refused';
  const actions = cardActions(batch);
  const failedDocs = batch.state === 'done' && batch.recordsFailed > 0;
  const facts = [
    t.batch.pagesOf(batch.pagesDone, batch.pagesTotal),
    ...(batch.pagesPerMinute !== null && !stale
      ? [t.batch.perMinute(formatNumber(batch.pagesPerMinute, lang, 1))]
      : []),
    ...(batch.secondsLeft !== null && !stale
      ? [t.batch.timeLeft(formatLeft(batch.secondsLeft, t))]
      : []),
    ...(stale ? [t.desk.batchStale] : []),
  ];
  return (
    <li className={selected ? 'batch-card selected' : 'batch-card'} data-batch={batch.id}>
      <div className="batch-card-head">
        <button
          type="button"
          className="link batch-title"
          aria-pressed={selected}
          aria-label={t.batch.select(batch.title)}
          onClick={onSelect}
        >
          {batch.title}
        </button>
        <span
          className={`badge batch-state state-${failedDocs ? 'failed' : batch.state}`}
          data-state={batch.state}
        >
          {failedDocs ? t.batch.doneWithFailed(batch.recordsFailed) : t.batch.state[batch.state]}
        </span>
      </div>
      <progress
        className="batch-progress"
        max={Math.max(1, batch.pagesTotal)}
        value={batch.pagesDone}
        aria-label={t.batch.progressLabel(batch.title)}
        aria-valuetext={facts.join(', ')}
      />
      <p className="batch-facts">
        {facts.map((f) => (
          <span key={f}>{f}</span>
        ))}
      </p>
      <p className="batch-meta muted small">
        <span>{formatDateTime(batch.createdAt)}</span>
        <span>{t.batch.filesCount(batch.files)}</span>
        {batch.separated && <span>{t.batch.sepBadge}</span>}
        {batch.autoAccepted && <span className="batch-auto-accepted">{t.batch.autoAccepted}</span>}
        {batch.filesFailed > 0 && (
          <span className="batch-failed">{t.batch.filesFailed(batch.filesFailed)}</span>
        )}
        {batch.reviewOpen > 0 && <span>{t.batch.reviewCount(batch.reviewOpen)}</span>}
        {batch.separated
          ? batch.records > 0 && <span>{t.batch.recordsMade(batch.records)}</span>
          : batch.record &&
            !batch.alreadyArchived && <span>{t.batch.dossierMade(batch.record.code)}</span>}
      </p>
      {batch.alreadyArchived && (
        <p className="batch-failed small" role="status">
          {batch.separated || !batch.record
            ? t.batch.alreadyArchivedDocs
            : t.batch.alreadyArchived(batch.record.code)}
        </p>
      )}
      {actions.length > 0 && (
        <div className="batch-actions">
          {actions.map((action) => {
            const keys = selected && action !== 'retry' ? SHORTCUTS[action] : undefined;
            return (
              <button
                key={action}
                type="button"
                className={action === 'cancel' ? 'secondary small danger' : 'secondary small'}
                title={keys ? `${label[action]} (${keys})` : label[action]}
                aria-keyshortcuts={keys}
                aria-label={`${label[action]}: ${batch.title}`}
                onClick={() => onAction(action)}
              >
                {label[action]}
              </button>
            );
          })}
        </div>
      )}
    </li>
  );
}
