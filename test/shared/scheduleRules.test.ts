/**
 * The weekly schedule's rules (src/shared/schedule), run the way the server and the core's
 * overlay run them: args parsed by the def's schema, facts from `localFacts` over a record
 * lookup, `apply`, the result parsed again by the record schema; then what the server does
 * under the week's lock (reviseWeek after an entry's change made a revision, the merge's target).
 * Each mutation, who may do it and in which state; the week's approval and revisions; merges;
 * who sees what; conflict warnings (people, rooms, parts of the day, holidays).
 */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import type { OrgView } from '../../src/shared/domain/org.js';
import { AppError, type ErrorCode } from '../../src/shared/i18n/errors.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import {
  affectedUserIds,
  allowedEntryActions,
  allowedWeekActions,
  canSeeEntry,
  conflictsOf,
  entryAccessUserIds,
  madeRevision,
  mergeIntoTarget,
  myEntryRole,
  revisionLabel,
  reviseWeek,
  scheduleConflicts,
  ScheduleRecord,
  scheduleMutations,
  scheduleWeekId,
  weekAccessUserIds,
  type ScheduleEntry,
  type ScheduleMutationInput,
  type ScheduleWeek,
} from '../../src/shared/schedule/schemas.js';
import type { ConflictEntry } from '../../src/shared/schedule/conflicts.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { AGENCY, ORG, ROOM_1, ROOM_HALL } from '../helpers/scheduleSamples.js';

const user = (name: keyof typeof U): UserSummary => ORG.users.find((u) => u.username === name)!;
const vanthu = user('vanthu'); // the office (Văn phòng), a clerk
const quantri = user('quantri'); // in Văn phòng, but the administrator
const chutich = user('chutich'); // agency leader
const tpKinhte = user('tp.kinhte'); // leads Phòng Kinh tế
const cv1 = user('cv.kinhte1');
const cv2 = user('cv.kinhte2');
const cvNoichinh = user('cv.noichinh');

/** Tuesday 01/12/2026, 09:00 in Vietnam. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const NEXT_WEEK = '2026-12-07';
const registry = buildRegistry(scheduleMutations);

let seq = 0;
const id = (): string => `0c900000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** A record store standing in for the server's: the rules, then the week's revision and a merge's target, as the server writes them. */
function world(org: OrgView = ORG) {
  const records = new Map<string, ScheduleRecord>();
  const lookup = (ref: { kind: string; id: string }): ScheduleRecord | null => (ref.kind === 'schedule' ? (records.get(ref.id) ?? null) : null);
  const save = (r: ScheduleRecord): void => {
    expect(ScheduleRecord.parse(r)).toEqual(r);
    records.set(r.id, r);
  };
  const weekRecord = (weekStart: string): ScheduleWeek | null => (records.get(scheduleWeekId(AGENCY.id, weekStart)) as ScheduleWeek | undefined) ?? null;
  const revise = (before: ScheduleEntry | null, after: ScheduleEntry, ctx: RuleContext): void => {
    if (madeRevision(before, after)) save(reviseWeek(weekRecord(after.weekStart)!, after, ctx));
  };

  function act(actor: UserSummary, m: ScheduleMutationInput, now: Date = NOW): ScheduleRecord {
    const def = registry.get(m.name)!;
    const args = def.args.parse(m.args) as { intoId?: string };
    const ctx: RuleContext = { actor, org, now };
    const facts: unknown = def.localFacts?.(args, ctx, lookup);
    const recordId = def.recordId(args);
    const before = records.get(recordId) ?? null;
    const next = def.apply(before, args, ctx, facts) as ScheduleRecord;
    save(next);
    if (next.type === 'entry') {
      revise(before as ScheduleEntry | null, next, ctx);
      if (m.name === 'schedule.merge' && args.intoId) {
        const target = records.get(args.intoId) as ScheduleEntry;
        const merged = mergeIntoTarget(target, next, ctx, weekRecord(next.weekStart));
        save(merged);
        revise(target, merged, ctx);
      }
    }
    return next;
  }
  const entry = (entryId: string): ScheduleEntry => records.get(entryId) as ScheduleEntry;

  /** A request of `actor` for Tuesday 08/12/2026, 14:00–16:00. */
  function request(actor: UserSummary, over: Partial<Extract<ScheduleMutationInput, { name: 'schedule.request' }>['args']> = {}): ScheduleEntry {
    return act(actor, { name: 'schedule.request', args: { entryId: id(), date: '2026-12-08', start: '14:00', end: '16:00', content: 'Họp bàn kế hoạch đầu tư công năm 2027', ...over } }) as ScheduleEntry;
  }
  const weekAct = (actor: UserSummary, name: 'schedule.submitWeek' | 'schedule.approveWeek', weekStart = NEXT_WEEK): ScheduleWeek =>
    act(actor, { name, args: { weekId: scheduleWeekId(AGENCY.id, weekStart), weekStart } }) as ScheduleWeek;
  const publish = (weekStart = NEXT_WEEK): ScheduleWeek => (weekAct(vanthu, 'schedule.submitWeek', weekStart), weekAct(chutich, 'schedule.approveWeek', weekStart));
  return { records, act, entry, request, weekRecord, weekAct, publish };
}

