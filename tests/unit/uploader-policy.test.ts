// What the uploader retries by itself and what needs a person; "send now" makes waiting items due;
// an upload stopped by the app closing goes back to waiting, its attempt not counted, never done;
// the app's outbox view has one sender (send now only wakes the background loop).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { SohoaError } from '../../shared/errors';
import { openArchive } from '../../electron/core/archive/open';
import { fileKeyProvider, saveDestination } from '../../electron/core/outbox/destination';
import { FolderConnector } from '../../electron/core/outbox/folderConnector';
import { describeError, isPermanent, Outbox } from '../../electron/core/outbox/outbox';
import { errorOfLastError, OutboxDesk } from '../../electron/core/records/outboxView';
import { addQueuedRecord as addRecord } from '../helpers/outboxRecords';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const fsError = (code: string) =>
  Object.assign(new Error(`${code}: x`), { code, path: '/mnt/kho/H49' });

test('refusals and unwritable folders need a person; network trouble and store hiccups retry', () => {
  for (const e of [
    s3Error('AccessDenied', 403),
    s3Error('InvalidAccessKeyId', 403),
    s3Error('Unauthorized', 401),
    s3Error('NoSuchBucket', 404),
    s3Error('EntityTooLarge', 400),
    fsError('EACCES'),
    fsError('EROFS'),
    fsError('ENAMETOOLONG'),
    new SohoaError('BLOB_MISSING', 'H49-1'),
  ])
    assert.equal(isPermanent(e), true, `${e.name} ${(e as { code?: string }).code ?? ''}`);
  for (const e of [
    s3Error('NoSuchUpload', 404),
    s3Error('MethodNotAllowed', 405),
    s3Error('SlowDown', 503),
    s3Error('InternalError', 500),
    s3Error('TooManyRequests', 429),
    s3Error('RequestTimeout', 408),
    fsError('ECONNRESET'),
    fsError('ENOENT'),
    fsError('ENOTDIR'),
    new Error('socket hang up'),
  ])
    assert.equal(isPermanent(e), false, `${e.name} ${(e as { code?: string }).code ?? ''}`);
  // EPERM on a Windows share is often a file held for a moment by an antivirus: retried twice.
  assert.equal(isPermanent(fsError('EPERM'), 1), false);
  assert.equal(isPermanent(fsError('EPERM'), 2), false);
  assert.equal(isPermanent(fsError('EPERM'), 3), true);
  const unwritable = errorOfLastError(describeError(fsError('EACCES')))!;
  assert.equal(unwritable.code, 'STORE_NOT_WRITABLE');
  assert.match(
    unwritable.message.vi,
    /Không ghi được vào nơi nhận hồ sơ \(\/mnt\/kho\/H49, EACCES\)/,
  );
  assert.match(unwritable.message.en, /Retry/);
  assert.equal(
    errorOfLastError(describeError(new SohoaError('BLOB_MISSING', 'H49-1')))?.code,
    'BLOB_MISSING',
  );
});

test('"send now" makes waiting items due; a stopped upload waits again, not counted, not done', async () => {
  let now = new Date('2026-11-23T03:00:00Z');
  const opened = openArchive(tmp('sohoa-upl-'), { clock: () => now });
  try {
    const outbox = new Outbox(opened.archive, opened.blobs, {
      clock: () => now,
      random: () => 0.5,
    });
    const code = await addRecord(opened, 1);
    const share = tmp('sohoa-share-');
    const blocked = path.join(share, 'blocked');
    fs.writeFileSync(blocked, 'not a folder');
    await outbox.drain(new FolderConnector(blocked));
    assert.equal(outbox.get(code)?.state, 'pending');
    assert.deepEqual(await outbox.drain(new FolderConnector(share)), [], 'backing off');
    assert.equal(outbox.expedite(), 1);
    now = new Date(now.getTime() + 1);

    // The app closes while the first object is being written.
    const stop = new AbortController();
    class Closing extends FolderConnector {
      override async put(key: string, bytes: Buffer) {
        await super.put(key, bytes);
        stop.abort();
      }
    }
    const [stopped] = await outbox.drain(new Closing(share), stop.signal);
    assert.equal(stopped?.state, 'pending');
    assert.equal(stopped.attempts, 1, 'the stop is not a failed attempt');
    assert.equal(stopped.doneAt, null);
    assert.ok(!fs.existsSync(path.join(share, 'H49.64.33', '2026', code, '_COMPLETE.json')));
    assert.equal((await outbox.drain(new FolderConnector(share)))[0]?.state, 'done');
  } finally {
    opened.close();
  }
});

test('with the background uploader, "send now" only wakes it: one sender, every item once', async () => {
  const dataDir = tmp('sohoa-upl-bg-');
  const opened = openArchive(dataDir);
  const share = tmp('sohoa-share-');
  const desk = new OutboxDesk(opened.archive, opened.blobs, dataDir, opened.paths.keysDir);
  try {
    const codes = [await addRecord(opened, 1), await addRecord(opened, 2)];
    desk.startBackground({ pollMs: 60_000 });
    assert.throws(() => desk.send(), /No upload destination/);
    saveDestination(
      dataDir,
      { kind: 'folder', path: share },
      fileKeyProvider(opened.paths.keysDir),
    );
    // Clicked three times in a row: each click only wakes the one loop.
    desk.send();
    desk.send();
    desk.send();
    const deadline = Date.now() + 20_000;
    while (desk.list().counts.done < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(desk.list().counts.done, 2);
    // Each dossier was sent exactly once: one "uploaded" entry each in the audit log.
    for (const code of codes)
      assert.deepEqual(
        opened.archive.audit.entriesFor('outbox', code).map((e) => e.action),
        ['outbox.uploaded'],
      );
  } finally {
    await desk.stop();
    opened.close();
  }
});
