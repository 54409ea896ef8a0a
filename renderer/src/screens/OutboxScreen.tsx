// Hộp gửi: what waits for the records store, what is uploading (with progress), what needs a
// person (the reason, and a retry), what is done. The core's background uploader sends by itself,
// so the screen keeps polling: every second while anything moves, every few seconds otherwise.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Response } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { getApi, toErrorInfo } from '../api';
import { OutboxTable, type OutboxSection } from '../components/outbox/OutboxTable';
import { useI18n } from '../i18n';
import '../styles/records.css';
import '../styles/outbox.css';

const POLL_MS = 1000;
const IDLE_POLL_MS = 4000;

export function OutboxScreen() {
  const api = useMemo(getApi, []);
  const { t, pick } = useI18n();
  const o = t.outbox;
  const [data, setData] = useState<Response<'outboxList'> | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setData(await api.outboxList({}));
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const moving = Boolean(data && (data.sending || data.counts.uploading > 0));
  useEffect(() => {
    const timer = setInterval(() => void refresh(), moving ? POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [moving, refresh]);

  const send = async () => {
    setNotice(null);
    try {
      const { started } = await api.outboxSend({});
      setNotice(started ? o.started : o.alreadySending);
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    }
    await refresh();
  };
  const retry = async (code: string) => {
    try {
      await api.outboxRetry({ dossierCode: code });
      setNotice(o.retried(code));
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    }
    await refresh();
  };

  const sections: { id: OutboxSection; title: string }[] = [
    { id: 'needs_attention', title: o.sectionAttention },
    { id: 'uploading', title: o.sectionUploading },
    { id: 'pending', title: o.sectionPending },
    { id: 'done', title: o.sectionDone },
  ];
  return (
    <div className="screen records-screen outbox-screen">
      <h2>{o.title}</h2>
      <p className="muted">{o.intro}</p>
      <div className="screen-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void send()}
          disabled={!data?.destination || data.sending}
          aria-busy={data?.sending}
        >
          {data?.sending ? o.sending : o.sendNow}
        </button>
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {o.refresh}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="ok">{notice}</p>}
      </div>
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
      {data && (
        <>
          <p data-testid="outbox-destination">
            {data.destination ? o.destination(data.destination) : o.noDestination}
          </p>
          <ul className="counts" aria-label={o.counts}>
            {sections.map((s) => (
              <li key={s.id}>
                {s.title}: <strong data-count={s.id}>{data.counts[s.id] ?? 0}</strong>
              </li>
            ))}
          </ul>
          {sections.map((s) => (
            <section key={s.id} className="records-section" aria-labelledby={`outbox-${s.id}`}>
              <h3 id={`outbox-${s.id}`}>
                {s.title} ({data.counts[s.id] ?? 0})
              </h3>
              <OutboxTable
                section={s.id}
                items={data.items.filter((i) => i.state === s.id)}
                onRetry={(code) => void retry(code)}
              />
            </section>
          ))}
        </>
      )}
    </div>
  );
}
