/**
 * The vocabulary the demo incoming documents are composed from: who sends documents to a
 * provincial People's Committee, what kinds, about what. Names of bodies are real Vietnamese
 * public bodies as they were named before the 2025 reorganisation (the demo agency, Kon Tum
 * province, is itself of that period); the people are invented.
 */

export type IssuerKind = 'pm' | 'central' | 'security' | 'council' | 'dept' | 'district';

export interface Issuer {
  /** Stable key (also the abbreviation, except for the districts, which all sign "UBND"). */
  key: string;
  /** As the clerk registers it (cơ quan ban hành). */
  name: string;
  /** The agency part of the symbol: "BNV" in 15/QĐ-BNV, "UBND" for a district. */
  abbreviation: string;
  kind: IssuerKind;
  /** The place in the place-and-date line. */
  place: string;
  /** The governing body printed above the issuer in the header, if any. */
  parent?: string;
  /** The issuer as printed in the header when it differs from `name` ("\n" breaks the line). */
  header?: string;
  /** Drafting units or fields for the symbol of a công văn: 205/STC-NS. */
  units: readonly string[];
  /** Documents the issuer numbers per day (all recipients), for realistic numbers. */
  rate: number;
  /** How often it writes to the provincial People's Committee, relative. */
  weight: number;
  /** Who decides in its name, for the heading of a decision ("Bộ trưởng Bộ Nội vụ"). */
  authority: string;
  /** Signer positions: the head, a deputy signing for the head, and "by order" (TL.). */
  head: string;
  deputy: string;
  byOrder: string;
}

const central = (key: string, name: string, units: string[], rate: number, weight: number, kind: IssuerKind = 'central'): Issuer => ({
  key,
  name,
  abbreviation: key,
  kind,
  place: 'Hà Nội',
  units,
  rate,
  weight,
  authority: `Bộ trưởng ${name}`,
  head: 'Bộ trưởng',
  deputy: 'KT. Bộ trưởng, Thứ trưởng',
  byOrder: 'TL. Bộ trưởng, Chánh Văn phòng',
});

const dept = (key: string, name: string, units: string[], rate: number, weight: number, kind: IssuerKind = 'dept'): Issuer => ({
  key,
  name: `${name} tỉnh Kon Tum`,
  abbreviation: key,
  kind,
  place: 'Kon Tum',
  parent: 'UBND tỉnh Kon Tum',
  header: name,
  units,
  rate,
  weight,
  authority: `Giám đốc ${name}`,
  head: 'Giám đốc',
  deputy: 'KT. Giám đốc, Phó Giám đốc',
  byOrder: 'TL. Giám đốc, Chánh Văn phòng',
});

const district = (kind: 'huyện' | 'thành phố', place: string, weight: number): Issuer => ({
  key: `UBND-${place}`,
  name: `UBND ${kind} ${place}`,
  abbreviation: 'UBND',
  kind: 'district',
  place,
  header: `Ủy ban nhân dân\n${kind} ${place}`,
  units: ['VP', 'TCKH', 'KTHT', 'NV', 'TNMT', 'VHTT'],
  rate: 14,
  weight,
  authority: `Ủy ban nhân dân ${kind} ${place}`,
  head: 'TM. Ủy ban nhân dân, Chủ tịch',
  deputy: 'TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch',
  byOrder: 'TL. Chủ tịch, Chánh Văn phòng',
});

