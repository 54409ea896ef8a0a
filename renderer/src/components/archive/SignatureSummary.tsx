// The signature report in the clerk's words: the file's outcome, what it means and what to do,
// then one short block per signature: who signed, when (and whether that time is proven), whether
// the certificate is trusted, whether the file changed after signing. The validator's standard
// terms (indication, sub-indication, chain, algorithm…) stay in the technical details below.
import type { Response } from '../../../../shared/contract';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

type Report = Response<'signatureReport'>['report'];
type Signature = Report['signatures'][number];

/** The badge colour of an outcome: green passed, amber cannot tell yet, red failed. */
export const INDICATION_CLASS = {
  TOTAL_PASSED: 'badge badge-signed',
  INDETERMINATE: 'badge badge-demo',
  TOTAL_FAILED: 'badge badge-bad',
  NO_SIGNATURE: 'badge badge-none',
} as const;

export function SignatureSummary({ report }: { report: Report }) {
  const { t, pick } = useI18n();
  const d = t.desk;
  return (
    <div className="signature-summary" data-indication={report.indication}>
      <p className="summary-outcome">
        <span className={INDICATION_CLASS[report.indication]} data-testid="report-verdict">
          {pick(report.verdictText)}
        </span>{' '}
        {pick(report.meaning)}
      </p>
      {report.signatures.length > 0 && (
        <ul className="summary-signatures">
          {report.signatures.map((s, i) => (
            <SignatureLine key={s.field} signature={s} n={i + 1} />
          ))}
        </ul>
      )}
      <p className="summary-advice">
        <strong>{d.sumWhatToDo}: </strong>
        {pick(report.advice)}
      </p>
    </div>
  );
}

function SignatureLine({ signature: s, n }: { signature: Signature; n: number }) {
  const { t, pick } = useI18n();
  const d = t.desk;
  const proven = s.timestamp?.valid ? s.timestamp.time : null;
  const when = proven
    ? d.sumWhenProven(formatDateTime(proven))
    : s.claimedSigningTime
      ? d.sumWhenClaimed(formatDateTime(s.claimedSigningTime))
      : d.sumWhenUnknown;
  const stamp = s.kind === 'document-timestamp';
  return (
    <li data-indication={s.indication}>
      <strong>{stamp ? d.sumStamp : d.sumSigner(n)}: </strong>
      <span className={INDICATION_CLASS[s.indication]}>{pick(s.verdictText)}</span>
      <ul className="summary-facts">
        {!stamp && <li>{s.signer ? d.sumWho(s.signer) : d.sumWhoUnknown}</li>}
        <li>{when}</li>
        <li className={s.trusted ? undefined : 'warn'}>
          {s.trusted ? d.sumTrusted : d.sumUntrusted}
        </li>
        <li>{pick(s.changesText)}</li>
        {s.indication !== 'TOTAL_PASSED' && <li>{pick(s.advice)}</li>}
      </ul>
    </li>
  );
}
