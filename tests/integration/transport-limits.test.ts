// Transport limits on loopback servers: a scanner announced over both protocols is kept over
// HTTPS; a scanner or a records store that answers too much is cut off with RESPONSE_TOO_LARGE
// (over HTTP and over the pinned HTTPS client, a body without end included); a records store on
// plain HTTP is refused unless IT allowed it, and every upload asks the store to encrypt at rest
// (a store that refuses needs a person, it is never sent unencrypted behind their back).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  keepAnnouncement,
  type DiscoveredScanner,
} from '../../electron/core/acquire/esclDiscovery';
import { EsclDriver } from '../../electron/core/acquire/esclDriver';
import { memoryPinStore } from '../../electron/core/acquire/esclHttps';
import { openArchive } from '../../electron/core/archive/open';
import { Outbox } from '../../electron/core/outbox/outbox';
import { S3Connector, type S3Destination } from '../../electron/core/outbox/s3Connector';
import { isSohoaError } from '../../shared/errors';
import { startEsclEmulator } from '../helpers/esclEmulator';
import { addQueuedRecord } from '../helpers/outboxRecords';
import { BUCKET, CREDENTIALS, FaultyProxy, startS3 } from '../helpers/s3';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const FAST = { requestTimeoutMs: 3000, pageTimeoutMs: 5000, pollMs: 30 };
const tooLarge = (e: unknown) => isSohoaError(e) && e.code === 'RESPONSE_TOO_LARGE';

/** A loopback HTTP server answering with `respond`; counts what it was asked. */
async function serve(
  respond: http.RequestListener,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(respond);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

test('a device announced over both protocols is kept over HTTPS, in either order', () => {
  const plain: DiscoveredScanner = { baseUrl: 'http://10.0.0.7:80/eSCL', name: 'MFP', uuid: 'u1' };
  const secure: DiscoveredScanner = { ...plain, baseUrl: 'https://10.0.0.7:443/eSCL' };
  for (const order of [
    [plain, secure],
    [secure, plain],
  ]) {
    const found = new Map<string, DiscoveredScanner>();
    for (const d of order) keepAnnouncement(found, d);
    assert.deepEqual([...found.values()], [secure]);
  }
  // Another device on plain HTTP only stays as it is.
  const found = new Map<string, DiscoveredScanner>();
  keepAnnouncement(found, { ...plain, uuid: 'u2' });
  assert.equal(found.get('u2')?.baseUrl, plain.baseUrl);
});

test('a scanner answering without end, or a page above the cap, is cut off with a typed error', async () => {
  let written = 0;
  const endless = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (res.write(chunk)) {
        written += chunk.length;
        if (written > 64 * 1024 * 1024) return res.end();
      }
      res.once('drain', pump);
    };
    req.socket.on('close', () => res.destroy());
    pump();
  });
  const emu = await startEsclEmulator({ feederSheets: 2 });
  try {
    const base = `${endless.url}/eSCL`;
    const driver = new EsclDriver({ addresses: [base], ...FAST, maxXmlBytes: 256 * 1024 });
    await assert.rejects(() => driver.capabilities(base), tooLarge);
    assert.ok(written < 16 * 1024 * 1024, `stopped reading early (${written} bytes sent)`);
    assert.equal((await driver.listDevices())[0]?.online, false, 'listed, as offline');

    const small = new EsclDriver({ addresses: [emu.url], ...FAST, maxPageBytes: 500 });
    const settings = { source: 'feeder', duplex: false, colorMode: 'grey', dpi: 200 } as const;
    await assert.rejects(async () => {
      for await (const page of small.acquire(emu.url, settings)) void page;
    }, tooLarge);
  } finally {
    await endless.close();
    await emu.close();
  }
});

