// "Tình trạng máy": who is at the desk and what their role allows, and the health checks IT
// reads on the phone (data folder, backups, signing key, TSA and clock, records store, outbox,
// scanners, shipped data, policy), each with what to do. The checks run when asked: some reach
// servers and the token.
import { useMemo, useState } from 'react';
import type { HealthReport, HealthStatus } from '../../../../shared/contracts/machine';
import { getApi, toErrorInfo } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useMachineStatus } from './useMachineStatus';
import '../../styles/machine.css';

const MARK: Record<HealthStatus, string> = { ok: '✓', warning: '!', error: '✗' };

export function MachinePanel() {
  const api = useMemo(getApi, []);
  const { t, pick } = useI18n();
  const m = t.machine;
  const status = useMachineStatus(api);
  const [report, setReport] = useState<HealthReport | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      setReport(await api.machineHealth({}));
    } catch (e) {
      setFailure(pick(toErrorInfo(e).message));
    } finally {
      setRunning(false);
    }
  };
  const word = { ok: m.statusOk, warning: m.statusWarning, error: m.statusError };
  const summary = { ok: m.summaryOk, warning: m.summaryWarning, error: m.summaryError };

  return (
    <section className="machine-panel" aria-labelledby="machine-health-title">
      <h3 id="machine-health-title">{m.healthTitle}</h3>
      {status && (
        <p data-person={status.person.account}>
          {m.person(status.person.account, status.person.displayName)} · {m.role}:{' '}
          {m.roles[status.person.role]}
          {status.person.sharedAccount && <> · {m.sharedAccount}</>}
        </p>
      )}
      <p className="muted">{m.healthIntro}</p>
      <button type="button" onClick={() => void run()} disabled={running} aria-busy={running}>
        {running ? m.healthRunning : m.healthRun}
      </button>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <div role="status" aria-live="polite">
        {report && (
          <p className={{ ok: 'ok', warning: 'busy', error: 'error' }[report.status]}>
            {summary[report.status]} {m.healthAt(formatDateTime(report.at))}
          </p>
        )}
      </div>
      {report && (
        <table className="machine-checks">
          <thead>
            <tr>
              <th scope="col">{m.colCheck}</th>
              <th scope="col">{m.colStatus}</th>
              <th scope="col">{m.colDetail}</th>
              <th scope="col">{m.colAction}</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((c) => (
              <tr key={c.id} data-check={c.id} data-status={c.status}>
                <th scope="row">{pick(c.title)}</th>
                <td>
                  <span aria-hidden="true">{MARK[c.status]} </span>
                  {word[c.status]}
                </td>
                <td>{pick(c.detail)}</td>
                <td>{c.action ? pick(c.action) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
