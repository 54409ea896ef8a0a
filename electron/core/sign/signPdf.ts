// PAdES signing of a PDF by incremental update (baseline B-B, B-T with a TSA, B-LT with a DSS).
//
// Shape of the job: pdf-lib builds a signature field whose /V dictionary carries placeholders;
// only the new and changed objects are appended to the original bytes (incremental.ts), so any
// earlier signature and PDF/A conformance survive. /ByteRange is then patched in place at a fixed
// width (so no offset in the xref moves) and /Contents receives the CMS over everything except
// itself.
import { createHash, X509Certificate } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { SohoaError, isSohoaError } from '../../../shared/errors';
import { formatVietnamTime } from '../../../shared/time';
import { schemeForCertificate } from './algorithms';
import { buildMarkAppearance, type MarkAppearance } from './appearance';
import { readCertificate } from './certificate';
import { checkSigningCertificate } from './certificateCheck';
import { buildCadesDetached } from './cms';
import { loadForUpdate, writeIncrement } from './incremental';
import { addDss, collectValidationData } from './ltv';
import { formatPdfDate } from './pdfDate';
import { buildSignerAppearance } from './signerAppearance';
import { requestTimestamp } from './tsa';
import { checkSignedData } from './verify/cmsVerify';
import type { DigestAlgorithm, SignOptions, SignResult } from './types';

export const SUB_FILTER = 'ETSI.CAdES.detached';
/**
 * Room for the CMS, sized from what goes in it rather than fixed: /Contents is hex, so every
 * spare byte costs two in each signed file, and a fixed 16 KB slot was 32 KB, more than a page of
 * a bilevel scan. The CMS is built once without the key (a zero signature value of the key's
 * length, a zero digest), which gives its exact size but for an ECDSA value's few bytes of
 * variance; the time-stamp token is reckoned at the size this TSA last answered (its own
 * certificates make most of it). A CMS that still does not fit is built again once in a slot of
 * its measured size: the key then signs twice, and the document is never signed short.
 */
const FIRST_TIMESTAMP_GUESS = 8192; // a token with its TSA's chain, before the TSA has answered
const SLOT_MARGIN = 64; // DER length fields that grow by a byte, the token's attribute wrapper
const lastTokenBytes = new Map<string, number>();

/** The longest signature value the signer's key gives, as the CMS carries it. */
function signatureValueBound(signerDer: Buffer): number {
  const key = new X509Certificate(signerDer).publicKey;
  const details = key.asymmetricKeyDetails;
  if (details?.modulusLength) return Math.ceil(details.modulusLength / 8);
  if (key.asymmetricKeyType === 'ed25519') return 64;
  if (key.asymmetricKeyType === 'ed448') return 114;
  const bits = Number(/(\d{3})/.exec(details?.namedCurve ?? '')?.[1] ?? 521);
  const n = Math.ceil(bits / 8) + 1; // DER INTEGER may need a leading zero
  return 2 * (n + 2) + 3; // SEQUENCE { r, s }
}

export async function signatureSlotBytes(
  chain: Buffer[],
  digest: DigestAlgorithm,
  scheme: ReturnType<typeof schemeForCertificate>,
  tsaUrl?: string,
): Promise<number> {
  const valueBytes = signatureValueBound(chain[0]!);
  const dryRun = await buildCadesDetached({
    documentDigest: Buffer.alloc(createHash(digest).digest().length),
    digest,
    scheme,
    certificates: chain,
    sign: () => Promise.resolve(Buffer.alloc(valueBytes, 0x7f)),
  });
  const stamp = tsaUrl ? (lastTokenBytes.get(tsaUrl) ?? FIRST_TIMESTAMP_GUESS) : 0;
  return dryRun.length + stamp + SLOT_MARGIN;
}

/** The CMS came out larger than its slot: the caller builds the update again with `needed`. */
class SlotTooSmall extends Error {
  constructor(readonly needed: number) {
    super(`The signature (${needed} bytes) does not fit its slot`);
  }
}

const BYTE_RANGE_PLACEHOLDER = '**********';
const MARK_MARGIN = 28; // about 1 cm from the page's top-right corner
const MARK_PADDING = 4;

