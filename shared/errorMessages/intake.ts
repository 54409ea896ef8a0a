// Messages of errors about the hot folder, file import and separating stacks into documents.
// Vietnamese first; each says what happened, to which file, and what the clerk can do next.
import type { Template } from './template';

export const INTAKE_MESSAGES = {} satisfies Record<string, Template>;
