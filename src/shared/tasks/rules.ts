/**
 * The rules of the tasks workflow (issue #8 "Tasks"; docs/generic-sync-plan.md §5), as pure
 * functions: the server runs them to decide every mutation, the core's overlay runs the very
 * same ones to preview it. Who may do what is answered in rights.ts; here it is enforced,
 * with AppError codes (src/shared/i18n/errors.ts) and a Vietnamese timeline.
 *
 * Zod-free (type-only imports of the schemas' types).
 */
import { AppError } from '../i18n/errors.js';
import type { RuleContext } from '../domain/ruleContext.js';
import { leadsUnit, unitName, unitSubtree, userName, type OrgView } from '../domain/org.js';
import { VIETNAM_CALENDAR, type WorkingCalendar } from '../domain/workingDays.js';
import { formatDateVi, vnToday } from '../text/vietnamese.js';
import { TASK_LIMITS, TASK_PRIORITY_LABELS, TASK_ROLE_LABELS, type TaskMutationName } from './constants.js';
import type { Task, TaskAssignment, TaskAssignmentRole, TaskHistoryAction, TaskStatus } from './model.js';
import type { CreateTaskArgs, NewTaskAssignee, TaskMutation, TaskMutationArgs } from './mutations.js';
import {
  canCreateTask,
  canHandDownTask,
  canRevokeTaskAssignment,
  canSeeTask,
  isCooperator,
  isMainHandler,
  mainAssignment,
  managesTask,
  pendingExtension,
  resolveTaskDeadline,
  taskAssignmentDeadline,
  TASK_WORKING_STATUSES,
} from './rights.js';

/** What only the server knows for tasks.create: the parent task, as the actor sees it (null if none or not visible). */
export interface CreateTaskFacts {
  readonly parent: Task | null;
}

/**
 * The calendar deadlines are counted on. RuleContext is to gain `calendar` (the agency's,
 * generic-sync-plan §5 "Working days"); until then, and whenever it is absent, Vietnam's.
 */
