// The signature report of an archived file for the screen: the strict validator's findings
// (sign/verify) with each code turned into the sentences `sohoa verify` prints, both languages
// at once so the language switch needs no second check.
import type { SignatureReportView } from '../../../shared/contracts/records';
import type { Localized } from '../../../shared/errors';
import type { Verdict } from '../sign/verify/indication';
import {
  CHANGE_TEXT,
  CODE_TEXT,
  INDICATION_TEXT,
  SUB_TEXT,
  VERDICT_TEXT,
  adviceOf,
} from '../sign/verify/reportText';
import type { VerifyReport } from '../sign/verify/verifyPdf';

/** Where the CLI's sentence gives command-line advice, the desk says what to do instead. */
const DESK_TEXT: Record<string, Localized> = {
  'chain-untrusted': {
    vi: 'chứng thư không dẫn về chứng thư gốc tin cậy (bình thường với chứng thư thử nghiệm; với chứng thư thật, hãy nhờ bộ phận CNTT thêm chứng thư gốc của tổ chức cấp trong Cài đặt)',
    en: 'the certificate does not chain to a trusted root (expected for the test certificate; for a real one, ask IT to add the issuer’s root certificate in Settings)',
  },
};

const say = (code: string): Localized =>
  DESK_TEXT[code] ?? CODE_TEXT[code] ?? { vi: code, en: code };

/** The earlier screen's badge: amber for an outcome that is not (yet) a yes or a no. */
const badge = <V extends Verdict | 'unsigned'>(v: V) =>
  (v === 'indeterminate' ? 'valid-with-warnings' : v) as Exclude<V, 'indeterminate'>;

export function localizeReport(report: VerifyReport): SignatureReportView {
  return {
    verdict: badge(report.verdict),
    verdictText: VERDICT_TEXT[report.verdict],
    indication: report.indication,
    subIndication: report.subIndication ?? null,
    meaning: INDICATION_TEXT[report.indication].meaning,
    advice: adviceOf(report.indication, report.subIndication),
    errors: report.errors.map(say),
    signatures: report.signatures.map((s) => ({
      field: s.field,
      kind: s.kind,
      verdict: badge(s.verdict),
      verdictText: VERDICT_TEXT[s.verdict],
      indication: s.indication,
      subIndication: s.subIndication ?? null,
      meaning: s.subIndication
        ? SUB_TEXT[s.subIndication].meaning
        : INDICATION_TEXT[s.indication].meaning,
      advice: adviceOf(s.indication, s.subIndication),
      signer: s.signer ?? null,
      chain: s.chain,
      trusted: s.trusted,
      trustAnchor: s.trustAnchor ?? null,
      intact: s.intact,
      cryptoValid: s.cryptoValid,
      coversWholeRevision: s.coversWholeRevision,
      level: s.level,
      algorithm: s.signatureAlgorithm ?? s.digestAlgorithm ?? null,
      claimedSigningTime: s.claimedSigningTime ?? null,
      validationTime: s.validationTime ?? null,
      timestamp: s.timestamp
        ? {
            time: s.timestamp.time,
            valid: s.timestamp.valid,
            tsa: s.timestamp.tsa ?? '',
            trusted: s.timestamp.trusted ?? false,
          }
        : null,
      revocation: s.revocation
        ? {
            status: s.revocation,
            source: s.revocationEvidence?.source ?? null,
            kind: s.revocationEvidence?.kind ?? null,
            revokedAt: s.revocationEvidence?.revokedAt ?? null,
          }
        : null,
      changesText: CHANGE_TEXT[s.changesAfter],
      errors: s.errors.map(say),
      warnings: s.warnings.map(say),
    })),
  };
}
