// The reception screen's two columns. On the left, the dossier: the procedure, the applicant, the
// checklist and signing. On the right, the papers: the pages (from files, a folder, drops, the
// scanner, the scan folder) and the documents they form, closed to edits once signed.
import { useElapsed } from '../../hooks/useElapsed';
import { useI18n, type I18n } from '../../i18n';
import { ApplicantForm, applicantReady } from './ApplicantForm';
import { ChecklistPanel } from './ChecklistPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { HotFolderBar } from './HotFolderBar';
import { PagesPanel } from './PagesPanel';
import { ProcedurePicker } from './ProcedurePicker';
import type { Reading } from './receptionState';
import { ScanControl } from './ScanControl';
import { SignPanel } from './SignPanel';
import type { Reception } from './useReception';
import { focusSoon, type ReceptionTargets } from './useReceptionShortcuts';

interface ColumnProps {
  rc: Reception;
  targets: ReceptionTargets;
}

export function DossierColumn({ rc, targets }: ColumnProps) {
  const { t, pick } = useI18n();
  const r = t.reception;
  const { state, dispatch } = rc;
  const signingSeconds = useElapsed(state.signing);
  return (
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
        result={state.result}
        delivery={rc.delivery}
        onDelivery={rc.setDelivery}
        onSign={() => void rc.sign()}
        onRetrySign={() => void rc.retrySign()}
        printRef={targets.print}
        onPrint={() => window.print()}
        onFinish={() => void rc.finish()}
        onDiscard={() => void rc.finish()}
      />
    </div>
  );
}

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

export function PapersColumn({ rc, targets, active }: ColumnProps & { active: boolean }) {
  const r = useI18n().t.reception;
  const { state, dispatch } = rc;
  const { reading, result } = state;
  const readingSeconds = useElapsed(reading?.since ?? null);
  // One stack at a time, and none once signed.
  const noMorePages = reading !== null || result !== null;
  return (
    // Once signed, the pages and documents are what was archived: no more edits.
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
  );
}
