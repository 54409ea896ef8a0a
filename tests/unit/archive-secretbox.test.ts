// The sealed-secret format is on disk in every desk's data folder: files saved before the shared
// secretBox existed (by the outbox's and the settings' own copies of the sealing code) must still
// open. The two blobs below were written by that earlier code (saveDestination and saveSettings at
// commit 30e0ab2) under a fixed machine key, so a change of layout, cipher or AAD fails here.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openSecret, sealSecret } from '../../electron/core/archive/secretBox';
import { loadDestination } from '../../electron/core/outbox/destination';
import { readP12Password } from '../../electron/core/settings/store';

const KEY = Buffer.alloc(32, 0x5a);
const keys = { key: () => KEY };

/** `outbox-destination.json` as the earlier saveDestination wrote it. */
const OLD_DESTINATION = {
  kind: 's3',
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  bucket: 'ho-so',
  forcePathStyle: true,
  sealed: {
    iv: 'zeVT7luk7S1/OBTA',
    tag: 'b26D66+UE1Oyv8CYrydgPg==',
    data: 'xio3dzK4j4qtHrhyj4Bb2a7ytYtYMtWboPCCuGwPp3x96gAOmqzzVtEUK0gqPTfT20/pU30ziTd9YrqhX+o=',
  },
};
/** The sealed PKCS#12 password of a `settings.json` the earlier saveSettings wrote. */
const OLD_P12_PASSWORD = {
  iv: 'qiaokhoFUVQHeDz/',
  tag: '7demJIAFF4+yVwwFRIYhWQ==',
  data: '6LXXFNFq3rGb0kKbi6N6GkY5+vI=',
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-secretbox-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

function dataFolder(name: string): { dataDir: string; keysDir: string } {
  const dataDir = path.join(work, name);
  const keysDir = path.join(dataDir, 'keys');
  fs.mkdirSync(keysDir, { recursive: true });
  fs.writeFileSync(path.join(keysDir, 'outbox.key'), KEY);
  return { dataDir, keysDir };
}

test('an outbox destination saved by the earlier code still opens, with its S3 keys', () => {
  const { dataDir } = dataFolder('dest');
  fs.writeFileSync(path.join(dataDir, 'outbox-destination.json'), JSON.stringify(OLD_DESTINATION));
  const dest = loadDestination(dataDir, keys);
  assert.ok(dest?.kind === 's3');
  assert.equal(dest.accessKeyId, 'AKIAMẪU');
  assert.equal(dest.secretAccessKey, 'bí-mật/Đ+1');
  assert.equal(dest.bucket, 'ho-so');
});

test('a PKCS#12 password saved in settings.json by the earlier code still opens', () => {
  const paths = dataFolder('settings');
  fs.writeFileSync(
    path.join(paths.dataDir, 'settings.json'),
    JSON.stringify({ version: 1, settings: {}, p12Password: OLD_P12_PASSWORD }),
  );
  assert.equal(readP12Password(paths), 'mật khẩu ĐÀO 1');
});

test('a blob sealed the earlier way (AES-256-GCM, 12-byte IV, label as AAD) opens', () => {
  const label = 'sohoa-settings-secret/1';
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', KEY, iv).setAAD(Buffer.from(label));
  const data = Buffer.concat([c.update('Đắk Lắk', 'utf8'), c.final()]);
  const sealed = {
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  assert.equal(openSecret(KEY, label, sealed), 'Đắk Lắk');
});

test('seal then open round-trips; another label, key or a changed byte does not open', () => {
  const plain = 'Nguyễn Thị Hạnh – 079 123 456 789';
  const sealed = sealSecret(KEY, 'sohoa-outbox-destination/1', plain);
  assert.equal(Buffer.from(sealed.iv, 'base64').length, 12);
  assert.equal(Buffer.from(sealed.tag, 'base64').length, 16);
  assert.equal(openSecret(KEY, 'sohoa-outbox-destination/1', sealed), plain);
  // A fresh IV each time: the same secret never seals to the same bytes.
  assert.notEqual(sealSecret(KEY, 'sohoa-outbox-destination/1', plain).data, sealed.data);

  assert.throws(() => openSecret(KEY, 'sohoa-settings-secret/1', sealed));
  assert.throws(() => openSecret(Buffer.alloc(32, 1), 'sohoa-outbox-destination/1', sealed));
  const bytes = Buffer.from(sealed.data, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  const tampered = { ...sealed, data: bytes.toString('base64') };
  assert.throws(() => openSecret(KEY, 'sohoa-outbox-destination/1', tampered));
});
