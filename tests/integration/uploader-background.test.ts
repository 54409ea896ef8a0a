// The app's background uploader, as the records handlers start it on a real core, against a real
// S3 server (s3rver) on loopback behind a fault-injecting proxy: dossiers queued while the store
// is down go up by themselves once it is back (no click); a store that refuses (a bucket that
// does not exist: HTTP 404) puts the item in "needs attention" with its reason in Vietnamese and
// English, not retried on its own; closing the app mid-upload never marks the item done, and the
// next start sends it; a dossier the core archives wakes the sleeping uploader.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { handlerContext } from '../../electron/core/api/context';
import { createRecordsHandlers } from '../../electron/core/api/recordsHandlers';
import { openArchive } from '../../electron/core/archive/open';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { fileKeyProvider, saveDestination } from '../../electron/core/outbox/destination';
import { COMPLETION_MARKER } from '../../electron/core/outbox/outbox';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import { addQueuedRecord } from '../helpers/outboxRecords';
import { BUCKET, CREDENTIALS, FaultyProxy, startS3 } from '../helpers/s3';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

const addRecord = (core: Core, i: number) =>
  addQueuedRecord(
    { archive: core.archive, blobs: new BlobStore(core.paths.blobsDir) },
    i,
    30_000 + i,
  );

function configureS3(core: Core, endpoint: string, bucket = BUCKET): void {
  saveDestination(
    core.paths.root,
    {
      kind: 's3',
      endpoint,
      region: 'us-east-1',
      bucket,
      ...CREDENTIALS,
      forcePathStyle: true,
      allowHttp: true,
    },
    fileKeyProvider(core.paths.keysDir),
  );
}

type Falsy = false | null | undefined | 0 | '';

