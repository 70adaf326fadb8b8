/**
 * The words of the demo agency's weekly schedule (Lịch công tác tuần): the engagements of a
 * provincial People's Committee's leaders as its office prints them — working sessions with
 * departments, field trips to districts, receptions, conferences, the monthly meeting and
 * citizens' reception day — and what people write when they reject, move or cancel one.
 * Stock phrases combined by the seeded PRNG; names of bodies as catalogue.ts has them (before
 * the 2025 reorganisation), the districts of Kon Tum province.
 */
import type { UnitKey } from './catalogue.js';
import type { Random } from './random.js';

/** Where an engagement takes place, which decides its room or place and its length. */
export type Venue =
  /** A meeting room at the office (Phòng họp số 1 or 2). */
  | 'room'
  /** The hall (Hội trường UBND tỉnh): conferences, the monthly meeting. */
  | 'hall'
  /** The video-conference room (Phòng họp trực tuyến). */
  | 'online'
  /** The reception room: visitors, delegations. */
  | 'reception'
  /** Out of the office, the whole day: a district, a site. */
  | 'field'
  /** Out of the office, half a day, at a named place. */
  | 'outside';

export interface EngagementText {
  content: string;
  venue: Venue;
  /** Free-text place for 'field' and 'outside'. */
  place: string;
  /** Outside guests ("Đại diện lãnh đạo Sở Tài chính, …"). */
  guests: string;
  notes: string;
  highlight: boolean;
}

export const DISTRICTS = [
  'thành phố Kon Tum',
  'huyện Đăk Hà',
  'huyện Đăk Tô',
  'huyện Ngọc Hồi',
  'huyện Sa Thầy',
  'huyện Kon Plông',
  'huyện Kon Rẫy',
  'huyện Đăk Glei',
  'huyện Tu Mơ Rông',
  'huyện Ia H’Drai',
] as const;

/** Sites a leader inspects, each in its district. */
const SITES: readonly (readonly [project: string, district: (typeof DISTRICTS)[number]])[] = [
  ['Hồ chứa nước Đăk Pokei', 'huyện Kon Rẫy'],
  ['Đường tránh phía Tây thành phố Kon Tum', 'thành phố Kon Tum'],
  ['Kè chống sạt lở bờ sông Đăk Bla', 'thành phố Kon Tum'],
  ['Khu công nghiệp Hòa Bình (giai đoạn 2)', 'thành phố Kon Tum'],
  ['Cầu qua sông Pô Kô', 'huyện Đăk Tô'],
  ['Đường giao thông liên xã Đăk Ui – Ngọc Réo', 'huyện Đăk Hà'],
  ['Hệ thống thủy lợi Đăk Hniêng', 'huyện Đăk Hà'],
  ['Khu du lịch sinh thái quốc gia Măng Đen', 'huyện Kon Plông'],
  ['Đường Hồ Chí Minh đoạn tránh thị trấn Plei Kần', 'huyện Ngọc Hồi'],
  ['Khu kinh tế cửa khẩu quốc tế Bờ Y', 'huyện Ngọc Hồi'],
  ['Vùng trồng dược liệu Sâm Ngọc Linh', 'huyện Tu Mơ Rông'],
  ['Đường giao thông kết nối trung tâm huyện Ia H’Drai', 'huyện Ia H’Drai'],
  ['Trường Phổ thông Dân tộc nội trú huyện Sa Thầy', 'huyện Sa Thầy'],
  ['Hệ thống cấp nước sinh hoạt tập trung xã Đăk Nên', 'huyện Kon Plông'],
];

const INVESTORS = [
  'Tập đoàn TH',
  'Công ty Cổ phần Đầu tư Măng Đen',
  'Công ty Cổ phần Năng lượng tái tạo Tây Nguyên',
  'Công ty TNHH Nông nghiệp Công nghệ cao Kon Tum',
  'Tổng Công ty Điện lực miền Trung',
  'Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam',
  'Công ty Cổ phần Tập đoàn Hoàng Anh Gia Lai',
];

