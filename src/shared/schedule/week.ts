/**
 * Weeks of the schedule, pure and zod-free (the renderer imports them): a week runs Monday to
 * Sunday in Vietnam's calendar days ('YYYY-MM-DD'), is numbered as ISO 8601 does (week 1 holds
 * the year's first Thursday; the number printed on the paper schedule), and has one record per
 * agency whose id every client derives the same way, so a week action taken offline names the
 * record the server will write.
 */
import { DAY_PART_HOURS, DEFAULT_ENTRY_MINUTES, type DayPart } from './constants.js';

const DAY_MS = 86_400_000;

function toUtc(isoDay: string): number {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(isoDay: string, n: number): string {
  return fromUtc(toUtc(isoDay) + n * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDay: string): number {
  const d = new Date(toUtc(isoDay)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week holding `isoDay`. */
export function weekStartOf(isoDay: string): string {
  return addDays(isoDay, 1 - isoWeekday(isoDay));
}

export function isWeekStart(isoDay: string): boolean {
  return isoWeekday(isoDay) === 1;
}

/** The seven days of the week starting on `weekStart`. */
export function weekDays(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}

/** ISO 8601 week number and its year (30/12/2024 is week 1 of 2025). */
export function isoWeek(isoDay: string): { year: number; week: number } {
  const thursday = addDays(isoDay, 4 - isoWeekday(isoDay));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toUtc(thursday) - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

const ddmm = (isoDay: string): string => `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}`;

/** "Tuần 49, từ 30/11 đến 06/12/2026" (the year once, at the end, as printed; both years when they differ). */
export function weekTitle(weekStart: string, lang: 'vi' | 'en' = 'vi'): string {
  const end = addDays(weekStart, 6);
  const { week } = isoWeek(weekStart);
  const sameYear = weekStart.slice(0, 4) === end.slice(0, 4);
  const from = sameYear ? ddmm(weekStart) : `${ddmm(weekStart)}/${weekStart.slice(0, 4)}`;
  const to = `${ddmm(end)}/${end.slice(0, 4)}`;
  return lang === 'vi' ? `Tuần ${week}, từ ${from} đến ${to}` : `Week ${week}, ${from} to ${to}`;
}

const WEEKDAY_NAMES_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const WEEKDAY_NAMES_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Thứ Hai", … "Chủ nhật". */
export function weekdayName(isoDay: string, lang: 'vi' | 'en' = 'vi'): string {
  return (lang === 'vi' ? WEEKDAY_NAMES_VI : WEEKDAY_NAMES_EN)[isoWeekday(isoDay) - 1]!;
}

/**
 * The id of an agency's week record: a UUID of version 8 ("custom", RFC 9562) made of the
 * agency's id with the week's day number (days since 2000-01-03, a Monday, up to 2179) in its
 * first 16 bits. Pure, so every runtime derives it; never equal to a client's random (v4) id,
 * and two agencies' weeks differ wherever their own ids do.
 */
export function scheduleWeekId(agencyId: string, weekStart: string): string {
  const days = Math.round((toUtc(weekStart) - Date.UTC(2000, 0, 3)) / DAY_MS);
  if (days < 0 || days > 0xffff) throw new RangeError(`week out of range: ${weekStart}`);
  const hex = agencyId.replace(/-/gu, '').toLowerCase();
  const variant = ((parseInt(hex[16] ?? '8', 16) & 0x3) | 0x8).toString(16);
  const out = `${days.toString(16).padStart(4, '0')}${hex.slice(4, 12)}8${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/u;
export const isClockTime = (s: string): boolean => HHMM.test(s);

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function clockOf(minutes: number): string {
  const m = Math.max(0, Math.min(minutes, 24 * 60 - 1));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The part of the day a clock time falls in. */
export function partOfTime(hhmm: string): DayPart {
  const m = minutesOf(hhmm);
  if (m < 12 * 60) return 'morning';
  if (m < 18 * 60) return 'afternoon';
  return 'evening';
}

/** The minutes [start, end) an entry occupies on its day: its clock times, else its whole part. */
export function entryInterval(e: { part: DayPart; start: string | null; end: string | null }): { start: number; end: number } {
  if (e.start === null) {
    const h = DAY_PART_HOURS[e.part];
    return { start: minutesOf(h.start), end: minutesOf(h.end) };
  }
  const start = minutesOf(e.start);
  const end = e.end !== null ? minutesOf(e.end) : start + DEFAULT_ENTRY_MINUTES;
  return { start, end: Math.max(end, start + 1) };
}

/** "08:00–10:30", "14:00", or the part's name when no clock time was given. */
export function entryTimeLabel(e: { part: DayPart; start: string | null; end: string | null }, partLabel: (p: DayPart) => string): string {
  if (e.start === null) return partLabel(e.part);
  return e.end ? `${e.start}–${e.end}` : e.start;
}

/** "Điều chỉnh lần 2" (revision 3 is the second change after the publication). */
export function revisionLabel(n: number, lang: 'vi' | 'en' = 'vi'): string {
  if (n <= 1) return lang === 'vi' ? 'Ban hành' : 'Published';
  return lang === 'vi' ? `Điều chỉnh lần ${n - 1}` : `Revision ${n - 1}`;
}
