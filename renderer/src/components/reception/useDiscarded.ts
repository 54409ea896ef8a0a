// Discarding the open reception, and taking a discarded one back (discarded.ts keeps them). A
// restore never loses the reception on screen: if it holds work, it is kept in its place.
import { useState, type Dispatch } from 'react';
import type { ReceptionDraft } from './draft';
import { hasWork, keepDiscarded, loadDiscarded, takeDiscarded } from './discarded';
import type { ReceptionAction, ReceptionState } from './receptionState';

const draftOf = (s: ReceptionState): ReceptionDraft => ({
  sessionId: s.sessionId,
  procedure: s.procedure,
  applicant: s.applicant,
  ws: s.ws,
  result: null,
});

export function useDiscarded(
  state: ReceptionState,
  dispatch: Dispatch<ReceptionAction>,
  newSessionId: () => string,
  onReset: () => void,
) {
  const [list, setList] = useState(loadDiscarded);

  /** The reception on screen goes (kept here, restorable); the next one starts. */
  const discard = () => {
    const draft = draftOf(state);
    if (hasWork(draft)) setList((l) => keepDiscarded(l, draft, Date.now()));
    dispatch({ type: 'reset', sessionId: newSessionId(), notice: null });
    onReset();
  };

  /** Brings a discarded reception back as it was. */
  const restore = (sessionId: string) => {
    const item = list.find((d) => d.draft.sessionId === sessionId);
    if (!item) return;
    const current = draftOf(state);
    let next = takeDiscarded(list, sessionId);
    if (hasWork(current) && !state.result) next = keepDiscarded(next, current, Date.now());
    setList(next);
    dispatch({ type: 'restore', draft: item.draft });
  };

  return { discarded: list, discard, restore };
}
