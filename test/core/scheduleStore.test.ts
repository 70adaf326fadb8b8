/**
 * The weekly schedule in the local cache (src/main/core/schedule): what each user's cache
 * holds and each view shows through a week's life (requests, the office's draft, publication,
 * revisions), the notices a revision gives the people it concerns and nobody else, a request
 * made offline shown pending, "Lịch của tôi" with my deadlines, search without accents, the
 * cache step upgrading an old cache, and a week view over five years of history.
 * Records are made by the shared rules, as the server makes them (helpers/scheduleWorld.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import type { RecordRef } from '../../src/shared/sync/registry.js';
import { type RequestEntryArgs, type ScheduleEntry, type ScheduleViewName, type ScheduleMutationInput, type ScheduleRecord } from '../../src/shared/schedule/schemas.js';
import type { Db } from '../../src/main/core/db/open.js';
import { migrate, MIGRATIONS } from '../../src/main/core/db/migrations.js';
import { SCHEDULE_CACHE_STEP } from '../../src/main/core/schedule/schema.js';
import { ScheduleStore } from '../../src/main/core/schedule/store.js';
import { scheduleHandlers, type ScheduleContext } from '../../src/main/core/schedule/handlers.js';
import { TaskStore } from '../../src/main/core/tasks/store.js';
import { Outbox, type OutboxEntry } from '../../src/main/core/sync/outbox.js';
import { overlay } from '../../src/main/core/sync/overlay.js';
import { MUTATIONS } from '../../src/main/core/kinds.js';
import { openTaskCache } from '../helpers/taskCache.js';
import { agencyWeek, at, nextId, P, sha } from '../helpers/taskWorld.js';
import { ROOM1, SCHEDULE_ORG, scheduleWorld, weekIdOf, type ScheduleWorld } from '../helpers/scheduleWorld.js';
import { FIXTURE_ORG, UNITS } from '../helpers/fixtures.js';

const vanthu = SCHEDULE_ORG.users.find((u) => u.username === 'vanthu')!; // the office (Văn phòng)
const ORG = SCHEDULE_ORG;
const WEEK = '2025-03-10';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** One user's cache: the schedule store, the tasks store and the outbox over one database, and the RPC handlers on them. */
function cacheFor(u: UserSummary, now: Date) {
  const db = openTaskCache();
  opened.push(db);
  const clock = { now };
  const store = new ScheduleStore(db, () => ORG, () => clock.now);
  const tasks = new TaskStore(db, () => ORG);
  const outbox = new Outbox(db);
  const pending = (): Map<string, OutboxEntry[]> => {
    const m = new Map<string, OutboxEntry[]>();
    for (const e of outbox.ofKind('schedule')) m.set(e.recordId, [...(m.get(e.recordId) ?? []), e]);
    return m;
  };
  const ctx: ScheduleContext = {
    store,
    user: u,
    org: ORG,
    agency: FIXTURE_ORG.agency,
    now: () => clock.now,
    overlaid: (id, entries) => overlay<ScheduleRecord>(MUTATIONS, store.get(id), entries ?? outbox.forRecord('schedule', id), { actor: u, org: ORG, lookup }),
    pending,
    failed: (id) => outbox.failed({ kind: 'schedule', recordId: id }),
    cachedFiles: () => [],
    linkTitle: (link) => (link.kind === 'tasks' ? (tasks.get(link.id)?.title ?? null) : null),
    document: () => null,
  };
  function lookup(ref: RecordRef): unknown {
    return ref.kind === 'schedule' ? (ctx.overlaid(ref.id)?.state ?? null) : null;
  }
  const h = scheduleHandlers(() => ctx);
  /** What a pull brings: every record the server would send this user now. */
  const pull = (w: ScheduleWorld): void => db.transaction(() => w.visibleTo(u).forEach((r) => store.put(r, u)))();
  /** A mutation queued offline, as `mutate` queues it. */
  const queue = (m: ScheduleMutationInput, when: Date): void => {
    const def = MUTATIONS.get(m.name)!;
    const args: unknown = def.args.parse(m.args);
    outbox.enqueue({ name: m.name, args }, 'schedule', def.recordId(args), when.toISOString());
  };
  const week = (view: ScheduleViewName, leaderId: string | null = null) => h['schedule.week']({ date: '2025-03-12', view, leaderId });
  return { db, store, tasks, outbox, clock, h, pull, queue, week };
}

