// Vietnamese text for the OCR benchmark pages, written by the project (invented people, places
// and numbers): administrative letters, decisions and forms of the kind a one-stop-shop counter
// scans. A seeded generator combines the pieces, so the same seed always gives the same pages and
// every page has exact ground truth. Lines starting with "# " are rendered bold.

/** mulberry32: a tiny, well-known seeded PRNG; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thùy', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hạnh', 'Khoa', 'Lộc', 'Mỹ', 'Nghĩa'];
const GIVEN2 = ['Phúc', 'Quỳnh', 'Sơn', 'Thảo', 'Tuệ', 'Uyên', 'Việt', 'Yến', 'Đạt', 'Ánh'];
const COMMUNES = ['Tân Hòa', 'Đồng Tâm', 'Phú Xuân', 'Thạch Bàn', 'Hưng Lộc', 'Ea Kly', 'Nà Phặc'];
const DISTRICTS = ['Phú Bình', 'Đại Từ', 'Krông Pắc', 'Ngân Sơn', 'Thuận Châu', 'Hải Hậu'];
const PROVINCES = ['Thái Nguyên', 'Đắk Lắk', 'Bắc Kạn', 'Sơn La', 'Nam Định', 'Quảng Ngãi'];
const PROCEDURES = [
  'đăng ký khai sinh',
  'đăng ký kết hôn',
  'chứng thực bản sao từ bản chính',
  'cấp giấy chứng nhận quyền sử dụng đất',
  'đăng ký thường trú',
  'cấp phép xây dựng nhà ở riêng lẻ',
  'xác nhận tình trạng hôn nhân',
  'đăng ký hộ kinh doanh',
  'trợ cấp xã hội hằng tháng',
  'cấp đổi giấy phép lái xe',
];
const OFFICES = [
  'Phòng Tư pháp',
  'Phòng Tài nguyên và Môi trường',
  'Phòng Lao động - Thương binh và Xã hội',
  'Văn phòng đăng ký đất đai',
  'Phòng Kinh tế - Hạ tầng',
  'Bộ phận tiếp nhận và trả kết quả',
];

function person(rand: () => number): string {
  return `${pick(rand, FAMILY)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)} ${pick(rand, GIVEN2)}`;
}

function date(rand: () => number): string {
  const d = 1 + Math.floor(rand() * 28);
  const m = 1 + Math.floor(rand() * 12);
  return `ngày ${d} tháng ${m} năm 202${Math.floor(rand() * 7)}`;
}

/** A plausible birth date, dd/mm/yyyy. */
function birthDate(rand: () => number, from: number, span: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(1 + Math.floor(rand() * 28))}/${two(1 + Math.floor(rand() * 12))}/${from + Math.floor(rand() * span)}`;
}

function digits(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
}

/** Body sentences; each call fills the slots afresh. */
const SENTENCES: readonly ((r: () => number) => string)[] = [
  (r) =>
    `Ủy ban nhân dân xã ${pick(r, COMMUNES)} đã tiếp nhận hồ sơ ${pick(r, PROCEDURES)} của ông (bà) ${person(r)}.`,
  (r) =>
    `Hồ sơ gồm tờ khai theo mẫu, bản sao căn cước công dân số ${digits(r, 12)} và giấy tờ chứng minh nơi cư trú.`,
  (r) =>
    `Thời hạn giải quyết là ${3 + Math.floor(r() * 12)} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.`,
  (r) =>
    `Đề nghị ${pick(r, OFFICES)} huyện ${pick(r, DISTRICTS)} phối hợp kiểm tra, xác minh và trả lời bằng văn bản trước ${date(r)}.`,
  () =>
    `Trường hợp hồ sơ chưa đầy đủ, cán bộ tiếp nhận hướng dẫn người nộp bổ sung một lần bằng phiếu yêu cầu.`,
  (r) =>
    `Lệ phí ${pick(r, PROCEDURES)} là ${(1 + Math.floor(r() * 9)) * 10}.000 đồng, được miễn cho người thuộc hộ nghèo và người khuyết tật.`,
  (r) =>
    `Bà ${person(r)}, sinh ${date(r)}, thường trú tại thôn ${pick(r, COMMUNES)}, tỉnh ${pick(r, PROVINCES)}.`,
  () =>
    `Kết quả được trả tại Bộ phận một cửa hoặc gửi qua dịch vụ bưu chính công ích theo yêu cầu của người dân.`,
  (r) =>
    `Căn cứ Nghị định số ${10 + Math.floor(r() * 180)}/202${Math.floor(r() * 6)}/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa.`,
  (r) =>
    `Thửa đất số ${1 + Math.floor(r() * 400)}, tờ bản đồ số ${1 + Math.floor(r() * 60)}, diện tích ${100 + Math.floor(r() * 900)},${Math.floor(r() * 10)} m², mục đích sử dụng: đất ở tại nông thôn.`,
  () =>
    `Người yêu cầu cam đoan những thông tin khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật.`,
  (r) =>
    `Ông ${person(r)} được giao nhiệm vụ theo dõi, đôn đốc việc giải quyết và báo cáo kết quả cho Chủ tịch.`,
  (r) =>
    `Số điện thoại liên hệ: 0${digits(r, 9)}; thư điện tử: motcua.${pick(r, ['tanhoa', 'dongtam', 'phuxuan'])}@${pick(r, ['thainguyen', 'daklak', 'namdinh'])}.gov.vn.`,
  () =>
    `Quyết định này có hiệu lực kể từ ngày ký; các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành.`,
  (r) =>
    `Mức trợ cấp hằng tháng là ${(300 + Math.floor(r() * 700)) * 1000} đồng, chi trả qua tài khoản ngân hàng hoặc tại nhà văn hóa thôn.`,
];

const HEADERS: readonly ((r: () => number) => string[])[] = [
  (r) => [
    `# ỦY BAN NHÂN DÂN XÃ ${pick(r, COMMUNES).toUpperCase()}`,
    `Số: ${1 + Math.floor(r() * 300)}/UBND-VP`,
    `V/v giải quyết hồ sơ ${pick(r, PROCEDURES)}`,
    '',
    `${pick(r, COMMUNES)}, ${date(r)}`,
    '',
    `Kính gửi: ${pick(r, OFFICES)} huyện ${pick(r, DISTRICTS)}`,
  ],
  (r) => [
    '# CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    '# Độc lập - Tự do - Hạnh phúc',
    '',
    `# QUYẾT ĐỊNH VỀ VIỆC ${pick(r, PROCEDURES).toUpperCase()}`,
    '',
    `CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ${pick(r, DISTRICTS).toUpperCase()}`,
  ],
  (r) => [
    `# BIÊN BẢN TIẾP NHẬN HỒ SƠ`,
    `Mã hồ sơ: H${digits(r, 2)}.${digits(r, 2)}.${digits(r, 2)}-${digits(r, 6)}-${digits(r, 4)}`,
    `Hôm nay, ${date(r)}, tại Bộ phận một cửa xã ${pick(r, COMMUNES)},`,
    `chúng tôi gồm: ông ${person(r)}, công chức tư pháp - hộ tịch.`,
  ],
];

