// Revocation and certification paths with real servers on loopback: an `openssl ocsp` responder
// answering from the CA's database, a static CRL server, and a test PKI made by openssl. Good,
// revoked before and after signing (with and without a timestamp proving when), expired,
// answered by a responder the CA never authorised, no answer at all, untrusted; and paths that
// break RFC 5280 (an end entity acting as a CA, a path longer than pathLen allows, a key meant
// for time-stamping, an unknown critical extension).
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { verifyPdf, type VerifyOptions } from '../../electron/core/sign/verify/verifyPdf';
import { startOcsp, type OcspResponder } from '../helpers/ocsp';
import { createPki, openssl, P12_PASSWORD, type Issued, type Pki } from '../helpers/pki';
import { samplePdf } from '../helpers/sign-tools';
import { startTsa, type Tsa } from '../helpers/tsa';

const stamp = (ms: number) =>
  `${new Date(Date.now() + ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
const DAY = 86_400_000;

/** A static file server for the CA's CRL (re-read on every request). */
async function crlServer(file: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ca.crl`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A PKCS#12 for a certificate made outside the CA database (odd paths), with its chain. */
function p12Of(dir: string, name: string, cert: string, key: string, chain: string[]): string {
  const chainFile = path.join(dir, `${name}.chain.pem`);
  fs.writeFileSync(chainFile, chain.map((c) => fs.readFileSync(c, 'utf8')).join(''));
  const out = path.join(dir, `${name}.p12`);
  openssl([
    'pkcs12',
    '-export',
    '-inkey',
    key,
    '-in',
    cert,
    '-certfile',
    chainFile,
    '-out',
    out,
    '-passout',
    `pass:${P12_PASSWORD}`,
  ]);
  return out;
}

/** A certificate issued by `issuer` (cert + key files) with the given extensions. */
function issueBy(dir: string, name: string, issuer: { cert: string; key: string }, ext: string[]) {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  openssl(['req', '-new', '-key', key, '-out', `${cert}.csr`, '-subj', `/C=VN/CN=${name}`]);
  fs.writeFileSync(`${cert}.cnf`, ['[x]', ...ext, ''].join('\n'));
  openssl([
    'x509',
    '-req',
    '-in',
    `${cert}.csr`,
    '-CA',
    issuer.cert,
    '-CAkey',
    issuer.key,
    '-set_serial',
    String(Date.now() % 1e9),
    '-days',
    '30',
    '-extfile',
    `${cert}.cnf`,
    '-extensions',
    'x',
    '-out',
    cert,
  ]);
  return { cert, key };
}

