/**
 * An invitation received ("Giấy mời") as a schedule request to confirm ("schedule.fromDocument"):
 * the content from the subject, the day, time and place read from the document's texts (its
 * subject, then its summary, then the leader's instruction), the document linked. Pure.
 *
 * Invitations are written in a handful of ways, which this reads:
 *   time   "vào lúc 14 giờ 00 phút", "8h30", "14:00", "từ 8h00 đến 11h30", "2 giờ chiều"
 *   day    "ngày 05/12/2026", "5/12/2026", "ngày 03 tháng 12 năm 2026", "ngày 05/12" (the next
 *          such day), a part of the day "sáng thứ Sáu, ngày 04/12/2026"
 *   place  "tại Phòng họp số 2, UBND tỉnh", "Địa điểm: Hội trường Sở Nội vụ"
 * An invitation also cites other documents with their dates ("Thực hiện Công văn số 123/UBND-KT
 * ngày 20/11/2026…"): a date written after "số … ngày" is a citation, never the meeting's, and the
 * day chosen is the one next to the time when there is one, else the first from today on.
 * Anything not found is left out, for the user to fill in.
 */
import type { IncomingDocument } from '../../../shared/incoming/index.js';
import { SCHEDULE_TEXT, type DayPart } from '../../../shared/schedule/constants.js';
import type { EntryLink } from '../../../shared/schedule/model.js';
import type { EntryInput } from '../../../shared/schedule/mutations.js';
import { partOfTime } from '../../../shared/schedule/week.js';
import { cleanText, formatDateVi, isValidIsoDate } from '../../../shared/text/vietnamese.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

interface Span {
  index: number;
  end: number;
}

interface TimeMatch extends Span {
  minutes: number;
  /** The end of a range "từ 8h00 đến 11h30". */
  until: number | null;
  part: DayPart | null;
}

interface DateMatch extends Span {
  date: string;
  /** A cited document's date ("Công văn số 123/UBND ngày 20/11/2026"). */
  citation: boolean;
}

const PART_WORDS: Record<string, DayPart> = { sáng: 'morning', trưa: 'afternoon', chiều: 'afternoon', tối: 'evening', đêm: 'evening' };