function refused(f: () => unknown): ErrorCode {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected the rules to refuse');
}

describe('requests ("Đăng ký lịch")', () => {
  it('anyone asks for an entry of a coming day, for their unit; a clock time decides the part of the day', () => {
    const w = world();
    const e = w.request(cv1, { part: 'morning', chairId: chutich.id, participantUnitIds: [UNITS.economy.id], roomId: ROOM_1 });
    expect(e).toMatchObject({ status: 'requested', part: 'afternoon', weekStart: NEXT_WEEK, requestedBy: cv1.id, requestingUnitId: UNITS.economy.id, changes: [], version: 1 });
    expect(e.history).toEqual([expect.objectContaining({ action: 'requested', actorId: cv1.id, summary: 'Đăng ký lịch 08/12/2026, 14:00–16:00: Họp bàn kế hoạch đầu tư công năm 2027' })]);
    // Without a clock time, the part given stands.
    expect(w.request(cv1, { start: null, end: null, part: 'evening' }).part).toBe('evening');
  });

  it('refuses past days, times out of order, and names that are not the agency\'s', () => {
    const w = world();
    expect(refused(() => w.request(cv1, { date: '2026-11-30' }))).toBe('schedule_date_past');
    expect(refused(() => w.request(cv1, { start: null, end: '10:00', part: 'morning' }))).toBe('schedule_time_order');
    expect(refused(() => w.request(cv1, { start: '10:00', end: '09:00' }))).toBe('schedule_time_order');
    expect(refused(() => w.request(cv1, { start: null, end: null, part: null }))).toBe('validation_failed');
    expect(refused(() => w.request(cv1, { chairId: tpKinhte.id.replace(/3$/u, '9') }))).toBe('schedule_chair_not_leader');
    expect(refused(() => w.request(cv1, { chairId: cv2.id }))).toBe('schedule_chair_not_leader');
    expect(refused(() => w.request(cv1, { participantUserIds: ['0b000000-0000-4000-8000-000000000099'] }))).toBe('schedule_unknown_participant');
    expect(refused(() => w.request(cv1, { participantUnitIds: ['0a000000-0000-4000-8000-000000000099'] }))).toBe('schedule_unknown_participant');
    expect(refused(() => w.request(cv1, { preparingUnitId: '0a000000-0000-4000-8000-000000000099' }))).toBe('schedule_unknown_unit');
    expect(refused(() => w.request(cv1, { roomId: '0e100000-0000-4000-8000-000000000099' }))).toBe('schedule_unknown_room');
    const e = w.request(cv1);
    expect(refused(() => w.act(cv1, { name: 'schedule.request', args: { entryId: e.id, date: '2026-12-08', part: 'morning', content: 'Lại' } }))).toBe('schedule_entry_exists');
  });

  it('the requester and the office edit a request; nobody else, and never into another week', () => {
    const w = world();
    const e = w.request(cv1);
    const edited = w.act(cv1, { name: 'schedule.update', args: { entryId: e.id, patch: { start: '15:00' } } }) as ScheduleEntry;
    // A new start without an end drops an end that would now come first? 16:00 is still after 15:00: kept.
    expect([edited.start, edited.end, edited.version]).toEqual(['15:00', '16:00', 2]);
    expect(edited.changes).toEqual([]); // not in a published week: no revision
    expect(refused(() => w.act(cv2, { name: 'schedule.update', args: { entryId: e.id, patch: { content: 'Khác' } } }))).toBe('schedule_not_requester');
    expect(refused(() => w.act(tpKinhte, { name: 'schedule.update', args: { entryId: e.id, patch: { content: 'Khác' } } }))).toBe('schedule_not_requester');
    expect((w.act(vanthu, { name: 'schedule.update', args: { entryId: e.id, patch: { roomId: ROOM_HALL } } }) as ScheduleEntry).roomId).toBe(ROOM_HALL);
    expect(refused(() => w.act(vanthu, { name: 'schedule.update', args: { entryId: e.id, patch: { roomId: ROOM_HALL } } }))).toBe('schedule_nothing_changed');
    expect(refused(() => w.act(cv1, { name: 'schedule.update', args: { entryId: e.id, patch: { date: '2026-12-14' } } }))).toBe('schedule_other_week');
    expect(refused(() => w.act(cv1, { name: 'schedule.update', args: { entryId: id(), patch: { content: 'X' } } }))).toBe('schedule_entry_not_found');
  });

  it('only the requester withdraws, and only while the office has not decided', () => {
    const w = world();
    const e = w.request(cv1);
    expect(refused(() => w.act(vanthu, { name: 'schedule.withdraw', args: { entryId: e.id } }))).toBe('schedule_not_requester');
    expect((w.act(cv1, { name: 'schedule.withdraw', args: { entryId: e.id } }) as ScheduleEntry).status).toBe('withdrawn');
    expect(refused(() => w.act(cv1, { name: 'schedule.withdraw', args: { entryId: e.id } }))).toBe('schedule_entry_state');
    expect(refused(() => w.act(vanthu, { name: 'schedule.accept', args: { entryId: e.id } }))).toBe('schedule_entry_state');
  });

  it('the office accepts (possibly edited) or rejects with a reason; requesters and the administrator do not', () => {
    const w = world();
    const a = w.request(cv1);
    const b = w.request(cvNoichinh);
    for (const who of [cv1, tpKinhte, quantri]) expect(refused(() => w.act(who, { name: 'schedule.accept', args: { entryId: a.id } }))).toBe('schedule_not_compiler');
    const accepted = w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id, patch: { roomId: ROOM_1 } } }) as ScheduleEntry;
    expect(accepted).toMatchObject({ status: 'scheduled', roomId: ROOM_1 });
    expect(accepted.history.at(-1)).toMatchObject({ action: 'accepted', actorId: vanthu.id, summary: 'Xếp vào lịch tuần (sửa địa điểm)' });
    expect(refused(() => w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id } }))).toBe('schedule_entry_state');
    expect(refused(() => w.act(cv1, { name: 'schedule.withdraw', args: { entryId: a.id } }))).toBe('schedule_entry_state');
    expect(() => w.act(vanthu, { name: 'schedule.reject', args: { entryId: b.id, reason: '' } })).toThrow(); // a reason is required
    expect(refused(() => w.act(cv1, { name: 'schedule.reject', args: { entryId: b.id, reason: 'Trùng lịch' } }))).toBe('schedule_not_compiler');
    const rejected = w.act(chutich, { name: 'schedule.reject', args: { entryId: b.id, reason: 'Trùng lịch họp UBND tỉnh' } }) as ScheduleEntry;
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Trùng lịch họp UBND tỉnh' });
    expect(rejected.history.at(-1)!.summary).toBe('Từ chối đăng ký: Trùng lịch họp UBND tỉnh');
    expect(refused(() => w.act(vanthu, { name: 'schedule.reject', args: { entryId: a.id, reason: 'Muộn' } }))).toBe('schedule_entry_state');
    expect(refused(() => w.act(vanthu, { name: 'schedule.cancel', args: { entryId: b.id, reason: 'Muộn' } }))).toBe('schedule_entry_state');
  });
});

