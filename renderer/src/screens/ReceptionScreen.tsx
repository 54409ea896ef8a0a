// Tiếp nhận hồ sơ: the counter's main screen. The clerk picks the procedure, identifies the
// applicant (a CCCD QR scan from anywhere, or typed), adds the papers (files, a folder, drag and
// drop, the scanner, the scan folder's feed), arranges pages into documents and checks each
// document's type and details against the procedure's checklist, then signs: the core records the
// dossier, digitizes and signs the pages, archives them and queues them for upload, and returns
// the slip, previewed here and printed. The screen fits the counter's window: three columns that
// scroll on their own and the action bar below them, so the next action is always in view. The
// reception itself lives in useReception, its keys in useReceptionShortcuts, what a refused key
// says in nextStep.ts.
import { useRef, useState } from 'react';
import { ClerkField } from '../components/reception/ClerkField';
import { ErrorList } from '../components/reception/ErrorList';
import {
  focusForNeeds,
  refusalText,
  signRefusal,
  type Refusal,
} from '../components/reception/nextStep';
import {
  DocumentsColumn,
  DossierColumn,
  PagesColumn,
} from '../components/reception/ReceptionColumns';
import { noticeText } from '../components/reception/receptionState';
import { SignPanel } from '../components/reception/SignPanel';
import { UndoBar } from '../components/reception/UndoBar';
import { useElapsed } from '../hooks/useElapsed';
import { useReception, type CardScan } from '../components/reception/useReception';
import {
  targetElement,
  useReceptionShortcuts,
  useReceptionTargets,
} from '../components/reception/useReceptionShortcuts';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useI18n } from '../i18n';
import '../styles/reception.css';
import '../styles/reception-layout.css';
import '../styles/print.css';

export function ReceptionScreen({ active, scan }: { active: boolean; scan: CardScan | null }) {
  const { t } = useI18n();
  const r = t.reception;
  const targets = useReceptionTargets();
  const focus = useFocusRequest();
  const screen = useRef<HTMLDivElement>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const rc = useReception(scan, {
    onSigned: () => focus(() => targets.print.current),
    onReset: () => {
      setRefusal(null);
      // The next citizen starts at the top of every column, in an empty procedure search.
      screen.current
        ?.querySelectorAll<HTMLElement>('.reception-col, .reception-page-scroller')
        .forEach((el) => (el.scrollTop = 0));
      focus(() => targets.search.current);
    },
  });
  const { state, dispatch } = rc;
  const { result } = state;
  const signingSeconds = useElapsed(state.signing);

  const refuse = (why: Refusal) => {
    setRefusal(why);
    const target =
      why.kind === 'sign'
        ? focusForNeeds(state, why.needs)
        : why.kind === 'noPages'
          ? ({ kind: 'addPages' } as const)
          : null;
    if (target) focus(() => targetElement(targets, target));
    else if (why.kind === 'noSlip') focus(() => targets.sign.current);
  };
  const sign = () => {
    if (result) {
      if (result.slipKind === 'receipt' && !result.archived) void rc.retrySign();
      else refuse({ kind: 'signed' });
      return;
    }
    const why = signRefusal(state);
    if (why) return refuse(why);
    setRefusal(null);
    void rc.sign();
  };
  const print = () => (result ? window.print() : refuse({ kind: 'noSlip', action: 'print' }));
  const finish = () => (result ? void rc.finish() : refuse({ kind: 'noSlip', action: 'finish' }));
  useReceptionShortcuts(active, targets, {
    signed: result !== null,
    reading: state.reading !== null,
    pageCount: state.ws.docs.reduce((n, d) => n + d.pageIds.length, 0),
    changeProcedure: () => {
      dispatch({ type: 'procedure', procedure: null });
      focus(() => targets.search.current);
    },
    sign,
    print,
    finish,
    refuse,
  });
  // A refusal of Alt+K follows what is still missing (and goes once nothing is).
  const shown = refusal?.kind === 'sign' ? signRefusal(state) : refusal;

  return (
    <div className="screen reception" ref={screen}>
      <div className="reception-head">
        <h2>{r.title}</h2>
        <p className="status" role="status" aria-live="polite">
          {noticeText(state.notice, r)}
        </p>
        <ClerkField
          clerk={state.clerk}
          onChange={(clerk) => dispatch({ type: 'clerk', clerk })}
          inputRef={targets.clerk}
        />
      </div>
      <ErrorList errors={state.errors} onDismiss={() => dispatch({ type: 'dismissErrors' })} />
      <UndoBar discarded={rc.discarded} onRestore={rc.restore} />
      <div className="reception-grid">
        <DossierColumn rc={rc} targets={targets} focus={focus} />
        <PagesColumn rc={rc} targets={targets} active={active} />
        <DocumentsColumn rc={rc} />
      </div>
      <SignPanel
        status={rc.status}
        needs={rc.needs.map((need) => r[need])}
        complete={rc.checklist?.complete ?? true}
        busyText={state.signing !== null ? r.signBusy(signingSeconds) : null}
        refusal={shown ? refusalText(shown, r, t.desk) : null}
        result={result}
        delivery={rc.delivery}
        onDelivery={rc.setDelivery}
        onSign={sign}
        onRetrySign={sign}
        onPrint={print}
        onFinish={finish}
        onDiscard={rc.discard}
        refs={{ sign: targets.sign, print: targets.print }}
      />
      {result && (
        <div className="print-slip" aria-hidden="true">
          <img src={result.slipPreview} alt="" />
        </div>
      )}
    </div>
  );
}
