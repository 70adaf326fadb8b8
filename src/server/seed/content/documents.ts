/**
 * The incoming documents of the demo agency: realistic metadata (Decree 30), the body of
 * their PDF, and the processing each went through, as a plan the seeder replays through
 * the real workflow (register → assign → re-assign → opinions → complete).
 *
 * Deterministic: the same organisation and options give the same documents, ids included.
 * Every time in a plan is later than the step before it, within working hours where it
 * can be, and no later than `endDate`; every deadline satisfies the workflow rules at the
 * moment the step happens (not before that day; a re-assignment's not after its parent's).
 */
import type { AssignmentRole, Confidentiality, IncomingMetadata, Urgency } from '../../../shared/incoming/model.js';
import { DOCUMENT_TYPES, buildCodeNotation, formatCodeNumber, type DocumentTypeInfo } from '../../../shared/domain/documentNumber.js';
import { formatDateVi, monthInDateLine, vnToday } from '../../../shared/text/vietnamese.js';
import { addWorkingDays as addWorkingIsoDays, isWorkingDay as isWorkingIsoDay } from '../../../shared/domain/workingDays.js';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  ISSUERS,
  MALE_GIVEN,
  MALE_MIDDLE,
  TOPICS,
  TYPE_RULES,
  type Issuer,
  type Topic,
  type UnitKey,
} from './catalogue.js';
import type { DemoOrg, DemoUnit, DemoUser } from './organisation.js';
import type { IncomingPdfInput } from './pdf.js';
import { createRandom, uuidFromName, type Random } from './random.js';

/** What the document looks like at `endDate` once its plan has been replayed. */
export type DemoState = 'registered' | 'in_progress' | 'overdue' | 'done';

export interface DemoAssignmentPlan {
  id: string;
  role: AssignmentRole;
  /** Exactly one of unitId / userId is set. */
  unitId?: string;
  userId?: string;
  deadline: string | null;
}

export interface DemoReassignPlan {
  id: string;
  role: AssignmentRole;
  userId: string;
  deadline: string | null;
}

export interface DemoOpinionPlan {
  id: string;
  byUserId: string;
  kind: 'opinion' | 'progress';
  content: string;
  progress: number | null;
  /** ISO timestamp (+07:00). */
  at: string;
}

export interface DemoPlan {
  /** The agency leader's instruction (bút phê), given with the assignments. */
  instruction?: string;
  /** The agency leader who assigns (a leader of the root unit). */
  assignedBy?: string;
  assignedAt?: string;
  assignments?: DemoAssignmentPlan[];
  /** Re-assignment inside the main unit, by a leader of that unit, under its assignment. */
  reassignedBy?: string;
  reassignedAt?: string;
  /** Parent: the top-level assignment with role 'main' (always to a unit when there is a reassign). */
  reassign?: DemoReassignPlan[];
  opinions?: DemoOpinionPlan[];
  complete?: { note: string; byUserId: string; at: string };
}

export interface DemoIncoming {
  /** 0-based position in arrival order. */
  index: number;
  /** The document id (incoming.register's documentId). */
  id: string;
  /** When it arrived and was registered: ISO timestamp in Vietnam time, e.g. "2025-03-05T08:17:42+07:00". */
  arrivalDate: string;
  /** The clerk who registers it. */
  registeredBy: string;
  metadata: IncomingMetadata;
  /** Everything renderIncomingPdf needs for the document's file. */
  pdf: IncomingPdfInput;
  /** A file name for the PDF, e.g. "15-QĐ-BNV.pdf". */
  fileName: string;
  /** The id of the earlier registration this one duplicates (same number/symbol, issuer, issue date), else null. */
  duplicateOf: string | null;
  /** The state at endDate once the plan is replayed (overdue = not done and past its deadline). */
  expectedState: DemoState;
  plan: DemoPlan;
}

export interface DemoIncomingOptions {
  count: number;
  endDate: Date;
  years: number;
}

// ---------------------------------------------------------------------------------------------
// Time in Vietnam (UTC+7): days are counted from 1970-01-01 in Vietnam time.

const DAY = 86_400_000;
const MINUTE = 60_000;
const OFFSET = 7 * 3_600_000;
/** Working hours: 07:30–11:30 and 13:30–17:00, in minutes after midnight. */
const WINDOWS: readonly (readonly [number, number])[] = [
  [450, 690],
  [810, 1020],
];
const WORK_MINUTES = WINDOWS.reduce((s, [a, b]) => s + b - a, 0);

const vnDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
const msAt = (day: number, minute: number): number => day * DAY + minute * MINUTE - OFFSET;
const minuteOf = (ms: number): number => Math.floor((((ms + OFFSET) % DAY) + DAY) % DAY / MINUTE);
const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const dayOfIso = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
// The agency's working days are Vietnam's (shared/domain/workingDays.ts): holidays, Tết and
// the Saturdays worked in exchange (làm bù) — the same calendar deadlines are counted on.
const isWorkingDay = (day: number): boolean => isWorkingIsoDay(isoDay(day));
const addWorkingDays = (day: number, n: number): number => dayOfIso(addWorkingIsoDays(isoDay(day), n));

/** ISO timestamp in Vietnam time: "2025-03-05T08:17:42+07:00". */
function isoVn(ms: number): string {
  return `${new Date(ms + OFFSET).toISOString().slice(0, 19)}+07:00`;
}

/** A random moment of working time on a day (minute resolution, random seconds). */
function workingMomentOn(day: number, rng: Random): number {
  const m = rng.int(0, WORK_MINUTES - 1);
  const [a1, b1] = WINDOWS[0] as readonly [number, number];
  const minute = m < b1 - a1 ? a1 + m : (WINDOWS[1] as readonly [number, number])[0] + m - (b1 - a1);
  return msAt(day, minute) + rng.int(0, 59) * 1000;
}

/** The same moment if it is working time, else the start of the next working window (plus a few minutes). */
function nextWorkingMoment(ms: number, rng: Random): number {
  let day = vnDay(ms);
  const minute = minuteOf(ms);
  if (isWorkingDay(day)) {
    for (const [a, b] of WINDOWS) {
      if (minute < a) return msAt(day, a) + rng.int(0, 25) * MINUTE;
      if (minute < b) return ms;
    }
  }
  do day += 1;
  while (!isWorkingDay(day));
  return msAt(day, (WINDOWS[0] as readonly [number, number])[0]) + rng.int(0, 40) * MINUTE;
}

