// Typed error codes that cross the contract. Every code has a Vietnamese and an English message
// that says what happened, to which file, and what the clerk can do next.
import { z } from 'zod';
import { ACQUIRE_MESSAGES } from './errorMessages/acquire';
import { ARCHIVE_MESSAGES } from './errorMessages/archive';
import { CORE_MESSAGES } from './errorMessages/core';
import { DOSSIER_MESSAGES } from './errorMessages/dossier';
import { HOST_MESSAGES } from './errorMessages/host';
import { INTAKE_MESSAGES } from './errorMessages/intake';
import { OCR_MESSAGES } from './errorMessages/ocr';
import { SIGN_MESSAGES } from './errorMessages/sign';
import type { Template } from './errorMessages/template';

const MESSAGES = {
  ...CORE_MESSAGES,
  ...OCR_MESSAGES,
  ...SIGN_MESSAGES,
  ...ARCHIVE_MESSAGES,
  ...DOSSIER_MESSAGES,
  ...ACQUIRE_MESSAGES,
  ...INTAKE_MESSAGES,
  ...HOST_MESSAGES,
} satisfies Record<string, Template>;

export type ErrorCode = keyof typeof MESSAGES;
export const ERROR_CODES = Object.keys(MESSAGES) as [ErrorCode, ...ErrorCode[]];
export const ErrorCode = z.enum(ERROR_CODES);

export const Localized = z.object({ vi: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: Localized,
  /** The file or item the error is about, as the user named it (never a full path). */
  subject: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export function errorInfo(code: ErrorCode, subject = ''): ErrorInfo {
  return { code, message: MESSAGES[code](subject), ...(subject ? { subject } : {}) };
}

/** An error with a typed code, thrown by the core and carried as plain data across the contract. */
export class SohoaError extends Error {
  readonly info: ErrorInfo;
  constructor(code: ErrorCode, subject = '', options?: { cause?: unknown }) {
    const info = errorInfo(code, subject);
    super(info.message.en, options);
    this.name = 'SohoaError';
    this.info = info;
  }
  get code(): ErrorCode {
    return this.info.code;
  }
}

export function isSohoaError(e: unknown): e is SohoaError {
  return e instanceof SohoaError;
}
