// Tiếp nhận hồ sơ: the counter's main screen. The clerk picks the procedure, identifies the
// applicant (a CCCD QR scan from anywhere, or typed), adds the papers (files, a folder, drag and
// drop, the scanner, the scan folder's feed),
// arranges pages into documents and checks each document's type and details against the
// procedure's checklist, then signs: the core records the dossier, digitizes and signs the pages,
// archives them and queues them for upload, and returns the slip, previewed here and printed.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReceptionPage } from '../../../shared/contracts/reception';
import type { ErrorInfo } from '../../../shared/errors';
import { matchChecklist, type Procedure } from '../../../shared/procedures';
import { getApi, toErrorInfo } from '../api';
import {
  ApplicantForm,
  applicantReady,
  EMPTY_APPLICANT,
  type ApplicantDraft,
} from '../components/reception/ApplicantForm';
import { ChecklistPanel } from '../components/reception/ChecklistPanel';
import { ClerkField, loadClerk, saveClerk } from '../components/reception/ClerkField';
import { DocumentsPanel } from '../components/reception/DocumentsPanel';
import { loadDraft, saveDraft } from '../components/reception/draft';
import { ErrorList } from '../components/reception/ErrorList';
import { fileToBase64, folderScans, type FolderFile } from '../components/reception/files';
import { HotFolderBar } from '../components/reception/HotFolderBar';
import {
  addDocuments,
  checklistDocuments,
  classified,
  deletePage,
  EMPTY_WORKSPACE,
  mergeWithPrevious,
  movePage,
  rotatePage,
  setField,
  setType,
  splitAt,
  type Workspace,
} from '../components/reception/model';
import { PagesPanel, type PageAction } from '../components/reception/PagesPanel';
import { ProcedurePicker } from '../components/reception/ProcedurePicker';
import { ScanControl, type ScannedPage } from '../components/reception/ScanControl';
import { isAltKey } from '../components/reception/shortcuts';
import {
  SignPanel,
  type ReceptionResult,
  type ReceptionStatus,
} from '../components/reception/SignPanel';
import { useI18n } from '../i18n';
import '../styles/reception.css';

/** A QR payload typed by the keyboard-wedge scanner; `seq` tells two scans of one card apart. */
export interface CardScan {
  payload: string;
  seq: number;
}

/** Recorded for a reception dropped before anyone gave a name (nothing was received). */
const NO_CLERK = 'Cán bộ một cửa';
/** Skipped files named in the notice; the rest are counted. */
const SKIPPED_NAMED = 5;

const newSessionId = () => crypto.randomUUID();

