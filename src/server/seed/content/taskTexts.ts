/**
 * The words of the demo agency's tasks (Công việc): titles and descriptions a provincial
 * People's Committee office would write, per unit, and the notes people leave on the way
 * (progress, contributions, extension requests, returns, results, evaluations, chases).
 * Stock phrases of administrative writing combined by the seeded PRNG; nothing quotes a
 * real task. Dates in the text are dd/MM/yyyy.
 */
import type { TaskPriority } from '../../../shared/tasks/index.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { TOPICS, type Topic, type UnitKey } from './catalogue.js';
import type { Random } from './random.js';

export interface TaskText {
  title: string;
  description: string;
  /** Set when the kind of work implies it (an emergency, a routine report). */
  priority?: TaskPriority;
}

const DISTRICTS = [
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
];

const PROJECTS = [
  'Đường tránh phía Tây thành phố Kon Tum',
  'Hồ chứa nước Đăk Pokei',
  'Kè chống sạt lở bờ sông Đăk Bla (đoạn qua thành phố Kon Tum)',
  'Đường giao thông liên xã Đăk Ui – Ngọc Réo',
  'Khu công nghiệp Hòa Bình (giai đoạn 2)',
  'Cầu qua sông Pô Kô, huyện Đăk Tô',
  'Bệnh viện Đa khoa tỉnh (khu điều trị kỹ thuật cao)',
  'Trường Phổ thông Dân tộc nội trú tỉnh (nhà học bộ môn)',
  'Đường Hồ Chí Minh đoạn tránh thị trấn Plei Kần',
  'Hệ thống cấp nước sinh hoạt tập trung xã Đăk Nên',
];

const APPLICANTS = [
  'Công ty Cổ phần Thủy điện Đăk Psi',
  'Công ty TNHH Nông nghiệp Công nghệ cao Kon Tum',
  'Công ty Cổ phần Đầu tư Măng Đen',
  'Công ty TNHH Khoáng sản Ngọc Linh',
  'Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông',
  'Công ty Cổ phần Năng lượng tái tạo Tây Nguyên',
  'Công ty TNHH Dược liệu Đăk Tô',
];

const FIELDS = ['đất đai', 'xây dựng', 'tài nguyên và môi trường', 'đầu tư', 'lao động, thương binh và xã hội', 'tư pháp', 'giao thông vận tải', 'nông nghiệp và phát triển nông thôn'];

const EVENTS = [
  'Ngày Quốc khánh 02/9',
  'Ngày Giải phóng miền Nam, thống nhất đất nước 30/4',
  'Ngày thành lập tỉnh Kon Tum',
  'Tết Nguyên đán',
  'Ngày Nhà giáo Việt Nam 20/11',
  'Ngày Thương binh – Liệt sĩ 27/7',
];

const ROMAN = ['I', 'II', 'III', 'IV'];

/** What a report given on `iso` is about: the month, the quarter, six or nine months, the year. */
export function reportPeriod(rng: Random, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const prevMonth = m === 1 ? `tháng 12 năm ${y - 1}` : `tháng ${m - 1} năm ${y}`;
  const month = d >= 15 ? `tháng ${m} năm ${y}` : prevMonth;
  const q = Math.floor((m - 1) / 3);
  const quarter = m % 3 === 0 || d >= 20 ? `quý ${ROMAN[q]} năm ${y}` : q === 0 ? `quý IV năm ${y - 1}` : `quý ${ROMAN[q - 1]} năm ${y}`;
  const options: string[] = [month, quarter];
  if (m === 6 || m === 7) options.push(`6 tháng đầu năm ${y}`);
  if (m === 9 || m === 10) options.push(`9 tháng năm ${y}`);
  if (m >= 11) options.push(`năm ${y}`);
  if (m === 1) options.push(`năm ${y - 1}`);
  return rng.pick(options);
}

interface Ctx {
  rng: Random;
  /** The creation date, 'YYYY-MM-DD'. */
  iso: string;
  year: number;
  month: number;
}

type Template = (c: Ctx) => TaskText;

