// The outbox against a folder store: idempotent keys, marker last, checksum-confirmed completion,
// backoff with jitter, needs_attention after repeated failures, recovery after a crash.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import { openArchive } from '../../electron/core/archive/open';
import { fileKeyProvider, saveDestination } from '../../electron/core/outbox/destination';
import { FolderConnector } from '../../electron/core/outbox/folderConnector';
import { startConfiguredUploader } from '../../electron/core/outbox/uploader';
import {
  backoffMs,
  COMPLETION_MARKER,
  DEFAULT_POLICY,
  Outbox,
} from '../../electron/core/outbox/outbox';
import { addQueuedRecord as addRecord } from '../helpers/outboxRecords';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

function setup(policy = DEFAULT_POLICY) {
  let now = new Date('2026-11-23T03:00:00Z');
  const opened = openArchive(tmp('sohoa-outbox-'), { clock: () => now });
  const outbox = new Outbox(opened.archive, opened.blobs, {
    clock: () => now,
    random: () => 0.5,
    policy,
  });
  return {
    opened,
    outbox,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    now: () => now,
  };
}

test('backoff doubles from the base, is capped, and jitters within [half, full]', () => {
  const p = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 5 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, p, () => 1)),
    [1000, 2000, 4000, 8000, 10_000, 10_000],
  );
  assert.equal(
    backoffMs(3, p, () => 0),
    2000,
  );
  const seen = new Set(Array.from({ length: 50 }, () => backoffMs(3, p, Math.random)));
  assert.ok(seen.size > 10, 'jitter spreads retries');
  for (const v of seen) assert.ok(v >= 2000 && v <= 4000);
});

test('a recorded dossier is queued and lands in the folder store, marker last, checksums confirmed', async () => {
  const { opened, outbox } = setup();
  const code = await addRecord(opened, 1);
  assert.equal(outbox.get(code)?.state, 'pending');
  const root = tmp('sohoa-share-');
  const [item] = await outbox.drain(new FolderConnector(root));
  assert.equal(item?.state, 'done');
  assert.equal(item.bytesDone, item.bytesTotal);
  const prefix = path.join(root, 'H49.64.33', '2026', code);
  assert.equal(item.remotePrefix, `H49.64.33/2026/${code}`);
  const marker = JSON.parse(fs.readFileSync(path.join(prefix, COMPLETION_MARKER), 'utf8')) as {
    files: { path: string; sha256: string }[];
  };
  assert.ok(marker.files.some((f) => f.path === `data/${code}.pdf`));
  for (const f of marker.files)
    assert.equal(sha256Hex(fs.readFileSync(path.join(prefix, f.path))), f.sha256, f.path);
  // The marker is the newest file: nothing was written after it.
  const mtimes = marker.files.map((f) => fs.statSync(path.join(prefix, f.path)).mtimeMs);
  assert.ok(fs.statSync(path.join(prefix, COMPLETION_MARKER)).mtimeMs >= Math.max(...mtimes));
  assert.deepEqual(
    await outbox.drain(new FolderConnector(root)),
    [],
    'done items are not sent again',
  );
  const uploaded = opened.archive.audit.entriesFor('outbox', code);
  assert.deepEqual(
    uploaded.map((e) => e.action),
    ['outbox.uploaded'],
  );
  assert.equal(opened.archive.verify().ok, true);
  opened.close();
});