/** 1 cm on a normal page, less on a small one so the mark is not pushed off it. */
function markMargin(page: PDFPage): number {
  return Math.min(MARK_MARGIN, page.getCropBox().width * 0.04);
}

/**
 * B-LT: the signer's chain with its OCSP answers (required), and the TSA's certificates with
 * theirs where a responder answers, in one /DSS update.
 */
async function addValidation(pdf: Buffer, chain: Buffer[], token?: Buffer): Promise<Buffer> {
  const tsaChain = token ? checkSignedData(token).certificates.map((c) => c.raw) : [];
  const certificates = [...chain];
  for (const der of tsaChain) if (!certificates.some((c) => c.equals(der))) certificates.push(der);
  const ocsps = [
    ...(await collectValidationData(chain)),
    ...(tsaChain.length ? await collectValidationData(tsaChain, false) : []),
  ];
  return addDss(pdf, certificates, ocsps);
}

/**
 * Appends to the page's /Annots without pdf-lib's addAnnot(), which first "normalizes" the page
 * (wraps /Contents in an array, adds empty resource dictionaries): harmless in a rewrite, but in
 * an incremental update those edits show up as content changes after the earlier signatures.
 */
function addAnnotation(page: PDFPage, ref: PDFRef): void {
  const existing = page.node.get(PDFName.of('Annots'));
  const array = page.doc.context.lookupMaybe(existing, PDFArray);
  if (array) array.push(ref);
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj([ref]));
}

/** A certification signature with DocMDP P=1 forbids any later change, signatures included. */
function forbidsSigning(doc: PDFDocument): boolean {
  const perms = doc.catalog.lookupMaybe(PDFName.of('Perms'), PDFDict);
  const docMdp = perms?.lookupMaybe(PDFName.of('DocMDP'), PDFDict);
  const references = docMdp?.lookupMaybe(PDFName.of('Reference'), PDFArray);
  for (let i = 0; i < (references?.size() ?? 0); i++) {
    const reference = references!.lookupMaybe(i, PDFDict);
    const params = reference?.lookupMaybe(PDFName.of('TransformParams'), PDFDict);
    const p = params?.lookupMaybe(PDFName.of('P'), PDFNumber);
    if (p?.asNumber() === 1) return true;
  }
  return false;
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

function findOnce(haystack: Buffer, needle: string, what: string, from = 0): number {
  const at = haystack.indexOf(needle, from, 'latin1');
  if (at < 0 || haystack.indexOf(needle, at + 1, 'latin1') >= 0) {
    throw new Error(`The ${what} placeholder was not found exactly once in the saved PDF`);
  }
  return at;
}

/** The signature dictionary with its placeholders, and what it certifies or locks. */
function signatureDictionary(
  doc: PDFDocument,
  options: SignOptions,
  signerName: string,
  signingTime: Date,
  subFilter: string,
  slotBytes: number,
): PDFRef {
  const context = doc.context;
  const signatureDict = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: subFilter,
    ByteRange: [
      0,
      PDFName.of(BYTE_RANGE_PLACEHOLDER),
      PDFName.of(BYTE_RANGE_PLACEHOLDER),
      PDFName.of(BYTE_RANGE_PLACEHOLDER),
    ],
    Contents: PDFHexString.of('0'.repeat(slotBytes * 2)),
    M: PDFString.of(formatPdfDate(signingTime)),
    Name: PDFHexString.fromText(signerName),
  });
  if (options.reason)
    signatureDict.set(PDFName.of('Reason'), PDFHexString.fromText(options.reason));
  if (options.location) {
    signatureDict.set(PDFName.of('Location'), PDFHexString.fromText(options.location));
  }
  const references = [];
  if (options.certification) {
    // DocMDP (ISO 32000-1 12.8.2.2): what later revisions may change; the catalog's /Perms
    // points at this signature so every reader knows the file is certified.
    references.push(
      context.obj({
        Type: 'SigRef',
        TransformMethod: 'DocMDP',
        TransformParams: { Type: 'TransformParams', P: options.certification, V: '1.2' },
      }),
    );
  }
  if (options.lockFields?.length) {
    references.push(
      context.obj({
        Type: 'SigRef',
        TransformMethod: 'FieldMDP',
        TransformParams: {
          Type: 'TransformParams',
          Action: 'Include',
          Fields: options.lockFields.map((f) => PDFHexString.fromText(f)),
          V: '1.2',
        },
      }),
    );
  }
  if (references.length) signatureDict.set(PDFName.of('Reference'), context.obj(references));
  const ref = context.register(signatureDict);
  if (options.certification) doc.catalog.set(PDFName.of('Perms'), context.obj({ DocMDP: ref }));
  return ref;
}

