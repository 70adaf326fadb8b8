/**
 * The task lists of the "Công việc" screen (TASK_LISTS in shared/tasks/constants.ts) as
 * the cache answers them: the row a task becomes for the signed-in user, each list's
 * condition twice — as SQL for the stored rows and as a predicate for rows computed in
 * memory (a task with pending changes, a local creation) — and the keyset of its order.
 *
 * The two forms must agree; test/core/taskStore.test.ts checks them against each other.
 */
import { AppError, vnToday } from '../../../shared/index.js';
import { unitSubtree, type OrgView } from '../../../shared/domain/org.js';
import { addWorkingDays, VIETNAM_CALENDAR, type WorkingCalendar } from '../../../shared/domain/workingDays.js';
import {
  DUE_SOON_WORKING_DAYS,
  mainAssignment,
  myHandlerRole,
  oversees,
  taskAssignmentsOf,
  taskDeadlineFacts,
  type Task,
  type TaskAssignmentRole,
  type TaskListName,
  type TaskPriority,
  type TaskStatus,
} from '../../../shared/tasks/index.js';
import type { TaskListItem } from '../../../shared/tasks/rpc.js';
import type { Viewer } from '../sync/kinds.js';

/** The columns of one task, as stored (tasks/schema.ts). */
export interface TaskRow {
  id: string;
  parent_id: string | null;
  source_id: string | null;
  title: string;
  priority: TaskPriority;
  status: TaskStatus;
  created_at: string;
  start_date: string;
  deadline: string;
  percent: number;
  assigned_by: string;
  main_unit_id: string | null;
  main_user_id: string | null;
  my_role: TaskAssignmentRole | null;
  assigned_by_me: number;
  watching: number;
  unit_id: string | null;
  user_id: string | null;
  done_on: string | null;
  unread: number;
}

export const ROW_COLUMNS =
  'id, parent_id, source_id, title, priority, status, created_at, start_date, deadline, percent, assigned_by, main_unit_id, main_user_id, my_role, assigned_by_me, watching, unit_id, user_id, done_on, unread';

/** The handler still owes the work (the lists' "not delivered"); the SQL form is OPEN_SQL. */
const OPEN_STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'returned'];
/** Written exactly as in the partial indexes of tasks/schema.ts, or SQLite will not use them. */
export const OPEN_SQL = `status IN ('open', 'in_progress', 'returned')`;
/**
 * "Đã xong" (delivered: pending acceptance or done). `done_on` is set only for those two
 * statuses (taskDeadlineFacts), so it alone says it, and the count and first page are read
 * off the partial index `tasks_done` without a row: with `status` in the condition SQLite
 * read every delivered row (50,000 tasks: 600 ms for the badge count, on every screen).
 */
const DELIVERED_SQL = `done_on IS NOT NULL`;

export const isOpenStatus = (s: TaskStatus): boolean => OPEN_STATUSES.includes(s);

/** Instants are compared as text, so every one is stored in the same ISO UTC form. */
export function canonicalInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/**
 * The row of a task as `viewer` sees it; the same function serves stored and optimistic
 * tasks. The server sent the task because the viewer may see it, so roles are read from
 * the assignments here rather than checked again against an organisation that may not be
 * loaded yet. Every task in the cache is of the user's agency.
 */
export function taskRowOf(task: Task, viewer: Viewer, org: OrgView | null): TaskRow {
  const main = mainAssignment(task);
  const facts = taskDeadlineFacts(task, org ?? undefined);
  const info = taskAssignmentsOf(task, viewer).some((a) => a.role === 'info');
  const oversight = org !== null && oversees(task, { ...viewer, agencyId: task.agencyId }, org.units);
  return {
    id: task.id,
    parent_id: task.parentId,
    source_id: task.source?.id ?? null,
    title: task.title,
    priority: task.priority,
    status: task.status,
    created_at: canonicalInstant(task.createdAt),
    start_date: task.startDate,
    deadline: task.deadline,
    percent: task.percent,
    assigned_by: task.assignedBy,
    main_unit_id: main?.unitId ?? null,
    main_user_id: main?.userId ?? null,
    my_role: myHandlerRole(task, viewer),
    assigned_by_me: task.assignedBy === viewer.id ? 1 : 0,
    watching: info || oversight ? 1 : 0,
    unit_id: facts.unitId,
    user_id: facts.userId,
    done_on: facts.doneOn,
    unread: task.readAt === null ? 1 : 0,
  };
}

