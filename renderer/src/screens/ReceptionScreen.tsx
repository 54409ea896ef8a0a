// Tiếp nhận hồ sơ: the counter's main screen. The clerk picks the procedure, identifies the
// applicant (a CCCD QR scan from anywhere, or typed), adds the papers (files, a folder, drag and
// drop, the scanner, the scan folder's feed), arranges pages into documents and checks each
// document's type and details against the procedure's checklist, then signs: the core records the
// dossier, digitizes and signs the pages, archives them and queues them for upload, and returns
// the slip, previewed here and printed. The reception itself lives in useReception; this screen
// lays it out and words it.
import { ApplicantForm, applicantReady } from '../components/reception/ApplicantForm';
import { ChecklistPanel } from '../components/reception/ChecklistPanel';
import { ClerkField } from '../components/reception/ClerkField';
import { DocumentsPanel } from '../components/reception/DocumentsPanel';
import { ErrorList } from '../components/reception/ErrorList';
import { HotFolderBar } from '../components/reception/HotFolderBar';
import { PagesPanel } from '../components/reception/PagesPanel';
import { ProcedurePicker } from '../components/reception/ProcedurePicker';
import { noticeText, type Reading } from '../components/reception/receptionState';
import { ScanControl } from '../components/reception/ScanControl';
import { SignPanel } from '../components/reception/SignPanel';
import { useReception, type CardScan } from '../components/reception/useReception';
import {
  focusSoon,
  useReceptionShortcuts,
  useReceptionTargets,
} from '../components/reception/useReceptionShortcuts';
import { useElapsed } from '../hooks/useElapsed';
import { useI18n, type I18n } from '../i18n';
import '../styles/reception.css';

function readingText(reading: Reading, seconds: number, r: I18n['t']['reception']): string {
  switch (reading.from) {
    case 'hotFolder':
      return r.hotFolderTaking(reading.total, seconds);
    case 'scanner':
      return r.pagesReading(r.scanButton, reading.index, reading.total, seconds);
    case 'file':
      return r.pagesReading(reading.file, reading.index, reading.total, seconds);
  }
}

export function ReceptionScreen({ active, scan }: { active: boolean; scan: CardScan | null }) {
  const { t, pick } = useI18n();
  const r = t.reception;
  const targets = useReceptionTargets();
  const rc = useReception(scan, {
    onSigned: () => focusSoon(targets.print),
    onReset: () => focusSoon(targets.search),
  });
  const { state, dispatch } = rc;
  const { reading, result } = state;
  const readingSeconds = useElapsed(reading?.since ?? null);
  const signingSeconds = useElapsed(state.signing);
  const changeProcedure = () => {
    dispatch({ type: 'procedure', procedure: null });
    focusSoon(targets.search);
  };
  useReceptionShortcuts(active, targets, {
    changeProcedure,
    sign: rc.signOrRetry,
    print: () => result && window.print(),
    finish: () => result && void rc.finish(),
  });
  // One stack at a time, and none once signed.
  const noMorePages = reading !== null || result !== null;

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
        <div className="reception-left">
          <ProcedurePicker
            procedures={rc.procedures}
            recent={rc.status?.recentProcedures ?? []}
            selected={state.procedure}
            onSelect={(procedure) => {
              dispatch({ type: 'procedure', procedure });
              // Next step for the keyboard: the applicant, unless a scan already filled it.
              if (procedure && !applicantReady(state.applicant)) focusSoon(targets.name);
            }}
            searchRef={targets.search}
          />
          <ApplicantForm
            applicant={state.applicant}
            onChange={(applicant) => dispatch({ type: 'applicant', applicant })}
            warnings={state.cardWarnings.map(pick)}
            nameRef={targets.name}
          />
          <ChecklistPanel procedure={state.procedure} checklist={rc.checklist} />
          <SignPanel
            status={rc.status}
            needs={rc.needs.map((need) => r[need])}
            complete={rc.checklist?.complete ?? true}
            busyText={state.signing !== null ? r.signBusy(signingSeconds) : null}
            result={result}
            onSign={() => void rc.sign()}
            onRetrySign={() => void rc.retrySign()}
            printRef={targets.print}
            onPrint={() => window.print()}
            onFinish={() => void rc.finish()}
            onDiscard={() => void rc.finish()}
          />
        </div>
        {/* Once signed, the pages and documents are what was archived: no more edits. */}
        <fieldset className="reception-right" disabled={result !== null}>
          <PagesPanel
            ws={state.ws}
            busyText={reading ? readingText(reading, readingSeconds, r) : null}
            onFiles={(files) => void rc.addFiles(files)}
            onFolder={rc.addFolder}
            onAction={(action, pageId) =>
              dispatch({ type: 'workspace', edit: { type: 'page', action, pageId } })
            }
            inputRef={targets.files}
            folderRef={targets.folder}
            handleRef={targets.pages}
            hotFolderSlot={
              <HotFolderBar
                active={active}
                disabled={noMorePages}
                onTake={rc.takeHotFolder}
                buttonRef={targets.hotFolder}
              />
            }
            scanSlot={
              <ScanControl
                disabled={noMorePages}
                onPages={rc.addScanned}
                onErrors={(errors) => dispatch({ type: 'failed', errors })}
                buttonRef={targets.scan}
              />
            }
          />
          <DocumentsPanel
            ws={state.ws}
            onType={(key, docType) =>
              dispatch({ type: 'workspace', edit: { type: 'setType', key, docType } })
            }
            onField={(key, index, value) =>
              dispatch({ type: 'workspace', edit: { type: 'setField', key, index, value } })
            }
          />
        </fieldset>
      </div>
      {result && (
        <div className="print-slip" aria-hidden="true">
          <img src={result.slipPreview} alt="" />
        </div>
      )}
    </div>
  );
}
