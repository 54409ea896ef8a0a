// Upload credentials are encrypted at rest; a wrong key or an edited file is refused. The CLI
// configures a folder destination and sends the queue.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { outboxCommand } from '../../electron/cli/commands/outbox';
import { openArchive } from '../../electron/core/archive/open';
import {
  DESTINATION_FILE,
  fileKeyProvider,
  loadDestination,
  saveDestination,
} from '../../electron/core/outbox/destination';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('S3 secrets are stored encrypted and read back only with the machine key', () => {
  const dir = tmp('sohoa-dest-');
  const keys = fileKeyProvider(path.join(dir, 'keys'));
  const dest = {
    kind: 's3' as const,
    endpoint: 'https://s3.luutru.example.vn',
    region: 'hn-1',
    bucket: 'ho-so',
    accessKeyId: 'AKIASOHOADESK0001',
    secretAccessKey: SECRET,
    forcePathStyle: true,
  };
  saveDestination(dir, dest, keys);
  const onDisk = fs.readFileSync(path.join(dir, DESTINATION_FILE), 'utf8');
  assert.ok(!onDisk.includes(SECRET) && !onDisk.includes('AKIASOHOADESK0001'), onDisk);
  assert.match(onDisk, /ho-so/, 'non-secret fields stay readable for IT');
  assert.equal(
    fs.statSync(path.join(dir, 'keys', 'outbox.key')).mode & 0o077,
    0,
    'key is owner-only',
  );
  assert.deepEqual(loadDestination(dir, keys), dest);

  const otherMachine = { key: () => randomBytes(32) };
  assert.throws(() => loadDestination(dir, otherMachine), {
    name: 'SohoaError',
    message: /decrypt/,
  });
  const edited = JSON.parse(onDisk) as { sealed: { data: string } };
  const data = Buffer.from(edited.sealed.data, 'base64');
  data[0] = data[0]! ^ 1;
  edited.sealed.data = data.toString('base64');
  fs.writeFileSync(path.join(dir, DESTINATION_FILE), JSON.stringify(edited));
  assert.throws(() => loadDestination(dir, keys), /decrypt/);
});

test('sohoa outbox configure folder, run --once and status', async () => {
  const dataDir = tmp('sohoa-cli-outbox-');
  const o = openArchive(dataDir);
  const bytes = randomBytes(3000);
  const sha256 = await o.blobs.put(bytes);
  const { code } = o.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: 'Hồ sơ',
    pages: [],
    file: { sha256, bytes: bytes.length, signature: null },
  });
  o.close();
  const share = tmp('sohoa-share-');
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  const run = (...args: string[]) =>
    outboxCommand.run([...args, '--data-dir', dataDir], { lang: 'vi' });
  await assert.rejects(run('run', '--once'), {
    name: 'SohoaError',
    message: /No upload destination/,
  });
  try {
    assert.equal(await run('configure', 'folder', share), 0);
    assert.equal(await run('run', '--once'), 0);
    assert.equal(await run('status'), 0);
  } finally {
    console.log = log;
  }
  assert.ok(fs.existsSync(path.join(share, 'H49.64.33', '2026', code, '_COMPLETE.json')));
  assert.match(lines.at(-1)!, /0 đang chờ, 0 đang gửi, 1 đã gửi, 0 cần xử lý/);
});
