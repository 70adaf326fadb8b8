/**
 * Schedule records written out by hand, for the tests of what the core makes of them (the
 * printed week, calendar files): the fixture organisation with the office Văn phòng and two
 * meeting rooms, an entry builder and a published week with its revisions.
 */
import type { OrgView } from '../../src/shared/domain/org.js';
import type { Agency } from '../../src/shared/model/organisation.js';
import type { EntryChange, ScheduleEntry, ScheduleWeek } from '../../src/shared/schedule/model.js';
import { scheduleWeekId, weekStartOf } from '../../src/shared/schedule/week.js';
import { FIXTURE_ORG, U, UNITS } from './fixtures.js';

export const AGENCY: Agency = { ...FIXTURE_ORG.agency };
export const ROOM_1 = '0e100000-0000-4000-8000-000000000001';
export const ROOM_HALL = '0e100000-0000-4000-8000-000000000002';

export const ORG: OrgView = {
  units: FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: AGENCY.id })),
  users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: AGENCY.id, active: true })),
  schedule: {
    officeUnitId: UNITS.office.id,
    rooms: [
      { id: ROOM_1, name: 'Phòng họp số 1', capacity: 30 },
      { id: ROOM_HALL, name: 'Hội trường tầng 3', capacity: 200 },
    ],
  },
};

let seq = 0;
export const entryId = (): string => `0e200000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

/** A scheduled entry of the week of `date` (default: Monday 30/11/2026, 08:00–10:30, chaired by the chairman in room 1). */
export function sampleEntry(over: Partial<ScheduleEntry> = {}): ScheduleEntry {
  const date = over.date ?? '2026-11-30';
  return {
    type: 'entry',
    id: entryId(),
    agencyId: AGENCY.id,
    weekStart: weekStartOf(date),
    status: 'scheduled',
    date,
    part: 'morning',
    start: '08:00',
    end: '10:30',
    content: 'Họp giao ban Lãnh đạo UBND tỉnh',
    chairId: U.chutich.id,
    participantUserIds: [U['tp.kinhte'].id],
    participantUnitIds: [UNITS.internal.id],
    guests: '',
    roomId: ROOM_1,
    place: '',
    preparingUnitId: UNITS.office.id,
    notes: '',
    highlight: false,
    files: [],
    link: null,
    requestedBy: U.vanthu.id,
    requestingUnitId: UNITS.office.id,
    createdAt: '2026-11-25T01:00:00.000Z',
    reason: '',
    mergedInto: null,
    changes: [],
    history: [],
    updatedAt: '2026-11-25T01:00:00.000Z',
    version: 1,
    ...over,
  };
}

/** A change made after publication (revision `revision`). */
export function change(revision: number, kind: EntryChange['change'], fields: EntryChange['fields'] = [], at = '2026-12-01T08:30:00.000Z', reason = ''): EntryChange {
  return { revision, change: kind, fields, before: null, reason, by: U.vanthu.id, at };
}

/** The week published on Friday 27/11/2026 16:00 (Vietnam), then revised at the instants given (revision 2, 3, …). */
export function publishedWeek(weekStart = '2026-11-30', revisedAt: string[] = []): ScheduleWeek {
  const publishedAt = '2026-11-27T09:00:00.000Z';
  const revisions = [{ n: 1, at: publishedAt, by: U.chutich.id, entries: [] }, ...revisedAt.map((at, i) => ({ n: i + 2, at, by: U.vanthu.id, entries: [] }))];
  return {
    type: 'week',
    id: scheduleWeekId(AGENCY.id, weekStart),
    agencyId: AGENCY.id,
    weekStart,
    status: 'published',
    revision: revisions.length,
    publishedAt,
    approvedBy: U.chutich.id,
    note: '',
    revisions,
    history: [],
    updatedAt: revisions.at(-1)!.at,
    version: revisions.length + 1,
  };
}
