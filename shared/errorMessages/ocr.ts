// Messages of errors about the OCR engine: inputs, image pipeline, PDF/A output. Vietnamese first; each says what happened, to which
// file or item, and what the clerk can do next.
import type { Template } from './template';

export const OCR_MESSAGES = {} satisfies Record<string, Template>;
