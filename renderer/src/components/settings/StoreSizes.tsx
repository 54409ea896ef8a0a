// Each store of the data folder with its size, its rule and what the last sweep removed, and a
// button to sweep now (the job runs in the core; the table reloads when it is done).
import { useCallback, useEffect, useState } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { StoreReport, StoreRule } from '../../../../shared/contracts/retention';
import type { ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { formatBytes, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

type Status = Awaited<ReturnType<SohoaApi['retentionStatus']>>;

export function StoreSizes({ api }: { api: SohoaApi }) {
  const { t, pick, lang } = useI18n();
  const p = t.protection;
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const load = useCallback(async () => {
    try {
      const s = await api.retentionStatus({});
      setStatus(s);
      setError(null);
      return s;
    } catch (e) {
      setError(toErrorInfo(e));
      return null;
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  // While a sweep runs, look again every few seconds.
  useEffect(() => {
    if (!status?.sweeping) return;
    const timer = setTimeout(() => void load(), 2000);
    return () => clearTimeout(timer);
  }, [status, load]);

  const sweep = async () => {
    try {
      await api.retentionSweep({});
      await load();
    } catch (e) {
      setError(toErrorInfo(e));
    }
  };
  const rule = (r: StoreRule) =>
    r.kind === 'kept'
      ? p.ruleKept
      : r.kind === 'days'
        ? p.ruleDays(r.days)
        : r.kind === 'sizeCap'
          ? p.ruleCap(r.mb)
          : p.ruleAfterUpload(r.enabled);
  const removed = (s: StoreReport) =>
    s.problem
      ? pick(s.problem.message)
      : s.removed
        ? p.removed(s.removed.files, formatBytes(s.removed.bytes, lang))
        : '';
  return (
    <section aria-labelledby="store-sizes-title">
      <h3 id="store-sizes-title" className="settings-subhead">
        {p.storesTitle}
      </h3>
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
      {status && (
        <table className="rec-table">
          <thead>
            <tr>
              <th scope="col">{p.store}</th>
              <th scope="col">{p.size}</th>
              <th scope="col">{p.rule}</th>
              <th scope="col">
                {p.lastRemoved}
                {status.lastSweepAt ? ` (${formatDateTime(status.lastSweepAt)})` : ''}
              </th>
            </tr>
          </thead>
          <tbody>
            {status.stores.map((s) => (
              <tr key={s.id}>
                <th scope="row">{p.stores[s.id]}</th>
                <td>{formatBytes(s.bytes, lang)}</td>
                <td>{rule(s.rule)}</td>
                <td>{status.lastSweepAt ? removed(s) : p.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="secondary"
        onClick={() => void sweep()}
        disabled={status?.sweeping}
        aria-busy={status?.sweeping}
      >
        {status?.sweeping ? p.sweeping : p.sweep}
      </button>
    </section>
  );
}