/** Seconds since `since`, ticking once a second while set. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

export function ReceptionScreen({ active, scan }: { active: boolean; scan: CardScan | null }) {
  const { t, pick } = useI18n();
  const r = t.reception;
  const api = useMemo(() => getApi(), []);

  const [procedures, setProcedures] = useState<Procedure[] | null>(null);
  const [status, setStatus] = useState<ReceptionStatus | null>(null);
  // A reception interrupted by a reload comes back as it was.
  const [draft] = useState(loadDraft);
  const [procedure, setProcedure] = useState<Procedure | null>(draft?.procedure ?? null);
  const [applicant, setApplicant] = useState<ApplicantDraft>(draft?.applicant ?? EMPTY_APPLICANT);
  const [cardWarnings, setCardWarnings] = useState<{ vi: string; en: string }[]>([]);
  const [sessionId, setSessionId] = useState(() => draft?.sessionId ?? newSessionId());
  const [ws, setWs] = useState<Workspace>(draft?.ws ?? EMPTY_WORKSPACE);
  const [reading, setReading] = useState<{
    file: string;
    index: number;
    total: number;
    since: number;
    /** Files of the scan folder, read together by the core. */
    hotFolder?: boolean;
  } | null>(null);
  const [signing, setSigning] = useState<number | null>(null);
  const [result, setResult] = useState<ReceptionResult | null>(draft?.result ?? null);
  const [errors, setErrors] = useState<ErrorInfo[]>([]);
  const [clerk, setClerk] = useState(loadClerk);
  const [notice, setNotice] = useState('');
  const readingSeconds = useElapsed(reading?.since ?? null);
  const signingSeconds = useElapsed(signing);

  const searchRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const clerkRef = useRef<HTMLInputElement>(null);
  const scanRef = useRef<HTMLButtonElement>(null);
  const hotFolderRef = useRef<HTMLButtonElement>(null);
  const printRef = useRef<HTMLButtonElement>(null);
  const focusPagesRef = useRef<(() => void) | null>(null);
  const signRef = useRef<() => void>(() => undefined);
  const finishRef = useRef<() => void>(() => undefined);
  const inFlight = useRef(new Set<string>());
  // Strings for effects that must not re-run when only the language changes.
  const text = useRef(r);
  text.current = r;

  useEffect(() => {
    saveDraft({ sessionId, procedure, applicant, ws, result });
  }, [sessionId, procedure, applicant, ws, result]);
  useEffect(() => saveClerk(clerk), [clerk]);

  const fail = useCallback((e: unknown) => setErrors((list) => [...list, toErrorInfo(e)]), []);

  const loadStatus = useCallback(() => {
    api.receptionStatus({}).then(setStatus, fail);
  }, [api, fail]);
  useEffect(() => {
    api.listProcedures({}).then((c) => setProcedures(c.procedures), fail);
    loadStatus();
  }, [api, fail, loadStatus]);

  // A CCCD scan (from anywhere: the shell captures it) fills the applicant.
  useEffect(() => {
    if (!scan) return;
    api.readCard({ typed: scan.payload }).then((card) => {
      if (!card.holder) return;
      const h = card.holder;
      setApplicant((a) => ({
        ...a,
        fullName: h.fullName,
        idNumber: h.idNumber,
        dateOfBirth: h.dateOfBirth,
        address: h.address,
        source: 'qr',
      }));
      setCardWarnings(
        card.checks.filter((c) => !c.ok && c.severity === 'error').map((c) => c.message),
      );
      setNotice(text.current.applicantScanned(h.fullName));
    }, fail);
  }, [scan, api, fail]);

  // Documents whose pages changed are classified again (their joined page text).
  useEffect(() => {
    for (const d of ws.docs) {
      const signature = `${d.key}:${[...d.pageIds].sort().join(',')}`;
      if (!d.stale || inFlight.current.has(signature)) continue;
      inFlight.current.add(signature);
      const text = d.pageIds.map((id) => ws.pages[id]?.text ?? '').join('\n\n');
      api
        .classifyDocument({ text })
        .then(
          (answer) =>
            setWs((now) => {
              const doc = now.docs.find((x) => x.key === d.key);
              const same = doc && `${d.key}:${[...doc.pageIds].sort().join(',')}` === signature;
              return same ? classified(now, d.key, answer.classification, answer.fields) : now;
            }),
          fail,
        )
        .finally(() => inFlight.current.delete(signature));
    }
  }, [ws, api, fail]);

  /**
   * Where a stack of pages splits into documents: the intake's separation plan, here by the
   * page type changing (the counter's stacks carry no separator sheets). Without a plan the
   * file stays one document and the clerk splits it.
   */
  const planDocuments = useCallback(
    async (pages: ReceptionPage[]): Promise<number[][]> => {
      const whole = [pages.map((_, i) => i)];
      if (pages.length < 2) return whole;
      try {
        const { plan } = await api.planSeparation({
          pages: pages.map((p) => ({ name: p.id, text: p.text, blank: p.blank })),
          options: { classifier: true },
        });
        return plan.documents.length > 0 ? plan.documents.map((d) => d.pages) : whole;
      } catch {
        return whole;
      }
    },
    [api],
  );

  /** Adds one stack's pages (read by the core), split into documents; returns how many. */
  const addAnswer = useCallback(
    async (answer: { pages: ReceptionPage[]; fileErrors: ErrorInfo[] }): Promise<number> => {
      const groups = await planDocuments(answer.pages);
      setWs((now) => addDocuments(now, answer.pages, groups));
      setErrors((list) => [...list, ...answer.fileErrors]);
      return answer.pages.length;
    },
    [planDocuments],
  );

  /** Reads one stack (a file, or a scan) and adds its pages. */
  const addStack = useCallback(
    async (files: { name: string; dataBase64: string }[]): Promise<number> =>
      addAnswer(await api.receptionAddPages({ sessionId, files })),
    [api, sessionId, addAnswer],
  );

  const addFiles = useCallback(
    async (files: File[], note = '') => {
      setNotice('');
      let added = 0;
      // One file per call: its pages appear as soon as it is read, the clerk sees which file is
      // being read, and every page returned belongs to that file.
      for (const [i, file] of files.entries()) {
        setReading({ file: file.name, index: i + 1, total: files.length, since: Date.now() });
        try {
          added += await addStack([{ name: file.name, dataBase64: await fileToBase64(file) }]);
        } catch (e) {
          fail(e);
        }
      }
      setReading(null);
      setNotice([text.current.pagesAdded(added), note].filter(Boolean).join(' '));
    },
    [addStack, fail],
  );

  /** A picked or dropped folder: its scans in natural order, the other files named. */
  const addFolder = useCallback(
    (files: FolderFile[]) => {
      const { scans, skipped } = folderScans(files);
      const r = text.current;
      const shownNames = skipped.slice(0, SKIPPED_NAMED).join(', ');
      const more = skipped.length > SKIPPED_NAMED ? ', …' : '';
      const note = skipped.length > 0 ? r.folderSkipped(skipped.length, shownNames + more) : '';
      if (scans.length === 0) {
        const folder = files[0]?.path.split('/')[0] ?? '';
        setNotice([r.folderNoScans(folder), note].filter(Boolean).join(' '));
        return;
      }
      void addFiles(scans, note);
    },
    [addFiles],
  );

  /** The scan folder's waiting files, read by the core straight into this reception. */
  const takeHotFolder = useCallback(
    async (ids: string[]) => {
      setNotice('');
      setReading({ file: '', index: 1, total: ids.length, since: Date.now(), hotFolder: true });
      try {
        const answer = await api.receptionTakeFromHotFolder({ sessionId, ids });
        setNotice(text.current.pagesAdded(await addAnswer(answer)));
      } catch (e) {
        fail(e);
      } finally {
        setReading(null);
      }
    },
    [api, sessionId, addAnswer, fail],
  );

  const addScanned = useCallback(
    async (pages: ScannedPage[]) => {
      setReading({ file: text.current.scanButton, index: 1, total: 1, since: Date.now() });
      try {
        setNotice(text.current.pagesAdded(await addStack(pages)));
      } catch (e) {
        fail(e);
      } finally {
        setReading(null);
      }
    },
    [addStack, fail],
  );

  const onPageAction = useCallback((action: PageAction, id: string) => {
    setWs((now) => {
      switch (action) {
        case 'rotateRight':
          return rotatePage(now, id, 1);
        case 'rotateLeft':
          return rotatePage(now, id, -1);
        case 'back':
          return movePage(now, id, -1);
        case 'forward':
          return movePage(now, id, 1);
        case 'delete':
          return deletePage(now, id);
        case 'split':
          return splitAt(now, id);
        case 'merge':
          return mergeWithPrevious(now, id);
      }
    });
  }, []);

  const checklist = useMemo(
    () => (procedure ? matchChecklist(procedure, checklistDocuments(ws)) : null),
    [procedure, ws],
  );

  const needs: string[] = [];
  if (!clerk.trim()) needs.push(r.needClerk);
  if (!procedure) needs.push(r.needProcedure);
  if (!applicantReady(applicant)) needs.push(r.needApplicant);
  if (ws.docs.length === 0) needs.push(r.needPages);
  if (reading) needs.push(r.needReading);
  if (ws.docs.some((d) => d.stale || (!d.type && d.classification?.needsReview)))
    needs.push(r.needTypes);

  const sign = useCallback(async () => {
    if (!procedure || signing !== null || result) return;
    setSigning(Date.now());
    setNotice('');
    try {
      const answer = await api.receptionReceive({
        sessionId,
        procedureCode: procedure.code,
        clerk: clerk.trim(),
        applicant: {
          fullName: applicant.fullName.trim(),
          idNumber: applicant.idNumber.trim(),
          source: applicant.source,
          ...(applicant.address.trim() ? { address: applicant.address.trim() } : {}),
          ...(applicant.phone.trim() ? { phone: applicant.phone.trim() } : {}),
          ...(applicant.dateOfBirth ? { dateOfBirth: applicant.dateOfBirth } : {}),
        },
        documents: ws.docs.map((d) => ({
          pages: d.pageIds.map((id) => ({ id, rotation: ws.pages[id]!.rotation })),
          type: d.type,
          confirmed: d.confirmed,
          fields: d.fields,
        })),
      });
      setResult(answer);
      setErrors((list) => [...list, ...answer.fileErrors]);
      // The slip is next: printing is one Enter away.
      setTimeout(() => printRef.current?.focus(), 0);
    } catch (e) {
      fail(e);
    } finally {
      setSigning(null);
    }
  }, [api, applicant, clerk, fail, procedure, result, sessionId, signing, ws]);

  const retrySign = useCallback(async () => {
    if (!result || signing !== null) return;
    setSigning(Date.now());
    setErrors([]);
    try {
      const answer = await api.receptionSign({
        sessionId,
        dossierCode: result.dossierCode,
        clerk: clerk.trim() || NO_CLERK,
        pages: ws.docs.flatMap((d) =>
          d.pageIds.map((id) => ({ id, rotation: ws.pages[id]!.rotation })),
        ),
      });
      setResult({ ...result, ...answer });
      setErrors(answer.fileErrors);
    } catch (e) {
      fail(e);
    } finally {
      setSigning(null);
    }
  }, [api, clerk, fail, result, sessionId, signing, ws]);

  const reset = useCallback(
    (message: string) => {
      setProcedure(null);
      setApplicant(EMPTY_APPLICANT);
      setCardWarnings([]);
      setWs(EMPTY_WORKSPACE);
      setResult(null);
      setErrors([]);
      setSessionId(newSessionId());
      setNotice(message);
      loadStatus();
      setTimeout(() => searchRef.current?.focus(), 0);
    },
    [loadStatus],
  );

  const finish = useCallback(async () => {
    try {
      await api.receptionFinish({
        sessionId,
        clerk: clerk.trim() || NO_CLERK,
        ...(result ? { dossierCode: result.dossierCode } : {}),
      });
      reset(result ? r.finished(result.dossierCode) : '');
    } catch (e) {
      fail(e);
    }
  }, [api, clerk, fail, r, reset, result, sessionId]);

  signRef.current = () => {
    if (result && result.slipKind === 'receipt' && !result.archived) void retrySign();
    else if (needs.length === 0) void sign();
  };
  finishRef.current = () => {
    if (result) void finish();
  };

  // The screen's own shortcuts, only while it is the one shown.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const go = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (isAltKey(e, 'p'))
        go(() => {
          if (searchRef.current) searchRef.current.focus();
          else {
            // A procedure is chosen: Alt+P is "change it", back to the search box.
            setProcedure(null);
            setTimeout(() => searchRef.current?.focus(), 0);
          }
        });
      else if (isAltKey(e, 'n')) go(() => nameRef.current?.focus());
      else if (isAltKey(e, 't')) go(() => fileRef.current?.click());
      else if (isAltKey(e, 'q')) go(() => scanRef.current?.click());
      else if (isAltKey(e, 'm')) go(() => folderRef.current?.click());
      else if (isAltKey(e, 'l')) go(() => hotFolderRef.current?.click());
      else if (isAltKey(e, 'c')) go(() => clerkRef.current?.focus());
      else if (isAltKey(e, 'g')) go(() => focusPagesRef.current?.());
      else if (isAltKey(e, 'k')) go(() => signRef.current());
      else if (isAltKey(e, 'i')) go(() => result && window.print());
      else if (isAltKey(e, 'h')) go(() => finishRef.current());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, result]);

  const readingText = reading
    ? reading.hotFolder
      ? r.hotFolderTaking(reading.total, readingSeconds)
      : r.pagesReading(reading.file, reading.index, reading.total, readingSeconds)
    : null;
  const signingText = signing !== null ? r.signBusy(signingSeconds) : null;

  return (
    <div className="screen reception">
      <div className="reception-head">
        <h2>{r.title}</h2>
        <ClerkField clerk={clerk} onChange={setClerk} inputRef={clerkRef} />
      </div>
      <p className="status" role="status" aria-live="polite">
        {notice}
      </p>
      <ErrorList errors={errors} onDismiss={() => setErrors([])} />
      <div className="reception-grid">
        <div className="reception-left">
          <ProcedurePicker
            procedures={procedures}
            recent={status?.recentProcedures ?? []}
            selected={procedure}
            onSelect={(p) => {
              setProcedure(p);
              // Next step for the keyboard: the applicant, unless a scan already filled it.
              if (p && !applicantReady(applicant)) setTimeout(() => nameRef.current?.focus(), 0);
            }}
            searchRef={searchRef}
          />
          <ApplicantForm
            applicant={applicant}
            onChange={setApplicant}
            warnings={cardWarnings.map(pick)}
            nameRef={nameRef}
          />
          <ChecklistPanel procedure={procedure} checklist={checklist} />
          <SignPanel
            status={status}
            needs={needs}
            complete={checklist?.complete ?? true}
            busyText={signingText}
            result={result}
            onSign={() => void sign()}
            onRetrySign={() => void retrySign()}
            printRef={printRef}
            onPrint={() => window.print()}
            onFinish={() => void finish()}
            onDiscard={() => void finish()}
          />
        </div>
        {/* Once signed, the pages and documents are what was archived: no more edits. */}
        <fieldset className="reception-right" disabled={result !== null}>
          <PagesPanel
            ws={ws}
            busyText={readingText}
            onFiles={(files) => void addFiles(files)}
            onFolder={addFolder}
            onAction={onPageAction}
            inputRef={fileRef}
            folderRef={folderRef}
            focusPagesRef={focusPagesRef}
            hotFolderSlot={
              <HotFolderBar
                active={active}
                disabled={reading !== null || result !== null}
                onTake={takeHotFolder}
                buttonRef={hotFolderRef}
              />
            }
            scanSlot={
              <ScanControl
                disabled={reading !== null || result !== null}
                onPages={addScanned}
                onErrors={(list) => setErrors((now) => [...now, ...list])}
                buttonRef={scanRef}
              />
            }
          />
          <DocumentsPanel
            ws={ws}
            onType={(key, type) => setWs((now) => setType(now, key, type))}
            onField={(key, index, value) => setWs((now) => setField(now, key, index, value))}
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
