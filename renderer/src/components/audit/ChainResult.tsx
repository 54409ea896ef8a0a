// The audit check in words: intact, or broken with where it breaks and every finding.
import type { Response } from '../../../../shared/contract';
import { useI18n } from '../../i18n';

export function ChainResult({ check }: { check: Response<'auditVerify'> }) {
  const { t } = useI18n();
  const a = t.audit;
  if (check.ok)
    return (
      <p className="chain-ok" data-testid="chain-result">
        ✓ {a.intact(check.entries, check.headSeq)}
      </p>
    );
  const findings = [
    ...check.problems.map((p) => a.problem[p.problem](p.seq)),
    ...(a.anchor[check.anchor] ? [a.anchor[check.anchor]] : []),
    ...check.alteredRecords.map(a.altered),
    ...check.missingRecords.map(a.missing),
    ...check.unloggedRecords.map(a.unlogged),
    ...check.badFiles.map(a.badFile),
  ];
  return (
    <div className="chain-broken" role="alert" data-testid="chain-result">
      <p>✗ {a.broken}</p>
      {check.firstBrokenSeq !== null && <p>{a.brokenAt(check.firstBrokenSeq)}</p>}
      <ul>
        {findings.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
    </div>
  );
}
