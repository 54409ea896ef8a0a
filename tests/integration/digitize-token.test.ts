// The digitize pipeline signs with what an agency really uses: the key on a PKCS#11 token
// (SoftHSM2) and a timestamp from a TSA (PAdES B-T), configured as IT would, through the
// environment. pdfsig checks the result.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { coreOptionsFromEnv, openCore } from '../../electron/core/pipeline/core';
import { createPki } from '../helpers/pki';
import {
  generateKeyOnToken,
  initToken,
  openTokenSession,
  SOFTHSM_MODULE,
  storeCertificate,
  TOKEN_LABEL,
  USER_PIN,
} from '../helpers/softhsm';
import { startTsa } from '../helpers/tsa';
import { run } from '../helpers/tools';

test('digitize signs on the token with a timestamp (B-T) when configured by environment', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-digitize-token-'));
  const pki = createPki(path.join(dir, 'pki'));
  initToken(path.join(dir, 'hsm'));
  const t = openTokenSession();
  const pub = generateKeyOnToken(t, 'agency-key', Buffer.from([7]), 'rsa');
  const cert = pki.issue({ cn: 'UBND phường Hòa Khánh', publicKeyPem: pub });
  storeCertificate(t, 'agency-key', Buffer.from([7]), cert.certDer);
  t.close();
  const tsa = await startTsa(pki, path.join(dir, 'tsa'));
  const image = path.join(dir, 'trang.png');
  await fs.writeFile(
    image,
    await renderPage({
      lines: ['# GIẤY BIÊN NHẬN', 'Ông Vũ Đức Thắng'],
      widthMm: 120,
      heightMm: 60,
      format: 'png',
    }),
  );

  const options = coreOptionsFromEnv({
    SOHOA_PKCS11_MODULE: SOFTHSM_MODULE,
    SOHOA_TOKEN_LABEL: TOKEN_LABEL,
    SOHOA_PIN: USER_PIN,
    SOHOA_TSA_URL: tsa.url,
    SOHOA_AGENCY_ID: 'H49.64.33',
    SOHOA_AGENCY_NAME: 'UBND phường Hòa Khánh',
  });
  const core = await openCore({ ...options, dataDir: path.join(dir, 'data'), ocrWorkers: 1 });
  try {
    const outcome = await core.digitize([{ name: image, read: () => fs.readFile(image) }]);
    assert.deepEqual(outcome.fileErrors, []);
    assert.ok(outcome.pdfPath && outcome.record);
    assert.equal(outcome.record.signature?.demo, false);
    assert.match(outcome.record.code, /^H49\.64\.33-\d{6}-0001$/);
    assert.equal(tsa.served(), 1, 'the TSA was asked once');
    const sig = run('pdfsig', [outcome.pdfPath]);
    assert.match(sig.stdout, /Signer Certificate Common Name: UBND phường Hòa Khánh/);
    assert.match(sig.stdout, /Signature Validation: Signature is Valid/);
    assert.match(sig.stdout, /Signature Type: ETSI\.CAdES\.detached/);
  } finally {
    await core.close();
    await tsa.close();
  }
});