describe('the week: submitted by the office, approved by an agency leader', () => {
  it('goes draft → submitted → (returned) → published as revision 1, each step by whom it belongs to', () => {
    const w = world();
    // Nobody has touched the week: the first action starts its record (upsert).
    expect(w.weekRecord(NEXT_WEEK)).toBeNull();
    expect(refused(() => w.weekAct(cv1, 'schedule.submitWeek'))).toBe('schedule_not_office');
    expect(refused(() => w.weekAct(chutich, 'schedule.submitWeek'))).toBe('schedule_not_office'); // there is an office
    const submitted = w.weekAct(vanthu, 'schedule.submitWeek');
    expect(submitted).toMatchObject({ id: scheduleWeekId(AGENCY.id, NEXT_WEEK), status: 'submitted', revision: 0, version: 1 });
    expect(refused(() => w.weekAct(vanthu, 'schedule.submitWeek'))).toBe('schedule_week_state');
    const weekId = submitted.id;
    expect(refused(() => w.act(vanthu, { name: 'schedule.returnWeek', args: { weekId, weekStart: NEXT_WEEK, reason: 'Bổ sung lịch' } }))).toBe('schedule_not_approver');
    const returned = w.act(chutich, { name: 'schedule.returnWeek', args: { weekId, weekStart: NEXT_WEEK, reason: 'Bổ sung lịch tiếp công dân' } }) as ScheduleWeek;
    expect(returned).toMatchObject({ status: 'draft', note: 'Bổ sung lịch tiếp công dân' });
    expect(refused(() => w.act(chutich, { name: 'schedule.returnWeek', args: { weekId, weekStart: NEXT_WEEK, reason: 'Lại' } }))).toBe('schedule_week_state');
    expect(refused(() => w.weekAct(vanthu, 'schedule.approveWeek'))).toBe('schedule_not_approver');
    const published = w.weekAct(chutich, 'schedule.approveWeek');
    expect(published).toMatchObject({ status: 'published', revision: 1, publishedAt: NOW.toISOString(), approvedBy: chutich.id, revisions: [{ n: 1, by: chutich.id, entries: [] }] });
    expect(published.history.map((h) => h.action)).toEqual(['submitted', 'returned', 'approved']);
    expect(refused(() => w.weekAct(chutich, 'schedule.approveWeek'))).toBe('schedule_week_state');
    expect(refused(() => w.weekAct(vanthu, 'schedule.submitWeek'))).toBe('schedule_week_state');
  });

  it('refuses a week that does not start on a Monday or whose id is another week\'s', () => {
    const w = world();
    expect(refused(() => w.act(vanthu, { name: 'schedule.submitWeek', args: { weekId: scheduleWeekId(AGENCY.id, '2026-12-08'), weekStart: '2026-12-08' } }))).toBe('schedule_week_mismatch');
    expect(refused(() => w.act(vanthu, { name: 'schedule.submitWeek', args: { weekId: scheduleWeekId(AGENCY.id, '2026-12-14'), weekStart: NEXT_WEEK } }))).toBe('schedule_week_mismatch');
  });

  it('says which week actions each may take', () => {
    expect(allowedWeekActions(vanthu, null, ORG)).toEqual(['submit']);
    expect(allowedWeekActions(chutich, null, ORG)).toEqual(['approve']);
    expect(allowedWeekActions(chutich, { status: 'submitted' }, ORG)).toEqual(['return', 'approve']);
    expect(allowedWeekActions(chutich, { status: 'published' }, ORG)).toEqual([]);
    expect(allowedWeekActions(cv1, { status: 'submitted' }, ORG)).toEqual([]);
  });

  it('without an office unit, the agency leaders compile and submit the week themselves', () => {
    const org: OrgView = { ...ORG, schedule: { officeUnitId: null, rooms: ORG.schedule!.rooms } };
    const w = world(org);
    const e = w.request(cv1);
    expect(refused(() => w.act(vanthu, { name: 'schedule.accept', args: { entryId: e.id } }))).toBe('schedule_not_compiler');
    expect((w.act(chutich, { name: 'schedule.accept', args: { entryId: e.id } }) as ScheduleEntry).status).toBe('scheduled');
    expect(refused(() => w.weekAct(vanthu, 'schedule.submitWeek'))).toBe('schedule_not_office');
    expect(w.weekAct(chutich, 'schedule.submitWeek').status).toBe('submitted');
  });
});

