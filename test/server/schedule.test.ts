/**
 * The weekly work schedule (Lịch công tác tuần, issue #9) against the real server over HTTP, on
 * PGlite and PostgreSQL: mutations pushed as a desktop pushes them — straight to the server, so
 * every right checked here is the server's own, whatever a client checked before —, records
 * pulled with protocol 2 as envelopes and checked with the clients' ScheduleRecord schema.
 * Who may request, compile, approve and see drafts; submit → return → resubmit → approve
 * (revision 1); a meeting moved and one cancelled after publication (revisions 2, 3), seen by
 * everyone; two units' requests for one slot made offline, kept until the office merges them;
 * links, files and ids unique across kinds; revisions numbered in order under concurrent changes.
 * The agency's schedule settings are in schedule-settings.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleEntry, ScheduleRecord, ScheduleWeek } from '../../src/shared/schedule/model.js';
import { scheduleConflicts } from '../../src/shared/schedule/conflicts.js';
import { scheduleWeekId } from '../../src/shared/schedule/week.js';
import { http, makePdf, PushClient, uploadPdf } from '../helpers/api.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { pullSchedule } from './scheduleSupport.js';
import { Clock, DAY, EventStream, expectError, expectRejected, HOUR, loginAll, type Username } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'tp.noichinh', 'cv.noichinh', 'quantri'] as const;
type User = (typeof USERS)[number];
const id = (u: Username): string => U[u].id;
const AGENCY = FIXTURE_ORG.agency.id;
// Week 49 of 2026 (Monday 30/11) and week 50 (Monday 07/12); the clock is Wednesday 25/11.
const W1 = '2026-11-30';
const W2 = '2026-12-07';
const ROOM_A = randomUUID();
const ROOM_B = randomUUID();

describe.each(BACKENDS)('the weekly schedule over HTTP (%s)', (backend) => {
  let s: TestServer;
  let t: Record<User, string>;
  const c = {} as Record<User, PushClient>;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
    for (const u of USERS) c[u] = new PushClient(s.url, t[u]);
    // The demo's set-up: the office (Văn phòng) compiles the week; two meeting rooms.
    const r = await http(s.url, 'PUT', '/admin/schedule-settings', {
      token: t.quantri,
      json: { officeUnitId: UNITS.office.id, rooms: [{ id: ROOM_A, name: 'Phòng họp số 1', capacity: 30 }, { id: ROOM_B, name: 'Hội trường tầng 3', capacity: null }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
  afterAll(async () => s?.close());

  const recordsOf = async (u: User): Promise<Map<string, ScheduleRecord>> => (await pullSchedule(s.url, t[u])).records;
  const entryOf = async (u: User, entryId: string): Promise<ScheduleEntry | undefined> => (await recordsOf(u)).get(entryId) as ScheduleEntry | undefined;
  const weekOf = async (u: User, weekStart: string): Promise<ScheduleWeek | undefined> => (await recordsOf(u)).get(scheduleWeekId(AGENCY, weekStart)) as ScheduleWeek | undefined;
  const weekArgs = (weekStart: string, over: Record<string, unknown> = {}) => ({ weekId: scheduleWeekId(AGENCY, weekStart), weekStart, ...over });
  const input = (over: Record<string, unknown> = {}) => ({
    entryId: randomUUID(),
    date: '2026-12-02',
    start: '08:00',
    end: '10:00',
    content: 'Họp bàn kế hoạch vốn đầu tư công năm 2027',
    ...over,
  });
  /** Who, among every user, holds the entry after a pull from scratch. */
  const seers = async (entryId: string): Promise<User[]> => {
    const out: User[] = [];
    for (const u of USERS) if ((await recordsOf(u)).has(entryId)) out.push(u);
    return out;
  };

  it('anyone requests; only the office and the agency leaders compile, only the agency leaders approve; a request is seen by its requester, its unit\'s leaders, the office and the agency leaders', async () => {
    const e1 = randomUUID();
    await c['cv.kinhte1'].apply('schedule.request', input({ entryId: e1, chairId: id('chutich'), participantUnitIds: [UNITS.economy.id], roomId: ROOM_A }));
    expect(await entryOf('cv.kinhte1', e1)).toMatchObject({
      type: 'entry',
      status: 'requested',
      weekStart: W1,
      part: 'morning',
      requestedBy: id('cv.kinhte1'),
      requestingUnitId: UNITS.economy.id,
      version: 1,
    });
    expect(await seers(e1)).toEqual(['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1']);

    // The server refuses what the rights refuse, whatever the client checked.
    expectRejected(await c['cv.kinhte2'].send('schedule.update', { entryId: e1, patch: { content: 'Sửa lén' } }), 'schedule_entry_not_found');
    expectRejected(await c['tp.kinhte'].send('schedule.withdraw', { entryId: e1 }), 'schedule_not_requester');
    expectRejected(await c['cv.kinhte1'].send('schedule.accept', { entryId: e1 }), 'schedule_not_compiler');
    expectRejected(await c['tp.kinhte'].send('schedule.accept', { entryId: e1 }), 'schedule_not_compiler');
    expectRejected(await c['tp.kinhte'].send('schedule.add', input({ date: '2026-12-03' })), 'schedule_not_compiler');
    expectRejected(await c['cv.kinhte1'].send('schedule.submitWeek', weekArgs(W1)), 'schedule_not_office');
    expectRejected(await c.chutich.send('schedule.submitWeek', weekArgs(W1)), 'schedule_not_office');
    expectRejected(await c.vanthu.send('schedule.approveWeek', weekArgs(W1)), 'schedule_not_approver');
    expectRejected(await c['tp.kinhte'].send('schedule.returnWeek', weekArgs(W1, { reason: 'Không đồng ý' })), 'schedule_not_approver');
    expectRejected(await c.chutich.send('schedule.approveWeek', weekArgs(W2, { weekId: scheduleWeekId(AGENCY, W1) })), 'schedule_week_mismatch');
    // The chair is a leader; the room one of the agency's; the day not past.
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ chairId: id('cv.kinhte2') })), 'schedule_chair_not_leader');
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ roomId: randomUUID() })), 'schedule_unknown_room');
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ date: '2026-11-24' })), 'schedule_date_past');
    expectRejected(await c.vanthu.send('schedule.update', { entryId: e1, patch: { date: '2026-12-08' } }), 'schedule_other_week');
    // Refusals wrote nothing: the entry is as requested, and no week record exists yet.
    expect(await entryOf('chutich', e1)).toMatchObject({ version: 1, content: 'Họp bàn kế hoạch vốn đầu tư công năm 2027' });
    expect(await weekOf('chutich', W1)).toBeUndefined();

    // A rejected request: its requester and their unit's leader see its fate, with the reason; others never see it.
    const e2 = randomUUID();
    await c['cv.noichinh'].apply('schedule.request', input({ entryId: e2, date: '2026-12-04', start: null, end: null, part: 'afternoon', content: 'Làm việc với Công an tỉnh' }));
    await c.vanthu.apply('schedule.reject', { entryId: e2, reason: 'Lãnh đạo đã có lịch đi cơ sở' });
    expect(await entryOf('cv.noichinh', e2)).toMatchObject({ status: 'rejected', reason: 'Lãnh đạo đã có lịch đi cơ sở', part: 'afternoon', start: null });
    expect(await seers(e2)).toEqual(['vanthu', 'chutich', 'tp.noichinh', 'cv.noichinh']);
    expectRejected(await c['cv.noichinh'].send('schedule.withdraw', { entryId: e2 }), 'schedule_entry_state');

    // The requester withdraws another one before the office decides.
    const e3 = randomUUID();
    await c['cv.kinhte2'].apply('schedule.request', input({ entryId: e3, date: '2026-12-05', start: '14:00', end: null }));
    await c['cv.kinhte2'].apply('schedule.withdraw', { entryId: e3 });
    expect(await entryOf('cv.kinhte2', e3)).toMatchObject({ status: 'withdrawn', history: [{ action: 'requested' }, { action: 'withdrawn' }] });
    expect(await entryOf('cv.kinhte1', e3)).toBeUndefined();
  });

  it('submitted, returned with a reason, resubmitted and approved: revision 1, and the draft becomes everyone\'s; a later move and cancellation are revisions 2 and 3 that everyone pulls', async () => {
    const m1: string = randomUUID();
    const m2: string = randomUUID();
    const pending: string = randomUUID();
    await c['cv.kinhte1'].apply('schedule.request', input({ entryId: m1, date: '2026-12-03', start: '14:00', end: '16:00', content: 'Nghe báo cáo tiến độ giải ngân', chairId: id('chutich') }));
    await c.vanthu.apply('schedule.accept', { entryId: m1, patch: { roomId: ROOM_B } });
    await c.vanthu.apply('schedule.add', input({ entryId: m2, date: '2026-12-04', start: null, end: null, part: 'morning', content: 'Tiếp công dân định kỳ', chairId: id('chutich'), highlight: true }));
    await c['cv.kinhte2'].apply('schedule.request', input({ entryId: pending, date: '2026-12-05', content: 'Kiểm tra dự án đường vành đai' }));
    expect(await entryOf('vanthu', m1)).toMatchObject({ status: 'scheduled', roomId: ROOM_B, changes: [] });
    // A draft is not another unit's specialist's.
    const before = await pullSchedule(s.url, t['cv.noichinh']);
    expect([...before.records.keys()].filter((k) => [m1, m2, pending].includes(k))).toEqual([]);

    await c.vanthu.apply('schedule.submitWeek', weekArgs(W1, { note: 'Kính trình lãnh đạo' }));
    expect(await weekOf('cv.noichinh', W1)).toMatchObject({ type: 'week', status: 'submitted', revision: 0, note: 'Kính trình lãnh đạo' });
    expectRejected(await c.vanthu.send('schedule.submitWeek', weekArgs(W1)), 'schedule_week_state');
    await c.chutich.apply('schedule.returnWeek', weekArgs(W1, { reason: 'Bổ sung lịch tiếp công dân chiều thứ Sáu' }));
    expect(await weekOf('vanthu', W1)).toMatchObject({ status: 'draft', note: 'Bổ sung lịch tiếp công dân chiều thứ Sáu' });
    await c.vanthu.apply('schedule.submitWeek', weekArgs(W1));

    const stream = await EventStream.open(s.url, t['cv.noichinh']);
    try {
      await stream.untilPokes(1);
      clock.advance(HOUR);
      await c.chutich.apply('schedule.approveWeek', weekArgs(W1));
      // The publication pokes everyone: the specialist of another unit pulls at once.
      await stream.untilPokes(2);
    } finally {
      await stream.close();
    }
    const week = (await weekOf('cv.noichinh', W1))!;
    expect(week).toMatchObject({ status: 'published', revision: 1, approvedBy: id('chutich'), publishedAt: clock.iso(), revisions: [{ n: 1, by: id('chutich'), entries: [] }] });
    expect(week.history.map((h) => h.action)).toEqual(['submitted', 'returned', 'submitted', 'approved']);
    // From the cursor before: the scheduled entries come, the pending request does not.
    const gained = await pullSchedule(s.url, t['cv.noichinh'], before.cursor);
    expect([...gained.records.keys()].sort()).toEqual([m1, m2, scheduleWeekId(AGENCY, W1)].sort());
    expect(await seers(pending)).toEqual(['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte2']);
    expectRejected(await c.chutich.send('schedule.approveWeek', weekArgs(W1)), 'schedule_week_state');

    // The office moves a meeting: revision 2, with what changed and what it was.
    clock.advance(HOUR);
    await c.vanthu.apply('schedule.update', { entryId: m1, patch: { start: '15:00' }, reason: 'Chủ tịch họp đột xuất với Bộ Tài chính' });
    for (const u of USERS) {
      const all = await recordsOf(u);
      const moved = all.get(m1) as ScheduleEntry;
      expect(moved, u).toMatchObject({ start: '15:00', end: '16:00', part: 'afternoon' });
      expect(moved.changes, u).toMatchObject([{ revision: 2, change: 'changed', fields: ['time'], before: { start: '14:00', end: '16:00' }, reason: 'Chủ tịch họp đột xuất với Bộ Tài chính', by: id('vanthu') }]);
      const w = all.get(scheduleWeekId(AGENCY, W1)) as ScheduleWeek;
      expect(w.revision, u).toBe(2);
      expect(w.revisions.at(-1), u).toMatchObject({ n: 2, by: id('vanthu'), entries: [{ id: m1, change: 'changed', fields: ['time'] }] });
    }

    // Cancelled: revision 3; the entry stays in the published week, struck through, for everyone.
    await c.vanthu.apply('schedule.cancel', { entryId: m2, reason: 'Chủ tịch đi công tác Hà Nội' });
    const cancelled = (await entryOf('cv.noichinh', m2))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'Chủ tịch đi công tác Hà Nội', changes: [{ revision: 3, change: 'cancelled', fields: [], before: { part: 'morning' } }] });
    expect((await weekOf('quantri', W1))!.revisions.map((r) => [r.n, r.entries.map((e) => [e.id, e.change])])).toEqual([
      [1, []],
      [2, [[m1, 'changed']]],
      [3, [[m2, 'cancelled']]],
    ]);
    expectRejected(await c.vanthu.send('schedule.update', { entryId: m2, patch: { start: '09:00' } }), 'schedule_entry_state');

    // A request accepted into the published week is added to it (revision 4) and becomes everyone's.
    await c.vanthu.apply('schedule.accept', { entryId: pending });
    expect(await entryOf('cv.noichinh', pending)).toMatchObject({ status: 'scheduled', changes: [{ revision: 4, change: 'added', before: null }] });
    expect((await weekOf('cv.kinhte1', W1))!.revision).toBe(4);
  });

  it('two units ask for the same slot while offline: both requests are kept until the office merges them, and the target gains the other\'s participants', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const slot = { date: '2026-12-08', start: '08:00', end: '11:00', roomId: ROOM_A };
    // Made offline two hours ago on two desktops; pushed when they came back.
    const offline = new Date(clock.now().getTime() - 2 * HOUR).toISOString();
    const ra = await c['cv.kinhte1'].send('schedule.request', { ...slot, entryId: a, content: 'Họp thẩm định dự án khu công nghiệp', participantUserIds: [id('cv.kinhte1')], participantUnitIds: [UNITS.economy.id], guests: 'Sở Kế hoạch và Đầu tư' }, undefined, offline);
    const rb = await c['cv.noichinh'].send('schedule.request', { ...slot, entryId: b, content: 'Họp thẩm định dự án khu công nghiệp (an ninh trật tự)', participantUserIds: [id('cv.noichinh')], participantUnitIds: [UNITS.internal.id], guests: 'Công an tỉnh' }, undefined, offline);
    expect([ra.body.results[0].status, rb.body.results[0].status]).toEqual(['applied', 'applied']);

    const office = await recordsOf('vanthu');
    const both = [office.get(a), office.get(b)] as ScheduleEntry[];
    expect(both.map((e) => e.status)).toEqual(['requested', 'requested']);
    expect(both.map((e) => e.createdAt)).toEqual([offline, offline]);
    // The office is warned that they hold one room at one time.
    expect(scheduleConflicts(both).filter((x) => x.kind === 'room')).toMatchObject([{ entryIds: [a, b], roomId: ROOM_A }]);
    // Neither unit sees the other's request.
    expect((await recordsOf('cv.kinhte1')).has(b)).toBe(false);
    expect((await recordsOf('cv.noichinh')).has(a)).toBe(false);

    expectRejected(await c['tp.noichinh'].send('schedule.merge', { entryId: b, intoId: a }), 'schedule_not_compiler');
    expectRejected(await c.vanthu.send('schedule.merge', { entryId: b, intoId: randomUUID() }), 'schedule_merge_target');
    expectRejected(await c.vanthu.send('schedule.merge', { entryId: b, intoId: b }), 'schedule_merge_target');
    await c.vanthu.apply('schedule.merge', { entryId: b, intoId: a });
    const target = (await entryOf('vanthu', a))!;
    expect(target).toMatchObject({ status: 'requested', guests: 'Sở Kế hoạch và Đầu tư; Công an tỉnh', changes: [] });
    expect([...target.participantUserIds].sort()).toEqual([id('cv.kinhte1'), id('cv.noichinh')].sort());
    expect([...target.participantUnitIds].sort()).toEqual([UNITS.economy.id, UNITS.internal.id].sort());
    expect(target.history.at(-1)).toMatchObject({ action: 'merged_into', actorId: id('vanthu') });

    await c.vanthu.apply('schedule.accept', { entryId: a });
    await c.chutich.apply('schedule.approveWeek', weekArgs(W2, { note: 'Ban hành' }));
    // The requester of the merged request, and their unit's leader, see its fate and the entry it joined.
    for (const u of ['cv.noichinh', 'tp.noichinh'] as const) {
      const mine = await recordsOf(u);
      expect(mine.get(b), u).toMatchObject({ status: 'merged', mergedInto: a });
      expect(mine.get(a), u).toMatchObject({ status: 'scheduled' });
    }
    expect((await recordsOf('cv.kinhte2')).has(b)).toBe(false);
    expect((await recordsOf('cv.kinhte2')).has(a)).toBe(true);

    // A third request merged into the published entry changes it: a revision naming the participants.
    const late = randomUUID();
    await c['tp.kinhte'].apply('schedule.request', { ...slot, entryId: late, content: 'Tham dự họp thẩm định', participantUserIds: [id('tp.kinhte')] });
    await c.vanthu.apply('schedule.merge', { entryId: late, intoId: a });
    const revised = (await entryOf('cv.kinhte2', a))!;
    expect(revised.participantUserIds).toContain(id('tp.kinhte'));
    expect(revised.changes).toMatchObject([{ revision: 2, change: 'changed', fields: ['participants'] }]);
    expect((await weekOf('cv.kinhte2', W2))!.revisions.at(-1)).toMatchObject({ n: 2, entries: [{ id: a, change: 'changed', fields: ['participants'] }] });
  });

  it('ids are unique across kinds; a link only to a record the actor sees; files must be uploaded and are read by those who see the entry', async () => {
    const taskId = randomUUID();
    await c.chutich.apply('tasks.create', { taskId, title: 'Chuẩn bị báo cáo kinh tế - xã hội', startDate: '2026-11-25', deadline: { date: '2026-12-10' }, main: { id: randomUUID(), userId: id('cv.kinhte1') } });
    const docId = await c.vanthu.register({ documentType: 'Giấy mời', subject: 'Mời dự Hội nghị tổng kết năm 2026', issuedDate: '2026-11-20' });
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ entryId: taskId })), 'schedule_entry_exists');
    expectRejected(await c.vanthu.send('schedule.add', input({ entryId: docId })), 'schedule_entry_exists');
    // A week's derived id (version 8) is never an entry's.
    expectRejected(await c.vanthu.send('schedule.add', input({ entryId: scheduleWeekId(AGENCY, '2027-01-04') })), 'invalid_mutation');
    const entryId = randomUUID();
    await c['cv.kinhte1'].apply('schedule.request', input({ entryId, date: '2026-12-09', content: 'Báo cáo tình hình kinh tế - xã hội', link: { kind: 'tasks', id: taskId } }));
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ entryId })), 'schedule_entry_exists');
    expectRejected(await c.chutich.send('tasks.create', { taskId: entryId, title: 'Trùng mã', startDate: '2026-11-25', deadline: { date: '2026-12-10' }, main: { id: randomUUID(), userId: id('cv.kinhte1') } }), 'task_exists');
    const reg = await c.vanthu.send('incoming.register', { documentId: entryId, metadata: { issuer: 'Sở Tài chính tỉnh Kon Tum', codeNumber: '999', codeNotation: 'STC-NS', issuedDate: '2026-11-20', documentType: 'Công văn', subject: 'Trùng mã', signerName: 'Nguyễn Văn Bình', signerPosition: 'Giám đốc', urgency: 'normal', confidentiality: 'normal', dueDate: null, pageCount: 1, description: '' }, files: [] });
    expectRejected(reg, 'document_exists');

    // A link grants nothing, so it is refused to one who cannot see the record.
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ date: '2026-12-09', link: { kind: 'incoming', id: docId } })), 'document_not_found');
    expectRejected(await c['cv.noichinh'].send('schedule.request', input({ date: '2026-12-09', link: { kind: 'tasks', id: taskId } })), 'task_not_found');
    expectRejected(await c['cv.kinhte1'].send('schedule.update', { entryId, patch: { link: { kind: 'incoming', id: docId } } }), 'document_not_found');
    const fromInvitation = randomUUID();
    await c.vanthu.apply('schedule.add', input({ entryId: fromInvitation, date: '2026-12-10', content: 'Dự Hội nghị tổng kết năm 2026', link: { kind: 'incoming', id: docId } }));
    expect(await entryOf('chutich', fromInvitation)).toMatchObject({ link: { kind: 'incoming', id: docId } });
    // The office edits an entry whose link it keeps: nothing to check again.
    await c.vanthu.apply('schedule.update', { entryId, patch: { notes: 'Phòng Kinh tế chuẩn bị tài liệu' } });

    // Files: uploaded first; read by those who see the entry.
    const missing = { sha256: 'a'.repeat(64), name: 'chương trình.pdf', size: 1234, mime: 'application/pdf' };
    expectRejected(await c['cv.kinhte1'].send('schedule.request', input({ date: '2026-12-09', files: [missing] })), 'file_missing');
    const agenda = await uploadPdf(s.url, t['cv.kinhte1'], makePdf('Chuong trinh hop'));
    const withFile = randomUUID();
    await c['cv.kinhte1'].apply('schedule.request', input({ entryId: withFile, date: '2026-12-09', start: '14:00', end: '15:00', files: [agenda] }));
    expect(await entryOf('vanthu', withFile)).toMatchObject({ files: [{ sha256: agenda.sha256, size: agenda.size }] });
    expect((await http(s.url, 'GET', `/files/${agenda.sha256}`, { token: t.vanthu })).status).toBe(200);
    expectError(await http(s.url, 'GET', `/files/${agenda.sha256}`, { token: t['cv.noichinh'] }), 404, 'document_not_found');
    const stored = (await s.server.db.query('SELECT kind FROM record_files WHERE record_id = $1 AND sha256 = $2', [withFile, agenda.sha256])).rows;
    expect(stored).toEqual([{ kind: 'schedule' }]);
  });

  it('revision numbers follow the order changes were applied in, even when two compilers change entries of a published week at once', async () => {
    const week = '2026-12-14';
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const [i, entryId] of ids.entries()) await c.vanthu.apply('schedule.add', input({ entryId, date: '2026-12-15', start: `${String(7 + i).padStart(2, '0')}:00`, end: null, content: `Làm việc với đơn vị ${i + 1}` }));
    await c.chutich.apply('schedule.approveWeek', weekArgs(week));
    // Two desktops, each moving two meetings, pushed at the same moment.
    const office = new PushClient(s.url, t.vanthu);
    const leader = new PushClient(s.url, t.chutich);
    const move = (p: PushClient, entryId: string, start: string) => p.send('schedule.update', { entryId, patch: { start }, reason: 'Điều chỉnh giờ' });
    const results = await Promise.all([
      (async () => [await move(office, ids[0]!, '13:30'), await move(office, ids[1]!, '14:30')])(),
      (async () => [await move(leader, ids[2]!, '15:30'), await move(leader, ids[3]!, '16:30')])(),
    ]);
    for (const r of results.flat()) expect(r.body.results[0].status, JSON.stringify(r.body)).toBe('applied');
    const all = await recordsOf('cv.noichinh');
    const w = all.get(scheduleWeekId(AGENCY, week)) as ScheduleWeek;
    expect(w.revision).toBe(5);
    expect(w.revisions.map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
    // Each revision names the one entry whose change made it, and that entry says so.
    const byRevision = new Map(w.revisions.slice(1).map((r) => [r.n, r.entries[0]!.id]));
    expect(new Set(byRevision.values())).toEqual(new Set(ids));
    for (const [n, entryId] of byRevision) expect((all.get(entryId) as ScheduleEntry).changes).toMatchObject([{ revision: n, fields: ['time'] }]);
  });
});
