// The web host's link state for a component (always online in Electron): see hostLink.ts.
import { useSyncExternalStore } from 'react';
import { hostLink } from '../api';
import type { LinkState } from '../hostLink';

const ONLINE: LinkState = { kind: 'online' };
const never = () => () => undefined;

export function useHostLink(): LinkState {
  const link = hostLink();
  return useSyncExternalStore(link?.subscribe ?? never, link?.snapshot ?? (() => ONLINE));
}