export const ISSUERS: readonly Issuer[] = [
  {
    key: 'TTg',
    name: 'Thủ tướng Chính phủ',
    abbreviation: 'TTg',
    kind: 'pm',
    place: 'Hà Nội',
    units: [],
    rate: 5,
    weight: 2,
    authority: 'Thủ tướng Chính phủ',
    head: 'Thủ tướng',
    deputy: 'KT. Thủ tướng, Phó Thủ tướng',
    byOrder: 'KT. Thủ tướng, Phó Thủ tướng',
  },
  {
    ...central('VPCP', 'Văn phòng Chính phủ', ['KTTH', 'QHĐP', 'KGVX', 'NC', 'CN', 'NN', 'TCCV'], 35, 6),
    authority: 'Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ',
    head: 'Bộ trưởng, Chủ nhiệm',
    deputy: 'KT. Bộ trưởng, Chủ nhiệm, Phó Chủ nhiệm',
    byOrder: 'TL. Bộ trưởng, Chủ nhiệm, Vụ trưởng Vụ Tổng hợp',
  },
  central('BNV', 'Bộ Nội vụ', ['CCVC', 'TCBC', 'CQĐP', 'CCHC', 'TĐKT', 'VP'], 20, 3),
  central('BTC', 'Bộ Tài chính', ['NSNN', 'ĐT', 'QLCS', 'HCSN', 'TCNH', 'QLN'], 45, 4),
  central('BKHĐT', 'Bộ Kế hoạch và Đầu tư', ['TH', 'KTĐPLT', 'QLĐT', 'GSTĐĐT'], 25, 2.5),
  central('BXD', 'Bộ Xây dựng', ['QLN', 'HĐXD', 'KTXD', 'QHKT'], 15, 1.5),
  central('BYT', 'Bộ Y tế', ['DP', 'ATTP', 'KHTC', 'KCB'], 20, 1.5),
  central('BGDĐT', 'Bộ Giáo dục và Đào tạo', ['GDPT', 'KHTC', 'QLCL', 'GDMN'], 15, 1),
  central('BCA', 'Bộ Công an', ['V01', 'C06', 'C07', 'C08'], 30, 1, 'security'),
  central('BTTTT', 'Bộ Thông tin và Truyền thông', ['CĐSQG', 'THH', 'KHTC'], 12, 1.2),
  central('BCT', 'Bộ Công Thương', ['ĐTĐL', 'TTTN', 'XNK'], 15, 0.8),
  central('BTP', 'Bộ Tư pháp', ['KTrVB', 'PBGDPL', 'HCTP'], 10, 0.8),
  central('BNN', 'Bộ Nông nghiệp và Phát triển nông thôn', ['TCTL', 'PCTT', 'KTHT', 'KH'], 20, 1.5),
  central('BTNMT', 'Bộ Tài nguyên và Môi trường', ['ĐĐ', 'MT', 'TNN', 'KS'], 15, 1),
  central('BLĐTBXH', 'Bộ Lao động - Thương binh và Xã hội', ['BTXH', 'NCC', 'VPQGGN'], 15, 1),
  {
    key: 'HĐND',
    name: 'HĐND tỉnh Kon Tum',
    abbreviation: 'HĐND',
    kind: 'council',
    place: 'Kon Tum',
    header: 'Hội đồng nhân dân\ntỉnh Kon Tum',
    units: ['VP', 'KTNS', 'VHXH', 'PC'],
    rate: 0.5,
    weight: 1,
    authority: 'Hội đồng nhân dân tỉnh Kon Tum',
    head: 'Chủ tịch',
    deputy: 'TM. Thường trực HĐND, KT. Chủ tịch, Phó Chủ tịch',
    byOrder: 'TL. Thường trực HĐND, Chánh Văn phòng',
  },
  dept('STC', 'Sở Tài chính', ['NS', 'ĐT', 'QLGCS', 'TCDN', 'HCSN'], 12, 5),
  dept('SKHĐT', 'Sở Kế hoạch và Đầu tư', ['TH', 'ĐT', 'ĐKKD', 'KTĐN'], 10, 4),
  dept('SNV', 'Sở Nội vụ', ['TCBC', 'CCVC', 'CCHC', 'TĐKT', 'VTLT'], 8, 3),
  dept('SXD', 'Sở Xây dựng', ['QLXD', 'QHKT', 'HTKT', 'KTVLXD'], 8, 2.5),
  dept('SYT', 'Sở Y tế', ['NVY', 'NVD', 'KHTC', 'TCCB'], 10, 2),
  dept('SGDĐT', 'Sở Giáo dục và Đào tạo', ['GDTrH', 'GDTH', 'KHTC', 'TCCB'], 10, 2),
  dept('SNN', 'Sở Nông nghiệp và Phát triển nông thôn', ['KHTC', 'TL', 'PTNT', 'CCKL'], 10, 2.5),
  dept('STNMT', 'Sở Tài nguyên và Môi trường', ['ĐĐ', 'MT', 'TNN', 'KS'], 10, 2.5),
  dept('STTTT', 'Sở Thông tin và Truyền thông', ['CNTT', 'BCVT', 'TTBCXB'], 5, 1.5),
  dept('STP', 'Sở Tư pháp', ['XDKTVB', 'HCTP', 'PBGDPL'], 5, 1.2),
  dept('SLĐTBXH', 'Sở Lao động - Thương binh và Xã hội', ['BTXH', 'NCC', 'LĐVL', 'GDNN'], 8, 1.5),
  dept('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', ['QLVH', 'QLDL', 'QLTDTT'], 6, 1.2),
  dept('SCT', 'Sở Công Thương', ['QLTM', 'QLCN', 'QLNL'], 6, 1.2),
  dept('SKHCN', 'Sở Khoa học và Công nghệ', ['QLKH', 'QLCN'], 3, 0.8),
  dept('BQLKKT', 'Ban Quản lý Khu kinh tế', ['QLĐT', 'QHXD'], 4, 0.8),
  {
    ...dept('CAT', 'Công an tỉnh', ['PV01', 'PC06', 'PC08', 'PA09', 'PC07'], 15, 2, 'security'),
    name: 'Công an tỉnh Kon Tum',
    parent: 'Bộ Công an',
    header: 'Công an tỉnh Kon Tum',
    authority: 'Giám đốc Công an tỉnh Kon Tum',
  },
  {
    ...dept('BCH', 'Bộ Chỉ huy Quân sự', ['TM', 'CT', 'HC'], 5, 0.8, 'security'),
    parent: 'Quân khu 5',
    header: 'Bộ Chỉ huy Quân sự\ntỉnh Kon Tum',
    authority: 'Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh',
    head: 'Chỉ huy trưởng',
    deputy: 'KT. Chỉ huy trưởng, Phó Chỉ huy trưởng',
    byOrder: 'TL. Chỉ huy trưởng, Chánh Văn phòng',
  },
  district('thành phố', 'Kon Tum', 2),
  district('huyện', 'Đăk Hà', 1.2),
  district('huyện', 'Đăk Tô', 1.2),
  district('huyện', 'Ngọc Hồi', 1.2),
  district('huyện', 'Đăk Glei', 1.1),
  district('huyện', 'Sa Thầy', 1.1),
  district('huyện', 'Kon Rẫy', 1),
  district('huyện', 'Kon Plông', 1),
  district('huyện', 'Tu Mơ Rông', 1),
  district('huyện', "Ia H'Drai", 0.8),
];