const ids = (r: { entries: readonly { id: string }[] }): string[] => r.entries.map((e) => e.id);

/** A request's args (defaults applied by the mutation's schema). */
const request = (entryId: string, fields: Partial<RequestEntryArgs>): ScheduleMutationInput => ({
  name: 'schedule.request',
  args: { entryId, date: '2025-03-11', content: 'Họp', ...fields },
});

/**
 * The week of Monday 10/03/2025:
 *  E1 cv.kinhte1 asks: Tuesday 11/03 08:00–10:00, "Họp bàn giải ngân vốn đầu tư công", chaired by the chairman, in room 1, cv.kinhte1 attending, the office preparing
 *  E2 cv.noichinh asks for the same slot with the chairman, in room 1 (the office merges it into E1)
 *  E5 cv.kinhte2 asks for Wednesday afternoon (rejected)
 * then the office submits, the chairman approves (revision 1).
 */
function publishedWeek() {
  const w = scheduleWorld();
  const [E1, E2, E5] = [nextId(), nextId(), nextId()];
  const asked = at('2025-03-05');
  w.act(P.cv1, request(E1, { start: '08:00', end: '10:00', content: 'Họp bàn giải ngân vốn đầu tư công', chairId: P.chutich.id, participantUserIds: [P.cv1.id], roomId: ROOM1, preparingUnitId: UNITS.office.id }), asked);
  w.act(P.cvNoichinh, request(E2, { start: '09:00', content: 'Làm việc với Đoàn kiểm tra', chairId: P.chutich.id, participantUserIds: [P.cvNoichinh.id], roomId: ROOM1 }), asked);
  w.act(P.cv2, request(E5, { date: '2025-03-12', part: 'afternoon', content: 'Khảo sát thực địa dự án' }), asked);
  return { w, E1, E2, E5 };
}

function compile(w: ScheduleWorld, E1: string, E2: string, E5: string): void {
  const day = at('2025-03-06');
  w.act(vanthu, { name: 'schedule.accept', args: { entryId: E1 } }, day);
  w.act(vanthu, { name: 'schedule.merge', args: { entryId: E2, intoId: E1 } }, day);
  w.act(vanthu, { name: 'schedule.reject', args: { entryId: E5, reason: 'Lãnh đạo không bố trí được' } }, day);
  w.act(vanthu, { name: 'schedule.submitWeek', args: { weekId: weekIdOf(WEEK), weekStart: WEEK } }, day);
}
const approve = (w: ScheduleWorld): void => void w.act(P.chutich, { name: 'schedule.approveWeek', args: { weekId: weekIdOf(WEEK), weekStart: WEEK } }, at('2025-03-07'));

