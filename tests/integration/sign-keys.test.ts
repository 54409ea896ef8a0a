// Every key source and algorithm the signer offers, checked by tools we did not write: pdfsig
// (poppler/NSS), openssl cms -verify against the test root, qpdf --check. The token is a real
// SoftHSM2 token whose keys were generated on it and cannot be read out.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
// Default import: the constants are attached at run time, so ESM named imports miss them.
import pkcs11js from 'pkcs11js';
import { SohoaError } from '../../shared/errors';
import { openPkcs11 } from '../../electron/core/sign/pkcs11KeySource';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { KeySource, SignOptions } from '../../electron/core/sign/types';
import { createPki, openssl, P12_PASSWORD, type Pki } from '../helpers/pki';
import { readSignedParts, runTool, samplePdf } from '../helpers/sign-tools';
import {
  SOFTHSM_MODULE,
  TOKEN_LABEL,
  USER_PIN,
  generateKeyOnToken,
  initToken,
  openTokenSession,
  storeCertificate,
} from '../helpers/softhsm';

const baseOptions = (keySource: KeySource): SignOptions => ({
  keySource,
  signingTime: new Date(),
  appearance: { kind: 'agency', agencyName: 'Ủy ban nhân dân xã Tân Phú', demo: false },
  fileName: 'ho-so.pdf',
});

async function expectCode(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof SohoaError, `expected a SohoaError, got ${String(e)}`);
    assert.equal(e.code, code, String((e.cause as Error | undefined)?.message ?? ''));
    return true;
  });
}

