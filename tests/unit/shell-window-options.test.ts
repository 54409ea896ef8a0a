// The one window factory's hardening (isolation, sandbox, no Node, no webview, DevTools only when
// not packaged), checked without an Electron binary.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { pinWindowOptions, windowOptions } from '../../electron/main/windowOptions';

test('the window is isolated, sandboxed, without Node, with web security and no webview', () => {
  const options = windowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    isPackaged: true,
  });
  const web = options.webPreferences;
  assert.ok(web);
  assert.equal(web.contextIsolation, true);
  assert.equal(web.sandbox, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.nodeIntegrationInWorker, false);
  assert.equal(web.nodeIntegrationInSubFrames, false);
  assert.equal(web.webSecurity, true);
  assert.equal(web.allowRunningInsecureContent, false);
  assert.equal(web.webviewTag, false);
  assert.equal(web.preload, '/app/dist/electron/preload.cjs');
});

test('DevTools only when not packaged', () => {
  assert.equal(
    windowOptions({ preloadPath: 'p', isPackaged: true }).webPreferences?.devTools,
    false,
  );
  assert.equal(
    windowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools,
    true,
  );
});

test('windowOptions.ts imports electron for types only', () => {
  const source = fs.readFileSync('electron/main/windowOptions.ts', 'utf8');
  const imports = [...source.matchAll(/^import\s+(type\s+)?.*from\s+'electron';/gm)];
  assert.ok(imports.length > 0);
  for (const m of imports) assert.ok(m[1], `runtime electron import: ${m[0]}`);
});

test('main.ts builds its windows only from the factory: the desk’s, and the PIN window’s', () => {
  const source = fs.readFileSync('electron/main/main.ts', 'utf8');
  const windows = [...source.matchAll(/new BrowserWindow\(([^)]*\))?/g)].map((m) => m[0]);
  assert.equal(windows.length, 2);
  assert.ok(
    windows.some((w) => /new BrowserWindow\(windowOptions\(/.test(w)),
    windows.join(),
  );
  // The PIN prompter's constructor, fed only by pinWindow.ts with pinWindowOptions.
  assert.match(source, /createWindow: \(options\) => new BrowserWindow\(options\)/);
  const pin = fs.readFileSync('electron/main/pinWindow.ts', 'utf8');
  assert.equal([...pin.matchAll(/deps\.createWindow\(/g)].length, 1);
  assert.match(pin, /deps\.createWindow\(\s*pinWindowOptions\(/);
  assert.doesNotMatch(pin, /new BrowserWindow/);
  assert.doesNotMatch(pin, /^import\s+(?!type\b).*from 'electron';/m, 'electron for types only');
});

test('the PIN window has the same hardening, modal over the desk', () => {
  const parent = {} as never;
  const web = pinWindowOptions({ preloadPath: 'pin.cjs', isPackaged: true, parent }).webPreferences;
  const desk = windowOptions({ preloadPath: 'pin.cjs', isPackaged: true }).webPreferences;
  assert.deepEqual(web, desk);
  const options = pinWindowOptions({ preloadPath: 'pin.cjs', isPackaged: true, parent });
  assert.equal(options.modal, true);
  assert.equal(options.parent, parent);
});
