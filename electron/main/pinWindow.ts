// The token's PIN, asked by the main process in a window of its own, because a PIN never enters the
// desk's page: a small modal over the desk, hardened like every window (pinWindowOptions), serving
// app://sohoa/pin.html with its own preload (request, submit, cancel). The PIN goes from that
// window to the core's key source and nowhere else; the desk's page never sees it. One PIN window
// at a time: asks wait their turn. Electron is passed in (no runtime import), so a plain-Node test
// drives it with stand-ins.
import type {
  BaseWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
} from 'electron';
import type { PinRequest } from '../../shared/contracts/host';
import { MAX_PIN_LENGTH, PIN_CHANNELS } from '../../shared/pinWindow';
import { APP_ORIGIN } from './security';
import { pinWindowOptions } from './windowOptions';

export const PIN_PAGE_URL = `${APP_ORIGIN}/pin.html`;

/** A PIN window left unanswered this long is a cancel: the signing must not hang for ever. */
export const PIN_WINDOW_TIMEOUT_MS = 5 * 60 * 1000;

/** The parts of a BrowserWindow the prompt uses. */
export interface PinWindowHandle {
  readonly webContents: unknown;
  once(event: 'closed' | 'ready-to-show', listener: () => void): unknown;
  show(): void;
  close(): void;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
}

export interface PinPrompterDeps {
  createWindow(options: BrowserWindowConstructorOptions): PinWindowHandle;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  preloadPath: string;
  isPackaged: boolean;
  /** The desk's window, which the PIN window is modal over. */
  parent(): BaseWindow | undefined;
  timeoutMs?: number;
}

export function createPinPrompter(
  deps: PinPrompterDeps,
): (r: PinRequest) => Promise<string | null> {
  let turn: Promise<unknown> = Promise.resolve();

  const ask = (request: PinRequest) =>
    new Promise<string | null>((resolve) => {
      const parent = deps.parent();
      const win = deps.createWindow(
        pinWindowOptions({
          preloadPath: deps.preloadPath,
          isPackaged: deps.isPackaged,
          ...(parent ? { parent } : {}),
        }),
      );
      let settled = false;
      const timer = setTimeout(() => finish(null), deps.timeoutMs ?? PIN_WINDOW_TIMEOUT_MS);
      const finish = (pin: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        for (const channel of Object.values(PIN_CHANNELS)) deps.ipcMain.removeHandler(channel);
        if (!win.isDestroyed()) win.close();
        resolve(pin);
      };
      // Only this window's page may answer: not the desk's page, not another window.
      const fromPinWindow = (event: IpcMainInvokeEvent) => event.sender === win.webContents;
      deps.ipcMain.handle(PIN_CHANNELS.request, (event) => (fromPinWindow(event) ? request : null));
      deps.ipcMain.handle(PIN_CHANNELS.submit, (event, pin: unknown) => {
        if (!fromPinWindow(event)) return;
        if (typeof pin === 'string' && pin.length > 0 && pin.length <= MAX_PIN_LENGTH) finish(pin);
      });
      deps.ipcMain.handle(PIN_CHANNELS.cancel, (event) => {
        if (fromPinWindow(event)) finish(null);
      });
      // Closing the window is a cancel.
      win.once('closed', () => finish(null));
      win.once('ready-to-show', () => win.show());
      win.loadURL(PIN_PAGE_URL).catch((e: unknown) => {
        console.error('[main] PIN window failed to load', e);
        finish(null);
      });
    });

  return (request) => {
    const next = turn.then(() => ask(request));
    turn = next.catch(() => undefined);
    return next;
  };
}
