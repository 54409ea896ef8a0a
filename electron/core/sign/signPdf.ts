// PAdES baseline B-B signing of a whole PDF (thin path: one signature, full rewrite).
//
// Shape of the job: pdf-lib adds a signature field whose /V dictionary carries placeholders;
// the file is saved once; /ByteRange is then patched in place at a fixed width (so no offset in
// the xref moves) and /Contents receives the CMS over everything except itself. The extension
// points for later levels are the CMS builder (B-T: add a signature-time-stamp unsigned
// attribute), and this file's save step (incremental update for a second signature, DSS for B-LT).
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFPage } from 'pdf-lib';
import { SohoaError, isSohoaError } from '../../../shared/errors';
import { formatVietnamTime } from '../../../shared/time';
import { buildMarkAppearance } from './appearance';
import { readCertificate } from './certificate';
import { buildCadesDetached } from './cms';
import { formatPdfDate } from './pdfDate';
import type { SignOptions, SignResult } from './types';

export const SUB_FILTER = 'ETSI.CAdES.detached';
/**
 * Room for the CMS in bytes. B-B with a three-certificate chain is about 5 KB; a B-T timestamp
 * token adds roughly 5 KB more, so 16 KB leaves the later levels room without a format change.
 */
export const SIGNATURE_PLACEHOLDER_BYTES = 16384;

const BYTE_RANGE_PLACEHOLDER = '**********';
const MARK_MARGIN = 28; // about 1 cm from the page's top-right corner
const MARK_PADDING = 4;

/** 1 cm on a normal page, less on a small one so the mark is not pushed off it. */
function markMargin(page: PDFPage): number {
  return Math.min(MARK_MARGIN, page.getCropBox().width * 0.04);
}

function assertNotSigned(doc: PDFDocument): void {
  // A full rewrite re-serializes every object, which would break any earlier signature.
  // Co-signing needs an incremental update; until then refuse instead of silently invalidating.
  const acroForm = doc.catalog.getAcroForm();
  for (const [field] of acroForm?.getAllFields() ?? []) {
    if (field.dict.get(PDFName.of('FT')) === PDFName.of('Sig') && field.dict.has(PDFName.of('V'))) {
      throw new Error('The PDF is already signed; adding a second signature is not supported yet');
    }
  }
}

function uniqueFieldName(doc: PDFDocument): string {
  const taken = new Set(
    (doc.catalog.getAcroForm()?.getAllFields() ?? []).map(([field]) => field.getPartialName()),
  );
  let n = 1;
  while (taken.has(`Signature${n}`)) n++;
  return `Signature${n}`;
}

function topRightRect(page: PDFPage, width: number, height: number): number[] {
  const box = page.getCropBox();
  const x2 = box.x + box.width - markMargin(page);
  const y2 = box.y + box.height - markMargin(page);
  return [x2 - width, y2 - height, x2, y2];
}

function findOnce(haystack: Buffer, needle: string, what: string): number {
  const at = haystack.indexOf(needle, 0, 'latin1');
  if (at < 0 || haystack.indexOf(needle, at + 1, 'latin1') >= 0) {
    throw new Error(`The ${what} placeholder was not found exactly once in the saved PDF`);
  }
  return at;
}

