// The loopback web host on a real temp data folder and a real static folder: token, Host guard,
// traversal, body limits, and bad payloads answered with typed envelopes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  MAX_BODY_BYTES,
  injectToken,
  startWebHost,
  type WebHost,
} from '../../electron/webhost/server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let host: WebHost;
let port: number;
let work: string;

function request(
  opts: { method?: string; path: string; headers?: Record<string, string | number> },
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        // Sent verbatim: the client does not normalise "..", so the server's guard is tested.
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const api = (channel: string, payload: unknown, headers: Record<string, string> = {}) =>
  request(
    {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { 'content-type': 'application/json', 'x-sohoa-token': host.token, ...headers },
    },
    typeof payload === 'string' ? payload : JSON.stringify(payload),
  );

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-webhost-'));
  const staticDir = path.join(work, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
  fs.writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
  fs.symlinkSync(path.join(work, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  host = await startWebHost({ dataDir: path.join(work, 'data'), staticDir });
  port = Number(new URL(host.url).port);
});

after(async () => {
  await host.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('binds 127.0.0.1 with a random 256-bit token', () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.match(host.token, /^[0-9a-f]{64}$/);
});

test('serves index.html with the token injected, the CSP and no caching', async () => {
  const res = await request({ path: '/' });
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'] ?? '', /^text\/html/);
  assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.ok(res.body.includes(`<meta name="sohoa-token" content="${host.token}">`));
  const js = await request({ path: '/assets/app.js' });
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'] ?? '', /^text\/javascript/);
});

test('the CSP is strict', () => {
  for (const part of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ]) {
    assert.ok(CONTENT_SECURITY_POLICY.includes(part), part);
  }
  assert.ok(!CONTENT_SECURITY_POLICY.includes('unsafe'));
});

test('the API needs the token', async () => {
  const none = await request(
    { method: 'POST', path: '/api/listRecords', headers: { 'content-type': 'application/json' } },
    '{}',
  );
  assert.equal(none.status, 401);
  assert.equal((JSON.parse(none.body) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
  const wrong = await api('listRecords', {}, { 'x-sohoa-token': 'f'.repeat(64) });
  assert.equal(wrong.status, 401);
  const short = await api('listRecords', {}, { 'x-sohoa-token': 'x' });
  assert.equal(short.status, 401);
});

test('with the token, a channel answers with an ok envelope', async () => {
  const res = await api('listRecords', {});
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.body), { ok: true, value: { records: [] } });
});

test('a wrong Host header is refused everywhere (DNS rebinding)', async () => {
  for (const hostHeader of ['evil.example:80', `localhost:${port}`, '127.0.0.1']) {
    const page = await request({ path: '/', headers: { host: hostHeader } });
    assert.equal(page.status, 403, hostHeader);
    assert.ok(!page.body.includes(host.token));
    const call = await api('listRecords', {}, { host: hostHeader });
    assert.equal(call.status, 403, hostHeader);
  }
});

test('a foreign Origin may not call the API even with the token', async () => {
  const res = await api('listRecords', {}, { origin: 'http://evil.example' });
  assert.equal(res.status, 403);
});

test('path traversal and symlinks out of the static folder are refused', async () => {
  for (const p of [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/link.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ]) {
    const res = await request({ path: p });
    assert.equal(res.status, 404, p);
    assert.ok(!res.body.includes('SECRET'), p);
  }
});

test('unknown paths, channels and methods get 404/405', async () => {
  assert.equal((await request({ path: '/nope.js' })).status, 404);
  assert.equal((await api('deleteEverything', {})).status, 404);
  assert.equal((await api('__proto__', {})).status, 404);
  const get = await request({
    path: '/api/listRecords',
    headers: { 'x-sohoa-token': host.token },
  });
  assert.equal(get.status, 405);
  assert.equal((await request({ method: 'PUT', path: '/' })).status, 405);
});

test('a payload that fails the schema gets a BAD_REQUEST envelope', async () => {
  const res = await api('getRecord', { id: 'one' });
  assert.equal(res.status, 200);
  const envelope = JSON.parse(res.body) as {
    ok: boolean;
    error: { code: string; message: object };
  };
  assert.equal(envelope.ok, false);
  assert.equal(envelope.error.code, 'BAD_REQUEST');
  assert.ok('vi' in envelope.error.message && 'en' in envelope.error.message);

  const empty = await api('digitize', { files: [] });
  assert.equal((JSON.parse(empty.body) as { error: { code: string } }).error.code, 'BAD_REQUEST');
});

test('a body that is not JSON gets 400 and a BAD_REQUEST envelope', async () => {
  const res = await api('listRecords', '{not json');
  assert.equal(res.status, 400);
  assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'BAD_REQUEST');
});

test('a body over the limit is refused from its declared length', async () => {
  const res = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/digitize',
        headers: {
          host: `127.0.0.1:${port}`,
          'x-sohoa-token': host.token,
          'content-type': 'application/json',
          'content-length': MAX_BODY_BYTES + 1,
        },
      },
      (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      // The server may close the socket while we still "send"; only a response matters.
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e);
    });
    req.write('{');
  });
  assert.equal(res, 413);
});

test('a chunked body is cut off once it passes the limit', async () => {
  const small = await startWebHost({
    dataDir: path.join(work, 'data-small'),
    staticDir: path.join(work, 'static'),
    maxBodyBytes: 1024,
  });
  try {
    const res = await fetch(`${small.url}api/listRecords`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sohoa-token': small.token },
      // A stream has no Content-Length, so only the streamed count can catch it.
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(
            new TextEncoder().encode(`{"limit": 1, "pad": "${'x'.repeat(4096)}"}`),
          );
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    await res.body?.cancel();
  } finally {
    await small.close();
  }
});

test('injectToken puts the meta tag inside <head>', () => {
  assert.equal(
    injectToken('<html><head></head></html>', 'abc'),
    '<html><head><meta name="sohoa-token" content="abc"></head></html>',
  );
});
