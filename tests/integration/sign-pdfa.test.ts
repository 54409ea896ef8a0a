// Signing a PDF/A-2b file (as the project's PDFKit writer makes them) twice keeps it PDF/A: the
// original bytes stay a prefix, the XMP identification and the Info dictionary are untouched,
// and what we add is itself PDF/A-friendly (embedded fonts, printable widgets with appearances).
// (No PDF/A validator is packaged for Debian; these are the conditions our additions can break.)
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import PDFKit from 'pdfkit';
import { MARK_FONT_PATH } from '../../electron/core/sign/appearance';
import { PdfDocument } from '../../electron/core/sign/pdf/document';
import { PdfDict, PdfRef, PdfStream, isName } from '../../electron/core/sign/pdf/values';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { createPki, P12_PASSWORD } from '../helpers/pki';
import { sealImage, signatureImage } from '../helpers/pki-images';
import { runTool } from '../helpers/sign-tools';

async function pdfA(): Promise<Buffer> {
  const doc = new PDFKit({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'vi-VN',
    info: { Title: 'Hồ sơ' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('Tinos', MARK_FONT_PATH);
  doc.font('Tinos').fontSize(14).text('Giấy xác nhận cư trú – bản số hóa', 72, 72);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('PDF/A-2b input stays PDF/A-2b through two signatures', () => {
  let dir: string;
  let original: Buffer;
  let signed: Buffer;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-pdfa-'));
    const pki = createPki(path.join(dir, 'pki'));
    const key = await openPkcs12(pki.issue({ cn: 'Hoàng Văn Nam' }).p12Path!, P12_PASSWORD);
    original = await pdfA();
    const first = await signPdf(original, {
      keySource: key,
      signingTime: new Date(),
      appearance: { kind: 'agency', agencyName: 'UBND xã An Bình', copyType: 'SAO Y', demo: false },
    });
    const second = await signPdf(first.bytes, {
      keySource: key,
      signingTime: new Date(),
      appearance: {
        kind: 'signer',
        signatureImage: await signatureImage(),
        sealImage: await sealImage(),
        signerName: 'Hoàng Văn Nam',
        signerTitle: 'CHỦ TỊCH',
        demo: false,
      },
    });
    signed = Buffer.from(second.bytes);
    await fs.writeFile(path.join(dir, 'a.pdf'), signed);
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('original bytes are a prefix; XMP and Info untouched; both signatures valid', () => {
    assert.ok(signed.subarray(0, original.length).equals(original));
    const before = new PdfDocument(original);
    const after = new PdfDocument(signed);
    const metaRef = before.catalog?.get('Metadata');
    assert.ok(metaRef instanceof PdfRef);
    assert.equal(after.offsetOf(metaRef.num), before.offsetOf(metaRef.num), 'XMP not rewritten');
    const xmp = (after.get(metaRef.num) as PdfStream).raw.toString('utf8');
    assert.match(xmp, /pdfaid:part[>="]+2/);
    const info = before.trailer.get('Info');
    assert.ok(info instanceof PdfRef);
    assert.equal(after.offsetOf(info.num), before.offsetOf(info.num), 'Info not rewritten');
    const out = runTool('pdfsig', [path.join(dir, 'a.pdf')]).stdout;
    assert.equal(out.match(/Signature is Valid/g)?.length, 2, out);
    assert.equal(runTool('qpdf', ['--check', path.join(dir, 'a.pdf')]).status, 0);
  });

  test('every font we added is embedded; every widget we added prints and has an appearance', () => {
    const after = new PdfDocument(signed);
    let fonts = 0;
    let widgets = 0;
    for (const num of after.objectNumbers()) {
      const offset = after.offsetOf(num);
      if (offset === undefined || offset < original.length) continue;
      const value = after.get(num);
      const dict =
        value instanceof PdfStream ? value.dict : value instanceof PdfDict ? value : undefined;
      if (!dict) continue;
      if (isName(dict.get('Type'), 'FontDescriptor')) {
        fonts++;
        assert.ok(dict.has('FontFile2'), `font descriptor ${num} embeds its font`);
      }
      if (isName(dict.get('Subtype'), 'Widget')) {
        widgets++;
        assert.equal((dict.get('F') as number) & 4, 4, 'Print flag');
        assert.ok(dict.has('AP'));
      }
    }
    assert.equal(widgets, 2);
    assert.ok(fonts >= 2);
  });
});