const MINISTRIES = ['Bộ Nội vụ', 'Bộ Tài chính', 'Bộ Kế hoạch và Đầu tư', 'Bộ Nông nghiệp và Phát triển nông thôn', 'Bộ Giáo dục và Đào tạo', 'Bộ Y tế', 'Bộ Giao thông vận tải', 'Ủy ban Dân tộc'];

interface Ctx {
  r: Random;
  /** The engagement's day, 'YYYY-MM-DD'. */
  date: string;
  year: number;
  month: number;
}

type Template = (c: Ctx) => EngagementText | null;

const e = (content: string, venue: Venue, guests = '', notes = '', place = '', highlight = false): EngagementText => ({ content, venue, place, guests, notes, highlight });
const prevMonth = (c: Ctx): string => (c.month === 1 ? `tháng 12/${c.year - 1}` : `tháng ${c.month - 1}/${c.year}`);
const quarter = (c: Ctx): string => ['I', 'II', 'III', 'IV'][Math.floor((c.month - 1) / 3)] as string;
const site = (c: Ctx): readonly [string, string] => c.r.pick(SITES);

/** Engagements a unit of the office asks for, by the unit that follows the field. */
export const UNIT_ENGAGEMENTS: Readonly<Partial<Record<UnitKey, readonly Template[]>>> = {
  KT: [
    (c) => (c.month >= 7 && c.month <= 11 ? e(`Làm việc với Sở Tài chính về dự toán ngân sách nhà nước năm ${c.year + 1}`, 'room', 'Lãnh đạo Sở Tài chính, Sở Kế hoạch và Đầu tư, Cục Thuế tỉnh', 'Sở Tài chính chuẩn bị nội dung báo cáo.') : null),
    (c) => e(`Nghe báo cáo tình hình giải ngân vốn đầu tư công ${prevMonth(c)}`, 'room', 'Lãnh đạo Sở Kế hoạch và Đầu tư, Sở Tài chính, Kho bạc Nhà nước tỉnh; các chủ đầu tư có tỷ lệ giải ngân thấp', 'Sở Kế hoạch và Đầu tư chuẩn bị báo cáo.'),
    (c) => {
      const [project, district] = site(c);
      return e(`Kiểm tra tiến độ dự án ${project} tại ${district}`, 'field', `Lãnh đạo Sở Xây dựng, Sở Kế hoạch và Đầu tư; UBND ${district}; chủ đầu tư`, 'Xuất phát lúc 07h00 tại trụ sở UBND tỉnh.', district);
    },
    (c) => e(`Làm việc với ${c.r.pick(INVESTORS)} về đề xuất đầu tư trên địa bàn tỉnh`, 'reception', 'Lãnh đạo Sở Kế hoạch và Đầu tư, Sở Tài nguyên và Môi trường, Sở Công Thương'),
    (c) => (c.month >= 5 && c.month <= 10 ? e(`Làm việc với Sở Nông nghiệp và Phát triển nông thôn về công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm ${c.year}`, 'room', 'Thành viên Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh') : null),
    (c) => e(`Họp Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh: đánh giá kết quả thực hiện quý ${quarter(c)}/${c.year}`, 'hall', 'Thành viên Ban Chỉ đạo; lãnh đạo UBND các huyện, thành phố', '', '', true),
    (c) => e(`Làm việc với Sở Xây dựng về ${c.r.pick(['điều chỉnh Quy hoạch chung thành phố Kon Tum', 'phát triển nhà ở xã hội', 'giá vật liệu xây dựng công trình giao thông', 'quản lý trật tự xây dựng đô thị'])}`, 'room', 'Lãnh đạo Sở Xây dựng, Sở Tài nguyên và Môi trường, UBND thành phố Kon Tum'),
    (c) => e(`Nghe báo cáo phương án bồi thường, giải phóng mặt bằng dự án ${site(c)[0]}`, 'room', 'Lãnh đạo Sở Tài nguyên và Môi trường, Sở Tài chính; UBND huyện; chủ đầu tư'),
    (c) => e(`Làm việc với Sở Tài nguyên và Môi trường về ${c.r.pick(['bảng giá đất giai đoạn 2025 – 2029', 'cấp phép khai thác khoáng sản làm vật liệu xây dựng thông thường', 'kế hoạch sử dụng đất năm ' + (c.year + 1)])}`, 'room', 'Lãnh đạo Sở Tài nguyên và Môi trường, Sở Tài chính, Sở Xây dựng'),
    (c) => e(`Dự Hội nghị xúc tiến đầu tư, thương mại, du lịch tỉnh Kon Tum năm ${c.year}`, 'hall', 'Các nhà đầu tư, doanh nghiệp; lãnh đạo các sở, ngành', '', '', true),
  ],
  KGVX: [
    (c) => (c.month >= 4 && c.month <= 6 ? e(`Làm việc với Sở Giáo dục và Đào tạo về công tác chuẩn bị Kỳ thi tốt nghiệp trung học phổ thông năm ${c.year}`, 'room', 'Thành viên Ban Chỉ đạo thi cấp tỉnh') : null),
    (c) => (c.month >= 7 && c.month <= 8 ? e(`Làm việc với Sở Giáo dục và Đào tạo về công tác chuẩn bị năm học ${c.year} – ${c.year + 1}`, 'room', 'Lãnh đạo Sở Giáo dục và Đào tạo, Sở Nội vụ, Sở Tài chính') : null),
    () => e('Làm việc với Sở Y tế về công tác phòng, chống dịch bệnh và khám, chữa bệnh trên địa bàn tỉnh', 'room', 'Lãnh đạo Sở Y tế, Bảo hiểm xã hội tỉnh, Bệnh viện Đa khoa tỉnh'),
    (c) => {
      const district = c.r.pick(['huyện Tu Mơ Rông', 'huyện Kon Plông', 'huyện Đăk Glei', 'huyện Ia H’Drai']);
      return e(`Kiểm tra công tác giảm nghèo bền vững tại ${district}`, 'field', 'Lãnh đạo Sở Lao động – Thương binh và Xã hội, Ban Dân tộc tỉnh', 'Xuất phát lúc 07h00 tại trụ sở UBND tỉnh.', district);
    },
    (c) => e(`Làm việc với Sở Văn hóa, Thể thao và Du lịch về ${c.r.pick(['phát triển du lịch Măng Đen', 'tổ chức Ngày hội văn hóa các dân tộc tỉnh Kon Tum', 'bảo tồn không gian văn hóa cồng chiêng', 'công tác chuẩn bị Đại hội Thể dục thể thao tỉnh'])}`, 'room', 'Lãnh đạo Sở Văn hóa, Thể thao và Du lịch'),
    (c) => e(`Họp Ban Chỉ đạo công tác dân số và phát triển tỉnh năm ${c.year}`, 'room', 'Thành viên Ban Chỉ đạo'),
    () => e('Làm việc với Ban Dân tộc tỉnh về thực hiện chính sách đối với đồng bào dân tộc thiểu số', 'room', 'Lãnh đạo Ban Dân tộc tỉnh, Sở Lao động – Thương binh và Xã hội'),
    (c) => (c.month === 7 ? e('Thăm, tặng quà gia đình chính sách nhân kỷ niệm Ngày Thương binh – Liệt sĩ 27/7', 'outside', 'Lãnh đạo Sở Lao động – Thương binh và Xã hội', '', c.r.pick(DISTRICTS)) : null),
    (c) => (c.month === 9 && Number(c.date.slice(8, 10)) <= 7 ? e(`Dự Lễ khai giảng năm học ${c.year} – ${c.year + 1} tại Trường THPT chuyên Nguyễn Tất Thành`, 'outside', '', '', 'Trường THPT chuyên Nguyễn Tất Thành', true) : null),
  ],
  NC: [
    () => e('Làm việc với Sở Nội vụ về sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh', 'room', 'Lãnh đạo Sở Nội vụ'),
    (c) => e(`Họp Hội đồng Thi đua – Khen thưởng tỉnh ${c.month <= 2 ? `xét khen thưởng năm ${c.year - 1}` : 'xét khen thưởng chuyên đề'}`, 'room', 'Thành viên Hội đồng Thi đua – Khen thưởng tỉnh'),
    () => e('Làm việc với Thanh tra tỉnh về kết quả thanh tra việc quản lý, sử dụng đất đai', 'room', 'Lãnh đạo Thanh tra tỉnh, Sở Tài nguyên và Môi trường'),
    (c) => e(`Họp Ban An toàn giao thông tỉnh: đánh giá tình hình quý ${quarter(c)}/${c.year}`, 'room', 'Thành viên Ban An toàn giao thông tỉnh; Công an tỉnh'),
    () => e('Làm việc với Công an tỉnh về công tác bảo đảm an ninh, trật tự trên địa bàn', 'room', 'Lãnh đạo Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh'),
    (c) => {
      const district = c.r.pick(DISTRICTS);
      return e(`Kiểm tra công tác thực hiện Đề án 06 tại ${district}`, 'field', 'Lãnh đạo Công an tỉnh, Sở Thông tin và Truyền thông', 'Xuất phát lúc 07h00 tại trụ sở UBND tỉnh.', district);
    },
    () => e('Làm việc với Sở Tư pháp về công tác xây dựng, kiểm tra văn bản quy phạm pháp luật', 'room', 'Lãnh đạo Sở Tư pháp'),
  ],
  TH: [
    (c) => {
      const district = c.r.pick(DISTRICTS);
      return e(`Làm việc với UBND ${district} về tình hình kinh tế – xã hội và nhiệm vụ trọng tâm ${c.month >= 10 ? `năm ${c.year + 1}` : 'thời gian tới'}`, 'field', 'Lãnh đạo các sở: Kế hoạch và Đầu tư, Tài chính, Xây dựng, Nông nghiệp và Phát triển nông thôn', 'Xuất phát lúc 07h00 tại trụ sở UBND tỉnh.', district);
    },
    (c) => e(`Tiếp và làm việc với Đoàn công tác của ${c.r.pick(MINISTRIES)}`, 'reception', 'Lãnh đạo các sở, ngành liên quan', '', '', true),
    () => e('Dự Hội nghị Ban Thường vụ Tỉnh ủy', 'outside', '', '', 'Trụ sở Tỉnh ủy'),
    () => e('Họp Thường trực UBND tỉnh cho ý kiến các đề án, tờ trình', 'room', 'Chánh Văn phòng UBND tỉnh; lãnh đạo các sở có đề án trình'),
    (c) => e(`Dự Hội nghị trực tuyến với Chính phủ về ${c.r.pick(['thúc đẩy giải ngân vốn đầu tư công', 'cải cách thủ tục hành chính', 'phát triển nhà ở xã hội', 'chuyển đổi số quốc gia', 'công tác phòng, chống thiên tai'])}`, 'online', 'Lãnh đạo các sở, ngành liên quan', 'Văn phòng UBND tỉnh phối hợp Viễn thông Kon Tum bảo đảm đường truyền.'),
  ],
  HCTC: [
    (c) => e(`Họp Hội đồng thi tuyển công chức năm ${c.year}`, 'room', 'Thành viên Hội đồng'),
    () => e('Làm việc với Sở Thông tin và Truyền thông về chuyển đổi số, Hệ thống quản lý văn bản và điều hành', 'room', 'Lãnh đạo Sở Thông tin và Truyền thông'),
    (c) => e(`Nghe báo cáo kết quả cải cách hành chính quý ${quarter(c)}/${c.year}`, 'room', 'Lãnh đạo Sở Nội vụ, Sở Tư pháp'),
  ],
  TTPVHCC: [
    (c) => e(`Kiểm tra việc giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh ${c.r.pick(['(không báo trước)', ''])}`.trim(), 'outside', '', '', 'Trung tâm Phục vụ hành chính công tỉnh'),
    () => e('Làm việc với Trung tâm Phục vụ hành chính công về nâng cao Chỉ số hài lòng của người dân, doanh nghiệp (SIPAS)', 'room', 'Lãnh đạo Sở Nội vụ, Sở Thông tin và Truyền thông'),
  ],
  BTCD: [
    (c) => e(`Đối thoại với công dân về khiếu nại liên quan đến bồi thường, hỗ trợ dự án ${site(c)[0]}`, 'outside', 'Lãnh đạo Thanh tra tỉnh, Sở Tài nguyên và Môi trường; UBND huyện', '', 'Trụ sở Tiếp công dân tỉnh'),
    () => e('Nghe báo cáo tình hình giải quyết đơn khiếu nại, tố cáo tồn đọng, kéo dài', 'room', 'Lãnh đạo Thanh tra tỉnh, Ban Tiếp công dân tỉnh'),
  ],
};

