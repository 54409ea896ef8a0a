// The clerk's trust-list edits inside an encrypted data folder: an edit made before the folder was
// encrypted survives the migration (a removed root stays removed), and an edit made after it is
// written sealed, never as plain JSON, and read back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadTrustList, removeRoot } from '../../electron/core/sign/trust/trustList';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults, useKeyProvider } from '../../electron/core/vault/registry';
import { prepareVault } from '../../electron/core/vault/setup';

const SHIPPED = path.resolve(import.meta.dirname, '../../resources/trust');
const NATIONAL = 'bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7';
const GOVERNMENT = 'f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8';

let work: string;
let home: string;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-vault-trust-'));
  home = path.join(work, 'home');
  fs.mkdirSync(home);
});
after(() => {
  forgetVaults();
  fs.rmSync(work, { recursive: true, force: true });
});

const trusted = () =>
  loadTrustList({ shippedDir: SHIPPED, dataDir: home })
    .entries.map((e) => e.sha256)
    .sort();
const userFile = () => path.join(home, 'trust', 'user-trust.json');

test('a removal made on the plain folder stays after the folder is encrypted', async () => {
  removeRoot(home, NATIONAL);
  assert.deepEqual(trusted(), [GOVERNMENT]);
  useKeyProvider(fileKeyProvider(path.join(work, 'it', 'desk.key')));
  const prepared = await prepareVault(home);
  assert.ok(prepared?.created, 'the vault is made');
  assert.ok(!fs.readFileSync(userFile()).toString('utf8').includes(NATIONAL), 'sealed on disk');
  assert.deepEqual(trusted(), [GOVERNMENT], 'the removed root is still not trusted');
});

test('an edit inside the vault is written sealed and read back', () => {
  removeRoot(home, GOVERNMENT);
  const disk = fs.readFileSync(userFile());
  assert.throws(() => JSON.parse(disk.toString('utf8')) as unknown, 'not plain JSON');
  assert.ok(!disk.includes(Buffer.from(GOVERNMENT)));
  if (process.platform !== 'win32') assert.equal(fs.statSync(userFile()).mode & 0o777, 0o600);
  assert.deepEqual(trusted(), []);
  const list = loadTrustList({ shippedDir: SHIPPED, dataDir: home });
  assert.deepEqual(list.removed.sort(), [NATIONAL, GOVERNMENT].sort());
});
