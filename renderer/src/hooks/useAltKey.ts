// A screen's Alt+letter shortcut, heard anywhere in the window while `enabled` (by the physical
// key, so it works on any keyboard layout; Shift, Ctrl or Meta with it is something else).
import { useEffect, useEffectEvent } from 'react';

export function useAltKey(code: `Key${string}`, run: () => void, enabled = true): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === code) {
      e.preventDefault();
      run();
    }
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled, code]);
}