/** A clock time: "14 giờ 00 phút", "14 giờ", "8h30", "8h", "7g30", "14:00" (never a date's "05.12" nor a duration "trong 24 giờ"). */
const TIME = /(?<![\d/.:,])([01]?\d|2[0-3])\s*(?:(?:giờ|h|g(?=[0-5]\d))(?:\s*([0-5]\d)(?!\d))?(?:\s*(?:phút|p|'))?(?![\p{L}\d])|:([0-5]\d)(?![\d:/]))(?:\s+(sáng|trưa|chiều|tối|đêm)(?!\s*(?:kiến|tạo|lập|tác|đa|thiểu|ưu|mật|cao|hướng|dài|rộng|sâu)))?/giu;
const DURATION_BEFORE = /(?:trong|vòng|sau|trước|mất|khoảng|tối đa|ít nhất)\s*$/iu;
const RANGE_JOIN = /^\s*(?:đến|tới|-|–|—)\s*(?:lúc\s*)?/iu;

/** "05/12/2026", "5-12-2026", "05.12.2026", "ngày 05/12"; "ngày 03 tháng 12 năm 2026", "ngày 3 tháng 12". */
const DATE_NUMERIC = /(ngày\s+)?(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\3\s*(\d{4}))?(?![\d/.-]*\d)/giu;
const DATE_WORDS = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?/giu;
const CITATION_BEFORE = /số\s+[\p{L}\d./-]+\s*(?:của\s+[^,.;]{1,60}\s*)?$/iu;
/** "sáng thứ Sáu, ngày …", "buổi chiều ngày …", "chiều ngày …". */
const PART_BEFORE_DATE = /(?:buổi\s+)?(sáng|trưa|chiều|tối)\s*(?:(?:thứ\s+\p{L}+|chủ\s+nhật)\s*,?\s*)?$/iu;

function timesIn(text: string): TimeMatch[] {
  const out: TimeMatch[] = [];
  for (const m of text.matchAll(TIME)) {
    const index = m.index;
    if (DURATION_BEFORE.test(text.slice(Math.max(0, index - 14), index))) continue;
    let hour = Number(m[1]);
    const minute = Number(m[2] ?? m[3] ?? 0);
    const part = m[4] ? (PART_WORDS[m[4].toLocaleLowerCase('vi')] ?? null) : null;
    // "2 giờ chiều" is 14:00.
    if (part && part !== 'morning' && hour < 12) hour += 12;
    out.push({ index, end: index + m[0].length, minutes: hour * 60 + minute, until: null, part });
  }
  // Ranges: a time followed by "đến" and another.
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i]!;
    const b = out[i + 1]!;
    if (RANGE_JOIN.test(text.slice(a.end, b.index)) && text.slice(a.end, b.index).length <= 12 && b.minutes > a.minutes) {
      a.until = b.minutes;
      a.end = b.end;
      out.splice(i + 1, 1);
    }
  }
  return out;
}

/** The year of a date written without one: this year's, or next year's when that is well past (an invitation speaks of days to come). */
function inferYear(month: number, day: number, today: string): number {
  const year = Number(today.slice(0, 4));
  const candidate = `${year}-${pad2(month)}-${pad2(day)}`;
  const monthAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  return candidate < monthAgo ? year + 1 : year;
}

function datesIn(text: string, today: string): DateMatch[] {
  const out: DateMatch[] = [];
  const push = (index: number, end: number, day: number, month: number, year: number | null): void => {
    const date = `${year ?? inferYear(month, day, today)}-${pad2(month)}-${pad2(day)}`;
    if (!isValidIsoDate(date)) return;
    const citation = CITATION_BEFORE.test(text.slice(Math.max(0, index - 80), index));
    out.push({ index, end, date, citation });
  };
  for (const m of text.matchAll(DATE_NUMERIC)) {
    // Without a year, only after "ngày" (a bare "5/12" may be anything).
    if (!m[5] && !m[1]) continue;
    push(m.index, m.index + m[0].length, Number(m[2]), Number(m[4]), m[5] ? Number(m[5]) : null);
  }
  for (const m of text.matchAll(DATE_WORDS)) push(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null);
  return out.sort((a, b) => a.index - b.index);
}

const distance = (a: Span, b: Span): number => (a.end <= b.index ? b.index - a.end : b.end <= a.index ? a.index - b.end : 0);

const DOCUMENT_WORDS = /^(?:các\s+)?(?:công văn|văn bản|quyết định|thông báo|kế hoạch|tờ trình|nghị định|nghị quyết|thông tư|chỉ thị|điều|khoản|mục|báo cáo|giấy mời|phụ lục|đây)\b/iu;
const PLACE_LABEL = /địa\s+điểm\s*:\s*([^\n;]+?)(?=\s*(?:[\n;]|\.\s|\.$|$))/iu;
const PLACE_AT = /(?:^|[\s,(])tại\s+(.+?)(?=\s*(?:$|[\n;)]|\.\s|\.$|,\s*(?:vào|lúc|hồi|từ|thời gian|ngày|thứ|sáng|trưa|chiều|tối|kính|đề nghị|thành phần)(?![\p{L}])|\s+(?:vào|lúc|hồi|từ)\s+(?:lúc\s+)?\d|\s+(?:vào\s+)?(?:buổi\s+)?(?:sáng|chiều|tối)\s+(?:thứ|ngày|nay|mai)|\s+ngày\s+\d))/iu;

/** The place, from "Địa điểm: …" or "tại …" (not "tại Công văn số …"). */
function placeIn(text: string): (Span & { place: string }) | null {
  const label = PLACE_LABEL.exec(text);
  if (label) return { index: label.index, end: label.index + label[0].length, place: label[1]! };
  const re = new RegExp(PLACE_AT.source, 'giu');
  for (const m of text.matchAll(re)) {
    const place = m[1]!.trim();
    if (DOCUMENT_WORDS.test(place) || place.length < 3) continue;
    return { index: m.index + m[0].search(/tại/iu), end: m.index + m[0].length, place };
  }
  return null;
}

/** The first letter in capitals ("họp về việc" → "Họp về việc"). */
const capitalise = (s: string): string => (s === '' ? s : s.charAt(0).toLocaleUpperCase('vi') + s.slice(1));

/**
 * The entry's content from the subject: "Giấy mời họp về việc X" → "Họp về việc X", "Mời dự Hội
 * nghị …" → "Dự Hội nghị …", without the time, day and place the subject may carry (they have
 * fields of their own).
 */
export function contentFromSubject(subject: string, cutAt: number | null): string {
  let s = cleanText(subject);
  if (cutAt !== null && cutAt > 0) s = s.slice(0, cutAt);
  s = s
    .replace(/^(?:giấy\s+mời|gm)\s*[:\-–]?\s*/iu, '')
    .replace(/^(?:v\/v|về\s+việc)\s*[:\-–]?\s*/iu, '')
    .replace(/^(?:kính\s+)?mời\s+(?=\p{L})/iu, '')
    .replace(/[\s,;:\-–(]+$/u, '')
    .replace(/\s+(?:vào|lúc|vào\s+lúc|vào\s+hồi|hồi|từ|của)$/iu, '')
    .replace(/[\s,;:\-–(]+$/u, '');
  return capitalise(s.trim());
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A request prefilled from an incoming document. */
export function entryFromDocument(doc: IncomingDocument, today: string): Partial<EntryInput> & { link: EntryLink } {
  const subject = cleanText(doc.subject);
  const texts = [subject, cleanText(doc.description), cleanText(doc.instruction)].filter((t) => t !== '');
  const out: Partial<EntryInput> & { link: EntryLink } = { link: { kind: 'incoming', id: doc.id } };

  // Read each text in turn (the subject first: what it says wins). In one text, a day and a
  // time close together are the meeting's; else the first day from today on, the first time.
  let time: TimeMatch | null = null;
  let date: DateMatch | null = null;
  let place: string | null = null;
  let datePart: DayPart | null = null;
  for (const text of texts) {
    const times = timesIn(text);
    const dates = datesIn(text, today).filter((d) => !d.citation);
    let dateHere: DateMatch | null = null;
    if (!date && !time) {
      let best: { t: TimeMatch; d: DateMatch; gap: number } | null = null;
      for (const t of times) for (const d of dates) if (distance(t, d) <= 100 && (!best || distance(t, d) < best.gap)) best = { t, d, gap: distance(t, d) };
      if (best) (time = best.t), (date = dateHere = best.d);
    }
    if (!date && dates.length > 0) date = dateHere = dates.find((d) => d.date >= today) ?? dates[0]!;
    if (!time && times.length > 0) time = times[0]!;
    if (dateHere) {
      const before = text.slice(Math.max(0, dateHere.index - 30), dateHere.index).replace(/[\s,]+$/u, '');
      const m = PART_BEFORE_DATE.exec(before);
      if (m) datePart = PART_WORDS[m[1]!.toLocaleLowerCase('vi')] ?? null;
    }
    if (!place) place = placeIn(text)?.place ?? null;
  }

  // The content: the subject without its time, day and place.
  const cuts = [...timesIn(subject).map((t) => t.index), ...datesIn(subject, today).map((d) => d.index), placeIn(subject)?.index ?? -1].filter((i) => i > 0);
  let content = contentFromSubject(subject, cuts.length > 0 ? Math.min(...cuts) : null);
  if (content.length < 3) content = contentFromSubject(subject, null);
  if (content === '') content = `Dự họp theo ${doc.documentType} số ${doc.codeNumber}/${doc.codeNotation}`;
  out.content = clip(content, SCHEDULE_TEXT.content);

  if (date) out.date = date.date;
  if (time) {
    out.start = `${pad2(Math.floor(time.minutes / 60))}:${pad2(time.minutes % 60)}`;
    out.end = time.until !== null ? `${pad2(Math.floor(time.until / 60))}:${pad2(time.until % 60)}` : null;
    out.part = partOfTime(out.start);
  } else if (datePart) out.part = datePart;
  if (place) {
    const cleaned = place.replace(/[\s,;:.\-–]+$/u, '').trim();
    if (cleaned) out.place = clip(capitalise(cleaned), SCHEDULE_TEXT.place);
  }
  out.notes = clip(`Theo ${doc.documentType} số ${doc.codeNumber}/${doc.codeNotation} ngày ${formatDateVi(doc.issuedDate)} của ${doc.issuer}.`, SCHEDULE_TEXT.notes);
  return out;
}
