import assert from 'node:assert/strict';
import { X509Certificate, createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import forge from 'node-forge';
import { SohoaError } from '../../shared/errors';
import { formatVietnamTime } from '../../shared/time';
import { OID, buildCadesDetached, compareDer } from '../../electron/core/sign/cms';
import { DEMO_COMMON_NAME, DEMO_JSON_NAME, ensureDemoKey } from '../../electron/core/sign/demoKey';
import { formatPdfDate } from '../../electron/core/sign/pdfDate';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import type { KeySource } from '../../electron/core/sign/types';
import { runTool } from '../helpers/sign-tools';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

const der = (node: Node) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const kids = (node: Node | undefined): Node[] => {
  assert.ok(node && Array.isArray(node.value), 'expected a constructed ASN.1 value');
  return node.value;
};
const oidOf = (node: Node | undefined) => asn1.derToOid((node?.value as string) ?? '');
const bytesOf = (node: Node | undefined) => Buffer.from((node?.value as string) ?? '', 'binary');

async function expectCode(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof SohoaError, `expected a SohoaError, got ${String(e)}`);
    assert.equal(e.code, code);
    return true;
  });
}

describe('formatVietnamTime', () => {
  test('uses +07:00 and whole seconds', () => {
    assert.equal(
      formatVietnamTime(new Date('2026-11-22T02:15:03.999Z')),
      '2026-11-22T09:15:03+07:00',
    );
  });
  test('moves to the next Vietnamese day across the UTC date boundary', () => {
    assert.equal(formatVietnamTime(new Date('2026-11-21T20:15:03Z')), '2026-11-22T03:15:03+07:00');
    assert.equal(formatVietnamTime(new Date('2026-12-31T17:00:00Z')), '2027-01-01T00:00:00+07:00');
  });
  test('the PDF date is the same instant', () => {
    assert.equal(formatPdfDate(new Date('2026-11-21T20:15:03Z')), "D:20261122031503+07'00'");
  });
});

describe('demo key', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sign-key-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('is created once and reused', async () => {
    const first = await ensureDemoKey(dir);
    const firstCert = (
      await (await openPkcs12(first.p12Path, first.password)).certificateChain()
    )[0];
    const second = await ensureDemoKey(dir);
    const secondCert = (
      await (await openPkcs12(second.p12Path, second.password)).certificateChain()
    )[0];
    assert.equal(second.password, first.password);
    assert.ok(firstCert && secondCert);
    assert.ok(firstCert.equals(secondCert), 'the second call must return the same certificate');
    if (process.platform !== 'win32') {
      const mode = (await fs.stat(path.join(dir, DEMO_JSON_NAME))).mode & 0o777;
      assert.equal(mode, 0o600);
    }
  });

  test('concurrent first calls end with one usable pair', async () => {
    const fresh = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sign-race-'));
    try {
      const results = await Promise.all([1, 2, 3, 4].map(() => ensureDemoKey(fresh)));
      assert.equal(new Set(results.map((r) => r.password)).size, 1);
      const key = await openPkcs12(results[0]!.p12Path, results[0]!.password);
      assert.equal((await key.certificateChain()).length, 1);
      const leftovers = (await fs.readdir(fresh)).filter((name) => name.endsWith('.tmp'));
      assert.deepEqual(leftovers, []);
    } finally {
      await fs.rm(fresh, { recursive: true, force: true });
    }
  });

  test('has the demo certificate profile', async () => {
    const { p12Path, password } = await ensureDemoKey(dir);
    const [leaf] = await (await openPkcs12(p12Path, password)).certificateChain();
    assert.ok(leaf);
    const x509 = new X509Certificate(leaf);
    assert.ok(x509.subject.includes(`CN=${DEMO_COMMON_NAME}`), x509.subject);
    assert.ok(x509.subject.includes('C=VN'));
    assert.equal(x509.ca, false);
    assert.equal(x509.serialNumber.length, 32, 'a 16-byte serial');
    assert.equal(x509.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(new Date(x509.validFrom) < new Date());
    assert.ok(new Date(x509.validTo).getUTCFullYear() >= new Date().getUTCFullYear() + 9);
    const cert = forge.pki.certificateFromAsn1(asn1.fromDer(leaf.toString('binary')));
    const keyUsage = cert.getExtension('keyUsage') as {
      critical?: boolean;
      digitalSignature?: boolean;
      nonRepudiation?: boolean;
      keyCertSign?: boolean;
    };
    assert.equal(keyUsage.critical, true);
    assert.equal(keyUsage.digitalSignature, true);
    assert.equal(keyUsage.nonRepudiation, true);
    assert.equal(keyUsage.keyCertSign, false);
    // The CN must be a UTF8String so Vietnamese survives in every verifier.
    const cnAttribute = cert.subject.getField('CN') as { valueTagClass: number; value: string };
    assert.equal(cnAttribute.valueTagClass, asn1.Type.UTF8);
  });

  test('a wrong password or a missing file is KEY_UNAVAILABLE', async () => {
    const { p12Path } = await ensureDemoKey(dir);
    await expectCode(openPkcs12(p12Path, 'not the password'), 'KEY_UNAVAILABLE');
    await expectCode(openPkcs12(path.join(dir, 'missing.p12'), 'x'), 'KEY_UNAVAILABLE');
    const junk = path.join(dir, 'junk.p12');
    await fs.writeFile(junk, 'not a PKCS#12 file');
    await expectCode(openPkcs12(junk, 'x'), 'KEY_UNAVAILABLE');
  });
});

