/**
 * "Who sees this task, and what may they do with it?" — the one place that answers it
 * for tasks (docs/decisions.md §24; docs/generic-sync-plan.md §5 "Visibility").
 *
 * The server writes record_access from taskAccessUserIds; the core filters and offers
 * actions with the same functions; the rules (rules.ts) refuse with them. The renderer
 * imports this module, so it stays pure and free of zod: type-only imports of the models.
 */
import type { UserSummary } from '../model/organisation.js';
import { isAgencyLeader, leadsUnit, type OrgView } from '../domain/org.js';
import { addWorkingDays, VIETNAM_CALENDAR, type WorkingCalendar } from '../domain/workingDays.js';
import { vnToday } from '../text/vietnamese.js';
import { TASK_LIMITS, type TaskMutationName } from './constants.js';
import type { DeadlineRule, Task, TaskAssignment, TaskAssignmentRole, TaskStatus } from './model.js';

/** What the rights need to know of a user. */
export type TaskUser = Pick<UserSummary, 'id' | 'role' | 'unitId' | 'agencyId'>;
type Units = OrgView['units'];

/** The statuses in which the handlers work on the task (report, hand down, ask for time, return, complete). */
export const TASK_WORKING_STATUSES: readonly TaskStatus[] = ['open', 'in_progress'];
const isWorking = (t: Pick<Task, 'status'>): boolean => TASK_WORKING_STATUSES.includes(t.status);

// ---------------------------------------------------------------------------------------------
// Visibility

/**
 * Everyone who may see the task: the assigner, every person of a non-revoked assignment,
 * the active leaders of every non-revoked assigned unit, and the active agency leaders of
 * the task's agency. Nobody else: a linked document grants nothing, and (until the product
 * decides otherwise) a parent task's assigner does not see its sub-tasks.
 */
export function taskAccessUserIds(task: Pick<Task, 'agencyId' | 'assignedBy' | 'assignments'>, org: OrgView): Set<string> {
  const ids = new Set<string>([task.assignedBy]);
  for (const u of org.users) if (u.active && u.agencyId === task.agencyId && isAgencyLeader(u, org.units)) ids.add(u.id);
  const units = new Set<string>();
  for (const a of task.assignments) {
    if (a.status === 'revoked') continue;
    if (a.userId !== null) ids.add(a.userId);
    if (a.unitId !== null) units.add(a.unitId);
  }
  if (units.size > 0) for (const u of org.users) if (u.active && u.role === 'leader' && units.has(u.unitId)) ids.add(u.id);
  return ids;
}

export function canSeeTask(task: Pick<Task, 'agencyId' | 'assignedBy' | 'assignments'>, user: Pick<UserSummary, 'id'>, org: OrgView): boolean {
  return taskAccessUserIds(task, org).has(user.id);
}

// ---------------------------------------------------------------------------------------------
// Roles

/** Assignments (not revoked unless asked) that concern `user`: to them personally, or to a unit they lead. */
export function taskAssignmentsOf(task: Pick<Task, 'assignments'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>, includeRevoked = false): TaskAssignment[] {
  return task.assignments.filter((a) => (includeRevoked || a.status !== 'revoked') && (a.userId === user.id || leadsUnit(user, a.unitId)));
}

/** The agency's leaders oversee every task of their agency. */
export function oversees(task: Pick<Task, 'agencyId'>, user: TaskUser, units: Units): boolean {
  return user.agencyId === task.agencyId && isAgencyLeader(user, units);
}

/** The assigner, or an agency leader standing in for them: edits, decides extensions, accepts, sends back, chases. */
export function managesTask(task: Pick<Task, 'agencyId' | 'assignedBy'>, user: TaskUser, units: Units): boolean {
  return task.assignedBy === user.id || oversees(task, user, units);
}

/** The main handler: holds the active main assignment personally (given or handed down), or leads the unit that does. */
export function isMainHandler(task: Pick<Task, 'assignments'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>): boolean {
  return taskAssignmentsOf(task, user).some((a) => a.role === 'main' && a.status === 'active');
}

/** A co-operator (personally or as the unit's leader), who adds contributions. */
export function isCooperator(task: Pick<Task, 'assignments'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>): boolean {
  return taskAssignmentsOf(task, user).some((a) => a.role === 'cooperate' && a.status === 'active');
}

/** The top-level (assigner-given) main assignment in force. */
export function mainAssignment(task: Pick<Task, 'assignments'>): TaskAssignment | null {
  return task.assignments.find((a) => a.parentId === null && a.role === 'main' && a.status !== 'revoked') ?? null;
}

export type TaskRole = 'assigner' | TaskAssignmentRole | 'oversight';
const ROLE_ORDER: readonly TaskRole[] = ['assigner', 'main', 'cooperate', 'info', 'oversight'];

