// One reception at the counter as pure data: the session, the procedure, the applicant, the
// workspace of pages and documents, the signed result, and what the screen is busy with or has to
// say. `receptionReducer` is every change to it (for useReducer); the calls to the core that
// cause them live in useReception.
import type { Response } from '../../../../shared/contract';
import type { ErrorInfo, Localized } from '../../../../shared/errors';
import type { Procedure } from '../../../../shared/procedures';
import type { Messages } from '../../i18n/vi';
import { applicantReady, EMPTY_APPLICANT, type ApplicantDraft } from './ApplicantForm';
import type { ReceptionDraft } from './draft';
import { EMPTY_WORKSPACE, workspaceReducer, type Workspace, type WorkspaceAction } from './model';
import type { ReceptionResult } from './SignPanel';

type ReceptionText = Messages['reception'];

/** Pages being read into the reception, with when the reading began (for the elapsed seconds). */
export interface Reading {
  /** Picked or dropped files one at a time, the scanner's stack, or the scan folder's files. */
  from: 'file' | 'scanner' | 'hotFolder';
  /** The file being read (from a file). */
  file: string;
  index: number;
  total: number;
  since: number;
}

/** Files of a picked folder that are not scans: how many, and the first few by name. */
export interface SkippedFiles {
  count: number;
  names: string;
}

/**
 * What the screen last reported, kept as data and worded when shown, so it reads in the language
 * on screen.
 */
export type Notice =
  | { kind: 'applicantScanned'; name: string }
  | { kind: 'pagesAdded'; pages: number; skipped?: SkippedFiles }
  | { kind: 'folderNoScans'; folder: string; skipped?: SkippedFiles }
  | { kind: 'finished'; dossierCode: string };

export function noticeText(notice: Notice | null, r: ReceptionText): string {
  if (!notice) return '';
  const skipped = (s?: SkippedFiles) => (s ? r.folderSkipped(s.count, s.names) : '');
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  switch (notice.kind) {
    case 'applicantScanned':
      return r.applicantScanned(notice.name);
    case 'pagesAdded':
      return join(r.pagesAdded(notice.pages), skipped(notice.skipped));
    case 'folderNoScans':
      return join(r.folderNoScans(notice.folder), skipped(notice.skipped));
    case 'finished':
      return r.finished(notice.dossierCode);
  }
}

export interface ReceptionState {
  sessionId: string;
  clerk: string;
  procedure: Procedure | null;
  applicant: ApplicantDraft;
  /** Checks of the scanned ID card that failed. */
  cardWarnings: Localized[];
  ws: Workspace;
  result: ReceptionResult | null;
  errors: ErrorInfo[];
  notice: Notice | null;
  reading: Reading | null;
  /** When signing began, while it runs. */
  signing: number | null;
}

/** A fresh reception, or the one a reload interrupted (its draft). */
export function initialReception(
  draft: ReceptionDraft | null,
  clerk: string,
  sessionId: string,
): ReceptionState {
  return {
    sessionId: draft?.sessionId ?? sessionId,
    clerk,
    procedure: draft?.procedure ?? null,
    applicant: draft?.applicant ?? EMPTY_APPLICANT,
    cardWarnings: [],
    ws: draft?.ws ?? EMPTY_WORKSPACE,
    result: draft?.result ?? null,
    errors: [],
    notice: null,
    reading: null,
    signing: null,
  };
}

/** The ID card's holder, as read from its QR code. */
export interface CardHolder {
  fullName: string;
  idNumber: string;
  dateOfBirth: string;
  address: string;
  oldIdNumber?: string;
  card?: 'cccd' | 'can-cuoc';
}