/** One template's engagement for a day, or null when it does not fit the season (the caller tries another). */
export function unitEngagement(r: Random, unit: UnitKey, date: string): EngagementText | null {
  const list = UNIT_ENGAGEMENTS[unit];
  if (!list || list.length === 0) return null;
  const [y, m] = date.split('-').map(Number) as [number, number];
  return r.pick(list)({ r, date, year: y, month: m });
}

// ---------------------------------------------------------------------------------------------
// The fixed engagements of the agency's calendar.

export const weeklyBriefing = (): EngagementText => e('Giao ban Lãnh đạo UBND tỉnh', 'room', '', 'Chánh Văn phòng UBND tỉnh chuẩn bị nội dung.');
export const officeBriefing = (): EngagementText => e('Giao ban Văn phòng UBND tỉnh', 'room', '', '');
export const monthlyMeeting = (month: number): EngagementText =>
  e(`Phiên họp UBND tỉnh thường kỳ tháng ${month}`, 'hall', 'Giám đốc các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố', 'Các cơ quan gửi tài liệu về Văn phòng UBND tỉnh trước 02 ngày làm việc.', '', true);
export const citizensDay = (month: number, year: number): EngagementText =>
  e(`Tiếp công dân định kỳ tháng ${month}/${year}`, 'outside', 'Lãnh đạo Thanh tra tỉnh, Sở Tài nguyên và Môi trường, Sở Xây dựng', 'Ban Tiếp công dân tỉnh chuẩn bị hồ sơ vụ việc.', 'Trụ sở Tiếp công dân tỉnh', true);