describe('a week through its life, as each user\'s cache shows it', () => {
  it('requests: the office sees all with the conflicts; a unit sees its own; the agency week is empty', async () => {
    const { w, E1, E2, E5 } = publishedWeek();
    const office = cacheFor(vanthu, at('2025-03-05'));
    office.pull(w);
    const draft = await office.week('draft');
    expect(ids(draft)).toEqual([E1, E2, E5]);
    expect(draft.requestCount).toBe(3);
    expect(draft.canCompile).toBe(true);
    expect(draft.weekActions).toEqual(['submit']);
    // The chairman booked twice on Tuesday morning, room 1 twice.
    expect(draft.conflicts.map((c) => [c.kind, [...c.entryIds].sort()])).toEqual([
      ['person', [E1, E2].sort()],
      ['room', [E1, E2].sort()],
    ]);
    expect(ids(await office.week('agency'))).toEqual([]);

    const cv1 = cacheFor(P.cv1, at('2025-03-05'));
    cv1.pull(w);
    expect(cv1.store.get(E2)).toBeNull();
    expect(ids(await cv1.week('draft'))).toEqual([E1]);
    expect((await cv1.week('draft')).conflicts).toEqual([]);
    expect(ids(await cv1.week('agency'))).toEqual([]);
    // The unit's leader follows the unit's requests.
    const tp = cacheFor(P.tpKinhte, at('2025-03-05'));
    tp.pull(w);
    expect(ids(await tp.week('draft'))).toEqual([E1, E5]);
    // A request alone says nothing of the others: the one form check sees what the user sees.
    const check = await cv1.h['schedule.conflicts']({ entryId: null, date: '2025-03-11', part: null, start: '09:30', end: null, chairId: P.chutich.id, participantUserIds: [], roomId: null });
    expect(check.conflicts.map((c) => c.kind)).toEqual(['person']);
    expect(check.entries.map((e) => e.id)).toEqual([E1]);
  });

  it('the draft never reaches a user outside the office; publication shows the week to everyone', async () => {
    const { w, E1, E2, E5 } = publishedWeek();
    compile(w, E1, E2, E5);
    const office = cacheFor(vanthu, at('2025-03-06'));
    office.pull(w);
    expect(ids(await office.week('agency'))).toEqual([E1]); // the draft's lines
    const draft = await office.week('draft');
    expect(draft.entries.map((e) => [e.id, e.status])).toEqual([
      [E1, 'scheduled'],
      [E2, 'merged'],
      [E5, 'rejected'],
    ]);
    expect(draft.week?.status).toBe('submitted');
    expect(draft.conflicts).toEqual([]);
    // The merged request's people joined the meeting.
    expect(draft.entries[0]!.participantUserIds).toEqual([P.cv1.id, P.cvNoichinh.id]);

    const outsider = cacheFor(P.cv2, at('2025-03-06'));
    outsider.pull(w);
    expect(outsider.store.get(E1)).toBeNull();
    expect(ids(await outsider.week('agency'))).toEqual([]);
    expect((await outsider.week('draft')).entries.map((e) => [e.id, e.status, e.reason])).toEqual([[E5, 'rejected', 'Lãnh đạo không bố trí được']]);
    const noichinh = cacheFor(P.cvNoichinh, at('2025-03-06'));
    noichinh.pull(w);
    expect(noichinh.store.get(E1)).toBeNull();
    expect((await noichinh.h['schedule.get']({ id: E2 }))?.mergedInto).toBeNull(); // merged into a draft line they may not see yet

    approve(w);
    outsider.pull(w);
    noichinh.pull(w);
    const published = await outsider.week('agency');
    expect(ids(published)).toEqual([E1]);
    expect(published.week).toMatchObject({ status: 'published', revision: 1 });
    expect(published.canCompile).toBe(false);
    expect(published.weekActions).toEqual([]);
    expect(ids(await outsider.week('mine'))).toEqual([]);
    expect(ids(await noichinh.week('mine'))).toEqual([E1]);
    expect((await noichinh.h['schedule.get']({ id: E2 }))?.mergedInto).toEqual({ id: E1, content: 'Họp bàn giải ngân vốn đầu tư công' });
    // A leader's week: what the chairman chairs or attends.
    expect(ids(await outsider.week('leader', P.chutich.id))).toEqual([E1]);
    expect(ids(await outsider.week('leader', P.tpKinhte.id))).toEqual([]);
    const view = (await noichinh.h['schedule.get']({ id: E1 }))!;
    expect(view).toMatchObject({ myRole: 'participant', allowedActions: [], pendingCreate: false, conflicts: [] });
  });

  it('the days: holidays named, today marked', async () => {
    const c = cacheFor(P.cv1, new Date('2025-04-29T03:00:00Z'));
    const r = await c.h['schedule.week']({ date: '2025-05-01', view: 'agency', leaderId: null });
    expect(r.weekStart).toBe('2025-04-28');
    expect(r.days.filter((d) => d.today).map((d) => d.date)).toEqual(['2025-04-29']);
    expect(r.days.find((d) => d.date === '2025-04-30')?.holiday).toMatch(/30\/4/u);
    expect(r.days.find((d) => d.date === '2025-05-01')?.holiday).toMatch(/Lao động/u);
    expect(r.days.find((d) => d.date === '2025-04-28')?.holiday).toBeNull();
  });
});

