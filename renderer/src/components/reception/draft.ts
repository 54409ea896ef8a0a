// The open reception kept in this window's storage, so a reload (F5, a renderer crash) brings
// back the procedure, the applicant, the pages with their turns and grouping, the clerk's types
// and a signed result still to print. The pages themselves stay in the core's session folder.
import type { Procedure } from '../../../../shared/procedures';
import type { ApplicantDraft } from './ApplicantForm';
import type { Workspace } from './model';
import type { ReceptionResult } from './SignPanel';

const KEY = 'sohoa.reception.draft';

export interface ReceptionDraft {
  sessionId: string;
  procedure: Procedure | null;
  applicant: ApplicantDraft;
  ws: Workspace;
  result: ReceptionResult | null;
}

export function loadDraft(): ReceptionDraft | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as ReceptionDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: ReceptionDraft): void {
  const empty =
    !draft.procedure &&
    !draft.result &&
    draft.ws.docs.length === 0 &&
    !draft.applicant.fullName &&
    !draft.applicant.idNumber;
  try {
    if (empty) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the reception goes on, it just would not survive a reload.
  }
}