/**
 * Every role the user holds on the task, in the order assigner, main, cooperate, info,
 * oversight (an agency leader's view over the whole agency; given even when another role
 * applies, so a list can choose). Empty when the user may not see the task.
 */
export function myTaskRoles(task: Pick<Task, 'agencyId' | 'assignedBy' | 'assignments'>, user: TaskUser, org: OrgView): TaskRole[] {
  // An inactive leader still "leads" their unit in the org tree, but sees nothing.
  if (!canSeeTask(task, user, org)) return [];
  const roles = new Set<TaskRole>();
  if (task.assignedBy === user.id) roles.add('assigner');
  for (const a of taskAssignmentsOf(task, user)) roles.add(a.role);
  if (oversees(task, user, org.units)) roles.add('oversight');
  return ROLE_ORDER.filter((r) => roles.has(r));
}

/** The user's strongest handler role (main > cooperate > info), or null: the lists "Việc của tôi", "Phối hợp", "Theo dõi". */
export function myHandlerRole(task: Pick<Task, 'assignments'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>): TaskAssignmentRole | null {
  const mine = new Set(taskAssignmentsOf(task, user).map((a) => a.role));
  return mine.has('main') ? 'main' : mine.has('cooperate') ? 'cooperate' : mine.has('info') ? 'info' : null;
}

// ---------------------------------------------------------------------------------------------
// What each may do

/** Leaders give tasks (a leader of the agency or of a unit). */
export function canCreateTask(user: Pick<UserSummary, 'role'> & Partial<Pick<UserSummary, 'active'>>): boolean {
  return user.role === 'leader' && user.active !== false;
}

/** A sub-task is given by the parent's main handler, while the parent is being worked on. */
export function canCreateSubtask(parent: Pick<Task, 'assignments' | 'status'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>): boolean {
  return canCreateTask(user) && isWorking(parent) && isMainHandler(parent, user);
}

const ROLE_RANK: Record<TaskAssignmentRole, number> = { main: 3, cooperate: 2, info: 1 };

/** A person handed the work inside a unit never holds a stronger role than the unit itself. */
export function canHandDownTask(parent: Pick<TaskAssignment, 'role'>, role: TaskAssignmentRole): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[parent.role];
}

/** The unit assignments `user` may hand down inside their unit: active, to a unit they lead, while the task is worked on. */
export function reassignableTaskAssignments(task: Pick<Task, 'assignments' | 'status'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>): TaskAssignment[] {
  if (!isWorking(task)) return [];
  return taskAssignmentsOf(task, user).filter((a) => a.status === 'active' && a.unitId !== null);
}

/**
 * Whoever made an active assignment may revoke it, and the task's managers any — but not the
 * assigner's own main assignment: a task always has a main handler, so it is replaced through
 * tasks.update (`main`), which revokes the old one in the same step.
 */
export function canRevokeTaskAssignment(task: Pick<Task, 'agencyId' | 'assignedBy' | 'status'>, user: TaskUser, a: TaskAssignment, units: Units): boolean {
  if (task.status === 'done' || a.status !== 'active') return false;
  if (a.parentId === null && a.role === 'main') return false;
  return a.assignedBy === user.id || managesTask(task, user, units);
}

export function pendingExtension(task: Pick<Task, 'extensions'>): Task['extensions'][number] | null {
  return task.extensions.find((e) => e.status === 'pending') ?? null;
}

/**
 * The actions the UI offers the user on this task (mutation names). 'tasks.create' here means
 * "create a sub-task of it"; canCreateTask says whether to offer a new task at all. The rules
 * refuse exactly what is not offered here, bounds (task_limit_reached) apart.
 */