/** A moment `minMinutes..maxMinutes` of elapsed time after `from`, moved into working time. */
function minutesAfter(from: number, rng: Random, minMinutes: number, maxMinutes: number): number {
  return nextWorkingMoment(from + rng.int(minMinutes, maxMinutes) * MINUTE + rng.int(0, 59) * 1000, rng);
}

/** A moment `n` working days after `from` (n = 0: later the same day, or the next working moment). */
function workingDaysAfter(from: number, rng: Random, n: number): number {
  if (n <= 0) return minutesAfter(from, rng, 5, 150);
  const day = addWorkingDays(vnDay(from), n);
  return workingMomentOn(day, rng);
}

/**
 * Keeps a plan's steps in order: strictly after `cursor`, strictly before `end`. A step that
 * would fall after `end` is squeezed into the time left; null when there is no time left.
 */
function fit(t: number, cursor: number, end: number, rng: Random): number | null {
  if (end - cursor < 2 * MINUTE) return null;
  if (t > cursor && t < end) return t;
  if (t <= cursor) return Math.min(cursor + MINUTE, end - MINUTE);
  return cursor + Math.floor((end - cursor) * (0.15 + 0.7 * rng.next()));
}

const addDays = (iso: string, n: number): string => isoDay(dayOfIso(iso) + n);
const maxIso = (a: string, b: string): string => (a > b ? a : b);
const minIso = (a: string, b: string): string => (a < b ? a : b);

// ---------------------------------------------------------------------------------------------
// Organisation view.

interface UnitView {
  unit: DemoUnit;
  key: string;
  leaders: DemoUser[];
  specialists: DemoUser[];
}

interface OrgView {
  root: DemoUnit;
  chairman: DemoUser;
  agencyLeaders: DemoUser[];
  clerks: DemoUser[];
  units: UnitView[];
  byKey: Map<string, UnitView>;
  /** The agency leader in charge of a unit's field. */
  leaderFor(unit: UnitView, rng: Random): DemoUser;
}

