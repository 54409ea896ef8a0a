// The options of the desk's one window factory (GUIDE §4.1, §4.10). Kept free of runtime
// `electron` imports so a plain-Node unit test can assert every hardening flag.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  isPackaged: boolean;
}

export function windowOptions({
  preloadPath,
  isPackaged,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
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
    webPreferences: {
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
    },
  };
}
