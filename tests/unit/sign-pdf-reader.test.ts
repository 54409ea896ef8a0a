// The validator's PDF reader on hostile structures: it must end with a verdict in bounded time,
// never loop, recurse without limit or trust an offset outside the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PdfDocument } from '../../electron/core/sign/pdf/document';
import { PdfReadError, WorkBudget } from '../../electron/core/sign/pdf/values';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';

/** Builds a classic-xref PDF from object bodies, with correct offsets unless told otherwise. */
function pdf(objects: string[], trailerExtra = '', startxrefOverride?: number): Buffer {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n\r\n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${startxrefOverride ?? xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const catalog = '<< /Type /Catalog /Pages 2 0 R >>';
const pages = '<< /Type /Pages /Kids [] /Count 0 >>';

describe('PDF reader on hostile input', () => {
  test('a well-formed file reads', () => {
    const doc = new PdfDocument(pdf([catalog, pages]));
    assert.equal(doc.recovered, false);
    assert.ok(doc.catalog?.has('Pages'));
  });

  test('a /Prev pointing at itself is a cycle, and the reader falls back to scanning', () => {
    const base = pdf([catalog, pages]);
    const xrefAt = base.indexOf('xref');
    const cyclic = pdf([catalog, pages], `/Prev ${xrefAt}`);
    const doc = new PdfDocument(cyclic);
    assert.equal(doc.recovered, true);
    assert.ok(doc.catalog);
  });

  test('startxref outside the file falls back to scanning', () => {
    const doc = new PdfDocument(pdf([catalog, pages], '', 10 ** 9));
    assert.equal(doc.recovered, true);
  });

  test('a stream whose /Length refers to itself does not recurse forever', () => {
    const file = pdf([catalog, pages, '<< /Length 3 0 R >>\nstream\nabc\nendstream']);
    const doc = new PdfDocument(file);
    assert.throws(() => doc.get(3), PdfReadError);
  });

  test('deep nesting and a spent budget end in PdfReadError', () => {
    const deep = `${'['.repeat(500)}${']'.repeat(500)}`;
    const doc = new PdfDocument(pdf([catalog, pages, deep]));
    assert.throws(() => doc.get(3), PdfReadError);
    assert.throws(() => new PdfDocument(pdf([catalog, pages]), new WorkBudget(3)), PdfReadError);
  });

  test('verifyPdf on garbage and on a signature field whose value loops: quick verdicts', async () => {
    const t = Date.now();
    assert.equal((await verifyPdf(Buffer.from('not a pdf at all'))).verdict, 'invalid');
    const loop = pdf([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
      pages,
      '<< /FT /Sig /T (S) /Kids [3 0 R] /V 4 0 R >>',
      '<< /Type /Sig /ByteRange 4 0 R /Contents <3082> >>',
    ]);
    const report = await verifyPdf(loop);
    assert.equal(report.verdict, 'invalid');
    assert.ok(Date.now() - t < 1000);
  });
});
