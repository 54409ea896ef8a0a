// "Xuất gói": the dossier as a BagIt package or a zipped E-ARK SIP, written by the core into the export folder set in
// Settings (the screen never picks a path); the result says where it went.
import { useState } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';

export function ExportButton({ api, recordId }: { api: SohoaApi; recordId: number }) {
  const { t, pick } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ files: number; dir: string } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const run = async (format: 'bagit' | 'eark') => {
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      setDone(await api.exportPackage({ recordId, format }));
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export">
      <button
        type="button"
        className="secondary"
        onClick={() => void run('bagit')}
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t.exportBusy : t.exportButton}
      </button>
      <button type="button" className="secondary" onClick={() => void run('eark')} disabled={busy}>
        {t.fields.exportEark}
      </button>
      <div role="status" aria-live="polite">
        {done && <p className="ok">{t.exportDone(done.files, done.dir)}</p>}
      </div>
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
    </div>
  );
}