async function until<T>(
  what: string,
  probe: () => Promise<T | Falsy> | T | Falsy,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function bucketKeys(endpoint: string): Promise<string[]> {
  const list = await (await fetch(`${endpoint}/${BUCKET}?list-type=2&max-keys=1000`)).text();
  return [...list.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}

test('dossiers queued while the store is down go up by themselves once it is back', async () => {
  const s3 = await startS3();
  const proxy = new FaultyProxy(() => s3.endpoint);
  let down = true;
  proxy.decide = () => (down ? 'reset' : 'pass');
  const core = await openCore({ dataDir: tmp('sohoa-bg-up-') });
  try {
    configureS3(core, await proxy.start());
    const codes = [await addRecord(core, 1), await addRecord(core, 2)];
    const records = createRecordsHandlers(handlerContext(core));
    // Each was tried, failed on the network, and waits for its next try: nobody clicked.
    const failed = await until('both tried while down', async () => {
      const { items } = await records.outboxList({});
      return items.every((i) => i.state === 'pending' && i.attempts >= 1) && items;
    });
    for (const item of failed) {
      assert.equal(item.lastError?.code, 'STORE_UNREACHABLE');
      assert.match(item.lastError.message.vi, /tự gửi lại/);
    }
    down = false;
    const sent = await until('both sent once the store is back', async () => {
      const list = await records.outboxList({});
      return list.counts.done === 2 && list;
    });
    assert.ok(sent.items.every((i) => i.lastError === null && i.bytesDone === i.bytesTotal));
    const keys = await bucketKeys(s3.endpoint);
    for (const code of codes)
      assert.ok(keys.includes(`H49.64.33/2026/${code}/${COMPLETION_MARKER}`), code);
  } finally {
    await core.close();
    await proxy.close();
    await s3.close();
  }
});

test('a store that refuses the upload puts the item in "needs attention" with its reason', async () => {
  const s3 = await startS3();
  const core = await openCore({ dataDir: tmp('sohoa-bg-refused-') });
  try {
    // A bucket that does not exist: the store answers 404, which no retry can cure.
    configureS3(core, s3.endpoint, 'khong-co-kho-nay');
    const code = await addRecord(core, 1);
    const records = createRecordsHandlers(handlerContext(core));
    const item = await until('the item needs attention', async () =>
      (await records.outboxList({})).items.find((i) => i.state === 'needs_attention'),
    );
    assert.equal(item.dossierCode, code);
    assert.equal(item.attempts, 1, 'not retried on its own');
    assert.equal(item.lastError?.code, 'STORE_REJECTED');
    assert.match(item.lastError.message.vi, /từ chối/);
    assert.match(item.lastError.message.en, /refused/);
    assert.match(item.lastError.message.en, /404/);
    assert.equal(
      core.archive.audit.entriesFor('outbox', code).at(-1)?.action,
      'outbox.needs_attention',
    );
    // IT fixes the destination; the clerk's retry sends it (the background loop is woken).
    configureS3(core, s3.endpoint);
    await records.outboxRetry({ dossierCode: code });
    await until(
      'sent after the retry',
      async () => (await records.outboxList({})).counts.done === 1,
    );
  } finally {
    await core.close();
    await s3.close();
  }
});

test('closing the app mid-upload never marks the item done; the next start sends it', async () => {
  const s3 = await startS3();
  const proxy = new FaultyProxy(() => s3.endpoint);
  let hang = true;
  // The store takes the request and never answers while `hang` holds.
  proxy.decide = () => (hang ? { slowMs: 120_000 } : 'pass');
  const dataDir = tmp('sohoa-bg-close-');
  let core = await openCore({ dataDir });
  configureS3(core, await proxy.start());
  const code = await addRecord(core, 1);
  try {
    const records = createRecordsHandlers(handlerContext(core));
    await until('the upload started', async () =>
      (await records.outboxList({})).items.some((i) => i.state === 'uploading'),
    );
    assert.equal((await records.outboxList({})).sending, true);
  } finally {
    await core.close();
  }
  try {
    const opened = openArchive(dataDir);
    try {
      const row = opened.archive.database
        .prepare('SELECT o.state, o.done_at FROM outbox o')
        .get() as { state: string; done_at: string | null };
      // The write in flight was cut off: the item waits again, due at once, never done.
      assert.equal(row.state, 'pending');
      assert.equal(row.done_at, null);
      assert.ok(
        !opened.archive.audit
          .entriesFor('outbox', code)
          .some((e) => e.action === 'outbox.uploaded'),
      );
    } finally {
      opened.close();
    }
    assert.ok(!(await bucketKeys(s3.endpoint)).some((k) => k.endsWith(COMPLETION_MARKER)));

    hang = false;
    core = await openCore({ dataDir });
    const records = createRecordsHandlers(handlerContext(core));
    await until(
      'sent after the restart',
      async () => (await records.outboxList({})).counts.done === 1,
    );
    assert.ok(
      (await bucketKeys(s3.endpoint)).includes(`H49.64.33/2026/${code}/${COMPLETION_MARKER}`),
    );
  } finally {
    await core.close();
    await proxy.close();
    await s3.close();
  }
});

test('a dossier the core archives wakes the sleeping uploader: it goes up without waiting for a poll', async () => {
  const core = await openCore({ dataDir: tmp('sohoa-bg-wake-') });
  const share = tmp('sohoa-bg-share-');
  try {
    saveDestination(
      core.paths.root,
      { kind: 'folder', path: share },
      fileKeyProvider(core.paths.keysDir),
    );
    const records = createRecordsHandlers(handlerContext(core));
    // The loop found nothing to send and sleeps its 15 s poll.
    await until('the first round is over', async () => !(await records.outboxList({})).sending);
    // Blank paper: flagged blank, no OCR, so the dossier is archived in a second or two.
    const blank = await sharp({
      create: { width: 400, height: 560, channels: 3, background: '#fdfdfb' },
    })
      .withMetadata({ density: 100 })
      .png()
      .toBuffer();
    const out = await core.digitize([{ name: 'trang.png', read: () => Promise.resolve(blank) }], {
      title: 'Hồ sơ trang trắng',
    });
    assert.ok(out.record, JSON.stringify(out.fileErrors));
    const code = out.record.code;
    // Well inside the poll: only the wake-up can have sent it this soon.
    await until(
      'sent after the wake-up',
      async () => (await records.outboxList({})).counts.done === 1,
      10_000,
    );
    assert.ok(fs.existsSync(path.join(share, code.split('-').slice(0, -2).join('-'))));
  } finally {
    await core.close();
  }
});
