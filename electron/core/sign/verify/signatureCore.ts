// One signature's own evidence, before any question of trust: the byte range is well formed and
// its gap is exactly the /Contents string of this dictionary; the range ends a revision; the CMS
// (or the RFC 3161 token of a document timestamp) verifies over exactly those bytes. What it
// finds are reason codes (indication.ts); the certificates it found go on to path validation.
import type { X509Certificate } from 'node:crypto';
import { createHash } from 'node:crypto';
import { PdfDocument } from '../pdf/document';
import { PdfReadError, PdfString, isName, type PdfDict, type PdfValue } from '../pdf/values';
import { ATTR, checkSignedData, checkTimestampToken, signingCertificateMatches } from './cmsVerify';
import { timeOf, type Tlv } from './der';
import type { Candidate } from './findSignatures';
import { verdictOf } from './indication';
import type { SignatureReport } from './report';

/** The report plus what the later steps need and the public report leaves out. */
export interface Working extends SignatureReport {
  signedEnd: number;
  signatureValue?: Buffer;
  signedDoc?: PdfDocument;
  signerCert?: X509Certificate;
  certificates: X509Certificate[];
  signedAttributes?: Map<string, Tlv>;
  /** The RFC 3161 token of a signature timestamp or of a document timestamp. */
  timestampToken?: Buffer;
  /** Certificates of that token (the TSA and its issuers, as far as it carries them). */
  timestampCertificates?: X509Certificate[];
  timestampSigner?: X509Certificate;
}

export const subjectName = (cert: X509Certificate): string =>
  /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject;

function pdfDate(value: PdfValue | undefined): string | undefined {
  if (!(value instanceof PdfString)) return undefined;
  const m = /D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([Z+-])?(\d\d)?'?(\d\d)?/.exec(
    value.text(),
  );
  if (!m) return undefined;
  const sign = m[7] === '-' ? '-' : '+';
  const tz = m[7] && m[7] !== 'Z' ? `${sign}${m[8] ?? '00'}:${m[9] ?? '00'}` : 'Z';
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : new Date(iso).toISOString();
}

/** Is `end` the end of a revision (just after %%EOF and its end-of-line)? */
function endsRevision(buf: Buffer, end: number): boolean {
  return /%%EOF[\r\n]*$/.test(buf.toString('latin1', Math.max(0, end - 8), end));
}

export function emptyWorking(field: string, kind: SignatureReport['kind'] = 'signature'): Working {
  return {
    field,
    kind,
    subFilter: '',
    intact: false,
    coversWholeRevision: false,
    coversWholeFile: false,
    cryptoValid: false,
    chain: [],
    trusted: false,
    level: '',
    changesAfter: 'none',
    changeDetails: [],
    errors: [],
    warnings: [],
    details: [],
    indication: 'TOTAL_FAILED',
    verdict: verdictOf({ indication: 'TOTAL_FAILED' }, []),
    signedEnd: 0,
    certificates: [],
  };
}

/** The byte range and its gap; returns the signed pieces and the CMS, or records why not. */
function checkRange(
  buf: Buffer,
  doc: PdfDocument,
  dict: PdfDict,
  w: Working,
): { signed: Buffer[]; cms: Buffer } | undefined {
  const range = doc.resolve(dict.get('ByteRange'));
  const contents = doc.resolve(dict.get('Contents'));
  if (
    !Array.isArray(range) ||
    range.length !== 4 ||
    !range.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
  ) {
    w.errors.push('byte-range-malformed');
    return undefined;
  }
  const [a, b, c, d] = range as number[] as [number, number, number, number];
  w.byteRange = [a, b, c, d];
  if (a !== 0 || b <= 0 || c <= b || d <= 0 || c + d > buf.length) {
    w.errors.push(c + d > buf.length ? 'byte-range-outside-file' : 'byte-range-malformed');
    return undefined;
  }
  if (!(contents instanceof PdfString) || !contents.hex || contents.bytes.length === 0) {
    w.errors.push('contents-missing');
    return undefined;
  }
  // The gap must be exactly the hex string of this dictionary, found where the file says.
  const gap = buf.toString('latin1', b, c);
  if (
    !/^<[0-9a-fA-F\s]*>$/.test(gap) ||
    contents.start < 0 ||
    contents.start !== b ||
    contents.end !== c
  ) {
    w.errors.push('byte-range-gap-not-signature');
    return undefined;
  }
  w.signedEnd = c + d;
  w.coversWholeFile =
    /^[\r\n\s\0]*$/.test(buf.toString('latin1', c + d, Math.min(buf.length, c + d + 64))) &&
    buf.length - (c + d) < 64;
  w.coversWholeRevision = endsRevision(buf, c + d) || w.coversWholeFile;
  if (!w.coversWholeRevision) w.errors.push('revision-not-covered');
  return {
    signed: [buf.subarray(0, b), buf.subarray(c, c + d)],
    cms: Buffer.from(gap.slice(1, -1).replace(/\s+/g, ''), 'hex'),
  };
}

