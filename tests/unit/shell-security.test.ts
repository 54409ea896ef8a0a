// The shell's pure policies (app:// instead of file://, one strict CSP, navigation and external
// links, the IPC sender check) and the packaging fuses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CHANNELS } from '../../shared/contract';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  appUrlToPath,
  isAllowedExternal,
  isAppUrl,
  isDeskPageCall,
} from '../../electron/main/security';
import { CONTENT_SECURITY_POLICY as WEBHOST_CSP } from '../../electron/webhost/server';

const root = path.resolve('/srv/app/dist/renderer');

test('app:// URLs map inside the renderer folder; traversal and other origins are refused', () => {
  assert.equal(appUrlToPath(root, APP_ENTRY_URL), path.join(root, 'index.html'));
  assert.equal(appUrlToPath(root, 'app://sohoa/'), path.join(root, 'index.html'));
  assert.equal(
    appUrlToPath(root, 'app://sohoa/assets/index-1.js?v=1'),
    path.join(root, 'assets', 'index-1.js'),
  );
  for (const url of [
    'app://sohoa/../secret',
    'app://sohoa/%2e%2e/secret',
    'app://sohoa/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://sohoa/..%5csecret',
    'app://sohoa/%00',
    'app://sohoa/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://sohoa/index.html',
  ]) {
    // The URL parser already folds a literal "/../" at the root back to "/": harmless. What
    // matters is that nothing ever resolves outside root, and encoded ".." is refused.
    const resolved = appUrlToPath(root, url);
    assert.ok(resolved === null || resolved.startsWith(root + path.sep), url);
    if (/%2f|%5c|%00|%E0/i.test(url) || !url.startsWith('app://sohoa/')) {
      assert.equal(resolved, null, url);
    }
  }
});

test('only the app origin counts as ours (the IPC sender check)', () => {
  assert.ok(isAppUrl('app://sohoa/index.html'));
  assert.ok(!isAppUrl('app://evil/index.html'));
  assert.ok(!isAppUrl('https://sohoa/index.html'));
  assert.ok(!isAppUrl('file:///index.html'));
  assert.ok(!isAppUrl(''));
  assert.ok(!isAppUrl(null));
  assert.ok(!isAppUrl(undefined));
});

test('external links: https to allowlisted hosts only', () => {
  assert.ok(isAllowedExternal('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html'));
  assert.ok(!isAllowedExternal('http://dichvucong.gov.vn/'));
  assert.ok(!isAllowedExternal('https://dichvucong.gov.vn.evil.example/'));
  assert.ok(!isAllowedExternal('https://user@dichvucong.gov.vn/'));
  assert.ok(!isAllowedExternal('file:///C:/Windows/System32/calc.exe'));
  assert.ok(!isAllowedExternal('javascript:alert(1)'));
  assert.ok(!isAllowedExternal('not a url'));
});

test('the app:// protocol and the web host send the same strict CSP', () => {
  assert.equal(CONTENT_SECURITY_POLICY, WEBHOST_CSP);
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'/);
  assert.match(CONTENT_SECURITY_POLICY, /object-src 'none'/);
  assert.match(CONTENT_SECURITY_POLICY, /base-uri 'none'/);
});

test("the contract answers the desk window's top app:// frame only", () => {
  const desk = { id: 1 };
  const top = (url: string) => ({ url, parent: null });
  assert.equal(isDeskPageCall({ sender: desk, senderFrame: top(APP_ENTRY_URL) }, desk), true);
  for (const [event, deskContents] of [
    [{ sender: { id: 2 }, senderFrame: top('app://sohoa/pin.html') }, desk],
    [{ sender: desk, senderFrame: { url: APP_ENTRY_URL, parent: top(APP_ENTRY_URL) } }, desk],
    [{ sender: desk, senderFrame: top('https://evil.example/') }, desk],
    [{ sender: desk, senderFrame: null }, desk],
    [{ sender: desk }, desk],
    [{ sender: undefined, senderFrame: top(APP_ENTRY_URL) }, undefined],
  ] as const) {
    assert.equal(isDeskPageCall(event, deskContents), false, JSON.stringify(event));
  }
});

test('main.ts registers one sender-checked handler per channel, and the other guards', () => {
  const source = fs.readFileSync('electron/main/main.ts', 'utf8');
  assert.match(
    source,
    /for \(const channel of CHANNELS\)[\s\S]*?ipcMain\.handle\(\s*`sohoa:\$\{channel\}`/,
  );
  assert.match(source, /if \(!isDeskPageCall\(event, deskContents\)\)/);
  assert.match(source, /deskContents = win\.webContents/);
  assert.match(source, /setWindowOpenHandler\([\s\S]*?action: 'deny'/);
  assert.match(source, /'will-navigate'/);
  assert.match(source, /setPermissionRequestHandler\([\s\S]*?callback\(false\)/);
  assert.match(source, /protocol\.handle\(APP_SCHEME/);
  assert.ok(!/file:\/\//.test(source), 'the app must not load from file://');
  assert.ok(CHANNELS.length > 0);
});

test('electron-builder.yml sets the fuses and the app identity', () => {
  const yml = fs.readFileSync('electron-builder.yml', 'utf8');
  for (const [fuse, value] of Object.entries({
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  })) {
    assert.match(yml, new RegExp(`^\\s+${fuse}: ${String(value)}$`, 'm'), fuse);
  }
  assert.match(yml, /^appId: vn\.sohoa\.desk$/m);
  assert.match(yml, /^productName: Sohoa Desk$/m);
});