export const governmentConference = (month: number): EngagementText =>
  e(`Dự Hội nghị trực tuyến Chính phủ với các địa phương (Phiên họp Chính phủ thường kỳ tháng ${month === 1 ? 12 : month - 1})`, 'online', 'Lãnh đạo các sở, ban, ngành; UBND các huyện, thành phố dự tại điểm cầu cấp huyện', 'Văn phòng UBND tỉnh phối hợp Viễn thông Kon Tum bảo đảm đường truyền.', '', true);
export const councilSession = (year: number, month: number): EngagementText =>
  e(`Dự Kỳ họp ${month >= 10 ? 'thường lệ cuối năm' : 'giữa năm'} ${year} Hội đồng nhân dân tỉnh khóa XII`, 'outside', 'Giám đốc các sở, ban, ngành', '', 'Hội trường HĐND tỉnh', true);

/** A holiday worked on purpose: who keeps watch, who lays the flowers. */
export function holidayDuty(holiday: string): EngagementText {
  if (holiday.startsWith('Tết Nguyên đán')) return e('Trực Tết; kiểm tra công tác bảo đảm an ninh, trật tự dịp Tết Nguyên đán', 'outside', 'Lãnh đạo Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh', 'Lịch trực Tết theo Thông báo của Văn phòng UBND tỉnh.', 'Trụ sở UBND tỉnh', true);
  return e(`Dâng hoa tại Tượng đài Chiến thắng Đăk Tô – Tân Cảnh nhân dịp ${holiday}`, 'outside', 'Thường trực Tỉnh ủy, HĐND tỉnh, Ủy ban MTTQ Việt Nam tỉnh', '', 'Tượng đài Chiến thắng Đăk Tô – Tân Cảnh', true);
}