export async function signPdf(pdf: Uint8Array, options: SignOptions): Promise<SignResult> {
  const subject = options.fileName ?? 'PDF';
  try {
    const chain = await options.keySource.certificateChain();
    if (!chain[0]) throw new Error(`${options.keySource.label} returned no certificate`);
    const signer = readCertificate(chain[0]);
    const signingTime = new Date(Math.floor(options.signingTime.getTime() / 1000) * 1000);
    // TT 15/2025: check the certificate's validity before signing, not only at verification.
    if (signingTime < signer.notBefore || signingTime > signer.notAfter) {
      throw new Error(
        `The certificate is not valid at ${formatVietnamTime(signingTime)} ` +
          `(valid ${formatVietnamTime(signer.notBefore)} to ${formatVietnamTime(signer.notAfter)})`,
      );
    }
    const signerName = signer.subjectCommonName || options.keySource.label;

    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    assertNotSigned(doc);
    const page = doc.getPages()[0];
    if (!page) throw new Error('The PDF has no page to carry the signature mark');

    const context = doc.context;
    const signatureDict = context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: SUB_FILTER,
      ByteRange: [
        0,
        PDFName.of(BYTE_RANGE_PLACEHOLDER),
        PDFName.of(BYTE_RANGE_PLACEHOLDER),
        PDFName.of(BYTE_RANGE_PLACEHOLDER),
      ],
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_PLACEHOLDER_BYTES * 2)),
      M: PDFString.of(formatPdfDate(signingTime)),
      Name: PDFHexString.fromText(signerName),
    });
    if (options.reason)
      signatureDict.set(PDFName.of('Reason'), PDFHexString.fromText(options.reason));
    if (options.location) {
      signatureDict.set(PDFName.of('Location'), PDFHexString.fromText(options.location));
    }
    const signatureRef = context.register(signatureDict);

    const mark = await buildMarkAppearance(
      doc,
      options.appearance,
      signingTime,
      page.getCropBox().width - 2 * markMargin(page) - 2 * MARK_PADDING,
    );
    const widgetRef = context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Sig',
        T: PDFHexString.fromText(uniqueFieldName(doc)),
        V: signatureRef,
        Rect: topRightRect(page, mark.width, mark.height),
        F: 4 | 128, // Print, Locked: the mark is printed with the copy and cannot be moved
        P: page.ref,
        AP: { N: mark.ref },
      }),
    );
    page.node.addAnnot(widgetRef);
    const acroForm = doc.catalog.getOrCreateAcroForm();
    acroForm.addField(widgetRef);
    // 3 = SignaturesExist | AppendOnly: tells editors to save incrementally from now on.
    acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));

    // Object streams would compress the signature dictionary, and /Contents must stay a literal
    // hex string in the file for the byte ranges to make sense.
    const saved = Buffer.from(
      await doc.save({ useObjectStreams: false, updateFieldAppearances: false }),
    );
    if (process.env.SIGN_DEBUG)
      await (await import('node:fs/promises')).writeFile(process.env.SIGN_DEBUG, saved);
    const bytes = await fillSignature(saved, async (digest) => {
      const cms = await buildCadesDetached({
        documentDigest: digest,
        certificates: chain,
        sign: (data) => options.keySource.sign(data, 'sha256'),
      });
      return cms;
    });
    return {
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      summary: {
        signer: signerName,
        signedAt: formatVietnamTime(signingTime),
        subFilter: SUB_FILTER,
        demo: options.appearance.demo,
      },
    };
  } catch (cause) {
    // A token pulled out mid-signature is the key's problem, not the document's: keep its code.
    if (isSohoaError(cause) && cause.code === 'KEY_UNAVAILABLE') throw cause;
    throw new SohoaError('SIGN_FAILED', subject, { cause });
  }
}

/**
 * Patches /ByteRange and /Contents of a saved PDF that holds exactly one placeholder signature.
 * Exported for the incremental path a later issue adds: it does not care how the PDF was saved.
 */
export async function fillSignature(
  saved: Buffer,
  buildCms: (digest: Buffer) => Promise<Buffer>,
): Promise<Buffer> {
  const hexPlaceholder = `<${'0'.repeat(SIGNATURE_PLACEHOLDER_BYTES * 2)}>`;
  const contentsStart = findOnce(saved, hexPlaceholder, '/Contents');
  const contentsEnd = contentsStart + hexPlaceholder.length;

  const byteRangeNeedle = `0 ${Array(3).fill(`/${BYTE_RANGE_PLACEHOLDER}`).join(' ')}`;
  const firstStar = findOnce(saved, byteRangeNeedle, '/ByteRange');
  const open = saved.lastIndexOf('[', firstStar, 'latin1');
  const close = saved.indexOf(']', firstStar, 'latin1');
  if (open < 0 || close < 0) throw new Error('The /ByteRange placeholder is malformed');
  const ranges = [0, contentsStart, contentsEnd, saved.length - contentsEnd];
  // Same width as the placeholder, padded with spaces, so no byte after it moves.
  const slotWidth = close - open + 1;
  const byteRange = `[${ranges.join(' ')}]`.padEnd(slotWidth, ' ');
  if (byteRange.length !== slotWidth) throw new Error('The /ByteRange placeholder is too short');
  const out = Buffer.from(saved);
  out.write(byteRange, open, 'latin1');

  const digest = createHash('sha256')
    .update(out.subarray(0, contentsStart))
    .update(out.subarray(contentsEnd))
    .digest();
  const cms = await buildCms(digest);
  if (cms.length > SIGNATURE_PLACEHOLDER_BYTES) {
    throw new Error(
      `The signature (${cms.length} bytes) does not fit its ${SIGNATURE_PLACEHOLDER_BYTES}-byte slot`,
    );
  }
  out.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return out;
}
