// `sohoa verify`: every signature of a PDF checked the strict way. Per signature: the byte range
// is well formed and its gap is exactly the /Contents string; the range covers a whole revision;
// the CMS verifies over those bytes; the signer chains to an anchor; the timestamp is over the
// signature; and what changed afterwards. The whole run is bounded in work and time.
import { X509Certificate, createHash } from 'node:crypto';
import { readKeyUsage } from '../certificate';
import { buildChain } from '../chain';
import { PdfDocument } from '../pdf/document';
import { decodeStream } from '../pdf/streams';
import type { PdfDict } from '../pdf/values';
import {
  PdfReadError,
  PdfRef,
  PdfStream,
  PdfString,
  WorkBudget,
  isName,
  type PdfValue,
} from '../pdf/values';
import { compareRevisions, type ChangeClass } from './changes';
import { ATTR, checkSignedData, checkTimestampToken, signingCertificateMatches } from './cmsVerify';
import { timeOf } from './der';
import { ocspStatusFor } from './ocspVerify';

export type Verdict = 'valid' | 'valid-with-warnings' | 'invalid';

export interface SignatureReport {
  field: string;
  kind: 'signature' | 'document-timestamp';
  subFilter: string;
  byteRange?: number[];
  /** Byte range well formed, its gap is the signature, and the digest matches. */
  intact: boolean;
  coversWholeRevision: boolean;
  coversWholeFile: boolean;
  /** The signature value verifies with the signer's key. */
  cryptoValid: boolean;
  digestAlgorithm?: string;
  signatureAlgorithm?: string;
  signer?: string;
  signerSubject?: string;
  /** Subjects from the signer up, as far as known. */
  chain: string[];
  trusted: boolean;
  /** ISO 8601; from /M or the signing-time attribute (claimed, not proven). */
  claimedSigningTime?: string;
  timestamp?: { time: string; valid: boolean; tsa?: string };
  level: string;
  changesAfter: ChangeClass;
  changeDetails: string[];
  /** What the OCSP responses in the /DSS say about the signer's certificate. */
  revocation?: 'good' | 'revoked' | 'unknown' | 'none';
  /** A certification signature's DocMDP permission (1 no changes, 2 forms, 3 + annotations). */
  certification?: number;
  /** Codes of what makes it invalid. */
  errors: string[];
  /** Codes of what deserves attention without invalidating it. */
  warnings: string[];
  verdict: Verdict;
}

export interface VerifyReport {
  verdict: Verdict | 'unsigned';
  signatures: SignatureReport[];
  /** File-level problems (unreadable structure). */
  errors: string[];
  elapsedMs: number;
}

export interface VerifyOptions {
  trustAnchors?: X509Certificate[];
  /** Work and time limits for hostile files. */
  timeLimitMs?: number;
}

interface Candidate {
  field: string;
  ref?: PdfRef;
  dict: PdfDict;
}

/** Signature dictionaries reachable from the AcroForm's fields (with inherited /FT). */
function findSignatures(doc: PdfDocument): { found: Candidate[]; sharedValues: boolean } {
  const found: Candidate[] = [];
  const seenFields = new Set<string>();
  const seenValues = new Map<string, number>();
  let sharedValues = false;
  const acroForm = doc.dict(doc.catalog?.get('AcroForm'));
  const fields = doc.resolve(acroForm?.get('Fields'));
  const walk = (items: PdfValue[], prefix: string, inheritedFt: boolean, depth: number) => {
    if (depth > 16) return;
    for (const item of items) {
      const key = item instanceof PdfRef ? item.key : '';
      if (key && seenFields.has(key)) continue;
      if (key) seenFields.add(key);
      const field = doc.dict(item);
      if (!field) continue;
      const t = field.get('T');
      const name = t instanceof PdfString ? t.text() : '';
      const full = prefix && name ? `${prefix}.${name}` : name || prefix;
      const isSig = isName(field.get('FT'), 'Sig') || (inheritedFt && !field.has('FT'));
      const kids = doc.resolve(field.get('Kids'));
      if (Array.isArray(kids)) walk(kids, full, isSig, depth + 1);
      const v = field.get('V');
      const value = doc.dict(v);
      const placeholder = (() => {
        const c = doc.resolve(value?.get('Contents'));
        return !(c instanceof PdfString) || c.bytes.every((byte) => byte === 0);
      })();
      // An empty field or an unfilled placeholder is not a signature.
      if (isSig && value && !placeholder) {
        const vkey = v instanceof PdfRef ? v.key : `direct:${found.length}`;
        if (seenValues.has(vkey)) {
          sharedValues = true;
          continue;
        }
        seenValues.set(vkey, found.length);
        found.push({
          field: full || `Signature${found.length + 1}`,
          ...(v instanceof PdfRef ? { ref: v } : {}),
          dict: value,
        });
      }
    }
  };
  if (Array.isArray(fields)) walk(fields, '', false, 0);
  return { found, sharedValues };
}

