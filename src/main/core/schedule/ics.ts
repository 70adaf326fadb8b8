/**
 * The weekly schedule and calendar files (iCalendar, RFC 5545): export ("schedule.ics") with
 * ical-generator, import ("schedule.parseIcs") with ical.js.
 *
 * Export. Every entry is one VEVENT whose UID is `<entry id>@<agency code>`, the same in every
 * revision, and whose SEQUENCE is the number of changes the entry had after its week was
 * published: a calendar that imports the file again updates the event instead of adding a copy.
 * Times are Vietnam wall times with TZID=Asia/Ho_Chi_Minh and its VTIMEZONE (UTC+7, no daylight
 * saving) written by us through ical-generator's timezone generator hook, so no time zone
 * database is needed at either end. An entry with no clock time spans its part of the day
 * (DAY_PART_HOURS) and its description says so. A cancelled entry is STATUS:CANCELLED (the
 * calendar strikes or removes it); an entry of a week not yet published is TENTATIVE.
 *
 * Import. Each VEVENT becomes a request to confirm (shared EntryInput): the date and HH:mm times
 * in Vietnam time whatever the event's zone (UTC, a VTIMEZONE of the file, an IANA name the file
 * does not define, or floating = local time here); an all-day event is a morning with no time.
 * Left out, each with a Vietnamese reason: past events, cancelled ones, events without a start,
 * malformed ones. A recurring event gives ONE request: its next occurrence from today (with its
 * exception, if the file moved that occurrence). The weekly schedule is planned week by week,
 * each week approved on its own, and the paper schedule has no recurrence: a weekly meeting is
 * asked for again each week, so turning a series into months of requests would only flood the
 * office with requests for weeks it does not plan yet. The later occurrences are listed in
 * `skipped`, so the user knows.
 */
import ICAL from 'ical.js';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalTZDateStub } from 'ical-generator';
import { unitName, userName, type OrgView } from '../../../shared/domain/org.js';
import { AppError } from '../../../shared/i18n/errors.js';
import type { Agency } from '../../../shared/model/organisation.js';
import { DAY_PART_HOURS, DAY_PART_LABELS, ENTRY_FIELD_LABELS, SCHEDULE_TEXT } from '../../../shared/schedule/constants.js';
import type { ScheduleEntry, ScheduleWeek } from '../../../shared/schedule/model.js';
import { EntryInput } from '../../../shared/schedule/mutations.js';
import type { IcsImportResult } from '../../../shared/schedule/rpc.js';
import { entryInterval, revisionLabel, scheduleWeekId, weekTitle } from '../../../shared/schedule/week.js';
import { formatDateVi, isValidIsoDate, VN_OFFSET_MS, vnToday } from '../../../shared/text/vietnamese.js';

export const VN_TZID = 'Asia/Ho_Chi_Minh';

/** Vietnam's zone as iCalendar describes it: one offset, +07:00, since 1975 (no daylight saving). */
export const VN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${VN_TZID}`,
  `X-LIC-LOCATION:${VN_TZID}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const pad2 = (n: number): string => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------------
// Export

/**
 * An instant that ical-generator writes as a Vietnam wall time under TZID=Asia/Ho_Chi_Minh. Its
 * formatter reads a plain Date's *local* fields (the process's zone: UTC on a server, anything on
 * a desktop), so we hand it a date of its "TZDate" kind whose fields are Vietnam's.
 */
class VietnamTime extends Date implements ICalTZDateStub {
  readonly internal: Date;
  readonly timeZone = VN_TZID;
  constructor(ms: number) {
    super(ms);
    this.internal = new Date(ms);
  }
  private wall(): Date {
    return new Date(this.getTime() + VN_OFFSET_MS);
  }
  withTimeZone(): VietnamTime {
    return this;
  }
  tzComponents(): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
    const w = this.wall();
    return { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds() };
  }
  override getFullYear(): number {
    return this.wall().getUTCFullYear();
  }
  override getMonth(): number {
    return this.wall().getUTCMonth();
  }
  override getDate(): number {
    return this.wall().getUTCDate();
  }
  override getHours(): number {
    return this.wall().getUTCHours();
  }
  override getMinutes(): number {
    return this.wall().getUTCMinutes();
  }
  override getSeconds(): number {
    return this.wall().getUTCSeconds();
  }
}

/** The instant of a Vietnam day at `minutes` past its midnight. */
function vnInstant(isoDay: string, minutes: number): number {
  return Date.parse(`${isoDay}T00:00:00.000Z`) - VN_OFFSET_MS + minutes * 60_000;
}

