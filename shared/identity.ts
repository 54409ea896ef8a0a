// Applicant identification from the chip ID card, either generation (căn cước công dân with the
// QR on the front; thẻ căn cước, from 1 July 2024, with the QR on the back): the QR, the MRZ
// (ICAO 9303 TD1) and the 12-digit personal identification number. Every check is reported; a
// mismatch is flagged for the clerk, never silently corrected or hidden. One module per concern
// under identity/; this file is what callers import.
export type { CardHolder, CardKind, IdentityCheck, Sex } from './identity/checks';
export { CAN_CUOC_FROM, CARD_KINDS, cardKindOf, QR_FIELDS } from './identity/cardKinds';
export { CURRENT_PROVINCE, currentProvince, PROVINCE_CODES } from './identity/provinces';
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
export {
  CardHolderSchema,
  CardKindSchema,
  IdentityCheckSchema,
  MrzDataSchema,
} from './identity/schemas';
