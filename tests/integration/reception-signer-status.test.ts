// The reception shows the key that signs: receptionStatus describes the signer from what the core
// was opened with (Settings merged with the environment by createApi), not from the environment
// alone. A PKCS#12 file saved in Settings shows as its certificate's holder (subject CN), never a
// path; a token as its label; a file that cannot be opened by its name; nothing saved, the demo.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Response } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createApi } from '../../electron/core/api';
import { dataPaths } from '../../electron/core/config/paths';
import { saveSettings } from '../../electron/core/settings/store';
import { createPki, P12_PASSWORD, type Issued } from '../helpers/pki';

const HOLDER = 'Ủy ban nhân dân xã Hòa Bắc';
const ENV = ['SOHOA_P12', 'SOHOA_P12_PASSWORD', 'SOHOA_PKCS11_MODULE', 'SOHOA_PIN'] as const;
const savedEnv = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

let work: string;
let leaf: Issued;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-desk-signer-'));
  // What is being tested is Settings; the environment must not answer for it.
  for (const k of ENV) delete process.env[k];
  leaf = createPki(path.join(work, 'pki')).issue({ cn: HOLDER });
});

after(() => {
  for (const k of ENV) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function signerWith(
  name: string,
  signing: unknown,
  secrets: { p12Password?: string } = {},
): Promise<Response<'receptionStatus'>['signer']> {
  const dataDir = path.join(work, name);
  const p = dataPaths(dataDir);
  if (signing) {
    const saved = saveSettings(
      { dataDir: p.root, keysDir: p.keysDir },
      { ...DEFAULT_SETTINGS, signing },
      secrets,
    );
    assert.ok(saved.ok, JSON.stringify(saved));
  }
  const api = await createApi({ dataDir });
  try {
    const status = await api.invoke('receptionStatus', {});
    assert.ok(status.ok, JSON.stringify(status));
    return (status.value as Response<'receptionStatus'>).signer;
  } finally {
    await api.close();
  }
}

test("a PKCS#12 file saved in Settings shows as its certificate's holder", async () => {
  const signer = await signerWith(
    'p12',
    { kind: 'pkcs12', path: leaf.p12Path },
    { p12Password: P12_PASSWORD },
  );
  assert.deepEqual(signer, { kind: 'pkcs12', label: HOLDER, pinAskedByMainProcess: false });
  assert.equal(signer.label, signer.label.normalize('NFC'));
});

test('a PKCS#12 file that does not open (wrong password) shows by its file name only', async () => {
  const signer = await signerWith(
    'p12-wrong',
    { kind: 'pkcs12', path: leaf.p12Path },
    { p12Password: 'sai-mat-khau' },
  );
  assert.deepEqual(signer, {
    kind: 'pkcs12',
    label: path.basename(leaf.p12Path!),
    pinAskedByMainProcess: false,
  });
});

test('a token saved in Settings shows as its label; its PIN is asked by the main process', async () => {
  const signer = await signerWith('token', {
    kind: 'pkcs11',
    modulePath: '/usr/lib/softhsm/libsofthsm2.so',
    tokenLabel: 'Sohoa Token',
  });
  assert.deepEqual(signer, { kind: 'pkcs11', label: 'Sohoa Token', pinAskedByMainProcess: true });
});

test('nothing saved: the demo key', async () => {
  assert.deepEqual(await signerWith('demo', null), {
    kind: 'demo',
    label: '',
    pinAskedByMainProcess: false,
  });
});
