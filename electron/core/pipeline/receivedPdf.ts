// A PDF that arrives signed is evidence: its bytes are what the signer signed, so the archive
// keeps them exactly as they came (never rewritten, never re-signed) and reports its signatures.
// The desk's own OCR text layer and signature go into a separate companion PDF of the same
// record. Any other input is digitized as before.
import type { SignatureSummary } from '../../../shared/contract';
import { sha256Hex } from '../archive/blobStore';
import { signatureHoldsOnArrival } from '../sign/verify/arrival';
import { verifyPdf, type VerifyReport } from '../sign/verify/verifyPdf';
import { isPreRead, type PageSource, type RecordPage } from './types';

/** A received signed PDF, kept as it came, with the verification made when it arrived. */
export interface ReceivedPdf {
  bytes: Buffer;
  sha256: string;
  report: VerifyReport;
  /** The first signer whose signature holds, as the record's list and viewer show it; null when
   * none does (forged, modified, or the check failed): the file is kept, never shown as signed. */
  signature: SignatureSummary | null;
}

/** Bounded like every verification of a file from outside: a hostile PDF cannot stall the desk. */
const VERIFY_LIMIT_MS = 5000;

const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 1024).includes('%PDF-');

/** A run made of one PDF file: its bytes, and what its signatures were found to be. */
export interface SinglePdf {
  /** Reads the same bytes again, so the pages are made from exactly what is archived. */
  source: PageSource;
  bytes: Buffer;
  /** Set when the PDF carries a signature dictionary, whatever its check found. */
  received: ReceivedPdf | null;
}

/**
 * The one PDF of a run, with its signatures verified offline when it carries any (file evidence
 * only; the viewer checks again with the desk's trust list and revocation); null for any other run.
 */
export async function singlePdfInput(sources: readonly RecordPage[]): Promise<SinglePdf | null> {
  const [only] = sources;
  if (sources.length !== 1 || !only || isPreRead(only)) return null;
  let bytes: Buffer;
  try {
    bytes = await only.read();
  } catch {
    return null; // the page flow reports the unreadable file as it does for any input
  }
  if (!isPdf(bytes)) return null;
  const source: PageSource = { name: only.name, read: () => Promise.resolve(bytes) };
  if (!bytes.includes('/ByteRange')) return { source, bytes, received: null };
  // Any signature dictionary makes the file evidence: kept as it came even when its check fails,
  // as rewriting it would destroy what the sender signed.
  let report: VerifyReport;
  try {
    report = await verifyPdf(new Uint8Array(bytes), { timeLimitMs: VERIFY_LIMIT_MS });
  } catch {
    report = unverifiable();
  }
  const received = { bytes, sha256: sha256Hex(bytes), report, signature: summaryOf(report) };
  return { source, bytes, received };
}

/** The report kept when the check itself failed or ran out of time: nothing is shown as signed. */
function unverifiable(): VerifyReport {
  return {
    indication: 'INDETERMINATE',
    verdict: 'indeterminate',
    signatures: [],
    errors: ['structure-unreadable'],
    elapsedMs: 0,
  };
}

/** The first signer whose signature holds; null when none does (shown as not signed). */
function summaryOf(report: VerifyReport): SignatureSummary | null {
  const first = report.signatures.find(signatureHoldsOnArrival);
  if (!first) return null;
  const signedAt = first.timestamp?.time ?? first.claimedSigningTime;
  return {
    signer: first.signer ?? first.signerSubject ?? '?',
    signedAt: signedAt ?? '',
    subFilter: first.subFilter,
    demo: false,
  };
}
