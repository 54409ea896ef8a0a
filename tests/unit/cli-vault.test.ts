// The CLI and the data folder's vault: with IT's key file set, a command on a plain data folder
// leaves it plain (a vault made there would be wrapped for the key file only, and the app could
// not open it), a command's --help does not touch the folder, and on a folder this process cannot
// unlock the doctor still reports instead of failing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../electron/cli/main';
import type { KeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults, useKeyProvider } from '../../electron/core/vault/registry';
import { prepareVault } from '../../electron/core/vault/setup';

let work: string;
const saved = process.env.SOHOA_VAULT_KEY_FILE;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-cli-vault-'));
  process.env.SOHOA_VAULT_KEY_FILE = path.join(work, 'it', 'desk.key');
});
after(() => {
  if (saved === undefined) delete process.env.SOHOA_VAULT_KEY_FILE;
  else process.env.SOHOA_VAULT_KEY_FILE = saved;
  forgetVaults();
  fs.rmSync(work, { recursive: true, force: true });
});

async function quietly(argv: string[]): Promise<{ code: number; out: string }> {
  const log = console.log;
  const err = console.error;
  let out = '';
  console.log = (...a: unknown[]) => void (out += `${a.join(' ')}\n`);
  console.error = () => undefined;
  try {
    return { code: await main(argv), out };
  } finally {
    console.log = log;
    console.error = err;
  }
}

test('a command on a plain data folder with the key file set leaves the folder plain', async () => {
  const dir = path.join(work, 'plain');
  fs.mkdirSync(dir);
  const { code } = await quietly(['search', 'x', '--data-dir', dir, '--lang', 'en']);
  assert.equal(code, 0);
  assert.ok(fs.existsSync(path.join(dir, 'archive.sqlite')), 'the command did open the folder');
  assert.ok(!fs.existsSync(path.join(dir, 'vault.json')), 'no vault was made');
});

test("a command's --help and a bad argument leave the data folder untouched", async () => {
  const dir = path.join(work, 'untouched');
  await quietly(['search', '--help', '--data-dir', dir]);
  await quietly(['search', '--no-such-option', '--data-dir', dir]);
  assert.ok(!fs.existsSync(path.join(dir, 'vault.json')));
});

test('the doctor reports on a vault this process cannot open', async () => {
  const dir = path.join(work, 'app-encrypted');
  // Encrypted by the app with the OS keystore, which the CLI has not got.
  const keystore: KeyProvider = {
    kind: 'os-keystore',
    label: 'test keystore',
    strong: true,
    wrap: (key) => key.toString('base64'),
    unwrap: (text) => Buffer.from(text, 'base64'),
  };
  useKeyProvider(keystore);
  await prepareVault(dir);
  forgetVaults();
  const { code, out } = await quietly(['doctor', '--json', '--data-dir', dir]);
  assert.equal(code, 1, 'an error is reported, not thrown');
  const report = JSON.parse(out) as { checks: { id: string; status: string }[] };
  assert.equal(report.checks.find((c) => c.id === 'vault')?.status, 'error');
  assert.ok(report.checks.length > 5, 'the other checks still ran');
});
