// The QR and the MRZ of one card must tell the same person (on a căn cước công dân the QR is on
// the front, on a thẻ căn cước on the back with the MRZ).
import { msg, type CardHolder, type IdentityCheck } from './checks';
import { mrzName, type MrzData } from './mrz';

/** Cross-checks the card's QR against its MRZ. */
export function crossCheckCard(holder: CardHolder, mrz: MrzData): IdentityCheck[] {
  const same = (id: string, ok: boolean, vi: string, en: string): IdentityCheck => ({
    id,
    ok,
    severity: 'error',
    message: ok
      ? msg(`${vi} ở QR và MRZ khớp nhau.`, `QR and MRZ ${en} match.`)
      : msg(`${vi} ở QR và MRZ KHÁC nhau.`, `QR and MRZ ${en} DIFFER.`),
  });
  return [
    same('card.id', mrz.idNumber === holder.idNumber, 'Số định danh', 'ID numbers'),
    same('card.birth', mrz.dateOfBirth === holder.dateOfBirth, 'Ngày sinh', 'dates of birth'),
    same('card.sex', mrz.sex === holder.sex, 'Giới tính', 'sex'),
    same(
      'card.name',
      `${mrz.surname} ${mrz.givenNames}`.trim() === mrzName(holder.fullName),
      'Họ tên',
      'names',
    ),
  ];
}