const t = (title: string, description: string, priority?: TaskPriority): TaskText => (priority ? { title, description, priority } : { title, description });
const UBND = 'UBND tỉnh';
const REPORT_TO = `báo cáo ${UBND} (qua Văn phòng UBND tỉnh)`;

/** Recurring and case work of each unit of the office. */
const UNIT_TEMPLATES: Record<UnitKey, readonly Template[]> = {
  TH: [
    (c) => t(`Xây dựng báo cáo tình hình kinh tế - xã hội ${reportPeriod(c.rng, c.iso)}`, `Tổng hợp số liệu của các sở, ngành, UBND các huyện, thành phố; đánh giá kết quả đạt được, tồn tại, hạn chế và đề xuất nhiệm vụ, giải pháp trọng tâm kỳ tới; ${REPORT_TO}.`, 'high'),
    (c) => t(`Tổng hợp kết quả thực hiện Chương trình công tác của UBND tỉnh ${reportPeriod(c.rng, c.iso)}`, 'Rà soát tiến độ các đề án, nhiệm vụ trong Chương trình công tác; nêu rõ nhiệm vụ chậm tiến độ, nguyên nhân và đề xuất điều chỉnh.'),
    (c) => t(`Chuẩn bị nội dung phiên họp thường kỳ UBND tỉnh tháng ${c.month} năm ${c.year}`, 'Đôn đốc các cơ quan chủ trì hoàn thiện hồ sơ, tờ trình; dự thảo chương trình phiên họp, trình Chủ tịch UBND tỉnh xem xét.', 'high'),
    (c) => t(`Xây dựng Chương trình công tác năm ${c.year + 1} của UBND tỉnh`, 'Đề nghị các sở, ngành đăng ký đề án, nhiệm vụ; tổng hợp, dự thảo Chương trình công tác, trình UBND tỉnh ban hành.'),
    (c) => t(`Theo dõi, đôn đốc thực hiện các nhiệm vụ UBND tỉnh giao ${reportPeriod(c.rng, c.iso)}`, 'Tổng hợp danh mục nhiệm vụ quá hạn, sắp đến hạn; tham mưu văn bản đôn đốc các cơ quan, đơn vị.'),
    () => t('Tham mưu báo cáo phục vụ kỳ họp Hội đồng nhân dân tỉnh', 'Tổng hợp báo cáo của các sở, ngành theo yêu cầu của Thường trực HĐND tỉnh; dự thảo báo cáo của UBND tỉnh trình tại kỳ họp.', 'high'),
    (c) => t(`Tổng hợp ý kiến trả lời kiến nghị của cử tri trước kỳ họp HĐND tỉnh năm ${c.year}`, 'Phân loại kiến nghị theo lĩnh vực, đôn đốc các cơ quan trả lời; dự thảo báo cáo tổng hợp của UBND tỉnh.'),
  ],
  KT: [
    (c) => t(`Rà soát hồ sơ đề nghị chấp thuận chủ trương đầu tư dự án của ${c.rng.pick(APPLICANTS)}`, 'Kiểm tra tính đầy đủ, hợp lệ của hồ sơ; lấy ý kiến thẩm định của Sở Kế hoạch và Đầu tư và các cơ quan liên quan; đề xuất UBND tỉnh xem xét, quyết định.'),
    (c) => t(`Tham mưu báo cáo tình hình giải ngân vốn đầu tư công ${reportPeriod(c.rng, c.iso)}`, `Tổng hợp tỷ lệ giải ngân của các chủ đầu tư; chỉ rõ dự án giải ngân chậm, nguyên nhân và đề xuất điều chuyển kế hoạch vốn; ${REPORT_TO}.`, 'high'),
    (c) => t(`Rà soát hồ sơ đề nghị cấp phép khai thác khoáng sản tại ${c.rng.pick(DISTRICTS)}`, 'Đối chiếu quy hoạch khoáng sản, kết quả thẩm định của Sở Tài nguyên và Môi trường; đề xuất cấp hoặc không cấp phép.'),
    (c) => t(`Kiểm tra tiến độ thi công công trình ${c.rng.pick(PROJECTS)}`, 'Phối hợp với chủ đầu tư kiểm tra hiện trường; báo cáo khó khăn, vướng mắc về mặt bằng, vật liệu và đề xuất giải pháp tháo gỡ.'),
    (c) => t(`Thẩm định phương án phân bổ dự toán ngân sách địa phương năm ${c.year + 1}`, 'Phối hợp với Sở Tài chính rà soát phương án phân bổ; bảo đảm đúng định mức, tiêu chí đã được HĐND tỉnh thông qua.'),
    (c) => t(`Tham mưu giải quyết kiến nghị về bồi thường, giải phóng mặt bằng dự án ${c.rng.pick(PROJECTS)}`, 'Làm việc với UBND huyện và chủ đầu tư; đề xuất phương án xử lý dứt điểm các trường hợp còn vướng mắc.'),
    (c) => t(`Rà soát hồ sơ đề nghị điều chỉnh giá đất cụ thể tại ${c.rng.pick(DISTRICTS)}`, 'Kiểm tra căn cứ, phương pháp định giá; tổng hợp ý kiến Hội đồng thẩm định giá đất; trình UBND tỉnh xem xét.'),
  ],
  NC: [
    (c) => t(`Tham mưu báo cáo công tác phòng, chống tham nhũng, tiêu cực ${reportPeriod(c.rng, c.iso)}`, `Tổng hợp báo cáo của các sở, ngành, địa phương theo đề cương của Thanh tra Chính phủ; ${REPORT_TO}.`),
    (c) => t(`Theo dõi, tổng hợp tình hình an ninh, trật tự trên địa bàn tỉnh ${reportPeriod(c.rng, c.iso)}`, 'Phối hợp với Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh tổng hợp tình hình; đề xuất chỉ đạo những vấn đề nổi cộm.'),
    (c) => t(`Chuẩn bị nội dung Hội nghị tổng kết công tác bảo đảm trật tự, an toàn giao thông năm ${c.year}`, 'Dự thảo báo cáo tổng kết, danh sách khen thưởng, chương trình hội nghị; trình lãnh đạo UBND tỉnh cho ý kiến.'),
    (c) => t(`Tham mưu giao chỉ tiêu tuyển chọn và gọi công dân nhập ngũ năm ${c.year + 1}`, 'Phối hợp với Bộ Chỉ huy Quân sự tỉnh đề xuất phân bổ chỉ tiêu cho các huyện, thành phố.'),
    (c) => t(`Rà soát hồ sơ đề nghị xử phạt vi phạm hành chính trong lĩnh vực ${c.rng.pick(FIELDS)}`, 'Kiểm tra trình tự, thủ tục, thẩm quyền; dự thảo quyết định xử phạt trình Chủ tịch UBND tỉnh ký.'),
    (c) => t(`Tham mưu kế hoạch diễn tập khu vực phòng thủ ${c.rng.pick(DISTRICTS)} năm ${c.year + 1}`, 'Phối hợp với Bộ Chỉ huy Quân sự tỉnh xây dựng kế hoạch, dự trù kinh phí, phân công nhiệm vụ.'),
  ],
  KGVX: [
    (c) => t(`Tham mưu Kế hoạch tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm ${c.month >= 8 ? c.year + 1 : c.year}`, 'Phối hợp với Sở Giáo dục và Đào tạo dự thảo kế hoạch, thành lập Ban Chỉ đạo thi cấp tỉnh; bảo đảm an toàn, nghiêm túc.', 'high'),
    () => t('Tổng hợp tình hình dịch bệnh sốt xuất huyết và công tác phòng, chống trên địa bàn tỉnh', 'Đề nghị Sở Y tế báo cáo số ca mắc, ổ dịch; đề xuất biện pháp khoanh vùng, xử lý triệt để.', 'high'),
    (c) => t(`Rà soát hồ sơ đề nghị công nhận trường đạt chuẩn quốc gia tại ${c.rng.pick(DISTRICTS)}`, 'Kiểm tra kết quả đánh giá ngoài, đối chiếu tiêu chuẩn; dự thảo quyết định công nhận.'),
    (c) => t(`Tham mưu tổ chức các hoạt động kỷ niệm ${c.rng.pick(EVENTS)} năm ${c.year}`, 'Dự thảo kế hoạch, phân công các sở, ngành chủ trì từng hoạt động; dự trù kinh phí thực hiện.'),
    (c) => t(`Tổng hợp kết quả thực hiện chính sách hỗ trợ hộ nghèo, hộ cận nghèo ${reportPeriod(c.rng, c.iso)}`, `Tổng hợp số liệu của Sở Lao động – Thương binh và Xã hội và các huyện; ${REPORT_TO}.`),
    (c) => t(`Rà soát danh sách đối tượng bảo trợ xã hội được hỗ trợ dịp ${c.rng.pick(['Tết Nguyên đán', 'Ngày Thương binh – Liệt sĩ 27/7'])} năm ${c.month >= 10 ? c.year + 1 : c.year}`, 'Đối chiếu danh sách các huyện đề nghị; bảo đảm đúng đối tượng, không trùng lặp, kịp thời.', 'high'),
  ],
  HCTC: [
    (c) => t(`Tham mưu Kế hoạch cải cách hành chính năm ${c.year + 1}`, 'Bám sát Chương trình tổng thể cải cách hành chính nhà nước; xác định nhiệm vụ, sản phẩm, thời hạn và cơ quan chủ trì.'),
    (c) => t(`Rà soát, đề xuất khen thưởng tập thể, cá nhân có thành tích trong ${c.rng.pick(['phong trào thi đua năm ' + c.year, 'công tác phòng, chống thiên tai', 'thực hiện Đề án 06', 'xây dựng nông thôn mới'])}`, 'Kiểm tra hồ sơ, tiêu chuẩn khen thưởng; tổng hợp ý kiến Hội đồng Thi đua – Khen thưởng tỉnh.'),
    () => t('Xây dựng Đề án vị trí việc làm của Văn phòng UBND tỉnh', 'Rà soát chức năng, nhiệm vụ của các phòng; xác định danh mục vị trí việc làm, bản mô tả công việc và khung năng lực.'),
    (c) => t(`Tổ chức đánh giá, xếp loại chất lượng công chức năm ${c.month <= 2 ? c.year - 1 : c.year}`, 'Hướng dẫn các phòng, đơn vị tự đánh giá; tổng hợp kết quả, trình Hội đồng xem xét.'),
    () => t('Cập nhật hồ sơ công chức trên Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức', 'Rà soát, bổ sung thông tin còn thiếu; bảo đảm dữ liệu đúng, đủ, sạch, thống nhất với hồ sơ giấy.'),
    (c) => t(`Tham mưu Kế hoạch chuyển đổi số năm ${c.year + 1} của Văn phòng UBND tỉnh`, 'Đánh giá kết quả chuyển đổi số năm trước; đề xuất nhiệm vụ, giải pháp, kinh phí và lộ trình thực hiện.'),
    () => t('Kiểm tra, bảo đảm an toàn thông tin Hệ thống quản lý văn bản và điều hành', 'Rà soát cấu hình, sao lưu dữ liệu, phân quyền người dùng; khắc phục các điểm yếu đã được cảnh báo.', 'high'),
  ],
  TTPVHCC: [
    (c) => t(`Tổng hợp tình hình giải quyết thủ tục hành chính ${reportPeriod(c.rng, c.iso)}`, `Thống kê hồ sơ tiếp nhận, giải quyết đúng hạn, quá hạn theo từng cơ quan; ${REPORT_TO}.`),
    (c) => t(`Rà soát, đề xuất danh mục dịch vụ công trực tuyến toàn trình năm ${c.year}`, 'Đánh giá mức độ sử dụng từng dịch vụ; đề xuất bổ sung, cắt giảm, tích hợp lên Cổng Dịch vụ công quốc gia.'),
    (c) => t(`Rà soát hồ sơ thủ tục hành chính quá hạn trong lĩnh vực ${c.rng.pick(FIELDS)}`, 'Làm rõ nguyên nhân từng hồ sơ quá hạn, trách nhiệm của cơ quan, cá nhân; đề xuất biện pháp khắc phục và văn bản xin lỗi người dân.', 'high'),
    (c) => t(`Khảo sát mức độ hài lòng của người dân, doanh nghiệp ${reportPeriod(c.rng, c.iso)}`, 'Tổ chức khảo sát trực tiếp và trực tuyến; tổng hợp, phân tích kết quả theo từng lĩnh vực.'),
    (c) => t(`Cập nhật quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực ${c.rng.pick(FIELDS)}`, 'Rà soát quy trình điện tử trên Hệ thống thông tin giải quyết thủ tục hành chính; bảo đảm đúng thời gian, trình tự đã công bố.'),
  ],
  BTCD: [
    (c) => t(`Xác minh, tham mưu giải quyết đơn khiếu nại của công dân tại ${c.rng.pick(DISTRICTS)}`, 'Làm việc với UBND cấp huyện, các cơ quan liên quan; xác minh nội dung khiếu nại, đề xuất hướng giải quyết theo quy định.'),
    (c) => t(`Chuẩn bị nội dung tiếp công dân định kỳ của Chủ tịch UBND tỉnh tháng ${c.month} năm ${c.year}`, 'Tổng hợp danh sách vụ việc, hồ sơ liên quan; mời các cơ quan chuyên môn dự, chuẩn bị ý kiến.', 'high'),
    (c) => t(`Tổng hợp tình hình tiếp công dân, giải quyết khiếu nại, tố cáo ${reportPeriod(c.rng, c.iso)}`, `Tổng hợp số liệu của các sở, ngành, địa phương; ${REPORT_TO}.`),
    () => t('Rà soát các vụ việc khiếu nại đông người, phức tạp, kéo dài', 'Lập danh mục vụ việc, tiến độ giải quyết; đề xuất thành lập tổ công tác liên ngành đối với vụ việc vượt thẩm quyền.'),
    (c) => t(`Tham mưu trả lời đơn kiến nghị của công dân về bồi thường, hỗ trợ tái định cư dự án ${c.rng.pick(PROJECTS)}`, 'Đề nghị chủ đầu tư và UBND huyện cung cấp hồ sơ; dự thảo văn bản trả lời công dân.'),
  ],
  VP: [
    (c) => t(`Rà soát tình hình xử lý văn bản đến quá hạn ${reportPeriod(c.rng, c.iso)}`, 'Tổng hợp từ Hệ thống quản lý văn bản và điều hành; thông báo đến các phòng, đơn vị có văn bản quá hạn.'),
    (c) => t(`Kiểm tra công tác văn thư, lưu trữ năm ${c.year}`, 'Kiểm tra việc lập hồ sơ, nộp lưu hồ sơ vào Lưu trữ cơ quan; đề xuất chấn chỉnh những tồn tại.'),
    (c) => t(`Chuẩn bị hậu cần, tài liệu Hội nghị ${c.rng.pick(['tổng kết công tác năm ' + c.year, 'xúc tiến đầu tư tỉnh Kon Tum', 'sơ kết 6 tháng đầu năm ' + c.year])}`, 'Bố trí hội trường, điểm cầu trực tuyến, tài liệu; phối hợp các phòng chuẩn bị báo cáo.', 'high'),
    (c) => t(`Tham mưu lịch công tác của lãnh đạo UBND tỉnh tháng ${c.month === 12 ? 1 : c.month + 1}`, 'Tổng hợp đăng ký của các phòng, các sở, ngành; bảo đảm không trùng lặp, ưu tiên nhiệm vụ trọng tâm.'),
  ],
};