// ---------------------------------------------------------------------------------------------
// What people write on the way.

export const REJECT_REASONS = [
  'Lãnh đạo UBND tỉnh đã có lịch công tác trùng thời gian; đề nghị đơn vị đăng ký lại vào tuần sau.',
  'Nội dung đã được giao Sở chủ trì giải quyết theo thẩm quyền; không cần Lãnh đạo UBND tỉnh chủ trì.',
  'Hồ sơ, tài liệu phục vụ cuộc họp chưa đầy đủ; đề nghị hoàn thiện trước khi đăng ký lịch.',
  'Đề nghị đơn vị báo cáo bằng văn bản; Lãnh đạo UBND tỉnh sẽ cho ý kiến trên hồ sơ.',
  'Đã bố trí lồng ghép vào nội dung Phiên họp UBND tỉnh thường kỳ.',
];

export const MOVE_REASONS = [
  'Lãnh đạo UBND tỉnh bận công tác đột xuất.',
  'Theo đề nghị của cơ quan chuẩn bị nội dung, cần thêm thời gian hoàn thiện báo cáo.',
  'Lãnh đạo UBND tỉnh dự họp Ban Thường vụ Tỉnh ủy.',
  'Bố trí lại để Lãnh đạo UBND tỉnh tiếp Đoàn công tác của Trung ương.',
];

