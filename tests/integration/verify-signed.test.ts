// Our own signatures through our validator and poppler's, with ETSI outcomes: a trusted chain
// whose status a real OCSP responder confirms passes; no trusted root, or no reachable responder,
// is INDETERMINATE (never valid); a flipped byte fails; a second signature by incremental update
// leaves the first passed; a note added afterwards passes with a note, a new page fails; and
// `sohoa verify` reports the indication in JSON and as its exit code (0 / 1 / 3).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PDFName, PDFString } from 'pdf-lib';
import { loadForUpdate, writeIncrement } from '../../electron/core/sign/incremental';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { SignOptions } from '../../electron/core/sign/types';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';
import { startOcsp, type OcspResponder } from '../helpers/ocsp';
import { createPki, P12_PASSWORD, type Pki } from '../helpers/pki';
import { opensslVerifyCms, runSohoa, runTool, samplePdf } from '../helpers/sign-tools';

describe('verifyPdf on signatures we make', () => {
  let dir: string;
  let pki: Pki;
  let clerk: SignOptions;
  let head: SignOptions;
  let once: Uint8Array;
  let twice: Uint8Array;
  let anchors: X509Certificate[];
  let ocsp: OcspResponder;
  // Loaded CI machines answer slowly: a generous timeout keeps the outcome about revocation.
  const online = { revocation: { online: true, timeoutMs: 10_000 } } as const;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-verify-'));
    pki = createPki(path.join(dir, 'pki'));
    anchors = [new X509Certificate(pki.root.certDer)];
    ocsp = await startOcsp(pki, path.join(dir, 'ocsp'));
    const base = { signingTime: new Date(), fileName: 'ho-so.pdf' };
    clerk = {
      ...base,
      keySource: await openPkcs12(
        pki.issue({ cn: 'Phạm Thị Lan', ocspUrl: ocsp.url }).p12Path!,
        P12_PASSWORD,
      ),
      appearance: { kind: 'agency', agencyName: 'UBND xã Tân Phú', copyType: 'SAO Y', demo: false },
    };
    head = {
      ...base,
      keySource: await openPkcs12(
        pki.issue({ cn: 'Võ Minh Đức', key: 'ec', ocspUrl: ocsp.url }).p12Path!,
        P12_PASSWORD,
      ),
      appearance: { kind: 'agency', agencyName: 'UBND xã Tân Phú', demo: false },
      reason: 'Phê duyệt',
    };
    const original = await samplePdf();
    once = (await signPdf(original, clerk)).bytes;
    twice = (await signPdf(once, head)).bytes;
  });
  after(async () => {
    await ocsp.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('trusted root and a good OCSP answer: TOTAL_PASSED; no root or no answer: INDETERMINATE', async () => {
    const trusted = await verifyPdf(once, { trustAnchors: anchors, ...online });
    assert.equal(trusted.indication, 'TOTAL_PASSED', JSON.stringify(trusted, null, 1));
    assert.equal(trusted.verdict, 'valid');
    const [sig] = trusted.signatures;
    assert.equal(sig!.level, 'PAdES-B-B');
    assert.equal(sig!.signer, 'Phạm Thị Lan');
    assert.deepEqual(sig!.chain, ['Phạm Thị Lan', 'Sohoa Test Issuing CA', 'Sohoa Test Root CA']);
    assert.ok(sig!.intact && sig!.cryptoValid && sig!.coversWholeFile);
    assert.equal(sig!.revocation, 'good');
    assert.equal(sig!.trustAnchor?.subject, 'Sohoa Test Root CA');
    // An untrusted chain is no longer "valid with warnings".
    const untrusted = await verifyPdf(once, online);
    assert.equal(untrusted.indication, 'INDETERMINATE');
    assert.equal(untrusted.subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');
    assert.deepEqual(untrusted.signatures[0]!.errors, ['chain-untrusted']);
    // Offline, with no revocation data in the file: never passed.
    const offline = await verifyPdf(once, { trustAnchors: anchors });
    assert.equal(offline.indication, 'INDETERMINATE');
    assert.equal(offline.subIndication, 'TRY_LATER');
  });

  test('the agency mark goes where configured', async () => {
    const { bytes } = await signPdf(await samplePdf(), {
      ...clerk,
      appearance: {
        ...clerk.appearance,
        kind: 'agency',
        agencyName: 'UBND',
        demo: false,
        position: { x: 72, y: 300 },
      },
    });
    const rect = /\/Rect \[ ?([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ?\]/.exec(
      Buffer.from(bytes).toString('latin1'),
    );
    assert.ok(rect, 'widget rectangle present');
    assert.equal(Number(rect[1]), 72);
    assert.equal(Number(rect[4]), 300);
  });

  test('one flipped byte inside the signed range: TOTAL_FAILED / HASH_FAILURE', async () => {
    const tampered = Buffer.from(once);
    const at = tampered.indexOf('Sample dossier', 0, 'latin1');
    const target = at > 0 ? at : 200;
    tampered[target] = tampered[target]! ^ 0x20;
    const report = await verifyPdf(tampered, { trustAnchors: anchors });
    assert.equal(report.verdict, 'invalid');
    assert.equal(report.indication, 'TOTAL_FAILED');
    assert.equal(report.subIndication, 'HASH_FAILURE');
  });

  test('second signature by incremental update: both valid (ours and pdfsig), original bytes kept', async () => {
    assert.ok(Buffer.from(twice).subarray(0, once.length).equals(Buffer.from(once)));
    const report = await verifyPdf(twice, { trustAnchors: anchors, ...online });
    assert.equal(report.verdict, 'valid', JSON.stringify(report.signatures, null, 1));
    assert.equal(report.signatures.length, 2);
    assert.equal(report.signatures[0]!.changesAfter, 'signatures');
    assert.equal(report.signatures[1]!.changesAfter, 'none');
    const file = path.join(dir, 'twice.pdf');
    await fs.writeFile(file, twice);
    const out = runTool('pdfsig', [file]).stdout;
    assert.equal(out.match(/Signature is Valid/g)?.length, 2, out);
    for (const which of ['first', 'last'] as const) {
      const check = opensslVerifyCms(twice, pki.root.certPath, dir, which);
      assert.equal(check.status, 0, `${which}: ${check.stderr}`);
    }
    assert.match(out, /Võ Minh Đức|Vo Minh/);
    const qpdf = runTool('qpdf', ['--check', file]);
    assert.equal(qpdf.status, 0, qpdf.stdout + qpdf.stderr);
  });

  test('a note added afterwards passes with a note; a page added or content replaced fails', async () => {
    const annotated = await (async () => {
      const { doc, snapshot } = await loadForUpdate(once);
      const page = doc.getPage(0);
      const annot = doc.context.register(
        doc.context.obj({
          Type: 'Annot',
          Subtype: 'Text',
          Rect: [100, 100, 120, 120],
          Contents: PDFString.of('Da kiem tra'),
        }),
      );
      // As a viewer does it: only /Annots changes (pdf-lib's addAnnot would also wrap the
      // content streams in q/Q, which is a content change and rightly reported as one).
      const annots = page.node.Annots();
      if (annots) annots.push(annot);
      else page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
      return writeIncrement(Buffer.from(once), doc, snapshot);
    })();
    const a = await verifyPdf(annotated, { trustAnchors: anchors, ...online });
    assert.equal(a.verdict, 'valid-with-warnings', JSON.stringify(a.signatures[0]!.changeDetails));
    assert.equal(a.indication, 'TOTAL_PASSED');
    assert.deepEqual(a.signatures[0]!.warnings, ['annotations-after-signing']);
    assert.equal(a.signatures[0]!.changesAfter, 'forms-annotations');

    const paged = await (async () => {
      const { doc, snapshot } = await loadForUpdate(once);
      doc.addPage();
      return writeIncrement(Buffer.from(once), doc, snapshot);
    })();
    const p = await verifyPdf(paged, { trustAnchors: anchors });
    assert.equal(p.verdict, 'invalid');
    assert.equal(p.subIndication, 'FORMAT_FAILURE');
    assert.equal(p.signatures[0]!.changesAfter, 'other');

    const relabeled = await (async () => {
      const { doc, snapshot } = await loadForUpdate(once);
      doc.getPage(0).node.set(PDFName.of('Rotate'), doc.context.obj(90));
      return writeIncrement(Buffer.from(once), doc, snapshot);
    })();
    assert.equal((await verifyPdf(relabeled)).signatures[0]!.changesAfter, 'other');
  });

  test('sohoa verify: indication in --json, exit 0 passed, 1 indeterminate, 3 failed', async () => {
    const file = path.join(dir, 'twice-cli.pdf');
    await fs.writeFile(file, twice);
    const trustDir = path.join(dir, 'trust');
    const dataDir = path.join(dir, 'data');
    await fs.mkdir(trustDir, { recursive: true });
    await fs.mkdir(dataDir, { recursive: true });
    await fs.copyFile(pki.root.certPath, path.join(trustDir, 'root.pem'));
    const base = ['--trust', trustDir, '--data-dir', dataDir];
    const json = await runSohoa(['verify', file, '--json', ...base]);
    assert.equal(json.status, 0, json.stdout + json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      indication: string;
      verdict: string;
      signatures: { indication: string }[];
    };
    assert.equal(parsed.indication, 'TOTAL_PASSED');
    assert.deepEqual(
      parsed.signatures.map((s) => s.indication),
      ['TOTAL_PASSED', 'TOTAL_PASSED'],
    );
    const offline = await runSohoa(['verify', file, '--offline', '--lang', 'en', ...base]);
    assert.equal(offline.status, 1, 'no revocation answer offline: indeterminate exits 1');
    assert.match(offline.stdout, /INDETERMINATE — TRY_LATER/);
    const untrusted = await runSohoa(['verify', file, '--data-dir', dataDir]);
    assert.equal(untrusted.status, 1);
    assert.match(untrusted.stdout, /CHƯA XÁC ĐỊNH ĐƯỢC — NO_CERTIFICATE_CHAIN_FOUND/);
    assert.match(untrusted.stdout, /Võ Minh Đức/);
    const tampered = Buffer.from(twice);
    tampered[300] = tampered[300]! ^ 0x01;
    const bad = path.join(dir, 'tampered.pdf');
    await fs.writeFile(bad, tampered);
    const failed = await runSohoa(['verify', bad, ...base]);
    assert.equal(failed.status, 3, failed.stdout);
    assert.equal((await runSohoa(['verify'])).status, 2, 'no file: a usage error');
  });
});