/** Work on a topic of the catalogue, for the unit that usually handles it. */
const TOPIC_TEMPLATES: readonly ((c: Ctx, topic: Topic) => TaskText)[] = [
  (c, topic) => t(`Tham mưu UBND tỉnh ban hành ${topic.approve.replaceAll('{year}', String(c.month >= 10 ? c.year + 1 : c.year))}`, 'Chủ trì, phối hợp với các sở, ngành liên quan xây dựng dự thảo; lấy ý kiến góp ý, hoàn thiện, trình UBND tỉnh.'),
  (c, topic) => t(`Xây dựng báo cáo tình hình ${topic.report} ${reportPeriod(c.rng, c.iso)}`, `Tổng hợp kết quả thực hiện, khó khăn, vướng mắc và đề xuất, kiến nghị; ${REPORT_TO}.`),
  (_c, topic) => t(`Tham mưu văn bản chỉ đạo tăng cường ${topic.strengthen}`, 'Đánh giá tình hình thời gian qua, đề xuất nội dung chỉ đạo cụ thể đối với các sở, ngành, địa phương.'),
  (_c, topic) => t(`Chuẩn bị nội dung cuộc họp về ${topic.meeting}`, 'Tổng hợp báo cáo của các cơ quan, dự thảo kết luận của lãnh đạo UBND tỉnh.', 'high'),
  (_c, topic) => t(`Đôn đốc các sở, ngành, địa phương thực hiện ${topic.task}`, 'Rà soát tiến độ; tham mưu văn bản đôn đốc, nêu rõ cơ quan chậm thực hiện.'),
];

