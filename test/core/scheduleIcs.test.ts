/**
 * Calendar files (src/main/core/schedule/ics.ts). Export, read back with ical.js as a calendar
 * application would: Vietnam times under TZID Asia/Ho_Chi_Minh with its VTIMEZONE, whatever the
 * zone of the machine; a UID that survives revisions and a SEQUENCE that grows with them; a
 * cancelled entry cancelled. Import of files as Google Calendar and Outlook write them (UTC
 * times, their own VTIMEZONEs, IANA names without one, floating and all-day events, a series),
 * what is left out and why, broken files and files that are not calendars at all.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesToIcs, parseIcs } from '../../src/main/core/schedule/ics.js';
import { AppError } from '../../src/shared/i18n/errors.js';
import type { ScheduleEntry, ScheduleWeek } from '../../src/shared/schedule/model.js';
import { AGENCY, change, ORG, publishedWeek, sampleEntry } from '../helpers/scheduleSamples.js';

/** Tuesday 01/12/2026, 09:00 in Vietnam. */
const NOW = new Date('2026-12-01T02:00:00.000Z');

// The desktop runs in whatever zone its user set: the file must not depend on it.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

function exportIcs(entries: ScheduleEntry[], weeks: ScheduleWeek[] = [publishedWeek()]): string {
  const bytes = entriesToIcs({ agency: AGENCY, org: ORG, entries, weeks: new Map(weeks.map((w) => [w.weekStart, w])), calendarName: 'Lịch công tác UBND tỉnh Kon Tum', now: NOW });
  return new TextDecoder().decode(bytes);
}

function events(ics: string): { vcal: ICAL.Component; byUid: Map<string, ICAL.Component> } {
  const vcal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return { vcal, byUid: new Map(vcal.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e])) };
}