export function taskCalendar(ctx: RuleContext): WorkingCalendar {
  return (ctx as RuleContext & { readonly calendar?: WorkingCalendar }).calendar ?? VIETNAM_CALENDAR;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** TaskHistoryEntry.summary's limit: a summary quotes what the user wrote, so it is clipped (docs/decisions.md §18). */
const SUMMARY_MAX = 2000;
function clip(s: string): string {
  if (s.length <= SUMMARY_MAX) return s;
  return `${s.slice(0, SUMMARY_MAX - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`;
}

function withHistory(task: Task, ctx: RuleContext, action: TaskHistoryAction, summary: string, details: Record<string, unknown> = {}): Task {
  bound(task.history.length + 1, TASK_LIMITS.history);
  const entry = { id: task.history.length + 1, actorId: ctx.actor.id, action, at: ctx.now.toISOString(), summary: clip(summary), details };
  return { ...task, history: [...task.history, entry] };
}

/** Refuse the action that would take an array past its bound, so a saved state always parses. */
function bound(count: number, limit: number): void {
  if (count > limit) throw new AppError('task_limit_reached', { limit });
}

const vi = formatDateVi;
const key = (a: Pick<TaskAssignment, 'unitId' | 'userId'>): string => (a.unitId ?? a.userId) as string;
const nameOf = (org: OrgView, a: Pick<TaskAssignment, 'unitId' | 'userId'>): string => (a.userId !== null ? userName(org, a.userId) : unitName(org, a.unitId));
const withNote = (text: string, note: string): string => (note ? `${text}: ${note}` : text);

function describeDeadline(deadline: string, rule: Task['deadlineRule']): string {
  return rule ? `hạn ${vi(deadline)} (${rule.workingDays} ngày làm việc)` : `hạn ${vi(deadline)}`;
}

/** The error for a mutation the task's status does not allow. */
function stateError(status: TaskStatus): AppError {
  switch (status) {
    case 'done':
      return new AppError('task_done');
    case 'pending_acceptance':
      return new AppError('task_awaiting_acceptance');
    case 'returned':
      return new AppError('task_returned');
    default:
      return new AppError('task_not_completed');
  }
}

const NOT_DONE: readonly TaskStatus[] = ['open', 'in_progress', 'pending_acceptance', 'returned'];
/** The statuses each mutation may be applied in (markRead: any). */
const ALLOWED_IN: Record<Exclude<TaskMutationName, 'tasks.create' | 'tasks.markRead'>, readonly TaskStatus[]> = {
  'tasks.update': NOT_DONE,
  'tasks.reassign': TASK_WORKING_STATUSES,
  'tasks.revokeAssignment': NOT_DONE,
  'tasks.report': TASK_WORKING_STATUSES,
  'tasks.requestExtension': TASK_WORKING_STATUSES,
  // Approving after completion is allowed on purpose: the assigner may accept a late request late.
  'tasks.decideExtension': NOT_DONE,
  'tasks.return': TASK_WORKING_STATUSES,
  'tasks.complete': TASK_WORKING_STATUSES,
  'tasks.accept': ['pending_acceptance'],
  'tasks.sendBack': ['pending_acceptance', 'returned'],
  'tasks.chase': TASK_WORKING_STATUSES,
};

/** A deadline is on or after the start, and not in the past (Vietnam date of the action). */
function checkDeadline(startDate: string, deadline: string, ctx: RuleContext): void {
  if (deadline < startDate) throw new AppError('task_deadline_before_start', { deadline: vi(deadline), start: vi(startDate) });
  if (deadline < vnToday(ctx.now)) throw new AppError('deadline_invalid');
}

/** A unit of the task's agency or an active person of it. */
function checkAssignee(org: OrgView, agencyId: string, a: Pick<NewTaskAssignee, 'unitId' | 'userId'>): void {
  const ok =
    (a.unitId !== null && org.units.some((u) => u.id === a.unitId && u.agencyId === agencyId)) ||
    (a.userId !== null && org.users.some((u) => u.id === a.userId && u.active && u.agencyId === agencyId));
  if (!ok) throw new AppError('assignee_invalid');
}

/**
 * New assignments by the assigner (top level): valid, each id new, each unit or person once
 * among the active top-level assignments. `taken` holds the keys already in use.
 */
function newTopLevel(task: Pick<Task, 'assignments' | 'agencyId'>, list: readonly { n: NewTaskAssignee; role: TaskAssignmentRole }[], taken: Set<string>, ctx: RuleContext): TaskAssignment[] {
  const ids = new Set(task.assignments.map((a) => a.id));
  const out: TaskAssignment[] = [];
  for (const { n, role } of list) {
    if (ids.has(n.id)) throw new AppError('bad_request');
    ids.add(n.id);
    checkAssignee(ctx.org, task.agencyId, n);
    const k = key(n);
    if (taken.has(k)) throw new AppError('duplicate_assignee');
    taken.add(k);
    out.push({ id: n.id, role, unitId: n.unitId, userId: n.userId, parentId: null, deadline: null, assignedBy: ctx.actor.id, assignedAt: ctx.now.toISOString(), status: 'active', note: n.note });
  }
  return out;
}

/** The assignment and everything handed down below it. */
function withDescendants(assignments: readonly TaskAssignment[], rootId: string): Set<string> {
  const gone = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of assignments) if (a.parentId !== null && gone.has(a.parentId) && !gone.has(a.id)) (gone.add(a.id), (grew = true));
  }
  return gone;
}

function revokeAll(assignments: readonly TaskAssignment[], gone: ReadonlySet<string>): TaskAssignment[] {
  return assignments.map((a) => (gone.has(a.id) && a.status === 'active' ? { ...a, status: 'revoked' as const } : a));
}

