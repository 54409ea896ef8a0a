// Messages of errors about the archive, audit log, packages, outbox and connectors. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next.
import type { Template } from './template';

export const ARCHIVE_MESSAGES = {} satisfies Record<string, Template>;