function roomName(org: OrgView, id: string | null): string {
  return id === null ? '' : (org.schedule?.rooms.find((r) => r.id === id)?.name ?? '');
}

const weekOf = (weeks: ReadonlyMap<string, ScheduleWeek>, agencyId: string, weekStart: string): ScheduleWeek | null =>
  weeks.get(weekStart) ?? weeks.get(scheduleWeekId(agencyId, weekStart)) ?? null;

/** The week's state as a line: "Lịch công tác Tuần 49, từ 30/11 đến 06/12/2026 — Điều chỉnh lần 2". */
function weekLine(weekStart: string, week: ScheduleWeek | null): string {
  const state = week?.status === 'published' ? revisionLabel(week.revision, 'vi') : 'Dự thảo (chưa ban hành)';
  return `Lịch công tác ${weekTitle(weekStart, 'vi')} — ${state}`;
}

function description(e: ScheduleEntry, org: OrgView, week: ScheduleWeek | null): string {
  const out: string[] = [];
  if (e.start === null) {
    const h = DAY_PART_HOURS[e.part];
    out.push(`Thời gian: cả buổi ${DAY_PART_LABELS[e.part].vi.toLocaleLowerCase('vi')} (${h.start}–${h.end}), chưa có giờ cụ thể`);
  }
  const chair = org.users.find((u) => u.id === e.chairId);
  if (chair) out.push(`Chủ trì: ${chair.fullName}${chair.position ? ` (${chair.position})` : ''}`);
  const participants = [...e.participantUserIds.map((id) => userName(org, id)), ...e.participantUnitIds.map((id) => unitName(org, id)), e.guests].filter((s) => s !== '');
  if (participants.length > 0) out.push(`Thành phần: ${participants.join('; ')}`);
  const preparing = unitName(org, e.preparingUnitId);
  if (preparing) out.push(`Đơn vị chuẩn bị: ${preparing}`);
  if (e.notes) out.push(`Ghi chú: ${e.notes}`);
  if (e.status === 'cancelled') out.push(`Hoãn${e.reason ? `: ${e.reason}` : ''}`);
  const last = e.changes.at(-1);
  if (last && last.change === 'changed') out.push(`Điều chỉnh ${last.fields.map((f) => ENTRY_FIELD_LABELS[f].vi).join(', ')}${last.reason ? `: ${last.reason}` : ''}`);
  if (last && last.change === 'added') out.push(`Bổ sung sau khi ban hành${last.reason ? `: ${last.reason}` : ''}`);
  out.push(weekLine(e.weekStart, week));
  return out.join('\n');
}

/** The entries as an iCalendar file (UTF-8). Requests, rejections and merges are not events: only scheduled and cancelled entries are written. */
export function entriesToIcs(input: { agency: Agency; org: OrgView; entries: ScheduleEntry[]; weeks: ReadonlyMap<string, ScheduleWeek>; calendarName: string; now: Date }): Uint8Array {
  const { agency, org } = input;
  const cal = ical({
    name: input.calendarName.normalize('NFC'),
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'iOffice', product: 'Lich cong tac tuan', language: 'VI' },
    // No calendar-wide zone name (DTSTAMP and LAST-MODIFIED stay in UTC, as RFC 5545 wants);
    // the generator writes the VTIMEZONE of every zone the events name.
    timezone: { name: null, generator: (tz) => (tz === VN_TZID ? VN_VTIMEZONE : null) },
  });
  const entries = input.entries.filter((e) => e.status === 'scheduled' || e.status === 'cancelled');
  for (const e of [...entries].sort((a, b) => a.date.localeCompare(b.date) || entryInterval(a).start - entryInterval(b).start || a.id.localeCompare(b.id))) {
    const week = weekOf(input.weeks, agency.id, e.weekStart);
    const span = entryInterval(e);
    const location = [roomName(org, e.roomId), e.place].filter((s) => s !== '').join(', ');
    cal.createEvent({
      id: `${e.id}@${agency.code}`,
      sequence: e.changes.length,
      start: new VietnamTime(vnInstant(e.date, span.start)),
      end: new VietnamTime(vnInstant(e.date, span.end)),
      timezone: VN_TZID,
      stamp: input.now,
      created: new Date(e.createdAt),
      lastModified: new Date(e.updatedAt),
      summary: e.content.normalize('NFC'),
      location: location ? location.normalize('NFC') : null,
      description: description(e, org, week).normalize('NFC'),
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : week?.status === 'published' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    });
  }
  return new TextEncoder().encode(cal.toString());
}

