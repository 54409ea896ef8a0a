// Messages of errors about scanners, hot folders, separation. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next.
import type { Template } from './template';

export const ACQUIRE_MESSAGES = {} satisfies Record<string, Template>;
