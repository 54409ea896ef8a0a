// The options of the desk's window factory (one factory, hardened webPreferences, DevTools only
// when not packaged): the desk's window and the small PIN window share the same options. Kept free
// of runtime `electron` imports so a plain-Node unit test can assert every hardening flag.
import type { BaseWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  isPackaged: boolean;
}

function hardened({ preloadPath, isPackaged }: WindowOptionsInput): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !isPackaged,
  };
}

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Sohoa Desk',
    backgroundColor: '#f6f7f9',
    // Shown on 'ready-to-show' so the clerk never sees a white flash.
    show: false,
    autoHideMenuBar: true,
    webPreferences: hardened(input),
  };
}

/**
 * The token's PIN window: modal over the desk, small, not resizable, its own preload (submit and
 * cancel only). The PIN is typed here, in a page the main process serves, never in the desk's.
 */
export function pinWindowOptions(
  input: WindowOptionsInput & { parent?: BaseWindow },
): BrowserWindowConstructorOptions {
  return {
    width: 460,
    height: 340,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    ...(input.parent ? { parent: input.parent, modal: true } : {}),
    title: 'Sohoa Desk – PIN',
    backgroundColor: '#ffffff',
    show: false,
    autoHideMenuBar: true,
    webPreferences: hardened(input),
  };
}
