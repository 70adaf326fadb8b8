/**
 * Plausible Vietnamese official prose for the bodies of demo documents. Nothing here
 * claims to quote a real document: the sentences are the stock phrases of administrative
 * writing, combined by a seeded PRNG.
 */
import type { Random } from './random.js';

const OPENINGS = [
  'Thực hiện chỉ đạo của cấp có thẩm quyền và căn cứ chức năng, nhiệm vụ được giao, {issuer} đề nghị các cơ quan, đơn vị, địa phương quan tâm, phối hợp triển khai thực hiện một số nội dung sau:',
  'Căn cứ quy định hiện hành và tình hình thực tế tại địa phương, {issuer} trân trọng đề nghị các cơ quan, đơn vị liên quan tập trung thực hiện tốt các nội dung sau đây:',
  'Nhằm bảo đảm tiến độ, chất lượng và hiệu quả thực hiện nhiệm vụ trong thời gian tới, {issuer} thông tin và đề nghị như sau:',
];

const MIDDLES = [
  'Tiếp tục quán triệt, tổ chức thực hiện nghiêm các chủ trương, chính sách của Đảng, pháp luật của Nhà nước; xác định rõ nhiệm vụ trọng tâm, lộ trình, thời hạn hoàn thành và trách nhiệm của người đứng đầu trong tổ chức thực hiện.',
  'Rà soát, đánh giá kết quả đạt được, những tồn tại, hạn chế và nguyên nhân; đề xuất các giải pháp cụ thể, khả thi để khắc phục trong thời gian tới, bảo đảm tiến độ và chất lượng theo yêu cầu.',
  'Tăng cường công tác kiểm tra, giám sát, đôn đốc việc thực hiện; kịp thời phát hiện, xử lý hoặc báo cáo cấp có thẩm quyền xử lý những vướng mắc phát sinh trong quá trình triển khai.',
  'Đẩy mạnh công tác thông tin, tuyên truyền để cán bộ, công chức, viên chức và Nhân dân hiểu rõ mục đích, ý nghĩa, tạo sự đồng thuận trong quá trình tổ chức thực hiện.',
  'Bố trí nguồn lực, kinh phí hợp lý từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn huy động hợp pháp khác để thực hiện nhiệm vụ được giao.',
  'Phân công cụ thể lãnh đạo phụ trách, đơn vị chủ trì, đơn vị phối hợp; xây dựng kế hoạch chi tiết với mốc thời gian rõ ràng, gắn với trách nhiệm của từng tập thể, cá nhân.',
  'Chủ động phối hợp chặt chẽ với các cơ quan, đơn vị liên quan trong quá trình thực hiện; chia sẻ thông tin, số liệu kịp thời, chính xác, tránh chồng chéo, trùng lặp.',
  'Ứng dụng công nghệ thông tin, chuyển đổi số trong chỉ đạo, điều hành và xử lý công việc; tăng cường gửi, nhận văn bản điện tử có ký số qua Hệ thống quản lý văn bản và điều hành.',
  'Định kỳ hằng quý, 06 tháng và hằng năm tổng hợp kết quả thực hiện, đánh giá những việc đã làm được, chưa làm được và đề xuất nhiệm vụ, giải pháp cho kỳ tiếp theo.',
  'Thực hiện nghiêm chế độ thông tin, báo cáo theo quy định; số liệu báo cáo phải bảo đảm đầy đủ, chính xác, có đối chiếu, so sánh với cùng kỳ năm trước.',
];

const CLOSINGS = [
  'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị kịp thời phản ánh về {issuer} để được hướng dẫn, giải quyết theo thẩm quyền.',
  '{issuer} đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.',
  'Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.',
];

function fill(template: string, issuer: string): string {
  return template.replaceAll('{issuer}', issuer);
}

/** An opening paragraph, a few middle ones and a closing, for a generic official letter. */
export function genericBody(rng: Random, issuer: string, middles = 3): string[] {
  const out = [fill(rng.pick(OPENINGS), issuer)];
  rng.sample(MIDDLES, middles).forEach((p, i) => out.push(`${i + 1}. ${p}`));
  out.push(fill(rng.pick(CLOSINGS), issuer));
  return out;
}

/** An endless supply of numbered middle paragraphs, for annexes that must fill several pages. */
export function* fillerParagraphs(rng: Random): Generator<string> {
  let n = 1;
  let last = '';
  for (;;) {
    const round = rng.shuffle(MIDDLES);
    // No paragraph twice in a row across two rounds.
    if (round[0] === last) round.push(round.shift() as string);
    for (const p of round) yield `${n++}. ${p}`;
    last = round[round.length - 1] as string;
  }
}

export const PROSE = { OPENINGS, MIDDLES, CLOSINGS } as const;
