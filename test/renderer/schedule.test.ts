/**
 * The pure parts of the schedule screens (src/renderer/features/schedule/format.ts): the week's
 * rows by day and part of the day, the names in the columns, the leaders to pick from, what a
 * revision changed from what to what, and what a conflict names.
 */
import { describe, expect, it } from 'vitest';
import { changeLines, conflictFacts, dayLabel, defaultLeader, groupConflicts, groupWeek, leaderGroups, locationText, participantsText, unitTree, whenLabel, type ConflictRef } from '../../src/renderer/features/schedule/format.js';
import type { EntryChange, EntryFields, EntryItem } from '../../src/shared/schedule/index.js';
import type { OrgView } from '../../src/shared/domain/org.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const ROOM = '0c000000-0000-4000-8000-000000000001';
const org: OrgView = {
  units: FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: AGENCY, active: true })),
  schedule: { officeUnitId: UNITS.office.id, rooms: [{ id: ROOM, name: 'Phòng họp số 1', capacity: 30 }] },
};

const fields = (over: Partial<EntryFields> = {}): EntryFields => ({
  date: '2026-12-01',
  part: 'morning',
  start: '08:00',
  end: '10:00',
  content: 'Họp giao ban',
  chairId: U.chutich.id,
  participantUserIds: [],
  participantUnitIds: [],
  guests: '',
  roomId: null,
  place: '',
  preparingUnitId: null,
  notes: '',
  highlight: false,
  files: [],
  link: null,
  ...over,
});

