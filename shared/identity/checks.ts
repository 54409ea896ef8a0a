// What every identity reader returns: the card holder's data and the checks run on it. Every
// check is reported, passed or not; a mismatch is flagged for the clerk, never silently
// corrected or hidden.

export type Sex = 'M' | 'F';

export interface CardHolder {
  idNumber: string;
  /** The old 9-digit CMND number, when the QR carries one. */
  oldIdNumber: string;
  fullName: string;
  /** ISO YYYY-MM-DD. */
  dateOfBirth: string;
  sex: Sex | null;
  address: string;
  /** ISO YYYY-MM-DD. */
  dateOfIssue: string;
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
