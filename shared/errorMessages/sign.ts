// Messages of errors about signing and signature verification. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next.
import type { Template } from './template';

export const SIGN_MESSAGES = {} satisfies Record<string, Template>;
