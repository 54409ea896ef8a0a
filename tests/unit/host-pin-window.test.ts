// The main process's PIN window (electron/main/pinWindow.ts) driven with stand-ins for Electron's
// BrowserWindow and ipcMain: hardened, modal over the desk, its own preload, app://sohoa/pin.html;
// only its own page may read the request and answer; submit gives the PIN, cancel or closing the
// window gives null; asks wait their turn; the handlers are gone once answered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createPinPrompter, PIN_PAGE_URL } from '../../electron/main/pinWindow';
import { PIN_CHANNELS } from '../../shared/pinWindow';

type Handler = (event: { sender: unknown }, ...args: unknown[]) => unknown;

class FakeWindow {
  readonly webContents = { id: Symbol('pin window contents') };
  readonly listeners = new Map<string, () => void>();
  url = '';
  shown = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {}
  once(event: string, fn: () => void) {
    this.listeners.set(event, fn);
  }
  show() {
    this.shown = true;
  }
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.listeners.get('closed')?.();
  }
  isDestroyed() {
    return this.destroyed;
  }
  loadURL(url: string) {
    this.url = url;
    this.listeners.get('ready-to-show')?.();
    return Promise.resolve();
  }
}

function setup() {
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, Handler>();
  const desk = { desk: true };
  const ask = createPinPrompter({
    createWindow: (options) => {
      const w = new FakeWindow(options);
      windows.push(w);
      return w;
    },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        assert.ok(!handlers.has(channel), `${channel} registered twice`);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    } as never,
    preloadPath: '/app/dist/electron/pin-preload.cjs',
    isPackaged: true,
    parent: () => desk as never,
  });
  const call = (channel: string, sender: unknown, ...args: unknown[]) => {
    const fn = handlers.get(channel);
    assert.ok(fn, `${channel} is handled`);
    return fn({ sender }, ...args);
  };
  return { ask, windows, handlers, desk, call };
}

const tick = () => new Promise((r) => setImmediate(r));
const request = { tokenLabel: 'VNPT-CA 0042', attempt: 1 };

test('a hardened modal window over the desk, with its own preload, on app://sohoa/pin.html', async () => {
  const s = setup();
  const answer = s.ask(request);
  await tick();
  const w = s.windows[0]!;
  assert.equal(w.url, PIN_PAGE_URL);
  assert.equal(PIN_PAGE_URL, 'app://sohoa/pin.html');
  assert.ok(w.shown);
  assert.equal(w.options.modal, true);
  assert.equal(w.options.parent, s.desk);
  const web = w.options.webPreferences!;
  assert.equal(web.preload, '/app/dist/electron/pin-preload.cjs');
  assert.equal(web.sandbox, true);
  assert.equal(web.contextIsolation, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.devTools, false);
  s.call(PIN_CHANNELS.cancel, w.webContents);
  assert.equal(await answer, null);
});

test('only the PIN window’s page reads the request and answers; submit gives the PIN', async () => {
  const s = setup();
  const answer = s.ask({ ...request, attempt: 2 });
  await tick();
  const w = s.windows[0]!;
  const desk = { id: 'the desk page' };
  assert.equal(s.call(PIN_CHANNELS.request, desk), null, 'the desk page learns nothing');
  assert.deepEqual(s.call(PIN_CHANNELS.request, w.webContents), { ...request, attempt: 2 });
  s.call(PIN_CHANNELS.submit, desk, '999999');
  s.call(PIN_CHANNELS.submit, w.webContents, '');
  s.call(PIN_CHANNELS.submit, w.webContents, 42);
  s.call(PIN_CHANNELS.submit, w.webContents, '1'.repeat(65));
  assert.ok(!w.destroyed, 'nothing of that was an answer');
  s.call(PIN_CHANNELS.submit, w.webContents, '246810');
  assert.equal(await answer, '246810');
  assert.ok(w.destroyed, 'the window closes');
  assert.equal(s.handlers.size, 0, 'its channels are gone with it');
});

test('closing the window is a cancel; asks wait their turn, one window at a time', async () => {
  const s = setup();
  const first = s.ask(request);
  const second = s.ask({ ...request, tokenLabel: 'Token 2' });
  await tick();
  assert.equal(s.windows.length, 1);
  s.windows[0]!.close();
  assert.equal(await first, null);
  await tick();
  assert.equal(s.windows.length, 2);
  assert.deepEqual(s.call(PIN_CHANNELS.request, s.windows[1]!.webContents), {
    ...request,
    tokenLabel: 'Token 2',
  });
  s.call(PIN_CHANNELS.submit, s.windows[1]!.webContents, '1234');
  assert.equal(await second, '1234');
});

test('a PIN window left unanswered is a cancel after its time', async () => {
  const windows: FakeWindow[] = [];
  const ask = createPinPrompter({
    createWindow: (options) => {
      const w = new FakeWindow(options);
      windows.push(w);
      return w;
    },
    ipcMain: { handle: () => undefined, removeHandler: () => undefined },
    preloadPath: 'pin.cjs',
    isPackaged: true,
    parent: () => undefined,
    timeoutMs: 30,
  });
  assert.equal(await ask(request), null);
  assert.ok(windows[0]?.destroyed, 'the window is closed');
  assert.equal(windows[0]?.options.modal, undefined, 'no desk window: not modal');
});
