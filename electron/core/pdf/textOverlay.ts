// The OCR text layer laid over a scanned PDF's own pages: each page of a text-only PDF (the same
// invisible words the desk's PDF carries) becomes a form XObject drawn over the original page,
// stretched to its visible box. The scan's image streams (CCITT, JBIG2, JPEG) are copied as they
// are, never decoded: a bilevel scan stays the size it came, where re-rasterizing would grow it.
import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';

/** Why a page cannot take the overlay: then the whole file is made the usual way. */
export type OverlayRefusal = 'unreadable' | 'page-count' | 'rotated-page' | 'active-content';

// The kept file passes the original's objects through and is then signed with the agency's key:
// anything that acts (scripts, launch actions, embedded files, forms, links, optional layers that
// hide content, outline actions) would be signed with it. A scan needs none of these.
const ACTIVE_CATALOG = ['OpenAction', 'AA', 'Names', 'AcroForm', 'OCProperties', 'Outlines'];

function hasActiveContent(doc: PDFDocument): boolean {
  if (ACTIVE_CATALOG.some((k) => doc.catalog.has(PDFName.of(k)))) return true;
  return doc.getPages().some((p) => {
    if (p.node.has(PDFName.of('AA'))) return true;
    // An empty list is harmless (pdf-lib and many scanners write one).
    const annots = p.node.lookup(PDFName.of('Annots'));
    return annots !== undefined && !(annots instanceof PDFArray && annots.size() === 0);
  });
}

/**
 * The original with the text pages drawn over its pages, in order; a refusal when the original
 * cannot be read plainly (encrypted, broken), its page count differs, or a page is turned by its
 * own /Rotate (the words were read on the turned rendering), or it carries active content.
 */
export async function overlayTextLayer(
  original: Uint8Array,
  textOnly: Uint8Array,
  meta: { title: string; producer: string },
): Promise<{ bytes: Uint8Array } | { refused: OverlayRefusal }> {
  let doc: PDFDocument;
  let text: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
    text = await PDFDocument.load(textOnly, { updateMetadata: false });
  } catch {
    return { refused: 'unreadable' };
  }
  const pages = doc.getPages();
  if (pages.length !== text.getPageCount()) return { refused: 'page-count' };
  if (pages.some((p) => p.getRotation().angle % 360 !== 0)) return { refused: 'rotated-page' };
  if (hasActiveContent(doc)) return { refused: 'active-content' };
  // Each text page's content stream becomes a form as it is (still compressed), with the text
  // pages' shared font copied once; the copied page objects themselves are dropped, so nothing
  // unused is written (embedPages would leave a second copy of every content stream).
  const copied = await doc.copyPages(text, text.getPageIndices());
  pages.forEach((page, i) => {
    const layer = copied[i]!;
    const contentsRef = layer.node.get(PDFName.of('Contents'));
    const contents = contentsRef && doc.context.lookup(contentsRef);
    if (!(contentsRef instanceof PDFRef) || !(contents instanceof PDFRawStream))
      throw new Error('text page without one content stream');
    const { width, height } = layer.getMediaBox();
    const form = doc.context.register(
      PDFRawStream.of(
        doc.context.obj({
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, width, height],
          Resources: layer.node.Resources(),
          Filter: contents.dict.get(PDFName.of('Filter')),
          Length: contents.contents.length,
        }),
        contents.contents,
      ),
    );
    doc.context.delete(contentsRef);
    doc.context.delete(layer.ref);
    const name = page.node.newXObject('SohoaText', form);
    const box = page.getCropBox();
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(box.width / width, 0, 0, box.height / height, box.x, box.y),
      drawObject(name),
      popGraphicsState(),
    );
  });
  doc.setTitle(meta.title);
  doc.setProducer(meta.producer);
  // Classic cross-reference table: the signer appends its revision to a plain file.
  return { bytes: await doc.save({ useObjectStreams: false }) };
}