const subjectName = (cert: X509Certificate) =>
  /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject;

function pdfDate(value: PdfValue | undefined): string | undefined {
  if (!(value instanceof PdfString)) return undefined;
  const m = /D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([Z+-])?(\d\d)?'?(\d\d)?/.exec(
    value.text(),
  );
  if (!m) return undefined;
  const sign = m[7] === '-' ? '-' : '+';
  const tz = m[7] && m[7] !== 'Z' ? `${sign}${m[8] ?? '00'}:${m[9] ?? '00'}` : 'Z';
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`;
}

/** Is `end` the end of a revision (just after %%EOF and its end-of-line)? */
function endsRevision(buf: Buffer, end: number): boolean {
  return /%%EOF[\r\n]*$/.test(buf.toString('latin1', Math.max(0, end - 8), end));
}

function checkOne(
  buf: Buffer,
  doc: PdfDocument,
  candidate: Candidate,
  options: VerifyOptions,
  budget: WorkBudget,
  deadline: number,
): SignatureReport & { signedEnd: number; signatureValue?: Buffer; signedDoc?: PdfDocument } {
  const { dict } = candidate;
  const subFilter = isName(dict.get('SubFilter'))
    ? (dict.get('SubFilter') as { name: string }).name
    : '';
  const kind =
    isName(dict.get('Type'), 'DocTimeStamp') || subFilter === 'ETSI.RFC3161'
      ? 'document-timestamp'
      : 'signature';
  const report: SignatureReport & {
    signedEnd: number;
    signatureValue?: Buffer;
    signedDoc?: PdfDocument;
  } = {
    field: candidate.field,
    kind,
    subFilter,
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
    verdict: 'invalid',
    signedEnd: 0,
  };
  const references = doc.resolve(dict.get('Reference'));
  for (const item of Array.isArray(references) ? references : []) {
    const reference = doc.dict(item);
    if (reference && isName(reference.get('TransformMethod'), 'DocMDP')) {
      const p = doc.dict(reference.get('TransformParams'))?.get('P');
      report.certification = p === 1 || p === 3 ? p : 2;
    }
  }
  const claimed = pdfDate(dict.get('M'));
  if (claimed) report.claimedSigningTime = claimed;

  // 1. The byte range and the gap.
  const range = doc.resolve(dict.get('ByteRange'));
  const contentsValue = doc.resolve(dict.get('Contents'));
  if (
    !Array.isArray(range) ||
    range.length !== 4 ||
    !range.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
  ) {
    report.errors.push('byte-range-malformed');
    return report;
  }
  const [a, b, c, d] = range as number[] as [number, number, number, number];
  report.byteRange = [a, b, c, d];
  if (a !== 0 || b <= 0 || c <= b || c + d > buf.length) {
    report.errors.push(c + d > buf.length ? 'byte-range-outside-file' : 'byte-range-malformed');
    return report;
  }
  if (!(contentsValue instanceof PdfString) || !contentsValue.hex) {
    report.errors.push('contents-missing');
    return report;
  }
  // The gap must be exactly the hex string of this dictionary, found where the file says.
  const gap = buf.toString('latin1', b, c);
  if (
    !/^<[0-9a-fA-F\s]*>$/.test(gap) ||
    (contentsValue.start >= 0 && (contentsValue.start !== b || contentsValue.end !== c))
  ) {
    report.errors.push('byte-range-gap-not-signature');
    return report;
  }
  report.signedEnd = c + d;
  report.coversWholeFile =
    /^[\r\n\s\0]*$/.test(buf.toString('latin1', c + d, Math.min(buf.length, c + d + 64))) &&
    buf.length - (c + d) < 64;
  report.coversWholeRevision = endsRevision(buf, c + d) || report.coversWholeFile;
  if (!report.coversWholeRevision) report.errors.push('revision-not-covered');
  const signed = [buf.subarray(0, b), buf.subarray(c, c + d)];
  const cmsBytes = Buffer.from(gap.slice(1, -1).replace(/\s+/g, ''), 'hex');

  // 2. The cryptography.
  let certificates: X509Certificate[] = [];
  let signer: X509Certificate | undefined;
  try {
    if (kind === 'document-timestamp') {
      const ts = checkTimestampToken(cmsBytes, signed);
      report.errors.push(
        ...ts.errors.map((e) => (e === 'timestamp-imprint-mismatch' ? 'digest-mismatch' : e)),
      );
      report.timestamp = {
        time: ts.time.toISOString(),
        valid: ts.errors.length === 0,
        ...(ts.tsa ? { tsa: subjectName(ts.tsa) } : {}),
      };
      signer = ts.tsa;
      certificates = ts.certificates;
      report.intact = !ts.errors.includes('timestamp-imprint-mismatch');
      report.cryptoValid = ts.errors.length === 0;
    } else {
      const sha1Filter = subFilter === 'adbe.pkcs7.sha1';
      const cms = checkSignedData(cmsBytes, sha1Filter ? undefined : signed);
      if (sha1Filter) {
        // The signed content is the SHA-1 of the byte ranges, encapsulated.
        const sha1 = createHash('sha1');
        for (const part of signed) sha1.update(part);
        if (!(cms.eContent ?? Buffer.alloc(0)).equals(sha1.digest())) {
          report.errors.push('digest-mismatch');
        }
      }
      report.errors.push(
        ...cms.errors.map((e) => (e === 'message-digest-mismatch' ? 'digest-mismatch' : e)),
      );
      report.intact =
        !report.errors.includes('digest-mismatch') && !cms.errors.includes('no-content');
      report.cryptoValid = cms.errors.length === 0;
      if (cms.digestAlgorithm) report.digestAlgorithm = cms.digestAlgorithm;
      if (cms.signatureAlgorithm) report.signatureAlgorithm = cms.signatureAlgorithm;
      if (cms.digestAlgorithm === 'sha1') report.warnings.push('weak-digest');
      report.signatureValue = cms.signatureValue;
      signer = cms.signer;
      certificates = cms.certificates;
      if (signer) {
        const matches = signingCertificateMatches(cms.signedAttributes, signer);
        if (matches === false) report.errors.push('signing-certificate-mismatch');
        const hasEss = matches !== undefined;
        const st = cms.signedAttributes.get(ATTR.signingTime);
        if (st && !report.claimedSigningTime) report.claimedSigningTime = timeOf(st).toISOString();
        if (subFilter === 'ETSI.CAdES.detached') {
          report.level = hasEss ? 'PAdES-B-B' : 'CAdES (thiếu signing-certificate)';
          if (!hasEss) report.warnings.push('not-baseline');
        } else report.level = 'PKCS#7';
      }
      const tst = cms.unsignedAttributes.get(ATTR.timeStampToken);
      if (tst && cms.signatureValue) {
        try {
          const ts = checkTimestampToken(
            Buffer.from(tst.buf.subarray(tst.start, tst.end)),
            cms.signatureValue,
          );
          report.timestamp = {
            time: ts.time.toISOString(),
            valid: ts.errors.length === 0,
            ...(ts.tsa ? { tsa: subjectName(ts.tsa) } : {}),
          };
          if (ts.errors.length) report.warnings.push('timestamp-invalid');
        } catch {
          report.warnings.push('timestamp-invalid');
        }
      }
    }
  } catch (e) {
    if (e instanceof PdfReadError) throw e;
    report.errors.push('cms-undecodable');
  }

  // 3. The signer and its chain.
  if (signer) {
    report.signer = subjectName(signer);
    report.signerSubject = signer.subject.replace(/\n/g, ', ');
    const dssCerts = collectDssCertificates(doc);
    const chain = buildChain(signer, [...certificates, ...dssCerts], options.trustAnchors ?? []);
    report.chain = chain.path.map(subjectName);
    report.trusted = chain.trusted;
    if (!chain.trusted) report.warnings.push('chain-untrusted');
    if (kind === 'signature') {
      const usage = readKeyUsage(signer.raw);
      if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
        report.warnings.push('certificate-wrong-usage');
      }
    }
    const ocsps = collectDssStreams(doc, 'OCSPs');
    if (ocsps.length || doc.catalog?.has('DSS')) {
      const pool = [...certificates, ...dssCerts];
      const issuer = chain.path[1];
      const statuses = ocsps.map((r) => ocspStatusFor(r, signer, issuer, pool));
      report.revocation = statuses.includes('revoked')
        ? 'revoked'
        : statuses.includes('good')
          ? 'good'
          : statuses.includes('unknown')
            ? 'unknown'
            : 'none';
      if (report.revocation === 'revoked') report.errors.push('certificate-revoked');
    }
    const at = report.timestamp?.valid
      ? new Date(report.timestamp.time)
      : report.claimedSigningTime
        ? new Date(report.claimedSigningTime)
        : new Date();
    if (at < new Date(signer.validFrom) || at > new Date(signer.validTo))
      report.warnings.push('certificate-not-valid-at-signing-time');
  }

  // 4. What changed afterwards.
  if (report.coversWholeRevision && !report.coversWholeFile) {
    try {
      const signedDoc = new PdfDocument(buf.subarray(0, c + d), budget, deadline);
      report.signedDoc = signedDoc;
      const changes = compareRevisions(signedDoc, doc);
      report.changesAfter = changes.change;
      report.changeDetails = changes.details;
    } catch (e) {
      if (!(e instanceof PdfReadError)) throw e;
      report.changesAfter = 'other';
      report.changeDetails = ['the signed revision cannot be read on its own'];
    }
  }
  return report;
}

function collectDssStreams(doc: PdfDocument, key: 'OCSPs' | 'CRLs'): Buffer[] {
  const dss = doc.dict(doc.catalog?.get('DSS'));
  const items = doc.resolve(dss?.get(key));
  const out: Buffer[] = [];
  for (const ref of Array.isArray(items) ? items.slice(0, 200) : []) {
    const stream = doc.resolve(ref);
    try {
      if (stream instanceof PdfStream) out.push(decodeStream(stream));
    } catch {
      // undecodable: ignored
    }
  }
  return out;
}

function collectDssCertificates(doc: PdfDocument): X509Certificate[] {
  const dss = doc.dict(doc.catalog?.get('DSS'));
  const certs = doc.resolve(dss?.get('Certs'));
  const out: X509Certificate[] = [];
  if (!Array.isArray(certs)) return out;
  for (const ref of certs.slice(0, 200)) {
    const stream = doc.resolve(ref);
    try {
      if (stream instanceof PdfStream) {
        // Certificates in the DSS are usually stored uncompressed; decode when they are not.
        out.push(new X509Certificate(decodeStream(stream)));
      }
    } catch {
      // not a certificate: ignore
    }
  }
  return out;
}

export function verifyPdf(pdf: Uint8Array, options: VerifyOptions = {}): VerifyReport {
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? 2500);
  const budget = new WorkBudget(5_000_000);
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const report: VerifyReport = { verdict: 'unsigned', signatures: [], errors: [], elapsedMs: 0 };
  try {
    const doc = new PdfDocument(buf, budget, deadline);
    if (doc.trailer.has('Encrypt')) report.errors.push('encrypted');
    const { found, sharedValues } = findSignatures(doc);
    const checked = found.map((candidate) => {
      try {
        return checkOne(buf, doc, candidate, options, budget, deadline);
      } catch (e) {
        if (!(e instanceof PdfReadError)) throw e;
        return { ...emptyReport(candidate.field), errors: ['structure-unreadable'], signedEnd: 0 };
      }
    });
    // Levels that depend on later revisions: B-T by a document timestamp, B-LT by a DSS.
    const hasDss = Boolean(doc.catalog?.get('DSS'));
    for (const sig of checked) {
      if (sig.kind === 'document-timestamp') {
        sig.level = 'Document timestamp';
        continue;
      }
      if (!sig.level.startsWith('PAdES')) continue;
      const laterTs = checked.some(
        (o) => o.kind === 'document-timestamp' && o.signedEnd > sig.signedEnd && o.cryptoValid,
      );
      if (sig.timestamp?.valid || laterTs) sig.level = 'PAdES-B-T';
      // B-LT needs validation data for the signer: a verified OCSP answer, or CRLs (kept, not
      // yet checked) in the DSS.
      const hasCrls = collectDssStreams(doc, 'CRLs').length > 0;
      if (sig.level === 'PAdES-B-T' && hasDss && (sig.revocation === 'good' || hasCrls)) {
        sig.level = 'PAdES-B-LT';
      } else if (sig.level === 'PAdES-B-T' && hasDss) sig.warnings.push('no-revocation-data');
      const ltaTs = checked.some(
        (o) => o.kind === 'document-timestamp' && o.cryptoValid && o.signedDoc?.catalog?.has('DSS'),
      );
      if (sig.level === 'PAdES-B-LT' && ltaTs) sig.level = 'PAdES-B-LTA';
    }
    if (sharedValues) for (const sig of checked) sig.warnings.push('signature-shared-by-fields');
    for (const sig of checked) {
      if (sig.changesAfter === 'other') sig.errors.push('modified-after-signing');
      // DocMDP: P=1 allows only DSS and document timestamps afterwards, P=2 no annotations
      // beyond form filling (we cannot tell them apart, so P=2 and P=3 both warn).
      const later = checked.filter((o) => o.signedEnd > sig.signedEnd);
      if (
        sig.certification === 1 &&
        (sig.changesAfter === 'forms-annotations' || later.some((o) => o.kind === 'signature'))
      ) {
        sig.errors.push('certification-violated');
      }
      if (sig.changesAfter === 'forms-annotations') sig.warnings.push('annotations-after-signing');
      sig.verdict = sig.errors.length
        ? 'invalid'
        : sig.warnings.length
          ? 'valid-with-warnings'
          : 'valid';
      report.signatures.push(publicPart(sig));
    }
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw e;
    report.errors.push('structure-unreadable');
  }
  const verdicts = report.signatures.map((s) => s.verdict);
  if (report.errors.length && verdicts.length === 0) report.verdict = 'invalid';
  else if (verdicts.length === 0) report.verdict = 'unsigned';
  else if (verdicts.includes('invalid')) report.verdict = 'invalid';
  else if (verdicts.includes('valid-with-warnings')) report.verdict = 'valid-with-warnings';
  else report.verdict = 'valid';
  report.elapsedMs = Date.now() - started;
  return report;
}

/** The report without the working fields (offsets, parsed revision) kept during the run. */
function publicPart(sig: SignatureReport & { signedDoc?: unknown }): SignatureReport {
  const plain: SignatureReport & Record<string, unknown> = { ...sig };
  delete plain.signedEnd;
  delete plain.signatureValue;
  delete plain.signedDoc;
  return plain;
}

function emptyReport(field: string): SignatureReport {
  return {
    field,
    kind: 'signature',
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
    verdict: 'invalid',
  };
}
