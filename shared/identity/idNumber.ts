// The 12-digit personal identification number (số định danh cá nhân): its structure (province
// of birth registration, sex and century, year of birth) and its agreement with the rest of
// the card.
import { foldVietnamese } from '../text';
import { msg, type IdentityCheck, type Sex } from './checks';
import { PROVINCE_CODES } from './provinces';

export interface IdNumberInfo {
  provinceCode: string;
  province: string | null;
  sex: Sex;
  century: number;
  /** Last two digits of the birth year. */
  yearDigits: string;
}

/** Decodes the structure of a 12-digit ID number (4th digit: sex and century of birth). */
export function decodeIdNumber(id: string): IdNumberInfo | null {
  if (!/^\d{12}$/.test(id)) return null;
  const genderCentury = Number(id[3]);
  return {
    provinceCode: id.slice(0, 3),
    province: PROVINCE_CODES[id.slice(0, 3)] ?? null,
    sex: genderCentury % 2 === 0 ? 'M' : 'F',
    // 0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s.
    century: 1900 + Math.floor(genderCentury / 2) * 100,
    yearDigits: id.slice(4, 6),
  };
}

/** The ID number's own format and its agreement with date of birth, sex and address. */
export function checkIdNumber(
  id: string,
  other: { dateOfBirth?: string; sex?: Sex | null; address?: string } = {},
): IdentityCheck[] {
  const info = decodeIdNumber(id);
  const checks: IdentityCheck[] = [
    {
      id: 'id.format',
      ok: info !== null,
      severity: 'error',
      message: info
        ? msg(`Số định danh ${id} gồm 12 chữ số.`, `ID number ${id} has 12 digits.`)
        : msg(
            `Số định danh "${id}" phải gồm đúng 12 chữ số.`,
            `ID number "${id}" must be exactly 12 digits.`,
          ),
    },
  ];
  if (!info) return checks;
  checks.push({
    id: 'id.province',
    ok: info.province !== null,
    severity: 'error',
    message: msg(
      `Mã tỉnh ${info.provinceCode} ${info.province ? `(${info.province})` : 'không tồn tại'}.`,
      `Province code ${info.provinceCode} ${info.province ? `(${info.province})` : 'does not exist'}.`,
    ),
  });
  if (other.sex) {
    checks.push({
      id: 'id.sex',
      ok: other.sex === info.sex,
      severity: 'error',
      message: msg(
        `Chữ số thứ 4 (${id[3]}) ứng với giới tính ${info.sex === 'M' ? 'Nam' : 'Nữ'}; thẻ ghi ${other.sex === 'M' ? 'Nam' : 'Nữ'}.`,
        `The 4th digit (${id[3]}) means ${info.sex === 'M' ? 'male' : 'female'}; the card says ${other.sex === 'M' ? 'male' : 'female'}.`,
      ),
    });
  }
  if (other.dateOfBirth) {
    const year = Number(other.dateOfBirth.slice(0, 4));
    const expected = info.century + Number(info.yearDigits);
    checks.push({
      id: 'id.birthYear',
      ok: year === expected,
      severity: 'error',
      message: msg(
        `Số định danh ứng với năm sinh ${expected}; ngày sinh ghi năm ${year}.`,
        `The ID number means birth year ${expected}; the date of birth says ${year}.`,
      ),
    });
  }
  if (other.address && info.province) {
    // The code is the province where the birth was registered, so a different address is common.
    const ok = foldVietnamese(other.address).includes(foldVietnamese(info.province));
    checks.push({
      id: 'id.addressProvince',
      ok,
      severity: 'note',
      message: msg(
        `Mã tỉnh nơi đăng ký khai sinh là ${info.province}; địa chỉ ${ok ? 'cùng tỉnh' : 'ở tỉnh khác (thường gặp khi chuyển nơi ở)'}.`,
        `Birth-registration province is ${info.province}; the address is ${ok ? 'in the same province' : 'elsewhere (common after moving)'}.`,
      ),
    });
  }
  return checks;
}