function viewOf(org: DemoOrg): OrgView {
  const root = org.units.find((u) => u.parentId === null);
  if (!root) throw new Error('the organisation has no root unit');
  const agencyLeaders = org.users.filter((u) => u.unitId === root.id && u.role === 'leader');
  const chairman = agencyLeaders.find((u) => u.position === 'Chủ tịch') ?? agencyLeaders[0];
  if (!chairman) throw new Error('the organisation has no agency leader');
  const clerks = org.users.filter((u) => u.role === 'clerk');
  if (clerks.length === 0) throw new Error('the organisation has no clerk');
  const units = org.units
    .filter((u) => u.parentId !== null)
    .map((unit) => ({
      unit,
      key: unit.abbreviation,
      leaders: org.users.filter((u) => u.unitId === unit.id && u.role === 'leader'),
      specialists: org.users.filter((u) => u.unitId === unit.id && u.role === 'specialist'),
    }))
    .filter((v) => v.leaders.length > 0);
  if (units.length === 0) throw new Error('the organisation has no unit with a leader');
  const byKey = new Map(units.map((v) => [v.key, v]));
  const vice = agencyLeaders.filter((u) => u !== chairman);
  // Vice-chairmen in charge of fields, in the order they are listed: economy, culture and society, internal affairs.
  const sector: Record<string, number> = { KT: 0, KGVX: 1, NC: 2, BTCD: 2, TTPVHCC: 2 };
  return {
    root,
    chairman,
    agencyLeaders,
    clerks,
    units,
    byKey,
    leaderFor(unit, rng) {
      const i = sector[unit.key];
      const inCharge = i !== undefined ? vice[i % Math.max(1, vice.length)] : undefined;
      if (inCharge && rng.chance(0.8)) return inCharge;
      return rng.chance(0.7) || agencyLeaders.length === 1 ? chairman : rng.pick(agencyLeaders);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Content.

interface Signer {
  name: string;
  position: string;
}

function personName(rng: Random): string {
  const family = rng.weighted(FAMILY_NAMES);
  return rng.chance(0.7) ? `${family} ${rng.pick(MALE_MIDDLE)} ${rng.pick(MALE_GIVEN)}` : `${family} ${rng.pick(FEMALE_MIDDLE)} ${rng.pick(FEMALE_GIVEN)}`;
}

/** Invented signers for every issuer: one head, two deputies, one signing by order. Fixed across runs. */
function signersOf(): Map<string, { head: Signer; deputies: Signer[]; byOrder: Signer }> {
  const rng = createRandom('ioffice-demo/signers');
  const out = new Map<string, { head: Signer; deputies: Signer[]; byOrder: Signer }>();
  for (const iss of ISSUERS) {
    out.set(iss.key, {
      head: { name: personName(rng), position: iss.head },
      deputies: [
        { name: personName(rng), position: iss.deputy },
        { name: personName(rng), position: iss.deputy },
      ],
      byOrder: { name: personName(rng), position: iss.byOrder },
    });
  }
  return out;
}

function typeInfo(name: string): DocumentTypeInfo {
  const t = DOCUMENT_TYPES.find((d) => d.name === name);
  if (!t) throw new Error(`unknown document type ${name}`);
  return t;
}

/** The reporting period a report issued on `iso` is about. */
function periodOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  if (m === 1) return `năm ${y - 1}`;
  if (m <= 2) return `tháng ${monthInDateLine(m - 1 || 12)} năm ${y}`;
  if (m <= 4) return `quý I năm ${y}`;
  if (m <= 5) return `tháng ${monthInDateLine(m - 1)} năm ${y}`;
  if (m <= 7) return `6 tháng đầu năm ${y}`;
  if (m <= 8) return `7 tháng năm ${y}`;
  if (m <= 10) return `9 tháng năm ${y}`;
  return `năm ${y}`;
}

interface Composed {
  subject: string;
  /** The body, given the due date the document sets (if any). */
  body: (due: string | null) => string[];
  /** Templates asking for an answer set a due date. */
  asksForReply: boolean;
  description: string;
}

function compose(rng: Random, type: string, topic: Topic, issuer: Issuer, issued: string, meetingDay: string | null): Composed {
  const year = Number(issued.slice(0, 4));
  const approve = topic.approve.replaceAll('{year}', String(year));
  const period = periodOf(issued);
  const to = 'Ủy ban nhân dân tỉnh Kon Tum';
  const action = (): string => rng.pick(topic.actions);
  const dueLine = (due: string | null): string => (due ? ` trước ngày ${formatDateVi(due)}` : '');
  let subject = '';
  let asksForReply = false;
  let body: (due: string | null) => string[] = () => [];
  let description = '';
  switch (type) {
    case 'Công văn': {
      const variant = rng.weighted<string>([
        ['trien-khai', 4],
        ['don-doc', 3],
        ['bao-cao', 3],
        ['tang-cuong', 2],
        ['gop-y', 1.5],
        ['so-lieu', 1],
      ]);
      const prefix = rng.chance(0.8) ? 'V/v' : 'Về việc';
      if (variant === 'trien-khai') subject = `${prefix} triển khai ${topic.task}`;
      else if (variant === 'don-doc') subject = `${prefix} đôn đốc thực hiện ${topic.task}`;
      else if (variant === 'bao-cao') subject = `${prefix} báo cáo tình hình ${topic.report} ${period}`;
      else if (variant === 'tang-cuong') subject = `${prefix} tăng cường ${topic.strengthen}`;
      else if (variant === 'gop-y') subject = `${prefix} góp ý dự thảo ${approve}`;
      else subject = `${prefix} cung cấp thông tin, số liệu về ${topic.report}`;
      asksForReply = variant === 'bao-cao' || variant === 'gop-y' || variant === 'so-lieu' || rng.chance(0.15);
      body = (due) => [
        `Thực hiện chỉ đạo của cấp có thẩm quyền về ${topic.task}, ${issuer.name} đề nghị ${to} quan tâm, chỉ đạo các cơ quan, đơn vị liên quan thực hiện một số nội dung sau:`,
        `1. ${topic.actions[0] ?? action()}`,
        `2. ${topic.actions[1] ?? action()}`,
        asksForReply
          ? `3. Tổng hợp kết quả thực hiện, khó khăn, vướng mắc và đề xuất, kiến nghị (nếu có), gửi về ${issuer.name}${dueLine(due)} để tổng hợp, báo cáo cấp có thẩm quyền.`
          : '3. Định kỳ báo cáo kết quả thực hiện theo quy định, bảo đảm đầy đủ, chính xác, đúng thời hạn.',
        `${issuer.name} đề nghị ${to} quan tâm, phối hợp thực hiện./.`,
      ];
      if (variant === 'bao-cao' || variant === 'so-lieu') description = rng.chance(0.5) ? 'Kèm theo đề cương và biểu mẫu báo cáo.' : '';
      break;
    }
    case 'Quyết định': {
      const variant = rng.weighted<string>([
        ['phe-duyet', 3],
        ['cong-bo', 2],
        ['thanh-lap', 1.5],
        ['giao', 1.5],
      ]);
      if (variant === 'phe-duyet') subject = `Về việc phê duyệt ${approve}`;
      else if (variant === 'cong-bo')
        subject = `Về việc công bố danh mục thủ tục hành chính mới ban hành, được sửa đổi, bổ sung trong lĩnh vực ${topic.field} thuộc phạm vi chức năng quản lý của ${issuer.name}`;
      else if (variant === 'thanh-lap') subject = `Về việc thành lập Tổ công tác triển khai ${topic.task}`;
      else subject = `Về việc giao chỉ tiêu, nhiệm vụ thực hiện ${topic.task} năm ${year}`;
      body = () => [
        issuer.authority.toLocaleUpperCase('vi'),
        'Căn cứ Luật Tổ chức chính quyền địa phương và các văn bản hướng dẫn thi hành;',
        `Căn cứ quy định về chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của ${issuer.name};`,
        'Theo đề nghị của Thủ trưởng cơ quan chuyên môn có liên quan.',
        'QUYẾT ĐỊNH:',
        `Điều 1. ${subject.replace(/^Về việc /u, '').replace(/^./u, (c) => c.toLocaleUpperCase('vi'))} (chi tiết tại Phụ lục kèm theo).`,
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        'Điều 3. Thủ trưởng các cơ quan, đơn vị và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.',
      ];
      if (variant !== 'thanh-lap') description = 'Kèm theo Phụ lục.';
      break;
    }
    case 'Kế hoạch':
      subject = rng.chance(0.6) ? `Triển khai ${topic.task} năm ${year}` : `Thực hiện ${topic.task} trên địa bàn`;
      asksForReply = rng.chance(0.4);
      body = (due) => [
        'I. MỤC ĐÍCH, YÊU CẦU',
        `1. Triển khai kịp thời, đồng bộ, hiệu quả ${topic.task}; xác định rõ nhiệm vụ, thời hạn hoàn thành và trách nhiệm của từng cơ quan, đơn vị.`,
        'II. NHIỆM VỤ, GIẢI PHÁP',
        `1. ${topic.actions[0] ?? action()}`,
        `2. ${topic.actions[1] ?? action()}`,
        'III. TỔ CHỨC THỰC HIỆN',
        `Các cơ quan, đơn vị căn cứ Kế hoạch này tổ chức triển khai thực hiện; báo cáo kết quả về ${issuer.name}${dueLine(due) || ' theo định kỳ'}./.`,
      ];
      break;
    case 'Báo cáo':
      subject = rng.chance(0.5) ? `Kết quả thực hiện ${topic.task} ${period}` : `Tình hình ${topic.report} ${period}`;
      body = () => [
        'I. KẾT QUẢ THỰC HIỆN',
        `Trong kỳ báo cáo, ${issuer.name} đã tập trung chỉ đạo, triển khai ${topic.task}; kết quả đạt ${rng.int(62, 98)}% kế hoạch, tăng ${rng.int(2, 15)}% so với cùng kỳ năm trước.`,
        `1. ${topic.actions[0] ?? action()}`,
        'II. TỒN TẠI, HẠN CHẾ',
        'Một số nhiệm vụ còn chậm so với kế hoạch; nguồn lực bố trí còn hạn chế; công tác phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ.',
        'III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI',
        `1. ${topic.actions[1] ?? action()}`,
        `Trên đây là báo cáo của ${issuer.name}, kính báo cáo ${to} xem xét, chỉ đạo./.`,
      ];
      break;
    case 'Giấy mời': {
      const online = issuer.kind === 'central' || rng.chance(0.2);
      subject = online ? `Dự Hội nghị trực tuyến về ${topic.meeting}` : `Dự họp về ${topic.meeting}`;
      const hour = rng.pick(['07 giờ 30', '08 giờ 00', '14 giờ 00', '14 giờ 30']);
      const venue = online ? 'điểm cầu trực tuyến tại Ủy ban nhân dân tỉnh Kon Tum' : `Hội trường ${issuer.name}`;
      description = `Thời gian: ${hour}, ngày ${formatDateVi(meetingDay ?? issued)}. Địa điểm: ${venue}.`;
      body = () => [
        `${issuer.name} trân trọng kính mời Lãnh đạo ${to} và đại diện các cơ quan, đơn vị liên quan tới dự họp về ${topic.meeting}.`,
        `Thời gian: ${hour}, ngày ${formatDateVi(meetingDay ?? issued)}.`,
        `Địa điểm: ${venue}.`,
        'Đề nghị các đại biểu chuẩn bị ý kiến phát biểu, tài liệu liên quan và tham dự đúng thành phần, đúng giờ./.',
      ];
      break;
    }
    case 'Thông báo':
      subject = rng.chance(0.6)
        ? `Kết luận của lãnh đạo ${issuer.name} tại cuộc họp về ${topic.meeting}`
        : `Về việc triển khai ${topic.task}`;
      body = () => [
        `Ngày ${formatDateVi(addDays(issued, -rng.int(1, 6)))}, lãnh đạo ${issuer.name} chủ trì cuộc họp về ${topic.meeting}. Sau khi nghe báo cáo và ý kiến của các thành viên dự họp, kết luận như sau:`,
        `1. ${topic.actions[0] ?? action()}`,
        `2. ${topic.actions[1] ?? action()}`,
        `${issuer.name} thông báo để các cơ quan, đơn vị biết, thực hiện./.`,
      ];
      break;
    case 'Tờ trình':
      subject = rng.chance(0.6) ? `Về việc đề nghị phê duyệt ${approve}` : `Về việc đề nghị ban hành văn bản chỉ đạo ${topic.task}`;
      body = () => [
        `Căn cứ quy định hiện hành và tình hình thực tế, ${issuer.name} kính trình ${to} xem xét, phê duyệt ${approve}, với các nội dung chính sau:`,
        `1. ${topic.actions[0] ?? action()}`,
        `2. ${topic.actions[1] ?? action()}`,
        `Kính trình ${to} xem xét, quyết định./.`,
      ];
      description = 'Kèm theo dự thảo Quyết định và hồ sơ liên quan.';
      break;
    case 'Hướng dẫn':
      subject = `Thực hiện ${topic.task} năm ${year}`;
      body = () => [`${issuer.name} hướng dẫn thực hiện ${topic.task} như sau:`, `1. ${topic.actions[0] ?? action()}`, `2. ${topic.actions[1] ?? action()}`, `Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về ${issuer.name} để được hướng dẫn./.`];
      break;
    case 'Chỉ thị':
      subject = `Về việc tăng cường ${topic.strengthen}`;
      body = () => [`Thời gian qua, ${topic.task} đã đạt được những kết quả quan trọng; tuy nhiên vẫn còn những tồn tại, hạn chế cần khắc phục. Để tăng cường ${topic.strengthen}, Thủ tướng Chính phủ chỉ thị:`, `1. ${topic.actions[0] ?? action()}`, `2. ${topic.actions[1] ?? action()}`, 'Các bộ, ngành, địa phương nghiêm túc thực hiện Chỉ thị này./.'];
      break;
    case 'Công điện': {
      const emergency = rng.pick(topic.emergencies ?? ['mưa lớn, lũ quét, sạt lở đất']);
      subject = `Về việc tập trung ứng phó ${emergency}`;
      body = () => [`Để chủ động ứng phó ${emergency}, bảo đảm an toàn tính mạng, tài sản của Nhân dân, Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố liên quan:`, `1. ${topic.actions[0] ?? action()}`, `2. ${topic.actions[1] ?? action()}`, 'Văn phòng Chính phủ theo dõi, đôn đốc thực hiện Công điện này./.'];
      asksForReply = true;
      break;
    }
    case 'Chương trình':
      subject = `Thực hiện ${topic.task} năm ${year}`;
      body = () => [`${issuer.name} ban hành Chương trình công tác năm ${year} với các nhiệm vụ trọng tâm sau:`, `1. ${topic.actions[0] ?? action()}`, `2. ${topic.actions[1] ?? action()}`, 'Các cơ quan, đơn vị chủ động triển khai thực hiện./.'];
      break;
    case 'Nghị quyết':
      subject = `Về việc thông qua ${approve}`;
      body = () => [
        'HỘI ĐỒNG NHÂN DÂN TỈNH KON TUM',
        'Căn cứ Luật Tổ chức chính quyền địa phương;',
        `Xét Tờ trình của Ủy ban nhân dân tỉnh về ${approve}; Báo cáo thẩm tra của Ban của Hội đồng nhân dân tỉnh và ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.`,
        'QUYẾT NGHỊ:',
        `Điều 1. Thông qua ${approve}.`,
        'Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này./.',
      ];
      break;
    default:
      subject = `Làm việc về ${topic.meeting}`;
      body = () => [
        `Hôm nay, ngày ${formatDateVi(issued)}, tại trụ sở ${issuer.name}, các bên tiến hành làm việc về ${topic.meeting}.`,
        `1. ${topic.actions[0] ?? action()}`,
        'Biên bản được lập thành 04 bản có giá trị như nhau, các bên thống nhất ký tên./.',
      ];
  }
  return { subject, body, asksForReply, description };
}

// ---------------------------------------------------------------------------------------------
// The processing plan.

const PROGRESS_NOTES: readonly (readonly [number, string])[] = [
  [20, 'Đang nghiên cứu nội dung văn bản, rà soát các quy định và văn bản chỉ đạo liên quan.'],
  [30, 'Đã có văn bản đề nghị các sở, ngành, địa phương cung cấp số liệu; đang chờ ý kiến.'],
  [50, 'Đã nhận được ý kiến của phần lớn các cơ quan, đơn vị; đang tổng hợp, xây dựng dự thảo.'],
  [70, 'Đã hoàn thiện dự thảo văn bản, trình lãnh đạo phòng cho ý kiến.'],
  [90, 'Đã trình lãnh đạo UBND tỉnh ký ban hành.'],
];

function proposalOf(rng: Random, topic: Topic, docRef: string, type: string): string {
  const dept = ISSUERS.find((i) => i.kind === 'dept' && topic.issuers.includes(i.key));
  const lead = dept ? dept.name : 'các sở, ngành liên quan';
  if (type === 'Giấy mời') return `Đề xuất lãnh đạo UBND tỉnh dự họp theo ${docRef}; giao ${lead} chuẩn bị nội dung báo cáo.`;
  if (type === 'Tờ trình') return `Hồ sơ đã đầy đủ theo quy định; đề xuất UBND tỉnh xem xét, phê duyệt theo đề nghị tại ${docRef}.`;
  if (type === 'Báo cáo' || type === 'Thông báo')
    return `Đề xuất tổng hợp nội dung ${docRef} vào báo cáo chung của UBND tỉnh; lưu hồ sơ, theo dõi.`;
  return rng.pick([
    `Đề xuất tham mưu UBND tỉnh ban hành văn bản giao ${lead} chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện nội dung tại ${docRef}.`,
    `Văn bản đề nghị báo cáo; đề xuất giao ${lead} tổng hợp số liệu, dự thảo báo cáo của UBND tỉnh.`,
    `Nội dung ${docRef} đã được UBND tỉnh chỉ đạo tại văn bản trước; đề xuất lưu hồ sơ, tiếp tục theo dõi.`,
  ]);
}

interface PlanContext {
  rng: Random;
  view: OrgView;
  topic: Topic;
  type: string;
  docRef: string;
  issuer: Issuer;
  arrival: number;
  end: number;
  today: string;
  dueDate: string | null;
  meetingDay: string | null;
  desired: DemoState;
  docId: string;
}

function chooseState(rng: Random, ageDays: number, urgency: Urgency): DemoState {
  const fast = urgency !== 'normal';
  if (ageDays < 1) return rng.weighted<DemoState>([['registered', fast ? 0.3 : 0.75], ['in_progress', fast ? 0.7 : 0.25]]);
  if (ageDays < 5)
    return rng.weighted<DemoState>([
      ['registered', fast ? 0.05 : 0.3],
      ['in_progress', 0.55],
      ['done', 0.25],
    ]);
  if (ageDays < 60)
    return rng.weighted<DemoState>([
      ['registered', 0.06],
      ['in_progress', 0.3],
      ['overdue', 0.17],
      ['done', 0.47],
    ]);
  return rng.weighted<DemoState>([
    ['registered', 0.004],
    ['in_progress', 0.016],
    ['overdue', 0.03],
    ['done', 0.95],
  ]);
}

function unitName(v: UnitView): string {
  return v.unit.name;
}

function instructionFor(rng: Random, type: string, main: UnitView, coops: UnitView[], deadline: string | null): string {
  const by = deadline ? `; hoàn thành trước ngày ${formatDateVi(deadline)}` : '';
  const partners = coops.length > 0 ? coops.map(unitName).join(', ') : 'các cơ quan, đơn vị liên quan';
  if (type === 'Giấy mời') return `Giao ${unitName(main)} chuẩn bị nội dung, tham mưu lãnh đạo UBND tỉnh dự họp.`;
  if (type === 'Tờ trình') return `Giao ${unitName(main)} chủ trì, phối hợp với ${partners} thẩm định, tham mưu UBND tỉnh xem xét, quyết định${by}.`;
  return rng.pick([
    `Giao ${unitName(main)} chủ trì, phối hợp với ${partners} nghiên cứu, tham mưu UBND tỉnh chỉ đạo thực hiện${by}.`,
    `Giao ${unitName(main)} chủ trì tham mưu xử lý theo quy định${by}.`,
    `Chuyển ${unitName(main)} nghiên cứu, đề xuất${by}.`,
    `${unitName(main)} theo dõi, đôn đốc các cơ quan, đơn vị liên quan thực hiện; tổng hợp, báo cáo UBND tỉnh${by}.`,
  ]);
}

function completionNote(rng: Random, type: string, main: UnitView, at: number, agencyLeader: DemoUser, issuer: Issuer): string {
  const day = isoDay(vnDay(at));
  const doy = dayOfIso(day) - dayOfIso(`${day.slice(0, 4)}-01-01`) + 1;
  const n = formatCodeNumber(doy * 11 + rng.int(1, 10));
  if (type === 'Giấy mời') return `Đồng chí ${agencyLeader.fullName}, ${agencyLeader.position} UBND tỉnh đã dự họp; ${unitName(main)} lưu hồ sơ.`;
  if (type === 'Tờ trình') return `Đã tham mưu UBND tỉnh ban hành Quyết định số ${n}/QĐ-UBND ngày ${formatDateVi(day)}.`;
  return rng.weighted<string>([
    [`Đã tham mưu UBND tỉnh ban hành Công văn số ${n}/UBND-${main.key} ngày ${formatDateVi(day)}.`, 5],
    [`Đã tham mưu UBND tỉnh báo cáo ${issuer.name} (Báo cáo số ${n}/BC-UBND ngày ${formatDateVi(day)}).`, 2],
    ['Đã nghiên cứu, lưu hồ sơ theo dõi.', 2],
  ]);
}

interface BuiltPlan {
  plan: DemoPlan;
  mainUnit: UnitView | null;
}

function buildPlan(c: PlanContext): BuiltPlan {
  const { rng, view, end, today } = c;
  let state = c.desired;
  if (state === 'registered') return { plan: {}, mainUnit: null };

  // 1. The agency leader assigns: urgent documents within the hour, others within two working days.
  let cursor = c.arrival;
  const assignTarget = c.desired === 'done' || rng.chance(0.5) ? (rng.chance(0.5) ? minutesAfter(cursor, rng, 15, 120) : workingDaysAfter(cursor, rng, rng.int(0, 2))) : minutesAfter(cursor, rng, 15, 240);
  const assignedAtMs = fit(assignTarget, cursor, end, rng);
  if (assignedAtMs === null) return { plan: {}, mainUnit: null };
  cursor = assignedAtMs;
  const assignDay = isoDay(vnDay(assignedAtMs));
  if (state === 'overdue' && assignDay >= today) state = 'in_progress';

  const candidates = c.topic.units.map((k) => view.byKey.get(k)).filter((v): v is UnitView => v !== undefined);
  const main = candidates.length > 0 && rng.chance(0.85) ? (candidates[0] as UnitView) : rng.pick(candidates.length > 0 ? candidates : view.units);
  const others = view.units.filter((v) => v !== main);
  const preferred = candidates.filter((v) => v !== main);
  const nCoop = rng.weighted<number>([[0, 0.5], [1, 0.35], [2, 0.15]]);
  const coops = (preferred.length >= nCoop ? rng.sample(preferred, nCoop) : [...preferred, ...rng.sample(others.filter((o) => !preferred.includes(o)), nCoop - preferred.length)]).slice(0, nCoop);
  const assigner = view.leaderFor(main, rng);

  // The main deadline: from the document's due date, or some working days out, or none.
  let deadline: string | null;
  if (c.meetingDay) deadline = maxIso(assignDay, addDays(c.meetingDay, -1));
  else if (c.dueDate) deadline = maxIso(assignDay, addDays(c.dueDate, -rng.int(1, 3)));
  else deadline = rng.chance(0.75) ? isoDay(addWorkingDays(vnDay(assignedAtMs), rng.int(5, 20))) : null;
  if (state === 'in_progress') {
    const effective = deadline ?? c.dueDate;
    if (effective !== null && effective < today) deadline = addDays(today, rng.int(1, 30));
  } else if (state === 'overdue') {
    if (deadline === null || deadline >= today) {
      const latest = addDays(today, -1);
      deadline = minIso(latest, maxIso(assignDay, isoDay(addWorkingDays(vnDay(assignedAtMs), rng.int(3, 15)))));
    }
  }

  const assignments: DemoAssignmentPlan[] = [{ id: uuidFromName(`${c.docId}/assignment/main`), role: 'main', unitId: main.unit.id, deadline }];
  coops.forEach((u, i) => {
    const d = deadline === null ? null : rng.chance(0.6) ? deadline : maxIso(assignDay, addDays(deadline, -2));
    assignments.push({ id: uuidFromName(`${c.docId}/assignment/cooperate/${i}`), role: 'cooperate', unitId: u.unit.id, deadline: d });
  });
  const otherLeaders = view.agencyLeaders.filter((u) => u.id !== assigner.id);
  if (otherLeaders.length > 0 && rng.chance(0.3)) {
    // For information: another member of the agency's leadership.
    assignments.push({ id: uuidFromName(`${c.docId}/assignment/info`), role: 'info', userId: rng.pick(otherLeaders).id, deadline: null });
  }
  const plan: DemoPlan = {
    instruction: instructionFor(rng, c.type, main, coops, deadline),
    assignedBy: assigner.id,
    assignedAt: isoVn(assignedAtMs),
    assignments,
  };

  // 2. The unit leader re-assigns to a specialist (and sometimes a second one to help).
  const unitLeader = rng.chance(0.7) || main.leaders.length === 1 ? (main.leaders[0] as DemoUser) : rng.pick(main.leaders);
  let handler: DemoUser = unitLeader;
  if (main.specialists.length > 0 && rng.chance(0.85)) {
    const t = fit(rng.chance(0.6) ? minutesAfter(cursor, rng, 10, 180) : workingDaysAfter(cursor, rng, 1), cursor, end, rng);
    const reassignDay = t === null ? null : isoDay(vnDay(t));
    if (t !== null && reassignDay !== null && (deadline === null || reassignDay <= deadline)) {
      cursor = t;
      const [first, second] = rng.sample(main.specialists, 2);
      handler = first as DemoUser;
      let childDeadline: string | null = deadline === null ? (rng.chance(0.5) ? isoDay(addWorkingDays(vnDay(t), rng.int(5, 12))) : null) : maxIso(reassignDay, addDays(deadline, -rng.int(0, 2)));
      if (state === 'in_progress' && childDeadline !== null && childDeadline < today) childDeadline = deadline !== null ? deadline : null;
      plan.reassignedBy = unitLeader.id;
      plan.reassignedAt = isoVn(t);
      plan.reassign = [{ id: uuidFromName(`${c.docId}/reassign/main`), role: 'main', userId: handler.id, deadline: childDeadline }];
      if (second && rng.chance(0.3)) plan.reassign.push({ id: uuidFromName(`${c.docId}/reassign/cooperate`), role: 'cooperate', userId: second.id, deadline: childDeadline });
    }
  }

  // 3. Opinions and progress reports.
  const opinions: DemoOpinionPlan[] = [];
  let completion: DemoPlan['complete'];
  const addOpinion = (byUserId: string, kind: 'opinion' | 'progress', content: string, progress: number | null, target: number): boolean => {
    const t = fit(target, cursor, end, rng);
    if (t === null) return false;
    cursor = t;
    opinions.push({ id: uuidFromName(`${c.docId}/opinion/${opinions.length}`), byUserId, kind, content, progress, at: isoVn(t) });
    return true;
  };
  const span = deadline ? Math.max(1, dayOfIso(deadline) - vnDay(cursor)) : 5;
  const later = (): number => workingDaysAfter(cursor, rng, rng.int(0, Math.min(4, Math.max(1, Math.floor(span / 3)))));
  if (state === 'done') {
    addOpinion(handler.id, 'opinion', proposalOf(rng, c.topic, c.docRef, c.type), null, later());
    if (handler !== unitLeader && rng.chance(0.4))
      addOpinion(unitLeader.id, 'opinion', rng.pick(['Thống nhất đề xuất của chuyên viên; hoàn thiện dự thảo, trình lãnh đạo Văn phòng.', 'Đồng ý. Đề nghị khẩn trương hoàn thiện, bảo đảm thời hạn.']), null, later());
    const coop = coops[0];
    if (coop && rng.chance(0.35)) {
      const coopLeader = coop.leaders[0] as DemoUser;
      addOpinion(coopLeader.id, 'opinion', rng.pick([`${unitName(coop)} thống nhất với nội dung dự thảo, không có ý kiến bổ sung.`, `${unitName(coop)} đề nghị bổ sung số liệu về ${c.topic.report} vào dự thảo.`]), null, later());
    }
    // 4. Completion: mostly by the deadline, sometimes late.
    let target: number;
    if (deadline && rng.chance(0.88)) {
      const last = Math.max(vnDay(cursor), dayOfIso(deadline));
      target = nextWorkingMoment(workingMomentOn(vnDay(cursor) + rng.int(0, Math.max(0, last - vnDay(cursor))), rng), rng);
    } else target = workingDaysAfter(cursor, rng, rng.int(1, 12));
    const t = fit(target, cursor, end, rng);
    if (t !== null) completion = { note: completionNote(rng, c.type, main, t, assigner, c.issuer), byUserId: handler.id, at: isoVn(t) };
  } else {
    const n = rng.weighted<number>([[0, 0.35], [1, 0.4], [2, 0.25]]);
    const steps = rng.sample(PROGRESS_NOTES.slice(0, 4), n).sort((a, b) => a[0] - b[0]);
    if (n > 0 && rng.chance(0.5)) addOpinion(handler.id, 'opinion', proposalOf(rng, c.topic, c.docRef, c.type), null, later());
    for (const [p, note] of steps) addOpinion(handler.id, 'progress', note, p, later());
  }
  if (opinions.length > 0) plan.opinions = opinions;
  if (completion) plan.complete = completion;
  return { plan, mainUnit: main };
}

/** The state the plan leads to at `today` (Vietnam date of endDate), by the workflow's own rules. */
function stateOf(plan: DemoPlan, dueDate: string | null, today: string): DemoState {
  if (!plan.assignments || plan.assignments.length === 0) return 'registered';
  if (plan.complete) return 'done';
  const main = plan.assignments.find((a) => a.role === 'main');
  const deadline = main?.deadline ?? dueDate;
  return deadline !== null && deadline < today ? 'overdue' : 'in_progress';
}

// ---------------------------------------------------------------------------------------------

function arrivalTimes(rng: Random, count: number, endMs: number, years: number): number[] {
  const endDay = vnDay(endMs);
  const startDay = endDay - Math.round(365.25 * years);
  const MONTH_FACTOR = [1.0, 0.75, 1.0, 1.0, 0.95, 1.05, 1.0, 0.95, 1.0, 1.05, 1.1, 1.3];
  const days: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let d = startDay + 1; d <= endDay; d++) {
    if (!isWorkingDay(d)) continue;
    let w = MONTH_FACTOR[Number(isoDay(d).slice(5, 7)) - 1] ?? 1;
    if (d === endDay) {
      // Only the working time before endDate counts on the last day.
      const m = minuteOf(endMs);
      const before = WINDOWS.reduce((s, [a, b]) => s + Math.max(0, Math.min(b, m) - a), 0);
      w *= before / WORK_MINUTES;
      if (w <= 0) continue;
    }
    total += w;
    days.push(d);
    cumulative.push(total);
  }
  if (days.length === 0) throw new RangeError('no working time in the requested period');
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    const day = days[lo] as number;
    let t = workingMomentOn(day, rng);
    if (t >= endMs) t = endMs - rng.int(1, 600) * 1000;
    out.push(t);
  }
  out.sort((a, b) => a - b);
  for (let i = 1; i < out.length; i++) if ((out[i] as number) <= (out[i - 1] as number)) out[i] = (out[i - 1] as number) + 1000;
  // Pushing ties apart may have crossed the end; pull the tail back (keeps the order).
  for (let i = out.length - 1, limit = endMs - 1000; i >= 0 && (out[i] as number) > limit; i--, limit -= 1000) out[i] = limit;
  return out;
}

