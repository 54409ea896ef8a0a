// Signing and the slip: which key signs (never its PIN), what is still needed, then the result,
// the slip's preview (rendered by the core from the PDF itself), printing and finishing.
import type { RefObject } from 'react';
import type { ResultDelivery } from '../../../../shared/contracts/dossier';
import type { Response } from '../../../../shared/contract';
import { DOSSIER_STATE_LABELS } from '../../../../shared/procedures';
import { useI18n } from '../../i18n';
import { DeliveryChoice, DueDateLine, defaultDelivery } from './DeliveryChoice';
import { titled } from './shortcuts';

export type ReceptionStatus = Response<'receptionStatus'>;
export type ReceptionResult = Response<'receptionReceive'>;

export function SignPanel({
  status,
  needs,
  complete,
  busyText,
  result,
  delivery,
  onDelivery,
  onSign,
  onRetrySign,
  onPrint,
  onFinish,
  onDiscard,
  printRef,
}: {
  status: ReceptionStatus | null;
  needs: string[];
  complete: boolean;
  busyText: string | null;
  result: ReceptionResult | null;
  /** Where the applicant chose to collect the result (null: the unit's first place). */
  delivery: ResultDelivery | null;
  onDelivery: (d: ResultDelivery) => void;
  onSign: () => void;
  onRetrySign: () => void;
  onPrint: () => void;
  onFinish: () => void;
  onDiscard: () => void;
  printRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const signer = status?.signer;
  const signerText = !signer
    ? ''
    : signer.kind === 'demo'
      ? r.signerDemo
      : signer.kind === 'pkcs12'
        ? r.signerFile(signer.label)
        : r.signerToken(signer.label);
  const signLabel = complete ? r.signButton : r.supplementButton;
  return (
    <section className="reception-panel sign" aria-labelledby="sign-title">
      <h3 id="sign-title">{r.signTitle}</h3>
      {signer && (
        <p className="signer" data-kind={signer.kind}>
          <span className="muted">{r.signWith}: </span>
          {signerText}
        </p>
      )}
      {signer?.pinAskedByMainProcess && <p className="muted small">{r.signerPinNote}</p>}
      {!result && (
        <>
          {status && complete && (
            <DeliveryChoice
              unit={status.unit}
              value={delivery ?? defaultDelivery(status.unit)}
              onChange={onDelivery}
              disabled={busyText !== null}
            />
          )}
          {needs.length > 0 && (
            <p className="muted" id="sign-needs">
              {r.signNeeds}
              {needs.join(', ')}
            </p>
          )}
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={needs.length > 0 || busyText !== null}
              aria-describedby={needs.length > 0 ? 'sign-needs' : undefined}
              title={titled(signLabel, 'sign')}
              aria-keyshortcuts="Alt+K"
              onClick={onSign}
            >
              {signLabel}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busyText !== null}
              onClick={onDiscard}
            >
              {r.startOver}
            </button>
          </div>
        </>
      )}
      <p className="status" role="status" aria-live="polite">
        {busyText}
      </p>
      {result && (
        <SignResult
          result={result}
          busy={busyText !== null}
          onRetrySign={onRetrySign}
          onPrint={onPrint}
          onFinish={onFinish}
          printRef={printRef}
        />
      )}
    </section>
  );
}

/** The received dossier: its code and state, due date, archive code, the slip and what is next. */
function SignResult({
  result,
  busy,
  onRetrySign,
  onPrint,
  onFinish,
  printRef,
}: {
  result: ReceptionResult;
  busy: boolean;
  onRetrySign: () => void;
  onPrint: () => void;
  onFinish: () => void;
  printRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t, lang } = useI18n();
  const r = t.reception;
  return (
    <div className="result" data-dossier={result.dossierCode} data-state={result.state}>
      <p className={result.slipKind === 'receipt' ? 'ok' : 'warn'}>
        {result.slipKind === 'receipt'
          ? r.signedReceipt(result.dossierCode)
          : r.signedSupplement(result.dossierCode)}{' '}
        <span className="badge">{DOSSIER_STATE_LABELS[result.state][lang]}</span>
      </p>
      <DueDateLine result={result} />
      {result.archived && (
        <p className="archived" data-archive-code={result.archived.code}>
          {r.archivedAs(result.archived.code, result.archived.pageCount)}{' '}
          {result.archived.demo ? r.signedDemo : r.signedBy(result.archived.signer)}
        </p>
      )}
      {result.outboxState && <p className="outbox-note">{r.outboxQueued}</p>}
      {result.slipKind === 'receipt' && !result.archived && (
        <div className="warn">
          <p>{r.signFailed}</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            title={titled(r.signRetry, 'sign')}
            aria-keyshortcuts="Alt+K"
            onClick={onRetrySign}
          >
            {r.signRetry}
          </button>
        </div>
      )}
      <h4>{r.previewTitle}</h4>
      <img
        className="slip-preview"
        src={result.slipPreview}
        alt={r.previewAlt(result.dossierCode)}
      />
      <div className="button-row">
        <button
          ref={printRef}
          type="button"
          className="secondary"
          title={titled(r.printButton, 'print')}
          aria-keyshortcuts="Alt+I"
          onClick={onPrint}
        >
          {r.printButton}
        </button>
        <button
          type="button"
          className="primary"
          title={titled(r.finishButton, 'finish')}
          aria-keyshortcuts="Alt+H"
          onClick={onFinish}
        >
          {r.finishButton}
        </button>
      </div>
    </div>
  );
}
