/**
 * The tasks slice's mutations (docs/generic-sync-plan.md §1.4, §5): zod args and one
 * MutationDef each, for the server's push and the core's outbox and overlay. Names are
 * frozen from the first release (constants.ts). Ids of new things (the task, assignments,
 * reports, extensions, chases) are chosen by the client, so the overlay and the server
 * agree on them and a replay can never create a second copy.
 */
import { z } from 'zod';
import { fileName, isoDate, requiredText, text, uuid } from '../model/primitives.js';
import { defineMutation, type AnyMutationDef, type MutationDef, type RecordLookup } from '../sync/registry.js';
import type { RuleContext } from '../domain/ruleContext.js';
import { NewAttachmentFile } from '../model/attachment.js';
import { MAX_DEADLINE_WORKING_DAYS, TASK_KIND, TASK_LIMITS, type TaskMutationName } from './constants.js';
import { TASK_TEXT, TaskAssignmentRole, TaskFile, TaskPriority, TaskReportKind, TaskSource, type Task } from './model.js';
import { applyTaskMutation, createTask, type CreateTaskFacts } from './rules.js';

/** A file as the client attaches it (its name made safe: shared/model/attachment.ts). */
export const NewTaskFile = NewAttachmentFile;
const NewTaskFiles = z.array(NewTaskFile).max(TASK_LIMITS.files).default([]);

/** A deadline as given: a date, or "within N working days" of the start date. */
export const DeadlineSpec = z.union([
  z.strictObject({ date: isoDate }),
  z.strictObject({ workingDays: z.number().int().min(1).max(MAX_DEADLINE_WORKING_DAYS) }),
]);

/** Someone given a role by the assigner: a unit or a person, with the assignment's id. */
export const NewTaskAssignee = z
  .object({
    id: uuid,
    unitId: uuid.nullable().default(null),
    userId: uuid.nullable().default(null),
    note: text(TASK_TEXT.note).default(''),
  })
  .refine((a) => (a.unitId === null) !== (a.userId === null), { message: 'exactly one of unitId and userId must be set' });

const Assignees = z.array(NewTaskAssignee).max(TASK_LIMITS.assigneesPerMutation).default([]);

export const CreateTaskArgs = z.object({
  taskId: uuid,
  /** A sub-task of this task (the actor must be its main handler). */
  parentId: uuid.nullable().default(null),
  /** Made from a document ("Giao việc"); the server checks the actor may see it. */
  source: TaskSource.nullable().default(null),
  title: requiredText(TASK_TEXT.title),
  description: text(TASK_TEXT.description).default(''),
  files: NewTaskFiles,
  priority: TaskPriority.default('normal'),
  startDate: isoDate,
  deadline: DeadlineSpec,
  main: NewTaskAssignee,
  cooperate: Assignees,
  info: Assignees,
});

/**
 * The assigner edits the task. `main` gives it to another main handler (the current one and
 * what was handed down below it are revoked): how a returned task goes to someone else.
 * `addCooperate`/`addInfo` add people or units. A {workingDays} deadline counts from the start date.
 */
export const UpdateTaskArgs = z
  .object({
    taskId: uuid,
    title: requiredText(TASK_TEXT.title).optional(),
    description: text(TASK_TEXT.description).optional(),
    priority: TaskPriority.optional(),
    deadline: DeadlineSpec.optional(),
    main: NewTaskAssignee.optional(),
    addCooperate: Assignees,
    addInfo: Assignees,
  })
  .refine(
    (u) => u.title !== undefined || u.description !== undefined || u.priority !== undefined || u.deadline !== undefined || u.main !== undefined || u.addCooperate.length > 0 || u.addInfo.length > 0,
    { message: 'nothing to change' },
  );

export const ReassignTaskArgs = z.object({
  taskId: uuid,
  parentAssignmentId: uuid,
  assignments: z
    .array(
      z.object({
        id: uuid,
        role: TaskAssignmentRole,
        userId: uuid,
        /** null: the unit's (the task's) deadline applies. */
        deadline: isoDate.nullable().default(null),
        note: text(TASK_TEXT.note).default(''),
      }),
    )
    .min(1)
    .max(TASK_LIMITS.assigneesPerMutation),
});

