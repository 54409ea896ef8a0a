// The trust list every verification uses: the shipped Vietnamese roots pinned by fingerprint, a
// swapped file refused, IT's machine file replacing the list, the clerk's additions and
// removals in the data folder, and a verification that reaches a root only through the list.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import {
  addUserRoot,
  fingerprintOf,
  loadTrustList,
  removeRoot,
  restoreRoot,
} from '../../electron/core/sign/trust/trustList';
import { deskVerifyOptions } from '../../electron/core/sign/trust/verifySetup';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';
import { createPki, P12_PASSWORD, type Pki } from '../helpers/pki';
import { samplePdf } from '../helpers/sign-tools';

const SHIPPED = path.resolve(import.meta.dirname, '../../resources/trust');
const NATIONAL = 'bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7';
const GOVERNMENT = 'f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8';

describe('trust list', () => {
  let dir: string;
  let pki: Pki;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-trust-'));
    pki = createPki(path.join(dir, 'pki'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the shipped roots load, pinned, self-signed CAs of the Vietnamese PKIs', () => {
    const list = loadTrustList({ shippedDir: SHIPPED });
    assert.deepEqual(list.problems, []);
    assert.deepEqual(list.entries.map((e) => e.sha256).sort(), [NATIONAL, GOVERNMENT].sort());
    for (const e of list.entries) {
      assert.ok(e.certificate.ca && e.certificate.checkIssued(e.certificate), e.subject);
      assert.ok(e.certificate.verify(e.certificate.publicKey), e.subject);
      assert.equal(e.origin, 'shipped');
    }
    assert.match(
      list.entries.find((e) => e.sha256 === NATIONAL)!.subject,
      /Vietnam National Root CA/,
    );
    assert.match(
      list.entries.find((e) => e.sha256 === GOVERNMENT)!.subject,
      /Ban Cơ yếu Chính phủ/,
    );
  });

  test('a swapped certificate file does not match its pin and is not loaded', () => {
    const copy = path.join(dir, 'shipped-copy');
    fs.cpSync(SHIPPED, copy, { recursive: true });
    fs.copyFileSync(pki.root.certPath, path.join(copy, 'vgca-rootca-g2.pem'));
    const list = loadTrustList({ shippedDir: copy });
    assert.deepEqual(
      list.entries.map((e) => e.sha256),
      [NATIONAL],
    );
    assert.match(list.problems.join(), /not the pinned/);
  });

  test("IT's machine file replaces the list; the clerk adds, removes and restores roots", () => {
    const machineFile = path.join(dir, 'machine.pem');
    fs.writeFileSync(machineFile, pki.root.certPem);
    const dataDir = path.join(dir, 'data');
    const machine = loadTrustList({ shippedDir: SHIPPED, machineFile, dataDir });
    assert.deepEqual(
      machine.entries.map((e) => e.origin),
      ['machine'],
    );
    const added = addUserRoot(
      dataDir,
      fs.readFileSync(path.join(SHIPPED, 'vgca-rootca-g2.pem')),
      'Ban Cơ yếu',
    );
    assert.equal(added.sha256, GOVERNMENT);
    const shipped = { shippedDir: SHIPPED, dataDir };
    removeRoot(dataDir, NATIONAL);
    const after = loadTrustList(shipped);
    assert.deepEqual(
      after.entries.map((e) => e.sha256),
      [GOVERNMENT],
    );
    assert.deepEqual(
      after.hidden.map((e) => e.sha256),
      [NATIONAL],
    );
    restoreRoot(dataDir, NATIONAL);
    assert.equal(
      loadTrustList(shipped).entries.length,
      2,
      'the user copy of a shipped root is not listed twice',
    );
    removeRoot(dataDir, GOVERNMENT);
    assert.deepEqual(
      loadTrustList(shipped).entries.map((e) => e.sha256),
      [NATIONAL],
    );
  });

  test('verification reaches a root only through the list', async () => {
    const { bytes } = await signPdf(await samplePdf(), {
      keySource: await openPkcs12(pki.issue({ cn: 'Trần Văn Tin' }).p12Path!, P12_PASSWORD),
      signingTime: new Date(),
      appearance: { kind: 'agency', agencyName: 'UBND', demo: false },
    });
    const shippedOnly = await verifyPdf(
      bytes,
      deskVerifyOptions({ shippedDir: SHIPPED, online: false }),
    );
    assert.equal(shippedOnly.subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');
    const machineFile = path.join(dir, 'it.pem');
    fs.writeFileSync(machineFile, pki.root.certPem);
    const viaIt = await verifyPdf(
      bytes,
      deskVerifyOptions({ shippedDir: SHIPPED, machineFile, online: false }),
    );
    const sig = viaIt.signatures[0]!;
    assert.equal(sig.trusted, true);
    assert.equal(sig.trustAnchor?.sha256, fingerprintOf(new X509Certificate(pki.root.certDer)));
    // Trusted, but offline with no revocation data in the file: still not passed.
    assert.equal(viaIt.subIndication, 'TRY_LATER');
  });
});
