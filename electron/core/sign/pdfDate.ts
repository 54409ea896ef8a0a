// PDF date strings (ISO 32000-1 §7.9.4) in Vietnam time, for the signature dictionary's /M.
import { vietnamTimeParts } from '../../../shared/time';

/** `D:20261122091503+07'00'`: the same instant formatVietnamTime prints, in PDF syntax. */
export function formatPdfDate(date: Date): string {
  const p = vietnamTimeParts(date);
  return `D:${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}+07'00'`;
}