export const RevokeTaskAssignmentArgs = z.object({
  taskId: uuid,
  assignmentId: uuid,
  reason: text(TASK_TEXT.reason).default(''),
});

export const ReportTaskArgs = z
  .object({
    taskId: uuid,
    reportId: uuid,
    kind: TaskReportKind,
    percent: z.number().int().min(0).max(100).nullable().default(null),
    note: text(TASK_TEXT.note).default(''),
    files: NewTaskFiles,
  })
  .refine((r) => r.kind === 'progress' || r.percent === null, { message: 'only progress reports carry a percentage', path: ['percent'] })
  .refine((r) => r.note !== '' || r.percent !== null || r.files.length > 0, { message: 'a report needs a note, a percentage or a file', path: ['note'] });

export const RequestExtensionArgs = z.object({
  taskId: uuid,
  extensionId: uuid,
  newDeadline: isoDate,
  reason: requiredText(TASK_TEXT.reason),
});

export const DecideExtensionArgs = z.object({
  taskId: uuid,
  extensionId: uuid,
  approve: z.boolean(),
  note: text(TASK_TEXT.reason).default(''),
});

export const ReturnTaskArgs = z.object({ taskId: uuid, reason: requiredText(TASK_TEXT.reason) });

export const CompleteTaskArgs = z
  .object({
    taskId: uuid,
    note: text(TASK_TEXT.note).default(''),
    files: NewTaskFiles,
  })
  .refine((c) => c.note !== '' || c.files.length > 0, { message: 'a result needs a note or a file', path: ['note'] });

export const AcceptTaskArgs = z.object({
  taskId: uuid,
  quality: z.number().int().min(1).max(5),
  comment: text(TASK_TEXT.note).default(''),
});

export const SendBackTaskArgs = z.object({ taskId: uuid, reason: requiredText(TASK_TEXT.reason) });

export const ChaseTaskArgs = z.object({ taskId: uuid, chaseId: uuid, message: requiredText(TASK_TEXT.message) });

export const MarkTaskReadArgs = z.object({ taskId: uuid });

export const TASK_MUTATION_ARGS = {
  'tasks.create': CreateTaskArgs,
  'tasks.update': UpdateTaskArgs,
  'tasks.reassign': ReassignTaskArgs,
  'tasks.revokeAssignment': RevokeTaskAssignmentArgs,
  'tasks.report': ReportTaskArgs,
  'tasks.requestExtension': RequestExtensionArgs,
  'tasks.decideExtension': DecideExtensionArgs,
  'tasks.return': ReturnTaskArgs,
  'tasks.complete': CompleteTaskArgs,
  'tasks.accept': AcceptTaskArgs,
  'tasks.sendBack': SendBackTaskArgs,
  'tasks.chase': ChaseTaskArgs,
  'tasks.markRead': MarkTaskReadArgs,
} as const satisfies Record<TaskMutationName, z.ZodType>;

/** Args as the rules get them (defaults filled in). */
export type TaskMutationArgs<N extends TaskMutationName> = z.infer<(typeof TASK_MUTATION_ARGS)[N]>;
/** Args as a caller writes them (defaults still optional). */
export type TaskMutationInput<N extends TaskMutationName> = z.input<(typeof TASK_MUTATION_ARGS)[N]>;
export type TaskMutation = { [N in TaskMutationName]: { name: N; args: TaskMutationArgs<N> } }[TaskMutationName];

