/**
 * A task (Công việc) as the server keeps it and sends it to a user allowed to see it
 * (docs/generic-sync-plan.md §5). One JSON value per task, like an incoming document
 * (docs/decisions.md §5); every array is bounded (constants.ts TASK_LIMITS).
 *
 * Dates: `startDate`, `deadline` and every other "day" are Vietnam calendar days
 * 'YYYY-MM-DD'; instants (`…At`) are ISO 8601 with an offset.
 */
import { z } from 'zod';
import { AttachmentFile } from '../model/attachment.js';
import { isoDate, isoDateTime, requiredText, text, uuid } from '../model/primitives.js';
import {
  EXTENSION_STATUSES,
  MAX_DEADLINE_WORKING_DAYS,
  TASK_ASSIGNMENT_ROLES,
  TASK_ASSIGNMENT_STATUSES,
  TASK_HISTORY_ACTIONS,
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_REPORT_KINDS,
  TASK_STATUSES,
} from './constants.js';

export const TaskPriority = z.enum(TASK_PRIORITIES);
export const TaskStatus = z.enum(TASK_STATUSES);
export const TaskAssignmentRole = z.enum(TASK_ASSIGNMENT_ROLES);
export const TaskReportKind = z.enum(TASK_REPORT_KINDS);
export const ExtensionStatus = z.enum(EXTENSION_STATUSES);
export const TaskHistoryAction = z.enum(TASK_HISTORY_ACTIONS);
export type TaskPriority = z.infer<typeof TaskPriority>;
export type TaskStatus = z.infer<typeof TaskStatus>;
export type TaskAssignmentRole = z.infer<typeof TaskAssignmentRole>;
export type TaskReportKind = z.infer<typeof TaskReportKind>;
export type TaskAssignmentStatus = TaskAssignment['status'];
export type ExtensionStatus = z.infer<typeof ExtensionStatus>;
export type TaskHistoryAction = z.infer<typeof TaskHistoryAction>;

/** Text limits, shared by the state and the args that write it. */
export const TASK_TEXT = { title: 500, description: 8000, note: 4000, reason: 2000, message: 2000, summary: 2000 } as const;

/** An attachment of any type (unlike an incoming document's, which must be a PDF): shared/model/attachment.ts. */
export const TaskFile = AttachmentFile;
export type TaskFile = z.infer<typeof TaskFile>;

export const TaskFiles = z.array(TaskFile).max(TASK_LIMITS.files);

export const TaskAssignment = z.object({
  id: uuid,
  role: TaskAssignmentRole,
  /** Exactly one of unitId / userId is set (the args check it; the state is only ever written by the rules). */
  unitId: uuid.nullable(),
  userId: uuid.nullable(),
  /** Set when a unit leader handed the work down inside the unit of this parent assignment. */
  parentId: uuid.nullable(),
  /**
   * null: the task's deadline applies (always so for the assigner's own assignments, so an
   * approved extension moves everyone's date). A hand-down may carry an earlier date.
   */
  deadline: isoDate.nullable(),
  assignedBy: uuid,
  assignedAt: isoDateTime,
  /** 'done' once the task is accepted; 'revoked' ends it (and the access it gave). */
  status: z.enum(TASK_ASSIGNMENT_STATUSES),
  note: text(TASK_TEXT.note),
});
export type TaskAssignment = z.infer<typeof TaskAssignment>;

export const TaskReport = z.object({
  id: uuid,
  authorId: uuid,
  kind: TaskReportKind,
  /** Only a 'progress' report may carry one. */
  percent: z.number().int().min(0).max(100).nullable(),
  note: text(TASK_TEXT.note),
  files: TaskFiles,
  createdAt: isoDateTime,
});
export type TaskReport = z.infer<typeof TaskReport>;

export const ExtensionRequest = z.object({
  id: uuid,
  requestedBy: uuid,
  requestedAt: isoDateTime,
  /** The deadline when it was asked, so the timeline can say "from … to …" after it moved. */
  previousDeadline: isoDate,
  newDeadline: isoDate,
  reason: text(TASK_TEXT.reason),
  status: ExtensionStatus,
  decidedBy: uuid.nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: text(TASK_TEXT.reason),
});
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

export const TaskResult = z.object({
  note: text(TASK_TEXT.note),
  files: TaskFiles,
  at: isoDateTime,
  by: uuid,
});
export type TaskResult = z.infer<typeof TaskResult>;

export const TaskEvaluation = z.object({
  /** Derived when accepted: the result's Vietnam date ≤ the deadline then in force. */
  onTime: z.boolean(),
  quality: z.number().int().min(1).max(5),
  comment: text(TASK_TEXT.note),
  by: uuid,
  at: isoDateTime,
});
export type TaskEvaluation = z.infer<typeof TaskEvaluation>;

export const TaskChase = z.object({
  id: uuid,
  by: uuid,
  at: isoDateTime,
  message: text(TASK_TEXT.message),
});
export type TaskChase = z.infer<typeof TaskChase>;

export const TaskHistoryEntry = z.object({
  id: z.number().int(),
  actorId: uuid,
  action: TaskHistoryAction,
  at: isoDateTime,
  /** Human-readable summary in Vietnamese, kept so the timeline reads well even offline. */
  summary: text(TASK_TEXT.summary),
  details: z.record(z.string(), z.unknown()),
});
export type TaskHistoryEntry = z.infer<typeof TaskHistoryEntry>;

/** The record a task was made from ("Giao việc" on a document). The reverse link is derived, not stored. */
export const TaskSource = z.object({ kind: z.literal('incoming'), id: uuid });
export type TaskSource = z.infer<typeof TaskSource>;

/** How the deadline was given, kept for display ("5 ngày làm việc"); the date is what counts. */
export const DeadlineRule = z.object({ workingDays: z.number().int().min(1).max(MAX_DEADLINE_WORKING_DAYS) });
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const Task = z.object({
  id: uuid,
  agencyId: uuid,
  /** The task this is a sub-task of. */
  parentId: uuid.nullable(),
  source: TaskSource.nullable(),
  title: requiredText(TASK_TEXT.title),
  description: text(TASK_TEXT.description),
  priority: TaskPriority,
  files: TaskFiles,
  startDate: isoDate,
  deadline: isoDate,
  deadlineRule: DeadlineRule.nullable(),
  /** The leader who gave the task. */
  assignedBy: uuid,
  createdAt: isoDateTime,
  status: TaskStatus,
  /** The main handler's last reported percentage (100 once completed). */
  percent: z.number().int().min(0).max(100),
  assignments: z.array(TaskAssignment).max(TASK_LIMITS.assignments),
  reports: z.array(TaskReport).max(TASK_LIMITS.reports),
  extensions: z.array(ExtensionRequest).max(TASK_LIMITS.extensions),
  /** The main handler's result, while pending acceptance and once done; null otherwise (cleared by a send-back). */
  result: TaskResult.nullable(),
  evaluation: TaskEvaluation.nullable(),
  chases: z.array(TaskChase).max(TASK_LIMITS.chases),
  history: z.array(TaskHistoryEntry).max(TASK_LIMITS.history),
  /** Per-user: when the requesting user first opened it, else null. */
  readAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
  version: z.number().int().positive(),
});
export type Task = z.infer<typeof Task>;
