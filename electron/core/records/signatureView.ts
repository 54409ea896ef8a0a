// The signature report of an archived file for the screen: the strict validator's findings
// (sign/verify) with each code turned into the sentences `sohoa verify` prints, both languages
// at once so the language switch needs no second check.
import type { SignatureReportView } from '../../../shared/contracts/records';
import type { Localized } from '../../../shared/errors';
import { CHANGE_TEXT, CODE_TEXT, VERDICT_TEXT } from '../sign/verify/reportText';
import type { VerifyReport } from '../sign/verify/verifyPdf';

/** Where the CLI's sentence gives command-line advice, the desk says what to do instead. */
const DESK_TEXT: Record<string, Localized> = {
  'chain-untrusted': {
    vi: 'chứng thư không dẫn về chứng thư gốc tin cậy (bình thường với chứng thư thử nghiệm; với chứng thư thật, hãy nhờ bộ phận CNTT cài chứng thư gốc của tổ chức cấp)',
    en: 'the certificate does not chain to a trusted root (expected for the test certificate; for a real one, ask IT to install the issuer’s root certificate)',
  },
};

const say = (code: string): Localized =>
  DESK_TEXT[code] ?? CODE_TEXT[code] ?? { vi: code, en: code };

export function localizeReport(report: VerifyReport): SignatureReportView {
  return {
    verdict: report.verdict,
    verdictText: VERDICT_TEXT[report.verdict],
    errors: report.errors.map(say),
    signatures: report.signatures.map((s) => ({
      field: s.field,
      kind: s.kind,
      verdict: s.verdict,
      verdictText: VERDICT_TEXT[s.verdict],
      signer: s.signer ?? null,
      chain: s.chain,
      trusted: s.trusted,
      intact: s.intact,
      cryptoValid: s.cryptoValid,
      coversWholeRevision: s.coversWholeRevision,
      level: s.level,
      algorithm: s.signatureAlgorithm ?? s.digestAlgorithm ?? null,
      claimedSigningTime: s.claimedSigningTime ?? null,
      timestamp: s.timestamp
        ? { time: s.timestamp.time, valid: s.timestamp.valid, tsa: s.timestamp.tsa ?? '' }
        : null,
      changesText: CHANGE_TEXT[s.changesAfter],
      errors: s.errors.map(say),
      warnings: s.warnings.map(say),
    })),
  };
}
