// The outbox against a real S3-compatible server (s3rver, npm) on loopback: multipart upload of a
// large file, idempotent keys, the marker last; then network faults (500/503, resets, a very slow
// server, the server stopped mid-upload) after which every dossier is in the store exactly once,
// with the right bytes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../electron/core/archive/open';
import { COMPLETION_MARKER, Outbox } from '../../electron/core/outbox/outbox';
import { S3Connector, type S3Destination } from '../../electron/core/outbox/s3Connector';
import { addQueuedRecord } from '../helpers/outboxRecords';
import { BUCKET, CREDENTIALS, FaultyProxy, startS3 } from '../helpers/s3';

const MiB = 1024 * 1024;
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** Reads the bucket with plain, unsigned HTTP (not our client): every key and its SHA-256. */
async function bucketContents(endpoint: string): Promise<Map<string, string>> {
  const list = await (await fetch(`${endpoint}/${BUCKET}?list-type=2&max-keys=1000`)).text();
  const keys = [...list.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
  const out = new Map<string, string>();
  for (const key of keys) {
    const body = Buffer.from(await (await fetch(`${endpoint}/${BUCKET}/${key}`)).arrayBuffer());
    out.set(key, createHash('sha256').update(body).digest('hex'));
  }
  return out;
}

function destination(endpoint: string, extra: Partial<S3Destination> = {}): S3Destination {
  return {
    endpoint,
    region: 'us-east-1',
    bucket: BUCKET,
    ...CREDENTIALS,
    multipartThresholdBytes: 6 * MiB,
    partSizeBytes: 5 * MiB,
    // s3rver on loopback speaks plain HTTP: allowed by name, as IT would.
    allowHttp: true,
    ...extra,
  };
}

test('a large dossier goes up in parts under <agency>/<year>/<code>/, marker last, confirmed', async () => {
  const s3 = await startS3();
  const opened = openArchive(tmp('sohoa-s3-'));
  const code = await addQueuedRecord(opened, 1, 12 * MiB + 123);
  const parts: string[] = [];
  const proxy = new FaultyProxy(() => s3.endpoint);
  proxy.decide = (req) => {
    if (req.url?.includes('partNumber=')) parts.push(req.url);
    return 'pass';
  };
  const connector = new S3Connector(destination(await proxy.start()));
  try {
    const outbox = new Outbox(opened.archive, opened.blobs);
    const [item] = await outbox.drain(connector);
    assert.equal(item?.state, 'done', item?.lastError ?? '');
    assert.equal(parts.length, 3, 'three 5 MiB parts for 12 MiB');
    const stored = await bucketContents(s3.endpoint);
    const prefix = `H49.64.33/2026/${code}`;
    const pdfSha = opened.archive.storedFiles()[0]!.sha256;
    assert.equal(stored.get(`${prefix}/data/${code}.pdf`), pdfSha);
    assert.ok(stored.has(`${prefix}/${COMPLETION_MARKER}`));
    assert.ok(stored.has(`${prefix}/manifest-sha256.txt`));
    for (const key of stored.keys()) assert.ok(key.startsWith(`${prefix}/`), key);

    // Sent again (the acknowledgement was lost: a crash before the row said done): same keys.
    opened.archive.database.prepare("UPDATE outbox SET state = 'pending'").run();
    assert.equal((await outbox.drain(connector))[0]?.state, 'done');
    assert.deepEqual(
      [...(await bucketContents(s3.endpoint)).keys()].sort(),
      [...stored.keys()].sort(),
    );
  } finally {
    connector.close();
    opened.close();
    await proxy.close();
    await s3.close();
  }
});

test('through 500/503 answers, resets, a very slow and a stopped server, each dossier lands once', async () => {
  let s3 = await startS3();
  const port = s3.port;
  const directory = s3.directory;
  const proxy = new FaultyProxy(() => s3.endpoint);
  let now = new Date('2026-11-23T03:00:00Z');
  const opened = openArchive(tmp('sohoa-s3-'), { clock: () => now });
  const codes: string[] = [];
  for (let i = 1; i <= 4; i++)
    codes.push(await addQueuedRecord(opened, i, i === 4 ? 7 * MiB : 40_000));
  const outbox = new Outbox(opened.archive, opened.blobs, {
    clock: () => now,
    random: Math.random,
    policy: { baseDelayMs: 1000, maxDelayMs: 8000, maxAttempts: 50 },
  });
  const endpoint = await proxy.start();
  const connector = new S3Connector(
    destination(endpoint, { requestTimeoutMs: 500, sdkMaxAttempts: 1 }),
  );
  const faults = { '500': 0, '503': 0, reset: 0, slow: 0, stopped: 0 };
  let stoppedAt = 0;
  proxy.decide = (_req, n) => {
    if (n === 25 && stoppedAt === 0) {
      // The server goes away mid-upload and comes back on the same port a few requests later.
      stoppedAt = n;
      faults.stopped++;
      void s3.close();
      return 'pass';
    }
    if (stoppedAt > 0 && n === stoppedAt + 6)
      void startS3(port, directory).then((again) => (s3 = again));
    if (n > 100) return 'pass'; // a network that eventually recovers
    if (n % 7 === 0) return (faults['503']++, 503);
    if (n % 11 === 0) return (faults['500']++, 500);
    if (n % 13 === 0) return (faults.reset++, 'reset');
    if (n % 17 === 0) return (faults.slow++, { slowMs: 1500 });
    return 'pass';
  };
  try {
    for (let round = 0; round < 200; round++) {
      const c = outbox.counts();
      if (c.done === codes.length) break;
      await outbox.drain(connector);
      now = outbox.nextDueAt() ?? now;
      await new Promise((r) => setTimeout(r, 20));
    }
    const items = outbox.list();
    assert.deepEqual(
      items.map((i) => i.state),
      codes.map(() => 'done'),
      JSON.stringify(items.map((i) => [i.dossierCode, i.state, i.attempts, i.lastError])),
    );
    assert.ok(
      items.some((i) => i.attempts > 1),
      'faults made some uploads fail first',
    );
    for (const [kind, n] of Object.entries(faults)) assert.ok(n > 0, `fault ${kind} was injected`);

    proxy.decide = () => 'pass';
    const stored = await bucketContents(s3.endpoint);
    for (const [i, code] of codes.entries()) {
      const prefix = `H49.64.33/2026/${code}`;
      const pdf = [...stored.keys()].filter((k) => k.endsWith('.pdf') && k.includes(code));
      assert.deepEqual(pdf, [`${prefix}/data/${code}.pdf`], 'exactly one copy');
      assert.equal(stored.get(pdf[0]!), opened.archive.storedFiles()[i]!.sha256, 'the right bytes');
      assert.ok(stored.has(`${prefix}/${COMPLETION_MARKER}`));
    }
    assert.equal(opened.archive.verify().ok, true);
  } finally {
    connector.close();
    opened.close();
    await proxy.close();
    await s3.close();
  }
});
