// The host's PIN window (renderer/pin.html) and the main process talk over these three IPC
// channels only, through the window's own preload (electron/preload/pinPreload.ts). No zod here:
// the sandboxed preload bundle stays tiny.
import type { PinRequest } from './contracts/host';

export const PIN_CHANNELS = {
  /** What to show: the token, the attempt, why it is asked again. */
  request: 'sohoa-pin:request',
  submit: 'sohoa-pin:submit',
  cancel: 'sohoa-pin:cancel',
} as const;

/** The longest PIN passed on (tokens take 4–16 digits; anything longer is not a PIN). */
export const MAX_PIN_LENGTH = 64;

/** What the PIN window's preload exposes as `window.sohoaPin`, and nothing else. */
export interface PinWindowApi {
  request(): Promise<PinRequest | null>;
  submit(pin: string): Promise<void>;
  cancel(): Promise<void>;
}
