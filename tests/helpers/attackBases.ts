// The documents the attack generators start from, signed by us (PAdES B-LT: the signer's OCSP
// answer from a real loopback responder sits in the file, so they validate offline). They carry
// what the published shadow attacks plant before signing: a page whose visible amount is an
// overlay (a form XObject painting "1,000,000" over "9,000,000"), and a second page tree with
// its own catalog that nothing references yet. Form documents carry a filled text field.
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import {
  PDFDocument,
  PDFName,
  StandardFonts,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { KeySource, SignOptions } from '../../electron/core/sign/types';
import { startOcsp, type OcspResponder } from './ocsp';
import { createPki, P12_PASSWORD, type Pki } from './pki';

export interface AttackFixture {
  dir: string;
  pki: Pki;
  ocsp: OcspResponder;
  anchors: X509Certificate[];
  clerk: KeySource;
  attacker: KeySource;
  close: () => Promise<void>;
}

export async function attackFixture(dir: string): Promise<AttackFixture> {
  const pki = createPki(path.join(dir, 'pki'), 'Sohoa Attack Test');
  const ocsp = await startOcsp(pki, path.join(dir, 'ocsp'));
  const clerk = await openPkcs12(
    pki.issue({ cn: 'Nguyễn Văn Ký', ocspUrl: ocsp.url }).p12Path!,
    P12_PASSWORD,
  );
  // The attacker's own certificate from the same CA: its signatures are real, its changes not.
  const attacker = await openPkcs12(
    pki.issue({ cn: 'Kẻ Tấn Công', ocspUrl: ocsp.url }).p12Path!,
    P12_PASSWORD,
  );
  return {
    dir,
    pki,
    ocsp,
    anchors: [new X509Certificate(pki.root.certDer)],
    clerk,
    attacker,
    close: () => ocsp.close(),
  };
}

/** One page: "Amount: 9,000,000 VND" covered by an overlay that reads "1,000,000"; a shadow tree. */
export async function shadowedDocument(form = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('QUYET DINH / DECISION', { x: 72, y: 760, size: 16, font });
  page.drawText('Amount: 9,000,000 VND', { x: 72, y: 700, size: 14, font });
  const ctx = doc.context;
  const cover = ctx.register(
    ctx.stream(
      '1 1 1 rg 60 690 320 30 re f 0 0 0 rg BT /F1 14 Tf 72 700 Td (Amount: 1,000,000 VND) Tj ET',
      {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 595, 842],
        Resources: { Font: { F1: font.ref } },
      },
    ),
  );
  page.node.setXObject(PDFName.of('Cover'), cover);
  page.pushOperators(pushGraphicsState(), drawObject('Cover'), popGraphicsState());
  // The shadow: a page tree and a catalog that nothing references before signing.
  const shadowContent = ctx.register(
    ctx.stream(
      'BT /F1 16 Tf 72 760 Td (QUYET DINH / DECISION) Tj ET BT /F1 14 Tf 72 700 Td (Amount: 9,000,000 VND) Tj ET',
    ),
  );
  const shadowPages = ctx.nextRef();
  const shadowPage = ctx.register(
    ctx.obj({
      Type: 'Page',
      Parent: shadowPages,
      MediaBox: [0, 0, 595, 842],
      Contents: shadowContent,
      Resources: { Font: { F1: font.ref } },
    }),
  );
  ctx.assign(shadowPages, ctx.obj({ Type: 'Pages', Kids: [shadowPage], Count: 1 }));
  ctx.register(ctx.obj({ Type: 'Catalog', Pages: shadowPages }));
  if (form) {
    const f = doc.getForm();
    const amount = f.createTextField('amount');
    amount.setText('1,000,000');
    amount.addToPage(page, { x: 72, y: 600, width: 200, height: 24, font });
    const note = f.createTextField('note');
    note.addToPage(page, { x: 72, y: 560, width: 200, height: 24, font });
    f.updateFieldAppearances(font);
  }
  return doc.save({ useObjectStreams: false });
}

export async function signBase(
  f: AttackFixture,
  pdf: Uint8Array,
  extra: Partial<SignOptions> = {},
): Promise<Buffer> {
  const { bytes } = await signPdf(pdf, {
    keySource: f.clerk,
    signingTime: new Date(),
    appearance: { kind: 'agency', agencyName: 'UBND xã Thử Nghiệm', demo: false },
    addValidationData: true,
    ...extra,
  });
  return Buffer.from(bytes);
}