/**
 * One page of letter or decision: a header, then paragraphs until about `maxChars` characters,
 * then a signature block. Paragraphs are single long lines: the renderer wraps them at words,
 * and the ground truth compares with whitespace collapsed, so wrapping never counts as an error.
 */
export function letterPage(rand: () => number, maxChars: number): string[] {
  const lines = [...pick(rand, HEADERS)(rand), ''];
  let used = lines.join(' ').length;
  // Each sentence kind once per page until all are used, so a page does not repeat itself.
  let unused = [...SENTENCES];
  const sentence = () => {
    if (unused.length === 0) unused = [...SENTENCES];
    const i = Math.floor(rand() * unused.length);
    return unused.splice(i, 1)[0]!(rand);
  };
  while (used < maxChars) {
    const paragraph = Array.from({ length: 2 + Math.floor(rand() * 2) }, sentence).join(' ');
    lines.push(paragraph);
    used += paragraph.length;
  }
  lines.push('', `Nơi nhận: như trên; lưu VT.`, `# TM. ỦY BAN NHÂN DÂN`, `# ${person(rand)}`);
  return lines;
}

export interface FormPage {
  lines: string[];
  /** Line indexes (0-based) that get a rule drawn under them. */
  ruledLines: number[];
  /** Line indexes that end with a tick box at the right margin. */
  boxedLines: number[];
  /** [first, last] line indexes framed by a rectangle (a table). */
  frame: [number, number];
}

const LEADER = (n: number) => '.'.repeat(n);

/**
 * A declaration form: filled-in fields followed by dot leaders, a framed table with a rule under
 * every row, and tick boxes. Dot leaders are text (they are in the ground truth, as on the real
 * forms in the shared corpus); rules, the frame and the boxes are drawn lines, not text.
 */
export function formPage(rand: () => number, variant: 0 | 1): FormPage {
  const title =
    variant === 0 ? 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ' : 'PHIẾU ĐỀ NGHỊ TRỢ CẤP XÃ HỘI';
  const lines = [
    '# CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    '# Độc lập - Tự do - Hạnh phúc',
    '',
    `# ${title}`,
    '',
    `Kính gửi: Ủy ban nhân dân xã ${pick(rand, COMMUNES)} ${LEADER(20)}`,
    `1. Họ, chữ đệm và tên: ${person(rand)} ${LEADER(24)}`,
    `2. Ngày, tháng, năm sinh: ${birthDate(rand, 1950, 50)}   3. Giới tính: ${pick(rand, ['Nam', 'Nữ'])}`,
    `4. Số định danh cá nhân: ${digits(rand, 12)} ${LEADER(16)}`,
    `5. Nơi thường trú: thôn ${pick(rand, COMMUNES)}, huyện ${pick(rand, DISTRICTS)} ${LEADER(10)}`,
    `6. Nghề nghiệp: ${pick(rand, ['Làm ruộng', 'Giáo viên', 'Công nhân', 'Buôn bán'])} ${LEADER(30)}`,
    '',
    '# Những người cùng thay đổi:',
    'TT   Họ và tên                         Ngày sinh      Quan hệ',
    `1    ${person(rand)}          ${birthDate(rand, 1955, 45)}     Vợ`,
    `2    ${person(rand)}          ${birthDate(rand, 2000, 25)}     Con`,
    `3    ${person(rand)}          ${birthDate(rand, 2000, 25)}     Con`,
    '',
    'Đề nghị giải quyết theo hình thức:',
    'Nhận kết quả trực tiếp tại Bộ phận một cửa',
    'Nhận kết quả qua dịch vụ bưu chính',
    'Nhận kết quả trên Cổng dịch vụ công',
    '',
    `Ý kiến của cán bộ tiếp nhận: ${LEADER(36)}`,
    LEADER(70),
    '',
    `${pick(rand, COMMUNES)}, ${date(rand)}`,
    '# NGƯỜI KÊ KHAI',
    `# ${person(rand)}`,
  ];
  return {
    lines,
    ruledLines: [13, 14, 15, 16],
    boxedLines: [19, 20, 21],
    frame: [13, 16],
  };
}
