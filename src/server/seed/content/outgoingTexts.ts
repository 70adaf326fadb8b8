/**
 * The words of the demo agency's outgoing documents (content/outgoing.ts): what the People's
 * Committee of a province issues — decisions, letters, plans, reports, notices of a meeting's
 * conclusions, invitations, submissions to the council, directives, urgent dispatches — about
 * the topics of the catalogue (catalogue.ts TOPICS), with the bodies of their PDFs, and what
 * people write along the way: reviewers' comments, reasons to return a draft, to cancel it, to
 * revoke an issued document. Stock phrases of administrative writing; nothing here quotes a
 * real document.
 */
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import type { Topic } from './catalogue.js';
import { PROSE } from './prose.js';
import type { Random } from './random.js';

/** The types the demo agency issues, how often, and who signs them. */
export interface OutgoingTypeSpec {
  name: string;
  weight: number;
  /** 'chair': the chairman or the vice-chairman of the field; 'office': the office's head "by order" (TL.). */
  signedBy: 'chair' | 'office';
  /** Printed as a letter: the subject under the number, "Kính gửi:" (công văn). */
  letter: boolean;
}

export const OUTGOING_TYPES: readonly OutgoingTypeSpec[] = [
  { name: 'Công văn', weight: 52, signedBy: 'chair', letter: true },
  { name: 'Quyết định', weight: 18, signedBy: 'chair', letter: false },
  { name: 'Kế hoạch', weight: 6, signedBy: 'chair', letter: false },
  { name: 'Báo cáo', weight: 6, signedBy: 'chair', letter: false },
  { name: 'Thông báo', weight: 6, signedBy: 'office', letter: false },
  { name: 'Giấy mời', weight: 5, signedBy: 'office', letter: false },
  { name: 'Tờ trình', weight: 3, signedBy: 'chair', letter: false },
  { name: 'Chỉ thị', weight: 1.2, signedBy: 'chair', letter: false },
  { name: 'Công điện', weight: 0.8, signedBy: 'chair', letter: false },
  { name: 'Chương trình', weight: 0.6, signedBy: 'chair', letter: false },
];

const year = (s: string, y: number): string => s.replaceAll('{year}', String(y));
const cap = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

const PERIODS = ['quý I', '06 tháng đầu năm', '09 tháng', 'năm'] as const;

/** The subject of a document of `type` on `topic`, issued in `y`. */
export function outgoingSubject(rng: Random, type: string, topic: Topic, y: number): string {
  switch (type) {
    case 'Quyết định':
      return rng.weighted<string>([
        [`Về việc phê duyệt ${year(topic.approve, y)}`, 5],
        [`Về việc ban hành ${year(topic.approve, y)}`, 2],
        [`Về việc thành lập Tổ công tác triển khai ${topic.task}`, 1],
        [`Về việc công bố danh mục thủ tục hành chính lĩnh vực ${topic.field}`, 1],
        [`Về việc giao chỉ tiêu thực hiện ${topic.task} năm ${y}`, 1],
        [`Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong ${topic.task}`, 1],
      ]);
    case 'Công văn':
      return rng.weighted<string>([
        [`V/v triển khai ${topic.task}`, 3],
        [`V/v tăng cường ${topic.strengthen}`, 3],
        [`V/v báo cáo tình hình ${topic.report} ${rng.pick(PERIODS)} ${y}`, 3],
        [`V/v đôn đốc thực hiện ${topic.task}`, 2],
        [`V/v tham gia ý kiến dự thảo ${year(topic.approve, y)}`, 1],
        [`V/v giao nhiệm vụ tham mưu ${topic.task}`, 1],
      ]);
    case 'Kế hoạch':
      return rng.weighted<string>([
        [`Triển khai thực hiện ${topic.task} năm ${y}`, 3],
        [`Kiểm tra ${topic.task} năm ${y}`, 1],
        [`Tuyên truyền về ${topic.strengthen} năm ${y}`, 1],
      ]);
    case 'Báo cáo':
      return `Tình hình ${topic.report} ${rng.pick(PERIODS)} ${y}`;
    case 'Thông báo':
      return `Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về ${topic.meeting}`;
    case 'Giấy mời':
      return `Mời dự cuộc họp về ${topic.meeting}`;
    case 'Tờ trình':
      return `Đề nghị thông qua ${year(topic.approve, y)}`;
    case 'Chỉ thị':
      return `Về việc tăng cường ${topic.strengthen}`;
    case 'Công điện':
      return topic.emergencies ? `Về việc chủ động ứng phó với ${rng.pick(topic.emergencies)}` : `Về việc tập trung chỉ đạo ${topic.strengthen}`;
    case 'Chương trình':
      return `Công tác ${topic.task} năm ${y}`;
    default:
      return cap(topic.task);
  }
}

/** What an incoming document a reply answers is called in the reply ("Công văn số 123/SNV-TCBC ngày 05/03/2025 của Sở Nội vụ"). */
export interface RepliedDocument {
  documentType: string;
  codeNumber: string;
  codeNotation: string;
  issuedDate: string;
  issuer: string;
  subject: string;
}

export const citeDocument = (d: RepliedDocument): string => `${d.documentType} số ${d.codeNumber}/${d.codeNotation} ngày ${formatDateVi(d.issuedDate)} của ${d.issuer}`;

export function replySubject(rng: Random, type: string, d: RepliedDocument): string {
  if (type === 'Báo cáo') return `Kết quả thực hiện theo đề nghị tại ${citeDocument(d)}`;
  return rng.weighted<string>([
    [`V/v trả lời ${citeDocument(d)}`, 3],
    [`V/v góp ý theo đề nghị tại ${citeDocument(d)}`, 1],
    [`V/v triển khai thực hiện ${citeDocument(d)}`, 1],
  ]);
}

