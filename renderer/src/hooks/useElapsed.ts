// Whole seconds since a moment, ticking once a second while it is set: the "for 12 s" of a long
// reading, signing or digitizing, so the clerk sees the work is still going.
import { useEffect, useState } from 'react';

export function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}
