// The QR code of each card generation, as the card prints it: which side it is on and the
// fields it holds, in order, '|'-separated with dates as ddmmyyyy.
// - Căn cước công dân (TT 06/2021/TT-BCA), QR on the front: ID number | old CMND number |
//   full name | date of birth | sex | permanent residence (nơi thường trú) | date of issue.
// - Thẻ căn cước (TT 16/2024/TT-BCA, from 1 July 2024), QR on the back: the same seven in the
//   same order (the address is now the place of residence, nơi cư trú), then further fields the
//   circular lists (a cancelled personal identification number, parents' names for a child's
//   card). Payloads seen from real cards carry four more fields, empty for an adult; their order
//   is not published in what we could read, so a 12-digit value among them is taken as the
//   cancelled number and the rest kept as they are.
import type { CardKind } from './checks';

export const QR_FIELDS = [
  'idNumber',
  'oldIdNumber',
  'fullName',
  'dateOfBirth',
  'sex',
  'address',
  'dateOfIssue',
] as const;

/** The first day thẻ căn cước were issued; căn cước công dân were issued until the day before. */
export const CAN_CUOC_FROM = '2024-07-01';

export const CARD_KINDS: Record<
  CardKind,
  {
    label: { vi: string; en: string };
    /** The side of the card with the QR code, for telling the clerk what to scan. */
    qrSide: 'front' | 'back';
    addressLabel: { vi: string; en: string };
    /** Fields after the seven common ones, as payloads from real cards carry them. */
    trailingFields: number;
  }
> = {
  cccd: {
    label: { vi: 'Căn cước công dân (mẫu 2021)', en: 'Citizen identity card (2021 model)' },
    qrSide: 'front',
    addressLabel: { vi: 'Nơi thường trú', en: 'Permanent residence' },
    trailingFields: 0,
  },
  'can-cuoc': {
    label: { vi: 'Thẻ căn cước (mẫu từ 01/7/2024)', en: 'Identity card (model of 1 July 2024)' },
    qrSide: 'back',
    addressLabel: { vi: 'Nơi cư trú', en: 'Place of residence' },
    trailingFields: 4,
  },
};

/**
 * Which card a QR came from: more than the seven common fields, or issued from 1 July 2024, is
 * a thẻ căn cước (no căn cước công dân was issued after 30 June 2024).
 */
export function cardKindOf(fieldCount: number, dateOfIssue: string): CardKind {
  return fieldCount > QR_FIELDS.length || dateOfIssue >= CAN_CUOC_FROM ? 'can-cuoc' : 'cccd';
}
