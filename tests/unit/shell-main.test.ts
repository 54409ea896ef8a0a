// The built Electron main bundle, run in plain Node against a stand-in for the `electron` module
// (the one thing that cannot exist here). Checks what the shell actually does at runtime: the
// app:// protocol with the CSP and traversal refused, one sender-checked IPC handler per channel,
// the hardened window, navigation and permission guards, and a clean close on quit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CHANNELS } from '../../shared/contract';
import { PIN_PAGE_URL } from '../../electron/main/pinWindow';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { pinWindowOptions } from '../../electron/main/windowOptions';

type Listener = (...args: unknown[]) => unknown;
type IpcHandler = (event: unknown, payload: unknown) => Promise<unknown>;
type ProtocolHandler = (request: { url: string }) => Promise<Response>;

/** What the stand-in records of the shell's calls. */
const seen = {
  privileged: [] as unknown[],
  protocols: new Map<string, ProtocolHandler>(),
  ipc: new Map<string, IpcHandler>(),
  appListeners: new Map<string, Listener[]>(),
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  openedExternal: [] as string[],
  permissionRequest: undefined as Listener | undefined,
  permissionCheck: undefined as Listener | undefined,
  dialogs: [] as { owner: unknown; options: Record<string, unknown> }[],
  quitCalls: 0,
};

let loaded: () => void;
const windowLoaded = new Promise<void>((resolve) => (loaded = resolve));
let quit: () => void;
const quitted = new Promise<void>((resolve) => (quit = resolve));

class FakeBrowserWindow {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.all;
  }
  static getFocusedWindow() {
    return null;
  }
  private readonly record: { options: Record<string, unknown>; url?: string };
  /** Stands for the window's WebContents: IPC events name it as their `sender`. */
  readonly webContents = { id: FakeBrowserWindow.all.length + 1 };
  constructor(options: Record<string, unknown>) {
    this.record = { options };
    seen.windows.push(this.record);
    FakeBrowserWindow.all.push(this);
  }
  once() {}
  show() {}
  loadURL(url: string) {
    this.record.url = url;
    loaded();
    return Promise.resolve();
  }
}

const fakeElectron = {
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    on(name: string, fn: Listener) {
      seen.appListeners.set(name, [...(seen.appListeners.get(name) ?? []), fn]);
    },
    whenReady: () => Promise.resolve(),
    quit() {
      seen.quitCalls++;
      quit();
    },
    exit(code: number) {
      throw new Error(`app.exit(${code})`);
    },
  },
  BrowserWindow: FakeBrowserWindow,
  ipcMain: {
    handle(channel: string, fn: IpcHandler) {
      seen.ipc.set(channel, fn);
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      seen.privileged.push(...schemes);
    },
    handle(scheme: string, fn: ProtocolHandler) {
      seen.protocols.set(scheme, fn);
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler(fn: Listener) {
        seen.permissionRequest = fn;
      },
      setPermissionCheckHandler(fn: Listener) {
        seen.permissionCheck = fn;
      },
    },
  },
  dialog: {
    showOpenDialog(owner: unknown, options: Record<string, unknown>) {
      seen.dialogs.push({ owner, options });
      return Promise.resolve({ canceled: false, filePaths: [path.join(work, 'agency.p12')] });
    },
  },
  // The OS keystore as Electron gives it: a reversible wrap the test can tell from the key.
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(`wrapped:${text}`),
    decryptString: (data: Buffer) => data.toString().replace(/^wrapped:/, ''),
  },
  shell: {
    openExternal(url: string) {
      seen.openedExternal.push(url);
      return Promise.resolve();
    },
  },
};

/** An IPC event as Electron sends it: the sender's web contents and the frame that called. */
function eventFrom(win: FakeBrowserWindow | undefined, url: string, parent: unknown = null) {
  return { sender: win?.webContents, senderFrame: { url, parent } };
}
/** A call from the desk window's own page. */
const fromDesk = (url = 'app://sohoa/index.html') => eventFrom(FakeBrowserWindow.all[0], url);

let work: string;
const originalLoad = (Module as unknown as { _load: Listener })._load;

