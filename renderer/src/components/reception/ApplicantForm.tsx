// The applicant: filled from the ID card's QR (a scan works from anywhere on the screen) or typed.
// Editing a scanned value makes the applicant "typed": the record says where the data came from.
import type { RefObject } from 'react';
import { useI18n } from '../../i18n';
import { DateField } from '../desk/DateField';
import { titled } from './shortcuts';

export interface ApplicantDraft {
  fullName: string;
  idNumber: string;
  dateOfBirth: string;
  address: string;
  phone: string;
  source: 'qr' | 'typed';
  /** As read from the card's QR: the old 9-digit number it carries, and which card it is. */
  oldIdNumber?: string;
  card?: 'cccd' | 'can-cuoc';
}

export const EMPTY_APPLICANT: ApplicantDraft = {
  fullName: '',
  idNumber: '',
  dateOfBirth: '',
  address: '',
  phone: '',
  source: 'typed',
};

/** The 12-digit personal identification number: the 9-digit CMND ceased to be valid at the end of 2024. */
export const ID_NUMBER = /^\d{12}$/;

export function applicantReady(a: ApplicantDraft): boolean {
  return a.fullName.trim() !== '' && ID_NUMBER.test(a.idNumber.trim());
}

export function ApplicantForm({
  applicant,
  onChange,
  warnings,
  nameRef,
  idRef,
}: {
  applicant: ApplicantDraft;
  onChange: (a: ApplicantDraft) => void;
  /** Checks of the scanned card that failed, in the current language. */
  warnings: string[];
  nameRef: RefObject<HTMLInputElement | null>;
  idRef?: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const set = (
    key: 'fullName' | 'idNumber' | 'dateOfBirth' | 'address' | 'phone',
    value: string,
  ) => {
    // A retyped ID is no longer the card's: the old number read with it goes too.
    const { oldIdNumber, card, ...rest } = applicant;
    const kept = key === 'idNumber' ? {} : { oldIdNumber, card };
    onChange({ ...rest, ...kept, [key]: value, source: 'typed' });
  };
  const idBad = applicant.idNumber.trim() !== '' && !ID_NUMBER.test(applicant.idNumber.trim());
  return (
    <section className="reception-panel applicant" aria-labelledby="applicant-title">
      <h3 id="applicant-title">
        {r.applicantTitle}{' '}
        <span className="badge" data-source={applicant.source}>
          {applicant.source === 'qr' ? r.applicantFromQr : r.applicantTyped}
        </span>
      </h3>
      <p className="muted small">{r.applicantScanHint}</p>
      <div className="form-grid">
        <label htmlFor="applicant-name">{r.applicantName}</label>
        <input
          id="applicant-name"
          ref={nameRef}
          value={applicant.fullName}
          autoComplete="off"
          title={titled(r.applicantName, 'applicant')}
          aria-keyshortcuts="Alt+N"
          onChange={(e) => set('fullName', e.target.value)}
        />
        <label htmlFor="applicant-id">{r.applicantId}</label>
        <input
          id="applicant-id"
          ref={idRef}
          value={applicant.idNumber}
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={idBad}
          aria-describedby={idBad ? 'applicant-id-error' : undefined}
          onChange={(e) => set('idNumber', e.target.value)}
        />
        {idBad && (
          <p id="applicant-id-error" className="field-error">
            {r.applicantIdInvalid}
          </p>
        )}
        <label htmlFor="applicant-dob">{r.applicantDob}</label>
        <DateField
          id="applicant-dob"
          value={applicant.dateOfBirth}
          onChange={(iso) => set('dateOfBirth', iso)}
        />
        <label htmlFor="applicant-address">{r.applicantAddress}</label>
        <input
          id="applicant-address"
          value={applicant.address}
          autoComplete="off"
          onChange={(e) => set('address', e.target.value)}
        />
        <label htmlFor="applicant-phone">{r.applicantPhone}</label>
        <input
          id="applicant-phone"
          type="tel"
          value={applicant.phone}
          autoComplete="off"
          onChange={(e) => set('phone', e.target.value)}
        />
      </div>
      {warnings.length > 0 && (
        <ul className="card-warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              <strong>{r.applicantCheckFailed}: </strong>
              {w}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
