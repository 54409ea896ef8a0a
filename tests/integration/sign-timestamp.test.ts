// PAdES B-T: the signature value is stamped by a real RFC 3161 TSA (openssl ts on loopback).
// Checked by pdfsig, by `openssl ts -verify` on the token we embedded, and by our validator.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SohoaError } from '../../shared/errors';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { SignOptions } from '../../electron/core/sign/types';
import { ATTR, checkSignedData } from '../../electron/core/sign/verify/cmsVerify';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';
import { createPki, P12_PASSWORD, type Pki } from '../helpers/pki';
import { opensslVerifyCms, readSignedParts, runTool, samplePdf } from '../helpers/sign-tools';
import { startOcsp, type OcspResponder } from '../helpers/ocsp';
import { startTsa, type Tsa } from '../helpers/tsa';

describe('PAdES B-T with a loopback TSA', () => {
  let dir: string;
  let pki: Pki;
  let tsa: Tsa;
  let ocsp: OcspResponder;
  let options: SignOptions;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-tsa-'));
    pki = createPki(path.join(dir, 'pki'));
    tsa = await startTsa(pki, path.join(dir, 'tsa'));
    ocsp = await startOcsp(pki, path.join(dir, 'ocsp'));
    const leaf = pki.issue({ cn: 'Đặng Thu Trang', ocspUrl: ocsp.url });
    options = {
      keySource: await openPkcs12(leaf.p12Path!, P12_PASSWORD),
      signingTime: new Date(),
      appearance: { kind: 'agency', agencyName: 'UBND phường 1', demo: false },
      tsaUrl: tsa.url,
    };
  });
  after(async () => {
    await tsa.close();
    await ocsp.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('the token is over the signature value and verifies with openssl ts; level B-T', async () => {
    const { bytes } = await signPdf(await samplePdf(), options);
    assert.equal(tsa.served(), 1);
    const file = path.join(dir, 'bt.pdf');
    await fs.writeFile(file, bytes);
    const sig = runTool('pdfsig', [file]);
    assert.match(sig.stdout, /Signature is Valid/, sig.stdout);
    const cmsCheck = opensslVerifyCms(bytes, pki.root.certPath, dir);
    assert.equal(cmsCheck.status, 0, cmsCheck.stderr);

    const { cms, signedBytes } = readSignedParts(bytes);
    const parsed = checkSignedData(cms, signedBytes);
    assert.deepEqual(parsed.errors, []);
    const token = parsed.unsignedAttributes.get(ATTR.timeStampToken);
    assert.ok(token, 'signature-time-stamp attribute present');
    await fs.writeFile(path.join(dir, 'token.der'), token.buf.subarray(token.start, token.end));
    await fs.writeFile(path.join(dir, 'sigvalue.bin'), parsed.signatureValue!);
    const chain = path.join(dir, 'chain.pem');
    await fs.writeFile(chain, pki.root.certPem + pki.intermediate.certPem);
    const check = runTool('openssl', [
      'ts',
      '-verify',
      '-in',
      path.join(dir, 'token.der'),
      '-token_in',
      '-data',
      path.join(dir, 'sigvalue.bin'),
      '-CAfile',
      chain,
    ]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /Verification: OK/);

    // A valid outcome needs the signer's revocation status too: asked from the responder.
    const report = await verifyPdf(bytes, {
      trustAnchors: [new X509Certificate(pki.root.certDer)],
      revocation: { online: true, timeoutMs: 10_000 },
    });
    assert.equal(report.verdict, 'valid', JSON.stringify(report.signatures));
    const [s] = report.signatures;
    assert.equal(s!.level, 'PAdES-B-T');
    assert.equal(s!.timestamp?.valid, true);
    assert.equal(s!.timestamp?.tsa, 'Sohoa Test TSA');
    assert.ok(Math.abs(new Date(s!.timestamp.time).getTime() - Date.now()) < 60_000);
    assert.equal(s!.indication, 'TOTAL_PASSED');
    assert.equal(s!.timestamp?.trusted, true, 'the TSA chains to the anchor with timeStamping');
    assert.equal(s!.validationTime, s!.timestamp?.time, 'checked at the proven time');
    assert.equal(s!.revocation, 'good');
    assert.equal(s!.revocationEvidence?.source, 'online');
  });

  test('an unreachable TSA is TSA_FAILED and nothing is signed', async () => {
    await assert.rejects(
      signPdf(await samplePdf(), { ...options, tsaUrl: 'http://127.0.0.1:9/tsa' }),
      (e: unknown) =>
        e instanceof SohoaError && e.code === 'TSA_FAILED' && e.info.subject === '127.0.0.1:9',
    );
  });

  test('a token larger than the TSA gave before: the CMS is built again in a slot that fits', async () => {
    await signPdf(await samplePdf(), options); // the desk learns this TSA's token size
    // The TSA now sends more certificates with each token, so the reckoned slot is too small.
    const conf = path.join(dir, 'tsa', 'tsa.cnf');
    const bundle = path.join(dir, 'tsa', 'bundle.pem');
    const extra = Array.from({ length: 4 }, (_, i) => pki.issue({ cn: `Thêm ${i}` }).certPath);
    const pems = await Promise.all(
      [pki.intermediate.certPath, pki.root.certPath, ...extra].map((f) => fs.readFile(f, 'utf8')),
    );
    await fs.writeFile(bundle, pems.join(''));
    const original = await fs.readFile(conf, 'utf8');
    await fs.writeFile(conf, original.replace(/^certs = .*$/m, `certs = ${bundle}`));
    try {
      const before = tsa.served();
      const { bytes } = await signPdf(await samplePdf(), options);
      assert.equal(tsa.served() - before, 2, 'stamped twice: the first CMS did not fit its slot');
      const file = path.join(dir, 'retried.pdf');
      await fs.writeFile(file, bytes);
      assert.match(runTool('pdfsig', [file]).stdout, /Signature is Valid/);
      const { byteRange, cms } = readSignedParts(bytes);
      const slotBytes = (byteRange[2] - byteRange[1] - 2) / 2;
      assert.ok(
        slotBytes >= cms.length && slotBytes - cms.length <= 512,
        `${slotBytes} for ${cms.length}`,
      );
    } finally {
      await fs.writeFile(conf, original);
    }
  });
});
