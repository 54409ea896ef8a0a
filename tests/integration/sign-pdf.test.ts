// Signs a real PDF with the demo key and checks the result only with tools we did not write:
// poppler (pdfsig, pdftotext), qpdf and openssl.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SohoaError } from '../../shared/errors';
import { ensureDemoKey } from '../../electron/core/sign/demoKey';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf, SUB_FILTER } from '../../electron/core/sign/signPdf';
import type { KeySource, SignOptions } from '../../electron/core/sign/types';
import { readSignedParts, runTool, samplePdf } from '../helpers/sign-tools';

const AGENCY = 'Ủy ban nhân dân phường Bến Nghé';

describe('signPdf (PAdES B-B with the demo key)', () => {
  let dir: string;
  let keySource: KeySource;
  let signed: Uint8Array;
  let signedPath: string;
  let options: SignOptions;
  const signingTime = new Date();

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sign-pdf-'));
    const { p12Path, password } = await ensureDemoKey(path.join(dir, 'keys'));
    keySource = await openPkcs12(p12Path, password);
    options = {
      keySource,
      signingTime,
      appearance: { kind: 'agency', agencyName: AGENCY, copyType: 'SAO Y', demo: true },
      reason: 'Sao y bản chính',
      location: 'Thành phố Hồ Chí Minh',
      fileName: 'ho-so.pdf',
    };
    const result = await signPdf(await samplePdf(), options);
    signed = result.bytes;
    signedPath = path.join(dir, 'signed.pdf');
    await fs.writeFile(signedPath, signed);

    assert.equal(result.summary.subFilter, SUB_FILTER);
    assert.equal(result.summary.demo, true);
    assert.match(result.summary.signer, /BẢN THỬ NGHIỆM/);
    assert.match(result.summary.signedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('pdfsig: valid, whole document, CAdES', () => {
    const out = runTool('pdfsig', [signedPath]);
    assert.match(out.stdout, /Signature is Valid/, out.stdout + out.stderr);
    assert.match(out.stdout, /Total document signed/, out.stdout);
    assert.match(out.stdout, /ETSI\.CAdES\.detached/);
    assert.match(out.stdout, /SHA-256/);
  });

  test('openssl cms verifies the CMS over the /ByteRange bytes', async () => {
    const { cms, signedBytes, byteRange } = readSignedParts(signed);
    assert.equal(byteRange[0], 0);
    assert.equal(byteRange[2] + byteRange[3], signed.length, 'the ranges reach the end of file');
    const sig = path.join(dir, 'sig.der');
    const content = path.join(dir, 'signed.bin');
    const certPem = path.join(dir, 'demo-cert.pem');
    await fs.writeFile(sig, cms);
    await fs.writeFile(content, signedBytes);
    const [leaf] = await keySource.certificateChain();
    await fs.writeFile(
      certPem,
      `-----BEGIN CERTIFICATE-----\n${leaf!.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`,
    );
    const base = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', content];
    const noVerify = runTool('openssl', [...base, '-noverify', '-out', os.devNull]);
    assert.equal(noVerify.status, 0, noVerify.stderr);
    // With the demo certificate as the trust anchor the whole path validates too.
    const trusted = runTool('openssl', [
      ...base,
      '-CAfile',
      certPem,
      '-purpose',
      'any',
      '-partial_chain',
      '-out',
      os.devNull,
    ]);
    assert.equal(trusted.status, 0, trusted.stderr);
  });

  test('the /Contents slot is sized from the CMS, not fixed: a few spare bytes, not kilobytes', () => {
    const { byteRange, cms } = readSignedParts(signed);
    const slotBytes = (byteRange[2] - byteRange[1] - 2) / 2;
    assert.ok(slotBytes >= cms.length, 'the CMS fits');
    // The keyless dry run gives an RSA CMS its exact size; only the margin is spare.
    assert.ok(slotBytes - cms.length <= 64, `${slotBytes - cms.length} spare bytes`);
  });

  test('qpdf --check passes', () => {
    const out = runTool('qpdf', ['--check', signedPath]);
    assert.equal(out.status, 0, out.stdout + out.stderr);
  });

  test('pdftotext extracts the mark with its diacritics', () => {
    const out = runTool('pdftotext', ['-enc', 'UTF-8', signedPath, '-']);
    assert.equal(out.status, 0, out.stderr);
    const text = out.stdout.normalize('NFC');
    assert.ok(text.includes('BẢN THỬ NGHIỆM – không có giá trị pháp lý'.normalize('NFC')), text);
    assert.ok(text.includes(AGENCY.normalize('NFC')), text);
    assert.ok(text.includes('SAO Y'), text);
    assert.ok(text.includes('Thời gian ký: '), text);
    assert.ok(text.includes('+07:00'), text);
  });

  test('the signature dictionary carries /M in Vietnam time and no signing-time in the CMS', async () => {
    const text = Buffer.from(signed).toString('latin1');
    assert.match(text, /\/M \(D:\d{14}\+07'00'\)/);
    assert.match(text, /\/SigFlags 3/);
    const sig = path.join(dir, 'sig-print.der');
    await fs.writeFile(sig, readSignedParts(signed).cms);
    const printed = runTool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sig]);
    assert.equal(printed.status, 0, printed.stderr);
    assert.doesNotMatch(printed.stdout, /signingTime/);
  });

  test('one flipped byte inside the signed range makes pdfsig report it invalid', async () => {
    const tampered = Buffer.from(signed);
    // The binary comment on the header's second line: the file still parses, only the digest changes.
    const at = tampered.indexOf('\n', 0, 'latin1') + 2;
    tampered[at] = tampered[at]! ^ 0x01;
    const tamperedPath = path.join(dir, 'tampered.pdf');
    await fs.writeFile(tamperedPath, tampered);
    const out = runTool('pdfsig', [tamperedPath]);
    assert.doesNotMatch(out.stdout, /Signature is Valid/, out.stdout);
    assert.match(out.stdout, /Digest Mismatch|Signature is Invalid/i, out.stdout + out.stderr);
  });

  test('bad input is SIGN_FAILED, an out-of-validity time CERT_NOT_YET_VALID / CERT_EXPIRED', async () => {
    const failsWith = (input: Promise<unknown>, code: string, subject: RegExp) =>
      assert.rejects(input, (e: unknown) => {
        assert.ok(e instanceof SohoaError);
        assert.equal(e.code, code);
        assert.match(e.info.subject ?? '', subject);
        return true;
      });
    await failsWith(signPdf(Buffer.from('not a pdf'), options), 'SIGN_FAILED', /^ho-so\.pdf$/);
    await failsWith(
      signPdf(await samplePdf(), { ...options, signingTime: new Date('2001-01-01') }),
      'CERT_NOT_YET_VALID',
      /BẢN THỬ NGHIỆM/,
    );
    await failsWith(
      signPdf(await samplePdf(), { ...options, signingTime: new Date('2099-01-01') }),
      'CERT_EXPIRED',
      /BẢN THỬ NGHIỆM/,
    );
  });
});
