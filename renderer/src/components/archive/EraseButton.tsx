// "Xóa dữ liệu cá nhân": offered on a record whose retention period has ended. The core checks
// first (the screen says when the period ends, or why not) and asks for confirmation, since the
// erasure cannot be undone; what was erased is logged in the audit chain, never the data.
import { useEffect, useState } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { EraseCheck, EraseOutcome } from '../../../../shared/contracts/retention';
import type { ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

export function EraseButton({
  api,
  recordId,
  code,
}: {
  api: SohoaApi;
  recordId: number;
  code: string;
}) {
  const { t, pick } = useI18n();
  const p = t.protection;
  const [check, setCheck] = useState<EraseCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState(0);
  const [outside, setOutside] = useState<EraseOutcome['exportsOutside']>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.personalDataEraseCheck({ recordId }).then(
      (c) => live && setCheck(c),
      (e: unknown) => live && setError(toErrorInfo(e)),
    );
    return () => {
      live = false;
    };
  }, [api, recordId]);
  if (!check) return error ? <p className="error">{pick(error.message)}</p> : null;
  const run = async () => {
    if (!window.confirm(p.eraseConfirm(check.dossierCode ?? code))) return;
    setBusy(true);
    setError(null);
    try {
      const out = await api.personalDataErase({ recordId });
      setProblems(out.problems.length);
      setOutside(out.exportsOutside);
      setCheck(await api.personalDataEraseCheck({ recordId }));
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="erase">
      {check.retentionEnds && <p className="muted">{p.eraseEnds(check.retentionEnds)}</p>}
      {check.erasedAt ? (
        <p className="ok">{p.erased(formatDateTime(check.erasedAt))}</p>
      ) : check.erasable ? (
        <button
          type="button"
          className="danger"
          onClick={() => void run()}
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? p.eraseBusy : p.erase}
        </button>
      ) : (
        check.refusal && <p className="muted">{pick(check.refusal.message)}</p>
      )}
      {problems > 0 && <p role="alert">{p.eraseProblems(problems)}</p>}
      {outside.length > 0 && (
        <div role="alert">
          <p>{p.eraseExportsOutside}</p>
          <ul>
            {outside.map((x) => (
              <li key={x.location}>
                <code>{x.location}</code> {x.present ? '' : p.eraseExportGone}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
    </div>
  );
}
