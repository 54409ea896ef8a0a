// A function whose identity never changes but which always runs the latest render's version:
// handed to memoized children (a page thumbnail among hundreds) so that a new render redraws only
// the children whose own data changed. The latest version is taken in a layout effect, never
// during render.
import { useCallback, useLayoutEffect, useRef } from 'react';

export function useStableCallback<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