/** Document types, their relative frequency among incoming documents, and who sends them. */
export const TYPE_RULES: readonly { name: string; weight: number; kinds: readonly IssuerKind[] }[] = [
  { name: 'Công văn', weight: 50, kinds: ['central', 'security', 'council', 'dept', 'district'] },
  { name: 'Quyết định', weight: 10, kinds: ['pm', 'central', 'dept', 'district'] },
  { name: 'Kế hoạch', weight: 7, kinds: ['central', 'security', 'dept', 'district'] },
  { name: 'Báo cáo', weight: 7, kinds: ['security', 'council', 'dept', 'district'] },
  { name: 'Giấy mời', weight: 7, kinds: ['central', 'council', 'dept'] },
  { name: 'Thông báo', weight: 6, kinds: ['central', 'council', 'dept', 'district'] },
  { name: 'Tờ trình', weight: 5, kinds: ['dept', 'district'] },
  { name: 'Hướng dẫn', weight: 2, kinds: ['central', 'dept'] },
  { name: 'Chỉ thị', weight: 1, kinds: ['pm'] },
  { name: 'Công điện', weight: 1, kinds: ['pm'] },
  { name: 'Chương trình', weight: 0.7, kinds: ['central', 'dept'] },
  { name: 'Nghị quyết', weight: 0.8, kinds: ['council'] },
  { name: 'Biên bản', weight: 0.5, kinds: ['dept'] },
];

/** Units of the demo agency by abbreviation (see organisation.ts). */
export type UnitKey = 'KT' | 'NC' | 'KGVX' | 'TH' | 'HCTC' | 'TTPVHCC' | 'BTCD' | 'VP';