describe('revision notices', () => {
  /** Published, then the office moves E1 to Thursday 14:00. */
  function moved() {
    const s = publishedWeek();
    compile(s.w, s.E1, s.E2, s.E5);
    approve(s.w);
    return s;
  }
  const move = (w: ScheduleWorld, E1: string): void =>
    void w.act(vanthu, { name: 'schedule.update', args: { entryId: E1, patch: { date: '2025-03-13', start: '14:00' }, reason: 'Lãnh đạo họp HĐND tỉnh' } }, at('2025-03-08'));

  it('a participant and the chair are told what changed; the one who moved it and an unrelated user are not', async () => {
    const { w, E1 } = moved();
    const now = at('2025-03-08');
    const [cv1, chair, office, outsider, noichinh] = [P.cv1, P.chutich, vanthu, P.cv2, P.cvNoichinh].map((u) => {
      const c = cacheFor(u, now);
      c.pull(w);
      return c;
    });
    move(w, E1);
    for (const c of [cv1!, chair!, office!, outsider!, noichinh!]) c.pull(w);

    const told = await cv1!.h['schedule.notices']({ limit: 50 });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ entryId: E1, weekStart: WEEK, revision: 2, change: 'changed', fields: ['time'], title: 'Lịch công tác điều chỉnh', seen: false });
    expect(told[0]!.body).toBe('Thứ Ba 11/03, 08:00–10:00: Họp bàn giải ngân vốn đầu tư công — chuyển sang 14:00 Thứ Năm 13/03 (Lý do: Lãnh đạo họp HĐND tỉnh)');
    expect((await chair!.h['schedule.notices']({ limit: 50 })).map((n) => n.revision)).toEqual([2]);
    expect((await noichinh!.h['schedule.notices']({ limit: 50 })).map((n) => n.revision)).toEqual([2]); // joined by the merge
    expect(await office!.h['schedule.notices']({ limit: 50 })).toEqual([]);
    expect(await outsider!.h['schedule.notices']({ limit: 50 })).toEqual([]);
    // The week shows the change marked; the outsider still sees the moved line.
    const line = (await outsider!.week('agency')).entries[0]!;
    expect(line).toMatchObject({ id: E1, date: '2025-03-13', start: '14:00', lastChange: { revision: 2, change: 'changed', fields: ['time'] } });

    // The same record pulled again is not told twice; seen is remembered.
    cv1!.pull(w);
    cv1!.store.removeAll();
    cv1!.pull(w);
    const again = await cv1!.h['schedule.notices']({ limit: 50 });
    expect(again).toHaveLength(1);
    await cv1!.h['schedule.noticesSeen']({ ids: [again[0]!.id] });
    expect((await cv1!.h['schedule.notices']({ limit: 50 }))[0]!.seen).toBe(true);
  });

  it('an entry added to the published week is news to those it concerns; a cancellation too', async () => {
    const { w } = moved();
    const now = at('2025-03-08');
    const cv2 = cacheFor(P.cv2, now);
    const cv1 = cacheFor(P.cv1, now);
    cv2.pull(w);
    cv1.pull(w);
    const E3 = nextId();
    w.act(
      vanthu,
      { name: 'schedule.add', args: { entryId: E3, date: '2025-03-14', part: 'morning', content: 'Tiếp công dân định kỳ', participantUserIds: [P.cv2.id], place: 'Trụ sở Tiếp công dân', reason: 'Bổ sung theo chỉ đạo' } },
      now,
    );
    cv2.pull(w);
    cv1.pull(w);
    expect((await cv2.h['schedule.notices']({ limit: 5 })).map((n) => [n.title, n.body, n.revision, n.change])).toEqual([
      ['Bổ sung lịch', 'Thứ Sáu 14/03, buổi sáng: Tiếp công dân định kỳ tại Trụ sở Tiếp công dân (Lý do: Bổ sung theo chỉ đạo)', 2, 'added'],
    ]);
    expect(await cv1.h['schedule.notices']({ limit: 5 })).toEqual([]);

    w.act(vanthu, { name: 'schedule.cancel', args: { entryId: E3, reason: 'Lãnh đạo đi công tác' } }, at('2025-03-09'));
    cv2.pull(w);
    const [latest] = await cv2.h['schedule.notices']({ limit: 5 });
    expect(latest).toMatchObject({ title: 'Lịch bị hoãn/huỷ', change: 'cancelled', revision: 3, body: 'Thứ Sáu 14/03, buổi sáng: Tiếp công dân định kỳ — hoãn/huỷ: Lãnh đạo đi công tác' });
    // Struck through in the published week and in "Lịch của tôi".
    expect((await cv2.week('mine')).entries.map((e) => [e.id, e.status])).toEqual([[E3, 'cancelled']]);
  });

  it('a change to a meeting already past is no news; a new device does not hear of old revisions', async () => {
    const { w, E1 } = moved();
    move(w, E1);
    // A device signed in after the change: nothing to tell.
    const fresh = cacheFor(P.cv1, at('2025-03-08'));
    fresh.pull(w);
    expect(await fresh.h['schedule.notices']({ limit: 5 })).toEqual([]);
    // A correction after the day: not told.
    const late = cacheFor(P.cv1, at('2025-03-14'));
    late.pull(w);
    w.act(vanthu, { name: 'schedule.update', args: { entryId: E1, patch: { notes: 'Đã họp xong' } } }, at('2025-03-14'));
    late.pull(w);
    expect(await late.h['schedule.notices']({ limit: 5 })).toEqual([]);
  });
});

