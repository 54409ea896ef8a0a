// Where the applicant collects the result: one of the places the reception unit offers, or the
// public postal service (to the address typed, else the applicant's). The choice goes with the
// dossier and is printed on the receipt.
import type { ResultDelivery } from '../../../../shared/contracts/dossier';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import type { ReceptionResult, ReceptionStatus } from './SignPanel';

const POST = '\u0000post';

/** The unit's first place: what the counter records when the applicant says nothing. */
export function defaultDelivery(unit: ReceptionStatus['unit'] | undefined): ResultDelivery | null {
  const first = unit?.places[0];
  return first ? { kind: 'place', name: first.name, address: first.address } : null;
}

export function DeliveryChoice({
  unit,
  value,
  onChange,
  disabled,
}: {
  unit: ReceptionStatus['unit'];
  value: ResultDelivery | null;
  onChange: (d: ResultDelivery) => void;
  disabled: boolean;
}) {
  const r = useI18n().t.reception;
  const selected = value?.kind === 'post' ? POST : (value?.name ?? unit.places[0]?.name ?? '');
  const choose = (key: string) => {
    if (key === POST) return onChange({ kind: 'post', address: '' });
    const place = unit.places.find((p) => p.name === key);
    if (place) onChange({ kind: 'place', name: place.name, address: place.address });
  };
  return (
    <div className="delivery-choice" data-delivery={value?.kind ?? 'place'}>
      <label htmlFor="delivery-place">{r.deliveryTitle}</label>
      <select
        id="delivery-place"
        value={selected}
        disabled={disabled}
        aria-describedby="delivery-hint"
        onChange={(e) => choose(e.target.value)}
      >
        {unit.places.map((p) => (
          <option key={p.name} value={p.name}>
            {p.address ? `${p.name} – ${p.address}` : p.name}
          </option>
        ))}
        {unit.postal && <option value={POST}>{r.deliveryPost}</option>}
      </select>
      <p id="delivery-hint" className="muted small">
        {r.deliveryHint}
      </p>
      {value?.kind === 'post' && (
        <>
          <label htmlFor="delivery-address">{r.deliveryPostAddress}</label>
          <input
            id="delivery-address"
            value={value.address}
            disabled={disabled}
            placeholder={r.deliveryPostAddressHint}
            onChange={(e) => onChange({ kind: 'post', address: e.target.value })}
          />
        </>
      )}
    </div>
  );
}

/**
 * The received dossier's appointment, whether its year's days off are official or estimated, and
 * where the applicant collects the result.
 */
export function DueDateLine({ result }: { result: ReceptionResult }) {
  const r = useI18n().t.reception;
  const year = result.due?.dueYear;
  const estimated = year?.status === 'estimated';
  const d = result.delivery;
  return (
    <>
      {result.dueDate && (
        <p className="due-line" data-year-status={year?.status ?? ''}>
          {r.dueDate}:{' '}
          <strong className="due" data-iso={result.dueDate}>
            {formatDate(result.dueDate)}
          </strong>
          {year && (
            <>
              {' '}
              <span className={estimated ? 'badge warn due-estimated' : 'muted small'}>
                ({estimated ? r.dueEstimated(year.year) : r.dueOfficial(year.year)})
              </span>
            </>
          )}
        </p>
      )}
      {d && (
        <p className="delivery-chosen" data-delivery={d.kind}>
          {r.deliveryChosen}:{' '}
          {d.kind === 'post'
            ? `${r.deliveryPost}${d.address ? ` – ${d.address}` : ''}`
            : `${d.name}${d.address ? ` – ${d.address}` : ''}`}
        </p>
      )}
    </>
  );
}
