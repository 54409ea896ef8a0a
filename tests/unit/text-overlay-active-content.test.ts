// A scanned PDF carrying anything that acts (a script run on open, an embedded file, a link) is
// never passed through to be signed with the agency's key: the overlay refuses it, so the record
// is re-rendered from the page images instead.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { overlayTextLayer } from '../../electron/core/pdf/textOverlay';

const META = { title: 'Bản quét', producer: 'Sohoa Desk' };

/** One A4 page with a drawn "scan", then whatever the case adds to the file. */
async function scan(
  add: (doc: PDFDocument) => Promise<void> | void = () => {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 495, height: 742, borderWidth: 2 });
  await add(doc);
  return doc.save({ useObjectStreams: false });
}

/** A text page as the desk writes one: a single content stream (pdfkit, like the writer). */
async function textOnly(): Promise<Uint8Array> {
  const doc = new PDFKit({ size: [595, 842], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.text('GIAY XAC NHAN', 60, 60);
  doc.end();
  await once(doc, 'end');
  return Buffer.concat(chunks);
}

const openScript = (doc: PDFDocument) => {
  const action = doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("x")') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
};

const embeddedFile = (doc: PDFDocument) =>
  doc.attach(Buffer.from('MZ not a scan'), 'setup.exe', { mimeType: 'application/octet-stream' });

const pageLink = (doc: PDFDocument) => {
  const link = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [0, 0, 100, 100],
    A: { S: 'URI', URI: PDFString.of('http://example.invalid/') },
  });
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
};

test('a plain scan takes the text layer over its own page', async () => {
  const out = await overlayTextLayer(await scan(), await textOnly(), META);
  assert.ok('bytes' in out, `refused: ${JSON.stringify(out)}`);
  const kept = await PDFDocument.load(out.bytes);
  assert.equal(kept.getPageCount(), 1);
});

for (const [name, add] of [
  ['a script run on open', openScript],
  ['an embedded file', embeddedFile],
  ['a link annotation on the page', pageLink],
] as const) {
  test(`a scan with ${name} is refused as active content`, async () => {
    const original = await scan(add);
    assert.deepEqual(await overlayTextLayer(original, await textOnly(), META), {
      refused: 'active-content',
    });
  });
}