describe('CAdES detached CMS', () => {
  let dir: string;
  let keySource: KeySource;
  let leaf: Buffer;
  let content: Buffer;
  let cms: Buffer;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sign-cms-'));
    const { p12Path, password } = await ensureDemoKey(dir);
    keySource = await openPkcs12(p12Path, password);
    [leaf] = (await keySource.certificateChain()) as [Buffer];
    content = randomBytes(5000);
    cms = await buildCadesDetached({
      documentDigest: createHash('sha256').update(content).digest(),
      certificates: await keySource.certificateChain(),
      sign: (data) => keySource.sign(data, 'sha256'),
    });
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  function signerInfo(): Node {
    const contentInfo = asn1.fromDer(cms.toString('binary'));
    assert.equal(oidOf(kids(contentInfo)[0]), OID.signedData);
    const signedData = kids(kids(kids(contentInfo)[1])[0]);
    assert.equal(bytesOf(signedData[0]).readUInt8(0), 1, 'SignedData version 1');
    // encapContentInfo: id-data and no content (detached)
    assert.deepEqual(kids(signedData[2]).map(oidOf), [OID.data]);
    const infos = kids(signedData[4]);
    assert.equal(infos.length, 1);
    return infos[0]!;
  }

  function signedAttributes(): Node[] {
    const attrs = kids(signerInfo())[3];
    assert.equal(attrs?.tagClass, asn1.Class.CONTEXT_SPECIFIC);
    return kids(attrs);
  }

  test('has exactly content-type, message-digest and signing-certificate-v2, DER-sorted', () => {
    const attributes = signedAttributes();
    const types = attributes.map((a) => oidOf(kids(a)[0]));
    assert.deepEqual(
      [...types].sort(),
      [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort(),
    );
    assert.ok(!types.includes(OID.signingTime), 'PAdES forbids signing-time in the CMS');
    const encodings = attributes.map(der);
    const sorted = [...encodings].sort(compareDer);
    assert.deepEqual(encodings, sorted);
  });

  test('message-digest is the content digest; content-type is id-data', () => {
    const byType = new Map(signedAttributes().map((a) => [oidOf(kids(a)[0]), kids(kids(a)[1])[0]]));
    assert.ok(
      bytesOf(byType.get(OID.messageDigest)).equals(createHash('sha256').update(content).digest()),
    );
    assert.equal(oidOf(byType.get(OID.contentType)), OID.data);
  });

  test('ESSCertIDv2 holds the SHA-256 of the signer certificate and its issuer/serial', () => {
    const attribute = signedAttributes().find(
      (a) => oidOf(kids(a)[0]) === OID.signingCertificateV2,
    );
    const signingCertificate = kids(kids(attribute)[1])[0];
    const essCertId = kids(kids(signingCertificate)[0])[0];
    const [certHash, issuerSerial] = kids(essCertId);
    assert.equal(certHash?.type, asn1.Type.OCTETSTRING, 'hashAlgorithm omitted (SHA-256 default)');
    assert.ok(bytesOf(certHash).equals(createHash('sha256').update(leaf).digest()));
    const serial = kids(issuerSerial)[1];
    assert.equal(
      bytesOf(serial).toString('hex').toUpperCase(),
      new X509Certificate(leaf).serialNumber.toUpperCase(),
    );
  });

  test('the signature verifies over the DER SET of the signed attributes', () => {
    const attrs = kids(signerInfo())[3]!;
    const asSet = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, kids(attrs));
    const signature = bytesOf(kids(signerInfo())[5]);
    const publicKey = createPublicKey(
      new X509Certificate(leaf).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    assert.ok(verify('sha256', der(asSet), publicKey, signature));
  });

  test('openssl parses it and verifies it against the content', async () => {
    const sig = path.join(dir, 'sig.der');
    const data = path.join(dir, 'data.bin');
    await fs.writeFile(sig, cms);
    await fs.writeFile(data, content);
    const printed = runTool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sig]);
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /signingCertificateV2|id-smime-aa-signingCertificateV2/);
    assert.doesNotMatch(printed.stdout, /signingTime/);
    const verified = runTool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      sig,
      '-content',
      data,
      '-noverify',
      '-out',
      os.devNull,
    ]);
    assert.equal(verified.status, 0, verified.stderr);
    await fs.writeFile(data, Buffer.concat([content, Buffer.from('x')]));
    const tampered = runTool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      sig,
      '-content',
      data,
      '-noverify',
      '-out',
      os.devNull,
    ]);
    assert.notEqual(tampered.status, 0, 'changed content must not verify');
  });
});
