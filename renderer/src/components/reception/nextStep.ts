// What a shortcut or a button does when it cannot act: it says why, in words, and the keyboard
// goes to what needs doing (the clerk's name, the procedure search, the applicant, the pages, the
// first document without a type). Pure: the screen turns a refusal into text and focus.
import type { Messages } from '../../i18n/vi';
import { ID_NUMBER } from './ApplicantForm';
import { signNeeds, type ReceptionState, type SignNeed } from './receptionState';

type ReceptionText = Messages['reception'];
type DeskText = Messages['desk'];

export type Refusal =
  /** Alt+K with something missing: what, and which documents have no type. */
  | { kind: 'sign'; needs: SignNeed[]; untyped: number[] }
  | { kind: 'signBusy' }
  /** Alt+I or Alt+H before there is a slip. */
  | { kind: 'noSlip'; action: 'print' | 'finish' }
  /** Adding pages or changing the procedure once the dossier is signed. */
  | { kind: 'signed' }
  /** Adding pages while others are still being read. */
  | { kind: 'reading' }
  /** Alt+G with no page. */
  | { kind: 'noPages' }
  /** Alt+L with nothing waiting in the scan folder (or none set up). */
  | { kind: 'hotFolderEmpty'; configured: boolean };

/** Where the keyboard goes to do what is missing. */
export type FocusTarget =
  | { kind: 'clerk' }
  | { kind: 'search' }
  | { kind: 'name' }
  | { kind: 'idNumber' }
  | { kind: 'addPages' }
  /** The type list of a document (its key). */
  | { kind: 'docType'; key: string };

/** Documents the clerk has to type (numbered from 1): no type and the machine is unsure. */
export function untypedDocs(state: Pick<ReceptionState, 'ws'>): number[] {
  return state.ws.docs.flatMap((d, i) =>
    !d.stale && !d.type && (d.classification === null || d.classification.needsReview)
      ? [i + 1]
      : [],
  );
}

/** Alt+K's answer when it cannot sign now, or null when it can. */
export function signRefusal(state: ReceptionState): Refusal | null {
  if (state.signing !== null) return { kind: 'signBusy' };
  const needs = signNeeds(state);
  return needs.length === 0 ? null : { kind: 'sign', needs, untyped: untypedDocs(state) };
}

/** The first missing thing the clerk can do something about, in the order of the screen. */
export function focusForNeeds(
  state: ReceptionState,
  needs: readonly SignNeed[],
): FocusTarget | null {
  for (const need of needs) {
    switch (need) {
      case 'needClerk':
        return { kind: 'clerk' };
      case 'needProcedure':
        return { kind: 'search' };
      case 'needApplicant':
        return state.applicant.fullName.trim() !== '' &&
          !ID_NUMBER.test(state.applicant.idNumber.trim())
          ? { kind: 'idNumber' }
          : { kind: 'name' };
      case 'needPages':
        return { kind: 'addPages' };
      case 'needTypes': {
        const first = untypedDocs(state)[0];
        const doc = first === undefined ? undefined : state.ws.docs[first - 1];
        if (doc) return { kind: 'docType', key: doc.key };
        break;
      }
      case 'needReading':
        break;
    }
  }
  return null;
}

/** The refusal in words, in the language shown. */
export function refusalText(refusal: Refusal, r: ReceptionText, d: DeskText): string {
  switch (refusal.kind) {
    case 'sign': {
      const parts = refusal.needs.map((need) =>
        need === 'needTypes' && refusal.untyped.length > 0
          ? d.untypedDocs(refusal.untyped.map(d.docName).join(', '))
          : r[need],
      );
      return d.refuseSign(parts.join('; '));
    }
    case 'signBusy':
      return d.refuseSignBusy;
    case 'noSlip':
      return refusal.action === 'print' ? d.refusePrint : d.refuseFinish;
    case 'signed':
      return d.refuseSigned;
    case 'reading':
      return d.refuseReading;
    case 'noPages':
      return d.refuseNoPages;
    case 'hotFolderEmpty':
      return refusal.configured ? d.refuseHotFolderEmpty : d.refuseHotFolderNone;
  }
}
