// Messages of errors about procedures, dossiers, ID cards, classification, receipts. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next.
import type { Template } from './template';

export const DOSSIER_MESSAGES = {} satisfies Record<string, Template>;