const REPLACE_VERB = { replaces: 'thay thế', updates: 'đính chính' } as const;

/** A document that replaces or corrects an issued one says so in its subject. */
export function relationSubject(kind: 'replaces' | 'updates', old: { documentType: string; symbol: string; issuedAt: string }): string {
  return `Về việc ${REPLACE_VERB[kind]} ${old.documentType} số ${old.symbol} ngày ${formatDateVi(old.issuedAt)} của Ủy ban nhân dân tỉnh`;
}

// ---------------------------------------------------------------------------------------------
// The PDF's body.

const AGENCY = 'Ủy ban nhân dân tỉnh';

export function outgoingBody(rng: Random, type: string, topic: Topic, o: { subject: string; replyTo: RepliedDocument | null; draftingUnit: string }): string[] {
  const middles = rng.sample(PROSE.MIDDLES, 2);
  const closing = rng.pick(PROSE.CLOSINGS).replaceAll('{issuer}', AGENCY);
  if (type === 'Quyết định' || type === 'Chỉ thị') {
    const grounds = [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;',
      `Theo đề nghị của ${o.draftingUnit}.`,
    ];
    if (type === 'Chỉ thị') return [`Thời gian qua, ${topic.actions[0] ?? ''}`.trim(), `Để ${topic.strengthen}, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:`, ...middles.map((m, i) => `${i + 1}. ${m}`), closing];
    return [
      ...grounds,
      'QUYẾT ĐỊNH:',
      `Điều 1. ${o.subject.replace(/^Về việc /u, '').replace(/^./u, (c) => c.toLocaleUpperCase('vi'))} (chi tiết kèm theo).`,
      `Điều 2. ${topic.actions[0] ?? middles[0]!}`,
      `Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện, thành phố và các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.`,
    ];
  }
  const opening = o.replyTo
    ? `${AGENCY} nhận được ${citeDocument(o.replyTo)} về việc ${o.replyTo.subject.replace(/^V\/v\s*/u, '').replace(/^Về việc\s*/u, '')}. Sau khi xem xét, ${AGENCY} có ý kiến như sau:`
    : rng.pick(PROSE.OPENINGS).replaceAll('{issuer}', AGENCY);
  return [opening, ...topic.actions.slice(0, 1).map((a, i) => `${i + 1}. ${a}`), ...middles.map((m, i) => `${i + 2}. ${m}`), closing];
}

// ---------------------------------------------------------------------------------------------
// What people write along the way.

export const REVIEW_COMMENTS = [
  'Đồng ý nội dung dự thảo.',
  'Thống nhất, trình lãnh đạo xem xét.',
  'Đề nghị rà soát lại số liệu tại mục 2 trước khi trình ký.',
  'Bổ sung căn cứ pháp lý và thời hạn báo cáo.',
  'Kiểm tra lại thể thức, cỡ chữ phần nơi nhận.',
  'Nội dung phù hợp; đề nghị bổ sung Sở Tài chính vào nơi nhận.',
  'Đề nghị nêu rõ đơn vị chủ trì, đơn vị phối hợp.',
];

export const RETURN_REASONS = [
  'Đề nghị bổ sung số liệu so sánh với cùng kỳ năm trước.',
  'Căn cứ pháp lý chưa đầy đủ, đề nghị rà soát lại.',
  'Thể thức văn bản chưa đúng Nghị định 30/2020/NĐ-CP (phần nơi nhận, chữ viết tắt).',
  'Nội dung chưa thống nhất với ý kiến của Sở Tài chính; đề nghị tiếp thu, giải trình.',
  'Đề nghị làm rõ trách nhiệm của đơn vị chủ trì và thời hạn hoàn thành.',
  'Trích yếu chưa phản ánh đúng nội dung; đề nghị chỉnh sửa.',
];

export const VERSION_NOTES = ['Tiếp thu ý kiến góp ý, chỉnh sửa dự thảo.', 'Đã bổ sung số liệu và căn cứ theo ý kiến.', 'Chỉnh sửa thể thức theo ý kiến Văn phòng.'];

export const CANCEL_REASONS = ['Nội dung đã được xử lý tại văn bản khác.', 'Không còn cần thiết ban hành theo chỉ đạo của lãnh đạo.', 'Trùng với dự thảo do đơn vị khác soạn.'];

export const REVOKE_REASONS = [
  'Văn bản có sai sót về nội dung, đã ban hành văn bản thay thế.',
  'Ban hành không đúng thẩm quyền theo kết luận kiểm tra.',
  'Nội dung không còn phù hợp với quy định mới của Trung ương.',
  'Phát hành nhầm đối tượng nhận.',
];

export const MAIL_FAILURES = ['Hộp thư của nơi nhận đầy.', 'Không kết nối được máy chủ thư của nơi nhận.', 'Địa chỉ thư công vụ của nơi nhận không tồn tại.'];

export const SUBMIT_COMMENTS = ['', '', 'Kính trình lãnh đạo xem xét.', 'Dự thảo đã lấy ý kiến các đơn vị liên quan.', 'Văn bản cần ban hành gấp.'];

export const FORWARD_COMMENTS = ['Đề nghị Phòng cho ý kiến về nội dung liên quan.', 'Xin ý kiến trước khi trình ký.'];

export const DISPATCH_NOTES = ['', '', 'Gửi kèm bản giấy qua bưu điện.'];