test('failures back off, then need attention with the last error; a retry sends it', async () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 3 };
  const { opened, outbox, advance, now } = setup(policy);
  const code = await addRecord(opened, 1);
  const blocked = path.join(tmp('sohoa-share-'), 'not-a-folder');
  fs.writeFileSync(blocked, 'a file where the share should be');
  const broken = new FolderConnector(blocked);

  const [first] = await outbox.drain(broken);
  assert.equal(first?.state, 'pending');
  assert.equal(first.attempts, 1);
  assert.match(first.lastError ?? '', /STORE_UNREACHABLE: ENOTDIR/);
  assert.equal(new Date(first.nextAttemptAt).getTime() - now().getTime(), 750, 'half + jitter');
  assert.deepEqual(await outbox.drain(broken), [], 'not due yet');
  advance(750);
  assert.equal((await outbox.drain(broken))[0]?.attempts, 2);
  advance(1500);
  const [last] = await outbox.drain(broken);
  assert.equal(last?.state, 'needs_attention');
  assert.equal(last.attempts, 3);
  advance(3_600_000);
  assert.deepEqual(await outbox.drain(broken), [], 'needs_attention is not retried on its own');
  assert.deepEqual(
    opened.archive.audit.entriesFor('outbox', code).map((e) => e.action),
    ['outbox.needs_attention'],
  );

  outbox.retry(code, 'it01');
  const [ok] = await outbox.drain(new FolderConnector(tmp('sohoa-share-')));
  assert.equal(ok?.state, 'done');
  assert.equal(ok.lastError, null);
  opened.close();
});

test('a store that does not hold our bytes never completes the item', async () => {
  const { opened, outbox } = setup();
  await addRecord(opened, 1);
  const root = tmp('sohoa-share-');
  class LossyShare extends FolderConnector {
    override async put(key: string, bytes: Buffer): Promise<void> {
      await super.put(key, key.endsWith('.pdf') ? bytes.subarray(0, bytes.length - 1) : bytes);
    }
  }
  const [item] = await outbox.drain(new LossyShare(root));
  assert.equal(item?.state, 'pending');
  assert.match(item.lastError ?? '', /STORE_CHECKSUM_MISMATCH/);
  const markers = (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) =>
    p.endsWith(COMPLETION_MARKER),
  );
  assert.deepEqual(markers, [], 'no completion marker for a half-good dossier');
  opened.close();
});

test('an item left uploading by a crashed uploader is sent again, to the same keys', async () => {
  const { opened, outbox } = setup();
  const code = await addRecord(opened, 1);
  const claimed = outbox.claimNext();
  assert.equal(claimed?.state, 'uploading');
  // The process dies here. A new uploader starts:
  const again = new Outbox(opened.archive, opened.blobs);
  assert.deepEqual(await again.drain(new FolderConnector(tmp('x-'))), [], 'uploading is not due');
  assert.equal(again.recoverInterrupted(), 1);
  const root = tmp('sohoa-share-');
  const [item] = await again.drain(new FolderConnector(root));
  assert.equal(item?.state, 'done');
  assert.equal(item.remotePrefix, claimed.remotePrefix);
  assert.deepEqual(fs.readdirSync(path.join(root, 'H49.64.33', '2026')), [code]);
  opened.close();
});

test('the configured background uploader sends a dossier recorded while it runs', async () => {
  const dataDir = tmp('sohoa-bg-');
  const opened = openArchive(dataDir);
  assert.equal(
    startConfiguredUploader(dataDir, opened.paths.keysDir, opened.archive, opened.blobs),
    null,
    'nothing configured: no uploader',
  );
  const share = tmp('sohoa-share-');
  saveDestination(dataDir, { kind: 'folder', path: share }, fileKeyProvider(opened.paths.keysDir));
  const loop = startConfiguredUploader(
    dataDir,
    opened.paths.keysDir,
    opened.archive,
    opened.blobs,
  )!;
  await new Promise((r) => setTimeout(r, 100)); // the loop is asleep now
  const code = await addRecord(opened, 1);
  loop.nudge();
  const deadline = Date.now() + 30_000;
  while (loop.outbox.get(code)?.state !== 'done' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  await loop.stop();
  assert.equal(loop.outbox.get(code)?.state, 'done');
  assert.ok(fs.existsSync(path.join(share, 'H49.64.33', '2026', code, COMPLETION_MARKER)));
  opened.close();
});