const capitalise = (s: string): string => s.replace(/^./u, (ch) => ch.toLocaleUpperCase('vi'));

/** A task the agency's leadership gives `unit`, created on `iso`. */
export function unitTaskText(rng: Random, unit: UnitKey, iso: string): TaskText {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  const c: Ctx = { rng, iso, year, month };
  const topics = TOPICS.filter((tp) => tp.units[0] === unit);
  if (topics.length > 0 && rng.chance(0.4)) {
    const text = rng.pick(TOPIC_TEMPLATES)(c, rng.pick(topics));
    return { ...text, title: capitalise(text.title) };
  }
  return rng.pick(UNIT_TEMPLATES[unit])(c);
}

/** What a task given from a document ("Giao việc") needs to know of it. */
export interface DocumentForText {
  documentType: string;
  codeNumber: string;
  codeNotation: string;
  issuedDate: string;
  issuer: string;
  subject: string;
}

/** "V/v triển khai …" → "về việc triển khai …"; "Triển khai … năm 2025" → "về triển khai … năm 2025". */
function aboutSubject(subject: string): string {
  if (/^V\/v /u.test(subject)) return `về việc ${subject.slice(4)}`;
  if (/^Về việc /u.test(subject)) return `về việc ${subject.slice(8)}`;
  return `về ${subject.replace(/^./u, (ch) => ch.toLocaleLowerCase('vi'))}`;
}