export type CreateTaskArgs = TaskMutationArgs<'tasks.create'>;
export type UpdateTaskArgs = TaskMutationArgs<'tasks.update'>;
export type ReassignTaskArgs = TaskMutationArgs<'tasks.reassign'>;
export type RevokeTaskAssignmentArgs = TaskMutationArgs<'tasks.revokeAssignment'>;
export type ReportTaskArgs = TaskMutationArgs<'tasks.report'>;
export type RequestExtensionArgs = TaskMutationArgs<'tasks.requestExtension'>;
export type DecideExtensionArgs = TaskMutationArgs<'tasks.decideExtension'>;
export type ReturnTaskArgs = TaskMutationArgs<'tasks.return'>;
export type CompleteTaskArgs = TaskMutationArgs<'tasks.complete'>;
export type AcceptTaskArgs = TaskMutationArgs<'tasks.accept'>;
export type SendBackTaskArgs = TaskMutationArgs<'tasks.sendBack'>;
export type ChaseTaskArgs = TaskMutationArgs<'tasks.chase'>;
export type MarkTaskReadArgs = TaskMutationArgs<'tasks.markRead'>;
export type NewTaskAssignee = z.infer<typeof NewTaskAssignee>;
export type DeadlineSpec = z.infer<typeof DeadlineSpec>;

// ---------------------------------------------------------------------------------------------
// The defs

/**
 * The parent a sub-task's rules need, as the caller sees it. The lookup hands back a state the
 * core itself stored after parsing it (or the server loaded), so only its identity is checked.
 */
function parentFrom(lookup: RecordLookup, parentId: string | null): Task | null {
  if (parentId === null) return null;
  const found = lookup({ kind: TASK_KIND, id: parentId });
  return typeof found === 'object' && found !== null && (found as { id?: unknown }).id === parentId ? (found as Task) : null;
}

export const createTaskMutation: MutationDef<Task, CreateTaskArgs, CreateTaskFacts> = defineMutation<Task, CreateTaskArgs, CreateTaskFacts>({
  name: 'tasks.create',
  kind: TASK_KIND,
  args: CreateTaskArgs,
  recordId: (a) => a.taskId,
  creates: true,
  files: (a) => a.files,
  localFacts: (a, _ctx: RuleContext, lookup) => ({ parent: parentFrom(lookup, a.parentId) }),
  apply: (current, a, ctx, facts) => createTask(current, a, ctx, facts),
});

/** A def for a mutation on an existing task (no facts). */
function onTask<N extends Exclude<TaskMutationName, 'tasks.create'>>(name: N, files?: (a: TaskMutationArgs<N>) => readonly { sha256: string }[]): MutationDef<Task, TaskMutationArgs<N>, undefined> {
  const args = TASK_MUTATION_ARGS[name] as unknown as z.ZodType<TaskMutationArgs<N>>;
  return defineMutation<Task, TaskMutationArgs<N>>({
    name,
    kind: TASK_KIND,
    args,
    recordId: (a) => a.taskId,
    creates: false,
    ...(files ? { files } : {}),
    apply: (current, a, ctx) => applyTaskMutation(current, { name, args: a } as Extract<TaskMutation, { name: N }>, ctx),
  });
}

export const updateTaskMutation = onTask('tasks.update');
export const reassignTaskMutation = onTask('tasks.reassign');
export const revokeTaskAssignmentMutation = onTask('tasks.revokeAssignment');
export const reportTaskMutation = onTask('tasks.report', (a) => a.files);
export const requestExtensionMutation = onTask('tasks.requestExtension');
export const decideExtensionMutation = onTask('tasks.decideExtension');
export const returnTaskMutation = onTask('tasks.return');
export const completeTaskMutation = onTask('tasks.complete', (a) => a.files);
export const acceptTaskMutation = onTask('tasks.accept');
export const sendBackTaskMutation = onTask('tasks.sendBack');
export const chaseTaskMutation = onTask('tasks.chase');
export const markTaskReadMutation = onTask('tasks.markRead');

/** Every tasks mutation, for buildRegistry. */
export const taskMutations: readonly AnyMutationDef[] = [
  createTaskMutation,
  updateTaskMutation,
  reassignTaskMutation,
  revokeTaskAssignmentMutation,
  reportTaskMutation,
  requestExtensionMutation,
  decideExtensionMutation,
  returnTaskMutation,
  completeTaskMutation,
  acceptTaskMutation,
  sendBackTaskMutation,
  chaseTaskMutation,
  markTaskReadMutation,
];