export type ReceptionAction =
  | { type: 'clerk'; clerk: string }
  | { type: 'procedure'; procedure: Procedure | null }
  | { type: 'applicant'; applicant: ApplicantDraft }
  | { type: 'cardRead'; holder: CardHolder; warnings: Localized[] }
  | { type: 'workspace'; edit: WorkspaceAction }
  | {
      type: 'stackRead';
      pages: Extract<WorkspaceAction, { type: 'add' }>['pages'];
      groups: Extract<WorkspaceAction, { type: 'add' }>['groups'];
      fileErrors: ErrorInfo[];
    }
  | { type: 'reading'; reading: Reading | null }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'failed'; errors: ErrorInfo[] }
  | { type: 'dismissErrors' }
  /** Receiving and signing began (`retry`: signing again a dossier already received). */
  | { type: 'signStarted'; since: number; retry: boolean }
  | { type: 'signEnded' }
  | { type: 'received'; result: ReceptionResult }
  | { type: 'resigned'; answer: Response<'receptionSign'> }
  /** The next applicant: everything but the clerk starts over, in a new session. */
  | { type: 'reset'; sessionId: string; notice: Notice | null }
  /** A discarded reception back on screen, in its own session (its pages are still there). */
  | { type: 'restore'; draft: ReceptionDraft };

export function receptionReducer(state: ReceptionState, action: ReceptionAction): ReceptionState {
  switch (action.type) {
    case 'clerk':
      return { ...state, clerk: action.clerk };
    case 'procedure':
      return { ...state, procedure: action.procedure };
    case 'applicant':
      return { ...state, applicant: action.applicant };
    case 'cardRead':
      return {
        ...state,
        applicant: { ...withoutCard(state.applicant), ...action.holder, source: 'qr' },
        cardWarnings: action.warnings,
        notice: { kind: 'applicantScanned', name: action.holder.fullName },
      };
    case 'workspace':
      return { ...state, ws: workspaceReducer(state.ws, action.edit) };
    case 'stackRead':
      return {
        ...state,
        ws: workspaceReducer(state.ws, { type: 'add', pages: action.pages, groups: action.groups }),
        errors: [...state.errors, ...action.fileErrors],
      };
    case 'reading':
      return { ...state, reading: action.reading };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'failed':
      return { ...state, errors: [...state.errors, ...action.errors] };
    case 'dismissErrors':
      return { ...state, errors: [] };
    case 'signStarted':
      return action.retry
        ? { ...state, signing: action.since, errors: [] }
        : { ...state, signing: action.since, notice: null };
    case 'signEnded':
      return { ...state, signing: null };
    case 'received':
      return {
        ...state,
        result: action.result,
        errors: [...state.errors, ...action.result.fileErrors],
      };
    case 'resigned':
      return state.result
        ? {
            ...state,
            result: { ...state.result, ...action.answer },
            errors: action.answer.fileErrors,
          }
        : state;
    case 'reset':
      return {
        ...initialReception(null, state.clerk, action.sessionId),
        // Reading or signing still running finishes on its own and says so.
        reading: state.reading,
        signing: state.signing,
        notice: action.notice,
      };
    case 'restore':
      return {
        ...initialReception(action.draft, state.clerk, action.draft.sessionId),
        reading: state.reading,
        signing: state.signing,
      };
  }
}

export type SignNeed =
  'needClerk' | 'needProcedure' | 'needApplicant' | 'needPages' | 'needReading' | 'needTypes';

/** What is still missing before the dossier can be received and signed, in the order shown. */
export function signNeeds(state: ReceptionState): SignNeed[] {
  const needs: SignNeed[] = [];
  if (!state.clerk.trim()) needs.push('needClerk');
  if (!state.procedure) needs.push('needProcedure');
  if (!applicantReady(state.applicant)) needs.push('needApplicant');
  if (state.ws.docs.length === 0) needs.push('needPages');
  if (state.reading) needs.push('needReading');
  if (state.ws.docs.some((d) => d.stale || (!d.type && d.classification?.needsReview)))
    needs.push('needTypes');
  return needs;
}

/** The applicant without what the previous card's QR said (a new card may carry none of it). */
function withoutCard(a: ApplicantDraft): ApplicantDraft {
  const rest = { ...a };
  delete rest.oldIdNumber;
  delete rest.card;
  return rest;
}
