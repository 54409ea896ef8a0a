// What every identity reader returns: the card holder's data and the checks run on it. Every
// check is reported, passed or not; a mismatch is flagged for the clerk, never silently
// corrected or hidden.

export type Sex = 'M' | 'F';

/**
 * The two chip cards in use: the căn cước công dân (TT 06/2021/TT-BCA, QR on the front, issued
 * until 30 June 2024 and valid until it expires) and the thẻ căn cước (Luật Căn cước 2023,
 * TT 16/2024/TT-BCA, from 1 July 2024, QR on the back).
 */
export type CardKind = 'cccd' | 'can-cuoc';

export interface CardHolder {
  card: CardKind;
  /** The 12-digit personal identification number (số định danh cá nhân). */
  idNumber: string;
  /**
   * The old number the QR carries (the 9-digit CMND, or a 12-digit CMND), '' when none. Only
   * ever shown as the old number: it is not the applicant's ID.
   */
  oldIdNumber: string;
  fullName: string;
  /** ISO YYYY-MM-DD. */
  dateOfBirth: string;
  sex: Sex | null;
  address: string;
  /** ISO YYYY-MM-DD. */
  dateOfIssue: string;
  /** A personal identification number cancelled in favour of this one (thẻ căn cước), or ''. */
  cancelledIdNumber: string;
}

export interface IdentityCheck {
  /** Stable identifier of the check, e.g. 'id.province', 'mrz.check.birth'. */
  id: string;
  ok: boolean;
  /** 'error': the data disagree; 'note': worth a look but often legitimate. */
  severity: 'error' | 'note';
  message: { vi: string; en: string };
}

/** A message in Vietnamese and English. */
export const msg = (vi: string, en: string) => ({ vi, en });
