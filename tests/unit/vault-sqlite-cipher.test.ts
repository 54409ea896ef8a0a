// The vault's page cipher: a new database is written with AEGIS-256 (authenticated pages: a
// flipped byte is refused), a database the first version wrote with SQLCipher's scheme still
// opens, a wrong key opens neither, and a 64 KiB sealed file of the first version still opens.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { DataKey } from '../../electron/core/vault/dataKey';
import { readDataFileSync } from '../../electron/core/vault/files';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults, rememberKey } from '../../electron/core/vault/registry';
import { newHeader, openBuffer, sealRecord } from '../../electron/core/vault/sealedFormat';
import { createVault } from '../../electron/core/vault/setup';
import { applyKey, openDatabase } from '../../electron/core/vault/sqlite';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-cipher-'));
after(() => {
  forgetVaults();
  fs.rmSync(dir, { recursive: true, force: true });
});
const key = DataKey.generate();
const root = path.join(dir, 'data');
createVault(root, fileKeyProvider(path.join(dir, 'it.key')), key);
fs.rmSync(path.join(root, 'vault-migration.json'));

const NAME = 'Nguyễn Thị Mai 001203004567';

test('a new database is AEGIS-encrypted: no plain text on disk, a changed byte is refused', () => {
  const file = path.join(root, 'new.sqlite');
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (x TEXT)');
  db.prepare('INSERT INTO t VALUES (?)').run(NAME.repeat(200));
  db.close();
  const raw = fs.readFileSync(file);
  assert.ok(!raw.includes(Buffer.from('SQLite format 3')));
  assert.ok(!raw.includes(Buffer.from('001203004567')));
  // The same key with the former cipher does not read it: the scheme really is the new one.
  const former = new Database(file);
  applyKey(former, key, 'key', 'sqlcipher');
  assert.throws(() => former.prepare('SELECT count(*) FROM sqlite_master').get());
  former.close();
  const reopened = openDatabase(file);
  assert.equal((reopened.prepare('SELECT x FROM t').get() as { x: string }).x, NAME.repeat(200));
  reopened.close();
  raw[4296] = raw[4296]! ^ 1; // inside page 2, the table's data
  fs.writeFileSync(file, raw);
  const tampered = openDatabase(file);
  assert.throws(() => tampered.prepare('SELECT x FROM t').all());
  tampered.close();
});

test('a database of the first version (SQLCipher scheme) still opens; a wrong key opens none', () => {
  const file = path.join(root, 'former.sqlite');
  const db = new Database(file);
  applyKey(db, key, 'key', 'sqlcipher');
  db.exec('CREATE TABLE t (x TEXT)');
  db.prepare('INSERT INTO t VALUES (?)').run(NAME);
  db.close();
  const opened = openDatabase(file);
  assert.equal((opened.prepare('SELECT x FROM t').get() as { x: string }).x, NAME);
  opened.close();
  const other = path.join(dir, 'other');
  forgetVaults();
  createVault(other, fileKeyProvider(path.join(dir, 'other.key')), DataKey.generate());
  for (const name of ['former.sqlite', 'new.sqlite']) {
    fs.copyFileSync(path.join(root, name), path.join(other, name));
    assert.throws(
      () => openDatabase(path.join(other, name)),
      (e: unknown) => (e as { code?: string }).code === 'VAULT_DATABASE_UNREADABLE',
    );
  }
  rememberKey(key);
});

test('a sealed file written with the first version’s 64 KiB records still opens', () => {
  const plain = randomBytes(150_000);
  const header = newHeader(key);
  header.bytes[10] = 16;
  header.recordBytes = 1 << 16;
  const fileKey = key.fileKey(header.salt);
  const parts = [header.bytes];
  for (let i = 0, at = 0; at < plain.length; i++, at += header.recordBytes) {
    const final = at + header.recordBytes >= plain.length;
    parts.push(sealRecord(fileKey, header, i, final, plain.subarray(at, at + header.recordBytes)));
  }
  const sealed = Buffer.concat(parts);
  assert.ok(openBuffer(sealed, () => key).equals(plain));
  const file = path.join(root, 'old-record-size.bin');
  fs.writeFileSync(file, sealed);
  assert.ok(readDataFileSync(file).equals(plain));
});
