/**
 * The tasks workflow's rules (src/shared/tasks), run the way the server and the core's overlay
 * run them: args parsed by the def's schema, facts from `localFacts` over a record lookup,
 * `apply`, and the result parsed again by the state schema (what the rules write must always
 * sync). Each action, who may do it, and the flows of issue #8: extension approved/refused,
 * return, complete → accept / send back, deadlines in working days across Tết, sub-tasks.
 */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import { addWorkingDays } from '../../src/shared/domain/workingDays.js';
import { AppError, ERROR_MESSAGES, type ErrorCode } from '../../src/shared/i18n/errors.js';
import type { Unit, UserSummary } from '../../src/shared/model/organisation.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import {
  allowedTaskActions,
  isTaskOverdue,
  myTaskRoles,
  Task,
  TASK_LIMITS,
  TASK_MUTATION_NAMES,
  taskAccessUserIds,
  taskDeadlineFacts,
  taskMutations,
  type TaskMutationInput,
  type TaskMutationName,
} from '../../src/shared/tasks/schemas.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const org = {
  units: FIXTURE_ORG.units.map((u): Unit => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u): UserSummary => ({ ...u, agencyId: AGENCY, active: true })),
};
const user = (name: keyof typeof U): UserSummary => org.users.find((u) => u.username === name)!;
const chutich = user('chutich'); // agency leader
const tpKinhte = user('tp.kinhte'); // leads Phòng Kinh tế
const cv1 = user('cv.kinhte1');
const cv2 = user('cv.kinhte2');
const tpNoichinh = user('tp.noichinh'); // leads Phòng Nội chính
const cvNoichinh = user('cv.noichinh');
const vanthu = user('vanthu');

