// Our own signatures through our validator and poppler's: trusted and untrusted chains, a
// flipped byte, a second signature by incremental update (the first stays valid), and changes
// after signing classified the way the clerk needs (annotation: warning; new page: invalid).
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

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-verify-'));
    pki = createPki(path.join(dir, 'pki'));
    anchors = [new X509Certificate(pki.root.certDer)];
    const base = { signingTime: new Date(), fileName: 'ho-so.pdf' };
    clerk = {
      ...base,
      keySource: await openPkcs12(pki.issue({ cn: 'Phạm Thị Lan' }).p12Path!, P12_PASSWORD),
      appearance: { kind: 'agency', agencyName: 'UBND xã Tân Phú', copyType: 'SAO Y', demo: false },
    };
    head = {
      ...base,
      keySource: await openPkcs12(
        pki.issue({ cn: 'Võ Minh Đức', key: 'ec' }).p12Path!,
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
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('trusted anchor: valid; no anchors: valid with an untrusted-chain warning', () => {
    const trusted = verifyPdf(once, { trustAnchors: anchors });
    assert.equal(trusted.verdict, 'valid', JSON.stringify(trusted, null, 1));
    const [sig] = trusted.signatures;
    assert.equal(sig!.level, 'PAdES-B-B');
    assert.equal(sig!.signer, 'Phạm Thị Lan');
    assert.deepEqual(sig!.chain, ['Phạm Thị Lan', 'Sohoa Test Issuing CA', 'Sohoa Test Root CA']);
    assert.ok(sig!.intact && sig!.cryptoValid && sig!.coversWholeFile);
    const untrusted = verifyPdf(once);
    assert.equal(untrusted.verdict, 'valid-with-warnings');
    assert.deepEqual(untrusted.signatures[0]!.warnings, ['chain-untrusted']);
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

  test('one flipped byte inside the signed range makes it invalid', () => {
    const tampered = Buffer.from(once);
    const at = tampered.indexOf('Sample dossier', 0, 'latin1');
    const target = at > 0 ? at : 200;
    tampered[target] = tampered[target]! ^ 0x20;
    const report = verifyPdf(tampered, { trustAnchors: anchors });
    assert.equal(report.verdict, 'invalid');
  });

  test('second signature by incremental update: both valid (ours and pdfsig), original bytes kept', async () => {
    assert.ok(Buffer.from(twice).subarray(0, once.length).equals(Buffer.from(once)));
    const report = verifyPdf(twice, { trustAnchors: anchors });
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

  test('an annotation added afterwards is a warning; a page added or content replaced is invalid', async () => {
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
    const a = verifyPdf(annotated, { trustAnchors: anchors });
    assert.equal(a.verdict, 'valid-with-warnings', JSON.stringify(a.signatures[0]!.changeDetails));
    assert.equal(a.signatures[0]!.changesAfter, 'forms-annotations');

    const paged = await (async () => {
      const { doc, snapshot } = await loadForUpdate(once);
      doc.addPage();
      return writeIncrement(Buffer.from(once), doc, snapshot);
    })();
    const p = verifyPdf(paged, { trustAnchors: anchors });
    assert.equal(p.verdict, 'invalid');
    assert.equal(p.signatures[0]!.changesAfter, 'other');

    const relabeled = await (async () => {
      const { doc, snapshot } = await loadForUpdate(once);
      doc.getPage(0).node.set(PDFName.of('Rotate'), doc.context.obj(90));
      return writeIncrement(Buffer.from(once), doc, snapshot);
    })();
    assert.equal(verifyPdf(relabeled).signatures[0]!.changesAfter, 'other');
  });

  test('sohoa verify --json and --lang en on the command line', async () => {
    const file = path.join(dir, 'twice-cli.pdf');
    await fs.writeFile(file, twice);
    const trustDir = path.join(dir, 'trust');
    await fs.mkdir(trustDir, { recursive: true });
    await fs.copyFile(pki.root.certPath, path.join(trustDir, 'root.pem'));
    const json = await runSohoa(['verify', file, '--json', '--trust', trustDir]);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { verdict: string; signatures: unknown[] };
    assert.equal(parsed.verdict, 'valid');
    assert.equal(parsed.signatures.length, 2);
    const text = await runSohoa(['verify', file, '--lang', 'en']);
    assert.equal(text.status, 1, 'valid with warnings exits 1');
    assert.match(text.stdout, /VALID WITH WARNINGS/);
    assert.match(text.stdout, /Võ Minh Đức/);
  });
});
