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
import { PROTECTION_MESSAGES } from './errorMessages/protection';
import { SIGN_MESSAGES } from './errorMessages/sign';
import { VAULT_MESSAGES } from './errorMessages/vault';
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
  ...PROTECTION_MESSAGES,
  ...VAULT_MESSAGES,
} satisfies Record<string, Template>;

export type ErrorCode = keyof typeof MESSAGES;
export const ERROR_CODES = Object.keys(MESSAGES) as [ErrorCode, ...ErrorCode[]];
export const ErrorCode = z.enum(ERROR_CODES);

export const Localized = z.object({ vi: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

/**
 * Where a page came from in the user's files: the file as the user named it (never a full path)
 * and, for a file of several pages, the page's 0-based index in it. Display strings such as
 * "hop.pdf (trang 2)" are built from this for the screen and never parsed back.
 */
export const PageLocation = z.object({
  file: z.string(),
  pageInFile: z.number().int().nonnegative().nullable(),
});
export type PageLocation = z.infer<typeof PageLocation>;

/** "hop.pdf (trang 2)" for the second page of a multi-page file, "trang-3.jpg" for a one-page file. */
export function pageSubject(location: PageLocation): string {
  return location.pageInFile === null
    ? location.file
    : `${location.file} (trang ${location.pageInFile + 1})`;
}

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: Localized,
  /** The file or item the error is about, as the user named it (never a full path). */
  subject: z.string().optional(),
  /** The page the error is about, as data, when it is about one page of the user's files. */
  location: PageLocation.optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export function errorInfo(code: ErrorCode, subject: string | PageLocation = ''): ErrorInfo {
  if (typeof subject !== 'string') {
    const text = pageSubject(subject);
    return { code, message: MESSAGES[code](text), subject: text, location: subject };
  }
  return { code, message: MESSAGES[code](subject), ...(subject ? { subject } : {}) };
}

/**
 * The typed error a failure carries across the contract: a SohoaError keeps its own code and
 * subject; anything else (a library's exception, a bug) becomes `fallback` about `subject`, so
 * no raw exception text (which may hold paths or personal data) reaches the screen.
 */
export function asErrorInfo(
  error: unknown,
  fallback: ErrorCode,
  subject: string | PageLocation = '',
): ErrorInfo {
  return isSohoaError(error) ? error.info : errorInfo(fallback, subject);
}

/** An error with a typed code, thrown by the core and carried as plain data across the contract. */
export class SohoaError extends Error {
  readonly info: ErrorInfo;
  constructor(code: ErrorCode, subject: string | PageLocation = '', options?: { cause?: unknown }) {
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
