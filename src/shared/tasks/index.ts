/**
 * The tasks slice's public module (docs/generic-sync-plan.md §2, §5), zod-free so the
 * renderer may import it: the words (constants), who sees and may do what, the deadline
 * questions the lists and the dashboard ask, and the types. Schemas, mutation defs and the
 * rules that apply them are in schemas.ts, for the core and the server.
 */
export * from './constants.js';
export * from './rights.js';
export type {
  DeadlineRule,
  ExtensionStatus,
  TaskAssignmentRole,
  TaskAssignmentStatus,
  TaskHistoryAction,
  TaskPriority,
  TaskReportKind,
  TaskStatus,
  ExtensionRequest,
  Task,
  TaskAssignment,
  TaskChase,
  TaskEvaluation,
  TaskFile,
  TaskHistoryEntry,
  TaskReport,
  TaskResult,
  TaskSource,
} from './model.js';
export type {
  AcceptTaskArgs,
  ChaseTaskArgs,
  CompleteTaskArgs,
  CreateTaskArgs,
  DeadlineSpec,
  DecideExtensionArgs,
  MarkTaskReadArgs,
  NewTaskAssignee,
  ReassignTaskArgs,
  ReportTaskArgs,
  RequestExtensionArgs,
  ReturnTaskArgs,
  RevokeTaskAssignmentArgs,
  SendBackTaskArgs,
  TaskMutation,
  TaskMutationArgs,
  TaskMutationInput,
  UpdateTaskArgs,
} from './mutations.js';
export type { CreateTaskFacts } from './rules.js';