describe('pending actions and my week', () => {
  it('a request made offline is in the week, pending, before the server has it', async () => {
    const { w, E1, E2, E5 } = publishedWeek();
    compile(w, E1, E2, E5);
    approve(w);
    const cv1 = cacheFor(P.cv1, at('2025-03-10'));
    cv1.pull(w);
    const E6 = nextId();
    cv1.queue(request(E6, { date: '2025-03-14', start: '15:00', content: 'Báo cáo tiến độ giải ngân', participantUserIds: [P.cv1.id] }), at('2025-03-10'));
    const draft = await cv1.week('draft');
    expect(draft.entries.map((e) => [e.id, e.status, e.pending])).toEqual([
      [E1, 'scheduled', false],
      [E6, 'requested', true],
    ]);
    expect((await cv1.week('mine')).entries.map((e) => [e.id, e.pending])).toEqual([
      [E1, false],
      [E6, true],
    ]);
    // Not a line of the published week until the office takes it.
    expect(ids(await cv1.week('agency'))).toEqual([E1]);
    const view = (await cv1.h['schedule.get']({ id: E6 }))!;
    expect(view).toMatchObject({ pendingCreate: true, allowedActions: ['update', 'withdraw'], myRole: 'participant' });
    expect(view.pending.map((p) => p.name)).toEqual(['schedule.request']);
    // Searching finds it too, without accents.
    expect((await cv1.h['schedule.search']({ query: 'bao cao tien do', limit: 20 })).map((i) => [i.id, i.pending])).toEqual([[E6, true]]);
  });

  it('a meeting moved offline by the office shows moved, marked changed, before the server has it', async () => {
    const { w, E1, E2, E5 } = publishedWeek();
    compile(w, E1, E2, E5);
    approve(w);
    const office = cacheFor(vanthu, at('2025-03-08'));
    office.pull(w);
    // The entry's rule reads its week through the entry itself (mutations.ts entryWeekFacts): the overlay must not replay it again to find it.
    office.queue({ name: 'schedule.update', args: { entryId: E1, patch: { date: '2025-03-13', start: '14:00' }, reason: 'Lãnh đạo bận' } }, at('2025-03-08'));
    office.queue({ name: 'schedule.update', args: { entryId: E1, patch: { notes: 'Mời đại diện Kho bạc' } } }, at('2025-03-08'));
    const [line] = (await office.week('agency')).entries;
    expect(line).toMatchObject({ id: E1, date: '2025-03-13', start: '14:00', notes: 'Mời đại diện Kho bạc', pending: true, lastChange: { change: 'changed', fields: ['notes'] } });
    const view = (await office.h['schedule.get']({ id: E1 }))!;
    // Each change after the publication (the server numbers them as it revises the week).
    expect(view.entry.changes.map((c) => c.fields)).toEqual([['time'], ['notes']]);
    expect(view.pending.map((p) => p.name)).toEqual(['schedule.update', 'schedule.update']);
  });

  it('a week approved offline by the leader shows published at once (the week record is started by the overlay)', async () => {
    const { w, E1, E2, E5 } = publishedWeek();
    compile(w, E1, E2, E5);
    const chair = cacheFor(P.chutich, at('2025-03-07'));
    chair.pull(w);
    chair.queue({ name: 'schedule.approveWeek', args: { weekId: weekIdOf(WEEK), weekStart: WEEK } }, at('2025-03-07'));
    const r = await chair.week('agency');
    expect(r).toMatchObject({ weekPending: true, week: { status: 'published', revision: 1 } });
    expect(ids(r)).toEqual([E1]);
  });

  it('"Lịch của tôi" lists my deadlines of the week: my tasks as main handler, overdue marked', async () => {
    const s = agencyWeek();
    const cv1 = cacheFor(P.cv1, at('2025-03-12'));
    cv1.db.transaction(() => s.w.visibleTo(P.cv1).forEach((t) => cv1.tasks.put(t, P.cv1)))();
    const mine = await cv1.week('mine');
    // T1 (main, in progress) due Monday 10/03; T2 co-operating only; T5 handed back, due in April.
    expect(mine.deadlines).toEqual([{ kind: 'tasks', id: s.T1, title: 'Báo cáo tình hình giải ngân vốn đầu tư công quý I', date: '2025-03-10', overdue: true }]);
    expect((await cv1.week('agency')).deadlines).toEqual([]);
    const tonghop = cacheFor(P.tonghop, at('2025-03-12'));
    tonghop.db.transaction(() => s.w.visibleTo(P.tonghop).forEach((t) => tonghop.tasks.put(t, P.tonghop)))();
    expect((await tonghop.week('mine')).deadlines.map((d) => [d.id, d.date, d.overdue])).toEqual([[s.T2, '2025-03-14', false]]);
  });

  it('search without accents finds an entry by its content, its place or its chair', async () => {
    const { w, E1, E2, E5 } = publishedWeek();
    compile(w, E1, E2, E5);
    approve(w);
    const c = cacheFor(P.cv2, at('2025-03-08'));
    c.pull(w);
    const find = async (q: string): Promise<string[]> => (await c.h['schedule.search']({ query: q, limit: 20 })).map((i) => i.id);
    expect(await find('giai ngan von dau tu')).toEqual([E1]);
    expect(await find('phong hop so 1')).toEqual([E1]);
    expect(await find('tran van duc')).toEqual([E1]);
    expect(await find('khao sat')).toEqual([E5]);
    expect(await find('hội nghị')).toEqual([]);
  });
});