/** A task made from an incoming document: it names the document (number, date, issuer) and what it is about. */
export function documentTaskText(rng: Random, d: DocumentForText): TaskText {
  const ref = `${d.documentType} số ${d.codeNumber}/${d.codeNotation} ngày ${formatDateVi(d.issuedDate)} của ${d.issuer}`;
  const about = aboutSubject(d.subject);
  let title: string;
  let priority: TaskPriority | undefined;
  if (d.documentType === 'Công điện') (title = `Triển khai ngay ${ref} ${about}`), (priority = 'urgent');
  else if (d.documentType === 'Tờ trình') title = `Thẩm định, tham mưu xử lý ${ref} ${about}`;
  else if (d.documentType === 'Báo cáo' || d.documentType === 'Thông báo') title = `Nghiên cứu, tham mưu chỉ đạo theo ${ref} ${about}`;
  else title = `${rng.pick(['Tham mưu triển khai', 'Tham mưu thực hiện', 'Nghiên cứu, tham mưu xử lý'])} ${ref} ${about}`;
  const description = rng.pick([
    'Nghiên cứu nội dung văn bản; chủ trì, phối hợp với các cơ quan liên quan tham mưu UBND tỉnh văn bản chỉ đạo, bảo đảm thời hạn theo yêu cầu.',
    'Tham mưu văn bản giao nhiệm vụ cho các sở, ngành, địa phương; theo dõi, tổng hợp kết quả thực hiện, báo cáo cơ quan cấp trên.',
    `Đề xuất cụ thể việc cần làm, cơ quan chủ trì, thời hạn hoàn thành; ${REPORT_TO}.`,
  ]);
  return priority ? { title: title.slice(0, 500).trim(), description, priority } : { title: title.slice(0, 500).trim(), description };
}

