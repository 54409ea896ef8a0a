// A PDF that arrives signed is evidence: its bytes are what the signer signed, so the archive
// keeps them exactly as they came (never rewritten, never re-signed) and reports its signatures.
// The desk's own OCR text layer and signature go into a separate companion PDF of the same
// record. Any other input is digitized as before.
import type { SignatureSummary } from '../../../shared/contract';
import { sha256Hex } from '../archive/blobStore';
import { verifyPdf, type VerifyReport } from '../sign/verify/verifyPdf';
import { isPreRead, type PageSource, type RecordPage } from './types';

/** A received signed PDF, kept as it came, with the verification made when it arrived. */
export interface ReceivedPdf {
  bytes: Buffer;
  sha256: string;
  report: VerifyReport;
  /** The first signer of the original, as the record's list and viewer show it. */
  signature: SignatureSummary | null;
}

/** Bounded like every verification of a file from outside: a hostile PDF cannot stall the desk. */
const VERIFY_LIMIT_MS = 5000;

const looksSignedPdf = (bytes: Buffer): boolean =>
  bytes.subarray(0, 1024).includes('%PDF-') && bytes.includes('/ByteRange');

/**
 * The one PDF of a run, when it carries at least one signature: verified offline (file evidence
 * only; the viewer checks again with the desk's trust list and revocation). The source is given
 * back reading the same bytes, so the pages are made from exactly what is archived.
 */
export async function receivedSignedPdf(
  sources: readonly RecordPage[],
): Promise<{ received: ReceivedPdf; source: PageSource } | null> {
  const [only] = sources;
  if (sources.length !== 1 || !only || isPreRead(only)) return null;
  let bytes: Buffer;
  try {
    bytes = await only.read();
  } catch {
    return null; // the page flow reports the unreadable file as it does for any input
  }
  const source: PageSource = { name: only.name, read: () => Promise.resolve(bytes) };
  if (!looksSignedPdf(bytes)) return null;
  let report: VerifyReport;
  try {
    report = await verifyPdf(new Uint8Array(bytes), { timeLimitMs: VERIFY_LIMIT_MS });
  } catch {
    return null; // unreadable as a signed PDF: digitized like any other PDF
  }
  const signatures = report.signatures.filter((s) => s.kind === 'signature');
  if (signatures.length === 0) return null;
  return {
    received: { bytes, sha256: sha256Hex(bytes), report, signature: summaryOf(report) },
    source,
  };
}

function summaryOf(report: VerifyReport): SignatureSummary | null {
  const first = report.signatures.find((s) => s.kind === 'signature');
  if (!first) return null;
  const signedAt = first.timestamp?.time ?? first.claimedSigningTime;
  return {
    signer: first.signer ?? first.signerSubject ?? '?',
    signedAt: signedAt ?? '',
    subFilter: first.subFilter,
    demo: false,
  };
}