describe('revisions after the publication', () => {
  it('makes every change of a scheduled entry the next revision, recorded on the entry and on the week', () => {
    const w = world();
    const a = w.request(cv1);
    w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id } });
    const bId = id();
    w.act(vanthu, { name: 'schedule.add', args: { entryId: bId, date: '2026-12-09', part: 'morning', content: 'Kiểm tra tiến độ dự án tại huyện Đắk Hà', place: 'Huyện Đắk Hà' } });
    // Changes before the publication are not revisions.
    w.act(vanthu, { name: 'schedule.update', args: { entryId: a.id, patch: { notes: 'Dự thảo' } } });
    expect(w.entry(a.id).changes).toEqual([]);
    w.publish();

    // Revision 2: A moved, with a reason; the fields before are kept.
    const moved = w.act(vanthu, { name: 'schedule.update', args: { entryId: a.id, patch: { start: '08:00', end: '10:00' }, reason: 'Lãnh đạo bận buổi chiều' } }) as ScheduleEntry;
    expect(moved.part).toBe('morning');
    expect(moved.changes).toEqual([expect.objectContaining({ revision: 2, change: 'changed', fields: ['time'], reason: 'Lãnh đạo bận buổi chiều', by: vanthu.id })]);
    expect(moved.changes[0]!.before).toMatchObject({ start: '14:00', end: '16:00', part: 'afternoon' });
    let week = w.weekRecord(NEXT_WEEK)!;
    expect(week.revision).toBe(2);
    expect(week.revisions.at(-1)).toEqual({ n: 2, at: NOW.toISOString(), by: vanthu.id, entries: [{ id: a.id, change: 'changed', fields: ['time'] }] });

    // Revision 3: the place and the notes.
    const relocated = w.act(vanthu, { name: 'schedule.update', args: { entryId: a.id, patch: { roomId: ROOM_HALL, notes: 'Mời thêm Sở Tài chính' } } }) as ScheduleEntry;
    expect(relocated.changes.at(-1)).toMatchObject({ revision: 3, fields: ['location', 'notes'] });

    // Revision 4: B cancelled ("Hoãn"); it stays in the week, seen by everyone.
    const cancelled = w.act(chutich, { name: 'schedule.cancel', args: { entryId: bId, reason: 'Hoãn sang tuần sau' } }) as ScheduleEntry;
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'Hoãn sang tuần sau' });
    expect(cancelled.changes).toEqual([expect.objectContaining({ revision: 4, change: 'cancelled', fields: [] })]);
    expect(cancelled.changes[0]!.before).toMatchObject({ content: 'Kiểm tra tiến độ dự án tại huyện Đắk Hà' });
    expect(canSeeEntry(cvNoichinh, cancelled, w.weekRecord(NEXT_WEEK), ORG)).toBe(true);
    expect(refused(() => w.act(vanthu, { name: 'schedule.update', args: { entryId: bId, patch: { content: 'Khác' } } }))).toBe('schedule_entry_state');
    expect(refused(() => w.act(vanthu, { name: 'schedule.cancel', args: { entryId: bId, reason: 'Lại' } }))).toBe('schedule_entry_state');

    // Revision 5: an entry added by the office ("Bổ sung").
    const cId = id();
    const added = w.act(vanthu, { name: 'schedule.add', args: { entryId: cId, date: '2026-12-10', start: '19:30', content: 'Dự chương trình nghệ thuật', reason: 'Theo chỉ đạo của Chủ tịch' } }) as ScheduleEntry;
    expect(added.changes).toEqual([expect.objectContaining({ revision: 5, change: 'added', fields: [], before: null })]);

    // A request is no revision until accepted (revision 6).
    const d = w.request(cv2, { date: '2026-12-11' });
    expect(d.changes).toEqual([]);
    expect(w.weekRecord(NEXT_WEEK)!.revision).toBe(5);
    w.act(cv2, { name: 'schedule.update', args: { entryId: d.id, patch: { content: 'Họp tổ công tác' } } });
    expect(w.weekRecord(NEXT_WEEK)!.revision).toBe(5);
    expect((w.act(vanthu, { name: 'schedule.accept', args: { entryId: d.id } }) as ScheduleEntry).changes).toEqual([expect.objectContaining({ revision: 6, change: 'added' })]);

    week = w.weekRecord(NEXT_WEEK)!;
    expect(week.revision).toBe(6);
    expect(week.revisions.map((r) => [r.n, r.entries[0]?.change ?? null])).toEqual([
      [1, null],
      [2, 'changed'],
      [3, 'changed'],
      [4, 'cancelled'],
      [5, 'added'],
      [6, 'added'],
    ]);
    expect(revisionLabel(week.revision)).toBe('Điều chỉnh lần 5');
  });

  it('a revision is a plain change of its entry: the week is revised only when the entry says so', () => {
    const w = world();
    const a = w.request(cv1);
    const accepted = w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id } }) as ScheduleEntry;
    expect(madeRevision(a, accepted)).toBe(false);
    w.publish();
    const week = w.weekRecord(NEXT_WEEK)!;
    const changed = w.act(vanthu, { name: 'schedule.update', args: { entryId: a.id, patch: { highlight: true } } }) as ScheduleEntry;
    expect(madeRevision(accepted, changed)).toBe(true);
    // The server refuses to revise a week with an entry that does not make its next revision.
    expect(() => reviseWeek(week, accepted, { actor: vanthu, org: ORG, now: NOW })).toThrow();
  });
});

