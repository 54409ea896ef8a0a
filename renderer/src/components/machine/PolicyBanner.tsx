// The banner every screen shows while IT's machine policy is invalid: signing and sending are
// stopped, and the clerk (or IT on the phone) reads which line of which file is wrong.
import { useMemo } from 'react';
import { getApi } from '../../api';
import { useI18n } from '../../i18n';
import { useMachineStatus } from './useMachineStatus';
import '../../styles/machine.css';

export function PolicyBanner() {
  const api = useMemo(getApi, []);
  const { t, pick } = useI18n();
  const m = t.machine;
  const status = useMachineStatus(api);
  if (!status || status.policy.state !== 'invalid') return null;
  return (
    <div role="alert" className="policy-banner error" data-policy="invalid">
      <p>
        <strong>{m.policyInvalidTitle}</strong> {m.policyInvalidBody(status.policy.file)}
      </p>
      <ul>
        {status.policy.problems.slice(0, 5).map((p, i) => (
          <li key={i}>
            {m.policyProblem(p.path || m.wholeFile, p.line)}: {pick(p.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}