describe('the store', () => {
  it('keeps files, removes entries and weeks, re-derives my role, and keeps notices through a reset', () => {
    const c = cacheFor(P.cv1, at('2025-03-05'));
    const w = scheduleWorld();
    const E = nextId();
    w.act(
      P.cv1,
      {
        name: 'schedule.request',
        args: { entryId: E, date: '2025-03-11', part: 'morning', content: 'Họp', preparingUnitId: UNITS.economy.id, files: [{ sha256: sha(7), name: 'Chương trình.pdf', size: 100, mime: 'application/pdf' }] },
      },
      at('2025-03-05'),
    );
    w.act(vanthu, { name: 'schedule.submitWeek', args: { weekId: weekIdOf(WEEK), weekStart: WEEK } }, at('2025-03-05'));
    c.pull(w);
    expect(c.db.prepare("SELECT record_id, name FROM record_files WHERE kind = 'schedule'").all()).toEqual([{ record_id: E, name: 'Chương trình.pdf' }]);
    expect(c.db.prepare('SELECT my_role FROM schedule_entries WHERE id = ?').get(E)).toEqual({ my_role: 'preparing' });
    expect((c.store.get(weekIdOf(WEEK)) as { status: string }).status).toBe('submitted');
    // Moved to Nội chính: no longer of the preparing unit.
    c.store.recomputeAll({ ...P.cv1, unitId: UNITS.internal.id });
    expect(c.db.prepare('SELECT my_role FROM schedule_entries WHERE id = ?').get(E)).toEqual({ my_role: null });
    c.db.prepare("INSERT INTO schedule_notices (entry_id, week_start, revision, change, fields, title, body, at) VALUES (?, ?, 2, 'changed', '[]', 't', 'b', 'x')").run(E, WEEK);
    expect(c.store.remove(E)).toBe(true);
    expect(c.store.remove(weekIdOf(WEEK))).toBe(true);
    expect(c.store.remove(E)).toBe(false);
    expect(c.db.prepare("SELECT count(*) AS n FROM record_files WHERE kind = 'schedule'").get()).toEqual({ n: 0 });
    c.pull(w);
    c.store.removeAll();
    expect(c.store.count()).toBe(0);
    expect(c.store.get(weekIdOf(WEEK))).toBeNull();
    expect(c.store.notices(10)).toHaveLength(1);
  });

  it('an old cache (before the schedule step) upgrades and gains the schedule tables', () => {
    const db = new Database(':memory:');
    opened.push(db);
    const at5 = MIGRATIONS.indexOf(SCHEDULE_CACHE_STEP);
    expect(at5).toBe(5);
    migrate(db, MIGRATIONS.slice(0, at5));
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', 'abc')").run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const store = new ScheduleStore(db, () => ORG);
    expect(store.count()).toBe(0);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get()).toEqual({ value: 'abc' });
  });

  it('a week view and "my schedule" stay fast with five years of history in the cache', async () => {
    const c = cacheFor(P.cv1, at('2025-03-12'));
    const base = JSON.parse(JSON.stringify(publishedWeekEntry())) as ScheduleEntry;
    const insert = c.db.transaction(() => {
      // 5 years × 52 weeks × 60 entries; every tenth concerns the user.
      for (let wk = 0; wk < 260; wk++) {
        const ws = addDaysIso('2020-03-09', wk * 7);
        for (let i = 0; i < 60; i++) {
          const date = addDaysIso(ws, i % 6);
          const start = `${String(7 + (i % 11)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`;
          const e: ScheduleEntry = {
            ...base,
            id: `1a000000-0000-4000-8000-${String(wk * 100 + i).padStart(12, '0')}`,
            weekStart: ws,
            date,
            start,
            part: Number(start.slice(0, 2)) < 12 ? 'morning' : 'afternoon',
            content: `Họp giao ban số ${wk}-${i}`,
            participantUserIds: i % 10 === 0 ? [P.cv1.id] : [],
          };
          c.store.put(e, P.cv1);
        }
        c.store.put({ type: 'week', id: weekIdOf(ws), agencyId: base.agencyId, weekStart: ws, status: 'published', revision: 1, publishedAt: base.createdAt, approvedBy: P.chutich.id, note: '', revisions: [], history: [], updatedAt: base.createdAt, version: 1 }, P.cv1);
      }
    });
    insert();
    expect(c.store.count()).toBe(260 * 60);
    const timeOf = async (view: 'agency' | 'mine'): Promise<number> => {
      const t0 = performance.now();
      const r = await c.h['schedule.week']({ date: '2022-06-15', view, leaderId: null });
      const ms = performance.now() - t0;
      expect(r.entries.length).toBe(view === 'agency' ? 60 : 6);
      return ms;
    };
    await timeOf('agency'); // statements prepared
    const agency = Math.min(await timeOf('agency'), await timeOf('agency'));
    const mine = Math.min(await timeOf('mine'), await timeOf('mine'));
    expect(agency).toBeLessThan(100);
    expect(mine).toBeLessThan(100);
  }, 60_000);
});

function addDaysIso(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** One scheduled entry, as a template. */
function publishedWeekEntry(): ScheduleEntry {
  const w = scheduleWorld();
  const E = nextId();
  w.act(vanthu, { name: 'schedule.add', args: { entryId: E, date: '2025-03-11', start: '08:00', content: 'Họp', chairId: P.chutich.id } }, at('2025-03-05'));
  return w.entry(E);
}
