// `sohoa verify`: every signature of a PDF checked the strict way, with an outcome as ETSI
// EN 319 102-1 states it. Per signature: its own structure and cryptography
// (signatureCore.ts); what changed in the document after it, judged by what a viewer shows and
// against the certification level and field locks (changes.ts, permissions.ts); timestamps as
// proof of existence, the certification path and revocation at the proven time
// (trustCheck.ts). The whole run is bounded in work and time for hostile files.
import { PdfDocument } from '../pdf/document';
import { PdfReadError, WorkBudget } from '../pdf/values';
import { compareRevisions } from './changes';
import { archivedRevocation, dssEvidence, mergeEvidence } from './dss';
import { findSignatures, type Candidate } from './findSignatures';
import { decide, isError, verdictOf, worstOutcome, type Outcome } from './indication';
import { judgeChanges, readPermissions } from './permissions';
import type { SignatureReport, VerifyOptions, VerifyReport } from './report';
import { RevocationFetcher } from './revocationFetch';
import {
  checkSignatureCore,
  emptyWorking,
  readSignedRevision,
  type Working,
} from './signatureCore';
import { judgeTrust } from './trustCheck';

export type { SignatureReport, VerifyOptions, VerifyReport } from './report';
export type { Verdict } from './indication';

/** What changed after each signature, and what its permissions make of it. */
function judgeModifications(
  buf: Buffer,
  doc: PdfDocument,
  candidates: Candidate[],
  checked: Working[],
) {
  checked.forEach((w, i) => {
    const candidate = candidates[i]!;
    const perms = readPermissions(doc, candidate.dict, candidate.fieldDict);
    if (perms.certification) w.certification = perms.certification;
    readSignedRevision(buf, w, doc);
    if (!w.coversWholeRevision || w.coversWholeFile) return;
    if (!w.signedDoc) {
      w.changesAfter = 'other';
      w.changeDetails = ['the signed revision cannot be read on its own'];
      w.errors.push('modified-after-signing');
      return;
    }
    try {
      const changes = compareRevisions(w.signedDoc, doc, w.signedEnd);
      w.changesAfter = changes.change;
      w.changeDetails = changes.details;
      const judged = judgeChanges(changes.items, perms, w.field);
      w.errors.push(...judged.errors);
      w.warnings.push(...judged.warnings);
    } catch (e) {
      if (!(e instanceof PdfReadError)) throw e;
      w.changesAfter = 'other';
      w.changeDetails = ['the revisions cannot be compared safely'];
      w.errors.push('modified-after-signing');
    }
  });
}

/**
 * Signatures the file contains but the final revision no longer reaches (a new catalog or
 * form dictionary that leaves them out): the file then shows an unsigned document that was
 * signed, which is a forgery, not an unsigned file.
 */
function orphanedSignatures(buf: Buffer, checked: Working[]): number {
  const known = new Set(checked.map((w) => w.byteRange?.join(' ')));
  const text = buf.toString('latin1');
  let count = 0;
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (c <= b || c + d > buf.length || known.has(`0 ${b} ${c} ${d}`)) continue;
    // An unfilled placeholder (all zeros) was never a signature.
    if (/^<0*>$/.test(buf.toString('latin1', b, c).replace(/\s+/g, ''))) continue;
    if (/%%EOF[\r\n]*$/.test(buf.toString('latin1', Math.max(0, c + d - 8), c + d))) count++;
  }
  return count;
}

/** B-T by a timestamp, B-LT by validation data in the file, B-LTA by a later archive stamp. */
function assignLevels(checked: Working[], hasDss: boolean): void {
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
    if (sig.level === 'PAdES-B-T' && hasDss && sig.revocationEvidence?.source === 'file') {
      sig.level = 'PAdES-B-LT';
    }
    const archive = checked.some(
      (o) =>
        o.kind === 'document-timestamp' &&
        o.cryptoValid &&
        o.signedEnd > sig.signedEnd &&
        o.signedDoc?.catalog?.has('DSS'),
    );
    if (sig.level === 'PAdES-B-LT' && archive) sig.level = 'PAdES-B-LTA';
  }
}

