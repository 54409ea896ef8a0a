// Invented people, places and dates for the generated sample documents, in today's shape of the
// country: two-level local government since 1 July 2025 (communes and wards directly under the
// 34 provinces and cities, no districts), so addresses read "xã/phường …, tỉnh/thành phố …".
// Seeded, so a generated split is reproducible.

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const pad2 = (n: number) => String(n).padStart(2, '0');

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Minh', 'Thanh', 'Khánh'];
const MIDDLE_M = ['Văn', 'Đức', 'Quang', 'Minh', 'Hữu', 'Công'];
export const GIVEN_F = ['Lan', 'Hương', 'Mai', 'Trang', 'Hạnh', 'Thảo', 'Linh', 'Yến', 'Nga'];
export const GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Sơn', 'Long', 'Phúc', 'Khoa', 'Thắng'];
export { SURNAMES };

/** Provinces and centrally-run cities after the 2025 mergers (a sample of the 34). */
export const PROVINCES: readonly { name: string; city: boolean }[] = [
  { name: 'Hà Nội', city: true },
  { name: 'Hải Phòng', city: true },
  { name: 'Đà Nẵng', city: true },
  { name: 'Cần Thơ', city: true },
  { name: 'Huế', city: true },
  { name: 'Thái Nguyên', city: false },
  { name: 'Bắc Ninh', city: false },
  { name: 'Ninh Bình', city: false },
  { name: 'Thanh Hóa', city: false },
  { name: 'Nghệ An', city: false },
  { name: 'Quảng Ngãi', city: false },
  { name: 'Gia Lai', city: false },
  { name: 'Lâm Đồng', city: false },
  { name: 'Tây Ninh', city: false },
  { name: 'Phú Thọ', city: false },
  { name: 'Hưng Yên', city: false },
];

export const COMMUNES: readonly { name: string; ward: boolean }[] = [
  { name: 'Tân Hòa', ward: false },
  { name: 'Phú Lâm', ward: false },
  { name: 'Hải Minh', ward: false },
  { name: 'Đông Sơn', ward: false },
  { name: 'Yên Phú', ward: false },
  { name: 'Bình An', ward: true },
  { name: 'Quảng Lợi', ward: false },
  { name: 'Hồng Hà', ward: true },
  { name: 'Tân Định', ward: true },
  { name: 'Thạch Bàn', ward: true },
];

export interface Place {
  commune: string;
  /** "xã Tân Hòa" / "phường Hồng Hà". */
  communeFull: string;
  province: string;
  /** "tỉnh Thái Nguyên" / "thành phố Hà Nội". */
  provinceFull: string;
}

export function place(r: Rand): Place {
  const c = pick(r, COMMUNES);
  const p = pick(r, PROVINCES);
  return {
    commune: c.name,
    communeFull: `${c.ward ? 'phường' : 'xã'} ${c.name}`,
    province: p.name,
    provinceFull: `${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`,
  };
}

/** An address as written on papers since 1 July 2025. */
export const address = (r: Rand) => {
  const p = place(r);
  return `${pick(r, ['Thôn', 'Tổ dân phố', 'Xóm'])} ${int(r, 1, 12)}, ${p.communeFull}, ${p.provinceFull}`;
};

export interface Person {
  name: string;
  sex: 'M' | 'F';
  birth: { d: number; m: number; y: number };
}

export function person(r: Rand, minYear = 1950, maxYear = 2005): Person {
  const sex = r() < 0.5 ? 'F' : 'M';
  const name = `${pick(r, SURNAMES)} ${pick(r, sex === 'F' ? MIDDLE_F : MIDDLE_M)} ${pick(r, sex === 'F' ? GIVEN_F : GIVEN_M)}`;
  return { name, sex, birth: { d: int(r, 1, 28), m: int(r, 1, 12), y: int(r, minYear, maxYear) } };
}

export type Ymd = { d: number; m: number; y: number };
export const dmy = (b: Ymd) => `${pad2(b.d)}/${pad2(b.m)}/${b.y}`;
export const longDate = (b: Ymd) => `ngày ${pad2(b.d)} tháng ${pad2(b.m)} năm ${b.y}`;
export const isoOf = (b: Ymd) => `${b.y}-${pad2(b.m)}-${pad2(b.d)}`;

/** A date under the current rules: from the two-level government (July 2025) to the end of 2026. */
export function docDate(r: Rand): Ymd {
  const y = r() < 0.4 ? 2025 : 2026;
  return { d: int(r, 1, 28), m: y === 2025 ? int(r, 7, 12) : int(r, 1, 12), y };
}

export const idNumber = (r: Rand, p: Person) =>
  `0${pick(r, ['01', '19', '24', '27', '30', '36', '38'])}${p.sex === 'F' ? (p.birth.y >= 2000 ? 3 : 1) : p.birth.y >= 2000 ? 2 : 0}${String(p.birth.y).slice(2)}${String(int(r, 0, 999999)).padStart(6, '0')}`;

export const NATION = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

/** The true values behind a generated document, for measuring extraction. */
export type TruthFields = Partial<
  Record<
    | 'number'
    | 'notation'
    | 'issuedDate'
    | 'issuer'
    | 'subject'
    | 'fullName'
    | 'dateOfBirth'
    | 'placeOfBirth'
    | 'idNumber'
    | 'husband'
    | 'wife'
    | 'registeredDate',
    string
  >
>;

export interface Clean {
  lines: string[];
  /** How many leading lines are the header and title (the part a cropped scan loses). */
  titleEnd: number;
  truth: TruthFields;
}
