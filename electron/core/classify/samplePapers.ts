// Generated personal papers of a one-stop dossier (ID card, birth and marriage certificates,
// forms, land and business certificates, petitions, private contracts, receipts): invented
// people in the layouts of the real papers, with today's addresses.
import type { DocumentType } from '../../../shared/classification';
import {
  address,
  docDate,
  dmy,
  GIVEN_F,
  GIVEN_M,
  idNumber,
  int,
  isoOf,
  longDate,
  NATION,
  pad2,
  person,
  pick,
  place,
  SURNAMES,
  type Clean,
  type Rand,
} from './sampleData';

export const PAPER_TEMPLATES = {
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
        `Quê quán / Place of origin: ${address(r)}`,
        `Nơi thường trú / Place of residence: ${address(r)}`,
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
    const pob = `${pick(r, ['Bệnh viện đa khoa tỉnh', 'Trung tâm y tế khu vực', 'Bệnh viện Sản nhi tỉnh'])} ${place(r).province}`;
    return {
      lines: [
        ...NATION,
        `Số: ${int(r, 1, 300)}/${p.birth.y}   Quyển số: ${pad2(int(r, 1, 5))}`,
        'GIẤY KHAI SINH',
        `Họ, chữ đệm, tên: ${p.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(p.birth)}   ghi bằng chữ: ${longDate(p.birth)}`,
        `Giới tính: ${p.sex === 'F' ? 'Nữ' : 'Nam'}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Nơi sinh: ${pob}`,
        `Quê quán: ${address(r)}`,
        `Họ, chữ đệm, tên người mẹ: ${mother.name.toUpperCase()}`,
        `Năm sinh: ${mother.birth.y}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Họ, chữ đệm, tên người cha: ${father.name.toUpperCase()}`,
        `Năm sinh: ${father.birth.y}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Người đi khai sinh: ${mother.name}   Quan hệ với người được khai sinh: Mẹ`,
        `Nơi đăng ký: Ủy ban nhân dân ${place(r).communeFull}`,
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
        `Nơi cư trú: ${address(r)}`,
        `Giấy tờ tùy thân: CCCD số ${idNumber(r, wife)}`,
        `Họ, chữ đệm, tên chồng: ${husband.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(husband.birth)}   Dân tộc: Kinh   Quốc tịch: Việt Nam`,
        `Nơi cư trú: ${address(r)}`,
        `Giấy tờ tùy thân: CCCD số ${idNumber(r, husband)}`,
        `Nơi đăng ký: Ủy ban nhân dân ${place(r).communeFull}`,
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
        `Kính gửi: Ủy ban nhân dân ${place(r).communeFull}`,
        `Họ, chữ đệm, tên người yêu cầu: ${p.name.toUpperCase()}`,
        `Ngày, tháng, năm sinh: ${dmy(p.birth)}`,
        `Giấy tờ tùy thân: Căn cước công dân số ${id}`,
        `Nơi cư trú: ${address(r)}`,
        'Đề nghị cơ quan đăng ký cho tôi thực hiện việc nêu trên.',
        'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
        `Làm tại: ${place(r).communeFull}, ${longDate(d)}`,
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
        `Địa chỉ thường trú: ${address(r)}`,
        'II. Thửa đất, nhà ở và tài sản khác gắn liền với đất',
        `a) Thửa đất số: ${int(r, 1, 900)}   b) Tờ bản đồ số: ${int(r, 1, 60)}`,
        `c) Địa chỉ: ${address(r)}`,
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
    const where = place(r);
    const reg = docDate(r);
    const head = household
      ? [
          `ỦY BAN NHÂN DÂN ${where.communeFull.toUpperCase()}`,
          'PHÒNG KINH TẾ',
          ...NATION,
          'GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH',
          `Số: ${int(r, 10, 99)}A8${String(int(r, 0, 999999)).padStart(6, '0')}`,
        ]
      : [
          `SỞ TÀI CHÍNH ${where.provinceFull.toUpperCase()}`,
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
        `Địa điểm kinh doanh / Địa chỉ trụ sở chính: ${address(r)}`,
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
        `Kính gửi: ${pick(r, ['Chủ tịch Ủy ban nhân dân', 'Ủy ban nhân dân', 'Chi nhánh Văn phòng đăng ký đất đai'])} ${place(r).communeFull}`,
        `Tôi tên là: ${p.name}`,
        `Sinh ngày: ${dmy(p.birth)}   CCCD số: ${id}`,
        `Hiện cư trú tại: ${address(r)}`,
        `Nay tôi làm đơn này ${pick(r, ['đề nghị quý cơ quan xem xét, giải quyết', 'khiếu nại việc', 'trình bày sự việc như sau'])}: ${pick(r, ['ranh giới thửa đất giáp nhà ông Hùng', 'xác nhận tôi đang cư trú tại địa phương', 'việc chậm trả kết quả hồ sơ'])}.`,
        'Tôi xin cam đoan những điều trình bày trên là đúng sự thật.',
        'Tôi xin chân thành cảm ơn!',
        `${place(r).commune}, ${longDate(d)}`,
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
        `Hôm nay, ${longDate(d)}, tại ${address(r)}, chúng tôi gồm:`,
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
        `BỆNH VIỆN ĐA KHOA ${place(r).provinceFull.toUpperCase()}`,
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
        `Tên đơn vị thu: Ủy ban nhân dân ${place(r).communeFull}`,
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
        `TRẠM Y TẾ ${place(r).communeFull.toUpperCase()}`,
        'GIẤY BÁO TỬ',
        `Họ và tên người chết: ${person(r, 1930, 1960).name}`,
        `Đã chết vào lúc ${int(r, 0, 23)} giờ, ${longDate(d)}`,
        `Nguyên nhân chết: ${pick(r, ['Bệnh', 'Tuổi già'])}`,
      ],
    ];
    const lines = pick(r, variants);
    return { lines, titleEnd: 2, truth: {} };
  },
} satisfies Partial<Record<DocumentType, (r: Rand) => Clean>>;