const URGENCY_WEIGHTS: readonly (readonly [Urgency, number])[] = [
  ['normal', 0.86],
  ['urgent', 0.1],
  ['very_urgent', 0.03],
  ['flash', 0.01],
];

const PAGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 34], [2, 25], [3, 14], [4, 8], [5, 6], [6, 4], [7, 3], [8, 2], [9, 1.2], [10, 1], [11, 0.8], [12, 1],
];

interface Recent {
  doc: DemoIncoming;
  mainUnit: UnitView | null;
}

/**
 * The demo incoming documents, in order of arrival, spread over the `years` before `endDate`.
 * A few are deliberate duplicates of a document registered shortly before.
 */
export function* demoIncomingDocuments(org: DemoOrg, options: DemoIncomingOptions): Generator<DemoIncoming> {
  const { count, endDate, years } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`invalid count ${count}`);
  if (count === 0) return;
  const endMs = endDate.getTime();
  const today = vnToday(endDate);
  const seed = `ioffice-demo/incoming/${org.agency.id}/${count}/${years}/${endDate.toISOString()}`;
  const rng = createRandom(seed);
  const view = viewOf(org);
  const signers = signersOf();
  const arrivals = arrivalTimes(rng.fork('arrivals'), count, endMs, years);

  // Duplicates: a handful of arrivals re-register a document that arrived shortly before.
  const nDup = count < 20 ? 0 : Math.min(12, Math.max(3, Math.round(count / 400)));
  const dupIndices = new Set<number>();
  const dupRng = rng.fork('duplicates');
  while (dupIndices.size < nDup) {
    const i = dupRng.int(Math.max(5, Math.floor(count * 0.05)), count - 1);
    if (!dupIndices.has(i - 1) && !dupIndices.has(i + 1)) dupIndices.add(i);
  }

  const used = new Map<string, Set<number>>();
  const recent: Recent[] = [];
  const clerkWeights = view.clerks.map((u, i) => [u, i === 0 ? 3 : 1] as const);

  for (let index = 0; index < count; index++) {
    const arrival = arrivals[index] as number;
    const r = rng.fork(`doc/${index}`);
    const id = uuidFromName(`${seed}/document/${index}`);
    const arrivalDay = vnDay(arrival);
    const ageDays = (endMs - arrival) / DAY;
    const registeredBy = r.weighted(clerkWeights).id;

    const original = dupIndices.has(index) ? recent.filter((x) => x.doc.duplicateOf === null).slice(-12) : [];
    if (original.length > 0) {
      const src = r.pick(original);
      const metadata = { ...src.doc.metadata };
      const dupDoc = duplicatePlan(r, view, src, id, arrival, endMs);
      if (dupDoc.state === 'registered' && metadata.dueDate !== null && metadata.dueDate < today) metadata.dueDate = null;
      const doc: DemoIncoming = {
        index,
        id,
        arrivalDate: isoVn(arrival),
        registeredBy,
        metadata,
        pdf: src.doc.pdf,
        fileName: src.doc.fileName,
        duplicateOf: src.doc.id,
        expectedState: stateOf(dupDoc.plan, metadata.dueDate, today),
        plan: dupDoc.plan,
      };
      recent.push({ doc, mainUnit: src.mainUnit });
      if (recent.length > 30) recent.shift();
      yield doc;
      continue;
    }

    // What it is and who sent it.
    const rule = r.weighted(TYPE_RULES.map((t) => [t, t.weight] as const));
    const type = typeInfo(rule.name);
    const issuer = r.weighted(ISSUERS.filter((i) => rule.kinds.includes(i.kind)).map((i) => [i, i.weight] as const));
    let topics = TOPICS.filter((t) => t.issuers.includes(issuer.key));
    if (type.name === 'Công điện') topics = TOPICS.filter((t) => t.emergencies);
    else if (topics.length === 0 || issuer.kind === 'district' || issuer.kind === 'pm' || issuer.key === 'VPCP' || r.chance(0.25))
      topics = TOPICS.filter((t) => t.general || t.issuers.includes(issuer.key) || issuer.kind === 'district' || issuer.kind === 'pm' || issuer.key === 'VPCP');
    const topic = r.pick(topics.length > 0 ? topics : TOPICS);

    // Issued 0–5 days before arrival, on a working day when possible.
    let issuedDay = arrivalDay - r.weighted<number>([[0, 25], [1, 35], [2, 18], [3, 10], [4, 7], [5, 5]]);
    while (issuedDay < arrivalDay && !isWorkingDay(issuedDay)) issuedDay += 1;
    const issuedDate = isoDay(issuedDay);

    // Number: the issuer's yearly series, about `rate` a day, unique per issuer and year.
    const year = issuedDate.slice(0, 4);
    const dayOfYear = issuedDay - dayOfIso(`${year}-01-01`);
    const seriesKey = `${issuer.key}|${year}`;
    let taken = used.get(seriesKey);
    if (!taken) used.set(seriesKey, (taken = new Set()));
    let n = Math.floor(dayOfYear * issuer.rate) + r.int(1, Math.max(1, Math.floor(issuer.rate)));
    while (taken.has(n)) n += 1;
    taken.add(n);
    const codeNumber = formatCodeNumber(n);
    const codeNotation = buildCodeNotation(
      type.abbreviation ? { typeAbbreviation: type.abbreviation, agency: issuer.abbreviation } : { typeAbbreviation: null, agency: issuer.abbreviation, unit: r.pick(issuer.units) },
    );

    // Urgency and confidentiality.
    let urgency: Urgency = r.weighted(URGENCY_WEIGHTS);
    if (type.name === 'Công điện') urgency = r.chance(0.6) ? 'flash' : 'very_urgent';
    else if (type.name === 'Giấy mời' && urgency === 'normal' && r.chance(0.25)) urgency = 'urgent';
    const confidentiality: Confidentiality = r.chance(issuer.kind === 'security' ? 0.25 : 0.008) ? 'confidential' : 'normal';

    // Due date: meetings on their day; requests for a reply 7–20 days after issue; a few others.
    const meetingDay = type.name === 'Giấy mời' ? isoDay(addWorkingDays(arrivalDay, r.int(1, 6))) : null;
    let dueDate: string | null = meetingDay;
    const composed = compose(r.fork('compose'), type.name, topic, issuer, issuedDate, meetingDay);
    if (!dueDate && (composed.asksForReply || r.chance(0.12))) dueDate = maxIso(isoDay(arrivalDay + 2), addDays(issuedDate, r.int(7, 20)));

    // Signer: the head, a deputy, or (letters and invitations) someone signing by order.
    const s = signers.get(issuer.key) as { head: Signer; deputies: Signer[]; byOrder: Signer };
    const signer =
      (type.name === 'Công văn' || type.name === 'Giấy mời') && issuer.kind !== 'pm' && r.chance(0.18)
        ? s.byOrder
        : r.chance(issuer.kind === 'council' ? 0.6 : 0.28)
          ? s.head
          : r.pick(s.deputies);
    const pageCount = r.weighted(PAGE_WEIGHTS);

    const metadata: IncomingMetadata = {
      issuer: issuer.name,
      codeNumber,
      codeNotation,
      issuedDate,
      documentType: type.name,
      subject: composed.subject,
      signerName: signer.name,
      signerPosition: signer.position,
      urgency,
      confidentiality,
      dueDate,
      pageCount,
      description: composed.description,
    };

    const docRef = `${type.name === 'Công văn' ? 'Công văn' : type.name} số ${codeNumber}/${codeNotation} ngày ${formatDateVi(issuedDate)} của ${issuer.name}`;
    const desired = chooseState(r, ageDays, urgency);
    const built = buildPlan({
      rng: r.fork('plan'),
      view,
      topic,
      type: type.name,
      docRef,
      issuer,
      arrival,
      end: endMs,
      today,
      dueDate,
      meetingDay,
      desired,
      docId: id,
    });
    // A document nobody has assigned yet must not look overdue because of its own due date.
    if ((!built.plan.assignments || built.plan.assignments.length === 0) && metadata.dueDate !== null && metadata.dueDate < today) metadata.dueDate = null;

    const pdf: IncomingPdfInput = {
      issuer: issuer.name,
      codeNumber,
      codeNotation,
      issuedDate,
      documentType: type.name,
      subject: composed.subject,
      signerName: signer.name,
      signerPosition: signer.position,
      place: issuer.place,
      bodyParagraphs: composed.body(dueDate),
      pageCount,
      urgency,
      confidentiality,
    };
    if (issuer.parent) pdf.issuerParent = issuer.parent;
    if (issuer.header) pdf.issuerHeader = issuer.header;

    const doc: DemoIncoming = {
      index,
      id,
      arrivalDate: isoVn(arrival),
      registeredBy,
      metadata,
      pdf,
      fileName: `${codeNumber}-${codeNotation}.pdf`,
      duplicateOf: null,
      expectedState: stateOf(built.plan, metadata.dueDate, today),
      plan: built.plan,
    };
    recent.push({ doc, mainUnit: built.mainUnit });
    if (recent.length > 30) recent.shift();
    yield doc;
  }
}