test('the pinned HTTPS client caps its answers too', async () => {
  const dir = tmp('sohoa-transport-tls-');
  const key = path.join(dir, 'k.pem');
  const cert = path.join(dir, 'c.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=MFP',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const emu = await startEsclEmulator({
    tls: { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') },
  });
  try {
    const pins = memoryPinStore();
    const ok = new EsclDriver({ addresses: [emu.url], pins, ...FAST });
    assert.ok((await ok.capabilities(emu.url)).sources.length > 0, 'reads under the cap');
    const capped = new EsclDriver({ addresses: [emu.url], pins, ...FAST, maxXmlBytes: 200 });
    await assert.rejects(() => capped.capabilities(emu.url), tooLarge);
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function s3Destination(endpoint: string, extra: Partial<S3Destination> = {}): S3Destination {
  return {
    endpoint,
    region: 'us-east-1',
    bucket: BUCKET,
    ...CREDENTIALS,
    sdkMaxAttempts: 1,
    ...extra,
  };
}

async function sendOne(connector: S3Connector, bytes = 40_000) {
  const opened = openArchive(tmp('sohoa-transport-s3-'));
  try {
    await addQueuedRecord(opened, 1, bytes);
    const [item] = await new Outbox(opened.archive, opened.blobs).drain(connector);
    return item!;
  } finally {
    connector.close();
    opened.close();
  }
}

test('records store: plain HTTP refused unless allowed; every upload asks for encryption at rest', async () => {
  const s3 = await startS3();
  const proxy = new FaultyProxy(() => s3.endpoint);
  const sse: (string | undefined)[] = [];
  proxy.decide = (req) => {
    if (req.method === 'PUT' || req.method === 'POST')
      sse.push(req.headers['x-amz-server-side-encryption'] as string | undefined);
    return 'pass';
  };
  const endpoint = await proxy.start();
  try {
    const refused = await sendOne(new S3Connector(s3Destination(endpoint)));
    assert.equal(refused.state, 'needs_attention');
    assert.match(refused.lastError ?? '', /^STORE_NOT_HTTPS: 127\.0\.0\.1:/);
    assert.equal(proxy.requests, 0, 'not one byte went out over plain HTTP');

    const MiB = 1024 * 1024;
    const sent = await sendOne(
      new S3Connector(
        s3Destination(endpoint, {
          allowHttp: true,
          multipartThresholdBytes: 6 * MiB,
          partSizeBytes: 5 * MiB,
        }),
      ),
      7 * MiB,
    );
    assert.equal(sent.state, 'done', sent.lastError ?? '');
    // Single PUTs and the multipart upload's creation carry the header; parts inherit it.
    const creations = sse.filter((h) => h !== undefined);
    assert.ok(creations.length >= 3, JSON.stringify(sse));
    assert.ok(creations.every((h) => h === 'AES256'));

    sse.length = 0;
    const plain = await sendOne(
      new S3Connector(s3Destination(endpoint, { allowHttp: true, serverSideEncryption: 'none' })),
    );
    assert.equal(plain.state, 'done');
    assert.ok(sse.length > 0 && sse.every((h) => h === undefined), 'none asked when turned off');
  } finally {
    await proxy.close();
    await s3.close();
  }
});

test('a store that cannot encrypt, or reads back more than was written, needs a person', async () => {
  const refusing = await serve((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(501, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>Server side encryption specified but KMS is not configured</Message></Error>',
      );
    });
  });
  const stored = new Map<string, number>();
  const inflating = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const key = (req.url ?? '').split('?')[0]!;
    req.on('end', () => {
      if (req.method === 'PUT') {
        stored.set(key, Buffer.concat(chunks).length);
        res.writeHead(200, { etag: '"0"' });
        return res.end();
      }
      // Read back: ten times what was written.
      const size = (stored.get(key) ?? 1) * 10;
      res.writeHead(200, { 'content-length': String(size) });
      res.end(Buffer.alloc(size, 1));
    });
  });
  try {
    const a = await sendOne(new S3Connector(s3Destination(refusing.url, { allowHttp: true })));
    assert.equal(a.state, 'needs_attention');
    assert.match(a.lastError ?? '', /^STORE_ENCRYPTION_REFUSED: /);
    const b = await sendOne(new S3Connector(s3Destination(inflating.url, { allowHttp: true })));
    assert.equal(b.state, 'needs_attention', b.lastError ?? '');
    assert.match(b.lastError ?? '', /^RESPONSE_TOO_LARGE: /);
  } finally {
    await refusing.close();
    await inflating.close();
  }
});
