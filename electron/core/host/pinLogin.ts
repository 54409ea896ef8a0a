// Logging a token in with a PIN the clerk types in the host's own window (never the page, never
// stored). The retry policy lives here, apart from PKCS#11, so it is tested on its own:
//  - a wrong PIN asks again, saying what the token reports (few tries left, final try), up to
//    `maxAttempts` per signing; a cancel is a typed error and nothing is signed;
//  - the token's retry counter is respected: a locked token is never tried, and a fixed PIN (the
//    CLI's SOHOA_PIN, which nobody watches) is never spent on the final try nor retried.
import { errorInfo, SohoaError, type ErrorCode, type ErrorInfo } from '../../../shared/errors';
import type { PinPrompt } from './types';

/**
 * What the token says of its user PIN (PKCS#11 CKF_USER_PIN_* flags). The standard says no more:
 * COUNT_LOW only means a wrong PIN was entered since the last good one (SoftHSM sets it after the
 * first), so the one count a token can tell is the final try; vendors' exact counters are not
 * standard.
 */
export interface PinState {
  finalTry: boolean;
  locked: boolean;
}

export type LoginResult = 'ok' | 'incorrect' | 'locked';

export interface PinLoginTarget {
  tokenLabel: string;
  pinState(): PinState;
  /** One C_Login: 'incorrect' for a wrong (or malformed) PIN, 'locked' when the token refused. */
  login(pin: string): LoginResult;
}

export interface PinSource {
  /** Asks a person; may be asked again after a wrong PIN. */
  askPin?: PinPrompt;
  /** A fixed PIN from configuration: tried once, never on the final try. */
  pin?: string;
  /** Asks per signing before giving up (default 3). */
  maxAttempts?: number;
}

export const DEFAULT_PIN_ATTEMPTS = 3;

/**
 * Development and tests without a PIN window (the web host): SOHOA_PIN stands for the clerk's
 * first answer. It is never sent twice (a wrong one ends the signing with the token's own
 * verdict) and never on the token's final try; without it, signing says where a PIN is asked.
 */
export function environmentPinPrompt(env: NodeJS.ProcessEnv = process.env): PinPrompt {
  return (request) => {
    const verdict = request.lastError?.code;
    if (verdict === 'TOKEN_PIN_FINAL_TRY' || (request.attempt > 1 && verdict))
      return Promise.reject(new SohoaError(verdict, request.tokenLabel));
    if (!env.SOHOA_PIN)
      return Promise.reject(new SohoaError('TOKEN_PIN_UNAVAILABLE', request.tokenLabel));
    return Promise.resolve(env.SOHOA_PIN);
  };
}

/** Why the next ask is made, from the token's flags after a wrong PIN. */
export function wrongPinError(state: PinState): ErrorCode {
  if (state.locked) return 'TOKEN_PIN_LOCKED';
  if (state.finalTry) return 'TOKEN_PIN_FINAL_TRY';
  return 'TOKEN_PIN_INCORRECT';
}

export async function loginWithPin(target: PinLoginTarget, source: PinSource): Promise<void> {
  const label = target.tokenLabel;
  const fail = (code: ErrorCode): never => {
    throw new SohoaError(code, label);
  };
  const before = target.pinState();
  if (before.locked) fail('TOKEN_PIN_LOCKED');
  const asking = source.askPin;
  if (!asking && source.pin === undefined) fail('TOKEN_PIN_UNAVAILABLE');
  // A PIN nobody is watching must not spend the token's last try.
  if (!asking && before.finalTry) fail('TOKEN_PIN_FINAL_TRY');
  const maxAttempts = asking ? Math.max(1, source.maxAttempts ?? DEFAULT_PIN_ATTEMPTS) : 1;
  // The first ask already warns when the token is down to its final try.
  let lastError: ErrorInfo | undefined = before.finalTry
    ? errorInfo('TOKEN_PIN_FINAL_TRY', label)
    : undefined;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const pin = asking
      ? await asking({ tokenLabel: label, attempt, ...(lastError ? { lastError } : {}) })
      : (source.pin ?? null);
    if (pin === null) fail('TOKEN_PIN_CANCELLED');
    const result = target.login(pin as string);
    if (result === 'ok') return;
    if (result === 'locked') fail('TOKEN_PIN_LOCKED');
    lastError = errorInfo(wrongPinError(target.pinState()), label);
    if (lastError.code === 'TOKEN_PIN_LOCKED') fail('TOKEN_PIN_LOCKED');
  }
  throw new SohoaError(lastError?.code ?? 'TOKEN_PIN_INCORRECT', label);
}
