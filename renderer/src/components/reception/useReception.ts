// The open reception as the screen uses it: its state (one reducer, receptionState.ts) and the
// calls to the core that move it on. Kept across reloads as a draft; a CCCD scan fills the
// applicant; documents whose pages changed are classified again; receiving signs, archives and
// queues the dossier and returns the slip; finishing (or dropping) starts the next one.
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type Dispatch,
} from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { ResultDelivery } from '../../../../shared/contracts/dossier';
import { matchChecklist, type Procedure } from '../../../../shared/procedures';
import { getApi, toErrorInfo } from '../../api';
import { loadClerk, saveClerk } from './ClerkField';
import { loadDraft, saveDraft } from './draft';
import { checklistDocuments, docSignature, type Workspace } from './model';
import {
  initialReception,
  receptionReducer,
  signNeeds,
  type ReceptionAction,
  type ReceptionState,
} from './receptionState';
import type { ReceptionStatus } from './SignPanel';
import { useDiscarded } from './useDiscarded';
import { usePageIntake } from './usePageIntake';

/** A QR payload typed by the keyboard-wedge scanner; `seq` tells two scans of one card apart. */
export interface CardScan {
  payload: string;
  seq: number;
}

/** Recorded for a reception dropped before anyone gave a name (nothing was received). */
const NO_CLERK = 'Cán bộ một cửa';

const newSessionId = () => crypto.randomUUID();

/** The procedure catalogue and the desk's status (signer, recent procedures). */
function useCounterInfo(api: SohoaApi, fail: (e: unknown) => void) {
  const [procedures, setProcedures] = useState<Procedure[] | null>(null);
  const [status, setStatus] = useState<ReceptionStatus | null>(null);
  const reloadStatus = useCallback(() => {
    api.receptionStatus({}).then(setStatus, fail);
  }, [api, fail]);
  useEffect(() => {
    api.listProcedures({}).then((c) => setProcedures(c.procedures), fail);
    reloadStatus();
  }, [api, fail, reloadStatus]);
  return { procedures, status, reloadStatus };
}

/** A reception interrupted by a reload comes back as it was; the clerk's name stays on the machine. */
function useKeptOnMachine(state: ReceptionState): void {
  const { sessionId, procedure, applicant, ws, result, clerk } = state;
  useEffect(() => {
    saveDraft({ sessionId, procedure, applicant, ws, result });
  }, [sessionId, procedure, applicant, ws, result]);
  useEffect(() => saveClerk(clerk), [clerk]);
}

/** A CCCD scan (from anywhere: the shell captures it) fills the applicant. */
function useCardScan(
  api: SohoaApi,
  scan: CardScan | null,
  dispatch: Dispatch<ReceptionAction>,
  fail: (e: unknown) => void,
): void {
  useEffect(() => {
    if (!scan) return;
    api.readCard({ typed: scan.payload }).then((card) => {
      if (!card.holder) return;
      const { fullName, idNumber, dateOfBirth, address, oldIdNumber, card: kind } = card.holder;
      const warnings = card.checks
        .filter((c) => !c.ok && c.severity === 'error')
        .map((c) => c.message);
      dispatch({
        type: 'cardRead',
        holder: {
          fullName,
          idNumber,
          dateOfBirth,
          address,
          card: kind,
          ...(oldIdNumber ? { oldIdNumber } : {}),
        },
        warnings,
      });
    }, fail);
  }, [scan, api, dispatch, fail]);
}

/** Documents whose pages changed are classified again (their joined page text), once per change. */
function useClassifier(
  api: SohoaApi,
  ws: Workspace,
  dispatch: Dispatch<ReceptionAction>,
  fail: (e: unknown) => void,
): void {
  const inFlight = useRef(new Set<string>());
  useEffect(() => {
    for (const d of ws.docs) {
      const signature = docSignature(d);
      if (!d.stale || inFlight.current.has(signature)) continue;
      inFlight.current.add(signature);
      const text = d.pageIds.map((id) => ws.pages[id]?.text ?? '').join('\n\n');
      api
        .classifyDocument({ text })
        .then(
          (answer) =>
            dispatch({
              type: 'workspace',
              edit: {
                type: 'classified',
                key: d.key,
                signature,
                classification: answer.classification,
                fields: answer.fields,
              },
            }),
          fail,
        )
        .finally(() => inFlight.current.delete(signature));
    }
  }, [ws, api, dispatch, fail]);
}

/** The pages of every document with the turn the clerk gave each, as the core takes them. */
function turnedPages(ws: Workspace, pageIds: string[]) {
  return pageIds.map((id) => ({ id, rotation: ws.pages[id]!.rotation }));
}