// ---------------------------------------------------------------------------------------------
// Import

/** The largest file read (a year of a busy calendar is a few hundred kB). */
export const ICS_MAX_BYTES = 2 * 1024 * 1024;
/** At most this many requests come out of one file, and this many skipped events are listed one by one. */
const MAX_ENTRIES = 200;
const MAX_SKIPPED_LISTED = 100;
/** Occurrences walked to find a series' next one (a daily series begun in 2020 is ~2,500), and over the whole file. */
const MAX_OCCURRENCES = 5000;
const MAX_OCCURRENCES_FILE = 50_000;

type Skipped = IcsImportResult['skipped'][number];

/** Text as the schemas want it: NFC, no control characters but line breaks and tabs, trimmed. */
function clean(s: string, oneLine: boolean): string {
  // The very characters the schemas refuse (shared/model/primitives.ts).
  let t = s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu, '');
  t = oneLine ? t.replace(/\s+/gu, ' ') : t.replace(/\r\n?/gu, '\n').replace(/[ \t]+\n/gu, '\n').replace(/\n{3,}/gu, '\n\n');
  return t.trim();
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`;
}

function decode(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '');
}

const invalid = (details: string): AppError => new AppError('schedule_ics_invalid', { details }, { details });

/** Unfolded content lines (RFC 5545 §3.1), blank lines dropped. */
function contentLines(text: string): string[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(/\n[ \t]/gu, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/**
 * The calendar's components. A file ical.js refuses as a whole (one bad line) is read again event
 * by event, each with the file's time zones, so one broken event does not lose the others.
 */
function readCalendar(text: string): { events: ICAL.Component[]; broken: Skipped[] } {
  try {
    const parsed: unknown = ICAL.parse(text);
    const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as unknown[][];
    const events: ICAL.Component[] = [];
    for (const root of roots) {
      const comp = new ICAL.Component(root);
      if (comp.name !== 'vcalendar') continue;
      events.push(...comp.getAllSubcomponents('vevent'));
    }
    return { events, broken: [] };
  } catch (err) {
    const lines = contentLines(text);
    const zones: string[] = [];
    const blocks: string[][] = [];
    let current: string[] | null = null;
    let zone: string[] | null = null;
    for (const line of lines) {
      const upper = line.toUpperCase();
      if (upper.startsWith('BEGIN:VTIMEZONE')) zone = [line];
      else if (zone) {
        zone.push(line);
        if (upper.startsWith('END:VTIMEZONE')) (zones.push(...zone), (zone = null));
      } else if (upper.startsWith('BEGIN:VEVENT')) current = [line];
      else if (current) {
        current.push(line);
        if (upper.startsWith('END:VEVENT')) (blocks.push(current), (current = null));
      }
    }
    if (blocks.length === 0) throw invalid(err instanceof Error ? err.message : String(err));
    const events: ICAL.Component[] = [];
    const broken: Skipped[] = [];
    for (const block of blocks) {
      try {
        const cal = new ICAL.Component(ICAL.parse(['BEGIN:VCALENDAR', 'VERSION:2.0', ...zones, ...block, 'END:VCALENDAR', ''].join('\r\n')) as unknown[]);
        events.push(...cal.getAllSubcomponents('vevent'));
      } catch {
        const summary = block.find((l) => /^SUMMARY[;:]/iu.test(l))?.replace(/^SUMMARY[^:]*:/iu, '') ?? '';
        broken.push({ summary: clip(clean(summary.replace(/\\([,;\\])/gu, '$1').replace(/\\n/giu, ' '), true), 200), reason: 'Sự kiện bị lỗi định dạng, không đọc được.' });
      }
    }
    return { events, broken };
  }
}

/** A Vietnam calendar day and clock time. */
interface VnWall {
  date: string;
  minutes: number;
}

const isValidZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false; // not an IANA name (e.g. a Windows zone name without its VTIMEZONE)
  }
};

/** The offset (ms) of an IANA zone at an instant, from Intl (the zone database of the runtime). */
function zoneOffset(tz: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

function wallOf(ms: number): VnWall {
  const w = new Date(ms + VN_OFFSET_MS);
  return { date: w.toISOString().slice(0, 10), minutes: w.getUTCHours() * 60 + w.getUTCMinutes() };
}

/** A date-time of the file as Vietnam wall time. `tzid`: the property's TZID, for zones the file does not define. */
function toVietnam(t: ICAL.Time, tzid: string | null): VnWall {
  if (t.zone?.tzid === 'floating' || !t.zone) {
    const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
    if (tzid && isValidZone(tzid)) {
      // Wall time in a zone the file names but does not define: Intl knows it.
      let ms = asUtc - zoneOffset(tzid, asUtc);
      ms = asUtc - zoneOffset(tzid, ms);
      return wallOf(ms);
    }
    // Floating (RFC 5545: local time wherever it is read), or a zone nobody can resolve: Vietnam time.
    return { date: `${t.year}-${pad2(t.month)}-${pad2(t.day)}`, minutes: t.hour * 60 + t.minute };
  }
  return wallOf(t.toUnixTime() * 1000);
}

const clock = (minutes: number): string => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/** The raw jCal value of a date property, checked (ical.js would quietly turn 2026-13-45 into 2027). */
function checkedTime(comp: ICAL.Component, name: 'dtstart' | 'dtend'): { time: ICAL.Time; tzid: string | null } | 'missing' | 'invalid' {
  const prop = comp.getFirstProperty(name);
  if (!prop) return 'missing';
  const raw: unknown = prop.jCal[3];
  if (typeof raw !== 'string') return 'invalid';
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z?)?$/u.exec(raw);
  if (!m || !isValidIsoDate(m[1]!) || (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 60))) return 'invalid';
  try {
    const time = prop.getFirstValue() as unknown;
    if (!(time instanceof ICAL.Time)) return 'invalid';
    const tzid = prop.getParameter('tzid');
    return { time, tzid: typeof tzid === 'string' ? tzid : null };
  } catch {
    return 'invalid';
  }
}

const textOf = (comp: ICAL.Component, name: string): string => {
  const v: unknown = comp.getFirstPropertyValue(name);
  return typeof v === 'string' ? v : '';
};

/** One occurrence's request, or why it is left out. */
function toEntry(comp: ICAL.Component, start: ICAL.Time, end: ICAL.Time | null, tzid: string | null, today: string, extraNote: string): EntryInput | string {
  const content = clip(clean(textOf(comp, 'summary'), true), SCHEDULE_TEXT.content);
  if (content === '') return 'Sự kiện không có tiêu đề (SUMMARY).';
  const notes: string[] = [];
  const desc = clean(textOf(comp, 'description'), false);
  if (desc) notes.push(desc);
  let fields: { date: string; part: 'morning' | null; start: string | null; end: string | null };
  if (start.isDate) {
    // All day: a morning with no clock time (the office gives it its hours).
    const date = `${start.year}-${pad2(start.month)}-${pad2(start.day)}`;
    fields = { date, part: 'morning', start: null, end: null };
    if (end?.isDate) {
      const last = new Date(Date.UTC(end.year, end.month - 1, end.day) - 86_400_000).toISOString().slice(0, 10);
      if (last > date) notes.push(`Sự kiện cả ngày, kéo dài đến hết ngày ${formatDateVi(last)}.`);
    }
  } else {
    const s = toVietnam(start, tzid);
    let endClock: string | null = null;
    if (end && !end.isDate) {
      const e = toVietnam(end, tzid);
      if (e.date === s.date && e.minutes > s.minutes) endClock = clock(e.minutes);
      else if (e.date > s.date) notes.push(`Kéo dài đến ${clock(e.minutes)} ngày ${formatDateVi(e.date)}.`);
    }
    fields = { date: s.date, part: null, start: clock(s.minutes), end: endClock };
  }
  if (fields.date < today) return `Sự kiện đã diễn ra (${formatDateVi(fields.date)}).`;
  if (extraNote) notes.push(extraNote);
  const parsed = EntryInput.safeParse({
    ...fields,
    content,
    place: clip(clean(textOf(comp, 'location'), true), SCHEDULE_TEXT.place),
    notes: clip(notes.join('\n\n'), SCHEDULE_TEXT.notes),
  });
  if (!parsed.success) return `Dữ liệu không hợp lệ (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}).`;
  return parsed.data;
}

/** Read an .ics file into requests to confirm; nothing is queued. */
export function parseIcs(bytes: Uint8Array, now: Date): IcsImportResult {
  if (bytes.length > ICS_MAX_BYTES) throw new AppError('payload_too_large', { limit: '2 MB' });
  const text = decode(bytes);
  if (text.includes('\u0000') || !/^\s*BEGIN:VCALENDAR\s*$/imu.test(text.slice(0, 4096).split('\n').find((l) => l.trim() !== '') ?? '')) {
    throw invalid('tệp không phải định dạng iCalendar (không bắt đầu bằng BEGIN:VCALENDAR)');
  }
  const today = vnToday(now);
  const budget = { occurrences: MAX_OCCURRENCES_FILE };
  const { events, broken } = readCalendar(text);
  const entries: EntryInput[] = [];
  const skipped: Skipped[] = [...broken];
  const skip = (comp: ICAL.Component | null, reason: string): void => {
    skipped.push({ summary: comp ? clip(clean(textOf(comp, 'summary'), true), 200) : '', reason });
  };

  // Exceptions (RECURRENCE-ID) belong to their series when the file has it.
  const masters = new Map<string, ICAL.Component>();
  for (const comp of events) if (!comp.hasProperty('recurrence-id')) masters.set(textOf(comp, 'uid'), comp);
  const exceptions = new Map<string, ICAL.Component[]>();
  const standalone: ICAL.Component[] = [];
  for (const comp of events) {
    const uid = textOf(comp, 'uid');
    if (comp.hasProperty('recurrence-id') && uid !== '' && masters.get(uid) && masters.get(uid) !== comp) exceptions.set(uid, [...(exceptions.get(uid) ?? []), comp]);
    else standalone.push(comp);
  }

  for (const comp of standalone) {
    if (entries.length >= MAX_ENTRIES) {
      skip(comp, `Tệp có quá nhiều sự kiện; chỉ đọc ${MAX_ENTRIES} sự kiện đầu tiên.`);
      continue;
    }
    try {
      const result = readEvent(comp, exceptions.get(textOf(comp, 'uid')) ?? [], today, budget);
      if (typeof result === 'string') skip(comp, result);
      else {
        entries.push(result.entry);
        if (result.later) skip(comp, result.later);
      }
    } catch (err) {
      skip(comp, `Sự kiện bị lỗi, không đọc được (${err instanceof Error ? err.message : String(err)}).`);
    }
  }

  if (skipped.length > MAX_SKIPPED_LISTED) {
    const rest = skipped.length - (MAX_SKIPPED_LISTED - 1);
    skipped.splice(MAX_SKIPPED_LISTED - 1, skipped.length, { summary: `… và ${rest} sự kiện khác`, reason: 'Không nhập (đã qua, bị huỷ, lặp lại hoặc lỗi).' });
  }
  return { entries, skipped };
}

function readEvent(comp: ICAL.Component, exceptions: ICAL.Component[], today: string, budget: { occurrences: number }): { entry: EntryInput; later: string | null } | string {
  if (String(comp.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return 'Sự kiện đã bị huỷ.';
  const start = checkedTime(comp, 'dtstart');
  if (start === 'missing') return 'Sự kiện không có thời gian bắt đầu (DTSTART).';
  if (start === 'invalid') return 'Thời gian bắt đầu không hợp lệ.';
  const end = checkedTime(comp, 'dtend');
  const event = new ICAL.Event(comp, { exceptions });

  if (!event.isRecurring()) {
    const endTime = typeof end === 'object' ? end.time : comp.hasProperty('duration') ? event.endDate : null;
    const entry = toEntry(comp, start.time, endTime, start.tzid, today, '');
    return typeof entry === 'string' ? entry : { entry, later: null };
  }

  // A series: its next occurrence from today (see the header for why only one).
  const it = event.iterator();
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    if (--budget.occurrences < 0) return 'Lịch lặp lại quá dài, không tìm được lần diễn ra gần nhất.';
    const occ = it.next();
    if (!occ) break;
    const wall = occ.isDate ? `${occ.year}-${pad2(occ.month)}-${pad2(occ.day)}` : toVietnam(occ, start.tzid).date;
    if (wall < today) continue;
    const details = event.getOccurrenceDetails(occ);
    const item = details.item.component;
    if (String(item.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const note = 'Lịch lặp lại: chỉ nhập lần gần nhất.';
    const entry = toEntry(item, details.startDate, details.endDate, start.tzid, today, note);
    if (typeof entry === 'string') return entry;
    return { entry, later: `Sự kiện lặp lại: đã nhập lần ngày ${formatDateVi(entry.date)}; các lần sau không nhập — hãy đăng ký lịch theo từng tuần.` };
  }
  return it.complete ? 'Sự kiện lặp lại không còn lần nào từ hôm nay.' : 'Lịch lặp lại quá dài, không tìm được lần diễn ra gần nhất.';
}