describe('merging requests', () => {
  it('folds a request into another entry of the week: its participants, guests and files join it', () => {
    const w = world();
    const a = w.request(cv1, { participantUnitIds: [UNITS.economy.id], guests: 'Sở Tài chính' });
    const file = { sha256: sha(1), name: 'Báo cáo.pdf', size: 1024, mime: 'application/pdf' };
    const b = w.request(cvNoichinh, { participantUnitIds: [UNITS.internal.id], participantUserIds: [cvNoichinh.id], guests: 'Công an tỉnh', files: [file] });
    expect(refused(() => w.act(cv1, { name: 'schedule.merge', args: { entryId: b.id, intoId: a.id } }))).toBe('schedule_not_compiler');
    const merged = w.act(vanthu, { name: 'schedule.merge', args: { entryId: b.id, intoId: a.id } }) as ScheduleEntry;
    expect(merged).toMatchObject({ status: 'merged', mergedInto: a.id });
    expect(merged.history.at(-1)!.action).toBe('merged');
    const target = w.entry(a.id);
    expect(target.participantUnitIds).toEqual([UNITS.economy.id, UNITS.internal.id]);
    expect(target.participantUserIds).toEqual([cvNoichinh.id]);
    expect(target.guests).toBe('Sở Tài chính; Công an tỉnh');
    expect(target.files.map((f) => f.sha256)).toEqual([sha(1)]);
    expect(target.history.at(-1)).toMatchObject({ action: 'merged_into', summary: 'Gộp đăng ký: Họp bàn kế hoạch đầu tư công năm 2027' });
    expect(target.changes).toEqual([]); // a request: no revision
    expect(refused(() => w.act(vanthu, { name: 'schedule.merge', args: { entryId: b.id, intoId: a.id } }))).toBe('schedule_entry_state');
  });

  it('only into another requested or scheduled entry of the same week', () => {
    const w = world();
    const a = w.request(cv1);
    const other = w.request(cv1, { date: '2026-12-15' });
    const rejected = w.request(cv2);
    w.act(vanthu, { name: 'schedule.reject', args: { entryId: rejected.id, reason: 'Trùng' } });
    for (const into of [a.id, other.id, rejected.id, id()]) expect(refused(() => w.act(vanthu, { name: 'schedule.merge', args: { entryId: a.id, intoId: into } }))).toBe('schedule_merge_target');
    // A scheduled entry is not merged away (it is cancelled instead).
    const b = w.request(cv2);
    w.act(vanthu, { name: 'schedule.accept', args: { entryId: b.id } });
    expect(refused(() => w.act(vanthu, { name: 'schedule.merge', args: { entryId: b.id, intoId: a.id } }))).toBe('schedule_entry_state');
  });

  it('into a published entry: its new participants are a revision of the week', () => {
    const w = world();
    const a = w.request(cv1);
    w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id } });
    w.publish();
    const b = w.request(cvNoichinh, { participantUnitIds: [UNITS.internal.id] });
    w.act(vanthu, { name: 'schedule.merge', args: { entryId: b.id, intoId: a.id } });
    expect(w.entry(a.id).changes).toEqual([expect.objectContaining({ revision: 2, change: 'changed', fields: ['participants'] })]);
    expect(w.weekRecord(NEXT_WEEK)!.revisions.at(-1)!.entries).toEqual([{ id: a.id, change: 'changed', fields: ['participants'] }]);
  });
});

