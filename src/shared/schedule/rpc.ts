/**
 * The core's RPC methods of the weekly schedule (spread into RPC by shared/rpc/contract.ts):
 * the week as each view shows it, one entry with what the user may do, conflict checks for the
 * form, the printed week (PDF), calendar export and import (.ics), an entry prefilled from an
 * invitation received ("Giấy mời"), search, and the revision notices the app shows.
 */
import { z } from 'zod';
import { isoDate, isoDateTime, sha256Hex, uuid } from '../model/primitives.js';
import { FailedMutation, PendingMutation } from '../sync/records.js';
import { ENTRY_FIELDS, REVISION_CHANGES, SCHEDULE_VIEWS } from './constants.js';
import { DayPartSchema, EntryFields, EntryLink, EntryStatusSchema, ScheduleEntry, ScheduleWeek } from './model.js';
import { EntryInput } from './mutations.js';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
const File = z.object({ name: z.string(), bytes });

export const ScheduleView = z.enum(SCHEDULE_VIEWS);

/** The latest change of an entry after publication ("Điều chỉnh"): what the week view marks. */
export const EntryChangeMark = z.object({
  revision: z.number().int().positive(),
  change: z.enum(REVISION_CHANGES),
  fields: z.array(z.enum(ENTRY_FIELDS)),
  reason: z.string(),
  at: isoDateTime,
});
export type EntryChangeMark = z.infer<typeof EntryChangeMark>;

/** One line of the week: what the table shows. */
export const EntryItem = EntryFields.omit({ files: true }).extend({
  id: uuid,
  weekStart: isoDate,
  status: EntryStatusSchema,
  requestedBy: uuid,
  requestingUnitId: uuid,
  reason: z.string(),
  mergedInto: uuid.nullable(),
  fileCount: z.number().int().nonnegative(),
  /** The latest change after publication, if any. */
  lastChange: EntryChangeMark.nullable(),
  /** How the entry concerns the user (shared/schedule/rights.ts myEntryRole). */
  myRole: z.enum(['chair', 'participant', 'preparing']).nullable(),
  /** The user has actions on it waiting to be sent. */
  pending: z.boolean(),
  updatedAt: isoDateTime,
});
export type EntryItem = z.infer<typeof EntryItem>;

/** A deadline of mine in the week ("Lịch của tôi"): a task I lead, a document I handle. */
export const WeekDeadline = z.object({
  kind: z.enum(['tasks', 'incoming']),
  id: uuid,
  title: z.string(),
  date: isoDate,
  overdue: z.boolean(),
});
export type WeekDeadline = z.infer<typeof WeekDeadline>;

export const ScheduleConflictSchema = z.object({
  kind: z.enum(['person', 'room', 'holiday']),
  entryIds: z.array(uuid),
  date: isoDate,
  userId: uuid.nullable(),
  roomId: uuid.nullable(),
  holiday: z.string().nullable(),
});

export const WeekParams = z.object({
  /** Any day of the week (the core takes its Monday). */
  date: isoDate,
  view: ScheduleView.default('agency'),
  /** 'leader': whose week. */
  leaderId: uuid.nullable().default(null),
});
export type WeekParams = z.input<typeof WeekParams>;

export const WeekDay = z.object({ date: isoDate, holiday: z.string().nullable(), today: z.boolean() });

export const WeekViewResult = z.object({
  weekStart: isoDate,
  /** The week record with the user's pending week actions replayed (null: nobody has acted on it). */
  week: ScheduleWeek.nullable(),
  weekPending: z.boolean(),
  days: z.array(WeekDay),
  /** In table order: date, part, start time, then content. */
  entries: z.array(EntryItem),
  /** Requests awaiting the office in this week (the office's badge). */
  requestCount: z.number().int().nonnegative(),
  conflicts: z.array(ScheduleConflictSchema),
  /** 'mine' only. */
  deadlines: z.array(WeekDeadline),
  weekActions: z.array(z.enum(['submit', 'return', 'approve'])),
  canRequest: z.boolean(),
  canCompile: z.boolean(),
  canApprove: z.boolean(),
});
export type WeekViewResult = z.infer<typeof WeekViewResult>;