/** The visible mark: which page, where, and its appearance stream. */
async function placeMark(
  doc: PDFDocument,
  options: SignOptions,
  signingTime: Date,
): Promise<{ page: PDFPage; rect: number[]; mark: MarkAppearance }> {
  const pages = doc.getPages();
  if (options.appearance.kind === 'signer') {
    const index = options.appearance.page ?? pages.length - 1;
    const page = pages[Math.min(Math.max(index, 0), pages.length - 1)]!;
    const built = await buildSignerAppearance(doc, page, options.appearance, signingTime);
    return { page, rect: built.rect, mark: built };
  }
  const position = options.appearance.position;
  const page = pages[Math.min(Math.max(position?.page ?? 0, 0), pages.length - 1)]!;
  const mark = await buildMarkAppearance(
    doc,
    options.appearance,
    signingTime,
    page.getCropBox().width - 2 * markMargin(page) - 2 * MARK_PADDING,
  );
  const rect = position
    ? [position.x, position.y - mark.height, position.x + mark.width, position.y]
    : topRightRect(page, mark.width, mark.height);
  return { page, rect, mark };
}

interface Signing {
  options: SignOptions;
  original: Buffer;
  chain: Buffer[];
  signerName: string;
  signingTime: Date;
  digest: DigestAlgorithm;
  scheme: ReturnType<typeof schemeForCertificate>;
  subFilter: string;
  subject: string;
}

/** The signed incremental update with a `slotBytes` CMS slot, and the TSA's token if any. */
async function signedUpdate(
  s: Signing,
  slotBytes: number,
): Promise<{ bytes: Buffer; token?: Buffer }> {
  const { options, original } = s;
  const { doc, snapshot } = await loadForUpdate(original);
  if (forbidsSigning(doc)) throw new SohoaError('PDF_SIGNING_FORBIDDEN', s.subject);
  if (doc.getPages().length === 0) {
    throw new Error('The PDF has no page to carry the signature mark');
  }
  const context = doc.context;
  const signatureRef = signatureDictionary(
    doc,
    options,
    s.signerName,
    s.signingTime,
    s.subFilter,
    slotBytes,
  );
  const { page, rect, mark } = await placeMark(doc, options, s.signingTime);
  const widgetRef = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFHexString.fromText(uniqueFieldName(doc)),
      V: signatureRef,
      Rect: rect,
      F: 4 | 128, // Print, Locked: the mark is printed with the copy and cannot be moved
      P: page.ref,
      AP: { N: mark.ref },
    }),
  );
  addAnnotation(page, widgetRef);
  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.addField(widgetRef);
  // 3 = SignaturesExist | AppendOnly: tells editors to save incrementally from now on.
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));

  // Our own writer serializes objects one by one (no object streams), so /Contents stays a
  // literal hex string in the file for the byte ranges to make sense.
  const saved = writeIncrement(original, doc, snapshot);
  const tsaUrl = options.tsaUrl;
  let token: Buffer | undefined;
  const bytes = await fillSignature(
    saved,
    (documentDigest) =>
      buildCadesDetached({
        documentDigest,
        digest: s.digest,
        scheme: s.scheme,
        certificates: s.chain,
        sign: (data) => options.keySource.sign(data, s.digest, s.scheme),
        ...(tsaUrl
          ? {
              timestamp: async (value) => (token = await requestTimestamp(tsaUrl, value, s.digest)),
            }
          : {}),
      }),
    { digest: s.digest, from: original.length, slotBytes },
  );
  if (tsaUrl && token) lastTokenBytes.set(tsaUrl, token.length);
  return { bytes, ...(token ? { token } : {}) };
}