describe('who sees and may do what', () => {
  it('a request is seen by its requester, the leaders of their unit, the office and the agency leaders; a published line by everyone', () => {
    const w = world();
    const a = w.request(cv1);
    expect(entryAccessUserIds(a, null, ORG)).toEqual(new Set([cv1.id, tpKinhte.id, vanthu.id, chutich.id]));
    expect(canSeeEntry(cvNoichinh, a, null, ORG)).toBe(false);
    expect(canSeeEntry(quantri, a, null, ORG)).toBe(false);
    w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id } });
    // Scheduled in a draft: still not public.
    expect(canSeeEntry(cvNoichinh, w.entry(a.id), w.weekRecord(NEXT_WEEK), ORG)).toBe(false);
    w.publish();
    expect(entryAccessUserIds(w.entry(a.id), w.weekRecord(NEXT_WEEK), ORG)).toEqual(new Set(ORG.users.map((u) => u.id)));
    // A request made after the publication is not public until scheduled.
    const d = w.request(cv2);
    expect(canSeeEntry(cvNoichinh, d, w.weekRecord(NEXT_WEEK), ORG)).toBe(false);
    // Weeks carry no draft content: everyone sees them.
    expect(weekAccessUserIds(ORG)).toEqual(new Set(ORG.users.map((u) => u.id)));
  });

  it('offers each the actions they may take on an entry', () => {
    const w = world();
    const a = w.request(cv1);
    expect(allowedEntryActions(cv1, a, ORG)).toEqual(['update', 'withdraw']);
    expect(allowedEntryActions(vanthu, a, ORG)).toEqual(['update', 'accept', 'reject', 'merge']);
    expect(allowedEntryActions(cv2, a, ORG)).toEqual([]);
    const s = w.act(vanthu, { name: 'schedule.accept', args: { entryId: a.id } }) as ScheduleEntry;
    expect(allowedEntryActions(chutich, s, ORG)).toEqual(['update', 'cancel']);
    expect(allowedEntryActions(cv1, s, ORG)).toEqual([]);
  });

  it('knows whom an entry concerns: its chair, participants (named or by unit), the preparing unit', () => {
    const w = world();
    const e = w.request(cv1, { chairId: chutich.id, participantUserIds: [cvNoichinh.id], participantUnitIds: [UNITS.economy.id], preparingUnitId: UNITS.office.id });
    expect(myEntryRole(chutich, e, ORG)).toBe('chair');
    expect(myEntryRole(cvNoichinh, e, ORG)).toBe('participant');
    expect(myEntryRole(cv2, e, ORG)).toBe('participant'); // Phòng Kinh tế takes part
    expect(myEntryRole(vanthu, e, ORG)).toBe('preparing');
    expect(myEntryRole(user('tp.noichinh'), e, ORG)).toBeNull();
    expect(affectedUserIds(e, ORG)).toEqual(new Set([chutich.id, cvNoichinh.id, tpKinhte.id, cv1.id, cv2.id, vanthu.id, quantri.id]));
  });
});