/** The applicant as the contract takes it: trimmed, empty optional values left out. */
function applicantOf(a: ReceptionState['applicant']) {
  return {
    fullName: a.fullName.trim(),
    idNumber: a.idNumber.trim(),
    source: a.source,
    ...(a.address.trim() ? { address: a.address.trim() } : {}),
    ...(a.phone.trim() ? { phone: a.phone.trim() } : {}),
    ...(a.dateOfBirth ? { dateOfBirth: a.dateOfBirth } : {}),
    ...(a.oldIdNumber ? { oldIdNumber: a.oldIdNumber } : {}),
    ...(a.card ? { card: a.card } : {}),
  };
}

export interface ReceptionHooks {
  /** The dossier was received and its slip is ready (printing is one Enter away). */
  onSigned: () => void;
  /** A new reception began (back to the procedure search). */
  onReset: () => void;
}

/** Receiving and signing, signing again after a failure, and finishing (or dropping). */
function signingActions(
  api: SohoaApi,
  state: ReceptionState,
  dispatch: Dispatch<ReceptionAction>,
  fail: (e: unknown) => void,
  after: ReceptionHooks & { reloadStatus: () => void; delivery: ResultDelivery | null },
) {
  const { sessionId, procedure, applicant, clerk, ws, result, signing } = state;

  const sign = async () => {
    if (!procedure || signing !== null || result) return;
    dispatch({ type: 'signStarted', since: Date.now(), retry: false });
    try {
      const answer = await api.receptionReceive({
        sessionId,
        procedureCode: procedure.code,
        clerk: clerk.trim(),
        applicant: applicantOf(applicant),
        ...(after.delivery ? { delivery: after.delivery } : {}),
        documents: ws.docs.map((d) => ({
          pages: turnedPages(ws, d.pageIds),
          type: d.type,
          confirmed: d.confirmed,
          fields: d.fields,
        })),
      });
      dispatch({ type: 'received', result: answer });
      after.onSigned();
    } catch (e) {
      fail(e);
    } finally {
      dispatch({ type: 'signEnded' });
    }
  };

  const retrySign = async () => {
    if (!result || signing !== null) return;
    dispatch({ type: 'signStarted', since: Date.now(), retry: true });
    try {
      const answer = await api.receptionSign({
        sessionId,
        dossierCode: result.dossierCode,
        clerk: clerk.trim() || NO_CLERK,
        pages: ws.docs.flatMap((d) => turnedPages(ws, d.pageIds)),
      });
      dispatch({ type: 'resigned', answer });
    } catch (e) {
      fail(e);
    } finally {
      dispatch({ type: 'signEnded' });
    }
  };

  const finish = async () => {
    try {
      await api.receptionFinish({
        sessionId,
        clerk: clerk.trim() || NO_CLERK,
        ...(result ? { dossierCode: result.dossierCode } : {}),
      });
      const notice = result ? { kind: 'finished' as const, dossierCode: result.dossierCode } : null;
      dispatch({ type: 'reset', sessionId: newSessionId(), notice });
      after.reloadStatus();
      after.onReset();
    } catch (e) {
      fail(e);
    }
  };

  return { sign, retrySign, finish };
}

export function useReception(scan: CardScan | null, hooks: ReceptionHooks) {
  const api = useMemo(getApi, []);
  const [state, dispatch] = useReducer(receptionReducer, null, () =>
    initialReception(loadDraft(), loadClerk(), newSessionId()),
  );
  const fail = useCallback(
    (e: unknown) => dispatch({ type: 'failed', errors: [toErrorInfo(e)] }),
    [],
  );
  const { procedures, status, reloadStatus } = useCounterInfo(api, fail);
  useKeptOnMachine(state);
  useCardScan(api, scan, dispatch, fail);
  useClassifier(api, state.ws, dispatch, fail);
  const intake = usePageIntake(api, state.sessionId, dispatch, fail);
  // The applicant's choice of where to collect the result, for this dossier only.
  const [delivery, setDelivery] = useState<ResultDelivery | null>(null);
  useEffect(() => setDelivery(null), [state.sessionId]);
  const { sign, retrySign, finish } = signingActions(api, state, dispatch, fail, {
    ...hooks,
    reloadStatus,
    delivery,
  });

  const checklist = useMemo(
    () => (state.procedure ? matchChecklist(state.procedure, checklistDocuments(state.ws)) : null),
    [state.procedure, state.ws],
  );
  const needs = signNeeds(state);
  const { result } = state;
  const { discarded, discard, restore } = useDiscarded(
    state,
    dispatch,
    newSessionId,
    hooks.onReset,
  );

  return {
    state,
    dispatch,
    procedures,
    status,
    checklist,
    needs,
    ...intake,
    delivery,
    setDelivery,
    sign,
    retrySign,
    finish,
    /** Drops the reception on screen (kept for this session, restorable) and starts the next. */
    discard,
    restore,
    discarded,
    /** Alt+K: signs again a receipt whose signing failed, otherwise signs once nothing is missing. */
    signOrRetry: () => {
      if (result && result.slipKind === 'receipt' && !result.archived) void retrySign();
      else if (needs.length === 0) void sign();
    },
  };
}

export type Reception = ReturnType<typeof useReception>;
