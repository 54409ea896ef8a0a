// A generator of labelled, OCR-like documents for measuring classification and extraction:
// invented people, places and numbers in the layouts of real Vietnamese papers, then damaged the
// way OCR of a phone photo or a poor scan damages them (lost diacritics, l/1 and O/0 swaps,
// split and merged words, lost lines, a cropped or garbled title). Seeded, so a split is
// reproducible; different seeds give disjoint train and test sets.
import type { DocumentType } from '../../../shared/classification';
import { DOCUMENT_TYPES } from '../../../shared/classification';

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

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pad2 = (n: number) => String(n).padStart(2, '0');

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Minh', 'Thanh', 'Khánh'];
const MIDDLE_M = ['Văn', 'Đức', 'Quang', 'Minh', 'Hữu', 'Công'];
const GIVEN_F = ['Lan', 'Hương', 'Mai', 'Trang', 'Hạnh', 'Thảo', 'Linh', 'Yến', 'Nga', 'Hà'];
const GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Sơn', 'Long', 'Phúc', 'Khoa', 'Thắng', 'Bình'];
const COMMUNES = [
  'Tân Hòa',
  'Phú Lâm',
  'Hải Minh',
  'Đông Sơn',
  'Yên Phú',
  'Bình An',
  'Quảng Lợi',
  'Thạch Bàn',
];
const DISTRICTS = [
  'Phú Bình',
  'Hải Hậu',
  'Yên Thế',
  'Đông Anh',
  'Thạch Thất',
  'Cẩm Giàng',
  'Tiên Du',
];
const PROVINCES = [
  'Nam Định',
  'Thái Nguyên',
  'Bắc Giang',
  'Hà Nội',
  'Hải Dương',
  'Bắc Ninh',
  'Thanh Hóa',
];
const SUBJECTS = [
  'phê duyệt kế hoạch cải cách hành chính năm 2025',
  'thành lập Tổ công tác rà soát thủ tục hành chính',
  'giao chỉ tiêu số hóa hồ sơ tại bộ phận một cửa',
  'công nhận kết quả bầu trưởng thôn',
  'cấp kinh phí sửa chữa trụ sở làm việc',
  'kiện toàn Ban chỉ đạo chuyển đổi số',
];
const LETTER_SUBJECTS = [
  'đôn đốc số hóa hồ sơ thủ tục hành chính',
  'báo cáo tình hình tiếp nhận hồ sơ quý III',
  'đề nghị cung cấp thông tin hộ tịch',
  'hướng dẫn thực hiện chứng thực điện tử',
  'triển khai lịch tiếp công dân',
];

export interface Person {
  name: string;
  sex: 'M' | 'F';
  birth: { d: number; m: number; y: number };
}

function person(r: Rand, minYear = 1950, maxYear = 2005): Person {
  const sex = r() < 0.5 ? 'F' : 'M';
  const name = `${pick(r, SURNAMES)} ${pick(r, sex === 'F' ? MIDDLE_F : MIDDLE_M)} ${pick(r, sex === 'F' ? GIVEN_F : GIVEN_M)}`;
  return { name, sex, birth: { d: int(r, 1, 28), m: int(r, 1, 12), y: int(r, minYear, maxYear) } };
}

const dmy = (b: { d: number; m: number; y: number }) => `${pad2(b.d)}/${pad2(b.m)}/${b.y}`;
const longDate = (b: { d: number; m: number; y: number }) =>
  `ngày ${pad2(b.d)} tháng ${pad2(b.m)} năm ${b.y}`;
const isoOf = (b: { d: number; m: number; y: number }) => `${b.y}-${pad2(b.m)}-${pad2(b.d)}`;
const place = (r: Rand) =>
  `Xã ${pick(r, COMMUNES)}, Huyện ${pick(r, DISTRICTS)}, Tỉnh ${pick(r, PROVINCES)}`;
const idNumber = (r: Rand, p: Person) =>
  `0${pick(r, ['01', '19', '24', '27', '30', '36', '38'])}${p.sex === 'F' ? (p.birth.y >= 2000 ? 3 : 1) : p.birth.y >= 2000 ? 2 : 0}${String(p.birth.y).slice(2)}${String(int(r, 0, 999999)).padStart(6, '0')}`;

