// PAdES B-LT: OCSP responses from a real responder (openssl ocsp on loopback) stored with the
// chain in a /DSS by a further incremental update. pdfsig still validates the signature; our
// validator reports B-LT; a revoked certificate is refused.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SohoaError } from '../../shared/errors';
import { readOcspResponse } from '../../electron/core/sign/ltv';
import { PdfDocument } from '../../electron/core/sign/pdf/document';
import { PdfStream } from '../../electron/core/sign/pdf/values';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { SignOptions } from '../../electron/core/sign/types';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';
import { startOcsp, type OcspResponder } from '../helpers/ocsp';
import { createPki, P12_PASSWORD, type Pki } from '../helpers/pki';
import { opensslVerifyCms, runTool, samplePdf } from '../helpers/sign-tools';
import { startTsa, type Tsa } from '../helpers/tsa';

describe('PAdES B-LT with a loopback OCSP responder', () => {
  let dir: string;
  let pki: Pki;
  let ocsp: OcspResponder;
  let tsa: Tsa;
  let base: Omit<SignOptions, 'keySource'>;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-ltv-'));
    pki = createPki(path.join(dir, 'pki'));
    ocsp = await startOcsp(pki, path.join(dir, 'ocsp'));
    tsa = await startTsa(pki, path.join(dir, 'tsa'), ocsp.url);
    base = {
      signingTime: new Date(),
      appearance: { kind: 'agency', agencyName: 'Sở Tư pháp', demo: false },
      tsaUrl: tsa.url,
      addValidationData: true,
    };
  });
  after(async () => {
    await ocsp.close();
    await tsa.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('DSS with the chain and a good OCSP response; pdfsig valid; level B-LT', async () => {
    const leaf = pki.issue({ cn: 'Lý Thị Mai', ocspUrl: ocsp.url });
    const keySource = await openPkcs12(leaf.p12Path!, P12_PASSWORD);
    const { bytes } = await signPdf(await samplePdf(), { ...base, keySource });
    const file = path.join(dir, 'blt.pdf');
    await fs.writeFile(file, bytes);
    const sig = runTool('pdfsig', [file]);
    assert.match(sig.stdout, /Signature is Valid/, sig.stdout);
    const cmsCheck = opensslVerifyCms(bytes, pki.root.certPath, dir);
    assert.equal(cmsCheck.status, 0, cmsCheck.stderr);
    const qpdf = runTool('qpdf', ['--check', file]);
    assert.equal(qpdf.status, 0, qpdf.stdout);
    // The DSS is in the last revision; its OCSP stream is a good response for the signer.
    const text = Buffer.from(bytes).toString('latin1');
    assert.match(text, /\/DSS \d+ 0 R/);
    const report = await verifyPdf(bytes, {
      trustAnchors: [new X509Certificate(pki.root.certDer)],
    });
    assert.equal(report.verdict, 'valid', JSON.stringify(report.signatures));
    assert.equal(report.signatures[0]!.level, 'PAdES-B-LT');
    assert.equal(report.signatures[0]!.revocation, 'good', 'the stored OCSP answer verifies');
    assert.equal(report.signatures[0]!.changesAfter, 'signatures');
    assert.ok(ocsp.served() >= 1, 'the responder was asked');
    const doc = new PdfDocument(Buffer.from(bytes));
    const dss = doc.dict(doc.catalog?.get('DSS'));
    const ocsps = doc.resolve(dss?.get('OCSPs'));
    const certs = doc.resolve(dss?.get('Certs'));
    assert.ok(Array.isArray(ocsps) && Array.isArray(certs));
    // The signer, its issuing CA and the TSA (the root is the anchor); OCSP for signer and TSA.
    assert.equal(certs.length, 3);
    assert.equal(ocsps.length, 2);
    for (const ref of ocsps) {
      const stream = doc.resolve(ref);
      assert.ok(stream instanceof PdfStream);
      assert.equal(readOcspResponse(stream.raw), 'good');
    }
  });

  test('a certificate revoked with `openssl ca -revoke` is refused (CERT_REVOKED)', async () => {
    const leaf = pki.issue({ cn: 'Bị Thu Hồi', ocspUrl: ocsp.url });
    pki.revoke(leaf.certPath);
    const keySource = await openPkcs12(leaf.p12Path!, P12_PASSWORD);
    await assert.rejects(
      signPdf(await samplePdf(), { ...base, keySource }),
      (e: unknown) => e instanceof SohoaError && e.code === 'CERT_REVOKED',
    );
  });
});
