/**
 * The core's RPC methods for tasks (spread into RPC by shared/rpc/contract.ts): the
 * lists of the "Công việc" screen, one task with what the user may do, and the
 * tasks linked to a document ("Giao việc" links both ways).
 */
import { z } from 'zod';
import { isoDate, isoDateTime, sha256Hex, uuid } from '../model/primitives.js';
import { TASK_LISTS } from './constants.js';
import { Task, TaskAssignmentRole, TaskChase, TaskPriority, TaskStatus } from './model.js';
import { FailedMutation, PendingMutation } from '../sync/records.js';

export const TaskList = z.enum(TASK_LISTS);

/** One row of a task list: only what the list shows. */
export const TaskListItem = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  sourceId: uuid.nullable(),
  title: z.string(),
  priority: TaskPriority,
  status: TaskStatus,
  startDate: isoDate,
  deadline: isoDate,
  percent: z.number().int(),
  assignedBy: uuid,
  /** The main handler: a unit or a person (for the "Người/đơn vị xử lý" column). */
  mainUnitId: uuid.nullable(),
  mainUserId: uuid.nullable(),
  /** The user's strongest handler role, or null (assigner, oversight). */
  myRole: TaskAssignmentRole.nullable(),
  assignedByMe: z.boolean(),
  createdAt: isoDateTime,
  /** The Vietnam date the result was delivered (pending acceptance or done). */
  doneOn: isoDate.nullable(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  unread: z.boolean(),
  pending: z.boolean(),
});
export type TaskListItem = z.infer<typeof TaskListItem>;

export const ListTasksParams = z.object({
  list: TaskList.default('mine'),
  /** Main handler inside this unit (its sub-units included), or this person. */
  unitId: uuid.nullable().default(null),
  userId: uuid.nullable().default(null),
  /** Deadline within [from, to] (either may be open). */
  from: isoDate.nullable().default(null),
  to: isoDate.nullable().default(null),
  status: TaskStatus.nullable().default(null),
  after: z.string().max(200).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListTasksParams = z.input<typeof ListTasksParams>;

export const ListTasksResult = z.object({ items: z.array(TaskListItem), next: z.string().nullable(), total: z.number().int().nonnegative() });

export const TaskView = z.object({
  task: Task,
  /** The task exists only as a local creation the server has not confirmed. */
  pendingCreate: z.boolean(),
  pending: z.array(PendingMutation),
  failed: z.array(FailedMutation),
  allowedActions: z.array(z.string()),
  myRoles: z.array(z.string()),
  overdue: z.boolean(),
  subtasks: z.array(TaskListItem),
  /** The linked incoming document, when this user can see it. */
  source: z.object({ id: uuid, subject: z.string(), arrivalNumber: z.number().int(), arrivalYear: z.number().int(), codeNumber: z.string(), codeNotation: z.string() }).nullable(),
  cachedFiles: z.array(sha256Hex),
});
export type TaskView = z.infer<typeof TaskView>;

/**
 * The latest chase ("Đôn đốc") on a task the user handles (main or co-operating) and still
 * owes: what the desktop notifier compares with what it saw last, to tell the handlers of a
 * new chase (shared/tasks/notifications.ts). The list rows do not carry it: a column would be
 * a cache step for one notifier's question.
 */
export const TaskLastChase = z.object({ taskId: uuid, title: z.string(), myRole: TaskAssignmentRole, chase: TaskChase });
export type TaskLastChase = z.infer<typeof TaskLastChase>;

export const TASK_RPC = {
  'tasks.list': { params: ListTasksParams, result: ListTasksResult },
  /** Badge counts per list (open lists only count what is not done). */
  'tasks.counts': { params: z.object({}), result: z.record(TaskList, z.number().int().nonnegative()) },
  'tasks.get': { params: z.object({ id: uuid }), result: TaskView.nullable() },
  /** Tasks given from a document (its "Công việc" panel). */
  'tasks.forDocument': { params: z.object({ documentId: uuid }), result: z.array(TaskListItem) },
  'tasks.search': { params: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }), result: z.array(TaskListItem) },
  /** The latest chase on each task the user handles and still owes (confirmed tasks), latest first. */
  'tasks.lastChases': { params: z.object({ limit: z.number().int().min(1).max(500).default(200) }), result: z.array(TaskLastChase) },
} as const;
