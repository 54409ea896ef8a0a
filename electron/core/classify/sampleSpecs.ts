// The generated administrative, normative and judicial documents, one spec per type: title,
// notation code, who issues it, a few subjects and body lines in each type's own wording, with
// the citations of today (the 2025 laws on government and local government, the one-stop decree).
import type { DocumentType } from '../../../shared/classification';
import type { IssuerKind } from './sampleOfficial';

const CITE_LOCAL = 'Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;';
const CITE_GOV = 'Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;';
const CITE_ONE_STOP =
  'Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông;';
const CITE_LEGAL = 'Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;';

export interface Spec {
  title: string;
  /** The type abbreviation of the notation; none for official letters and public letters. */
  code?: string;
  issuers: IssuerKind[];
  subjects: string[];
  body: string[];
  normative?: boolean;
  layout?: 'titled' | 'letter' | 'law' | 'precedent' | 'plain';
}

const CITATIONS: Record<string, string> = {
  '@LOCAL': CITE_LOCAL,
  '@GOV': CITE_GOV,
  '@ONESTOP': CITE_ONE_STOP,
  '@LEGAL': CITE_LEGAL,
};

/** One spec: issuers space-separated, subjects and body lines "|"-separated (@X: a citation). */
const S = (
  title: string,
  code: string | undefined,
  issuers: string,
  subjects: string,
  body: string,
  extra: Partial<Spec> = {},
): Spec => ({
  title,
  ...(code ? { code } : {}),
  issuers: issuers.split(' ').filter(Boolean) as IssuerKind[],
  subjects: subjects.split('|'),
  body: body.split('|').map((l) => CITATIONS[l] ?? l),
  ...extra,
});