function describeOthers(org: OrgView, created: readonly TaskAssignment[]): string {
  const parts: string[] = [];
  for (const role of ['cooperate', 'info'] as const) {
    const names = created.filter((a) => a.role === role).map((a) => nameOf(org, a));
    if (names.length > 0) parts.push(`${TASK_ROLE_LABELS[role].vi.toLowerCase()}: ${names.join(', ')}`);
  }
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// tasks.create

/** A new task (or sub-task) as a leader gives it. `current` must be null (the record is new). */
export function createTask(current: Task | null, args: CreateTaskArgs, ctx: RuleContext, facts: CreateTaskFacts | undefined): Task {
  if (current !== null) throw new AppError('task_exists');
  const { actor, org } = ctx;
  if (!canCreateTask(actor)) throw new AppError('task_not_leader');
  const { deadline, deadlineRule } = resolveTaskDeadline(args.startDate, args.deadline, taskCalendar(ctx));
  checkDeadline(args.startDate, deadline, ctx);
  if (args.parentId !== null) {
    const parent = facts?.parent ?? null;
    if (parent === null || parent.id !== args.parentId || parent.agencyId !== actor.agencyId || !canSeeTask(parent, actor, org)) throw new AppError('task_parent_not_found');
    if (!TASK_WORKING_STATUSES.includes(parent.status)) throw stateError(parent.status);
    if (!isMainHandler(parent, actor)) throw new AppError('task_not_parent_handler');
    if (deadline > parent.deadline) throw new AppError('task_deadline_outside_parent', { deadline: vi(deadline), parent: vi(parent.deadline) });
  }
  const at = ctx.now.toISOString();
  let task: Task = {
    id: args.taskId,
    agencyId: actor.agencyId,
    parentId: args.parentId,
    source: args.source,
    title: args.title,
    description: args.description,
    priority: args.priority,
    files: args.files,
    startDate: args.startDate,
    deadline,
    deadlineRule,
    assignedBy: actor.id,
    createdAt: at,
    status: 'open',
    percent: 0,
    assignments: [],
    reports: [],
    extensions: [],
    result: null,
    evaluation: null,
    chases: [],
    history: [],
    readAt: null,
    updatedAt: (ctx.appliedAt ?? ctx.now).toISOString(),
    version: 1,
  };
  const list = [{ n: args.main, role: 'main' as const }, ...args.cooperate.map((n) => ({ n, role: 'cooperate' as const })), ...args.info.map((n) => ({ n, role: 'info' as const }))];
  const assignments = newTopLevel(task, list, new Set(), ctx);
  task = { ...task, assignments };
  const others = describeOthers(org, assignments);
  const what = args.parentId !== null ? 'Giao việc con' : 'Giao việc';
  const summary = `${what} cho ${nameOf(org, assignments[0]!)}, ${describeDeadline(deadline, deadlineRule)}${others ? `; ${others}` : ''}`;
  return withHistory(task, ctx, 'created', summary, { assignmentIds: assignments.map((a) => a.id), deadline, ...(args.source ? { source: args.source } : {}) });
}

// ---------------------------------------------------------------------------------------------
// The mutations on an existing task

type Args<N extends TaskMutationName> = TaskMutationArgs<N>;

function update(task: Task, args: Args<'tasks.update'>, ctx: RuleContext): Task {
  const { actor, org } = ctx;
  if (!managesTask(task, actor, org.units)) throw new AppError('task_not_manager');
  let next: Task = { ...task };
  const changes: string[] = [];
  if (args.title !== undefined && args.title !== task.title) (next.title = args.title), changes.push(`tên: ${args.title}`);
  if (args.description !== undefined && args.description !== task.description) (next.description = args.description), changes.push('nội dung');
  if (args.priority !== undefined && args.priority !== task.priority) (next.priority = args.priority), changes.push(`độ ưu tiên: ${TASK_PRIORITY_LABELS[args.priority].vi}`);
  if (args.deadline !== undefined) {
    // A sub-task's new date is not checked against its parent's here (the parent is not among
    // this mutation's facts); its assigner is the parent's handler, who answers for both.
    const { deadline, deadlineRule } = resolveTaskDeadline(task.startDate, args.deadline, taskCalendar(ctx));
    if (deadline !== task.deadline || JSON.stringify(deadlineRule) !== JSON.stringify(task.deadlineRule)) {
      checkDeadline(task.startDate, deadline, ctx);
      next.deadline = deadline;
      next.deadlineRule = deadlineRule;
      changes.push(describeDeadline(deadline, deadlineRule));
    }
  }
  if (changes.length > 0) next = withHistory(next, ctx, 'updated', `Sửa công việc — ${changes.join('; ')}`, {});

  // Another main handler: the current one (and all it handed down) is revoked, and so is the new
  // one's current top-level role, if any (a co-operator becomes the lead).
  let assignments = next.assignments;
  const replaced: TaskAssignment[] = [];
  if (args.main !== undefined) {
    const old = mainAssignment(next);
    if (old !== null && key(old) === key(args.main)) throw new AppError('duplicate_assignee');
    const previousRole = next.assignments.find((a) => a.parentId === null && a.status === 'active' && key(a) === key(args.main!));
    for (const a of [old, previousRole]) if (a) (assignments = revokeAll(assignments, withDescendants(assignments, a.id))), replaced.push(a);
  }
  const taken = new Set(assignments.filter((a) => a.parentId === null && a.status !== 'revoked').map(key));
  const list = [
    ...(args.main !== undefined ? [{ n: args.main, role: 'main' as const }] : []),
    ...args.addCooperate.map((n) => ({ n, role: 'cooperate' as const })),
    ...args.addInfo.map((n) => ({ n, role: 'info' as const })),
  ];
  const created = newTopLevel({ ...next, assignments }, list, taken, ctx);
  if (created.length > 0) {
    bound(assignments.length + created.length, TASK_LIMITS.assignments);
    next = { ...next, assignments: [...assignments, ...created] };
    const newMain = created.find((a) => a.role === 'main');
    const parts = [newMain ? `Giao lại cho ${nameOf(org, newMain)} chủ trì` : '', describeOthers(org, created)].filter(Boolean);
    // Given to a new main handler, a returned (or completed, not yet accepted) task starts
    // again: the earlier result was someone else's.
    if (newMain && !TASK_WORKING_STATUSES.includes(next.status)) next = { ...next, status: 'open', result: null };
    next = withHistory(next, ctx, 'assigned', parts.join('; ').replace(/^./u, (c) => c.toUpperCase()), {
      assignmentIds: created.map((a) => a.id),
      revokedIds: replaced.map((a) => a.id),
    });
  }
  return next;
}

function reassign(task: Task, args: Args<'tasks.reassign'>, ctx: RuleContext): Task {
  const { actor, org } = ctx;
  const parent = task.assignments.find((a) => a.id === args.parentAssignmentId);
  if (!parent) throw new AppError('assignment_not_found');
  if (parent.status !== 'active') throw new AppError('assignment_inactive');
  if (parent.unitId === null || !leadsUnit(actor, parent.unitId)) throw new AppError('not_unit_leader');
  const members = unitSubtree(parent.unitId, org.units);
  const limit = taskAssignmentDeadline(task, parent);
  const siblings = task.assignments.filter((a) => a.parentId === parent.id && a.status === 'active');
  const seen = new Set(siblings.map((a) => a.userId));
  const ids = new Set(task.assignments.map((a) => a.id));
  let mains = siblings.filter((a) => a.role === 'main').length;
  const created: TaskAssignment[] = [];
  for (const n of args.assignments) {
    if (ids.has(n.id)) throw new AppError('bad_request');
    ids.add(n.id);
    const user = org.users.find((u) => u.id === n.userId && u.active && u.agencyId === task.agencyId);
    if (!user) throw new AppError('assignee_invalid');
    if (!members.has(user.unitId)) throw new AppError('assignee_outside_unit');
    if (seen.has(n.userId)) throw new AppError('duplicate_assignee');
    seen.add(n.userId);
    if (!canHandDownTask(parent, n.role)) throw new AppError('assignee_invalid');
    if (n.deadline !== null) {
      if (n.deadline > limit) throw new AppError('task_handdown_deadline_late', { deadline: vi(n.deadline), limit: vi(limit) });
      if (n.deadline < vnToday(ctx.now)) throw new AppError('deadline_invalid');
    }
    if (n.role === 'main') mains += 1;
    created.push({ id: n.id, role: n.role, unitId: null, userId: n.userId, parentId: parent.id, deadline: n.deadline, assignedBy: actor.id, assignedAt: ctx.now.toISOString(), status: 'active', note: n.note });
  }
  if (mains > 1) throw new AppError('main_handler_exists');
  bound(task.assignments.length + created.length, TASK_LIMITS.assignments);
  const describe = (a: TaskAssignment): string => `${TASK_ROLE_LABELS[a.role].vi}: ${nameOf(org, a)}${a.deadline ? ` (hạn ${vi(a.deadline)})` : ''}`;
  return withHistory({ ...task, assignments: [...task.assignments, ...created] }, ctx, 'reassigned', `${unitName(org, parent.unitId)} giao lại — ${created.map(describe).join('; ')}`, {
    parentAssignmentId: parent.id,
    assignmentIds: created.map((a) => a.id),
  });
}

function revoke(task: Task, args: Args<'tasks.revokeAssignment'>, ctx: RuleContext): Task {
  const target = task.assignments.find((a) => a.id === args.assignmentId);
  if (!target) throw new AppError('assignment_not_found');
  if (target.status !== 'active') throw new AppError('assignment_inactive');
  if (target.parentId === null && target.role === 'main') throw new AppError('task_main_required');
  if (!canRevokeTaskAssignment(task, ctx.actor, target, ctx.org.units)) throw new AppError('forbidden');
  const gone = withDescendants(task.assignments, target.id);
  const summary = `Thu hồi phân công ${TASK_ROLE_LABELS[target.role].vi.toLowerCase()}: ${nameOf(ctx.org, target)}${args.reason ? ` — lý do: ${args.reason}` : ''}`;
  return withHistory({ ...task, assignments: revokeAll(task.assignments, gone) }, ctx, 'assignment_revoked', summary, { assignmentIds: [...gone], reason: args.reason });
}

function report(task: Task, args: Args<'tasks.report'>, ctx: RuleContext): Task {
  const main = isMainHandler(task, ctx.actor);
  if (args.kind === 'progress' && !main) throw new AppError('task_not_main_handler');
  if (args.kind === 'contribution' && !main && !isCooperator(task, ctx.actor)) throw new AppError('task_not_handler');
  if (task.reports.some((r) => r.id === args.reportId)) throw new AppError('bad_request');
  bound(task.reports.length + 1, TASK_LIMITS.reports);
  const entry = { id: args.reportId, authorId: ctx.actor.id, kind: args.kind, percent: args.percent, note: args.note, files: args.files, createdAt: ctx.now.toISOString() };
  const next: Task = { ...task, reports: [...task.reports, entry], status: 'in_progress', percent: args.percent ?? task.percent };
  const summary =
    args.kind === 'progress'
      ? withNote(`Báo cáo tiến độ${args.percent !== null ? ` ${args.percent}%` : ''}`, args.note)
      : withNote('Báo cáo phần phối hợp', args.note);
  return withHistory(next, ctx, args.kind, summary, { reportId: args.reportId, ...(args.percent !== null ? { percent: args.percent } : {}) });
}

function requestExtension(task: Task, args: Args<'tasks.requestExtension'>, ctx: RuleContext): Task {
  if (!isMainHandler(task, ctx.actor)) throw new AppError('task_not_main_handler');
  if (pendingExtension(task)) throw new AppError('extension_pending');
  if (task.extensions.some((e) => e.id === args.extensionId)) throw new AppError('bad_request');
  if (args.newDeadline <= task.deadline) throw new AppError('extension_not_later', { date: vi(args.newDeadline), deadline: vi(task.deadline) });
  if (args.newDeadline < vnToday(ctx.now)) throw new AppError('deadline_invalid');
  bound(task.extensions.length + 1, TASK_LIMITS.extensions);
  const ext = {
    id: args.extensionId,
    requestedBy: ctx.actor.id,
    requestedAt: ctx.now.toISOString(),
    previousDeadline: task.deadline,
    newDeadline: args.newDeadline,
    reason: args.reason,
    status: 'pending' as const,
    decidedBy: null,
    decidedAt: null,
    decisionNote: '',
  };
  return withHistory({ ...task, extensions: [...task.extensions, ext] }, ctx, 'extension_requested', `Đề nghị gia hạn từ ${vi(task.deadline)} đến ${vi(args.newDeadline)}: ${args.reason}`, {
    extensionId: args.extensionId,
  });
}

function decideExtension(task: Task, args: Args<'tasks.decideExtension'>, ctx: RuleContext): Task {
  if (!managesTask(task, ctx.actor, ctx.org.units)) throw new AppError('task_not_manager');
  const ext = task.extensions.find((e) => e.id === args.extensionId);
  if (!ext) throw new AppError('extension_not_found');
  if (ext.status !== 'pending') throw new AppError('extension_not_pending');
  const decided = { ...ext, status: args.approve ? ('approved' as const) : ('refused' as const), decidedBy: ctx.actor.id, decidedAt: ctx.now.toISOString(), decisionNote: args.note };
  const extensions = task.extensions.map((e) => (e.id === ext.id ? decided : e));
  if (!args.approve) return withHistory({ ...task, extensions }, ctx, 'extension_refused', withNote(`Không đồng ý gia hạn đến ${vi(ext.newDeadline)}`, args.note), { extensionId: ext.id });
  // The deadline moves; the rule ("N ngày làm việc") no longer describes it.
  const next: Task = { ...task, extensions, deadline: ext.newDeadline, deadlineRule: null };
  return withHistory(next, ctx, 'extension_approved', withNote(`Đồng ý gia hạn từ ${vi(task.deadline)} đến ${vi(ext.newDeadline)}`, args.note), {
    extensionId: ext.id,
    previousDeadline: task.deadline,
    deadline: ext.newDeadline,
  });
}

function returnTask(task: Task, args: Args<'tasks.return'>, ctx: RuleContext): Task {
  if (!isMainHandler(task, ctx.actor)) throw new AppError('task_not_main_handler');
  return withHistory({ ...task, status: 'returned' }, ctx, 'returned', `Trả lại công việc: ${args.reason}`, { reason: args.reason });
}

function complete(task: Task, args: Args<'tasks.complete'>, ctx: RuleContext): Task {
  if (!isMainHandler(task, ctx.actor)) throw new AppError('task_not_main_handler');
  const result = { note: args.note, files: args.files, at: ctx.now.toISOString(), by: ctx.actor.id };
  return withHistory({ ...task, result, percent: 100, status: 'pending_acceptance' }, ctx, 'completed', withNote('Báo cáo hoàn thành', args.note), {});
}

/** On time: the result's Vietnam date is on or before the deadline in force when it is accepted. */
export function deliveredOnTime(task: Pick<Task, 'deadline'>, resultAt: string): boolean {
  return vnToday(new Date(resultAt)) <= task.deadline;
}

function accept(task: Task, args: Args<'tasks.accept'>, ctx: RuleContext): Task {
  if (!managesTask(task, ctx.actor, ctx.org.units)) throw new AppError('task_not_manager');
  if (task.result === null) throw new AppError('task_not_completed');
  const onTime = deliveredOnTime(task, task.result.at);
  const evaluation = { onTime, quality: args.quality, comment: args.comment, by: ctx.actor.id, at: ctx.now.toISOString() };
  const assignments = task.assignments.map((a) => (a.status === 'active' ? { ...a, status: 'done' as const } : a));
  const summary = withNote(`Nghiệm thu: ${onTime ? 'đúng hạn' : 'trễ hạn'}, chất lượng ${args.quality}/5`, args.comment);
  return withHistory({ ...task, assignments, evaluation, status: 'done' }, ctx, 'accepted', summary, { onTime, quality: args.quality });
}

function sendBack(task: Task, args: Args<'tasks.sendBack'>, ctx: RuleContext): Task {
  if (!managesTask(task, ctx.actor, ctx.org.units)) throw new AppError('task_not_manager');
  const what = task.status === 'returned' ? 'Không chấp nhận trả lại, yêu cầu tiếp tục thực hiện' : 'Yêu cầu làm lại';
  return withHistory({ ...task, status: 'in_progress', result: null }, ctx, 'sent_back', `${what}: ${args.reason}`, { reason: args.reason });
}

function chase(task: Task, args: Args<'tasks.chase'>, ctx: RuleContext): Task {
  if (!managesTask(task, ctx.actor, ctx.org.units)) throw new AppError('task_not_manager');
  if (task.chases.some((c) => c.id === args.chaseId)) throw new AppError('bad_request');
  bound(task.chases.length + 1, TASK_LIMITS.chases);
  const entry = { id: args.chaseId, by: ctx.actor.id, at: ctx.now.toISOString(), message: args.message };
  return withHistory({ ...task, chases: [...task.chases, entry] }, ctx, 'chased', `Đôn đốc: ${args.message}`, { chaseId: args.chaseId });
}

/**
 * Check a mutation on an existing task against the rules and return the task after it, or
 * throw AppError. A task the actor may not see is "not found", as for documents.
 */
export function applyTaskMutation(current: Task | null, m: Exclude<TaskMutation, { name: 'tasks.create' }>, ctx: RuleContext): Task {
  if (current === null || !canSeeTask(current, ctx.actor, ctx.org)) throw new AppError('task_not_found');
  // Per-user, like incoming.markRead: the server keeps it in record_reads; no new version.
  if (m.name === 'tasks.markRead') return current.readAt ? current : { ...current, readAt: ctx.now.toISOString() };
  if (!ALLOWED_IN[m.name].includes(current.status)) throw stateError(current.status);
  let next: Task;
  switch (m.name) {
    case 'tasks.update':
      next = update(current, m.args, ctx);
      break;
    case 'tasks.reassign':
      next = reassign(current, m.args, ctx);
      break;
    case 'tasks.revokeAssignment':
      next = revoke(current, m.args, ctx);
      break;
    case 'tasks.report':
      next = report(current, m.args, ctx);
      break;
    case 'tasks.requestExtension':
      next = requestExtension(current, m.args, ctx);
      break;
    case 'tasks.decideExtension':
      next = decideExtension(current, m.args, ctx);
      break;
    case 'tasks.return':
      next = returnTask(current, m.args, ctx);
      break;
    case 'tasks.complete':
      next = complete(current, m.args, ctx);
      break;
    case 'tasks.accept':
      next = accept(current, m.args, ctx);
      break;
    case 'tasks.sendBack':
      next = sendBack(current, m.args, ctx);
      break;
    case 'tasks.chase':
      next = chase(current, m.args, ctx);
      break;
  }
  return { ...next, updatedAt: (ctx.appliedAt ?? ctx.now).toISOString(), version: current.version + 1 };
}