export function allowedTaskActions(task: Task, user: TaskUser, org: OrgView): Set<TaskMutationName> {
  const out = new Set<TaskMutationName>();
  if (!canSeeTask(task, user, org)) return out;
  out.add('tasks.markRead');
  if (task.status === 'done') return out;
  const manager = managesTask(task, user, org.units);
  const main = isMainHandler(task, user);
  const working = isWorking(task);
  if (manager) {
    out.add('tasks.update');
    if (pendingExtension(task)) out.add('tasks.decideExtension');
    if (task.status === 'pending_acceptance') out.add('tasks.accept');
    if (task.status === 'pending_acceptance' || task.status === 'returned') out.add('tasks.sendBack');
    if (working && task.chases.length < TASK_LIMITS.chases) out.add('tasks.chase');
  }
  if (canCreateSubtask(task, user)) out.add('tasks.create');
  if (reassignableTaskAssignments(task, user).length > 0) out.add('tasks.reassign');
  if (task.assignments.some((a) => canRevokeTaskAssignment(task, user, a, org.units))) out.add('tasks.revokeAssignment');
  if (working && (main || isCooperator(task, user))) out.add('tasks.report');
  if (working && main) {
    if (!pendingExtension(task) && task.extensions.length < TASK_LIMITS.extensions) out.add('tasks.requestExtension');
    out.add('tasks.return');
    out.add('tasks.complete');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/** How a deadline is given: a date, or "within N working days" of the start date. */
export type TaskDeadlineSpec = { readonly date: string } | { readonly workingDays: number };

/**
 * The date a deadline spec gives: {workingDays: n} is the n-th working day after the start
 * (addWorkingDays, so Tết and weekends are skipped); the rule is kept for display only, and a
 * later change of the calendar never moves a stored deadline.
 */
export function resolveTaskDeadline(startDate: string, spec: TaskDeadlineSpec, calendar: WorkingCalendar = VIETNAM_CALENDAR): { deadline: string; deadlineRule: DeadlineRule | null } {
  if ('date' in spec) return { deadline: spec.date, deadlineRule: null };
  return { deadline: addWorkingDays(startDate, spec.workingDays, calendar), deadlineRule: { workingDays: spec.workingDays } };
}

/**
 * The date that applies to an assignment: its own (a hand-down may carry an earlier one),
 * never later than its parent's, and the task's at the top.
 */
export function taskAssignmentDeadline(task: Pick<Task, 'assignments' | 'deadline'>, a: Pick<TaskAssignment, 'deadline' | 'parentId'>): string {
  const parent = a.parentId === null ? null : task.assignments.find((p) => p.id === a.parentId);
  const above = parent ? taskAssignmentDeadline(task, parent) : task.deadline;
  return a.deadline !== null && a.deadline < above ? a.deadline : above;
}

/**
 * Overdue is derived, never stored: the deadline (Vietnam date) has passed and the handler has
 * not delivered. A task awaiting acceptance is not overdue: the handler did their part, and
 * the wait is the assigner's. A returned task is (nobody is doing it).
 */
export function isTaskOverdue(task: Pick<Task, 'status' | 'deadline'>, now: Date): boolean {
  return task.status !== 'done' && task.status !== 'pending_acceptance' && task.deadline < vnToday(now);
}

/** "Sắp đến hạn": not delivered, not yet overdue, due within `days` working days of today. */
export function isTaskDueSoon(task: Pick<Task, 'status' | 'deadline'>, now: Date, days = 3, calendar: WorkingCalendar = VIETNAM_CALENDAR): boolean {
  if (task.status === 'done' || task.status === 'pending_acceptance') return false;
  const today = vnToday(now);
  return task.deadline >= today && task.deadline <= addWorkingDays(today, days, calendar);
}

/** One row of record_deadlines (generic-sync-plan §5): what the dashboard counts. */
export interface TaskDeadlineFacts {
  /** The main unit, or the unit of the main person (when the organisation is given). */
  readonly unitId: string | null;
  /** The main person: the one given the task, else the one the main unit handed it to. */
  readonly userId: string | null;
  readonly deadline: string;
  /** The Vietnam date the handler delivered, or null while not delivered. */
  readonly doneOn: string | null;
}

/**
 * The dashboard's facts for a task. A task counts as done on the date of its result, from the
 * moment the handler completes it — awaiting acceptance included. Why: the dashboard measures
 * whether the work was delivered by its deadline (the seed's "handled on time"), and the
 * assigner's delay in accepting must not turn work delivered on time into "overdue"; it also
 * agrees with isTaskOverdue and the "Quá hạn" list. A send-back clears the result, so the task
 * returns to "open" in the figures, which is the truth: it is being reworked. When it is
 * accepted, the date stays the result's (evaluation.onTime is computed on the same date).
 */
export function taskDeadlineFacts(task: Pick<Task, 'assignments' | 'deadline' | 'status' | 'result'>, org?: Pick<OrgView, 'users'>): TaskDeadlineFacts {
  const main = mainAssignment(task);
  let unitId = main?.unitId ?? null;
  let userId = main?.userId ?? null;
  if (main !== null && userId === null) {
    const handedDown = task.assignments.find((a) => a.parentId === main.id && a.role === 'main' && a.status !== 'revoked');
    userId = handedDown?.userId ?? null;
  }
  if (unitId === null && userId !== null && org) unitId = org.users.find((u) => u.id === userId)?.unitId ?? null;
  const delivered = (task.status === 'pending_acceptance' || task.status === 'done') && task.result !== null ? task.result : null;
  return { unitId, userId, deadline: task.deadline, doneOn: delivered ? vnToday(new Date(delivered.at)) : null };
}
