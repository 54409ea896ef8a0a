// The 12-digit personal identification number (số định danh cá nhân): its structure (province
// or country of birth registration, sex and century, year of birth) and its agreement with the
// rest of the card.
import { foldVietnamese } from '../text';
import { msg, type IdentityCheck, type Sex } from './checks';
import { currentProvince, PROVINCE_CODES } from './provinces';

export interface IdNumberInfo {
  provinceCode: string;
  /** The birth-registration province as the code names it; null for another code. */
  province: string | null;
  /** The province that one is part of since the 2025 mergers (null with `province`). */
  currentProvince: string | null;
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
    currentProvince: PROVINCE_CODES[id.slice(0, 3)]
      ? currentProvince(PROVINCE_CODES[id.slice(0, 3)]!)
      : null,
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
  checks.push(provinceCheck(info));
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
  if (other.address && info.province) checks.push(addressCheck(info, other.address));
  return checks;
}

/** "Nam Định, nay thuộc Ninh Bình" when the province was merged, else its name. */
function provinceText(info: IdNumberInfo, lang: 'vi' | 'en'): string {
  if (!info.province) return '';
  if (info.currentProvince === info.province) return info.province;
  return lang === 'vi'
    ? `${info.province}, nay thuộc ${info.currentProvince}`
    : `${info.province}, now part of ${info.currentProvince}`;
}

/**
 * The first three digits: a province code, or else the code of the country where a birth
 * registered abroad was recorded (ND 137/2015, Art. 13). An unknown code is a note for the clerk
 * to look at, never a refusal: the list of country codes is not ours to keep.
 */
function provinceCheck(info: IdNumberInfo): IdentityCheck {
  if (info.province) {
    return {
      id: 'id.province',
      ok: true,
      severity: 'error',
      message: msg(
        `Mã tỉnh ${info.provinceCode} (${provinceText(info, 'vi')}).`,
        `Province code ${info.provinceCode} (${provinceText(info, 'en')}).`,
      ),
    };
  }
  return {
    id: 'id.province',
    ok: false,
    severity: 'note',
    message: msg(
      `Ba số đầu ${info.provinceCode} không phải mã tỉnh: có thể là mã quốc gia nơi đăng ký khai sinh ở nước ngoài (NĐ 137/2015, Điều 13). Đối chiếu với giấy tờ của công dân.`,
      `The first three digits ${info.provinceCode} are not a province code: they may be the code of the country where the birth was registered abroad (ND 137/2015, Art. 13). Check against the applicant's papers.`,
    ),
  };
}

/** Whether `text` names `place` as a whole word (folded: "Huế" is not inside "Thuế"). */
function namesPlace(text: string, place: string): boolean {
  const folded = ` ${foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ')} `;
  return folded.includes(` ${foldVietnamese(place).replace(/[^a-z0-9]+/g, ' ')} `);
}

/**
 * The code is the province where the birth was registered, so a different address is common; an
 * address naming the merged province (or the old one) counts as the same.
 */
function addressCheck(info: IdNumberInfo, address: string): IdentityCheck {
  const ok = [info.province!, info.currentProvince!].some((p) => namesPlace(address, p));
  return {
    id: 'id.addressProvince',
    ok,
    severity: 'note',
    message: msg(
      `Mã tỉnh nơi đăng ký khai sinh là ${provinceText(info, 'vi')}; địa chỉ ${ok ? 'cùng tỉnh' : 'ở tỉnh khác (thường gặp khi chuyển nơi ở)'}.`,
      `Birth-registration province is ${provinceText(info, 'en')}; the address is ${ok ? 'in the same province' : 'elsewhere (common after moving)'}.`,
    ),
  };
}
