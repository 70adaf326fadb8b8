/**
 * The server's tasks slice against its database, below HTTP (test/server/tasks.test.ts
 * covers the same over push and pull): the runners store what the shared rules decide,
 * with who sees the task (record_access), the change log, the dashboard row, the files,
 * read marks and the pull's state text; refusals leave nothing behind; the bulk insert
 * writes the same rows as saving one task at a time.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import { AppError, type ErrorCode } from '../../src/shared/i18n/errors.js';
import type { Organisation, UserSummary } from '../../src/shared/model/organisation.js';
import { Task, taskAccessUserIds, type TaskMutationInput, type TaskMutationName } from '../../src/shared/tasks/schemas.js';
import { loadOrganisation } from '../../src/server/org/organisation.js';
import { bulkInsertTasks, loadTask, saveTask, tasksKind } from '../../src/server/tasks/index.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { insertDocument } from './taskSupport.js';

const AGENCY = FIXTURE_ORG.agency.id;
/** Tuesday 01/12/2026, 09:00 in Vietnam. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const PC = { agency: { id: AGENCY, orgVersion: 1, secretContentPolicy: null }, now: NOW };
const sha = (n: number): string => n.toString(16).padStart(64, '0');

describe.each(BACKENDS)('tasks store and runners (%s)', (backend) => {
  let s: TestServer;
  let org: Organisation;
  const user = (name: keyof typeof U): UserSummary => org.users.find((u) => u.username === name)!;
  const db = (): TestServer['server']['db'] => s.server.db;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    org = await loadOrganisation(db(), AGENCY);
  });
  afterAll(async () => s?.close());

  /** Run one mutation as the push does: args parsed by the def, the runner in a transaction. */
  async function run<N extends TaskMutationName>(actor: keyof typeof U, name: N, input: TaskMutationInput<N>, now = NOW): Promise<Set<string>> {
    const m = tasksKind.mutations.find((x) => x.def.name === name)!;
    const args: unknown = m.def.args.parse(input);
    const ctx: RuleContext = { actor: user(actor), org, now };
    return (await db().tx((q) => m.run(q, args as never, ctx))).poke;
  }
  async function refused(f: () => Promise<unknown>): Promise<ErrorCode> {
    try {
      await f();
    } catch (e) {
      if (e instanceof AppError) return e.code;
      throw e;
    }
    throw new Error('expected a refusal');
  }
  const rows = async <R,>(sql: string, params: unknown[] = []): Promise<R[]> => (await db().query<R>(sql, params)).rows;
  const seers = async (id: string): Promise<string[]> => (await rows<{ user_id: string }>("SELECT user_id FROM record_access WHERE record_id = $1 AND kind = 'tasks' ORDER BY user_id", [id])).map((r) => r.user_id);
  const stateFor = async (name: keyof typeof U, id: string): Promise<Task | undefined> => {
    const text = (await tasksKind.states(db(), U[name].id, [id], PC)).get(id);
    return text === undefined ? undefined : Task.parse(JSON.parse(text.json));
  };
  const blob = async (n: number, size = 100): Promise<{ sha256: string; size: number; name: string; mime: string }> => {
    await db().query('INSERT INTO blobs (sha256, size, uploaded_by, created_at) VALUES ($1, $2, NULL, $3) ON CONFLICT DO NOTHING', [sha(n), size, NOW.toISOString()]);
    return { sha256: sha(n), size, name: `Báo cáo ${n}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  };
  /** A task from the agency leader to Phòng Kinh tế, Phòng Nội chính co-operating. */
  async function given(over: Partial<TaskMutationInput<'tasks.create'>> = {}): Promise<{ id: string; main: string; poke: Set<string> }> {
    const id = randomUUID();
    const main = randomUUID();
    const poke = await run('chutich', 'tasks.create', {
      taskId: id,
      title: 'Tổng hợp báo cáo kinh tế - xã hội tháng 12',
      startDate: '2026-12-01',
      deadline: { date: '2026-12-15' },
      main: { id: main, unitId: UNITS.economy.id },
      cooperate: [{ id: randomUUID(), unitId: UNITS.internal.id }],
      ...over,
    });
    return { id, main, poke };
  }

  it('a leader creates a task: the state, who sees it, the change log, the dashboard row; everyone concerned is poked', async () => {
    const seqBefore = (await rows<{ seq: number }>('SELECT seq FROM change_counter'))[0]!.seq;
    const { id, poke } = await given();
    const stored = await loadTask(db(), id);
    expect(stored).toMatchObject({ id, status: 'open', version: 1, deadline: '2026-12-15', assignedBy: U.chutich.id, readAt: null });
    const row = (await rows<Record<string, unknown>>('SELECT agency_id, parent_id, source_kind, source_id, version, status, deadline, updated_at FROM tasks WHERE id = $1', [id]))[0];
    expect(row).toEqual({ agency_id: AGENCY, parent_id: null, source_kind: null, source_id: null, version: 1, status: 'open', deadline: '2026-12-15', updated_at: NOW.toISOString() });
    // The assigner (also the agency leader) and the leaders of both units; not the specialists.
    const expected = [U.chutich.id, U['tp.kinhte'].id, U['tp.noichinh'].id].sort();
    expect(await seers(id)).toEqual(expected);
    expect([...poke].sort()).toEqual(expected);
    expect(await rows("SELECT kind, op, user_id FROM record_changes WHERE record_id = $1 AND seq > $2", [id, seqBefore])).toEqual([{ kind: 'tasks', op: 'put', user_id: null }]);
    expect(await rows('SELECT kind, agency_id, unit_id, user_id, deadline, done_on, title FROM record_deadlines WHERE record_id = $1', [id])).toEqual([
      { kind: 'tasks', agency_id: AGENCY, unit_id: UNITS.economy.id, user_id: null, deadline: '2026-12-15', done_on: null, title: 'Tổng hợp báo cáo kinh tế - xã hội tháng 12' },
    ]);
  });

  it('refusals store nothing: a specialist creating, an id already taken by a task or a document, a file not uploaded', async () => {
    const count = async (): Promise<number> => Number((await rows<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n);
    const before = await count();
    expect(await refused(() => run('cv.kinhte1', 'tasks.create', { taskId: randomUUID(), title: 'Việc', startDate: '2026-12-01', deadline: { date: '2026-12-10' }, main: { id: randomUUID(), userId: U['cv.kinhte2'].id } }))).toBe('task_not_leader');
    expect(await count()).toBe(before);
    const { id } = await given();
    expect(await refused(() => given({ taskId: id }))).toBe('task_exists');
    const docId = randomUUID();
    await insertDocument(db(), docId, { dueDate: null });
    expect(await refused(() => given({ taskId: docId }))).toBe('task_exists');
    expect(await refused(() => given({ files: [{ sha256: sha(999), size: 10, name: 'a.pdf', mime: 'application/pdf' }] }))).toBe('file_missing');
    const f = await blob(998, 50);
    expect(await refused(() => given({ files: [{ ...f, size: 51 }] }))).toBe('file_missing');
    expect(await count()).toBe(before + 1);
  });

  it('the pull sends a task only to those who see it, as stored with their own readAt; a read is per user and no new version', async () => {
    const { id, main } = await given({ info: [{ id: randomUUID(), userId: U['cv.noichinh'].id }] });
    await run('tp.kinhte', 'tasks.reassign', { taskId: id, parentAssignmentId: main, assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.kinhte1'].id }] });
    for (const u of ['chutich', 'tp.kinhte', 'cv.kinhte1', 'tp.noichinh', 'cv.noichinh'] as const) expect(await stateFor(u, id), u).toMatchObject({ id, version: 2, readAt: null });
    for (const u of ['cv.kinhte2', 'vanthu', 'quantri'] as const) expect(await stateFor(u, id), u).toBeUndefined();
    const text = (await tasksKind.states(db(), U['cv.kinhte1'].id, [id], PC)).get(id)!;
    const stored = (await rows<{ state: string }>('SELECT state FROM tasks WHERE id = $1', [id]))[0]!.state;
    expect(text).toEqual({ version: 2, json: `${stored.slice(0, -1)},"readAt":null}` });

    const later = new Date(NOW.getTime() + 3_600_000);
    expect([...(await run('cv.kinhte1', 'tasks.markRead', { taskId: id }, later))]).toEqual([U['cv.kinhte1'].id]);
    expect(await stateFor('cv.kinhte1', id)).toMatchObject({ readAt: later.toISOString(), version: 2 });
    expect(await stateFor('tp.kinhte', id)).toMatchObject({ readAt: null });
    expect(await rows("SELECT user_id, kind, action FROM access_log WHERE document_id = $1", [id])).toEqual([{ user_id: U['cv.kinhte1'].id, kind: 'tasks', action: 'read' }]);
    // A second read changes nothing; one who does not see the task is told it does not exist.
    await run('cv.kinhte1', 'tasks.markRead', { taskId: id }, new Date(later.getTime() + 1000));
    expect(await stateFor('cv.kinhte1', id)).toMatchObject({ readAt: later.toISOString() });
    expect(await refused(() => run('cv.kinhte2', 'tasks.markRead', { taskId: id }))).toBe('task_not_found');
    expect(await refused(() => run('cv.kinhte2', 'tasks.report', { taskId: id, reportId: randomUUID(), kind: 'progress', percent: 10 }))).toBe('task_not_found');
  });

  it('files: the task, its reports and its result hold theirs; a send-back lets the result\'s go; downloads follow who sees the task', async () => {
    const [f1, f2, f3] = [await blob(1), await blob(2), await blob(3)];
    const { id } = await given({ main: { id: randomUUID(), userId: U['cv.kinhte1'].id }, files: [f1] });
    await run('cv.kinhte1', 'tasks.report', { taskId: id, reportId: randomUUID(), kind: 'progress', percent: 40, files: [f2] });
    await run('cv.kinhte1', 'tasks.complete', { taskId: id, note: 'Đã xong', files: [f3] });
    const held = async (): Promise<string[]> => (await rows<{ sha256: string }>("SELECT sha256 FROM record_files WHERE record_id = $1 AND kind = 'tasks' ORDER BY sha256", [id])).map((r) => r.sha256);
    expect(await held()).toEqual([f1.sha256, f2.sha256, f3.sha256]);
    const holdings = async (name: keyof typeof U, n: number) => tasksKind.fileHoldings!(db(), sha(n), U[name].id);
    expect(await holdings('cv.kinhte1', 3)).toEqual([{ documentId: id, level: 'normal', visible: true, policy: expect.any(Object) }]);
    expect(await holdings('cv.kinhte2', 3)).toEqual([{ documentId: id, level: 'normal', visible: false, policy: expect.any(Object) }]);
    await run('chutich', 'tasks.sendBack', { taskId: id, reason: 'Bổ sung số liệu quý IV' });
    expect(await held()).toEqual([f1.sha256, f2.sha256]);
    expect(await holdings('cv.kinhte1', 3)).toEqual([]);
    // A report citing a file never uploaded is refused, whoever would have been allowed.
    expect(await refused(() => run('cv.kinhte1', 'tasks.report', { taskId: id, reportId: randomUUID(), kind: 'progress', percent: 60, files: [{ ...f1, sha256: sha(4) }] }))).toBe('file_missing');
  });

  it('the dashboard row follows the task: handed down, delivered (on the result\'s date), sent back, accepted', async () => {
    const { id, main } = await given();
    const deadline = async () => (await rows('SELECT unit_id, user_id, deadline, done_on FROM record_deadlines WHERE record_id = $1', [id]))[0];
    await run('tp.kinhte', 'tasks.reassign', { taskId: id, parentAssignmentId: main, assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.kinhte2'].id }] });
    expect(await deadline()).toEqual({ unit_id: UNITS.economy.id, user_id: U['cv.kinhte2'].id, deadline: '2026-12-15', done_on: null });
    const late = new Date('2026-12-16T03:00:00.000Z');
    await run('cv.kinhte2', 'tasks.complete', { taskId: id, note: 'Hoàn thành' }, late);
    expect(await deadline()).toMatchObject({ done_on: '2026-12-16' });
    await run('chutich', 'tasks.sendBack', { taskId: id, reason: 'Chưa đạt' }, late);
    expect(await deadline()).toMatchObject({ done_on: null });
    await run('cv.kinhte2', 'tasks.complete', { taskId: id, note: 'Đã bổ sung' }, new Date('2026-12-17T03:00:00.000Z'));
    await run('chutich', 'tasks.accept', { taskId: id, quality: 4 }, new Date('2026-12-18T03:00:00.000Z'));
    expect(await deadline()).toMatchObject({ done_on: '2026-12-17' });
    expect(await loadTask(db(), id)).toMatchObject({ status: 'done', evaluation: { onTime: false, quality: 4 } });
  });

  it('a task given from a document only by one who sees the document; a sub-task only within its parent', async () => {
    const docId = randomUUID();
    await insertDocument(db(), docId, { dueDate: '2026-12-20' });
    await db().query("INSERT INTO record_access (user_id, record_id, kind) VALUES ($1, $2, 'incoming')", [U.chutich.id, docId]);
    expect(await refused(() => run('tp.kinhte', 'tasks.create', { taskId: randomUUID(), source: { kind: 'incoming', id: docId }, title: 'Việc', startDate: '2026-12-01', deadline: { date: '2026-12-10' }, main: { id: randomUUID(), userId: U['cv.kinhte1'].id } }))).toBe('document_not_found');
    const { id } = await given({ source: { kind: 'incoming', id: docId }, main: { id: randomUUID(), userId: U['tp.kinhte'].id } });
    expect((await rows('SELECT source_kind, source_id FROM tasks WHERE id = $1', [id]))[0]).toEqual({ source_kind: 'incoming', source_id: docId });
    // The linked document grants nothing: its readers do not see the task for it.
    expect(await seers(id)).toEqual([U.chutich.id, U['tp.kinhte'].id, U['tp.noichinh'].id].sort());

    const sub = { title: 'Thu thập số liệu', startDate: '2026-12-01', main: { id: randomUUID(), userId: U['cv.kinhte1'].id } };
    expect(await refused(() => run('tp.kinhte', 'tasks.create', { ...sub, taskId: randomUUID(), parentId: id, deadline: { date: '2026-12-16' } }))).toBe('task_deadline_outside_parent');
    expect(await refused(() => run('tp.noichinh', 'tasks.create', { ...sub, taskId: randomUUID(), parentId: id, deadline: { date: '2026-12-05' } }))).toBe('task_not_parent_handler');
    expect(await refused(() => run('tp.kinhte', 'tasks.create', { ...sub, taskId: randomUUID(), parentId: randomUUID(), deadline: { date: '2026-12-05' } }))).toBe('task_parent_not_found');
    const subId = randomUUID();
    await run('tp.kinhte', 'tasks.create', { ...sub, taskId: subId, parentId: id, deadline: { date: '2026-12-05' } });
    expect((await rows('SELECT parent_id, deadline FROM tasks WHERE id = $1', [subId]))[0]).toEqual({ parent_id: id, deadline: '2026-12-05' });
    // The parent's assigner does not see the sub-task (the product has not decided otherwise); the agency leader does.
    expect(await seers(subId)).toEqual([U.chutich.id, U['tp.kinhte'].id, U['cv.kinhte1'].id].sort());
  });

  it('the bulk insert writes what saving each task writes, sub-tasks given before their parents included', async () => {
    const make = (over: Partial<Task> = {}): Task => {
      const id = randomUUID();
      return Task.parse({
        id,
        agencyId: AGENCY,
        parentId: null,
        source: null,
        title: 'Rà soát thủ tục hành chính',
        description: '',
        priority: 'normal',
        files: [],
        startDate: '2026-11-02',
        deadline: '2026-11-20',
        deadlineRule: null,
        assignedBy: U.chutich.id,
        createdAt: '2026-11-02T02:00:00.000Z',
        status: 'open',
        percent: 0,
        assignments: [{ id: randomUUID(), role: 'main', unitId: null, userId: U['cv.noichinh'].id, parentId: null, deadline: null, assignedBy: U.chutich.id, assignedAt: '2026-11-02T02:00:00.000Z', status: 'active', note: '' }],
        reports: [],
        extensions: [],
        result: null,
        evaluation: null,
        chases: [],
        history: [],
        readAt: null,
        updatedAt: '2026-11-02T02:00:00.000Z',
        version: 1,
        ...over,
      });
    };
    const f = await blob(77);
    const parent = make({ files: [f] });
    const child = make({ parentId: parent.id, assignedBy: U['cv.noichinh'].id, result: { note: 'Xong', files: [], at: '2026-11-19T02:00:00.000Z', by: U['cv.noichinh'].id }, status: 'pending_acceptance' });
    const single = make({ files: [f] });
    await db().tx((q) => bulkInsertTasks(q, [child, parent], org));
    await db().tx(async (q) => saveTask(q, single, org, true));
    const facts = async (id: string) => ({
      access: await seers(id),
      files: (await rows<{ sha256: string }>('SELECT sha256 FROM record_files WHERE record_id = $1', [id])).map((r) => r.sha256),
      deadline: (await rows('SELECT kind, unit_id, user_id, deadline, done_on, title FROM record_deadlines WHERE record_id = $1', [id]))[0],
      changes: await rows("SELECT kind, op, user_id FROM record_changes WHERE record_id = $1", [id]),
      state: await loadTask(db(), id),
    });
    const [p, s1] = [await facts(parent.id), await facts(single.id)];
    expect({ ...p, state: { ...p.state, id: single.id, assignments: s1.state!.assignments } }).toEqual(s1);
    expect(p.access).toEqual([...taskAccessUserIds(parent, org)].sort());
    expect(await facts(child.id)).toMatchObject({ deadline: { done_on: '2026-11-19', unit_id: UNITS.internal.id, user_id: U['cv.noichinh'].id }, state: child });
    expect((await rows('SELECT parent_id FROM tasks WHERE id = $1', [child.id]))[0]).toEqual({ parent_id: parent.id });
  });
});