before(async () => {
  // Inside the project (git-ignored .cache/) so the bundle resolves node_modules as in dist/.
  fs.mkdirSync('.cache', { recursive: true });
  work = path.resolve(fs.mkdtempSync(path.join('.cache', 'shell-main-')));
  const out = path.join(work, 'electron');
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], {
    env: { ...process.env, SOHOA_ELECTRON_OUT: out },
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  // main.cjs serves ../renderer relative to itself, as in dist/.
  fs.mkdirSync(path.join(work, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(work, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(work, 'renderer', 'assets', 'app.js'), 'void 0;');
  fs.writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
  process.env.SOHOA_DATA_DIR = path.join(work, 'data');
  // Electron sets process.resourcesPath; installed, the shipped data sits in <resources>/data.
  const resourcesPath = path.join(work, 'resources');
  fs.mkdirSync(resourcesPath);
  fs.symlinkSync(path.resolve('resources'), path.join(resourcesPath, 'data'), 'dir');
  (process as { resourcesPath?: string }).resourcesPath = resourcesPath;
  delete process.env.SOHOA_RESOURCES_DIR;

  (Module as unknown as { _load: Listener })._load = function (request: unknown, ...rest) {
    if (request === 'electron') return fakeElectron;
    return originalLoad.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(path.join(out, 'main.cjs'));
  await windowLoaded;
});

after(() => {
  (Module as unknown as { _load: Listener })._load = originalLoad;
  delete process.env.SOHOA_DATA_DIR;
  delete process.env.SOHOA_RESOURCES_DIR;
  delete (process as { resourcesPath?: string }).resourcesPath;
  fs.rmSync(work, { recursive: true, force: true });
});

test('app:// is registered as a standard, secure scheme before ready', () => {
  assert.deepEqual(seen.privileged, [
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
});

test('installed, the core reads the shipped data from <resources>/data', () => {
  assert.equal(process.env.SOHOA_RESOURCES_DIR, path.join(work, 'resources', 'data'));
});

test('the one window uses the hardened options and loads app://sohoa/index.html', () => {
  assert.equal(seen.windows.length, 1);
  const win = seen.windows[0];
  assert.equal(win?.url, 'app://sohoa/index.html');
  const web = win?.options.webPreferences as Record<string, unknown>;
  assert.equal(web.sandbox, true);
  assert.equal(web.contextIsolation, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.devTools, false);
  assert.equal(web.preload, path.join(work, 'electron', 'preload.cjs'));
});

test('the app:// handler serves the renderer with the CSP and refuses traversal', async () => {
  const handler = seen.protocols.get('app');
  assert.ok(handler);
  const index = await handler({ url: 'app://sohoa/index.html' });
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  const js = await handler({ url: 'app://sohoa/assets/app.js' });
  assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
  for (const url of [
    'app://sohoa/../secret.txt',
    'app://sohoa/%2e%2e/secret.txt',
    'app://sohoa/assets/..%2f..%2fsecret.txt',
    'app://other/index.html',
    'app://sohoa/missing.js',
  ]) {
    const res = await handler({ url });
    assert.equal(res.status, 404, url);
    assert.ok(!(await res.text()).includes('SECRET'), url);
  }
});

test("one IPC handler per channel; only the desk window's app:// top frame gets through", async () => {
  assert.deepEqual([...seen.ipc.keys()].sort(), CHANNELS.map((c) => `sohoa:${c}`).sort());
  const list = seen.ipc.get('sohoa:listRecords');
  assert.ok(list);
  const ours = await list(fromDesk(), {});
  assert.deepEqual(ours, { ok: true, value: { records: [] } });
  const desk = FakeBrowserWindow.all[0];
  const refused = [
    fromDesk('https://evil.example/'),
    fromDesk('file:///x.html'),
    { sender: desk?.webContents, senderFrame: null },
    // An app:// iframe inside the desk's page is not the page.
    eventFrom(desk, 'app://sohoa/index.html', { url: 'app://sohoa/index.html' }),
    // Another window's contents, even on app://.
    eventFrom(new FakeBrowserWindow({}), 'app://sohoa/index.html'),
    { senderFrame: { url: 'app://sohoa/index.html', parent: null } },
  ];
  for (const event of refused) {
    const res = (await list(event, {})) as { ok: boolean; error: { code: string } };
    assert.equal(res.ok, false, JSON.stringify(event));
    assert.equal(res.error.code, 'UNAUTHORIZED');
  }
  FakeBrowserWindow.all.pop();
  seen.windows.pop();
  const bad = (await seen.ipc.get('sohoa:getRecord')?.(fromDesk(), { id: 'x' })) as {
    error: { code: string };
  };
  assert.equal(bad.error.code, 'BAD_REQUEST');
});

test("the token's PIN window cannot call the contract's channels", async () => {
  // The PIN window as main opens it: hardened options, app://sohoa/pin.html, its own preload.
  const pin = new FakeBrowserWindow(
    pinWindowOptions({
      preloadPath: path.join(work, 'electron', 'pin-preload.cjs'),
      isPackaged: true,
      parent: FakeBrowserWindow.all[0] as never,
    }) as Record<string, unknown>,
  );
  try {
    await pin.loadURL(PIN_PAGE_URL);
    for (const [channel, payload] of [
      ['sohoa:listRecords', {}],
      ['sohoa:settingsGet', {}],
      ['sohoa:choosePath', { purpose: 'pkcs12File', language: 'vi' }],
      ['sohoa:listScanners', {}],
    ] as const) {
      const handler = seen.ipc.get(channel);
      assert.ok(handler, channel);
      const res = (await handler(eventFrom(pin, PIN_PAGE_URL), payload)) as {
        ok: boolean;
        error: { code: string };
      };
      assert.equal(res.ok, false, channel);
      assert.equal(res.error.code, 'UNAUTHORIZED', channel);
    }
    assert.equal(seen.dialogs.length, 0, 'no dialog was opened for the PIN window');
    // The same page in the desk's own window would be answered: it is the sender that counts.
    const ours = (await seen.ipc.get('sohoa:listRecords')?.(fromDesk(PIN_PAGE_URL), {})) as {
      ok: boolean;
    };
    assert.equal(ours.ok, true);
  } finally {
    FakeBrowserWindow.all.pop();
    seen.windows.pop();
  }
});

test('choosePath opens the native dialog over the desk; the page gets a grant, not a path to type', async () => {
  const frame = fromDesk();
  const choose = seen.ipc.get('sohoa:choosePath');
  assert.ok(choose);
  const r = (await choose(frame, { purpose: 'pkcs12File', language: 'en' })) as {
    ok: boolean;
    value: { cancelled: boolean; grant: string; label: string };
  };
  assert.ok(r.ok, JSON.stringify(r));
  assert.match(r.value.grant, /^grant:[A-Za-z0-9_-]{32}$/);
  assert.equal(r.value.label, path.join(work, 'agency.p12'));
  assert.equal(seen.dialogs.length, 1);
  assert.equal(seen.dialogs[0]?.owner, FakeBrowserWindow.all[0], 'modal over the desk');
  assert.deepEqual(seen.dialogs[0]?.options, {
    title: 'Choose the PKCS#12 certificate file',
    properties: ['openFile', 'dontAddToRecent'],
    filters: [{ name: 'Certificate files (.p12, .pfx)', extensions: ['p12', 'pfx'] }],
  });
  // Chosen as a certificate file, it is not a folder to queue.
  const queued = (await seen.ipc.get('sohoa:batchQueueFolder')?.(frame, {
    grant: r.value.grant,
  })) as { ok: boolean; error: { code: string } };
  assert.equal(queued.error.code, 'PATH_GRANT_WRONG_PURPOSE');
});

test('navigation away, new windows, webviews and permissions are refused', () => {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: (name: string, fn: Listener) => listeners.set(name, fn),
    setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
  };
  for (const fn of seen.appListeners.get('web-contents-created') ?? []) fn({}, contents);

  const navigate = (url: string) => {
    let prevented = false;
    listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  assert.equal(navigate('app://sohoa/index.html'), false);
  assert.equal(navigate('https://evil.example/'), true);
  assert.equal(navigate('file:///etc/passwd'), true);
  assert.equal(navigate('https://dichvucong.gov.vn/'), true);
  assert.deepEqual(seen.openedExternal, ['https://dichvucong.gov.vn/']);

  assert.deepEqual(openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  let webviewPrevented = false;
  listeners.get('will-attach-webview')?.({ preventDefault: () => (webviewPrevented = true) });
  assert.ok(webviewPrevented);

  let granted: unknown;
  seen.permissionRequest?.({}, 'media', (v: unknown) => (granted = v));
  assert.equal(granted, false);
  assert.equal(seen.permissionCheck?.(), false);
});

test('quitting closes the core first, then quits', async () => {
  let prevented = false;
  for (const fn of seen.appListeners.get('will-quit') ?? []) {
    fn({ preventDefault: () => (prevented = true) });
  }
  assert.ok(prevented);
  await quitted;
  assert.equal(seen.quitCalls, 1);
});