describe('conflicts (warnings)', () => {
  let n = 0;
  const slot = (over: Partial<ConflictEntry>): ConflictEntry => ({
    id: `0c800000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    date: '2026-12-08',
    part: 'morning',
    start: '08:00',
    end: '10:00',
    status: 'scheduled',
    content: 'Họp',
    chairId: null,
    participantUserIds: [],
    roomId: null,
    ...over,
  });

  it('a person booked twice at overlapping times, chair or participant', () => {
    const a = slot({ chairId: chutich.id });
    const b = slot({ start: '09:30', end: '11:00', participantUserIds: [chutich.id, cv1.id] });
    const c = slot({ start: '10:00', end: '11:00', participantUserIds: [cv1.id] });
    const found = scheduleConflicts([a, b, c]);
    expect(found).toEqual([
      { kind: 'person', entryIds: [a.id, b.id], date: '2026-12-08', userId: chutich.id, roomId: null, holiday: null },
      { kind: 'person', entryIds: [b.id, c.id], date: '2026-12-08', userId: cv1.id, roomId: null, holiday: null },
    ]);
    // Back to back is no conflict (10:00 ends where 10:00 begins); another day neither.
    expect(scheduleConflicts([a, c, slot({ date: '2026-12-09', chairId: chutich.id })]).filter((x) => x.kind === 'person')).toEqual([]);
  });

  it('an entry without a clock time holds its whole part of the day; a start without an end, an hour', () => {
    const morning = slot({ start: null, end: null, part: 'morning', chairId: chutich.id });
    expect(scheduleConflicts([morning, slot({ start: '11:00', end: '12:00', chairId: chutich.id })])).toHaveLength(1); // 07:30–11:30
    expect(scheduleConflicts([morning, slot({ start: '11:30', end: '12:00', chairId: chutich.id })])).toHaveLength(0);
    expect(scheduleConflicts([morning, slot({ start: '14:00', end: '15:00', part: 'afternoon', chairId: chutich.id })])).toHaveLength(0);
    const afternoon = slot({ start: null, end: null, part: 'afternoon', roomId: ROOM_1 });
    expect(scheduleConflicts([afternoon, slot({ start: '13:00', end: '14:00', part: 'afternoon', roomId: ROOM_1 })])).toEqual([expect.objectContaining({ kind: 'room', roomId: ROOM_1 })]);
    expect(scheduleConflicts([afternoon, slot({ start: '17:00', end: '18:00', part: 'afternoon', roomId: ROOM_1 })])).toHaveLength(0);
    const open = slot({ start: '08:00', end: null, chairId: cv1.id });
    expect(scheduleConflicts([open, slot({ start: '08:45', end: null, chairId: cv1.id })])).toHaveLength(1);
    expect(scheduleConflicts([open, slot({ start: '09:00', end: null, chairId: cv1.id })])).toHaveLength(0);
  });

  it('a room booked twice; entries that hold no slot never conflict', () => {
    const a = slot({ roomId: ROOM_HALL });
    expect(scheduleConflicts([a, slot({ roomId: ROOM_HALL, start: '09:00', end: '09:30' })])).toEqual([expect.objectContaining({ kind: 'room', roomId: ROOM_HALL })]);
    expect(scheduleConflicts([a, slot({ roomId: ROOM_1 })])).toEqual([]);
    for (const status of ['cancelled', 'rejected', 'merged', 'withdrawn'] as const) expect(scheduleConflicts([a, slot({ roomId: ROOM_HALL, status })])).toEqual([]);
    expect(scheduleConflicts([a, slot({ roomId: ROOM_HALL, status: 'requested' })])).toHaveLength(1);
  });

  it('an entry on a public holiday: Quốc khánh 02/09/2026, Tết 2026 and its break', () => {
    const national = slot({ date: '2026-09-02' });
    expect(scheduleConflicts([national])).toEqual([{ kind: 'holiday', entryIds: [national.id], date: '2026-09-02', userId: null, roomId: null, holiday: 'Quốc khánh' }]);
    expect(scheduleConflicts([slot({ date: '2026-09-01' })])[0]!.holiday).toBe('Quốc khánh');
    expect(scheduleConflicts([slot({ date: '2026-02-17' })])[0]!.holiday).toBe('Tết Nguyên đán');
    expect(scheduleConflicts([slot({ date: '2026-02-14' })])[0]!.holiday).toBe('Nghỉ Tết Nguyên đán');
    expect(scheduleConflicts([slot({ date: '2026-02-17' })], 'en')[0]!.holiday).toBe('Lunar New Year (Tết)');
    expect(scheduleConflicts([slot({ date: '2026-02-23' }), slot({ date: '2026-09-03' })])).toEqual([]);
  });

  it('checks a proposed entry against the others, never against its own saved self', () => {
    const saved = slot({ chairId: chutich.id, roomId: ROOM_1 });
    const other = slot({ start: '09:00', end: '11:00', chairId: chutich.id });
    const unrelated = slot({ start: '09:00', end: '11:00', roomId: ROOM_HALL, participantUserIds: [cv1.id] });
    const twin = slot({ start: '09:00', end: '11:00', participantUserIds: [cv1.id] });
    const edited = { ...saved, start: '08:30' };
    const found = conflictsOf(edited, [saved, other, unrelated, twin]);
    expect(found).toEqual([expect.objectContaining({ kind: 'person', entryIds: [saved.id, other.id], userId: chutich.id })]);
    expect(conflictsOf({ ...saved, start: '13:30', end: '14:00', part: 'afternoon' }, [saved, other])).toEqual([]);
  });
});
