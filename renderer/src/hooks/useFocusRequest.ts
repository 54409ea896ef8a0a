// Moving the keyboard to an element once React has drawn it. A request made together with a
// state change (the slip arrived, a new reception began, a refusal names a field) is carried
// out after that change is on screen, so the element it names exists; focusing it from a timer
// raced the drawing and left the keyboard on the page's body.
import { useCallback, useEffect, useState } from 'react';

type Find = () => HTMLElement | null | undefined;

export function useFocusRequest(): (find: Find) => void {
  const [request, setRequest] = useState<{ find: Find; seq: number } | null>(null);
  useEffect(() => {
    const el = request?.find();
    if (!el) return;
    el.focus({ preventScroll: true });
    // Only as far as needed to show it, inside its own scrolling column.
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [request]);
  return useCallback((find: Find) => setRequest((r) => ({ find, seq: (r?.seq ?? 0) + 1 })), []);
}
