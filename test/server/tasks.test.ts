/**
 * Tasks (Công việc, issue #8) against the real server over HTTP, on PGlite and PostgreSQL:
 * mutations pushed as a desktop pushes them, states pulled with protocol 2 as record
 * envelopes. Who may create and who sees a task; the report, extension (approve/refuse),
 * return, complete, accept and send-back flows; sub-task deadlines within the parent's;
 * deadlines of N working days across Tết 2025; a task from a document its creator cannot
 * see; the dashboard endpoint's figures for a small known set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardResult } from '../../src/shared/dashboard/rpc.js';
import { RecordChange } from '../../src/shared/sync/protocol.js';
import { Task } from '../../src/shared/tasks/model.js';
import { http, makePdf, PushClient, uploadPdf } from '../helpers/api.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, expectError, expectRejected, loginAll, type Username } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'tp.noichinh', 'cv.noichinh'] as const;
type User = (typeof USERS)[number];
const id = (u: Username): string => U[u].id;

/** Every page of a protocol 2 pull of both kinds, each change checked against the envelope schema. */
async function pullV2(url: string, token: string, cursor: string | null = null, clientId = randomUUID()): Promise<{ changes: RecordChange[]; cursor: string }> {
  const changes: RecordChange[] = [];
  for (;;) {
    const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit: 500, protocol: 2, kinds: ['incoming', 'tasks'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ protocol: 2, kinds: expect.arrayContaining(['incoming', 'tasks']) });
    for (const c of r.body.changes) changes.push(RecordChange.parse(c));
    cursor = r.body.cursor as string;
    if (!r.body.more) return { changes, cursor };
  }
}

/** The tasks a user holds after a pull from scratch, as a desktop folds them (each state checked with its schema). */
async function tasksOf(url: string, token: string): Promise<Map<string, Task>> {
  const out = new Map<string, Task>();
  for (const c of (await pullV2(url, token)).changes) {
    if (c.kind !== 'tasks') continue;
    if ('removed' in c) out.delete(c.id);
    else {
      const task = Task.parse(c.state);
      expect(c.version).toBe(task.version);
      out.set(c.id, task);
    }
  }
  return out;
}