function checkDocumentTimestamp(cmsBytes: Buffer, signed: Buffer[], w: Working): void {
  const ts = checkTimestampToken(cmsBytes, signed);
  w.errors.push(
    ...ts.errors.map((e) => (e === 'timestamp-imprint-mismatch' ? 'digest-mismatch' : e)),
  );
  w.timestamp = {
    time: ts.time.toISOString(),
    valid: ts.errors.length === 0,
    ...(ts.tsa ? { tsa: subjectName(ts.tsa) } : {}),
  };
  if (ts.tsa) w.signerCert = ts.tsa;
  w.certificates = ts.certificates;
  w.timestampToken = cmsBytes;
  w.timestampCertificates = ts.certificates;
  if (ts.tsa) w.timestampSigner = ts.tsa;
  w.intact = !ts.errors.includes('timestamp-imprint-mismatch');
  w.cryptoValid = ts.errors.length === 0;
}

function checkCms(cmsBytes: Buffer, signed: Buffer[], subFilter: string, w: Working): void {
  const sha1Filter = subFilter === 'adbe.pkcs7.sha1';
  const cms = checkSignedData(cmsBytes, sha1Filter ? undefined : signed);
  if (sha1Filter) {
    // The signed content is the SHA-1 of the byte ranges, encapsulated.
    const sha1 = createHash('sha1');
    for (const part of signed) sha1.update(part);
    if (!(cms.eContent ?? Buffer.alloc(0)).equals(sha1.digest())) w.errors.push('digest-mismatch');
  } else if (cms.eContent !== undefined) {
    // A detached PDF signature carries no content of its own: one that does may be checked by
    // another tool over what it carries instead of over this file.
    w.errors.push('encapsulated-content');
  }
  w.errors.push(
    ...cms.errors.map((e) => (e === 'message-digest-mismatch' ? 'digest-mismatch' : e)),
  );
  w.intact = !w.errors.includes('digest-mismatch') && !cms.errors.includes('no-content');
  w.cryptoValid = !cms.errors.some((e) =>
    ['signature-mismatch', 'message-digest-mismatch', 'unsupported-signature-algorithm'].includes(
      e,
    ),
  );
  if (cms.digestAlgorithm) w.digestAlgorithm = cms.digestAlgorithm;
  if (cms.signatureAlgorithm) w.signatureAlgorithm = cms.signatureAlgorithm;
  if (cms.digestAlgorithm === 'sha1' || /sha1/i.test(cms.signatureAlgorithm ?? '')) {
    w.errors.push('weak-digest');
  }
  if (cms.signatureValue) w.signatureValue = cms.signatureValue;
  w.certificates = cms.certificates;
  w.signedAttributes = cms.signedAttributes;
  if (!cms.signer) return;
  w.signerCert = cms.signer;
  const matches = signingCertificateMatches(cms.signedAttributes, cms.signer);
  if (matches === false) w.errors.push('signing-certificate-mismatch');
  const st = cms.signedAttributes.get(ATTR.signingTime);
  if (st && !w.claimedSigningTime) {
    try {
      w.claimedSigningTime = timeOf(st).toISOString();
    } catch {
      // an unreadable claimed time is no time
    }
  }
  if (subFilter === 'ETSI.CAdES.detached') {
    w.level = matches !== undefined ? 'PAdES-B-B' : 'CAdES (thiếu signing-certificate)';
    if (matches === undefined) w.warnings.push('not-baseline');
  } else w.level = 'PKCS#7';
  const tst = cms.unsignedAttributes.get(ATTR.timeStampToken);
  if (tst && cms.signatureValue) {
    const token = Buffer.from(tst.buf.subarray(tst.start, tst.end));
    try {
      const ts = checkTimestampToken(token, cms.signatureValue);
      w.timestamp = {
        time: ts.time.toISOString(),
        valid: ts.errors.length === 0,
        ...(ts.tsa ? { tsa: subjectName(ts.tsa) } : {}),
      };
      if (ts.errors.length) w.warnings.push('timestamp-invalid');
      w.timestampToken = token;
      w.timestampCertificates = ts.certificates;
      if (ts.tsa) w.timestampSigner = ts.tsa;
    } catch {
      w.warnings.push('timestamp-invalid');
    }
  }
}

/** Steps 1 and 2 of a signature: range and cryptography. Throws only PdfReadError. */
export function checkSignatureCore(buf: Buffer, doc: PdfDocument, candidate: Candidate): Working {
  const { dict } = candidate;
  const sf = dict.get('SubFilter');
  const subFilter = isName(sf) ? sf.name : '';
  const kind =
    isName(dict.get('Type'), 'DocTimeStamp') || subFilter === 'ETSI.RFC3161'
      ? 'document-timestamp'
      : 'signature';
  const w = emptyWorking(candidate.field, kind);
  w.subFilter = subFilter;
  const claimed = pdfDate(dict.get('M'));
  if (claimed) w.claimedSigningTime = claimed;
  const parts = checkRange(buf, doc, dict, w);
  if (!parts) return w;
  try {
    if (kind === 'document-timestamp') checkDocumentTimestamp(parts.cms, parts.signed, w);
    else checkCms(parts.cms, parts.signed, subFilter, w);
  } catch (e) {
    if (e instanceof PdfReadError) throw e;
    w.errors.push('cms-undecodable');
  }
  if (w.signerCert) {
    w.signer = subjectName(w.signerCert);
    w.signerSubject = w.signerCert.subject.replace(/\n/g, ', ');
  }
  return w;
}

/** The signed revision on its own, for the comparison with what came after. */
export function readSignedRevision(buf: Buffer, w: Working, doc: PdfDocument): void {
  if (!w.coversWholeRevision || w.coversWholeFile) return;
  try {
    w.signedDoc = new PdfDocument(buf.subarray(0, w.signedEnd), doc.budget, doc.deadline);
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw e;
  }
}