const NATION = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

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

interface Clean {
  lines: string[];
  /** How many leading lines are the header and title (the part a cropped scan loses). */
  titleEnd: number;
  truth: TruthFields;
}

function docDate(r: Rand) {
  return { d: int(r, 1, 28), m: int(r, 1, 12), y: int(r, 2018, 2026) };
}

const TEMPLATES: Record<DocumentType, (r: Rand) => Clean> = {
  cccd_front(r) {
    const p = person(r);
    const id = idNumber(r, p);
    return {
      lines: [
        ...NATION,
        'SOCIALIST REPUBLIC OF VIET NAM',
        'CĂN CƯỚC CÔNG DÂN',
        'Citizen Identity Card',
        `Số / No.: ${id}`,
        `Họ và tên / Full name: ${p.name.toUpperCase()}`,
        `Ngày sinh / Date of birth: ${dmy(p.birth)}`,
        `Giới tính / Sex: ${p.sex === 'F' ? 'Nữ' : 'Nam'}   Quốc tịch / Nationality: Việt Nam`,
        `Quê quán / Place of origin: ${place(r)}`,
        `Nơi thường trú / Place of residence: ${place(r)}`,
        `Có giá trị đến / Date of expiry: ${dmy({ ...p.birth, y: p.birth.y + 40 })}`,
      ],
      titleEnd: 5,
      truth: { fullName: p.name.toUpperCase(), dateOfBirth: isoOf(p.birth), idNumber: id },
    };
  },
  cccd_back(r) {
    const p = person(r);
    const issued = docDate(r);
    return {
      lines: [
        `Đặc điểm nhân dạng / Personal identification: ${pick(r, ['Nốt ruồi', 'Sẹo chấm'])} C:${int(r, 1, 3)}cm ${pick(r, ['trên', 'dưới', 'sau'])} ${pick(r, ['đuôi mắt trái', 'mép phải', 'tai trái'])}`,
        `Ngày, tháng, năm / Date, month, year: ${dmy(issued)}`,
        'CỤC TRƯỞNG CỤC CẢNH SÁT',
        'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI',
        'DIRECTOR GENERAL OF THE POLICE DEPARTMENT',
        'FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER',
        `IDVNM${String(int(r, 1e8, 999999999))}${int(r, 0, 9)}0${String(int(r, 1e10, 99999999999))}<<${int(r, 0, 9)}`,
        `${String(p.birth.y).slice(2)}${pad2(p.birth.m)}${pad2(p.birth.d)}${int(r, 0, 9)}${p.sex}${int(r, 30, 45)}0101${int(r, 0, 9)}VNM<<<<<<<<<<<${int(r, 0, 9)}`,
        `${p.name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[đĐ]/g, 'D')
          .toUpperCase()
          .replace(/ /, '<<')
          .replace(/ /g, '<')}<<<<<<<`,
      ],
      titleEnd: 1,
      truth: {},
    };
  },
  birth_certificate(r) {
    const p = person(r, 1990, 2025);
    const mother = person(r, 1960, 1995);
    const father = person(r, 1960, 1995);
    const reg = { d: Math.min(28, p.birth.d + int(r, 1, 20)), m: p.birth.m, y: p.birth.y };
    const pob = `Bệnh viện đa khoa ${pick(r, ['huyện', 'tỉnh'])} ${pick(r, DISTRICTS)}`;
    return {
      lines: [
        ...NATION,
        `Số: ${int(r, 1, 300)}/${p.birth.y}   Quyển số: ${pad2(int(r, 1, 5))}`,
        'GIẤY KHAI SINH',
        `Họ, chữ đệm, tên: ${p.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(p.birth)}   ghi bằng chữ: ${longDate(p.birth)}`,
        `Giới tính: ${p.sex === 'F' ? 'Nữ' : 'Nam'}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Nơi sinh: ${pob}`,
        `Quê quán: ${place(r)}`,
        `Họ, chữ đệm, tên người mẹ: ${mother.name.toUpperCase()}`,
        `Năm sinh: ${mother.birth.y}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Họ, chữ đệm, tên người cha: ${father.name.toUpperCase()}`,
        `Năm sinh: ${father.birth.y}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Người đi khai sinh: ${mother.name}   Quan hệ với người được khai sinh: Mẹ`,
        `Nơi đăng ký: Ủy ban nhân dân xã ${pick(r, COMMUNES)}`,
        `Ngày, tháng, năm đăng ký: ${dmy(reg)}`,
        'NGƯỜI KÝ GIẤY KHAI SINH',
      ],
      titleEnd: 4,
      truth: {
        fullName: p.name.toUpperCase(),
        dateOfBirth: isoOf(p.birth),
        placeOfBirth: pob,
        registeredDate: isoOf(reg),
      },
    };
  },
  marriage_certificate(r) {
    const wife = { ...person(r, 1970, 2003), sex: 'F' as const };
    wife.name = `${pick(r, SURNAMES)} Thị ${pick(r, GIVEN_F)}`;
    const husband = { ...person(r, 1970, 2003), sex: 'M' as const };
    husband.name = `${pick(r, SURNAMES)} Văn ${pick(r, GIVEN_M)}`;
    const reg = docDate(r);
    return {
      lines: [
        ...NATION,
        'GIẤY CHỨNG NHẬN KẾT HÔN',
        `Số: ${int(r, 1, 200)}   Quyển số: ${pad2(int(r, 1, 3))}`,
        `Họ, chữ đệm, tên vợ: ${wife.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(wife.birth)}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Nơi cư trú: ${place(r)}`,
        `Giấy tờ tùy thân: CCCD số ${idNumber(r, wife)}`,
        `Họ, chữ đệm, tên chồng: ${husband.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(husband.birth)}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Nơi cư trú: ${place(r)}`,
        `Giấy tờ tùy thân: CCCD số ${idNumber(r, husband)}`,
        `Nơi đăng ký: Ủy ban nhân dân xã ${pick(r, COMMUNES)}`,
        `Ngày, tháng, năm đăng ký: ${dmy(reg)}`,
        'Vợ (ký, ghi rõ họ tên)        Chồng (ký, ghi rõ họ tên)',
      ],
      titleEnd: 3,
      truth: {
        wife: wife.name.toUpperCase(),
        husband: husband.name.toUpperCase(),
        registeredDate: isoOf(reg),
      },
    };
  },
  application_form(r) {
    const p = person(r);
    const kind = pick(r, [
      'TỜ KHAI ĐĂNG KÝ KHAI SINH',
      'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
      'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
      'TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH',
      'TỜ KHAI ĐĂNG KÝ KHAI TỬ',
    ]);
    const d = docDate(r);
    const id = idNumber(r, p);
    return {
      lines: [
        ...NATION,
        kind,
        `Kính gửi: Ủy ban nhân dân xã ${pick(r, COMMUNES)}`,
        `Họ, chữ đệm, tên người yêu cầu: ${p.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(p.birth)}`,
        `Giấy tờ tùy thân: Căn cước công dân số ${id}`,
        `Nơi cư trú: ${place(r)}`,
        'Đề nghị cơ quan đăng ký cho tôi thực hiện việc nêu trên.',
        'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
        `Làm tại: xã ${pick(r, COMMUNES)}, ${longDate(d)}`,
        'Người yêu cầu',
        '(Ký, ghi rõ họ, chữ đệm, tên)',
      ],
      titleEnd: 3,
      truth: { fullName: p.name.toUpperCase(), dateOfBirth: isoOf(p.birth), idNumber: id },
    };
  },
  land_use_certificate(r) {
    const p = person(r);
    return {
      lines: [
        ...NATION,
        'GIẤY CHỨNG NHẬN',
        'QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT',
        'I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất',
        `Ông/Bà: ${p.name.toUpperCase()}   Năm sinh: ${p.birth.y}`,
        `CCCD số: ${idNumber(r, p)}`,
        `Địa chỉ thường trú: ${place(r)}`,
        'II. Thửa đất, nhà ở và tài sản khác gắn liền với đất',
        `a) Thửa đất số: ${int(r, 1, 900)}   b) Tờ bản đồ số: ${int(r, 1, 60)}`,
        `c) Địa chỉ: ${place(r)}`,
        `d) Diện tích: ${int(r, 50, 900)},${int(r, 0, 9)} m2`,
        'đ) Hình thức sử dụng: Sử dụng riêng',
        `e) Mục đích sử dụng: ${pick(r, ['Đất ở tại nông thôn', 'Đất trồng cây lâu năm', 'Đất ở tại đô thị'])}`,
        `g) Thời hạn sử dụng: ${pick(r, ['Lâu dài', 'Đến năm 2064'])}`,
        'h) Nguồn gốc sử dụng: Nhà nước công nhận quyền sử dụng đất',
        `Số vào sổ cấp GCN: CH ${String(int(r, 100, 99999)).padStart(5, '0')}`,
      ],
      titleEnd: 4,
      truth: {},
    };
  },
  business_registration(r) {
    const p = person(r);
    const household = r() < 0.5;
    const reg = docDate(r);
    const head = household
      ? [
          `ỦY BAN NHÂN DÂN HUYỆN ${pick(r, DISTRICTS).toUpperCase()}`,
          'PHÒNG TÀI CHÍNH - KẾ HOẠCH',
          ...NATION,
          'GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH',
          `Số: ${int(r, 10, 99)}A8${String(int(r, 0, 999999)).padStart(6, '0')}`,
        ]
      : [
          `SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH ${pick(r, PROVINCES).toUpperCase()}`,
          'PHÒNG ĐĂNG KÝ KINH DOANH',
          ...NATION,
          'GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP',
          'CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN',
          `Mã số doanh nghiệp: 0${int(r, 100000000, 999999999)}`,
        ];
    return {
      lines: [
        ...head,
        `Đăng ký lần đầu: ${longDate(reg)}`,
        household
          ? `Tên hộ kinh doanh: ${pick(r, ['Tạp hóa', 'Cửa hàng', 'Quán'])} ${pick(r, GIVEN_F)}`
          : `Tên công ty viết bằng tiếng Việt: CÔNG TY TNHH ${pick(r, ['THƯƠNG MẠI', 'DỊCH VỤ', 'XÂY DỰNG'])} ${pick(r, GIVEN_M).toUpperCase()}`,
        `Địa điểm kinh doanh / Địa chỉ trụ sở chính: ${place(r)}`,
        `Ngành, nghề kinh doanh: ${pick(r, ['Bán lẻ hàng hóa', 'Dịch vụ ăn uống', 'Sửa chữa xe máy'])}`,
        `Vốn ${household ? 'kinh doanh' : 'điều lệ'}: ${int(r, 50, 5000)}.000.000 đồng`,
        `${household ? 'Chủ hộ kinh doanh' : 'Người đại diện theo pháp luật'}: ${p.name.toUpperCase()}`,
        `Sinh ngày: ${dmy(p.birth)}   Giới tính: ${p.sex === 'F' ? 'Nữ' : 'Nam'}`,
        `Số định danh cá nhân: ${idNumber(r, p)}`,
      ],
      titleEnd: head.length,
      truth: {},
    };
  },
  decision(r) {
    const d = docDate(r);
    const district = pick(r, DISTRICTS);
    const num = int(r, 1, 2500);
    const notation = pick(r, ['QĐ-UBND', 'QĐ-CT', 'QĐ-UBND', 'QĐ-STP']);
    const subject = pick(r, SUBJECTS);
    const issuer = `ỦY BAN NHÂN DÂN HUYỆN ${district.toUpperCase()}`;
    return {
      lines: [
        issuer,
        ...NATION,
        `Số: ${num}/${notation}`,
        `${district}, ${longDate(d)}`,
        'QUYẾT ĐỊNH',
        `Về việc ${subject}`,
        `CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ${district.toUpperCase()}`,
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        'Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ;',
        `Xét đề nghị của Trưởng phòng ${pick(r, ['Nội vụ', 'Tư pháp', 'Tài chính - Kế hoạch'])}.`,
        'QUYẾT ĐỊNH:',
        `Điều 1. ${subject.charAt(0).toUpperCase()}${subject.slice(1)} (có danh sách kèm theo).`,
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        'Điều 3. Chánh Văn phòng HĐND và UBND huyện, Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này./.',
        'Nơi nhận:',
        '- Như Điều 3;',
        '- Lưu: VT.',
        'CHỦ TỊCH',
      ],
      titleEnd: 7,
      truth: {
        number: String(num),
        notation,
        issuedDate: isoOf(d),
        issuer,
        subject: `Về việc ${subject}`,
      },
    };
  },
  official_letter(r) {
    const d = docDate(r);
    const district = pick(r, DISTRICTS);
    const num = int(r, 1, 3000);
    const notation = pick(r, ['UBND-VP', 'UBND-TP', 'STP-HCTP', 'VP-KSTT']);
    const subject = pick(r, LETTER_SUBJECTS);
    const issuer = `ỦY BAN NHÂN DÂN HUYỆN ${district.toUpperCase()}`;
    return {
      lines: [
        issuer,
        ...NATION,
        `Số: ${num}/${notation}`,
        `V/v ${subject}`,
        `${district}, ${longDate(d)}`,
        `Kính gửi: ${pick(r, ['Ủy ban nhân dân các xã, thị trấn', 'Phòng Tư pháp', 'Văn phòng HĐND và UBND huyện'])}`,
        `Thực hiện Quyết định số ${int(r, 1, 900)}/QĐ-UBND ngày ${pad2(int(r, 1, 28))}/${pad2(int(r, 1, 12))}/${d.y} của Ủy ban nhân dân tỉnh,`,
        `Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị ${subject} và báo cáo kết quả trước ngày ${pad2(int(r, 1, 28))}/${pad2(int(r, 1, 12))}/${d.y}.`,
        'Trân trọng./.',
        'Nơi nhận:',
        '- Như trên;',
        '- Lưu: VT.',
        'KT. CHỦ TỊCH',
        'PHÓ CHỦ TỊCH',
      ],
      titleEnd: 5,
      truth: {
        number: String(num),
        notation,
        issuedDate: isoOf(d),
        issuer,
        subject: `V/v ${subject}`,
      },
    };
  },
  petition(r) {
    const p = person(r);
    const title = pick(r, [
      'ĐƠN ĐỀ NGHỊ',
      'ĐƠN KHIẾU NẠI',
      'ĐƠN XIN XÁC NHẬN',
      'ĐƠN ĐĂNG KÝ ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT',
      'ĐƠN TRÌNH BÀY',
    ]);
    const d = docDate(r);
    const id = idNumber(r, p);
    return {
      lines: [
        ...NATION,
        title,
        `Kính gửi: ${pick(r, ['Chủ tịch Ủy ban nhân dân xã', 'Ủy ban nhân dân huyện', 'Văn phòng đăng ký đất đai'])} ${pick(r, COMMUNES)}`,
        `Tôi tên là: ${p.name}`,
        `Sinh ngày: ${dmy(p.birth)}   CCCD số: ${id}`,
        `Hiện cư trú tại: ${place(r)}`,
        `Nay tôi làm đơn này ${pick(r, ['đề nghị quý cơ quan xem xét, giải quyết', 'khiếu nại việc', 'trình bày sự việc như sau'])}: ${pick(r, ['ranh giới thửa đất giáp nhà ông Hùng', 'xác nhận tôi đang cư trú tại địa phương', 'việc chậm trả kết quả hồ sơ'])}.`,
        'Tôi xin cam đoan những điều trình bày trên là đúng sự thật.',
        'Tôi xin chân thành cảm ơn!',
        `${pick(r, COMMUNES)}, ${longDate(d)}`,
        'Người làm đơn',
        '(Ký và ghi rõ họ tên)',
      ],
      titleEnd: 3,
      truth: { fullName: p.name, dateOfBirth: isoOf(p.birth), idNumber: id },
    };
  },
  contract(r) {
    const a = person(r);
    const b = person(r);
    const d = docDate(r);
    const kind = pick(r, [
      'HỢP ĐỒNG THUÊ NHÀ',
      'HỢP ĐỒNG CHUYỂN NHƯỢNG QUYỀN SỬ DỤNG ĐẤT',
      'HỢP ĐỒNG MUA BÁN XE',
      'HỢP ĐỒNG TẶNG CHO TÀI SẢN',
      'HỢP ĐỒNG THUÊ MẶT BẰNG KINH DOANH',
    ]);
    return {
      lines: [
        ...NATION,
        kind,
        `Hôm nay, ${longDate(d)}, tại ${place(r)}, chúng tôi gồm:`,
        `BÊN A (${pick(r, ['Bên cho thuê', 'Bên chuyển nhượng', 'Bên bán', 'Bên tặng cho'])}): Ông/Bà ${a.name}`,
        `Sinh năm: ${a.birth.y}   CCCD số: ${idNumber(r, a)}`,
        `BÊN B (${pick(r, ['Bên thuê', 'Bên nhận chuyển nhượng', 'Bên mua', 'Bên được tặng cho'])}): Ông/Bà ${b.name}`,
        `Sinh năm: ${b.birth.y}   CCCD số: ${idNumber(r, b)}`,
        'Hai bên thỏa thuận ký kết hợp đồng với các điều khoản sau:',
        'ĐIỀU 1. ĐỐI TƯỢNG CỦA HỢP ĐỒNG',
        `ĐIỀU 2. GIÁ VÀ PHƯƠNG THỨC THANH TOÁN: ${int(r, 2, 900)}.000.000 đồng, thanh toán bằng tiền mặt.`,
        'ĐIỀU 3. QUYỀN VÀ NGHĨA VỤ CỦA CÁC BÊN',
        'ĐIỀU 4. CAM KẾT CỦA CÁC BÊN',
        'Hợp đồng được lập thành 02 bản có giá trị pháp lý như nhau.',
        'BÊN A                         BÊN B',
      ],
      titleEnd: 3,
      truth: {},
    };
  },
  other(r) {
    const p = person(r, 2018, 2025);
    const d = docDate(r);
    const variants: string[][] = [
      [
        `BỆNH VIỆN ĐA KHOA HUYỆN ${pick(r, DISTRICTS).toUpperCase()}`,
        'GIẤY CHỨNG SINH',
        `Họ và tên mẹ: ${person(r, 1980, 2000).name}`,
        `Đã sinh con vào lúc: ${int(r, 0, 23)} giờ ${int(r, 0, 59)} phút, ${longDate(p.birth)}`,
        `Tại: Khoa sản   Số con trong lần sinh: 01   Giới tính của con: ${p.sex === 'F' ? 'Nữ' : 'Nam'}`,
        `Cân nặng: ${int(r, 25, 40) / 10} kg`,
        'Người đỡ đẻ (ký, ghi rõ họ tên)   Thủ trưởng cơ sở y tế',
      ],
      [
        'BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ',
        `Mẫu số: 01BLP0-001   Ký hiệu: AA-${d.y % 100}P   Số: ${String(int(r, 1, 9999999)).padStart(7, '0')}`,
        `Tên đơn vị thu: Ủy ban nhân dân xã ${pick(r, COMMUNES)}`,
        `Người nộp: ${p.name}`,
        `Loại phí, lệ phí: ${pick(r, ['Lệ phí hộ tịch', 'Phí chứng thực'])}`,
        `Số tiền: ${int(r, 1, 10) * 5}.000 đồng`,
        `Ngày ${pad2(d.d)} tháng ${pad2(d.m)} năm ${d.y}   Người thu tiền`,
      ],
      [
        'BẢNG KÊ DANH MỤC TÀI LIỆU NỘP KÈM',
        'STT   Tên tài liệu   Số lượng   Ghi chú',
        '1     Bản sao sổ đỏ   01',
        '2     Bản vẽ sơ đồ nhà   02',
        `Tổng cộng: ${int(r, 2, 9)} tài liệu`,
      ],
      [
        `TRẠM Y TẾ XÃ ${pick(r, COMMUNES).toUpperCase()}`,
        'GIẤY BÁO TỬ',
        `Họ và tên người chết: ${person(r, 1930, 1960).name}`,
        `Đã chết vào lúc ${int(r, 0, 23)} giờ, ${longDate(d)}`,
        `Nguyên nhân chết: ${pick(r, ['Bệnh', 'Tuổi già'])}`,
      ],
    ];
    const lines = pick(r, variants);
    return { lines, titleEnd: 2, truth: {} };
  },
};