export const EntryView = z.object({
  entry: ScheduleEntry,
  pendingCreate: z.boolean(),
  pending: z.array(PendingMutation),
  failed: z.array(FailedMutation),
  allowedActions: z.array(z.enum(['update', 'accept', 'reject', 'merge', 'withdraw', 'cancel'])),
  week: ScheduleWeek.nullable(),
  /** The linked document or task, when this user can see it. */
  link: z.object({ kind: EntryLink.shape.kind, id: uuid, title: z.string() }).nullable(),
  /** The entry it was merged into, when visible. */
  mergedInto: z.object({ id: uuid, content: z.string() }).nullable(),
  conflicts: z.array(ScheduleConflictSchema),
  /** Content of the other entries the conflicts name. */
  conflictEntries: z.array(z.object({ id: uuid, content: z.string(), date: isoDate, part: DayPartSchema, start: z.string().nullable(), end: z.string().nullable() })),
  cachedFiles: z.array(sha256Hex),
  myRole: EntryItem.shape.myRole,
});
export type EntryView = z.infer<typeof EntryView>;

/** A proposed entry to check before saving (null id: a new one). */
export const ConflictParams = z.object({
  entryId: uuid.nullable().default(null),
  date: isoDate,
  part: DayPartSchema.nullable().default(null),
  start: z.string().nullable().default(null),
  end: z.string().nullable().default(null),
  chairId: uuid.nullable().default(null),
  participantUserIds: z.array(uuid).max(500).default([]),
  roomId: uuid.nullable().default(null),
});
export type ConflictParams = z.input<typeof ConflictParams>;

export const ConflictResult = z.object({
  conflicts: z.array(ScheduleConflictSchema),
  entries: EntryView.shape.conflictEntries,
});
export type ConflictResult = z.infer<typeof ConflictResult>;

/** Events read from an .ics file, as requests to confirm (shared EntryInput, defaults applied). */
export const IcsImportResult = z.object({
  entries: z.array(EntryInput),
  /** Events left out, with why (recurring beyond the first, outside the agency's time zone rules, no date…). */
  skipped: z.array(z.object({ summary: z.string(), reason: z.string() })),
});
export type IcsImportResult = z.infer<typeof IcsImportResult>;

/** A revision of a published week that concerns me, by someone else (the app's notices). */
export const ScheduleNotice = z.object({
  id: z.number().int().positive(),
  entryId: uuid,
  weekStart: isoDate,
  revision: z.number().int().positive(),
  change: z.enum(REVISION_CHANGES),
  fields: z.array(z.enum(ENTRY_FIELDS)),
  title: z.string(),
  body: z.string(),
  at: isoDateTime,
  seen: z.boolean(),
});
export type ScheduleNotice = z.infer<typeof ScheduleNotice>;

export const SCHEDULE_RPC = {
  'schedule.week': { params: WeekParams, result: WeekViewResult },
  'schedule.get': { params: z.object({ id: uuid }), result: EntryView.nullable() },
  'schedule.conflicts': { params: ConflictParams, result: ConflictResult },
  /** The published week as the printed schedule (A4 landscape PDF, with its revision). */
  'schedule.pdf': { params: z.object({ date: isoDate }), result: File },
  /** A week of the agency, or "my schedule" for `weeks` weeks from `date`, as iCalendar. */
  'schedule.ics': {
    params: z.object({ date: isoDate, view: z.enum(['agency', 'mine']).default('agency'), weeks: z.number().int().min(1).max(26).default(1) }),
    result: File,
  },
  /** Read an .ics file into requests to confirm (nothing is queued). */
  'schedule.parseIcs': { params: z.object({ bytes }), result: IcsImportResult },
  /** An entry prefilled from an incoming document ("Giấy mời": date, time and place read from its text). */
  'schedule.fromDocument': { params: z.object({ documentId: uuid }), result: EntryInput.partial().extend({ link: EntryLink }) },
  'schedule.search': {
    params: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    result: z.array(EntryItem),
  },
  /** My notices of revisions (newest first). */
  'schedule.notices': { params: z.object({ limit: z.number().int().min(1).max(200).default(50) }), result: z.array(ScheduleNotice) },
  'schedule.noticesSeen': { params: z.object({ ids: z.array(z.number().int().positive()).max(500) }), result: z.object({}) },
} as const;