let n = 0;
const item = (over: Partial<EntryItem> = {}): EntryItem => {
  const { files: _files, ...f } = fields();
  n += 1;
  return {
    ...f,
    id: `0e000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    weekStart: '2026-11-30',
    status: 'scheduled',
    requestedBy: U.vanthu.id,
    requestingUnitId: UNITS.office.id,
    reason: '',
    mergedInto: null,
    fileCount: 0,
    lastChange: null,
    myRole: null,
    pending: false,
    updatedAt: '2026-11-28T02:00:00.000Z',
    ...over,
  };
};

const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((date) => ({ date, holiday: null, today: date === '2026-12-02' }));

describe('the week table', () => {
  it('lists Monday to Friday always, the weekend only when something is on it, parts in order and entries by time', () => {
    const late = item({ date: '2026-12-01', part: 'afternoon', start: '14:00', end: null, content: 'Tiếp công dân' });
    const early = item({ date: '2026-12-01', part: 'morning', start: '09:30', content: 'Làm việc với Sở Tài chính' });
    const first = item({ date: '2026-12-01', part: 'morning', start: '07:30', content: 'Chào cờ' });
    const untimed = item({ date: '2026-12-01', part: 'morning', start: null, end: null, content: 'Đi cơ sở' });
    const sunday = item({ date: '2026-12-06', part: 'evening', start: '19:00', content: 'Dự chương trình nghệ thuật' });
    const groups = groupWeek(days, [late, early, sunday, first, untimed]);
    expect(groups.map((g) => g.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-06']);
    const tue = groups[1]!;
    expect(tue.parts.map((p) => p.part)).toEqual(['morning', 'afternoon']);
    // An entry without a clock time stands for the whole morning: it leads it.
    expect(tue.parts[0]!.entries.map((e) => e.content)).toEqual(['Đi cơ sở', 'Chào cờ', 'Làm việc với Sở Tài chính']);
    expect(groups[0]!.parts).toEqual([]);
    expect(groups[2]!.today).toBe(true);
  });

  it('puts my deadlines on their days, and shows a weekend day that has one', () => {
    const groups = groupWeek(days, [], [{ kind: 'tasks', id: U.vanthu.id, title: 'Báo cáo quý', date: '2026-12-05', overdue: false }]);
    expect(groups.find((g) => g.date === '2026-12-05')?.deadlines.map((d) => d.title)).toEqual(['Báo cáo quý']);
  });

  it('names the participants (people, units, guests), the room and place, the day', () => {
    const e = fields({ participantUserIds: [U['cv.kinhte1'].id], participantUnitIds: [UNITS.internal.id], guests: 'Đại diện Sở Tài chính', roomId: ROOM, place: 'Tầng 3' });
    expect(participantsText(e, org)).toBe('Phạm Thu Hằng; Phòng Nội chính; Đại diện Sở Tài chính');
    expect(locationText(e, org)).toBe('Phòng họp số 1, Tầng 3');
    expect(dayLabel('2026-11-30', 'vi')).toBe('Thứ Hai 30/11');
    expect(whenLabel(e, 'vi')).toBe('Thứ Ba 01/12, Sáng 08:00–10:00');
    expect(whenLabel(fields({ start: null, end: null, part: 'afternoon' }), 'en')).toBe('Tuesday 01/12, Afternoon');
  });
});

describe('leaders', () => {
  it('lists the agency leaders first, then the units’ leaders, each by given name', () => {
    const more: OrgView = {
      ...org,
      users: [...org.users, { id: '0b000000-0000-4000-8000-0000000000a1', agencyId: AGENCY, unitId: UNITS.leadership.id, username: 'pct', fullName: 'Nguyễn Văn An', position: 'Phó Chủ tịch', role: 'leader', active: true }],
    };
    const g = leaderGroups(more);
    expect(g.agency.map((u) => u.fullName)).toEqual(['Nguyễn Văn An', 'Trần Văn Đức']);
    // Đăng before Sơn (given names), whatever the family names say.
    expect(g.units.map((u) => u.fullName)).toEqual(['Lê Minh Đăng', 'Đặng Văn Sơn']);
  });

  it('opens on the leader asked for, else on me when I lead, else on the first agency leader', () => {
    expect(defaultLeader(org, U['tp.kinhte'], null)).toBe(U['tp.kinhte'].id);
    expect(defaultLeader(org, U.vanthu, null)).toBe(U.chutich.id);
    expect(defaultLeader(org, U.vanthu, U['tp.noichinh'].id)).toBe(U['tp.noichinh'].id);
    expect(defaultLeader(org, U.vanthu, U['cv.kinhte1'].id)).toBe(U.chutich.id);
  });

  it('builds the units as a tree in their order', () => {
    const tree = unitTree(org.units);
    expect(tree.map((x) => x.title)).toEqual(['Lãnh đạo UBND tỉnh']);
    expect(tree[0]!.children.map((x) => x.title)).toEqual(['Văn phòng UBND tỉnh', 'Phòng Kinh tế', 'Phòng Nội chính']);
  });
});

describe('changes after publication', () => {
  it('says what each revision changed, from what to what, newest first', () => {
    const v1 = fields();
    const v2 = fields({ start: '14:00', end: '16:00', part: 'afternoon', roomId: ROOM });
    const v3 = fields({ ...v2, date: '2026-12-03' });
    const changes: EntryChange[] = [
      { revision: 2, change: 'changed', fields: ['time', 'location'], before: v1, reason: 'Lãnh đạo bận họp tỉnh uỷ', by: U.vanthu.id, at: '2026-11-30T03:00:00.000Z' },
      { revision: 4, change: 'changed', fields: ['time'], before: v2, reason: '', by: U.vanthu.id, at: '2026-12-01T03:00:00.000Z' },
    ];
    const lines = changeLines({ ...v3, changes }, { org, lang: 'vi' });
    expect(lines.map((l) => l.title)).toEqual(['Điều chỉnh lần 3', 'Điều chỉnh lần 1']);
    // The same day: only the times; another day: the day too.
    expect(lines[1]!.items).toEqual([
      { field: 'time', label: 'thời gian', from: '08:00–10:00', to: '14:00–16:00' },
      { field: 'location', label: 'địa điểm', from: '', to: 'Phòng họp số 1' },
    ]);
    expect(lines[1]!.reason).toBe('Lãnh đạo bận họp tỉnh uỷ');
    expect(lines[0]!.items).toEqual([{ field: 'time', label: 'thời gian', from: 'Thứ Ba 01/12, Chiều 14:00–16:00', to: 'Thứ Năm 03/12, Chiều 14:00–16:00' }]);
  });

  it('names an entry added or cancelled after publication', () => {
    const changes: EntryChange[] = [
      { revision: 2, change: 'added', fields: [], before: null, reason: '', by: U.vanthu.id, at: '2026-11-30T03:00:00.000Z' },
      { revision: 5, change: 'cancelled', fields: [], before: fields(), reason: 'Hoãn', by: U.vanthu.id, at: '2026-12-01T03:00:00.000Z' },
    ];
    const lines = changeLines({ ...fields(), changes }, { org, lang: 'en' });
    expect(lines.map((l) => l.title)).toEqual(['Revision 4 — Cancelled', 'Revision 1 — Added']);
    expect(lines.every((l) => l.items.length === 0)).toBe(true);
  });
});

describe('conflicts in words', () => {
  const a: ConflictRef = { id: '0e000000-0000-4000-8000-0000000000a1', content: 'Họp Ban Chỉ đạo', date: '2026-12-01', part: 'morning', start: '08:00', end: '10:00' };
  const b: ConflictRef = { id: '0e000000-0000-4000-8000-0000000000b2', content: 'Tiếp đoàn công tác của Bộ', date: '2026-12-01', part: 'morning', start: '09:00', end: null };
  const refs = new Map([a, b].map((r) => [r.id, r]));
  const person = (userId: string, ids = [a.id, b.id]) => ({ kind: 'person' as const, entryIds: ids, date: a.date, userId, roomId: null, holiday: null });
  const room = (ids = [b.id, a.id]) => ({ kind: 'room' as const, entryIds: ids, date: a.date, userId: null, roomId: ROOM, holiday: null });
  const holiday = (id: string) => ({ kind: 'holiday' as const, entryIds: [id], date: '2026-09-02', userId: null, roomId: null, holiday: 'Quốc khánh' });

  it('makes one line of two people and a room booked twice by the same two entries, and one of a holiday', () => {
    const groups = groupConflicts([holiday(a.id), person(U.chutich.id), room(), person(U['tp.kinhte'].id), holiday(b.id)]);
    expect(groups).toEqual([
      { kind: 'holiday', date: '2026-09-02', entryIds: [a.id, b.id], userIds: [], roomIds: [], holiday: 'Quốc khánh' },
      { kind: 'overlap', date: '2026-12-01', entryIds: [a.id, b.id], userIds: [U.chutich.id, U['tp.kinhte'].id], roomIds: [ROOM], holiday: null },
    ]);
  });

  it('names the people, the room and both entries over the week; only the other one about an entry', () => {
    const [g] = groupConflicts([person(U.chutich.id), room()]);
    expect(conflictFacts(g!, refs, { org, lang: 'vi' })).toEqual({
      kind: 'overlap',
      date: '2026-12-01',
      day: 'Thứ Ba 01/12',
      entries: ['“Họp Ban Chỉ đạo” (08:00–10:00)', '“Tiếp đoàn công tác của Bộ” (09:00)'],
      people: ['Trần Văn Đức'],
      rooms: ['Phòng họp số 1'],
      holiday: '',
    });
    expect(conflictFacts(g!, refs, { org, lang: 'vi' }, a.id, true).entries).toEqual(['“Tiếp đoàn công tác của Bộ” (Thứ Ba 01/12, Sáng 09:00)']);
    // A proposal not saved yet: its stand-in id is not among the entries the core names.
    const [p] = groupConflicts([person(U.chutich.id, ['00000000-0000-0000-0000-000000000000', b.id])]);
    expect(conflictFacts(p!, refs, { org, lang: 'vi' }, null, true).entries).toEqual(['“Tiếp đoàn công tác của Bộ” (Thứ Ba 01/12, Sáng 09:00)']);
  });
});