/** The parts of a unit's work its leader gives out as sub-tasks. */
export const SUBTASK_PARTS = [
  'Tổng hợp số liệu, biểu mẫu',
  'Dự thảo văn bản',
  'Lấy ý kiến các cơ quan phối hợp',
  'Rà soát căn cứ pháp lý',
  'Kiểm tra thực địa, lập biên bản',
  'Hoàn thiện hồ sơ trình ký',
] as const;

/** A sub-task's title: the part, then what it is part of. */
export function subTaskTitle(part: string, parentTitle: string): string {
  const short = parentTitle.length > 300 ? `${parentTitle.slice(0, 299).trim()}…` : parentTitle;
  return `${part} — ${short}`;
}

// ---------------------------------------------------------------------------------------------
// On the way

export const PROGRESS_NOTES: readonly (readonly [number, string])[] = [
  [20, 'Đã nghiên cứu yêu cầu, xây dựng đề cương, phân công thực hiện.'],
  [30, 'Đã có văn bản đề nghị các sở, ngành, UBND các huyện, thành phố cung cấp thông tin, số liệu.'],
  [40, 'Đã nhận được ý kiến, số liệu của một số cơ quan; đang đôn đốc các cơ quan còn lại.'],
  [50, 'Đã tổng hợp được số liệu của phần lớn các cơ quan, đơn vị; đang xây dựng dự thảo.'],
  [70, 'Đã hoàn thành dự thảo, đang xin ý kiến các cơ quan phối hợp.'],
  [80, 'Đã tiếp thu ý kiến góp ý, hoàn thiện dự thảo; trình lãnh đạo phòng cho ý kiến.'],
  [90, 'Đang hoàn thiện hồ sơ, trình lãnh đạo UBND tỉnh xem xét.'],
];