let seq = 0;
const id = (): string => `0c000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** Tuesday 01/12/2026, 09:00 in Vietnam. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const registry = buildRegistry(taskMutations);

/** A record store standing in for the server's (or the core's) tasks. */
function world() {
  const store = new Map<string, Task>();
  function act<N extends TaskMutationName>(actor: UserSummary, name: N, input: TaskMutationInput<N>, now: Date = NOW): Task {
    const def = registry.get(name)!;
    const args: unknown = def.args.parse(input);
    const ctx: RuleContext = { actor, org, now };
    const facts: unknown = def.localFacts?.(args, ctx, (ref) => (ref.kind === 'tasks' ? (store.get(ref.id) ?? null) : null));
    const recordId = def.recordId(args);
    const next = def.apply(store.get(recordId) ?? null, args, ctx, facts) as Task;
    expect(Task.parse(next)).toEqual(next);
    store.set(recordId, next);
    return next;
  }
  return { store, act };
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

/** A task from the agency leader to Phòng Kinh tế, Phòng Nội chính co-operating, cv.noichinh for information. */
function given(w = world(), over: Partial<TaskMutationInput<'tasks.create'>> = {}) {
  const ids = { task: id(), main: id(), coop: id(), info: id() };
  const task = w.act(chutich, 'tasks.create', {
    taskId: ids.task,
    title: '  Báo cáo tình hình thực hiện kế hoạch năm 2026 ',
    description: 'Tổng hợp số liệu các xã',
    priority: 'high',
    startDate: '2026-12-01',
    deadline: { date: '2026-12-15' },
    files: [{ sha256: sha(1), name: 'Kế hoạch.docx', size: 12_000, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
    main: { id: ids.main, unitId: UNITS.economy.id },
    cooperate: [{ id: ids.coop, unitId: UNITS.internal.id }],
    info: [{ id: ids.info, userId: cvNoichinh.id }],
    ...over,
  });
  return { w, ids, task };
}

describe('tasks.create', () => {
  it('a leader gives a task to a unit, with co-operating and for-information assignees, and a Vietnamese timeline', () => {
    const { task, ids } = given();
    expect(task).toMatchObject({ title: 'Báo cáo tình hình thực hiện kế hoạch năm 2026', status: 'open', percent: 0, deadline: '2026-12-15', deadlineRule: null, assignedBy: chutich.id, version: 1 });
    expect(task.assignments.map((a) => [a.id, a.role, a.unitId ?? a.userId, a.parentId, a.status])).toEqual([
      [ids.main, 'main', UNITS.economy.id, null, 'active'],
      [ids.coop, 'cooperate', UNITS.internal.id, null, 'active'],
      [ids.info, 'info', cvNoichinh.id, null, 'active'],
    ]);
    expect(task.history.map((h) => [h.action, h.summary])).toEqual([['created', 'Giao việc cho Phòng Kinh tế, hạn 15/12/2026; phối hợp: Phòng Nội chính; nhận để biết: Bùi Thị Lan']]);
    // The assigner, the leaders of the assigned units, the person for information and the agency leader; not the unit's specialists yet.
    expect([...taskAccessUserIds(task, org)].sort()).toEqual([chutich.id, tpKinhte.id, tpNoichinh.id, cvNoichinh.id].sort());
  });

  it('attachments of any type keep a safe name', () => {
    const { task } = given(world(), { files: [{ sha256: sha(2), name: 'CON.txt', size: 10, mime: 'text/plain' }] });
    expect(task.files[0]).toMatchObject({ name: '_CON.txt', mime: 'text/plain' });
  });

  it('a deadline of N working days counts on the Vietnamese calendar, across Tết 2025', () => {
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    const w = world();
    const tet = new Date('2025-01-24T02:00:00.000Z');
    const taskId = id();
    const task = w.act(chutich, 'tasks.create', { taskId, title: 'Trực Tết', startDate: '2025-01-24', deadline: { workingDays: 1 }, main: { id: id(), userId: cv1.id } }, tet);
    expect(task).toMatchObject({ deadline: '2025-02-03', deadlineRule: { workingDays: 1 } });
    expect(task.history[0]!.summary).toBe('Giao việc cho Phạm Thu Hằng, hạn 03/02/2025 (1 ngày làm việc)');
    // Five working days from the Friday before Tết: Monday 3/2 … Friday 7/2.
    const five = w.act(chutich, 'tasks.create', { taskId: id(), title: 'Tổng kết', startDate: '2025-01-24', deadline: { workingDays: 5 }, main: { id: id(), userId: cv1.id } }, tet);
    expect(five.deadline).toBe('2025-02-07');
    // Changing the deadline to N working days counts from the start date too.
    const updated = w.act(chutich, 'tasks.update', { taskId, deadline: { workingDays: 2 } }, tet);
    expect(updated).toMatchObject({ deadline: '2025-02-04', deadlineRule: { workingDays: 2 }, version: 2 });
  });

  it('is refused to non-leaders, for bad dates and for bad or repeated assignees', () => {
    const w = world();
    const base = { title: 'Việc', startDate: '2026-12-01', deadline: { date: '2026-12-10' }, main: { id: id(), unitId: UNITS.economy.id } };
    expect(refused(() => w.act(cv1, 'tasks.create', { ...base, taskId: id() }))).toBe('task_not_leader');
    expect(refused(() => w.act(vanthu, 'tasks.create', { ...base, taskId: id() }))).toBe('task_not_leader');
    expect(refused(() => w.act(chutich, 'tasks.create', { ...base, taskId: id(), startDate: '2026-12-11' }))).toBe('task_deadline_before_start');
    expect(refused(() => w.act(chutich, 'tasks.create', { ...base, taskId: id(), startDate: '2026-11-01', deadline: { date: '2026-11-30' } }))).toBe('deadline_invalid');
    // A start date somewhat in the past is fine (work begun before it was recorded).
    expect(w.act(chutich, 'tasks.create', { ...base, taskId: id(), startDate: '2026-11-20' }).startDate).toBe('2026-11-20');
    expect(refused(() => w.act(chutich, 'tasks.create', { ...base, taskId: id(), cooperate: [{ id: id(), unitId: UNITS.economy.id }] }))).toBe('duplicate_assignee');
    expect(refused(() => w.act(chutich, 'tasks.create', { ...base, taskId: id(), main: { id: id(), userId: '0b000000-0000-4000-8000-0000000000ff' } }))).toBe('assignee_invalid');
    const dup = id();
    expect(refused(() => w.act(chutich, 'tasks.create', { ...base, taskId: id(), main: { id: dup, unitId: UNITS.economy.id }, info: [{ id: dup, userId: cv2.id }] }))).toBe('bad_request');
    // Exactly one of unit and person: the schema refuses both or neither.
    expect(registry.get('tasks.create')!.args.safeParse({ ...base, taskId: id(), main: { id: id(), unitId: UNITS.economy.id, userId: cv1.id } }).success).toBe(false);
    // Creating a task that exists already.
    const { task } = given(w);
    expect(refused(() => w.act(chutich, 'tasks.create', { ...base, taskId: task.id }))).toBe('task_exists');
  });
});

describe('re-assignment inside a unit and progress', () => {
  it('the unit leader hands the lead down; the specialist then reports progress and sees the task', () => {
    const { w, ids, task } = given();
    expect(refused(() => w.act(cv1, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'progress', percent: 10 }))).toBe('task_not_found');
    const down = id();
    const t1 = w.act(tpKinhte, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.main, assignments: [{ id: down, role: 'main', userId: cv1.id, deadline: '2026-12-12' }, { id: id(), role: 'cooperate', userId: cv2.id }] });
    expect(t1.history.at(-1)!.summary).toBe('Phòng Kinh tế giao lại — Chủ trì: Phạm Thu Hằng (hạn 12/12/2026); Phối hợp: Võ Quốc Bảo');
    expect(myTaskRoles(t1, cv1, org)).toEqual(['main']);
    expect(myTaskRoles(t1, tpKinhte, org)).toEqual(['main']);
    expect(myTaskRoles(t1, chutich, org)).toEqual(['assigner', 'oversight']);
    const t2 = w.act(cv1, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'progress', percent: 50, note: 'Đã tổng hợp 5/10 xã' });
    expect(t2).toMatchObject({ status: 'in_progress', percent: 50 });
    expect(t2.history.at(-1)!.summary).toBe('Báo cáo tiến độ 50%: Đã tổng hợp 5/10 xã');
    // The co-operator inside the unit adds a contribution, not a percentage.
    expect(refused(() => w.act(cv2, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'progress', percent: 60 }))).toBe('task_not_main_handler');
    const t3 = w.act(cv2, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'contribution', note: 'Số liệu xã Đăk Hà' });
    expect(t3.percent).toBe(50);
    expect(registry.get('tasks.report')!.args.safeParse({ taskId: task.id, reportId: id(), kind: 'contribution', percent: 5, note: 'x' }).success).toBe(false);
  });

  it('refuses hand-downs by others, outside the unit, after the unit’s deadline or stronger than the unit’s role', () => {
    const { w, ids, task } = given();
    const to = (userId: string, role: 'main' | 'cooperate' | 'info' = 'main', deadline: string | null = null) => ({ id: id(), role, userId, deadline });
    expect(refused(() => w.act(tpNoichinh, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.main, assignments: [to(cvNoichinh.id)] }))).toBe('not_unit_leader');
    expect(refused(() => w.act(tpKinhte, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.main, assignments: [to(cvNoichinh.id)] }))).toBe('assignee_outside_unit');
    expect(refused(() => w.act(tpKinhte, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.main, assignments: [to(cv1.id, 'main', '2026-12-16')] }))).toBe('task_handdown_deadline_late');
    expect(refused(() => w.act(tpKinhte, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.main, assignments: [to(cv1.id), to(cv2.id)] }))).toBe('main_handler_exists');
    expect(refused(() => w.act(tpNoichinh, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.coop, assignments: [to(cvNoichinh.id, 'main')] }))).toBe('assignee_invalid');
    expect(w.act(tpNoichinh, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.coop, assignments: [to(cvNoichinh.id, 'cooperate')] }).version).toBe(2);
  });

  it('only handlers report; people for information do not', () => {
    const { w, task } = given();
    expect(refused(() => w.act(tpNoichinh, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'progress', percent: 20 }))).toBe('task_not_main_handler');
    expect(w.act(tpNoichinh, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'contribution', note: 'Ý kiến Phòng Nội chính' }).history.at(-1)!.summary).toBe('Báo cáo phần phối hợp: Ý kiến Phòng Nội chính');
    expect(refused(() => w.act(cvNoichinh, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'contribution', note: 'x' }))).toBe('task_not_handler');
    expect(refused(() => w.act(chutich, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'progress', percent: 20 }))).toBe('task_not_main_handler');
  });
});

describe('revoking and replacing assignees', () => {
  it('revokes a co-operator (and what it handed down), never the main handler, who is replaced through an edit', () => {
    const { w, ids, task } = given();
    w.act(tpNoichinh, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.coop, assignments: [{ id: id(), role: 'cooperate', userId: cvNoichinh.id }] });
    expect(refused(() => w.act(chutich, 'tasks.revokeAssignment', { taskId: task.id, assignmentId: ids.main }))).toBe('task_main_required');
    expect(refused(() => w.act(tpKinhte, 'tasks.revokeAssignment', { taskId: task.id, assignmentId: ids.coop }))).toBe('forbidden');
    const t1 = w.act(chutich, 'tasks.revokeAssignment', { taskId: task.id, assignmentId: ids.coop, reason: 'Không cần phối hợp' });
    expect(t1.history.at(-1)!.summary).toBe('Thu hồi phân công phối hợp: Phòng Nội chính — lý do: Không cần phối hợp');
    expect(taskAccessUserIds(t1, org).has(tpNoichinh.id)).toBe(false);
    // cv.noichinh still sees it: the for-information assignment is their own.
    expect(taskAccessUserIds(t1, org).has(cvNoichinh.id)).toBe(true);
    expect(refused(() => w.act(chutich, 'tasks.revokeAssignment', { taskId: task.id, assignmentId: ids.coop }))).toBe('assignment_inactive');
    // Another main handler: the old one and its hand-downs lose the task.
    w.act(tpKinhte, 'tasks.reassign', { taskId: task.id, parentAssignmentId: ids.main, assignments: [{ id: id(), role: 'main', userId: cv1.id }] });
    expect(refused(() => w.act(tpKinhte, 'tasks.update', { taskId: task.id, main: { id: id(), userId: cv2.id } }))).toBe('task_not_manager');
    const t2 = w.act(chutich, 'tasks.update', { taskId: task.id, main: { id: id(), unitId: UNITS.internal.id } });
    expect(t2.history.at(-1)!.summary).toBe('Giao lại cho Phòng Nội chính chủ trì');
    const sees = taskAccessUserIds(t2, org);
    expect([cv1.id, tpKinhte.id].map((u) => sees.has(u))).toEqual([false, false]);
    expect(myTaskRoles(t2, tpNoichinh, org)).toEqual(['main']);
  });
});

describe('extensions', () => {
  it('the main handler asks; the assigner refuses one and approves another, which moves the deadline', () => {
    const { w, task } = given(world(), { main: { id: id(), userId: cv1.id }, deadline: { workingDays: 10 } });
    expect(task).toMatchObject({ deadline: '2026-12-15', deadlineRule: { workingDays: 10 } });
    const e1 = id();
    expect(refused(() => w.act(cvNoichinh, 'tasks.requestExtension', { taskId: task.id, extensionId: id(), newDeadline: '2026-12-22', reason: 'x' }))).toBe('task_not_main_handler');
    expect(refused(() => w.act(cv1, 'tasks.requestExtension', { taskId: task.id, extensionId: e1, newDeadline: '2026-12-15', reason: 'x' }))).toBe('extension_not_later');
    const t1 = w.act(cv1, 'tasks.requestExtension', { taskId: task.id, extensionId: e1, newDeadline: '2026-12-22', reason: 'Chờ số liệu của Cục Thống kê' });
    expect(t1.history.at(-1)!.summary).toBe('Đề nghị gia hạn từ 15/12/2026 đến 22/12/2026: Chờ số liệu của Cục Thống kê');
    expect(allowedTaskActions(t1, cv1, org).has('tasks.requestExtension')).toBe(false);
    expect(refused(() => w.act(cv1, 'tasks.requestExtension', { taskId: task.id, extensionId: id(), newDeadline: '2026-12-23', reason: 'x' }))).toBe('extension_pending');
    expect(refused(() => w.act(cv1, 'tasks.decideExtension', { taskId: task.id, extensionId: e1, approve: true }))).toBe('task_not_manager');
    const t2 = w.act(chutich, 'tasks.decideExtension', { taskId: task.id, extensionId: e1, approve: false, note: 'Cần báo cáo đúng hạn' });
    expect(t2).toMatchObject({ deadline: '2026-12-15', deadlineRule: { workingDays: 10 } });
    expect(t2.extensions[0]).toMatchObject({ status: 'refused', decidedBy: chutich.id, decisionNote: 'Cần báo cáo đúng hạn' });
    expect(refused(() => w.act(chutich, 'tasks.decideExtension', { taskId: task.id, extensionId: e1, approve: true }))).toBe('extension_not_pending');
    expect(refused(() => w.act(chutich, 'tasks.decideExtension', { taskId: task.id, extensionId: id(), approve: true }))).toBe('extension_not_found');
    const e2 = id();
    w.act(cv1, 'tasks.requestExtension', { taskId: task.id, extensionId: e2, newDeadline: '2026-12-18', reason: 'Chờ số liệu' });
    const t3 = w.act(chutich, 'tasks.decideExtension', { taskId: task.id, extensionId: e2, approve: true });
    expect(t3).toMatchObject({ deadline: '2026-12-18', deadlineRule: null });
    expect(t3.history.at(-1)!.summary).toBe('Đồng ý gia hạn từ 15/12/2026 đến 18/12/2026');
  });
});

describe('return, complete, accept, send back', () => {
  it('a returned task is sent back to work, or given to someone else', () => {
    const { w, task } = given(world(), { main: { id: id(), userId: cv1.id } });
    expect(refused(() => w.act(cv2, 'tasks.return', { taskId: task.id, reason: 'x' }))).toBe('task_not_found');
    const t1 = w.act(cv1, 'tasks.return', { taskId: task.id, reason: 'Không thuộc chức năng của phòng' });
    expect(t1.status).toBe('returned');
    expect(t1.history.at(-1)!.summary).toBe('Trả lại công việc: Không thuộc chức năng của phòng');
    expect(refused(() => w.act(cv1, 'tasks.complete', { taskId: task.id, note: 'Xong' }))).toBe('task_returned');
    expect(refused(() => w.act(chutich, 'tasks.accept', { taskId: task.id, quality: 3 }))).toBe('task_returned');
    expect([...allowedTaskActions(t1, chutich, org)].sort()).toEqual(['tasks.markRead', 'tasks.revokeAssignment', 'tasks.sendBack', 'tasks.update']);
    const t2 = w.act(chutich, 'tasks.sendBack', { taskId: task.id, reason: 'Đề nghị phòng chủ trì, Văn phòng hỗ trợ' });
    expect(t2.status).toBe('in_progress');
    expect(t2.history.at(-1)!.summary).toBe('Không chấp nhận trả lại, yêu cầu tiếp tục thực hiện: Đề nghị phòng chủ trì, Văn phòng hỗ trợ');
    w.act(cv1, 'tasks.return', { taskId: task.id, reason: 'Vẫn không thuộc chức năng' });
    const t3 = w.act(chutich, 'tasks.update', { taskId: task.id, main: { id: id(), userId: cv2.id } });
    expect(t3.status).toBe('open');
    expect(myTaskRoles(t3, cv2, org)).toEqual(['main']);
    expect(taskAccessUserIds(t3, org).has(cv1.id)).toBe(false);
  });

  it('complete → send back for rework → complete late → accept: on time is the result’s Vietnam date against the deadline', () => {
    const { w, task } = given(world(), { main: { id: id(), userId: cv1.id } });
    const fileSha = sha(9);
    const t1 = w.act(cv1, 'tasks.complete', { taskId: task.id, note: 'Đã gửi báo cáo', files: [{ sha256: fileSha, name: 'Báo cáo.xlsx', size: 900, mime: 'application/vnd.ms-excel' }] });
    expect(t1).toMatchObject({ status: 'pending_acceptance', percent: 100, result: { note: 'Đã gửi báo cáo', by: cv1.id } });
    expect(refused(() => w.act(cv1, 'tasks.report', { taskId: task.id, reportId: id(), kind: 'progress', percent: 100 }))).toBe('task_awaiting_acceptance');
    expect(refused(() => w.act(cv1, 'tasks.accept', { taskId: task.id, quality: 5 }))).toBe('task_not_manager');
    expect(refused(() => w.act(chutich, 'tasks.chase', { taskId: task.id, chaseId: id(), message: 'x' }))).toBe('task_awaiting_acceptance');
    const t2 = w.act(chutich, 'tasks.sendBack', { taskId: task.id, reason: 'Thiếu số liệu quý IV' });
    expect(t2).toMatchObject({ status: 'in_progress', result: null });
    expect(t2.history.at(-1)!.summary).toBe('Yêu cầu làm lại: Thiếu số liệu quý IV');
    expect(refused(() => w.act(chutich, 'tasks.accept', { taskId: task.id, quality: 5 }))).toBe('task_not_completed');
    // 00:30 on 16/12 in Vietnam (17:30 UTC on the 15th): one day late.
    w.act(cv1, 'tasks.complete', { taskId: task.id, note: 'Đã bổ sung' }, new Date('2026-12-15T17:30:00.000Z'));
    const t3 = w.act(chutich, 'tasks.accept', { taskId: task.id, quality: 4, comment: 'Đạt yêu cầu' }, new Date('2026-12-16T03:00:00.000Z'));
    expect(t3).toMatchObject({ status: 'done', evaluation: { onTime: false, quality: 4, comment: 'Đạt yêu cầu', by: chutich.id } });
    expect(t3.assignments.every((a) => a.status === 'done')).toBe(true);
    expect(t3.history.at(-1)!.summary).toBe('Nghiệm thu: trễ hạn, chất lượng 4/5: Đạt yêu cầu');
    expect(taskDeadlineFacts(t3, org)).toEqual({ unitId: UNITS.economy.id, userId: cv1.id, deadline: '2026-12-15', doneOn: '2026-12-16' });
    // Done: nothing changes any more, but it can still be marked read, without a new version.
    expect(refused(() => w.act(chutich, 'tasks.update', { taskId: task.id, title: 'Khác' }))).toBe('task_done');
    expect(refused(() => w.act(chutich, 'tasks.chase', { taskId: task.id, chaseId: id(), message: 'x' }))).toBe('task_done');
    expect([...allowedTaskActions(t3, chutich, org)]).toEqual(['tasks.markRead']);
    const read = w.act(cv1, 'tasks.markRead', { taskId: task.id });
    expect(read).toMatchObject({ readAt: NOW.toISOString(), version: t3.version });
  });

  it('completed at 23:30 on the deadline day in Vietnam is on time', () => {
    const { w, task } = given(world(), { main: { id: id(), userId: cv1.id } });
    w.act(cv1, 'tasks.complete', { taskId: task.id, note: 'Xong' }, new Date('2026-12-15T16:30:00.000Z'));
    expect(w.act(chutich, 'tasks.accept', { taskId: task.id, quality: 5 }, new Date('2026-12-20T03:00:00.000Z')).evaluation?.onTime).toBe(true);
  });
});

describe('sub-tasks', () => {
  it('are given by the parent’s main handler, with a deadline within the parent’s', () => {
    const { w, task } = given();
    const sub = (over: Partial<TaskMutationInput<'tasks.create'>> = {}) => ({ taskId: id(), parentId: task.id, title: 'Tổng hợp số liệu xã', startDate: '2026-12-01', deadline: { date: '2026-12-10' }, main: { id: id(), userId: cv1.id }, ...over });
    expect(refused(() => w.act(tpNoichinh, 'tasks.create', sub()))).toBe('task_not_parent_handler');
    expect(refused(() => w.act(chutich, 'tasks.create', sub()))).toBe('task_not_parent_handler');
    expect(refused(() => w.act(tpKinhte, 'tasks.create', sub({ deadline: { date: '2026-12-16' } })))).toBe('task_deadline_outside_parent');
    expect(refused(() => w.act(tpKinhte, 'tasks.create', sub({ parentId: id() })))).toBe('task_parent_not_found');
    const child = w.act(tpKinhte, 'tasks.create', sub({ deadline: { date: '2026-12-15' } }));
    expect(child).toMatchObject({ parentId: task.id, assignedBy: tpKinhte.id, deadline: '2026-12-15' });
    expect(child.history[0]!.summary).toBe('Giao việc con cho Phạm Thu Hằng, hạn 15/12/2026');
    // Seen by its own people and the agency leaders; the parent's assigner gets no more than that.
    expect([...taskAccessUserIds(child, org)].sort()).toEqual([chutich.id, tpKinhte.id, cv1.id].sort());
    // Sub-tasks are given by leaders only: the specialist leading the sub-task cannot split it further.
    expect(refused(() => w.act(cv1, 'tasks.create', sub({ parentId: child.id })))).toBe('task_not_leader');
    expect(registry.get('tasks.create')!.localFacts!({ parentId: child.id }, { actor: tpKinhte, org, now: NOW }, () => null)).toEqual({ parent: null });
  });
});

describe('chasing, editing, bounds', () => {
  it('the assigner chases and edits; the handlers may not', () => {
    const { w, task } = given();
    expect(refused(() => w.act(tpKinhte, 'tasks.chase', { taskId: task.id, chaseId: id(), message: 'x' }))).toBe('task_not_manager');
    const t1 = w.act(chutich, 'tasks.chase', { taskId: task.id, chaseId: id(), message: 'Đề nghị khẩn trương báo cáo' });
    expect(t1.chases).toHaveLength(1);
    expect(t1.history.at(-1)!.summary).toBe('Đôn đốc: Đề nghị khẩn trương báo cáo');
    const t2 = w.act(chutich, 'tasks.update', { taskId: task.id, priority: 'urgent', deadline: { date: '2026-12-11' }, addCooperate: [{ id: id(), userId: cv2.id }] });
    expect(t2.history.slice(-2).map((h) => h.summary)).toEqual(['Sửa công việc — độ ưu tiên: Khẩn; hạn 11/12/2026', 'Phối hợp: Võ Quốc Bảo']);
    expect(refused(() => w.act(chutich, 'tasks.update', { taskId: task.id, deadline: { date: '2026-11-30' } }))).toBe('task_deadline_before_start');
    expect(registry.get('tasks.update')!.args.safeParse({ taskId: task.id }).success).toBe(false);
  });

  it('refuses the action that would take the task past a bound, so its state always syncs', () => {
    const { w, task } = given();
    let t = task;
    for (let i = 0; i < TASK_LIMITS.chases; i++) t = w.act(chutich, 'tasks.chase', { taskId: task.id, chaseId: id(), message: `Lần ${i + 1}` });
    expect(t.chases).toHaveLength(TASK_LIMITS.chases);
    expect(refused(() => w.act(chutich, 'tasks.chase', { taskId: task.id, chaseId: id(), message: 'Thêm' }))).toBe('task_limit_reached');
    expect(allowedTaskActions(t, chutich, org).has('tasks.chase')).toBe(false);
  });
});

describe('what is offered, overdue, dashboard facts, the defs', () => {
  it('offers each person the actions the rules allow them', () => {
    const { task } = given(world(), { main: { id: id(), userId: cv1.id } });
    const offered = (u: UserSummary): string[] => [...allowedTaskActions(task, u, org)].sort();
    expect(offered(chutich)).toEqual(['tasks.chase', 'tasks.markRead', 'tasks.revokeAssignment', 'tasks.update']);
    expect(offered(cv1)).toEqual(['tasks.complete', 'tasks.markRead', 'tasks.report', 'tasks.requestExtension', 'tasks.return']);
    expect(offered(tpNoichinh)).toEqual(['tasks.markRead', 'tasks.reassign', 'tasks.report']);
    expect(offered(cvNoichinh)).toEqual(['tasks.markRead']);
    expect(offered(cv2)).toEqual([]);
  });

  it('is overdue after the deadline’s Vietnam day unless delivered; delivered counts as done on the result date', () => {
    const { w, task } = given(world(), { main: { id: id(), userId: cv1.id } });
    expect(isTaskOverdue(task, new Date('2026-12-15T16:59:00.000Z'))).toBe(false); // 23:59 on 15/12 in Vietnam
    expect(isTaskOverdue(task, new Date('2026-12-15T17:00:00.000Z'))).toBe(true);
    expect(taskDeadlineFacts(task, org)).toEqual({ unitId: UNITS.economy.id, userId: cv1.id, deadline: '2026-12-15', doneOn: null });
    const done = w.act(cv1, 'tasks.complete', { taskId: task.id, note: 'Xong' }, new Date('2026-12-14T03:00:00.000Z'));
    expect(isTaskOverdue(done, new Date('2026-12-20T03:00:00.000Z'))).toBe(false);
    expect(taskDeadlineFacts(done).doneOn).toBe('2026-12-14');
    const back = w.act(chutich, 'tasks.sendBack', { taskId: task.id, reason: 'Làm lại' }, new Date('2026-12-14T04:00:00.000Z'));
    expect(taskDeadlineFacts(back).doneOn).toBeNull();
  });

  it('registers every frozen name once, keyed by the task, creating only with tasks.create, uploading files where given', () => {
    expect(taskMutations.map((d) => d.name)).toEqual([...TASK_MUTATION_NAMES]);
    expect(taskMutations.filter((d) => d.creates).map((d) => d.name)).toEqual(['tasks.create']);
    expect(taskMutations.filter((d) => d.files).map((d) => d.name)).toEqual(['tasks.create', 'tasks.report', 'tasks.complete']);
    const args = registry.get('tasks.report')!.args.parse({ taskId: '0c000000-0000-4000-8000-00000000abcd', reportId: id(), kind: 'progress', percent: 5, files: [{ sha256: sha(3), name: 'a.png', size: 1, mime: 'image/png' }] });
    expect(registry.get('tasks.report')!.recordId(args)).toBe('0c000000-0000-4000-8000-00000000abcd');
    expect(registry.get('tasks.report')!.files!(args)).toMatchObject([{ sha256: sha(3) }]);
    expect(() => buildRegistry(taskMutations, taskMutations)).toThrow(/registered twice/u);
  });

  it('every new error code has a Vietnamese and an English message', () => {
    for (const code of Object.keys(ERROR_MESSAGES).filter((c) => c.startsWith('task_') || c.startsWith('extension_'))) {
      const m = ERROR_MESSAGES[code as ErrorCode];
      expect(m.vi.length, code).toBeGreaterThan(10);
      expect(m.en.length, code).toBeGreaterThan(10);
    }
  });
});