// ---- OCR damage ----------------------------------------------------------------------------

const CONFUSIONS: [RegExp, string][] = [
  [/l/g, '1'],
  [/I/g, 'l'],
  [/O/g, '0'],
  [/rn/g, 'm'],
  [/m/g, 'rn'],
  [/Đ/g, 'D'],
  [/đ/g, 'd'],
  [/ư/g, 'u'],
  [/ơ/g, 'o'],
  [/ă/g, 'a'],
  [/ê/g, 'e'],
  [/i/g, 'í'],
];

function stripMarks(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** Damages one word as OCR would, with probability scaled by `level` (0–1). */
function damageWord(r: Rand, word: string, level: number): string {
  let w = word;
  if (r() < 0.12 * level) w = stripMarks(w);
  if (r() < 0.1 * level) {
    const [re, to] = pick(r, CONFUSIONS);
    const matches = [...w.matchAll(new RegExp(re.source, 'g'))];
    if (matches.length) {
      const m = pick(r, matches);
      w = w.slice(0, m.index) + to + w.slice(m.index + m[0].length);
    }
  }
  if (w.length > 4 && r() < 0.03 * level) {
    const at = int(r, 1, w.length - 2);
    w = `${w.slice(0, at)} ${w.slice(at)}`;
  }
  return w;
}

export interface GeneratedDoc {
  name: string;
  type: DocumentType;
  text: string;
  /** The clean text before damage, for CER and debugging. */
  clean: string;
  truth: TruthFields;
  /** What was done to it, so a failure can be explained. */
  damage: { titleLost: boolean; level: number };
}

export interface GenerateOptions {
  seed: number;
  perType: number;
  /** Overall damage 0–1 (default 0.6). */
  noise?: number;
  /** Chance the title block is cropped away or garbled beyond the rules (default 0.25). */
  titleLoss?: number;
  prefix?: string;
}

export function generateDocuments(opts: GenerateOptions): GeneratedDoc[] {
  const r = rng(opts.seed);
  const noise = opts.noise ?? 0.6;
  const docs: GeneratedDoc[] = [];
  let n = 0;
  for (let i = 0; i < opts.perType; i++) {
    for (const type of DOCUMENT_TYPES) {
      const clean = TEMPLATES[type](r);
      const level = noise * (0.5 + r());
      let lines = clean.lines;
      const titleLost = r() < (opts.titleLoss ?? 0.25);
      if (titleLost) {
        // Either the top of the page was cut off, or the title came out as garbage.
        lines =
          r() < 0.5
            ? lines.slice(clean.titleEnd)
            : lines.map((l, k) =>
                k < clean.titleEnd
                  ? l.replace(/[A-Za-zÀ-ỹ]/g, (c) =>
                      r() < 0.5 ? pick(r, ['~', '.', '‘', 'i', 'l']) : c,
                    )
                  : l,
              );
      }
      const damaged = lines
        .filter(() => r() > 0.04 * level)
        .map((l) =>
          l
            .split(' ')
            .map((w) => damageWord(r, w, level))
            // Merged words: OCR loses a space now and then.
            .reduce((acc, w) => (acc === '' ? w : acc + (r() < 0.05 * level ? '' : ' ') + w), ''),
        );
      n++;
      docs.push({
        name: `${opts.prefix ?? 'doc'}-${String(n).padStart(4, '0')}`,
        type,
        text: damaged.join('\n'),
        clean: clean.lines.join('\n'),
        truth: clean.truth,
        damage: { titleLost, level },
      });
    }
  }
  return docs;
}