/** The report without the working fields (offsets, parsed revision) kept during the run. */
function publicPart(w: Working): SignatureReport {
  const plain: Record<string, unknown> = { ...w };
  for (const key of [
    'signedEnd',
    'signatureValue',
    'signedDoc',
    'signerCert',
    'certificates',
    'signedAttributes',
    'timestampToken',
    'timestampCertificates',
    'timestampSigner',
  ]) {
    delete plain[key];
  }
  return plain as unknown as SignatureReport;
}

function finish(w: Working): SignatureReport {
  w.errors = [...new Set(w.errors)];
  // A note that is not an error stays a warning even if a step filed it as an error.
  w.warnings = [...new Set([...w.warnings, ...w.errors.filter((e) => !isError(e))])];
  w.errors = w.errors.filter(isError);
  const outcome = decide(w.errors);
  w.indication = outcome.indication;
  if (outcome.subIndication) w.subIndication = outcome.subIndication;
  else delete w.subIndication;
  w.verdict = verdictOf(outcome, w.warnings);
  return publicPart(w);
}

/** The file's outcome: signatures decide; a document timestamp only when it fails. */
function fileOutcome(report: VerifyReport): void {
  const sigs = report.signatures.filter((s) => s.kind === 'signature');
  const stamps = report.signatures.filter((s) => s.kind === 'document-timestamp');
  const relevant: Outcome[] = [
    ...(sigs.length ? sigs : stamps),
    ...(sigs.length ? stamps.filter((s) => s.indication === 'TOTAL_FAILED') : []),
  ].map((s) => ({
    indication: s.indication,
    ...(s.subIndication ? { subIndication: s.subIndication } : {}),
  }));
  // A file-level forgery fails the file whatever its remaining signatures say.
  if (report.errors.includes('signature-removed')) {
    relevant.push({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  }
  const worst = worstOutcome(relevant);
  if (!worst) {
    report.indication = report.errors.length ? 'TOTAL_FAILED' : 'NO_SIGNATURE';
    if (report.errors.length) report.subIndication = 'FORMAT_FAILURE';
    report.verdict = report.errors.length ? 'invalid' : 'unsigned';
    return;
  }
  report.indication = worst.indication;
  if (worst.subIndication) report.subIndication = worst.subIndication;
  const warned = report.signatures.some((s) => s.warnings.length > 0);
  report.verdict = verdictOf(worst, warned ? ['warning'] : []);
}

export async function verifyPdf(
  pdf: Uint8Array,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? 2500);
  const budget = new WorkBudget(5_000_000);
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const report: VerifyReport = {
    indication: 'NO_SIGNATURE',
    verdict: 'unsigned',
    signatures: [],
    errors: [],
    elapsedMs: 0,
  };
  try {
    const doc = new PdfDocument(buf, budget, deadline);
    if (doc.trailer.has('Encrypt')) report.errors.push('encrypted');
    const { found, sharedValues } = findSignatures(doc);
    const checked = found.map((candidate) => {
      try {
        return checkSignatureCore(buf, doc, candidate);
      } catch (e) {
        if (!(e instanceof PdfReadError)) throw e;
        const w = emptyWorking(candidate.field);
        w.errors.push('structure-unreadable');
        return w;
      }
    });
    judgeModifications(buf, doc, found, checked);
    if (orphanedSignatures(buf, checked) > 0) report.errors.push('signature-removed');
    const evidence = mergeEvidence(
      dssEvidence(doc),
      ...checked.map((w) => archivedRevocation(w.signedAttributes)),
    );
    const details = await judgeTrust(checked, {
      anchors: [...(options.trustList?.anchors ?? []), ...(options.trustAnchors ?? [])],
      evidence,
      fetcher: new RevocationFetcher(options.revocation ?? {}),
      now: options.now ?? new Date(),
    });
    assignLevels(checked, Boolean(doc.catalog?.get('DSS')));
    for (const w of checked) {
      if (sharedValues) w.warnings.push('signature-shared-by-fields');
      w.details.push(...(details.get(w) ?? []));
      report.signatures.push(finish(w));
    }
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw e;
    report.errors.push('structure-unreadable');
  }
  fileOutcome(report);
  report.elapsedMs = Date.now() - started;
  return report;
}
