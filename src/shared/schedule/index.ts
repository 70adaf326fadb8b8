/**
 * The schedule slice's public module (issue #9), zod-free so the renderer may import it: the
 * words (constants), weeks, who sees and may do what, conflict warnings, and the types.
 * Schemas, mutation defs and the rules are in schemas.ts, for the core and the server.
 */
export * from './constants.js';
export * from './week.js';
export * from './rights.js';
export * from './conflicts.js';
export type { EntryChange, EntryFields, EntryHistoryItem, EntryLink, MeetingRoom, ScheduleEntry, ScheduleRecord, ScheduleSettings, ScheduleWeek, WeekHistoryItem, WeekRevision } from './model.js';
export type {
  AcceptEntryArgs,
  AddEntryArgs,
  ApproveWeekArgs,
  CancelEntryArgs,
  EntryInput,
  EntryPatch,
  MergeEntryArgs,
  RejectEntryArgs,
  RequestEntryArgs,
  ReturnWeekArgs,
  ScheduleMutationInput,
  SubmitWeekArgs,
  UpdateEntryArgs,
  WithdrawEntryArgs,
} from './mutations.js';
export type { EntryRuleFacts } from './rules.js';
export type { ConflictParams, ConflictResult, EntryChangeMark, EntryItem, EntryView, IcsImportResult, ScheduleNotice, WeekDeadline, WeekParams, WeekViewResult } from './rpc.js';
