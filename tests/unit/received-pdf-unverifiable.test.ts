// A PDF with a signature dictionary is evidence even when its check cannot finish: it is kept as it
// came (never rewritten through the kept-pages path), and never shown as signed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { singlePdfInput } from '../../electron/core/pipeline/receivedPdf';

test('a broken signed PDF is kept as received, not shown as signed', async () => {
  const bytes = Buffer.from(
    '%PDF-1.7\n1 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ' +
      '/ByteRange [0 999999 1000000 5] /Contents <3082> >>\nendobj\ntrailer\n<< /Root 9 0 R >>\n%%EOF\n',
    'latin1',
  );
  const single = await singlePdfInput([{ name: 'hong.pdf', read: () => Promise.resolve(bytes) }]);
  assert.ok(single?.received, 'kept as received, so never rewritten');
  assert.ok(single.received.bytes.equals(bytes));
  assert.equal(single.received.signature, null);
  assert.notEqual(single.received.report.indication, 'TOTAL_PASSED');
});
