// Tiếp nhận hồ sơ: the counter's main screen. The clerk picks the procedure, identifies the
// applicant (a CCCD QR scan from anywhere, or typed), adds the papers (files, a folder, drag and
// drop, the scanner, the scan folder's feed), arranges pages into documents and checks each
// document's type and details against the procedure's checklist, then signs: the core records the
// dossier, digitizes and signs the pages, archives them and queues them for upload, and returns
// the slip, previewed here and printed. The reception itself lives in useReception, its keys in
// useReceptionShortcuts, its two columns in ReceptionColumns.
import { ClerkField } from '../components/reception/ClerkField';
import { ErrorList } from '../components/reception/ErrorList';
import { DossierColumn, PapersColumn } from '../components/reception/ReceptionColumns';
import { noticeText } from '../components/reception/receptionState';
import { useReception, type CardScan } from '../components/reception/useReception';
import {
  focusSoon,
  useReceptionShortcuts,
  useReceptionTargets,
} from '../components/reception/useReceptionShortcuts';
import { useI18n } from '../i18n';
import '../styles/reception.css';

export function ReceptionScreen({ active, scan }: { active: boolean; scan: CardScan | null }) {
  const r = useI18n().t.reception;
  const targets = useReceptionTargets();
  const rc = useReception(scan, {
    onSigned: () => focusSoon(targets.print),
    onReset: () => focusSoon(targets.search),
  });
  const { state, dispatch } = rc;
  const { result } = state;
  useReceptionShortcuts(active, targets, {
    changeProcedure: () => {
      dispatch({ type: 'procedure', procedure: null });
      focusSoon(targets.search);
    },
    sign: rc.signOrRetry,
    print: () => result && window.print(),
    finish: () => result && void rc.finish(),
  });

  return (
    <div className="screen reception">
      <div className="reception-head">
        <h2>{r.title}</h2>
        <ClerkField
          clerk={state.clerk}
          onChange={(clerk) => dispatch({ type: 'clerk', clerk })}
          inputRef={targets.clerk}
        />
      </div>
      <p className="status" role="status" aria-live="polite">
        {noticeText(state.notice, r)}
      </p>
      <ErrorList errors={state.errors} onDismiss={() => dispatch({ type: 'dismissErrors' })} />
      <div className="reception-grid">
        <DossierColumn rc={rc} targets={targets} />
        <PapersColumn rc={rc} targets={targets} active={active} />
      </div>
      {result && (
        <div className="print-slip" aria-hidden="true">
          <img src={result.slipPreview} alt="" />
        </div>
      )}
    </div>
  );
}
