// The Electron shell: app lifecycle, one hardened window, the app:// protocol, and the contract's
// channels over IPC. No business logic lives here; everything goes through createApi's invoke.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { CHANNELS, type Envelope } from '../../shared/contract';
import { errorInfo } from '../../shared/errors';
import type { PathPurpose } from '../../shared/contracts/host';
import { createApi, PACKAGED_IGNORED, type Api } from '../core/api';
import { openDialogOptions } from './hostDialogs';
import { osKeystoreProvider } from './keystore';
import { createPinPrompter } from './pinWindow';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  appUrlToPath,
  contentTypeOf,
  isAllowedExternal,
  isAppUrl,
  isDeskPageCall,
  isInside,
} from './security';
import { windowOptions } from './windowOptions';

// Must run before 'ready': a standard, secure scheme gets an origin, fetch and module scripts.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// The bundle lives in dist/electron/, next to dist/renderer/ (in the asar when packaged).
const distDir = path.resolve(__dirname, '..');
const rendererDir = path.join(distDir, 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
const pinPreloadPath = path.join(__dirname, 'pin-preload.cjs');

let api: Api | undefined;
let deskWindow: BrowserWindow | undefined;
/** The desk window's page: the only sender the contract's channels answer. */
let deskContents: WebContents | undefined;

if (!app.requestSingleInstanceLock()) {
  // A second desk on the same data folder would fight over the archive; focus the first one.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!api) return;
    // Let the archive and the OCR workers close cleanly before the process exits.
    event.preventDefault();
    const closing = api;
    api = undefined;
    closing
      .close()
      .catch((e: unknown) => console.error('[main] close failed', e))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('[main] startup failed', e);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  denyPermissions();
  protocol.handle(APP_SCHEME, serveApp);
  // Installed, the shipped data (procedure catalog, holiday calendars) sits beside the asar
  // (electron-builder.yml, extraResources), where the core cannot find it by walking up.
  // The installed app's own folder always wins over a value preset in the session, and the
  // variables the installed app ignores are removed so no module reading process.env obeys them.
  if (app.isPackaged) {
    for (const name of PACKAGED_IGNORED) delete process.env[name];
    process.env.SOHOA_RESOURCES_DIR = path.join(process.resourcesPath, 'data');
  }
  // The token's PIN is asked in the main process's own window when a signature needs it.
  const askPin = createPinPrompter({
    createWindow: (options) => new BrowserWindow(options),
    ipcMain,
    preloadPath: pinPreloadPath,
    isPackaged: app.isPackaged,
    parent: () => deskWindow,
  });
  // Installed, SOHOA_* variables for keys, modules, the data folder and stores are ignored (the
  // core reads SOHOA_DATA_DIR itself in development).
  api = await createApi({
    packaged: app.isPackaged,
    host: { choosePath, askPin },
    // After 'ready' (safeStorage needs it): the data folder's key wrapped by the OS keystore.
    keyProvider: osKeystoreProvider(),
  });
  registerChannels();
  const win = new BrowserWindow(windowOptions({ preloadPath, isPackaged: app.isPackaged }));
  deskWindow = win;
  deskContents = win.webContents;
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_ENTRY_URL);
}

/** The native dialog, over the desk's window; the page gets only a grant for what was chosen. */
async function choosePath(
  purpose: PathPurpose,
  options: { language: 'vi' | 'en' } = { language: 'vi' },
): Promise<string | null> {
  const dialogOptions = openDialogOptions(purpose, options.language);
  const owner = BrowserWindow.getFocusedWindow() ?? deskWindow;
  const result = owner
    ? await dialog.showOpenDialog(owner, dialogOptions)
    : await dialog.showOpenDialog(dialogOptions);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function serveApp(request: Request): Promise<Response> {
  const candidate = appUrlToPath(rendererDir, request.url);
  if (!candidate) return new Response('Not found', { status: 404 });
  try {
    const real = await fs.realpath(candidate);
    if (!isInside(await fs.realpath(rendererDir), real)) {
      return new Response('Not found', { status: 404 });
    }
    const body = await fs.readFile(real);
    return new Response(body, {
      headers: {
        'content-type': contentTypeOf(real),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

function registerChannels(): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(
      `sohoa:${channel}`,
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<Envelope<unknown>> => {
        // Only the desk window's own top-level page may call: not the PIN window, not an iframe,
        // never a navigated-away or foreign frame.
        if (!isDeskPageCall(event, deskContents)) {
          return { ok: false, error: errorInfo('UNAUTHORIZED') };
        }
        if (!api) return { ok: false, error: errorInfo('INTERNAL', 'not ready') };
        return api.invoke(channel, payload);
      },
    );
  }
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

function openExternalIfAllowed(url: string): void {
  if (!isAllowedExternal(url)) {
    console.warn('[main] blocked navigation to', url);
    return;
  }
  shell.openExternal(url).catch((e: unknown) => console.error('[main] openExternal failed', e));
}

function denyPermissions(): void {
  // Camera, microphone, geolocation, notifications…: the desk needs none of them.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}
