// Receptions the clerk discarded, kept for this window's session so a discard can be undone: the
// draft (procedure, applicant, pages with their turns and grouping, types) is kept here and the
// pages stay in the core's session folder (dropped by the core only a day later), so restoring
// loses nothing. No confirmation is asked before discarding: undoing is one key away.
import type { ReceptionDraft } from './draft';

const KEY = 'sohoa.reception.discarded';
/** The most recent ones; older ones are no longer offered (their pages go with the core's day). */
const KEPT = 5;

export interface Discarded {
  draft: ReceptionDraft;
  /** When it was discarded (ms). */
  at: number;
}

export function loadDiscarded(): Discarded[] {
  try {
    const list: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? (list as Discarded[]) : [];
  } catch {
    return [];
  }
}

function save(list: Discarded[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(list.slice(0, KEPT)));
  } catch {
    // Storage full or unavailable: the list lasts while the screen stays open.
  }
}

/** Keeps one more, newest first. */
export function keepDiscarded(list: Discarded[], draft: ReceptionDraft, at: number): Discarded[] {
  const next = [{ draft, at }, ...list.filter((d) => d.draft.sessionId !== draft.sessionId)];
  save(next);
  return next.slice(0, KEPT);
}

/** Takes one back out of the list (it is being restored). */
export function takeDiscarded(list: Discarded[], sessionId: string): Discarded[] {
  const next = list.filter((d) => d.draft.sessionId !== sessionId);
  save(next);
  return next;
}

/** Whether a reception holds anything worth keeping. */
export function hasWork(draft: ReceptionDraft): boolean {
  return (
    draft.procedure !== null ||
    draft.ws.docs.length > 0 ||
    draft.applicant.fullName.trim() !== '' ||
    draft.applicant.idNumber.trim() !== ''
  );
}