export interface Topic {
  key: string;
  /** After "triển khai", "đôn đốc thực hiện": a task or programme. */
  task: string;
  /** After "báo cáo tình hình": what is reported on. */
  report: string;
  /** After "tăng cường": what is strengthened. */
  strengthen: string;
  /** After "phê duyệt" / "ban hành": a plan or regulation ({year} is replaced). */
  approve: string;
  /** A meeting or conference subject. */
  meeting: string;
  /** The field (lĩnh vực), for lists of administrative procedures. */
  field: string;
  /** Sentences for the body of a document on the topic. */
  actions: readonly string[];
  /** Units of the demo agency that handle the topic, the first being the usual main handler. */
  units: readonly UnitKey[];
  /** Issuers especially concerned (others may still write about it when `general`). */
  issuers: readonly string[];
  general?: boolean;
  /** Emergencies a Công điện can be about. */
  emergencies?: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    key: 'cds',
    task: 'Kế hoạch chuyển đổi số, phát triển chính quyền số',
    report: 'thực hiện nhiệm vụ chuyển đổi số',
    strengthen: 'ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cơ quan nhà nước',
    approve: 'Kế hoạch chuyển đổi số năm {year}',
    meeting: 'tiến độ triển khai các nhiệm vụ chuyển đổi số',
    field: 'thông tin và truyền thông',
    actions: [
      'Đẩy mạnh gửi, nhận văn bản điện tử có ký số giữa các cơ quan hành chính nhà nước; phấn đấu 100% văn bản (trừ văn bản mật) được gửi, nhận dưới dạng điện tử.',
      'Rà soát, hoàn thiện hạ tầng kỹ thuật, bảo đảm kết nối, liên thông các hệ thống thông tin với nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh.',
    ],
    units: ['TH', 'HCTC', 'TTPVHCC'],
    issuers: ['BTTTT', 'STTTT', 'VPCP', 'TTg'],
    general: true,
  },
  {
    key: 'de06',
    task: 'Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử (Đề án 06)',
    report: 'thực hiện Đề án 06',
    strengthen: 'khai thác, sử dụng Cơ sở dữ liệu quốc gia về dân cư',
    approve: 'Kế hoạch thực hiện Đề án 06 năm {year}',
    meeting: 'kết quả triển khai Đề án 06',
    field: 'hộ tịch',
    actions: [
      'Hoàn thành việc làm sạch dữ liệu, kết nối Cơ sở dữ liệu quốc gia về dân cư với các cơ sở dữ liệu chuyên ngành theo lộ trình đã đề ra.',
      'Đẩy mạnh sử dụng tài khoản định danh điện tử mức độ 2 trong thực hiện thủ tục hành chính và cung cấp dịch vụ công trực tuyến.',
    ],
    units: ['NC', 'TTPVHCC', 'TH'],
    issuers: ['BCA', 'CAT', 'VPCP', 'TTg'],
  },
  {
    key: 'pctt',
    task: 'công tác phòng, chống thiên tai và tìm kiếm cứu nạn',
    report: 'thiệt hại do mưa lũ và công tác khắc phục hậu quả',
    strengthen: 'công tác phòng, chống thiên tai, bảo đảm an toàn hồ đập',
    approve: 'Phương án ứng phó thiên tai theo cấp độ rủi ro năm {year}',
    meeting: 'công tác phòng, chống thiên tai và tìm kiếm cứu nạn',
    field: 'phòng, chống thiên tai',
    actions: [
      'Theo dõi chặt chẽ diễn biến mưa lũ, kiểm tra, rà soát các khu vực có nguy cơ sạt lở đất, lũ quét; chủ động sơ tán người dân đến nơi an toàn.',
      'Kiểm tra an toàn các hồ chứa thủy lợi, thủy điện; bố trí lực lượng, vật tư, phương tiện sẵn sàng ứng phó khi có tình huống xảy ra.',
    ],
    units: ['KT', 'NC'],
    issuers: ['BNN', 'SNN', 'BCH', 'TTg'],
    emergencies: ['mưa lớn, lũ quét, sạt lở đất', 'bão số 3', 'bão số 5', 'áp thấp nhiệt đới và mưa lớn'],
  },
  {
    key: 'dtc',
    task: 'giải ngân kế hoạch vốn đầu tư công',
    report: 'giải ngân vốn đầu tư công',
    strengthen: 'kỷ luật, kỷ cương trong giải ngân vốn đầu tư công',
    approve: 'Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030',
    meeting: 'tình hình giải ngân vốn đầu tư công',
    field: 'đầu tư',
    actions: [
      'Tập trung tháo gỡ khó khăn, vướng mắc trong bồi thường, giải phóng mặt bằng; đẩy nhanh tiến độ thi công, nghiệm thu và thanh toán khối lượng hoàn thành.',
      'Định kỳ hằng tháng báo cáo tiến độ giải ngân; điều chuyển kế hoạch vốn của các dự án giải ngân chậm sang dự án có khả năng giải ngân tốt hơn.',
    ],
    units: ['KT', 'TH'],
    issuers: ['BKHĐT', 'BTC', 'SKHĐT', 'STC', 'VPCP', 'TTg'],
  },
  {
    key: 'cchc',
    task: 'công tác cải cách hành chính',
    report: 'thực hiện công tác cải cách hành chính',
    strengthen: 'kỷ luật, kỷ cương hành chính trong thực thi công vụ',
    approve: 'Kế hoạch cải cách hành chính năm {year}',
    meeting: 'kết quả Chỉ số cải cách hành chính (PAR INDEX)',
    field: 'nội vụ',
    actions: [
      'Tiếp tục rà soát, đơn giản hóa thủ tục hành chính, cắt giảm chi phí tuân thủ; công khai đầy đủ, kịp thời thủ tục hành chính trên Cổng Dịch vụ công.',
      'Khắc phục các tiêu chí thành phần bị đánh giá thấp trong Chỉ số cải cách hành chính và Chỉ số hài lòng về sự phục vụ hành chính (SIPAS).',
    ],
    units: ['HCTC', 'TTPVHCC', 'TH'],
    issuers: ['BNV', 'SNV', 'VPCP'],
    general: true,
  },
  {
    key: 'attp',
    task: 'công tác bảo đảm an toàn thực phẩm',
    report: 'bảo đảm an toàn thực phẩm',
    strengthen: 'kiểm tra, giám sát an toàn thực phẩm dịp Tết Nguyên đán',
    approve: 'Kế hoạch triển khai Tháng hành động vì an toàn thực phẩm năm {year}',
    meeting: 'công tác bảo đảm an toàn thực phẩm',
    field: 'an toàn thực phẩm',
    actions: [
      'Tăng cường thanh tra, kiểm tra các cơ sở sản xuất, kinh doanh thực phẩm, bếp ăn tập thể; xử lý nghiêm các trường hợp vi phạm.',
      'Chủ động phòng ngừa, ứng phó kịp thời các sự cố ngộ độc thực phẩm; thông tin, tuyên truyền để người dân lựa chọn thực phẩm an toàn.',
    ],
    units: ['KGVX', 'KT'],
    issuers: ['BYT', 'SYT', 'SCT', 'SNN'],
  },
  {
    key: 'ccr',
    task: 'công tác quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng',
    report: 'quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng',
    strengthen: 'các biện pháp cấp bách phòng cháy, chữa cháy rừng trong mùa khô',
    approve: 'Phương án phòng cháy, chữa cháy rừng mùa khô {year}',
    meeting: 'công tác quản lý, bảo vệ rừng',
    field: 'lâm nghiệp',
    actions: [
      'Bố trí lực lượng trực 24/24 giờ tại các vùng trọng điểm có nguy cơ cháy rừng cao; kiểm soát chặt chẽ việc sử dụng lửa trong và ven rừng.',
      'Kiên quyết ngăn chặn, xử lý nghiêm các hành vi phá rừng, khai thác, vận chuyển lâm sản trái phép.',
    ],
    units: ['KT', 'NC'],
    issuers: ['BNN', 'SNN', 'BCH', 'CAT'],
    emergencies: ['nắng nóng kéo dài, nguy cơ cháy rừng cấp cực kỳ nguy hiểm'],
  },
  {
    key: 'tcd',
    task: 'công tác tiếp công dân, giải quyết khiếu nại, tố cáo',
    report: 'tiếp công dân, giải quyết khiếu nại, tố cáo',
    strengthen: 'công tác tiếp công dân, giải quyết khiếu nại, tố cáo ngay từ cơ sở',
    approve: 'Kế hoạch tiếp công dân định kỳ năm {year}',
    meeting: 'giải quyết các vụ việc khiếu nại đông người, phức tạp, kéo dài',
    field: 'tiếp công dân',
    actions: [
      'Rà soát, giải quyết dứt điểm các vụ việc khiếu nại, tố cáo tồn đọng, kéo dài; không để phát sinh điểm nóng về an ninh trật tự.',
      'Người đứng đầu cơ quan, đơn vị thực hiện nghiêm việc tiếp công dân định kỳ và đột xuất theo quy định của Luật Tiếp công dân.',
    ],
    units: ['BTCD', 'NC'],
    issuers: ['VPCP', 'CAT'],
    general: true,
  },
  {
    key: 'ntm',
    task: 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới',
    report: 'thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới',
    strengthen: 'huy động nguồn lực thực hiện Chương trình xây dựng nông thôn mới',
    approve: 'Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year}',
    meeting: 'tiến độ xây dựng nông thôn mới',
    field: 'nông nghiệp',
    actions: [
      'Tập trung chỉ đạo hoàn thành các tiêu chí còn thiếu tại các xã đăng ký đạt chuẩn nông thôn mới, nông thôn mới nâng cao trong năm.',
      'Phân bổ, giải ngân kịp thời nguồn vốn sự nghiệp và vốn đầu tư phát triển của Chương trình; lồng ghép hiệu quả với các chương trình, dự án khác trên địa bàn.',
    ],
    units: ['KT'],
    issuers: ['BNN', 'SNN', 'STC', 'SKHĐT'],
  },
  {
    key: 'gnbv',
    task: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững',
    report: 'thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững',
    strengthen: 'công tác giảm nghèo bền vững tại các huyện nghèo',
    approve: 'Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm {year}',
    meeting: 'kết quả rà soát hộ nghèo, hộ cận nghèo',
    field: 'bảo trợ xã hội',
    actions: [
      'Tổ chức rà soát hộ nghèo, hộ cận nghèo bảo đảm công khai, dân chủ, đúng đối tượng; cập nhật đầy đủ vào cơ sở dữ liệu quản lý.',
      'Thực hiện đầy đủ, kịp thời các chính sách hỗ trợ về y tế, giáo dục, nhà ở, việc làm cho người nghèo và đồng bào dân tộc thiểu số.',
    ],
    units: ['KGVX', 'KT'],
    issuers: ['BLĐTBXH', 'SLĐTBXH'],
  },
  {
    key: 'dtts',
    task: 'Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi',
    report: 'thực hiện chính sách dân tộc',
    strengthen: 'thực hiện chính sách dân tộc trên địa bàn tỉnh',
    approve: 'Kế hoạch thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi năm {year}',
    meeting: 'tình hình thực hiện chính sách dân tộc',
    field: 'dân tộc',
    actions: [
      'Ưu tiên bố trí nguồn lực cho các xã, thôn đặc biệt khó khăn; giải quyết tình trạng thiếu đất ở, đất sản xuất, nước sinh hoạt cho đồng bào dân tộc thiểu số.',
      'Phát huy vai trò của người có uy tín trong cộng đồng các dân tộc thiểu số trong tuyên truyền, vận động Nhân dân.',
    ],
    units: ['KGVX'],
    issuers: ['VPCP', 'SLĐTBXH', 'STC'],
  },
  {
    key: 'nsnn',
    task: 'dự toán thu, chi ngân sách nhà nước',
    report: 'thực hiện dự toán thu, chi ngân sách nhà nước',
    strengthen: 'công tác quản lý thu, chống thất thu ngân sách nhà nước',
    approve: 'phương án phân bổ dự toán ngân sách địa phương năm {year}',
    meeting: 'tình hình thu, chi ngân sách nhà nước',
    field: 'tài chính',
    actions: [
      'Quản lý chặt chẽ các nguồn thu, mở rộng cơ sở thu; quyết liệt thu hồi nợ đọng thuế, chống thất thu ngân sách nhà nước.',
      'Điều hành chi ngân sách chặt chẽ, tiết kiệm, trong phạm vi dự toán được giao; cắt giảm các khoản chi chưa thực sự cần thiết.',
    ],
    units: ['KT', 'TH'],
    issuers: ['BTC', 'STC', 'SKHĐT'],
  },
  {
    key: 'dd',
    task: 'công tác quản lý nhà nước về đất đai',
    report: 'thi hành Luật Đất đai',
    strengthen: 'công tác quản lý đất đai, khoáng sản',
    approve: 'Kế hoạch sử dụng đất năm {year}',
    meeting: 'tháo gỡ vướng mắc trong công tác bồi thường, giải phóng mặt bằng',
    field: 'đất đai',
    actions: [
      'Đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất; xây dựng, cập nhật cơ sở dữ liệu đất đai theo quy định.',
      'Kiểm tra, xử lý nghiêm các trường hợp lấn chiếm, sử dụng đất sai mục đích, khai thác khoáng sản trái phép.',
    ],
    units: ['KT', 'NC'],
    issuers: ['BTNMT', 'STNMT'],
  },
  {
    key: 'atgt',
    task: 'công tác bảo đảm trật tự, an toàn giao thông',
    report: 'trật tự, an toàn giao thông',
    strengthen: 'tuần tra, kiểm soát, xử lý vi phạm về nồng độ cồn khi tham gia giao thông',
    approve: 'Kế hoạch bảo đảm trật tự, an toàn giao thông năm {year}',
    meeting: 'công tác bảo đảm trật tự, an toàn giao thông',
    field: 'giao thông vận tải',
    actions: [
      'Tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm là nguyên nhân trực tiếp gây tai nạn giao thông.',
      'Rà soát, khắc phục kịp thời các điểm đen, điểm tiềm ẩn nguy cơ tai nạn giao thông trên các tuyến quốc lộ, tỉnh lộ.',
    ],
    units: ['NC', 'KT'],
    issuers: ['CAT', 'BCA', 'SXD'],
  },
  {
    key: 'pctn',
    task: 'công tác phòng, chống tham nhũng, tiêu cực',
    report: 'công tác phòng, chống tham nhũng, tiêu cực',
    strengthen: 'công tác phòng, chống tham nhũng, tiêu cực, lãng phí',
    approve: 'Kế hoạch thực hiện công tác phòng, chống tham nhũng năm {year}',
    meeting: 'công tác phòng, chống tham nhũng, tiêu cực',
    field: 'thanh tra',
    actions: [
      'Thực hiện nghiêm việc kê khai, công khai bản kê khai tài sản, thu nhập; chuyển đổi vị trí công tác theo quy định.',
      'Tăng cường công tác thanh tra, kiểm tra trên các lĩnh vực dễ phát sinh tham nhũng, tiêu cực; xử lý nghiêm, kịp thời các vi phạm.',
    ],
    units: ['NC'],
    issuers: ['VPCP', 'CAT', 'SNV'],
    general: true,
  },
  {
    key: 'dvc',
    task: 'cung cấp dịch vụ công trực tuyến toàn trình',
    report: 'giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến',
    strengthen: 'chất lượng giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công',
    approve: 'danh mục dịch vụ công trực tuyến toàn trình năm {year}',
    meeting: 'tình hình giải quyết thủ tục hành chính quá hạn',
    field: 'kiểm soát thủ tục hành chính',
    actions: [
      'Tiếp nhận, giải quyết hồ sơ thủ tục hành chính đúng hạn; công khai xin lỗi tổ chức, cá nhân đối với hồ sơ giải quyết quá hạn.',
      'Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; tái sử dụng dữ liệu đã được số hóa, không yêu cầu người dân cung cấp lại.',
    ],
    units: ['TTPVHCC', 'HCTC'],
    issuers: ['VPCP', 'STTTT', 'STP'],
    general: true,
  },
  {
    key: 'tdkt',
    task: 'công tác thi đua, khen thưởng',
    report: 'công tác thi đua, khen thưởng',
    strengthen: 'công tác thi đua, khen thưởng, phát hiện, nhân rộng điển hình tiên tiến',
    approve: 'Kế hoạch tổ chức phong trào thi đua yêu nước năm {year}',
    meeting: 'xét khen thưởng tổng kết năm',
    field: 'thi đua, khen thưởng',
    actions: [
      'Hồ sơ đề nghị khen thưởng phải bảo đảm đúng đối tượng, tiêu chuẩn, quy trình, thời gian theo quy định của Luật Thi đua, khen thưởng.',
      'Quan tâm khen thưởng người lao động trực tiếp, tập thể, cá nhân ở cơ sở, vùng đồng bào dân tộc thiểu số.',
    ],
    units: ['HCTC'],
    issuers: ['BNV', 'SNV'],
    general: true,
  },
  {
    key: 'tcbm',
    task: 'sắp xếp tổ chức bộ máy, tinh giản biên chế',
    report: 'thực hiện tinh giản biên chế',
    strengthen: 'quản lý biên chế, vị trí việc làm',
    approve: 'Đề án vị trí việc làm của các cơ quan, tổ chức hành chính',
    meeting: 'phương án sắp xếp tổ chức bộ máy',
    field: 'tổ chức cán bộ',
    actions: [
      'Rà soát chức năng, nhiệm vụ, khắc phục chồng chéo; sắp xếp, kiện toàn tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả.',
      'Thực hiện tinh giản biên chế gắn với cơ cấu lại đội ngũ cán bộ, công chức, viên chức theo vị trí việc làm.',
    ],
    units: ['HCTC', 'TH'],
    issuers: ['BNV', 'SNV', 'VPCP'],
  },
  {
    key: 'gd',
    task: 'nhiệm vụ năm học',
    report: 'chuẩn bị các điều kiện cho năm học mới',
    strengthen: 'công tác bảo đảm an toàn trường học',
    approve: 'Kế hoạch phát triển giáo dục và đào tạo năm {year}',
    meeting: 'công tác tổ chức Kỳ thi tốt nghiệp trung học phổ thông',
    field: 'giáo dục và đào tạo',
    actions: [
      'Bảo đảm đủ phòng học, giáo viên, sách giáo khoa và thiết bị dạy học trước khi bước vào năm học mới.',
      'Duy trì, nâng cao tỷ lệ huy động trẻ trong độ tuổi đến trường; hạn chế tình trạng học sinh bỏ học ở vùng đồng bào dân tộc thiểu số.',
    ],
    units: ['KGVX'],
    issuers: ['BGDĐT', 'SGDĐT'],
  },
  {
    key: 'yt',
    task: 'công tác phòng, chống dịch bệnh',
    report: 'dịch bệnh sốt xuất huyết, bạch hầu và công tác phòng, chống',
    strengthen: 'công tác phòng, chống dịch bệnh truyền nhiễm',
    approve: 'Kế hoạch phòng, chống dịch bệnh truyền nhiễm năm {year}',
    meeting: 'tình hình dịch bệnh và công tác tiêm chủng mở rộng',
    field: 'y tế dự phòng',
    actions: [
      'Giám sát chặt chẽ, phát hiện sớm, khoanh vùng, xử lý triệt để ổ dịch, không để dịch lây lan rộng.',
      'Bảo đảm đủ vắc xin, thuốc, vật tư, trang thiết bị; đẩy mạnh tiêm chủng đầy đủ, đúng lịch cho trẻ em.',
    ],
    units: ['KGVX'],
    issuers: ['BYT', 'SYT'],
    emergencies: ['dịch bệnh bạch hầu'],
  },
  {
    key: 'qp',
    task: 'công tác tuyển chọn và gọi công dân nhập ngũ',
    report: 'công tác quốc phòng, quân sự địa phương',
    strengthen: 'công tác giáo dục quốc phòng và an ninh',
    approve: 'Kế hoạch diễn tập khu vực phòng thủ năm {year}',
    meeting: 'công tác tuyển quân',
    field: 'quốc phòng',
    actions: [
      'Thực hiện công khai, dân chủ, đúng luật trong tuyển chọn và gọi công dân nhập ngũ; bảo đảm đủ chỉ tiêu được giao.',
      'Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; chuẩn bị tốt lực lượng, phương tiện phục vụ diễn tập.',
    ],
    units: ['NC'],
    issuers: ['BCH'],
  },
  {
    key: 'kthxh',
    task: 'Nghị quyết của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước',
    report: 'kinh tế - xã hội',
    strengthen: 'kỷ luật, kỷ cương trong chỉ đạo, điều hành',
    approve: 'Kế hoạch phát triển kinh tế - xã hội năm {year}',
    meeting: 'tình hình kinh tế - xã hội và nhiệm vụ trọng tâm thời gian tới',
    field: 'kế hoạch và đầu tư',
    actions: [
      'Bám sát các chỉ tiêu phát triển kinh tế - xã hội được giao; chủ động xây dựng kịch bản tăng trưởng theo từng quý.',
      'Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh; cải thiện môi trường đầu tư, nâng cao năng lực cạnh tranh cấp tỉnh.',
    ],
    units: ['TH', 'KT'],
    issuers: ['VPCP', 'TTg', 'BKHĐT', 'SKHĐT'],
    general: true,
  },
  {
    key: 'attt',
    task: 'các biện pháp bảo đảm an toàn thông tin mạng',
    report: 'bảo đảm an toàn thông tin mạng',
    strengthen: 'bảo đảm an toàn, an ninh mạng cho các hệ thống thông tin',
    approve: 'Kế hoạch ứng phó sự cố an toàn thông tin mạng năm {year}',
    meeting: 'công tác bảo đảm an toàn thông tin mạng',
    field: 'an toàn thông tin',
    actions: [
      'Triển khai phương án bảo đảm an toàn thông tin theo cấp độ cho các hệ thống thông tin; cập nhật bản vá, rà soát lỗ hổng định kỳ.',
      'Không soạn thảo, lưu trữ thông tin bí mật nhà nước trên máy tính có kết nối Internet.',
    ],
    units: ['TH', 'HCTC'],
    issuers: ['BTTTT', 'STTTT', 'CAT', 'BCA'],
  },
  {
    key: 'tktk',
    task: 'Chương trình tổng thể về thực hành tiết kiệm, chống lãng phí',
    report: 'thực hành tiết kiệm, chống lãng phí',
    strengthen: 'quản lý, sử dụng tài sản công',
    approve: 'Chương trình thực hành tiết kiệm, chống lãng phí năm {year}',
    meeting: 'xử lý các dự án chậm tiến độ, tồn đọng, gây lãng phí',
    field: 'quản lý công sản',
    actions: [
      'Rà soát, sắp xếp lại, xử lý nhà, đất là tài sản công; kiên quyết thu hồi tài sản sử dụng sai mục đích.',
      'Tiết kiệm chi thường xuyên, đặc biệt là chi hội nghị, hội thảo, đi công tác; ưu tiên nguồn lực cho đầu tư phát triển.',
    ],
    units: ['KT'],
    issuers: ['BTC', 'STC'],
  },
];

// Names for the invented signers of incoming documents.
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4], ['Vũ', 4], ['Võ', 4], ['Đặng', 3],
  ['Bùi', 3], ['Đỗ', 3], ['Hồ', 3], ['Ngô', 2], ['Dương', 2], ['Lý', 1], ['Huỳnh', 3], ['Trương', 2], ['Đinh', 2], ['Lương', 1], ['Mai', 1],
];
export const MALE_MIDDLE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Đình', 'Hồng', 'Trọng', 'Anh', 'Quang'];
export const FEMALE_MIDDLE = ['Thị', 'Thị Thu', 'Thị Minh', 'Thị Hồng', 'Thị Thanh', 'Ngọc', 'Thu', 'Thị Kim', 'Thị Mỹ'];
export const MALE_GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Hưng', 'Khoa', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Toàn', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Hiếu', 'Lâm', 'Lộc', 'Nghĩa', 'Tâm'];
export const FEMALE_GIVEN = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Liên', 'Linh', 'Mai', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo', 'Trang', 'Vân', 'Yến'];