/** A duplicate is set aside: if there was time, the leader sends it to the unit that handled the original, which files it. */
function duplicatePlan(rng: Random, view: OrgView, src: Recent, docId: string, arrival: number, end: number): { plan: DemoPlan; state: DemoState } {
  if ((end - arrival) / DAY < 2) return { plan: {}, state: 'registered' };
  const unit = src.mainUnit ?? rng.pick(view.units);
  const assigner = view.leaderFor(unit, rng);
  const assignedAt = fit(minutesAfter(arrival, rng, 20, 300), arrival, end, rng);
  if (assignedAt === null) return { plan: {}, state: 'registered' };
  const leader = unit.leaders[0] as DemoUser;
  const doneAt = fit(workingDaysAfter(assignedAt, rng, rng.int(0, 1)), assignedAt, end, rng);
  const plan: DemoPlan = {
    instruction: `Văn bản trùng với văn bản đã vào sổ ngày ${formatDateVi(src.doc.arrivalDate)}; giao ${unit.unit.name} lưu hồ sơ, theo dõi.`,
    assignedBy: assigner.id,
    assignedAt: isoVn(assignedAt),
    assignments: [{ id: uuidFromName(`${docId}/assignment/main`), role: 'main', unitId: unit.unit.id, deadline: null }],
  };
  if (doneAt !== null) plan.complete = { note: 'Văn bản trùng, đã xử lý theo văn bản đến trước; lưu hồ sơ.', byUserId: leader.id, at: isoVn(doneAt) };
  return { plan, state: doneAt !== null ? 'done' : 'in_progress' };
}