describe('revocation and path validation against real servers', () => {
  let dir: string;
  let pki: Pki;
  let ocsp: OcspResponder;
  let rogue: OcspResponder;
  let tsa: Tsa;
  let crl: { url: string; close(): Promise<void> };
  let crlFile: string;
  let anchors: X509Certificate[];
  const online = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({
    trustAnchors: anchors,
    revocation: { online: true, timeoutMs: 10_000 },
    ...extra,
  });
  const signAs = async (leaf: Issued | string, extra: Record<string, unknown> = {}) => {
    const p12 = typeof leaf === 'string' ? leaf : leaf.p12Path!;
    const { bytes } = await signPdf(await samplePdf(), {
      keySource: await openPkcs12(p12, P12_PASSWORD),
      signingTime: new Date(),
      appearance: { kind: 'agency', agencyName: 'UBND phường Thử', demo: false },
      ...extra,
    });
    return bytes;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-revocation-'));
    pki = createPki(path.join(dir, 'pki'));
    anchors = [new X509Certificate(pki.root.certDer)];
    ocsp = await startOcsp(pki, path.join(dir, 'ocsp'));
    // A responder with an OCSPSigning certificate from another CA: never authorised here.
    const other = createPki(path.join(dir, 'other'), 'Other');
    rogue = await startOcsp(
      pki,
      path.join(dir, 'rogue'),
      other.issue({
        cn: 'Rogue OCSP',
        keyUsage: 'digitalSignature',
        extendedKeyUsage: 'OCSPSigning',
      }),
    );
    tsa = await startTsa(pki, path.join(dir, 'tsa'));
    crlFile = path.join(dir, 'ca.crl');
    pki.crl(crlFile);
    crl = await crlServer(crlFile);
  });
  after(async () => {
    await Promise.all([ocsp.close(), rogue.close(), tsa.close(), crl.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('good: TOTAL_PASSED from the responder, then from the cache without asking again', async () => {
    const bytes = await signAs(pki.issue({ cn: 'Tốt Lành', ocspUrl: ocsp.url }));
    const cacheDir = path.join(dir, 'cache');
    const first = await verifyPdf(
      bytes,
      online({ revocation: { online: true, cacheDir, timeoutMs: 10_000 } }),
    );
    assert.equal(first.indication, 'TOTAL_PASSED', JSON.stringify(first.signatures[0]));
    assert.equal(first.signatures[0]!.revocationEvidence?.source, 'online');
    const served = ocsp.served();
    const again = await verifyPdf(
      bytes,
      online({ revocation: { online: true, cacheDir, timeoutMs: 10_000 } }),
    );
    assert.equal(again.indication, 'TOTAL_PASSED');
    assert.equal(again.signatures[0]!.revocationEvidence?.source, 'cache');
    assert.equal(ocsp.served(), served, 'answered from the disk cache');
  });

  test('revoked after signing: REVOKED_NO_POE without a timestamp, passed with one', async () => {
    const leaf = pki.issue({ cn: 'Thu Hồi Sau', ocspUrl: ocsp.url });
    const plain = await signAs(leaf);
    const stamped = await signAs(leaf, { tsaUrl: tsa.url });
    await new Promise((r) => setTimeout(r, 1100)); // the revocation time is in whole seconds
    pki.revoke(leaf.certPath);
    const unproven = await verifyPdf(plain, online());
    assert.equal(unproven.indication, 'INDETERMINATE');
    assert.equal(unproven.subIndication, 'REVOKED_NO_POE');
    const proven = await verifyPdf(stamped, online());
    assert.equal(proven.indication, 'TOTAL_PASSED', JSON.stringify(proven.signatures[0]));
    assert.ok(proven.signatures[0]!.warnings.includes('revoked-after-signing'));
  });

  test('revoked before signing: TOTAL_FAILED / REVOKED', async () => {
    const leaf = pki.issue({ cn: 'Thu Hồi Trước', ocspUrl: ocsp.url });
    pki.revoke(leaf.certPath);
    await new Promise((r) => setTimeout(r, 1100));
    const report = await verifyPdf(await signAs(leaf), online());
    assert.equal(report.indication, 'TOTAL_FAILED');
    assert.equal(report.subIndication, 'REVOKED');
  });

  test('expired, not revoked, nothing proves when it signed: OUT_OF_BOUNDS_NOT_REVOKED', async () => {
    const leaf = pki.issue({
      cn: 'Hết Hạn',
      ocspUrl: ocsp.url,
      start: stamp(-3 * DAY),
      end: stamp(-DAY),
    });
    const bytes = await signAs(leaf, { signingTime: new Date(Date.now() - 2 * DAY) });
    const report = await verifyPdf(bytes, online());
    assert.equal(report.indication, 'INDETERMINATE');
    assert.equal(
      report.subIndication,
      'OUT_OF_BOUNDS_NOT_REVOKED',
      report.signatures[0]!.details.join('; '),
    );
  });

  test('a responder the CA did not authorise, or none reachable: INDETERMINATE / TRY_LATER', async () => {
    const rogueLeaf = await signAs(pki.issue({ cn: 'Sai Responder', ocspUrl: rogue.url }));
    const report = await verifyPdf(rogueLeaf, online());
    assert.ok(rogue.served() >= 1, 'the rogue responder was asked');
    assert.equal(report.indication, 'INDETERMINATE');
    assert.equal(report.subIndication, 'TRY_LATER');
    assert.ok(
      report.signatures[0]!.details.some((d) => /did not authorise/.test(d)),
      report.signatures[0]!.details.join('; '),
    );
    const down = await verifyPdf(
      await signAs(pki.issue({ cn: 'Không Mạng', ocspUrl: 'http://127.0.0.1:9/ocsp' })),
      online(),
    );
    assert.equal(down.subIndication, 'TRY_LATER');
  });

  test('untrusted chain with a good answer: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const bytes = await signAs(pki.issue({ cn: 'Không Tin Cậy', ocspUrl: ocsp.url }));
    const report = await verifyPdf(bytes, online({ trustAnchors: [] }));
    assert.equal(report.subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');
  });

  test('CRL from the distribution point: good, then revoked', async () => {
    const leaf = pki.issue({ cn: 'Chỉ CRL', noOcsp: true, crlUrl: crl.url });
    const bytes = await signAs(leaf);
    const good = await verifyPdf(bytes, online());
    assert.equal(good.indication, 'TOTAL_PASSED', JSON.stringify(good.signatures[0], null, 1));
    assert.equal(good.signatures[0]!.revocationEvidence?.kind, 'crl');
    await new Promise((r) => setTimeout(r, 1100)); // the revocation time is in whole seconds
    pki.revoke(leaf.certPath);
    pki.crl(crlFile);
    // A CRL is good until its nextUpdate: only a fresh look sees the new one.
    const cached = await verifyPdf(bytes, online());
    assert.equal(cached.indication, 'TOTAL_PASSED');
    const revoked = await verifyPdf(
      bytes,
      online({ revocation: { online: true, fresh: true, timeoutMs: 10_000 } }),
    );
    assert.equal(revoked.subIndication, 'REVOKED_NO_POE');
  });

  test('RFC 5280: end entity as CA, path longer than pathLen, time-stamping key, unknown critical extension', async () => {
    const inter = { cert: pki.intermediate.certPath, key: path.join(pki.dir, 'inter.key') };
    const leafExt = [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      `authorityInfoAccess=OCSP;URI:${ocsp.url}`,
    ];
    const ee = issueBy(dir, 'ee', inter, [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyCertSign',
    ]);
    const underEe = issueBy(dir, 'under-ee', ee, leafExt);
    const sub = issueBy(dir, 'sub-ca', inter, [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const tooDeep = issueBy(dir, 'too-deep', sub, leafExt);
    const stamping = issueBy(dir, 'stamping', inter, [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=critical,timeStamping',
    ]);
    const critical = issueBy(dir, 'critical', inter, [...leafExt, '1.2.3.4.5=critical,DER:0500']);
    const cases: [string, { cert: string; key: string }, string[]][] = [
      ['end entity acting as a CA', underEe, [ee.cert, pki.intermediate.certPath]],
      ['pathLen 0 exceeded', tooDeep, [sub.cert, pki.intermediate.certPath]],
      ['time-stamping key', stamping, [pki.intermediate.certPath]],
      ['unknown critical extension', critical, [pki.intermediate.certPath]],
    ];
    for (const [name, c, chain] of cases) {
      const bytes = await signAs(p12Of(dir, name.replace(/\W+/g, '-'), c.cert, c.key, chain));
      const report = await verifyPdf(bytes, online());
      assert.equal(report.indication, 'INDETERMINATE', name);
      assert.equal(
        report.subIndication,
        'CHAIN_CONSTRAINTS_FAILURE',
        `${name}: ${report.signatures[0]!.details.join('; ')}`,
      );
    }
  });
});