export function contributionNote(rng: Random, unitName: string): string {
  return rng.pick([
    `${unitName} đã gửi thông tin, số liệu thuộc lĩnh vực phụ trách (kèm biểu tổng hợp).`,
    `${unitName} thống nhất với nội dung dự thảo, không có ý kiến bổ sung.`,
    `${unitName} đề nghị bổ sung đánh giá nguyên nhân khách quan, chủ quan vào dự thảo.`,
    `${unitName} đã rà soát, góp ý trực tiếp vào dự thảo.`,
  ]);
}

export const COOPERATOR_NOTES = [
  'Đã rà soát, tổng hợp phần số liệu được phân công.',
  'Đã hoàn thành phần việc phối hợp, gửi chuyên viên chủ trì tổng hợp.',
  'Đã góp ý dự thảo, đề nghị chỉnh sửa một số số liệu cho thống nhất.',
] as const;

export const EXTENSION_REASONS = [
  'Chưa nhận đủ số liệu của các sở, ngành, địa phương; đề nghị gia hạn để tổng hợp đầy đủ, chính xác.',
  'Nội dung phức tạp, cần xin ý kiến của các bộ, ngành Trung ương trước khi tham mưu.',
  'Trùng thời gian chuẩn bị kỳ họp HĐND tỉnh; đề nghị lùi thời hạn để bảo đảm chất lượng.',
  'Cần tổ chức kiểm tra thực địa trước khi tham mưu; đề nghị gia hạn.',
  'Hồ sơ của chủ đầu tư còn thiếu, đã đề nghị bổ sung; đề nghị gia hạn để hoàn thiện.',
] as const;

export const EXTENSION_APPROVALS = ['Đồng ý; đề nghị hoàn thành đúng thời hạn mới.', 'Đồng ý gia hạn.', 'Đồng ý. Không gia hạn thêm.', ''] as const;
export const EXTENSION_REFUSALS = [
  'Không đồng ý; nhiệm vụ phải hoàn thành để kịp báo cáo Trung ương.',
  'Không gia hạn; đề nghị tập trung nhân lực hoàn thành.',
  'Thời hạn đã được thông báo từ trước; đề nghị khẩn trương hoàn thành.',
] as const;

