// Dossier codes, default format of TT 01/2018/TT-VPCP Art. 19: <agency id>-<YYMMDD>-<NNNN>,
// with the receipt date taken in Vietnam time (UTC+7) whatever the PC's time zone.
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** YYMMDD of the given instant in Vietnam time. */
export function vietnamDayKey(at: Date): string {
  const d = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export function formatDossierCode(agencyId: string, day: string, sequence: number): string {
  return `${agencyId}-${day}-${String(sequence).padStart(4, '0')}`;
}

/** Agency identifiers are dotted codes like H49.64.33; ND 30/2020 allows up to 13 characters. */
export const AGENCY_ID_PATTERN = /^[A-Z0-9]+(\.[A-Z0-9]+)*$/;
