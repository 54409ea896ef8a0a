// Text of the demo's sample pages (invented people and places). Lines starting with "# " are bold.
export interface SampleDocument {
  name: string;
  skewDeg: number;
  lines: string[];
}

export const SAMPLE_DOCUMENTS: readonly SampleDocument[] = [
  {
    name: 'to-khai-dang-ky-khai-sinh',
    skewDeg: 0.8,
    lines: [
      '# CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '# Độc lập - Tự do - Hạnh phúc',
      '',
      '# TỜ KHAI ĐĂNG KÝ KHAI SINH',
      '',
      'Kính gửi: Ủy ban nhân dân xã Tân Hòa, tỉnh Thái Nguyên',
      'Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An',
      'Nơi cư trú: thôn Đồng Tâm, xã Tân Hòa, tỉnh Thái Nguyên',
      'Giấy tờ tùy thân: Căn cước công dân số 019090001234',
      'Quan hệ với người được khai sinh: cha',
      'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
      'Họ, chữ đệm, tên: Nguyễn Thị Bình An',
      'Ngày, tháng, năm sinh: 12/03/2026, ghi bằng chữ: ngày mười hai tháng ba năm hai nghìn không trăm hai mươi sáu',
      'Giới tính: Nữ      Dân tộc: Kinh      Quốc tịch: Việt Nam',
      'Nơi sinh: Trạm y tế xã Tân Hòa, tỉnh Thái Nguyên',
      'Quê quán: xã Đức Lương, tỉnh Thái Nguyên',
      'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật.',
      '',
      'Làm tại: xã Tân Hòa, ngày 20 tháng 3 năm 2026',
      'Người yêu cầu (ký, ghi rõ họ tên): Nguyễn Văn An',
    ],
  },
  {
    name: 'giay-de-nghi',
    skewDeg: -0.6,
    lines: [
      '# ỦY BAN NHÂN DÂN XÃ TÂN HÒA',
      'Số: 45/UBND-TP',
      'V/v chuyển hồ sơ đăng ký khai sinh',
      '',
      'Tân Hòa, ngày 21 tháng 3 năm 2026',
      '',
      'Kính gửi: Sở Tư pháp tỉnh Thái Nguyên',
      '',
      'Ủy ban nhân dân xã Tân Hòa chuyển đến Quý Sở hồ sơ đăng ký khai sinh',
      'của cháu Nguyễn Thị Bình An, sinh ngày 12 tháng 3 năm 2026,',
      'con ông Nguyễn Văn An và bà Trần Thị Đào, để phối hợp giải quyết theo quy định.',
      'Hồ sơ gồm: tờ khai đăng ký khai sinh, giấy chứng sinh, bản sao căn cước công dân.',
      '',
      'Nơi nhận: như trên; lưu văn phòng.',
      'TM. ỦY BAN NHÂN DÂN – CHỦ TỊCH: Lê Quang Đức',
    ],
  },
];
