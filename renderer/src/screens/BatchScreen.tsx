// Lô số hóa: archive staff queue folders or files, watch each batch's progress (pages done /
// total, pages per minute, time left), pause, resume or cancel it, read each bad file's error,
// scroll the pages, and work through the review queue.
import { useEffect, useState } from 'react';
import type { BatchSummary } from '../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../shared/errors';
import { getApi, toErrorInfo } from '../api';
import { actionsFor, BatchCard, type BatchAction } from '../components/batch/BatchCard';
import { BatchDetail } from '../components/batch/BatchDetail';
import { ErrorNotice } from '../components/batch/ErrorNotice';
import { NewBatchForm } from '../components/batch/NewBatchForm';
import { ReviewQueue } from '../components/batch/ReviewQueue';
import { SeparationPanel } from '../components/batch/SeparationPanel';
import { useBatches } from '../components/batch/useBatches';
import { useI18n } from '../i18n';
import '../styles/batch.css';
import '../styles/batch-separation.css';

export function BatchScreen() {
  const { t } = useI18n();
  const { batches, reviewOpen, error: listError, refresh } = useBatches();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const selected =
    batches.find((b) => b.id === selectedId) ??
    batches.find((b) => b.state === 'running') ??
    batches[0] ??
    null;

  const act = async (batch: BatchSummary, action: BatchAction) => {
    if (action === 'cancel' && !window.confirm(t.batch.cancelConfirm(batch.title))) return;
    try {
      await getApi().batchControl({ batchId: batch.id, action });
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    }
    await refresh();
  };

  // Alt+P pauses or resumes the selected batch, Alt+Shift+C cancels it (after a confirmation).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !selected) return;
      // The physical key: on some layouts Alt changes the character (macOS Alt+P is "π").
      const key = e.code.replace(/^Key/, '').toLowerCase();
      const allowed = actionsFor(selected.state);
      let action: BatchAction | null = null;
      if (key === 'p' && !e.shiftKey)
        action = allowed.includes('pause') ? 'pause' : allowed.includes('resume') ? 'resume' : null;
      else if (key === 'c' && e.shiftKey && allowed.includes('cancel')) action = 'cancel';
      if (!action) return;
      e.preventDefault();
      void act(selected, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="screen batch-screen">
      <h2>{t.batch.title}</h2>
      <p className="muted">{t.batch.intro}</p>
      <p className="muted small batch-shortcuts">{t.batch.shortcuts}</p>
      <p className="muted small batch-shortcuts">{t.batch.splitShortcuts}</p>
      <div className="batch-layout">
        <div className="batch-column">
          <NewBatchForm
            onQueued={(b) => {
              setSelectedId(b.id);
              void refresh();
            }}
          />
          <SeparationPanel />
          <section className="panel batch-queue" aria-labelledby="batch-queue-title">
            <h3 id="batch-queue-title">{t.batch.listTitle}</h3>
            <ErrorNotice error={listError ?? error} />
            {batches.length === 0 ? (
              <p className="muted">{t.batch.listEmpty}</p>
            ) : (
              <ul className="batch-list">
                {batches.map((b) => (
                  <BatchCard
                    key={b.id}
                    batch={b}
                    selected={selected?.id === b.id}
                    onSelect={() => setSelectedId(b.id)}
                    onAction={(a) => void act(b, a)}
                  />
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="batch-column">
          {selected ? (
            <BatchDetail batch={selected} onChanged={() => void refresh()} />
          ) : (
            <section className="panel">
              <p className="muted">{t.batch.detailNone}</p>
            </section>
          )}
          <ReviewQueue reviewOpen={reviewOpen} onChanged={() => void refresh()} />
        </div>
      </div>
    </div>
  );
}
