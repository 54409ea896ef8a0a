// Nhật ký: the hash-chained audit log, newest first a page at a time, with the full check on
// top (chain, anchor, every dossier's rows, every stored file) and where the chain breaks.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Response, SohoaApi } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { getApi, toErrorInfo } from '../api';
import { ChainResult } from '../components/audit/ChainResult';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';

/** Entries the desk wrote by itself (not a person at the desk): shown in words, not as a name. */
const AUTOMATIC_ACTORS = new Set(['system', 'uploader', 'migration']);
import '../styles/records.css';

const PAGE = 50;

type AuditEntry = Response<'auditEntries'>['entries'][number];

/** The chain check and the log, a page at a time, newest first. */
function useAuditLog(api: SohoaApi) {
  const [check, setCheck] = useState<Response<'auditVerify'> | null>(null);
  const [checking, setChecking] = useState(false);
  const [page, setPage] = useState<Response<'auditEntries'> | null>(null);
  /** Cursors of the pages before this one, to go back to newer entries. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const load = useCallback(
    async (beforeSeq: number | undefined) => {
      try {
        setPage(await api.auditEntries({ beforeSeq, limit: PAGE }));
        setError(null);
      } catch (e) {
        setError(toErrorInfo(e));
      }
    },
    [api],
  );
  const verify = useCallback(async () => {
    setChecking(true);
    try {
      setCheck(await api.auditVerify({}));
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setChecking(false);
    }
  }, [api]);

  useEffect(() => {
    void load(undefined);
    void verify();
  }, [load, verify]);

  const entries = page?.entries ?? [];
  const first = entries[0];
  const last = entries.at(-1);
  const older = () => {
    if (!last) return;
    const current = first ? first.seq + 1 : undefined;
    setCursors((c) => [...c, current]);
    void load(last.seq);
  };
  const newer = () => {
    const previous = cursors.at(-1);
    setCursors((c) => c.slice(0, -1));
    void load(previous);
  };
  /** Checks the chain again and reloads the page shown. */
  const recheck = () => {
    void verify();
    void load(cursors.length === 0 || !first ? undefined : first.seq + 1);
  };
  return {
    check,
    checking,
    page,
    entries,
    error,
    atNewest: cursors.length === 0,
    older,
    newer,
    recheck,
  };
}

function AuditTable({ entries, broken }: { entries: AuditEntry[]; broken: Set<number> }) {
  const { t } = useI18n();
  const a = t.audit;
  return (
    <table className="records-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{a.colSeq}</th>
          <th scope="col">{a.colAt}</th>
          <th scope="col">{a.colActor}</th>
          <th scope="col">{a.colAction}</th>
          <th scope="col">{a.colRecord}</th>
          <th scope="col">{a.colHash}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq} data-seq={e.seq} className={broken.has(e.seq) ? 'broken' : undefined}>
            <th scope="row">
              #{e.seq}
              {broken.has(e.seq) && <span className="broken-mark"> ✗ {a.brokenEntry}</span>}
            </th>
            <td>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </td>
            <td>{AUTOMATIC_ACTORS.has(e.actor) ? a.actorSystem : e.actor}</td>
            <td>{a.actions[e.action] ?? e.action}</td>
            <td>{e.recordRef}</td>
            <td className="hash-short" title={e.hash}>
              {e.hash.slice(0, 12)}…
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditScreen() {
  const api = useMemo(getApi, []);
  const { t, pick } = useI18n();
  const a = t.audit;
  const log = useAuditLog(api);
  const { check, checking, page, entries, error } = log;
  const broken = new Set(check?.problems.map((p) => p.seq) ?? []);
  const first = entries[0];
  const last = entries.at(-1);

  return (
    <div className="screen records-screen">
      <h2>{a.title}</h2>
      <p className="muted">{a.intro}</p>
      <div className="screen-actions">
        <button
          type="button"
          className="primary"
          onClick={log.recheck}
          disabled={checking}
          aria-busy={checking}
        >
          {a.check}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {checking && <p className="muted">{a.checking}</p>}
      </div>
      {check && !checking && <ChainResult check={check} />}
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
      <section className="records-section" aria-labelledby="audit-entries">
        <div className="panel-head">
          <h3 id="audit-entries">{a.entriesTitle}</h3>
          {page && <span className="muted small">{a.total(page.total)}</span>}
        </div>
        {page && entries.length === 0 && <p className="muted">{a.empty}</p>}
        {entries.length > 0 && <AuditTable entries={entries} broken={broken} />}
        {first && last && (
          <div className="pager">
            <button
              type="button"
              className="secondary small"
              onClick={log.newer}
              disabled={log.atNewest}
            >
              {a.newer}
            </button>
            <span>{a.pageRange(last.seq, first.seq)}</span>
            <button
              type="button"
              className="secondary small"
              onClick={log.older}
              disabled={last.seq <= 1}
            >
              {a.older}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
