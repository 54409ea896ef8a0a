// The reception screen's three columns, laid out for the counter's 1366×768 screen first: each
// scrolls on its own inside the window, so nothing the clerk needs hides below the page's fold,
// and the action bar (SignPanel) stays under them. On the left, the dossier: the procedure, the
// applicant and the checklist. In the middle, the pages (from files, a folder, drops, the scanner,
// the scan folder), across the column's whole width. On the right, the documents they form with
// their types and details, and once signed the received dossier and its slip; pages and
// documents are then closed to edits.
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
import { SignResult } from './SignPanel';
import type { Reception } from './useReception';
import type { ReceptionTargets } from './useReceptionShortcuts';

interface ColumnProps {
  rc: Reception;
  targets: ReceptionTargets;
  /** Moves the keyboard once the screen shows what a change brings. */
  focus: (find: () => HTMLElement | null) => void;
}

export function DossierColumn({ rc, targets, focus }: ColumnProps) {
  const { pick } = useI18n();
  const { state, dispatch } = rc;
  return (
    <div className="reception-col reception-dossier">
      <ProcedurePicker
        // A new reception starts from an empty search.
        key={state.sessionId}
        procedures={rc.procedures}
        recent={rc.status?.recentProcedures ?? []}
        selected={state.procedure}
        onSelect={(procedure) => {
          dispatch({ type: 'procedure', procedure });
          // Next step for the keyboard: the applicant, unless a scan already filled it; back to
          // the search when the procedure is being changed.
          if (!procedure) focus(() => targets.search.current);
          else if (!applicantReady(state.applicant)) focus(() => targets.name.current);
        }}
        searchRef={targets.search}
      />
      <ApplicantForm
        applicant={state.applicant}
        onChange={(applicant) => dispatch({ type: 'applicant', applicant })}
        warnings={state.cardWarnings.map(pick)}
        nameRef={targets.name}
        idRef={targets.idNumber}
      />
      <ChecklistPanel procedure={state.procedure} checklist={rc.checklist} />
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

export function PagesColumn({
  rc,
  targets,
  active,
}: Omit<ColumnProps, 'focus'> & { active: boolean }) {
  const r = useI18n().t.reception;
  const { state, dispatch } = rc;
  const { reading, result } = state;
  const readingSeconds = useElapsed(reading?.since ?? null);
  // One stack at a time, and none once signed.
  const noMorePages = reading !== null || result !== null;
  return (
    // Once signed, the pages are what was archived: no more edits.
    <fieldset className="reception-col reception-pages" disabled={result !== null}>
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
        addRef={targets.addPages}
        handleRef={targets.pages}
        closed={result !== null}
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
    </fieldset>
  );
}

export function DocumentsColumn({ rc }: { rc: Reception }) {
  const t = useI18n().t;
  const { state, dispatch } = rc;
  const { result } = state;
  return (
    // Signed, it holds no control the keyboard could reach: the column itself takes the keyboard
    // so the slip and the documents can still be scrolled.
    <div
      className="reception-col reception-documents"
      {...(result ? { tabIndex: 0, role: 'region', 'aria-label': t.reception.signTitle } : {})}
    >
      {result && <SignResult result={result} />}
      <fieldset className="documents-fieldset" disabled={result !== null}>
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
  );
}