/** What a list's conditions are computed from, once per request. */
export interface ListClock {
  today: string;
  /** The last day of "Sắp đến hạn": DUE_SOON_WORKING_DAYS working days from today. */
  dueSoonBound: string;
}

export function listClock(now: Date, calendar: WorkingCalendar = VIETNAM_CALENDAR): ListClock {
  const today = vnToday(now);
  return { today, dueSoonBound: addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar) };
}

export function rowToItem(r: TaskRow, clock: ListClock, pending: boolean): TaskListItem {
  const open = isOpenStatus(r.status);
  return {
    id: r.id,
    parentId: r.parent_id,
    sourceId: r.source_id,
    title: r.title,
    priority: r.priority,
    status: r.status,
    startDate: r.start_date,
    deadline: r.deadline,
    percent: r.percent,
    assignedBy: r.assigned_by,
    mainUnitId: r.main_unit_id,
    mainUserId: r.main_user_id,
    myRole: r.my_role,
    assignedByMe: r.assigned_by_me === 1,
    createdAt: r.created_at,
    doneOn: r.done_on,
    // As isTaskOverdue / isTaskDueSoon (shared/tasks/rights.ts) answer them.
    overdue: open && r.deadline < clock.today,
    dueSoon: open && r.deadline >= clock.today && r.deadline <= clock.dueSoonBound,
    unread: r.unread === 1,
    pending,
  };
}

/** Does the row belong in the list, before the filters? Mirrors listSql(). */
export function inList(r: TaskRow, list: TaskListName, clock: ListClock): boolean {
  const open = isOpenStatus(r.status);
  const involved = r.my_role === 'main' || r.my_role === 'cooperate' || r.assigned_by_me === 1;
  switch (list) {
    case 'mine':
      return open && r.my_role === 'main';
    case 'assigned':
      return r.assigned_by_me === 1;
    case 'cooperate':
      return open && r.my_role === 'cooperate';
    case 'watching':
      return open && r.watching === 1;
    case 'overdue':
      return open && involved && r.deadline < clock.today;
    case 'due_soon':
      return open && involved && r.deadline >= clock.today && r.deadline <= clock.dueSoonBound;
    case 'done':
      return (r.status === 'pending_acceptance' || r.status === 'done') && r.done_on !== null;
  }
}

/** The list conditions in SQL, over the parameters @today and @dueSoonBound. */
export function listSql(list: TaskListName): string[] {
  const involved = `(my_role IN ('main', 'cooperate') OR assigned_by_me = 1)`;
  switch (list) {
    case 'mine':
      return [OPEN_SQL, `my_role = 'main'`];
    case 'assigned':
      return ['assigned_by_me = 1'];
    case 'cooperate':
      return [OPEN_SQL, `my_role = 'cooperate'`];
    case 'watching':
      return [OPEN_SQL, 'watching = 1'];
    case 'overdue':
      return [OPEN_SQL, 'deadline < @today', involved];
    case 'due_soon':
      return [OPEN_SQL, 'deadline >= @today', 'deadline <= @dueSoonBound', involved];
    case 'done':
      return [DELIVERED_SQL];
  }
}

/** The list screen's filters (ListTasksParams), resolved once per request. */
export interface TaskFilter {
  /** The unit and every unit below it; null: any unit. */
  units: ReadonlySet<string> | null;
  userId: string | null;
  from: string | null;
  to: string | null;
  status: TaskStatus | null;
}