describe('key sources and algorithms', () => {
  let dir: string;
  let pki: Pki;
  let pdf: Uint8Array;
  const p12: Record<string, string> = {};

  /** Signs, then asserts pdfsig, openssl cms and qpdf all accept the file. */
  async function signAndCheck(name: string, options: SignOptions, digestName: RegExp) {
    const result = await signPdf(pdf, options);
    const file = path.join(dir, `${name}.pdf`);
    await fs.writeFile(file, result.bytes);
    const sig = runTool('pdfsig', [file]);
    assert.match(sig.stdout, /Signature Validation: Signature is Valid/, sig.stdout + sig.stderr);
    assert.match(sig.stdout, /Total document signed/, sig.stdout);
    assert.match(sig.stdout, digestName, sig.stdout);
    const qpdf = runTool('qpdf', ['--check', file]);
    assert.equal(qpdf.status, 0, qpdf.stdout + qpdf.stderr);
    const { cms, signedBytes } = readSignedParts(result.bytes);
    await fs.writeFile(`${file}.p7s`, cms);
    await fs.writeFile(`${file}.bin`, signedBytes);
    const cmsCheck = runTool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      `${file}.p7s`,
      '-content',
      `${file}.bin`,
      '-CAfile',
      pki.root.certPath,
      '-purpose',
      'any',
      '-out',
      os.devNull,
    ]);
    assert.equal(cmsCheck.status, 0, cmsCheck.stderr);
    return { file, result, pdfsig: sig.stdout };
  }

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sign-keys-'));
    pki = createPki(path.join(dir, 'pki'));
    pdf = await samplePdf();
    p12.rsa = pki.issue({ cn: 'Nguyễn Thị Hoa', key: 'rsa' }).p12Path!;
    p12.ec = pki.issue({ cn: 'Trần Văn Bình', key: 'ec' }).p12Path!;
    p12.expired = pki.issue({
      cn: 'Hết Hạn',
      start: '20200101000000Z',
      end: '20210101000000Z',
    }).p12Path!;
    p12.future = pki.issue({
      cn: 'Chưa Hiệu Lực',
      start: '20990101000000Z',
      end: '20991231000000Z',
    }).p12Path!;
    p12.encipher = pki.issue({ cn: 'Chỉ Mã Hóa', keyUsage: 'keyEncipherment' }).p12Path!;

    initToken(path.join(dir, 'hsm'));
    const t = openTokenSession();
    for (const [label, id, type] of [
      ['rsa-key', Buffer.from([1]), 'rsa'],
      ['ec-key', Buffer.from([2]), 'ec'],
    ] as const) {
      const pub = generateKeyOnToken(t, label, id, type);
      const cert = pki.issue({ cn: `Token ${type.toUpperCase()} Lê Văn Cường`, publicKeyPem: pub });
      storeCertificate(t, label, id, cert.certDer);
    }
    storeCertificate(t, 'issuing-ca', Buffer.from([0x10]), pki.intermediate.certDer);
    t.close();
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('PKCS#12 RSA, PKCS#1 v1.5, SHA-256 (trust anchors checked before signing)', async () => {
    const key = await openPkcs12(p12.rsa!, P12_PASSWORD);
    const { pdfsig } = await signAndCheck(
      'p12-rsa',
      { ...baseOptions(key), policy: { trustAnchors: [pki.root.certDer] } },
      /SHA-256/,
    );
    assert.match(pdfsig, /ETSI\.CAdES\.detached/);
  });

  test('PKCS#12 (OpenSSL 3, AES) with a Vietnamese password opens; a wrong one is refused', async () => {
    const leaf = pki.issue({ cn: 'Mật Khẩu Tiếng Việt' });
    const file = path.join(dir, 'vi-password.p12');
    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      leaf.keyPath!,
      '-in',
      leaf.certPath,
      '-certfile',
      pki.intermediate.certPath,
      '-out',
      file,
      '-passout',
      'pass:Mật khẩu đơn vị',
    ]);
    const key = await openPkcs12(file, 'Mật khẩu đơn vị');
    await signAndCheck('p12-vi-password', baseOptions(key), /SHA-256/);
    await expectCode(openPkcs12(file, 'Mat khau don vi'), 'KEY_UNAVAILABLE');
  });

  test('PKCS#12 RSA, RSASSA-PSS, SHA-384', async () => {
    const key = await openPkcs12(p12.rsa!, P12_PASSWORD);
    await signAndCheck(
      'p12-pss',
      { ...baseOptions(key), rsaPadding: 'pss', digest: 'sha384' },
      /SHA-384/,
    );
  });

  test('PKCS#12 ECDSA P-256, SHA-512', async () => {
    const key = await openPkcs12(p12.ec!, P12_PASSWORD);
    await signAndCheck('p12-ec', { ...baseOptions(key), digest: 'sha512' }, /SHA-512/);
  });

  test('adbe.pkcs7.detached compatibility sub-filter', async () => {
    const key = await openPkcs12(p12.rsa!, P12_PASSWORD);
    const { pdfsig } = await signAndCheck(
      'p12-pkcs7',
      { ...baseOptions(key), subFilter: 'adbe.pkcs7.detached' },
      /SHA-256/,
    );
    assert.match(pdfsig, /adbe\.pkcs7\.detached/);
  });

  for (const [label, padding] of [
    ['rsa-key', 'pkcs1'],
    ['rsa-key', 'pss'],
    ['ec-key', 'pkcs1'],
  ] as const) {
    test(`PKCS#11 token (SoftHSM2): ${label} ${label === 'ec-key' ? 'ECDSA' : padding}`, async () => {
      const key = await openPkcs11({
        modulePath: SOFTHSM_MODULE!,
        tokenLabel: TOKEN_LABEL,
        keyLabel: label,
        pin: USER_PIN,
      });
      try {
        const chain = await key.certificateChain();
        assert.equal(chain.length, 2, 'leaf and the issuing CA stored on the token');
        await signAndCheck(
          `token-${label}-${padding}`,
          {
            ...baseOptions(key),
            rsaPadding: padding,
            policy: { trustAnchors: [pki.root.certDer] },
          },
          /SHA-256/,
        );
      } finally {
        await key.close?.();
      }
    });
  }

  test('the token key is sensitive: its private value cannot be read out', () => {
    const t = openTokenSession();
    try {
      t.lib.C_FindObjectsInit(t.session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_LABEL, value: 'rsa-key' },
      ]);
      const [handle] = t.lib.C_FindObjects(t.session, 1);
      t.lib.C_FindObjectsFinal(t.session);
      assert.ok(handle);
      assert.throws(
        () =>
          t.lib.C_GetAttributeValue(t.session, handle, [{ type: pkcs11js.CKA_PRIVATE_EXPONENT }]),
        /CKR_ATTRIBUTE_SENSITIVE/,
      );
    } finally {
      t.close();
    }
  });

  test('a wrong PIN, a missing key label and a missing module have their own codes', async () => {
    const base = { modulePath: SOFTHSM_MODULE!, tokenLabel: TOKEN_LABEL };
    await expectCode(openPkcs11({ ...base, pin: '000000' }), 'TOKEN_PIN_INCORRECT');
    await expectCode(
      openPkcs11({ ...base, pin: USER_PIN, keyLabel: 'nope' }),
      'TOKEN_KEY_NOT_FOUND',
    );
    await expectCode(
      openPkcs11({ modulePath: path.join(dir, 'missing.so'), pin: USER_PIN }),
      'TOKEN_NOT_FOUND',
    );
  });

  test('expired, not-yet-valid, wrong-usage and untrusted certificates are refused', async () => {
    const open = (p: string) => openPkcs12(p, P12_PASSWORD);
    await expectCode(signPdf(pdf, baseOptions(await open(p12.expired!))), 'CERT_EXPIRED');
    await expectCode(signPdf(pdf, baseOptions(await open(p12.future!))), 'CERT_NOT_YET_VALID');
    await expectCode(signPdf(pdf, baseOptions(await open(p12.encipher!))), 'CERT_WRONG_USAGE');
    const other = createPki(path.join(dir, 'other-pki'), 'Other');
    await expectCode(
      signPdf(pdf, {
        ...baseOptions(await open(p12.rsa!)),
        policy: { trustAnchors: [other.root.certDer] },
      }),
      'CERT_UNTRUSTED',
    );
  });
});
