// The signature report of the dossier's file, from the core's strict validator, in the current
// language (the core sends both): the plain summary for the clerk first, every technical fact
// folded away under it.
import { useCallback, useEffect, useState } from 'react';
import type { Response, SohoaApi } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { SignatureSummary } from './SignatureSummary';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; value: Response<'signatureReport'> }
  | { kind: 'error'; error: ErrorInfo };

const VERDICT_CLASS = {
  valid: 'badge badge-signed',
  'valid-with-warnings': 'badge badge-demo',
  invalid: 'badge badge-bad',
  unsigned: 'badge badge-none',
} as const;

export function SignatureReport({ api, recordId }: { api: SohoaApi; recordId: number }) {
  const { t, pick } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const check = useCallback(() => {
    let current = true;
    setState({ kind: 'loading' });
    api.signatureReport({ recordId }).then(
      (value) => current && setState({ kind: 'ready', value }),
      (e: unknown) => current && setState({ kind: 'error', error: toErrorInfo(e) }),
    );
    return () => {
      current = false;
    };
  }, [api, recordId]);
  useEffect(check, [check]);

  return (
    <section
      className="signature-report"
      aria-labelledby="report-title"
      data-testid="signature-report"
    >
      <div className="panel-head">
        <h3 id="report-title">{t.reportTitle}</h3>
        <button type="button" className="secondary small" onClick={check}>
          {t.reportRecheck}
        </button>
      </div>
      {state.kind === 'loading' && <p className="muted">{t.reportLoading}</p>}
      {state.kind === 'error' && (
        <p role="alert" className="error">
          {pick(state.error.message)}
        </p>
      )}
      {state.kind === 'ready' && (
        <>
          <p className="small muted">{t.reportFile(state.value.fileName)}</p>
          <SignatureSummary report={state.value.report} />
          <details className="report-technical">
            <summary>{t.desk.sumTechnical}</summary>
            <p>
              <span className={VERDICT_CLASS[state.value.report.verdict]}>
                {pick(state.value.report.verdictText)}
              </span>{' '}
              <code>
                {[state.value.report.indication, state.value.report.subIndication]
                  .filter(Boolean)
                  .join(' / ')}
              </code>
            </p>
            {state.value.report.errors.length > 0 && (
              <ul className="report-errors">
                {state.value.report.errors.map((e, i) => (
                  <li key={i}>{pick(e)}</li>
                ))}
              </ul>
            )}
            {state.value.report.signatures.map((s, i) => (
              <SignatureFacts key={s.field} signature={s} n={i + 1} />
            ))}
          </details>
        </>
      )}
    </section>
  );
}

type Signature = Response<'signatureReport'>['report']['signatures'][number];

/** One signature (or document timestamp): its verdict and every fact it rests on, with problems. */
function SignatureFacts({ signature: s, n }: { signature: Signature; n: number }) {
  const { t, pick } = useI18n();
  const yesNo = (b: boolean) => (b ? t.yes : t.no);
  return (
    <div className="report-signature">
      <h4>
        {s.kind === 'document-timestamp' ? t.reportTimestampKind : t.reportSignature(n, s.field)}
        {': '}
        <span className={VERDICT_CLASS[s.verdict]}>{pick(s.verdictText)}</span>
      </h4>
      <dl className="facts">
        <dt>ETSI</dt>
        <dd>
          <code>{[s.indication, s.subIndication].filter(Boolean).join(' / ')}</code>
        </dd>
        <dt>{t.reportSigner}</dt>
        <dd>{s.signer ?? '?'}</dd>
        <dt>{t.reportChain}</dt>
        <dd>{s.chain.join(' → ') || '?'}</dd>
        <dt>{t.reportTrusted}</dt>
        <dd>{yesNo(s.trusted)}</dd>
        <dt>{t.reportIntact}</dt>
        <dd>{yesNo(s.intact)}</dd>
        <dt>{t.reportCrypto}</dt>
        <dd>{yesNo(s.cryptoValid)}</dd>
        <dt>{t.reportWhole}</dt>
        <dd>{yesNo(s.coversWholeRevision)}</dd>
        <dt>{t.reportLevel}</dt>
        <dd>{s.level || '?'}</dd>
        <dt>{t.reportAlgorithm}</dt>
        <dd>{s.algorithm ?? '?'}</dd>
        {s.claimedSigningTime && (
          <>
            <dt>{t.reportClaimedTime}</dt>
            <dd>{formatDateTime(s.claimedSigningTime)}</dd>
          </>
        )}
        {s.timestamp && (
          <>
            <dt>{t.reportTimestamp}</dt>
            <dd>
              {formatDateTime(s.timestamp.time)} · {s.timestamp.tsa} · {yesNo(s.timestamp.valid)}
            </dd>
          </>
        )}
        <dt>{t.reportAfter}</dt>
        <dd>{pick(s.changesText)}</dd>
      </dl>
      {s.errors.length > 0 && (
        <>
          <p className="report-label">{t.reportProblems}</p>
          <ul className="report-errors">
            {s.errors.map((e, k) => (
              <li key={k}>{pick(e)}</li>
            ))}
          </ul>
        </>
      )}
      {s.warnings.length > 0 && (
        <>
          <p className="report-label">{t.reportWarnings}</p>
          <ul className="report-warnings" data-testid="report-warnings">
            {s.warnings.map((w, k) => (
              <li key={k}>{pick(w)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
