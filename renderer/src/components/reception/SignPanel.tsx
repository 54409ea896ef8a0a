// Signing and the slip. SignPanel is the reception's action bar, always on screen at the foot of
// the counter's window: which key signs (never its PIN), what is still needed or why a key did
// nothing, and the next action's buttons (sign, or print and finish once the slip is there).
// SignResult is the received dossier: its code, state, appointment, archive code and the slip's
// preview (rendered by the core from the PDF itself).
import type { RefObject } from 'react';
import type { ResultDelivery } from '../../../../shared/contracts/dossier';
import type { Response } from '../../../../shared/contract';
import { DOSSIER_STATE_LABELS } from '../../../../shared/procedures';
import { useI18n } from '../../i18n';
import { DeliveryChoice, DueDateLine, defaultDelivery } from './DeliveryChoice';
import { titled } from './shortcuts';

export type ReceptionStatus = Response<'receptionStatus'>;
export type ReceptionResult = Response<'receptionReceive'>;

export interface SignPanelRefs {
  sign: RefObject<HTMLButtonElement | null>;
  print: RefObject<HTMLButtonElement | null>;
}

export function SignPanel({
  status,
  needs,
  complete,
  busyText,
  refusal,
  result,
  delivery,
  onDelivery,
  onSign,
  onRetrySign,
  onPrint,
  onFinish,
  onDiscard,
  refs,
}: {
  status: ReceptionStatus | null;
  needs: string[];
  complete: boolean;
  busyText: string | null;
  /** Why the last key or button did nothing, in words. */
  refusal: string | null;
  result: ReceptionResult | null;
  /** Where the applicant chose to collect the result (null: the unit's first place). */
  delivery: ResultDelivery | null;
  onDelivery: (d: ResultDelivery) => void;
  onSign: () => void;
  onRetrySign: () => void;
  onPrint: () => void;
  onFinish: () => void;
  onDiscard: () => void;
  refs: SignPanelRefs;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const signLabel = complete ? r.signButton : r.supplementButton;
  const blocked = needs.length > 0 || busyText !== null;
  const unsigned = result?.slipKind === 'receipt' && !result.archived;
  return (
    <section className="action-bar" aria-labelledby="sign-title">
      <h3 id="sign-title" className="visually-hidden">
        {r.signTitle}
      </h3>
      <ActionInfo
        status={status}
        needs={result ? [] : needs}
        unsigned={unsigned}
        busyText={busyText}
        refusal={refusal}
      />
      {!result && status && complete && (
        <DeliveryChoice
          unit={status.unit}
          value={delivery ?? defaultDelivery(status.unit)}
          onChange={onDelivery}
          disabled={busyText !== null}
        />
      )}
      <div className="action-buttons">
        {!result ? (
          <>
            <button
              type="button"
              className="secondary"
              disabled={busyText !== null}
              onClick={onDiscard}
            >
              {r.startOver}
            </button>
            {/* Not disabled while something is missing: pressed, it says what (as Alt+K does). */}
            <button
              ref={refs.sign}
              type="button"
              className="primary"
              aria-disabled={blocked}
              aria-describedby={needs.length > 0 ? 'sign-needs' : undefined}
              title={titled(signLabel, 'sign')}
              aria-keyshortcuts="Alt+K"
              onClick={onSign}
            >
              {signLabel}
            </button>
          </>
        ) : (
          <ResultButtons
            unsigned={unsigned}
            busy={busyText !== null}
            refs={refs}
            onRetrySign={onRetrySign}
            onPrint={onPrint}
            onFinish={onFinish}
          />
        )}
      </div>
    </section>
  );
}

/** Once the slip is there: sign again (when signing failed), print, finish. */
function ResultButtons({
  unsigned,
  busy,
  refs,
  onRetrySign,
  onPrint,
  onFinish,
}: {
  unsigned: boolean;
  busy: boolean;
  refs: SignPanelRefs;
  onRetrySign: () => void;
  onPrint: () => void;
  onFinish: () => void;
}) {
  const r = useI18n().t.reception;
  return (
    <>
      {unsigned && (
        <button
          ref={refs.sign}
          type="button"
          className="primary"
          disabled={busy}
          title={titled(r.signRetry, 'sign')}
          aria-keyshortcuts="Alt+K"
          onClick={onRetrySign}
        >
          {r.signRetry}
        </button>
      )}
      <button
        ref={refs.print}
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
    </>
  );
}

/** What the bar says: the key that signs, what is missing, what is running, why a key did nothing. */
function ActionInfo({
  status,
  needs,
  unsigned,
  busyText,
  refusal,
}: {
  status: ReceptionStatus | null;
  needs: string[];
  unsigned: boolean;
  busyText: string | null;
  refusal: string | null;
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
  return (
    <div className="action-info">
      {signer && (
        <p className="signer small" data-kind={signer.kind}>
          <span className="muted">{r.signWith}: </span>
          {signerText}
          {signer.pinAskedByMainProcess && <span className="muted"> · {r.signerPinNote}</span>}
        </p>
      )}
      {needs.length > 0 && (
        <p className="muted" id="sign-needs">
          {r.signNeeds}
          {needs.join(', ')}
        </p>
      )}
      {unsigned && <p className="warn">{r.signFailed}</p>}
      <p className="status" role="status" aria-live="polite">
        {busyText}
      </p>
      <p className="action-refusal" role="alert">
        {refusal}
      </p>
    </div>
  );
}

/** The received dossier: its code and state, due date, archive code and the slip's preview. */
export function SignResult({ result }: { result: ReceptionResult }) {
  const { t, lang } = useI18n();
  const r = t.reception;
  return (
    <section
      className="reception-panel result"
      aria-labelledby="result-title"
      data-dossier={result.dossierCode}
      data-state={result.state}
    >
      <h3 id="result-title">{r.signTitle}</h3>
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
      <h4>{r.previewTitle}</h4>
      <img
        className="slip-preview"
        src={result.slipPreview}
        alt={r.previewAlt(result.dossierCode)}
      />
    </section>
  );
}
