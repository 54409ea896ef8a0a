// What the shell (Electron main, the web host, a test) does for the core that only it can do:
// show a native file or folder dialog, and ask a token's PIN in a window of its own. The core
// never imports `electron`; the shell passes these in through `createApi({ host })`.
import type { PathPurpose, PinRequest } from '../../../shared/contracts/host';

export interface HostServices {
  /** The absolute path the clerk chose for `purpose`, or null when they cancelled. */
  choosePath?: (
    purpose: PathPurpose,
    options?: { language: 'vi' | 'en' },
  ) => Promise<string | null>;
  /** The PIN the clerk typed in the host's window, or null when they cancelled. */
  askPin?: (request: PinRequest) => Promise<string | null>;
}

export type PinPrompt = NonNullable<HostServices['askPin']>;