export const CANCEL_REASONS = [
  'Hoãn, sẽ bố trí vào thời gian thích hợp.',
  'Hoãn do Lãnh đạo UBND tỉnh đi công tác tại Hà Nội.',
  'Hoãn, chuyển sang tuần sau.',
  'Huỷ; nội dung đã được xử lý bằng văn bản.',
];

export const ROOM_REASONS = ['Hội trường phục vụ hội nghị của Tỉnh ủy.', 'Phòng họp đang sửa chữa hệ thống âm thanh.', 'Số lượng thành phần tham dự tăng.'];

export const CHAIR_REASONS = ['Chủ tịch UBND tỉnh đi công tác tại Hà Nội; Phó Chủ tịch UBND tỉnh chủ trì thay.', 'Theo phân công của Chủ tịch UBND tỉnh.'];

export const ADD_REASONS = ['Bổ sung theo chỉ đạo của Chủ tịch UBND tỉnh.', 'Bổ sung theo Giấy mời của Bộ, ngành Trung ương.', 'Bổ sung theo đề nghị của Sở, ngành.'];

export const RETURN_REASONS = [
  'Đề nghị Văn phòng bố trí lại lịch làm việc để tránh trùng với lịch tiếp công dân.',
  'Đề nghị bổ sung lịch làm việc với các sở về tiến độ giải ngân vốn đầu tư công.',
  'Đề nghị rà soát lại thành phần tham dự các cuộc họp chiều Thứ Năm.',
];

export const SUBMIT_NOTE = 'Kính trình Chủ tịch UBND tỉnh xem xét, duyệt lịch công tác tuần.';

/** The extra participants a second unit brings when its request is merged into the first. */
export const MERGE_GUESTS = ['Đại diện lãnh đạo Sở Tài chính', 'Đại diện lãnh đạo Sở Kế hoạch và Đầu tư', 'Đại diện lãnh đạo UBND huyện liên quan'];