export async function signPdf(pdf: Uint8Array, options: SignOptions): Promise<SignResult> {
  const subject = options.fileName ?? 'PDF';
  try {
    const chain = await options.keySource.certificateChain();
    if (!chain[0]) throw new Error(`${options.keySource.label} returned no certificate`);
    const signer = readCertificate(chain[0]);
    const signingTime = new Date(Math.floor(options.signingTime.getTime() / 1000) * 1000);
    // Checked before signing, not only at verification: the clerk learns why at once.
    checkSigningCertificate(chain, signingTime, options.policy);
    const signing: Signing = {
      options,
      original: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      chain,
      signerName: signer.subjectCommonName || options.keySource.label,
      signingTime,
      digest: options.digest ?? 'sha256',
      scheme: schemeForCertificate(chain[0], options.rsaPadding),
      subFilter: options.subFilter ?? SUB_FILTER,
      subject,
    };
    const slot = await signatureSlotBytes(chain, signing.digest, signing.scheme, options.tsaUrl);
    const signed = await signedUpdate(signing, slot).catch((e: unknown) => {
      if (!(e instanceof SlotTooSmall)) throw e;
      return signedUpdate(signing, e.needed + SLOT_MARGIN);
    });
    const final = options.addValidationData
      ? await addValidation(signed.bytes, chain, signed.token)
      : signed.bytes;
    return {
      bytes: new Uint8Array(final.buffer, final.byteOffset, final.length),
      summary: {
        signer: signing.signerName,
        signedAt: formatVietnamTime(signingTime),
        subFilter: signing.subFilter,
        demo: options.appearance.demo,
      },
    };
  } catch (cause) {
    // A token pulled out mid-signature is the key's problem, not the document's; a refused
    // certificate or an unreachable TSA has its own advice: keep those codes.
    if (isSohoaError(cause) && cause.code !== 'SIGN_FAILED') throw cause;
    throw new SohoaError('SIGN_FAILED', subject, { cause });
  }
}

/**
 * Patches /ByteRange and /Contents of a saved PDF that holds exactly one placeholder signature,
 * in place (the buffer is modified and returned).
 * It does not care how the PDF was saved.
 */
export async function fillSignature(
  saved: Buffer,
  buildCms: (digest: Buffer) => Promise<Buffer>,
  /**
   * `from`: where to look for the placeholders, after the earlier revisions, which may hold
   * others'. `slotBytes`: the size of the /Contents placeholder the update was written with.
   */
  {
    digest = 'sha256',
    from = 0,
    slotBytes,
  }: { digest?: DigestAlgorithm; from?: number; slotBytes: number },
): Promise<Buffer> {
  const hexPlaceholder = `<${'0'.repeat(slotBytes * 2)}>`;
  const contentsStart = findOnce(saved, hexPlaceholder, '/Contents', from);
  const contentsEnd = contentsStart + hexPlaceholder.length;

  const byteRangeNeedle = `0 ${Array(3).fill(`/${BYTE_RANGE_PLACEHOLDER}`).join(' ')}`;
  const firstStar = findOnce(saved, byteRangeNeedle, '/ByteRange', from);
  const open = saved.lastIndexOf('[', firstStar, 'latin1');
  const close = saved.indexOf(']', firstStar, 'latin1');
  if (open < 0 || close < 0) throw new Error('The /ByteRange placeholder is malformed');
  const ranges = [0, contentsStart, contentsEnd, saved.length - contentsEnd];
  // Same width as the placeholder, padded with spaces, so no byte after it moves.
  const slotWidth = close - open + 1;
  const byteRange = `[${ranges.join(' ')}]`.padEnd(slotWidth, ' ');
  if (byteRange.length !== slotWidth) throw new Error('The /ByteRange placeholder is too short');
  // `saved` is our own fresh buffer (writeIncrement's output): patch it in place, no 2nd copy.
  const out = saved;
  out.write(byteRange, open, 'latin1');

  const documentDigest = createHash(digest)
    .update(out.subarray(0, contentsStart))
    .update(out.subarray(contentsEnd))
    .digest();
  const cms = await buildCms(documentDigest);
  if (cms.length > slotBytes) throw new SlotTooSmall(cms.length);
  out.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return out;
}
