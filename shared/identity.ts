// Applicant identification from the chip ID card (CCCD / thẻ căn cước): the front QR, the back
// MRZ (ICAO 9303 TD1) and the 12-digit personal identification number. Every check is reported;
// a mismatch is flagged for the clerk, never silently corrected or hidden. One module per
// concern under identity/; this file is what callers import.
export type { CardHolder, IdentityCheck, Sex } from './identity/checks';
export { PROVINCE_CODES } from './identity/provinces';
export { checkIdNumber, decodeIdNumber, type IdNumberInfo } from './identity/idNumber';
export { parseCccdQr, parseKeyboardWedge, type QrParse } from './identity/cccdQr';
export {
  formatMrzTd1,
  mrzCheckDigit,
  mrzName,
  normaliseMrzLines,
  parseMrzTd1,
  type MrzData,
  type MrzParse,
} from './identity/mrz';
export { crossCheckCard } from './identity/crossCheck';
export { CardHolderSchema, IdentityCheckSchema, MrzDataSchema } from './identity/schemas';