export function returnReason(rng: Random, otherUnit: string): string {
  return rng.pick([
    `Nội dung không thuộc chức năng, nhiệm vụ của phòng; đề nghị giao ${otherUnit} chủ trì.`,
    'Nhiệm vụ trùng với nhiệm vụ đã được giao trước đó; đề nghị xem xét lại.',
    'Chưa đủ hồ sơ, căn cứ để thực hiện; đề nghị cơ quan đề xuất bổ sung hồ sơ.',
  ]);
}

export const RETURN_REFUSALS = [
  'Đề nghị phòng tiếp tục chủ trì, chủ động phối hợp với các đơn vị liên quan.',
  'Nhiệm vụ thuộc lĩnh vực phòng theo dõi; đề nghị tiếp tục thực hiện.',
] as const;

export const REWORK_REASONS = [
  'Báo cáo chưa đánh giá rõ nguyên nhân của tồn tại, hạn chế; đề nghị bổ sung.',
  'Số liệu chưa khớp với báo cáo kỳ trước; đề nghị rà soát lại.',
  'Đề nghị bổ sung ý kiến của các cơ quan phối hợp trước khi trình.',
  'Dự thảo còn dài, chưa nêu rõ trách nhiệm từng cơ quan; đề nghị chỉnh sửa.',
] as const;

export function resultNote(rng: Random, unitKey: string, day: string, n: number): string {
  const no = String(n).padStart(2, '0');
  return rng.weighted<string>([
    [`Đã tham mưu UBND tỉnh ban hành Công văn số ${no}/UBND-${unitKey} ngày ${formatDateVi(day)}.`, 4],
    [`Đã hoàn thành báo cáo, trình lãnh đạo UBND tỉnh (Báo cáo số ${no}/BC-UBND ngày ${formatDateVi(day)}).`, 3],
    [`Đã có Tờ trình số ${no}/TTr-VP ngày ${formatDateVi(day)} trình UBND tỉnh.`, 2],
    ['Đã hoàn thành; kết quả gửi kèm theo báo cáo.', 2],
    ['Đã rà soát, tổng hợp; đề xuất cụ thể tại báo cáo kèm theo.', 1],
  ]);
}

export const SUBTASK_RESULTS = ['Đã hoàn thành phần việc được giao, gửi lãnh đạo phòng.', 'Đã tổng hợp xong, kèm theo biểu số liệu.', 'Đã hoàn thành dự thảo, trình lãnh đạo phòng.'] as const;

export function acceptanceComment(rng: Random, onTime: boolean, quality: number): string {
  if (!onTime) return rng.pick(['Hoàn thành chậm so với thời hạn; đề nghị rút kinh nghiệm.', 'Chậm tiến độ; lưu ý chủ động hơn trong thời gian tới.', '']);
  if (quality >= 5) return rng.pick(['Hoàn thành tốt, chất lượng cao.', 'Đạt yêu cầu, chất lượng tốt.', '']);
  if (quality === 4) return rng.pick(['Đạt yêu cầu.', 'Thống nhất kết quả.', '']);
  return rng.pick(['Cơ bản đạt yêu cầu; cần nâng cao chất lượng tham mưu.', 'Đạt yêu cầu ở mức tối thiểu.']);
}

export const CHASES_BEFORE = ['Đề nghị khẩn trương hoàn thành, báo cáo đúng thời hạn.', 'Lãnh đạo UBND tỉnh yêu cầu hoàn thành trong tuần này.', 'Đề nghị báo cáo tiến độ thực hiện.'] as const;
export const CHASES_AFTER = [
  'Nhiệm vụ đã quá hạn; đề nghị báo cáo tiến độ và nguyên nhân chậm trễ.',
  'Đề nghị hoàn thành ngay, báo cáo lãnh đạo UBND tỉnh.',
  'Nhắc lần nữa: nhiệm vụ quá hạn, đề nghị giải trình lý do.',
] as const;