export function resolveFilter(p: { unitId: string | null; userId: string | null; from: string | null; to: string | null; status: TaskStatus | null }, org: OrgView | null): TaskFilter {
  return { units: p.unitId === null ? null : unitSubtree(p.unitId, org?.units ?? []), userId: p.userId, from: p.from, to: p.to, status: p.status };
}

/**
 * By unit: the dashboard's unit of the task (the main unit, or the main person's unit), in
 * the unit's subtree. By person: the main person (given the task, or handed it by the unit).
 * By period: the deadline. Mirrors filterSql().
 */
export function matchesFilter(r: TaskRow, f: TaskFilter): boolean {
  if (f.units !== null && (r.unit_id === null || !f.units.has(r.unit_id))) return false;
  if (f.userId !== null && r.user_id !== f.userId) return false;
  if (f.from !== null && r.deadline < f.from) return false;
  if (f.to !== null && r.deadline > f.to) return false;
  if (f.status !== null && r.status !== f.status) return false;
  return true;
}

export function filterSql(f: TaskFilter, params: Record<string, string | number>): string[] {
  const where: string[] = [];
  if (f.units !== null) {
    where.push('unit_id IN (SELECT value FROM json_each(@units))');
    params.units = JSON.stringify([...f.units]);
  }
  if (f.userId !== null) {
    where.push('user_id = @userId');
    params.userId = f.userId;
  }
  if (f.from !== null) {
    where.push('deadline >= @from');
    params.from = f.from;
  }
  if (f.to !== null) {
    where.push('deadline <= @to');
    params.to = f.to;
  }
  if (f.status !== null) {
    where.push('status = @status');
    params.status = f.status;
  }
  return where;
}

// ── order and keyset ────────────────────────────────────────────────────────

/** Each list's order: open lists by nearest deadline, "Việc tôi giao" newest first, "Đã xong" latest delivered first. */
export interface ListOrder {
  /** The column the list is sorted on, then id in the same direction. */
  column: 'deadline' | 'created_at' | 'done_on';
  desc: boolean;
}

export function orderOf(list: TaskListName): ListOrder {
  if (list === 'assigned') return { column: 'created_at', desc: true };
  if (list === 'done') return { column: 'done_on', desc: true };
  return { column: 'deadline', desc: false };
}

export interface Keyset {
  value: string;
  id: string;
}

export function keyOf(r: TaskRow, order: ListOrder): Keyset {
  return { value: r[order.column] ?? '', id: r.id };
}

/** Negative when `a` comes before `b` in the list. */
export function compareKeys(a: Keyset, b: Keyset, order: ListOrder): number {
  const c = a.value === b.value ? (a.id === b.id ? 0 : a.id < b.id ? -1 : 1) : a.value < b.value ? -1 : 1;
  return order.desc ? -c : c;
}

export function orderSql(order: ListOrder): string {
  const dir = order.desc ? 'DESC' : 'ASC';
  return `${order.column} ${dir}, id ${dir}`;
}

export function afterSql(order: ListOrder): string {
  const op = order.desc ? '<' : '>';
  return `(${order.column} ${op} @afterValue OR (${order.column} = @afterValue AND id ${op} @afterId))`;
}

/** Opaque to the renderer; carries the list so a cursor of another list is refused rather than misread. */
export function encodeKeyset(list: TaskListName, k: Keyset): string {
  return Buffer.from(JSON.stringify([list, k.value, k.id]), 'utf8').toString('base64url');
}

export function decodeKeyset(list: TaskListName, s: string): Keyset {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && v[0] === list && typeof v[1] === 'string' && typeof v[2] === 'string') return { value: v[1], id: v[2] };
  } catch {
    // refused below
  }
  throw new AppError('validation_failed', { details: 'after' });
}