export const SPECS: Partial<Record<DocumentType, Spec>> = {
  decision: S(
    'QUYẾT ĐỊNH',
    'QĐ',
    'province commune department pm',
    'Về việc phê duyệt Kế hoạch số hóa hồ sơ thủ tục hành chính năm 2026|Về việc thành lập Tổ công tác rà soát thủ tục hành chính|Về việc công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã|Về việc kiện toàn Ban Chỉ đạo chuyển đổi số',
    '@LOCAL|@ONESTOP|Xét đề nghị của Chánh Văn phòng.|QUYẾT ĐỊNH:|Điều 1. Phê duyệt kèm theo Quyết định này nội dung nêu trên.|Điều 2. Quyết định này có hiệu lực kể từ ngày ký.|Điều 3. Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.',
  ),
  resolution: S(
    'NGHỊ QUYẾT',
    'NQ',
    'province government',
    'Quy định mức chi hỗ trợ công tác số hóa tài liệu lưu trữ|Về phiên họp Chính phủ thường kỳ tháng 10 năm 2025',
    '@LOCAL|@LEGAL|QUYẾT NGHỊ:|Điều 1. Thông qua nội dung nêu trên.|Nghị quyết này có hiệu lực kể từ ngày ký.',
    { normative: true },
  ),
  directive: S(
    'CHỈ THỊ',
    'CT',
    'province pm',
    'Về việc tăng cường kỷ luật, kỷ cương hành chính trong thực hiện thủ tục hành chính|Về đẩy mạnh chuyển đổi số trong hoạt động của cơ quan nhà nước',
    'Trong thời gian qua, công tác cải cách thủ tục hành chính đã đạt được nhiều kết quả.|Để khắc phục những hạn chế nêu trên, Chủ tịch Ủy ban nhân dân yêu cầu:|1. Thủ trưởng các sở, ban, ngành tổ chức quán triệt, thực hiện nghiêm Chỉ thị này.|Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện Chỉ thị này./.',
  ),
  regulation: S(
    'QUY CHẾ',
    'QC',
    'province commune department',
    'Làm việc của Ủy ban nhân dân nhiệm kỳ 2021 - 2026|Quản lý, sử dụng chữ ký số trong cơ quan',
    '(Ban hành kèm theo Quyết định số 25/QĐ-UBND của Ủy ban nhân dân)|Chương I|QUY ĐỊNH CHUNG|Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng|Quy chế này quy định nguyên tắc, chế độ trách nhiệm, lề lối làm việc.',
    { layout: 'plain' },
  ),
  provisions: S(
    'QUY ĐỊNH',
    'QyĐ',
    'province commune department',
    'Về tiêu chuẩn, điều kiện bổ nhiệm chức danh lãnh đạo, quản lý|Về phân cấp quản lý tài liệu lưu trữ',
    '(Ban hành kèm theo Quyết định số 40/QĐ-UBND)|Điều 1. Phạm vi điều chỉnh|Quy định này áp dụng đối với các cơ quan, đơn vị thuộc tỉnh.',
    { layout: 'plain' },
  ),
  communique: S(
    'THÔNG CÁO BÁO CHÍ',
    'TC',
    'province ministry',
    'Kết quả Hội nghị xúc tiến đầu tư năm 2026|Về việc ban hành văn bản quy phạm pháp luật tháng 11',
    'Ngày 12/11/2025, tại trụ sở, đã diễn ra hội nghị với sự tham dự của đại diện các bộ, ngành.|Thông cáo báo chí này được gửi tới các cơ quan báo chí để đưa tin.',
  ),
  notice: S(
    'THÔNG BÁO',
    'TB',
    'province commune department',
    'Kết luận của Chủ tịch Ủy ban nhân dân tại cuộc họp về tiến độ số hóa hồ sơ|Về việc tuyển dụng công chức cấp xã năm 2026|Lịch tiếp công dân định kỳ tháng 12',
    'Ngày 05/12/2025, Chủ tịch Ủy ban nhân dân chủ trì cuộc họp nghe báo cáo tình hình thực hiện nhiệm vụ.|Sau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch kết luận như sau:|Văn phòng xin thông báo để các cơ quan, đơn vị biết, thực hiện./.',
  ),
  guidance: S(
    'HƯỚNG DẪN',
    'HD',
    'department ministry',
    'Thực hiện quy trình số hóa hồ sơ, kết quả giải quyết thủ tục hành chính|Về việc lập hồ sơ và nộp lưu hồ sơ, tài liệu vào Lưu trữ cơ quan',
    'Thực hiện Nghị định số 118/2025/NĐ-CP, Sở hướng dẫn như sau:|I. MỤC ĐÍCH, YÊU CẦU|II. NỘI DUNG HƯỚNG DẪN|1. Việc lập hồ sơ được thực hiện theo danh mục hồ sơ của cơ quan.',
  ),
  programme: S(
    'CHƯƠNG TRÌNH',
    'CTr',
    'province department',
    'Công tác năm 2026 của Ủy ban nhân dân tỉnh|Hành động thực hiện Nghị quyết về chuyển đổi số',
    'I. MỤC TIÊU|II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU|Chương trình hành động gồm các nhiệm vụ trọng tâm sau:|III. TỔ CHỨC THỰC HIỆN',
  ),
  plan: S(
    'KẾ HOẠCH',
    'KH',
    'province commune department',
    'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm 2026|Tuyên truyền phổ biến giáo dục pháp luật năm 2026|Kiểm tra công tác văn thư, lưu trữ năm 2026',
    'Thực hiện Nghị định số 118/2025/NĐ-CP, Ủy ban nhân dân ban hành Kế hoạch như sau:|I. MỤC ĐÍCH, YÊU CẦU|1. Mục đích|II. NỘI DUNG THỰC HIỆN|III. TỔ CHỨC THỰC HIỆN',
  ),
  scheme: S(
    'PHƯƠNG ÁN',
    'PA',
    'province commune department',
    'Sắp xếp, bố trí trụ sở làm việc sau hợp nhất|Ứng phó với thiên tai và tìm kiếm cứu nạn năm 2026',
    'I. SỰ CẦN THIẾT|II. NỘI DUNG PHƯƠNG ÁN|Phương án này được triển khai trên địa bàn toàn tỉnh.',
  ),
  project_proposal: S(
    'ĐỀ ÁN',
    'ĐA',
    'province department',
    'Phát triển dịch vụ công trực tuyến giai đoạn 2026 - 2030|Chỉnh lý tài liệu tồn đọng tại Lưu trữ lịch sử tỉnh',
    'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN|Phần II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP|Đề án này được thực hiện từ năm 2026 đến năm 2030.',
  ),
  project: S(
    'DỰ ÁN',
    'DA',
    'province department',
    'Xây dựng kho lưu trữ chuyên dụng tỉnh|Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính',
    '1. Tên dự án|2. Chủ đầu tư: Sở Nội vụ|3. Tổng mức đầu tư: 45.000.000.000 đồng|4. Thời gian thực hiện: 2026 - 2027',
  ),
  report: S(
    'BÁO CÁO',
    'BC',
    'province commune department',
    'Tình hình, kết quả thực hiện công tác cải cách thủ tục hành chính quý IV năm 2025|Kết quả công tác văn thư, lưu trữ năm 2025|Về việc điều chỉnh dự toán ngân sách năm 2026',
    'Kính gửi: Ủy ban nhân dân tỉnh|Thực hiện Công văn số 512/VPCP-KSTT, Ủy ban nhân dân báo cáo như sau:|I. KẾT QUẢ ĐẠT ĐƯỢC|II. TỒN TẠI, HẠN CHẾ|Trên đây là báo cáo kết quả thực hiện. Trân trọng báo cáo./.',
  ),
  minutes: S(
    'BIÊN BẢN',
    'BB',
    'commune department',
    'Họp xét duyệt hồ sơ đề nghị công nhận|Bàn giao hồ sơ, tài liệu lưu trữ',
    'Hôm nay, vào lúc 08 giờ 30 phút, tại trụ sở cơ quan.|Thành phần tham dự gồm:|- Chủ trì: Chủ tịch Ủy ban nhân dân|- Thư ký: Công chức Văn phòng - Thống kê|Biên bản kết thúc vào lúc 11 giờ cùng ngày và được lập thành 02 bản.',
  ),
  submission: S(
    'TỜ TRÌNH',
    'TTr',
    'province commune department',
    'Về việc đề nghị ban hành Nghị quyết quy định mức chi hỗ trợ số hóa|Về việc phê duyệt danh mục hồ sơ năm 2026|Đề nghị thẩm định dự thảo Quyết định',
    'Kính gửi: Hội đồng nhân dân tỉnh|@LOCAL|Ủy ban nhân dân kính trình Hội đồng nhân dân xem xét, quyết định./.',
  ),
  contract: S(
    'HỢP ĐỒNG',
    'HĐ',
    'department province',
    'Cung cấp dịch vụ chỉnh lý, số hóa tài liệu|Thuê dịch vụ công nghệ thông tin',
    'Căn cứ Bộ luật Dân sự số 91/2015/QH13;|Hôm nay, tại trụ sở cơ quan, chúng tôi gồm:|Bên A: Sở Nội vụ|Bên B: Công ty TNHH Lưu trữ số|Hai bên thỏa thuận ký kết hợp đồng với các điều khoản sau:',
  ),
  official_letter: S(
    '',
    undefined,
    'province commune department',
    'V/v đôn đốc số hóa hồ sơ thủ tục hành chính|V/v cung cấp thông tin hộ tịch|V/v góp ý dự thảo Quyết định quy định chức năng, nhiệm vụ|V/v triển khai lịch tiếp công dân',
    'Kính gửi: Các sở, ban, ngành tỉnh|Thực hiện Nghị định số 118/2025/NĐ-CP, Ủy ban nhân dân đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện.|Trân trọng./.',
    { layout: 'letter' },
  ),
  telegram: S(
    'CÔNG ĐIỆN',
    'CĐ',
    'pm province',
    'Về việc tập trung ứng phó bão số 5|Về việc khắc phục hậu quả mưa lũ',
    'THỦ TƯỚNG CHÍNH PHỦ điện:|- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố;|Để chủ động ứng phó, Thủ tướng Chính phủ yêu cầu khẩn trương triển khai các biện pháp.',
  ),
  memorandum: S(
    'BẢN GHI NHỚ',
    'GN',
    'province department',
    'Hợp tác về chuyển đổi số giai đoạn 2026 - 2030|Về hợp tác đào tạo nguồn nhân lực lưu trữ',
    'Hai bên thống nhất ký kết Bản ghi nhớ này với các nội dung sau:|Điều 1. Mục tiêu hợp tác|Bản ghi nhớ này có hiệu lực kể từ ngày ký.',
  ),
  agreement: S(
    'BẢN THỎA THUẬN',
    'TTh',
    'province department',
    'Phối hợp quản lý khu vực giáp ranh|Về việc phối hợp thực hiện thủ tục liên thông',
    'Các bên thống nhất thỏa thuận các nội dung sau:|Bản thỏa thuận này được lập thành 04 bản có giá trị như nhau.',
  ),
  authorization: S(
    'GIẤY ỦY QUYỀN',
    'GUQ',
    'department commune',
    'Ký văn bản trong thời gian Giám đốc đi công tác|Nhận kết quả giải quyết thủ tục hành chính',
    'Bên ủy quyền: Giám đốc Sở|Bên được ủy quyền: Phó Giám đốc Sở|Nội dung ủy quyền: ký các văn bản thuộc thẩm quyền.|Thời hạn ủy quyền: từ ngày 10/12/2025 đến ngày 20/12/2025.',
    { layout: 'plain' },
  ),
  invitation: S(
    'GIẤY MỜI',
    'GM',
    'province commune department',
    'Dự Hội nghị tổng kết công tác năm 2025|Họp triển khai kế hoạch số hóa hồ sơ',
    'Trân trọng kính mời: Lãnh đạo các phòng, ban chuyên môn|Thời gian: 08 giờ 00, ngày 15/12/2025.|Địa điểm: Hội trường tầng 3, trụ sở Ủy ban nhân dân.|Rất mong đại biểu tham dự đúng giờ./.',
    { layout: 'plain' },
  ),
  introduction_letter: S(
    'GIẤY GIỚI THIỆU',
    'GGT',
    'province commune department',
    'Liên hệ công tác|Đến làm việc về hồ sơ lưu trữ',
    'Trân trọng giới thiệu: Ông Nguyễn Văn Nam, chuyên viên|Được cử đến: Trung tâm Lưu trữ lịch sử tỉnh|Về việc: liên hệ khai thác tài liệu lưu trữ.|Giấy giới thiệu có giá trị đến hết ngày 31/12/2025.',
    { layout: 'plain' },
  ),
  leave_permit: S(
    'GIẤY NGHỈ PHÉP',
    'GNP',
    'department commune',
    'Nghỉ phép năm 2025|Nghỉ việc riêng',
    'Xét đơn đề nghị nghỉ phép của bà Trần Thị Lan, chuyên viên.|Nay cấp giấy nghỉ phép cho bà được nghỉ phép năm.|Thời gian nghỉ: 05 ngày, từ ngày 22/12/2025 đến ngày 26/12/2025.|Nơi nghỉ phép: phường Hồng Hà, thành phố Hà Nội.',
    { layout: 'plain' },
  ),
  dispatch_slip: S(
    'PHIẾU GỬI',
    'PG',
    'department province',
    'Gửi kèm văn bản đến các cơ quan liên quan',
    'Kính gửi: Sở Tư pháp|Văn bản gửi kèm theo: Quyết định số 125/QĐ-UBND.|Đề nghị gửi lại phiếu này sau khi nhận được văn bản.',
    { layout: 'plain' },
  ),
  transfer_slip: S(
    'PHIẾU CHUYỂN',
    'PC',
    'province department',
    'Chuyển đơn kiến nghị của công dân',
    'Văn phòng Ủy ban nhân dân chuyển đến Sở Nông nghiệp và Môi trường đơn của công dân để giải quyết theo thẩm quyền.',
    { layout: 'plain' },
  ),
  notification_slip: S(
    'PHIẾU BÁO',
    'PB',
    'department commune',
    'Về việc nhận hồ sơ chưa đầy đủ',
    'Bộ phận Một cửa xin báo để ông/bà được biết: hồ sơ cần bổ sung giấy tờ sau.|Thời hạn bổ sung: 05 ngày làm việc.',
    { layout: 'plain' },
  ),
  public_letter: S(
    'THƯ CHÚC MỪNG',
    undefined,
    'province pm',
    'Nhân dịp kỷ niệm Ngày Nhà giáo Việt Nam|Nhân dịp Tết Nguyên đán Bính Ngọ 2026',
    'Thân gửi toàn thể cán bộ, công chức, viên chức và người lao động,|Nhân dịp năm mới, xin gửi tới các đồng chí lời chúc sức khỏe, hạnh phúc.|Thân ái!',
    { layout: 'plain' },
  ),
  decree: S(
    'NGHỊ ĐỊNH',
    'NĐ',
    'government',
    'Quy định chi tiết một số điều của Luật Lưu trữ|Quy định về công tác văn thư|Quy định mức lương cơ sở đối với cán bộ, công chức, viên chức',
    '@GOV|@LEGAL|Theo đề nghị của Bộ trưởng Bộ Nội vụ;|Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật.|Chương I|QUY ĐỊNH CHUNG|Điều 1. Phạm vi điều chỉnh',
    { normative: true },
  ),
  circular: S(
    'THÔNG TƯ',
    'TT',
    'ministry',
    'Quy định về quản lý tài liệu lưu trữ điện tử|Hướng dẫn thực hiện số hóa tài liệu lưu trữ',
    '@GOV|Căn cứ Nghị định số 25/2025/NĐ-CP quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ;|Bộ trưởng ban hành Thông tư quy định về nội dung nêu trên.|Điều 1. Phạm vi điều chỉnh|Thông tư này quy định về việc quản lý tài liệu.',
    { normative: true },
  ),
  joint_circular: S(
    'THÔNG TƯ LIÊN TỊCH',
    'TTLT',
    'ministry',
    'Hướng dẫn phối hợp trong công tác thi hành án dân sự',
    'Bộ trưởng Bộ Tư pháp và Chánh án Tòa án nhân dân tối cao ban hành Thông tư liên tịch hướng dẫn phối hợp.|Điều 1. Phạm vi điều chỉnh|Thông tư liên tịch này có hiệu lực từ ngày ký.',
    { normative: true },
  ),
  joint_resolution: S(
    'NGHỊ QUYẾT LIÊN TỊCH',
    'NQLT',
    'government',
    'Hướng dẫn việc tổ chức lấy ý kiến nhân dân',
    'Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam ban hành Nghị quyết liên tịch.|Điều 1. Phạm vi điều chỉnh|Nghị quyết liên tịch này có hiệu lực kể từ ngày ký.',
    { normative: true },
  ),
  law: S(
    'LUẬT',
    undefined,
    '',
    'LƯU TRỮ|CĂN CƯỚC|ĐẤT ĐAI|TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG',
    'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;|Quốc hội ban hành Luật.|Chương I|NHỮNG QUY ĐỊNH CHUNG|Điều 1. Phạm vi điều chỉnh',
    { layout: 'law' },
  ),
  ordinance: S(
    'PHÁP LỆNH',
    undefined,
    '',
    'CHI PHÍ TỐ TỤNG|ƯU ĐÃI NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG',
    'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;|Ủy ban Thường vụ Quốc hội ban hành Pháp lệnh.|Điều 1. Phạm vi điều chỉnh',
    { layout: 'law' },
  ),
  order: S(
    'LỆNH',
    'L',
    '',
    'Về việc công bố Luật',
    'CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Căn cứ Điều 88 và Điều 91 của Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;|NAY CÔNG BỐ|Luật đã được Quốc hội khóa XV, kỳ họp thứ 10 thông qua.',
    { layout: 'law' },
  ),
  constitution: S(
    'HIẾN PHÁP',
    undefined,
    '',
    'NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'LỜI NÓI ĐẦU|Trải qua mấy nghìn năm lịch sử, Nhân dân Việt Nam lao động cần cù, sáng tạo.|Nhân dân Việt Nam xây dựng, thi hành và bảo vệ Hiến pháp này.|Chương I|CHẾ ĐỘ CHÍNH TRỊ',
    { layout: 'law' },
  ),
  precedent: S(
    'ÁN LỆ',
    'AL',
    '',
    'Về xác định thời điểm bắt đầu tính thời hiệu khởi kiện|Về hiệu lực của hợp đồng chuyển nhượng quyền sử dụng đất',
    'Được Hội đồng Thẩm phán Tòa án nhân dân tối cao thông qua ngày 20 tháng 11 năm 2025.|Nguồn án lệ:|Quyết định giám đốc thẩm số 10/2024/DS-GĐT ngày 15/5/2024 của Hội đồng Thẩm phán.|Vị trí nội dung án lệ:|Khái quát nội dung của án lệ:',
    { layout: 'precedent' },
  ),
};