const startOf = (e: ICAL.Component): Date => (e.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate();
const endOf = (e: ICAL.Component): Date => (e.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate();
const text = (s: string): Uint8Array => new TextEncoder().encode(s.replace(/\r?\n/gu, '\r\n'));

function refused(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('export', () => {
  it('writes Vietnam times under TZID Asia/Ho_Chi_Minh with its VTIMEZONE, METHOD:PUBLISH and the calendar name', () => {
    const e = sampleEntry({ date: '2026-12-03', part: 'afternoon', start: '14:00', end: '16:30', content: 'Họp bàn kế hoạch đầu tư công năm 2027' });
    const ics = exportIcs([e]);
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain('X-WR-CALNAME:Lịch công tác UBND tỉnh Kon Tum');
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261203T140000');
    expect(ics).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20261203T163000');
    const { vcal, byUid } = events(ics);
    const tz = vcal.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(String(tz.getFirstSubcomponent('standard')!.getFirstPropertyValue('tzoffsetto'))).toBe('+07:00');
    expect(vcal.getAllSubcomponents('vtimezone')).toHaveLength(1);
    const ev = byUid.get(`${e.id}@${AGENCY.code}`)!;
    // 14:00 in Vietnam is 07:00 UTC, through the file's own VTIMEZONE.
    expect(startOf(ev).toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(endOf(ev).toISOString()).toBe('2026-12-03T09:30:00.000Z');
    expect(ev.getFirstPropertyValue('summary')).toBe('Họp bàn kế hoạch đầu tư công năm 2027');
    expect(ev.getFirstPropertyValue('location')).toBe('Phòng họp số 1');
    expect(String(ev.getFirstPropertyValue('status'))).toBe('CONFIRMED');
    // DTSTAMP and LAST-MODIFIED are UTC.
    expect(ics).toMatch(/DTSTAMP:20261201T020000Z/u);
    expect(ics).toMatch(/LAST-MODIFIED:20261125T010000Z/u);
    const description = String(ev.getFirstPropertyValue('description'));
    expect(description).toContain('Chủ trì: Trần Văn Đức (Chủ tịch)');
    expect(description).toContain('Thành phần: Lê Minh Đăng; Phòng Nội chính');
    expect(description).toContain('Đơn vị chuẩn bị: Văn phòng UBND tỉnh');
    expect(description).toContain('Lịch công tác Tuần 49, từ 30/11 đến 06/12/2026 — Ban hành');
  });

  it('gives an entry without a clock time its part of the day, and says so', () => {
    const e = sampleEntry({ date: '2026-12-04', part: 'afternoon', start: null, end: null, place: 'Huyện Đắk Hà', roomId: null });
    const ev = events(exportIcs([e])).byUid.get(`${e.id}@${AGENCY.code}`)!;
    expect(startOf(ev).toISOString()).toBe('2026-12-04T06:30:00.000Z'); // 13:30
    expect(endOf(ev).toISOString()).toBe('2026-12-04T10:00:00.000Z'); // 17:00
    expect(String(ev.getFirstPropertyValue('description'))).toContain('cả buổi chiều (13:30–17:00), chưa có giờ cụ thể');
    expect(ev.getFirstPropertyValue('location')).toBe('Huyện Đắk Hà');
  });

  it('keeps the UID across revisions and raises SEQUENCE with each change, so calendars update instead of duplicating', () => {
    const v1 = sampleEntry({ date: '2026-12-03', start: '08:00', end: '10:00' });
    const v2: ScheduleEntry = { ...v1, start: '09:00', end: '11:00', changes: [change(2, 'changed', ['time'])], updatedAt: '2026-12-01T08:30:00.000Z', version: 2 };
    const v3: ScheduleEntry = { ...v2, status: 'cancelled', reason: 'Lãnh đạo đi công tác', changes: [...v2.changes, change(3, 'cancelled')], version: 3 };
    const weeks = (n: number): ScheduleWeek[] => [publishedWeek('2026-11-30', ['2026-12-01T08:30:00.000Z', '2026-12-02T01:00:00.000Z'].slice(0, n - 1))];
    const [a, b, c] = [exportIcs([v1], weeks(1)), exportIcs([v2], weeks(2)), exportIcs([v3], weeks(3))].map((s) => [...events(s).byUid.values()][0]!) as [ICAL.Component, ICAL.Component, ICAL.Component];
    const uid = `${v1.id}@${AGENCY.code}`;
    expect([a, b, c].map((e) => e.getFirstPropertyValue('uid'))).toEqual([uid, uid, uid]);
    expect([a, b, c].map((e) => e.getFirstPropertyValue('sequence'))).toEqual([0, 1, 2]);
    expect(startOf(b).toISOString()).toBe('2026-12-03T02:00:00.000Z');
    expect(String(b.getFirstPropertyValue('description'))).toContain('Điều chỉnh thời gian');
    expect(String(b.getFirstPropertyValue('description'))).toContain('Điều chỉnh lần 1');
    expect(String(c.getFirstPropertyValue('status'))).toBe('CANCELLED');
    expect(String(c.getFirstPropertyValue('description'))).toContain('Hoãn: Lãnh đạo đi công tác');
  });

  it('marks entries of a week not yet published as tentative, and writes no requests', () => {
    const draft = sampleEntry({ date: '2026-12-08', content: 'Lịch dự thảo' });
    const request = sampleEntry({ date: '2026-12-08', status: 'requested', content: 'Đăng ký chưa xếp' });
    const { byUid } = events(exportIcs([draft, request], []));
    expect(byUid.size).toBe(1);
    const ev = byUid.get(`${draft.id}@${AGENCY.code}`)!;
    expect(String(ev.getFirstPropertyValue('status'))).toBe('TENTATIVE');
    expect(String(ev.getFirstPropertyValue('description'))).toContain('Dự thảo (chưa ban hành)');
  });

  it('reads back through the import as the same days and times', () => {
    const entries = [
      sampleEntry({ date: '2026-12-03', part: 'afternoon', start: '14:00', end: '16:30', content: 'Họp A' }),
      sampleEntry({ date: '2026-12-04', part: 'evening', start: '19:30', end: null, content: 'Dự chương trình B', roomId: null, place: 'Nhà văn hóa tỉnh' }),
    ];
    const back = parseIcs(new TextEncoder().encode(exportIcs(entries)), NOW);
    expect(back.skipped).toEqual([]);
    expect(back.entries.map((e) => [e.date, e.start, e.end, e.content, e.place])).toEqual([
      ['2026-12-03', '14:00', '16:30', 'Họp A', 'Phòng họp số 1'],
      ['2026-12-04', '19:30', '20:30', 'Dự chương trình B', 'Nhà văn hóa tỉnh'],
    ]);
  });
});

const GOOGLE = `BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Lịch cá nhân
X-WR-TIMEZONE:Asia/Ho_Chi_Minh
BEGIN:VTIMEZONE
TZID:Asia/Ho_Chi_Minh
X-LIC-LOCATION:Asia/Ho_Chi_Minh
BEGIN:STANDARD
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
TZNAME:GMT+7
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART:20261203T070000Z
DTEND:20261203T090000Z
DTSTAMP:20261130T103000Z
UID:7kq1m2n3@google.com
DESCRIPTION:Chuẩn bị báo cáo tiến độ.\\nMang theo số liệu quý IV.
LOCATION:Phòng họp số 2\\, UBND tỉnh
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Họp Ban Chỉ đạo chuyển đổi số
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART:20261203T200000Z
DTEND:20261203T213000Z
DTSTAMP:20261130T103000Z
UID:night@google.com
SUMMARY:Họp trực tuyến với Bộ Nội vụ
END:VEVENT
BEGIN:VEVENT
DTSTART:20261205T160000Z
DTEND:20261205T180000Z
DTSTAMP:20261130T103000Z
UID:late@google.com
SUMMARY:Trực ban đêm
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261210
DTEND;VALUE=DATE:20261212
DTSTAMP:20261130T103000Z
UID:allday@google.com
SUMMARY:Đoàn kiểm tra của Thanh tra Chính phủ
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Asia/Ho_Chi_Minh:20261005T080000
DTEND;TZID=Asia/Ho_Chi_Minh:20261005T093000
RRULE:FREQ=WEEKLY;BYDAY=MO
DTSTAMP:20261130T103000Z
UID:weekly@google.com
SUMMARY:Giao ban đầu tuần
END:VEVENT
BEGIN:VEVENT
RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20261207T080000
DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T100000
DTEND;TZID=Asia/Ho_Chi_Minh:20261207T113000
DTSTAMP:20261130T103000Z
UID:weekly@google.com
SUMMARY:Giao ban đầu tuần (dời giờ)
END:VEVENT
BEGIN:VEVENT
DTSTART:20261120T020000Z
DTEND:20261120T030000Z
DTSTAMP:20261130T103000Z
UID:past@google.com
SUMMARY:Sự kiện đã qua
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20261130T103000Z
UID:nostart@google.com
SUMMARY:Không có giờ bắt đầu
END:VEVENT
BEGIN:VEVENT
DTSTART:20261209T020000Z
DTSTAMP:20261130T103000Z
UID:cancelled@google.com
STATUS:CANCELLED
SUMMARY:Cuộc họp đã huỷ
END:VEVENT
END:VCALENDAR
`;

const OUTLOOK = `BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:SE Asia Standard Time
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
END:STANDARD
END:VTIMEZONE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
DESCRIPTION:Kính mời đồng chí tham dự.
DTEND;TZID="SE Asia Standard Time":20261204T113000
DTSTART;TZID="SE Asia Standard Time":20261204T090000
LOCATION:Hội trường tầng 3
SUMMARY;LANGUAGE=vi:Hội nghị trực tuyến toàn quốc về cải cách hành chính
UID:040000008200E00074C5B7101A82E00800000000A1B2C3D4
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20261204T090000
DTEND;TZID="W. Europe Standard Time":20261204T100000
SUMMARY:Họp trực tuyến với đối tác Pháp
UID:040000008200E00074C5B7101A82E00800000000A1B2C3D5
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20270601T090000
DTEND;TZID="W. Europe Standard Time":20270601T100000
SUMMARY:Họp mùa hè với đối tác Pháp
UID:040000008200E00074C5B7101A82E00800000000A1B2C3D6
END:VEVENT
END:VCALENDAR
`;

const byContent = (r: ReturnType<typeof parseIcs>, content: string) => r.entries.find((e) => e.content === content);

describe('import', () => {
  it('reads a Google Calendar file: UTC times as Vietnam times, the day moving with them, description and place', () => {
    const r = parseIcs(text(GOOGLE), NOW);
    const a = byContent(r, 'Họp Ban Chỉ đạo chuyển đổi số')!;
    expect([a.date, a.part, a.start, a.end]).toEqual(['2026-12-03', null, '14:00', '16:00']);
    expect(a.place).toBe('Phòng họp số 2, UBND tỉnh');
    expect(a.notes).toBe('Chuẩn bị báo cáo tiến độ.\nMang theo số liệu quý IV.');
    // 20:00 UTC on the 3rd is 03:00 on the 4th in Vietnam.
    expect(byContent(r, 'Họp trực tuyến với Bộ Nội vụ')).toMatchObject({ date: '2026-12-04', start: '03:00', end: '04:30' });
    // 23:00–01:00: no end on the day, the note says until when.
    const late = byContent(r, 'Trực ban đêm')!;
    expect([late.date, late.start, late.end]).toEqual(['2026-12-05', '23:00', null]);
    expect(late.notes).toContain('Kéo dài đến 01:00 ngày 06/12/2026');
  });

  it('reads an all-day event as a morning with no clock time', () => {
    const r = parseIcs(text(GOOGLE), NOW);
    const e = byContent(r, 'Đoàn kiểm tra của Thanh tra Chính phủ')!;
    expect([e.date, e.part, e.start, e.end]).toEqual(['2026-12-10', 'morning', null, null]);
    expect(e.notes).toContain('kéo dài đến hết ngày 11/12/2026');
  });

  it('takes the next occurrence of a series, with its moved time, and lists the later ones as not imported', () => {
    const r = parseIcs(text(GOOGLE), NOW);
    const weekly = r.entries.filter((e) => e.content.startsWith('Giao ban đầu tuần'));
    expect(weekly).toHaveLength(1);
    // Monday 07/12 was moved to 10:00 by its exception.
    expect(weekly[0]).toMatchObject({ date: '2026-12-07', start: '10:00', end: '11:30', content: 'Giao ban đầu tuần (dời giờ)' });
    expect(r.skipped).toContainEqual({ summary: 'Giao ban đầu tuần', reason: expect.stringContaining('các lần sau không nhập') as string });
  });

  it('leaves out past, cancelled and start-less events, each with a reason in Vietnamese', () => {
    const r = parseIcs(text(GOOGLE), NOW);
    const reasons = new Map(r.skipped.map((s) => [s.summary, s.reason]));
    expect(reasons.get('Sự kiện đã qua')).toBe('Sự kiện đã diễn ra (20/11/2026).');
    expect(reasons.get('Không có giờ bắt đầu')).toBe('Sự kiện không có thời gian bắt đầu (DTSTART).');
    expect(reasons.get('Cuộc họp đã huỷ')).toBe('Sự kiện đã bị huỷ.');
    expect(r.entries.map((e) => e.content)).not.toContain('Sự kiện đã qua');
    expect(r.entries).toHaveLength(5);
  });

  it('finds the next day of a daily series begun years ago, and leaves out a series that has ended', () => {
    const ics = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:daily
DTSTART:20150101T003000Z
DTEND:20150101T010000Z
RRULE:FREQ=DAILY
SUMMARY:Điểm báo buổi sáng
END:VEVENT
BEGIN:VEVENT
UID:ended
DTSTART:20260105T020000Z
RRULE:FREQ=WEEKLY;UNTIL=20260330T020000Z
SUMMARY:Chuỗi họp đã kết thúc
END:VEVENT
END:VCALENDAR
`;
    const r = parseIcs(text(ics), NOW);
    expect(r.entries).toEqual([expect.objectContaining({ content: 'Điểm báo buổi sáng', date: '2026-12-01', start: '07:30', end: '08:00' })]);
    expect(r.skipped).toContainEqual({ summary: 'Chuỗi họp đã kết thúc', reason: 'Sự kiện lặp lại không còn lần nào từ hôm nay.' });
  });

  it('reads an Outlook file: its Windows zones defined by its VTIMEZONEs, daylight saving included', () => {
    const r = parseIcs(text(OUTLOOK), NOW);
    expect(r.skipped).toEqual([]);
    expect(byContent(r, 'Hội nghị trực tuyến toàn quốc về cải cách hành chính')).toMatchObject({ date: '2026-12-04', start: '09:00', end: '11:30', place: 'Hội trường tầng 3', notes: 'Kính mời đồng chí tham dự.' });
    // 09:00 in Paris: winter UTC+1 → 15:00 in Vietnam; summer UTC+2 → 14:00.
    expect(byContent(r, 'Họp trực tuyến với đối tác Pháp')).toMatchObject({ date: '2026-12-04', start: '15:00', end: '16:00', part: null });
    expect(byContent(r, 'Họp mùa hè với đối tác Pháp')).toMatchObject({ date: '2027-06-01', start: '14:00', end: '15:00' });
  });

  it('reads a zone the file names without defining it (Intl), and floating times as Vietnam time', () => {
    const ics = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:a
DTSTART;TZID=Europe/Paris:20261204T090000
DTEND;TZID=Europe/Paris:20261204T100000
SUMMARY:Paris
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;TZID=Europe/Paris:20270601T090000
SUMMARY:Paris mùa hè
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART:20261208T140000
DTEND:20261208T150000
SUMMARY:Giờ địa phương
END:VEVENT
END:VCALENDAR
`;
    const r = parseIcs(text(ics), NOW);
    expect(byContent(r, 'Paris')).toMatchObject({ date: '2026-12-04', start: '15:00', end: '16:00' });
    expect(byContent(r, 'Paris mùa hè')).toMatchObject({ date: '2027-06-01', start: '14:00', end: null });
    expect(byContent(r, 'Giờ địa phương')).toMatchObject({ date: '2026-12-08', start: '14:00', end: '15:00' });
  });

  it('normalises decomposed (NFD) text to NFC and drops control characters', () => {
    const ics = `BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:n\nDTSTART:20261208T020000Z\nSUMMARY:${'Hội nghị tổng kết'.normalize('NFD')}\u0007\nLOCATION:${'Hội trường'.normalize('NFD')}\nEND:VEVENT\nEND:VCALENDAR\n`;
    const [e] = parseIcs(text(ics), NOW).entries;
    expect(e!.content).toBe('Hội nghị tổng kết');
    expect(e!.content).toBe(e!.content.normalize('NFC'));
    expect(e!.place).toBe('Hội trường');
  });

  it('reads the good events of a file with a broken one, and says which was broken', () => {
    const ics = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:good
DTSTART:20261208T020000Z
SUMMARY:Sự kiện tốt
END:VEVENT
BEGIN:VEVENT
UID:broken
SUMMARY:Sự kiện hỏng
this line is not iCalendar
DTSTART:20261209T020000Z
END:VEVENT
BEGIN:VEVENT
UID:baddate
DTSTART:20261345T250000
SUMMARY:Ngày sai
END:VEVENT
END:VCALENDAR
`;
    const r = parseIcs(text(ics), NOW);
    expect(r.entries.map((e) => e.content)).toEqual(['Sự kiện tốt']);
    expect(r.skipped).toEqual([
      { summary: 'Sự kiện hỏng', reason: 'Sự kiện bị lỗi định dạng, không đọc được.' },
      { summary: 'Ngày sai', reason: 'Thời gian bắt đầu không hợp lệ.' },
    ]);
  });

  it('refuses what is not an iCalendar file, and a file over 2 MB', () => {
    expect(refused(() => parseIcs(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), NOW)).code).toBe('schedule_ics_invalid');
    expect(refused(() => parseIcs(new TextEncoder().encode('Xin chào, đây là thư mời họp.'), NOW)).code).toBe('schedule_ics_invalid');
    expect(refused(() => parseIcs(new Uint8Array([0x00, 0xff, 0x10, 0x42, 0x00]), NOW)).code).toBe('schedule_ics_invalid');
    expect(refused(() => parseIcs(text('BEGIN:VCALENDAR\nnot a line\n'), NOW)).code).toBe('schedule_ics_invalid');
    const huge = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41);
    expect(refused(() => parseIcs(huge, NOW)).code).toBe('payload_too_large');
  });

  it('reads a file of thousands of events quickly, and lists what it left out in bounded form', () => {
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN'];
    for (let i = 0; i < 3000; i++) lines.push('BEGIN:VEVENT', `UID:e${i}`, `DTSTART:2026${i < 2900 ? '06' : '12'}${String(10 + (i % 18)).padStart(2, '0')}T020000Z`, `SUMMARY:Sự kiện ${i}`, 'END:VEVENT');
    lines.push('END:VCALENDAR');
    const started = Date.now();
    const r = parseIcs(text(lines.join('\n')), NOW);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.entries).toHaveLength(100);
    expect(r.skipped.length).toBeLessThanOrEqual(100);
    expect(r.skipped.at(-1)!.summary).toMatch(/^… và \d+ sự kiện khác$/u);
  });
});
