// The web host stopping and starting again on the same address, as a page left open sees it: the
// old run's token is refused, `GET /api/alive` says a desk listens (to anyone, telling nothing
// else), and index.html carries the new run's token, with which the same call succeeds. A port
// that is taken fails the start (the caller may try another).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ALIVE_PATH, startWebHost, type WebHost } from '../../electron/webhost/server';

let work: string;
let staticDir: string;
let dataDir: string;
const hosts: WebHost[] = [];

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-webhost-restart-'));
  staticDir = path.join(work, 'static');
  dataDir = path.join(work, 'data');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
});

after(async () => {
  for (const h of hosts) await h.close().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

const call = (host: WebHost, token: string) =>
  fetch(new URL('/api/listProcedures', host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sohoa-token': token },
    body: '{}',
  });

const tokenIn = (html: string) => /name="sohoa-token" content="([0-9a-f]+)"/.exec(html)?.[1];

test('after a restart on the same address the page finds the new token and carries on', async () => {
  const first = await startWebHost({ dataDir, staticDir });
  hosts.push(first);
  const port = Number(new URL(first.url).port);
  assert.equal((await call(first, first.token)).status, 200);
  const alive = await fetch(new URL(ALIVE_PATH, first.url));
  assert.equal(alive.status, 204);
  assert.equal(await alive.text(), '');
  assert.equal(alive.headers.get('cache-control'), 'no-store');

  await first.close();
  await assert.rejects(fetch(new URL(ALIVE_PATH, first.url)), 'nothing listens while stopped');

  const second = await startWebHost({ dataDir, staticDir, port });
  hosts.push(second);
  assert.equal(second.url, first.url);
  assert.notEqual(second.token, first.token);
  // The page's old token: refused, as before.
  assert.equal((await call(second, first.token)).status, 401);
  // What the page does: a desk listens again, index.html names this run's token.
  assert.equal((await fetch(new URL(ALIVE_PATH, second.url))).status, 204);
  const html = await (await fetch(second.url, { cache: 'no-store' })).text();
  const renewed = tokenIn(html);
  assert.equal(renewed, second.token);
  const res = await call(second, renewed);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { ok: boolean }).ok, true);

  // Only the liveness answer is open: the API itself still needs the token.
  assert.equal((await fetch(new URL('/api/listProcedures', second.url))).status, 405);
  assert.equal((await call(second, '')).status, 401);
});

test('a taken port fails the start; another start then works', async () => {
  const running = hosts[hosts.length - 1]!;
  const port = Number(new URL(running.url).port);
  await assert.rejects(
    startWebHost({ dataDir: path.join(work, 'other'), staticDir, port }),
    /EADDRINUSE/,
  );
  const again = await startWebHost({ dataDir: path.join(work, 'other'), staticDir });
  hosts.push(again);
  assert.equal((await call(again, again.token)).status, 200);
});