describe.each(BACKENDS)('tasks over HTTP (%s)', (backend) => {
  let s: TestServer;
  let t: Record<User, string>;
  const c = {} as Record<User, PushClient>;
  // 09:00 in Kon Tum on Monday 20 January 2025, the week before Tết.
  const clock = new Clock('2025-01-20T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
    for (const u of USERS) c[u] = new PushClient(s.url, t[u]);
  });
  afterAll(async () => s?.close());

  const taskOf = async (u: User, taskId: string): Promise<Task | undefined> => (await tasksOf(s.url, t[u])).get(taskId);
  const base = (over: Record<string, unknown> = {}) => ({ taskId: randomUUID(), title: 'Báo cáo tổng kết công tác năm 2024', startDate: '2025-01-20', deadline: { date: '2025-02-14' }, ...over });

  it('a leader gives a task and exactly the assigner, the assignees, their units\' leaders and the agency leaders see it; a specialist may not give one', async () => {
    const taskId = randomUUID();
    const aMain = randomUUID();
    await c.chutich.apply('tasks.create', base({ taskId, main: { id: aMain, unitId: UNITS.economy.id }, cooperate: [{ id: randomUUID(), unitId: UNITS.internal.id }] }));
    for (const u of ['chutich', 'tp.kinhte', 'tp.noichinh'] as const) expect(await taskOf(u, taskId), u).toMatchObject({ id: taskId, status: 'open', version: 1, assignedBy: id('chutich'), readAt: null });
    for (const u of ['cv.kinhte1', 'cv.kinhte2', 'cv.noichinh', 'vanthu'] as const) expect(await taskOf(u, taskId), u).toBeUndefined();

    expectRejected(await c['cv.kinhte1'].send('tasks.create', base({ main: { id: randomUUID(), userId: id('cv.kinhte2') } })), 'task_not_leader');
    expectRejected(await c.vanthu.send('tasks.create', base({ main: { id: randomUUID(), userId: id('cv.kinhte2') } })), 'task_not_leader');

    // The unit leader hands it to a specialist, who now sees it; their colleague still does not.
    const aSpec = randomUUID();
    await c['tp.kinhte'].apply('tasks.reassign', { taskId, parentAssignmentId: aMain, assignments: [{ id: aSpec, role: 'main', userId: id('cv.kinhte1') }] });
    const { cursor } = await pullV2(s.url, t['cv.kinhte1']);
    expect(await taskOf('cv.kinhte1', taskId)).toMatchObject({ version: 2 });
    expect(await taskOf('cv.kinhte2', taskId)).toBeUndefined();
    expectRejected(await c['cv.kinhte2'].send('tasks.report', { taskId, reportId: randomUUID(), kind: 'progress', percent: 10 }), 'task_not_found');

    // A read mark is the reader's own.
    clock.advance(60_000);
    await c['cv.kinhte1'].apply('tasks.markRead', { taskId });
    expect(await taskOf('cv.kinhte1', taskId)).toMatchObject({ readAt: clock.iso(), version: 2 });
    expect(await taskOf('tp.kinhte', taskId)).toMatchObject({ readAt: null });

    // Revoked, the specialist's next pull removes it.
    await c['tp.kinhte'].apply('tasks.revokeAssignment', { taskId, assignmentId: aSpec, reason: 'Giao người khác' });
    const after = await pullV2(s.url, t['cv.kinhte1'], cursor);
    expect(after.changes.filter((x) => x.id === taskId)).toEqual([{ kind: 'tasks', id: taskId, removed: true }]);
    expect(await taskOf('cv.kinhte1', taskId)).toBeUndefined();
  });

  it('progress, then an extension refused, then one approved: the deadline moves for everyone and on the dashboard', async () => {
    const taskId = randomUUID();
    await c.chutich.apply('tasks.create', base({ taskId, deadline: { date: '2025-01-31' }, main: { id: randomUUID(), userId: id('cv.kinhte1') } }));
    await c['cv.kinhte1'].apply('tasks.report', { taskId, reportId: randomUUID(), kind: 'progress', percent: 50, note: 'Đã tổng hợp số liệu 6 tháng' });
    expect(await taskOf('chutich', taskId)).toMatchObject({ status: 'in_progress', percent: 50 });
    expectRejected(await c.chutich.send('tasks.report', { taskId, reportId: randomUUID(), kind: 'progress', percent: 60 }), 'task_not_main_handler');

    const ext1 = randomUUID();
    await c['cv.kinhte1'].apply('tasks.requestExtension', { taskId, extensionId: ext1, newDeadline: '2025-02-10', reason: 'Chờ số liệu của Cục Thống kê' });
    expectRejected(await c['cv.kinhte1'].send('tasks.requestExtension', { taskId, extensionId: randomUUID(), newDeadline: '2025-02-11', reason: 'Lần nữa' }), 'extension_pending');
    expectRejected(await c['cv.kinhte1'].send('tasks.decideExtension', { taskId, extensionId: ext1, approve: true }), 'task_not_manager');
    await c.chutich.apply('tasks.decideExtension', { taskId, extensionId: ext1, approve: false, note: 'Đề nghị hoàn thành đúng hạn' });
    expect(await taskOf('cv.kinhte1', taskId)).toMatchObject({ deadline: '2025-01-31', extensions: [{ id: ext1, status: 'refused', decidedBy: id('chutich') }] });

    const ext2 = randomUUID();
    await c['cv.kinhte1'].apply('tasks.requestExtension', { taskId, extensionId: ext2, newDeadline: '2025-02-12', reason: 'Số liệu về muộn do nghỉ Tết' });
    await c.chutich.apply('tasks.decideExtension', { taskId, extensionId: ext2, approve: true });
    const task = (await taskOf('cv.kinhte1', taskId))!;
    expect(task).toMatchObject({ deadline: '2025-02-12', deadlineRule: null });
    expect(task.extensions.map((e) => [e.id, e.status, e.previousDeadline, e.newDeadline])).toEqual([
      [ext1, 'refused', '2025-01-31', '2025-02-10'],
      [ext2, 'approved', '2025-01-31', '2025-02-12'],
    ]);
    expect(task.history.at(-1)!.summary).toBe('Đồng ý gia hạn từ 31/01/2025 đến 12/02/2025');
    const row = (await s.server.db.query('SELECT deadline, user_id, unit_id FROM record_deadlines WHERE kind = $1 AND record_id = $2', ['tasks', taskId])).rows[0];
    expect(row).toEqual({ deadline: '2025-02-12', user_id: id('cv.kinhte1'), unit_id: UNITS.economy.id });
  });

  it('returned, sent back; completed with a result file, sent back for rework, completed again and accepted', async () => {
    const taskId = randomUUID();
    await c.chutich.apply('tasks.create', base({ taskId, deadline: { date: '2025-02-07' }, main: { id: randomUUID(), userId: id('cv.kinhte2') } }));
    await c['cv.kinhte2'].apply('tasks.return', { taskId, reason: 'Nội dung thuộc thẩm quyền Phòng Nội chính' });
    expect(await taskOf('chutich', taskId)).toMatchObject({ status: 'returned' });
    expectRejected(await c['cv.kinhte2'].send('tasks.complete', { taskId, note: 'Xong' }), 'task_returned');
    await c.chutich.apply('tasks.sendBack', { taskId, reason: 'Phòng Kinh tế chủ trì, Nội chính phối hợp' });
    expect(await taskOf('cv.kinhte2', taskId)).toMatchObject({ status: 'in_progress' });

    const file = await uploadPdf(s.url, t['cv.kinhte2'], makePdf('Bao cao ket qua'));
    await c['cv.kinhte2'].apply('tasks.complete', { taskId, note: 'Đã có báo cáo', files: [file] });
    expect(await taskOf('chutich', taskId)).toMatchObject({ status: 'pending_acceptance', percent: 100, result: { note: 'Đã có báo cáo', files: [{ sha256: file.sha256 }] } });
    // The result's file is read by those who see the task, not by others.
    expect((await http(s.url, 'GET', `/files/${file.sha256}`, { token: t.chutich })).status).toBe(200);
    expectError(await http(s.url, 'GET', `/files/${file.sha256}`, { token: t['cv.kinhte1'] }), 404, 'document_not_found');

    expectRejected(await c['cv.kinhte2'].send('tasks.accept', { taskId, quality: 5 }), 'task_not_manager');
    await c.chutich.apply('tasks.sendBack', { taskId, reason: 'Bổ sung số liệu quý IV' });
    expect(await taskOf('cv.kinhte2', taskId)).toMatchObject({ status: 'in_progress', result: null });
    await c['cv.kinhte2'].apply('tasks.complete', { taskId, note: 'Đã bổ sung' });
    await c.chutich.apply('tasks.accept', { taskId, quality: 4, comment: 'Đạt yêu cầu' });
    const done = (await taskOf('cv.kinhte2', taskId))!;
    expect(done).toMatchObject({ status: 'done', evaluation: { onTime: true, quality: 4, by: id('chutich') } });
    expect(done.assignments.every((a) => a.status === 'done')).toBe(true);
    expect(done.history.map((h) => h.action)).toEqual(['created', 'returned', 'sent_back', 'completed', 'sent_back', 'completed', 'accepted']);
    expectRejected(await c['cv.kinhte2'].send('tasks.report', { taskId, reportId: randomUUID(), kind: 'progress', percent: 100 }), 'task_done');
  });

  it('a sub-task is given by the parent\'s main handler, with a deadline within the parent\'s', async () => {
    const parentId = randomUUID();
    await c.chutich.apply('tasks.create', base({ taskId: parentId, deadline: { date: '2025-02-20' }, main: { id: randomUUID(), unitId: UNITS.economy.id } }));
    const sub = (over: Record<string, unknown>) => base({ title: 'Thu thập số liệu các xã', parentId, main: { id: randomUUID(), userId: id('cv.kinhte1') }, ...over });
    expectRejected(await c['tp.kinhte'].send('tasks.create', sub({ deadline: { date: '2025-02-21' } })), 'task_deadline_outside_parent');
    expectRejected(await c.chutich.send('tasks.create', sub({ deadline: { date: '2025-02-14' } })), 'task_not_parent_handler');
    expectRejected(await c['cv.kinhte1'].send('tasks.create', sub({ deadline: { date: '2025-02-14' } })), 'task_not_leader');
    expectRejected(await c['tp.kinhte'].send('tasks.create', sub({ parentId: randomUUID(), deadline: { date: '2025-02-14' } })), 'task_parent_not_found');
    const subId = randomUUID();
    await c['tp.kinhte'].apply('tasks.create', sub({ taskId: subId, deadline: { date: '2025-02-14' } }));
    expect(await taskOf('cv.kinhte1', subId)).toMatchObject({ parentId, deadline: '2025-02-14', assignedBy: id('tp.kinhte') });
    expect(await taskOf('chutich', subId)).toBeDefined();
    expect(await taskOf('tp.noichinh', subId)).toBeUndefined();
    expect(await taskOf('cv.kinhte1', parentId)).toBeUndefined();
  });

  it('a deadline of N working days skips the weekends and Tết 2025', async () => {
    const one = randomUUID();
    const five = randomUUID();
    await c.chutich.apply('tasks.create', base({ taskId: one, title: 'Trực Tết', startDate: '2025-01-24', deadline: { workingDays: 1 }, main: { id: randomUUID(), userId: id('cv.noichinh') } }));
    await c.chutich.apply('tasks.create', base({ taskId: five, startDate: '2025-01-24', deadline: { workingDays: 5 }, main: { id: randomUUID(), userId: id('cv.noichinh') } }));
    const mine = await tasksOf(s.url, t['cv.noichinh']);
    // Friday 24/01 + 1 working day: Tết runs from Saturday 25/01 to Sunday 02/02.
    expect(mine.get(one)).toMatchObject({ deadline: '2025-02-03', deadlineRule: { workingDays: 1 } });
    expect(mine.get(one)!.history[0]!.summary).toBe('Giao việc cho Bùi Thị Lan, hạn 03/02/2025 (1 ngày làm việc)');
    expect(mine.get(five)).toMatchObject({ deadline: '2025-02-07', deadlineRule: { workingDays: 5 } });
  });

  it('a task from a document only by one who sees the document; the task gives no sight of the document; ids are unique across kinds', async () => {
    const docId = await c.vanthu.register({ issuedDate: '2025-01-15', dueDate: '2025-02-28', subject: 'Về việc triển khai kế hoạch năm 2025' });
    const fromDoc = (over: Record<string, unknown> = {}) => base({ source: { kind: 'incoming', id: docId }, main: { id: randomUUID(), unitId: UNITS.economy.id }, ...over });
    expectRejected(await c['tp.kinhte'].send('tasks.create', fromDoc({ main: { id: randomUUID(), userId: id('cv.kinhte1') } })), 'document_not_found');
    expectRejected(await c.chutich.send('tasks.create', fromDoc({ taskId: docId })), 'task_exists');
    const taskId = randomUUID();
    await c.chutich.apply('tasks.create', fromDoc({ taskId }));
    expect(await taskOf('tp.kinhte', taskId)).toMatchObject({ source: { kind: 'incoming', id: docId } });
    const seen = (await pullV2(s.url, t['tp.kinhte'])).changes.filter((x) => x.kind === 'incoming').map((x) => x.id);
    expect(seen).not.toContain(docId);
    expectRejected(await c.chutich.send('tasks.create', fromDoc({ taskId })), 'task_exists');
  });

  it('a desktop that read only documents gains the tasks from its cursor, without starting over', async () => {
    const docId = await c.vanthu.register({ issuedDate: '2025-01-15', subject: 'Về việc chuẩn bị Tết Nguyên đán' });
    const taskId = randomUUID();
    await c.chutich.apply('tasks.create', base({ taskId, main: { id: randomUUID(), userId: id('cv.kinhte1') } }));
    const clientId = randomUUID();
    const page = async (cursor: string | null, kinds: string[]) => {
      const r = await http(s.url, 'POST', '/sync/pull', { token: t.chutich, json: { clientId, cursor, limit: 2000, protocol: 2, kinds } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { reset: boolean; more: boolean; cursor: string; changes: RecordChange[] };
    };
    const first = await page(null, ['incoming']);
    expect(first.more).toBe(false);
    expect(first.changes.map((x) => x.kind)).not.toContain('tasks');
    expect(first.changes.map((x) => x.id)).toContain(docId);
    const gained = await page(first.cursor, ['incoming', 'tasks']);
    expect(gained.reset).toBe(false);
    expect(gained.changes.every((x) => x.kind === 'tasks')).toBe(true);
    expect(gained.changes.map((x) => x.id)).toContain(taskId);
  });
});

describe.each(BACKENDS)('the dashboard endpoint (%s)', (backend) => {
  let s: TestServer;
  let t: Record<User, string>;
  const c = {} as Record<User, PushClient>;
  // 09:00 on Monday 3 March 2025.
  const clock = new Clock('2025-03-03T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
    for (const u of USERS) c[u] = new PushClient(s.url, t[u]);
  });
  afterAll(async () => s?.close());

  const counts = (onTime: number, late: number, overdue: number, notDue: number) => ({
    total: onTime + late + overdue + notDue,
    onTime,
    late,
    overdue,
    notDue,
    onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
  });
  const march = { from: '2025-03-01', to: '2025-03-31' };
  async function dashboard(u: User, params: Record<string, unknown>): Promise<DashboardResult> {
    const r = await http(s.url, 'POST', '/dashboard', { token: t[u], json: params });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return DashboardResult.parse(r.body);
  }

  it('counts on time, late, overdue and not yet due, by kind, unit, person and month, for what each user sees', async () => {
    const give = async (user: Username, deadline: string): Promise<string> => {
      const taskId = randomUUID();
      await c.chutich.apply('tasks.create', { taskId, title: `Việc hạn ${deadline}`, startDate: '2025-03-03', deadline: { date: deadline }, main: { id: randomUUID(), userId: id(user) } });
      return taskId;
    };
    const a = await give('cv.kinhte1', '2025-03-05');
    const b = await give('cv.kinhte1', '2025-03-07');
    await give('cv.kinhte2', '2025-03-06');
    await give('cv.noichinh', '2025-03-31');
    await give('cv.noichinh', '2025-04-02'); // another period
    const docId = await c.vanthu.register({ issuedDate: '2025-02-27', dueDate: '2025-03-10' });
    await c.chutich.apply('incoming.assign', { documentId: docId, instruction: 'Phòng Nội chính tham mưu', assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.internal.id, userId: null, deadline: '2025-03-10' }] });

    clock.set('2025-03-04T03:00:00Z');
    await c['cv.kinhte1'].apply('tasks.complete', { taskId: a, note: 'Xong' }); // on time
    clock.set('2025-03-10T03:00:00Z');
    await c['cv.kinhte1'].apply('tasks.complete', { taskId: b, note: 'Xong muộn' }); // late; C is now overdue; the document is due today

    const all = await dashboard('chutich', march);
    expect(all.today).toBe('2025-03-10');
    expect(all.totals).toEqual(counts(1, 1, 1, 2));
    expect(all.byKind).toEqual([
      { kind: 'tasks', ...counts(1, 1, 1, 1) },
      { kind: 'incoming', ...counts(0, 0, 0, 1) },
    ]);
    const person = (userId: string | null, unitId: string) => all.byPerson.find((p) => p.userId === userId && p.unitId === unitId);
    expect(person(id('cv.kinhte1'), UNITS.economy.id)).toMatchObject(counts(1, 1, 0, 0));
    expect(person(id('cv.kinhte2'), UNITS.economy.id)).toMatchObject(counts(0, 0, 1, 0));
    expect(person(id('cv.noichinh'), UNITS.internal.id)).toMatchObject(counts(0, 0, 0, 1));
    expect(person(null, UNITS.internal.id)).toMatchObject(counts(0, 0, 0, 1)); // the document, with the unit
    expect(all.byUnit.find((u) => u.unitId === UNITS.economy.id)).toMatchObject(counts(1, 1, 1, 0));
    expect(all.trend).toEqual([{ month: '2025-03', ...counts(1, 1, 1, 2) }]);

    // A specialist counts only what they see; a unit narrows to its records; GET takes the query string.
    expect((await dashboard('cv.kinhte1', march)).totals).toEqual(counts(1, 1, 0, 0));
    const get = await http(s.url, 'GET', `/dashboard?from=2025-03-01&to=2025-03-31&unitId=${UNITS.economy.id}&kinds=tasks,incoming`, { token: t.chutich });
    expect(get.status, JSON.stringify(get.body)).toBe(200);
    expect(DashboardResult.parse(get.body).totals).toEqual(counts(1, 1, 1, 0));
    expect((await dashboard('chutich', { ...march, kinds: ['incoming'] })).totals).toEqual(counts(0, 0, 0, 1));

    // Accepting keeps the day it was delivered; the quarter's trend lists every month.
    await c.chutich.apply('tasks.accept', { taskId: b, quality: 3 });
    const quarter = await dashboard('chutich', { from: '2025-03-01', to: '2025-05-31' });
    expect(quarter.totals).toEqual(counts(1, 1, 1, 3));
    expect(quarter.trend.map((m) => [m.month, m.total])).toEqual([
      ['2025-03', 5],
      ['2025-04', 1],
      ['2025-05', 0],
    ]);

    expectError(await http(s.url, 'POST', '/dashboard', { token: t.chutich, json: { from: '2025-03-31', to: '2025-03-01' } }), 400, 'validation_failed');
    expectError(await http(s.url, 'GET', '/dashboard?from=2025-03-01&to=2025-03-31'), 401, 'unauthenticated');
  });
});
