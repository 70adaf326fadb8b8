/**
 * The weekly schedule's records as the server keeps them and sends them (issue #9;
 * docs/decisions.md §28). One kind, 'schedule', with two record types:
 *
 * - an ENTRY (type 'entry'): one meeting or engagement of a day — a request while the office
 *   has not decided, a line of the week once scheduled. Entries are records of their own so
 *   two units asking for the same slot offline never touch the same record, and so who sees
 *   an entry (a request: its requester and the office; a published line: everyone) is plain
 *   record access, never a per-user cut of a bigger state.
 * - a WEEK (type 'week'): the agency's week — its status (draft, submitted, published), its
 *   revision number and the list of revisions with the entries each changed. Its id is
 *   derived from the agency and the Monday (week.ts scheduleWeekId).
 *
 * Days are Vietnam calendar days 'YYYY-MM-DD'; clock times 'HH:mm' Vietnam time; instants ISO.
 */
import { z } from 'zod';
import { AttachmentFile } from '../model/attachment.js';
import { isoDate, isoDateTime, requiredText, text, uuid } from '../model/primitives.js';
import {
  DAY_PARTS,
  ENTRY_FIELDS,
  ENTRY_HISTORY_ACTIONS,
  ENTRY_STATUSES,
  REVISION_CHANGES,
  SCHEDULE_LIMITS,
  SCHEDULE_TEXT,
  WEEK_HISTORY_ACTIONS,
  WEEK_STATUSES,
} from './constants.js';
import { isClockTime } from './week.js';

export const DayPartSchema = z.enum(DAY_PARTS);
export const EntryStatusSchema = z.enum(ENTRY_STATUSES);
export const WeekStatusSchema = z.enum(WEEK_STATUSES);
export const EntryFieldSchema = z.enum(ENTRY_FIELDS);
export const clockTime = z.string().refine(isClockTime, { message: 'expected a time HH:mm' });

/** The record an entry was made from: an invitation received ("Giấy mời"), or a task. */
export const EntryLink = z.object({ kind: z.enum(['incoming', 'tasks']), id: uuid });
export type EntryLink = z.infer<typeof EntryLink>;

/**
 * What an entry says: the fields the requester fills and the office edits. The same shape is
 * the `before` of a change, so "what changed" can always be shown.
 */
export const EntryFields = z.object({
  date: isoDate,
  /** Derived from `start` when one is given (week.ts partOfTime). */
  part: DayPartSchema,
  /** null: "time not exact" — the entry stands for its part of the day. */
  start: clockTime.nullable(),
  end: clockTime.nullable(),
  content: requiredText(SCHEDULE_TEXT.content),
  /** Chủ trì: a leader of the agency (role 'leader'), or nobody named. */
  chairId: uuid.nullable(),
  participantUserIds: z.array(uuid).max(SCHEDULE_LIMITS.participantUsers),
  participantUnitIds: z.array(uuid).max(SCHEDULE_LIMITS.participantUnits),
  /** Outside guests and anyone not in the organisation, as free text. */
  guests: text(SCHEDULE_TEXT.guests),
  /** A meeting room of the agency (Organisation.schedule.rooms), or null… */
  roomId: uuid.nullable(),
  /** …and/or a place as free text ("Huyện Đắk Hà", "Hội trường UBND tỉnh"). */
  place: text(SCHEDULE_TEXT.place),
  /** Đơn vị chuẩn bị. */
  preparingUnitId: uuid.nullable(),
  notes: text(SCHEDULE_TEXT.notes),
  /** Printed in bold: an important engagement. */
  highlight: z.boolean(),
  files: z.array(AttachmentFile).max(SCHEDULE_LIMITS.files),
  link: EntryLink.nullable(),
});
export type EntryFields = z.infer<typeof EntryFields>;

/** One change of a scheduled entry in a published week: the revision it made and what it changed. */
export const EntryChange = z.object({
  revision: z.number().int().positive(),
  change: z.enum(REVISION_CHANGES),
  fields: z.array(EntryFieldSchema),
  /** The entry's fields before this change (null for an entry added by it). */
  before: EntryFields.nullable(),
  reason: text(SCHEDULE_TEXT.reason),
  by: uuid,
  at: isoDateTime,
});
export type EntryChange = z.infer<typeof EntryChange>;

export const HistoryItem = <A extends readonly [string, ...string[]]>(actions: A) =>
  z.object({
    id: z.number().int(),
    actorId: uuid,
    action: z.enum(actions),
    at: isoDateTime,
    /** Human-readable summary in Vietnamese, kept so the timeline reads well offline. */
    summary: text(SCHEDULE_TEXT.summary),
  });

export const EntryHistoryItem = HistoryItem(ENTRY_HISTORY_ACTIONS);
export type EntryHistoryItem = z.infer<typeof EntryHistoryItem>;

export const ScheduleEntry = EntryFields.extend({
  type: z.literal('entry'),
  id: uuid,
  agencyId: uuid,
  /** The Monday of `date`'s week (an entry never leaves its week: decisions §28). */
  weekStart: isoDate,
  status: EntryStatusSchema,
  requestedBy: uuid,
  /** The requester's unit when the entry was made: its leaders follow their unit's requests. */
  requestingUnitId: uuid,
  createdAt: isoDateTime,
  /** Why it was rejected or cancelled. */
  reason: text(SCHEDULE_TEXT.reason),
  /** The entry a merged request was merged into. */
  mergedInto: uuid.nullable(),
  /** Changes made after the week was published, oldest first. */
  changes: z.array(EntryChange).max(SCHEDULE_LIMITS.changes),
  history: z.array(EntryHistoryItem).max(SCHEDULE_LIMITS.history),
  updatedAt: isoDateTime,
  version: z.number().int().positive(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const WeekRevision = z.object({
  /** 1: the publication; 2, 3, …: "Điều chỉnh lần 1, 2, …". */
  n: z.number().int().positive(),
  at: isoDateTime,
  by: uuid,
  entries: z.array(z.object({ id: uuid, change: z.enum(REVISION_CHANGES), fields: z.array(EntryFieldSchema) })).max(SCHEDULE_LIMITS.revisionEntries),
});
export type WeekRevision = z.infer<typeof WeekRevision>;

export const WeekHistoryItem = HistoryItem(WEEK_HISTORY_ACTIONS);
export type WeekHistoryItem = z.infer<typeof WeekHistoryItem>;

export const ScheduleWeek = z.object({
  type: z.literal('week'),
  id: uuid,
  agencyId: uuid,
  weekStart: isoDate,
  status: WeekStatusSchema,
  /** 0 until published; then the latest revision's number. */
  revision: z.number().int().nonnegative(),
  publishedAt: isoDateTime.nullable(),
  /** The leader who approved it. */
  approvedBy: uuid.nullable(),
  /** The office's note to the leader, or the leader's reason for returning it. */
  note: text(SCHEDULE_TEXT.reason),
  revisions: z.array(WeekRevision).max(SCHEDULE_LIMITS.revisions),
  history: z.array(WeekHistoryItem).max(SCHEDULE_LIMITS.history),
  updatedAt: isoDateTime,
  version: z.number().int().positive(),
});
export type ScheduleWeek = z.infer<typeof ScheduleWeek>;

/** A record of the schedule kind, as a pull carries it. */
export const ScheduleRecord = z.discriminatedUnion('type', [ScheduleEntry, ScheduleWeek]);
export type ScheduleRecord = z.infer<typeof ScheduleRecord>;

/** A meeting room of the agency. */
export const MeetingRoom = z.object({
  id: uuid,
  name: requiredText(SCHEDULE_TEXT.roomName),
  capacity: z.number().int().positive().max(100_000).nullable(),
});
export type MeetingRoom = z.infer<typeof MeetingRoom>;

/**
 * The agency's schedule settings (part of the Organisation every client holds): the office
 * that compiles the week (Văn phòng) and the meeting rooms. Without an office unit, the
 * agency's leaders compile it themselves.
 */
export const ScheduleSettings = z.object({
  officeUnitId: uuid.nullable(),
  rooms: z.array(MeetingRoom).max(SCHEDULE_LIMITS.rooms),
});
export type ScheduleSettings = z.infer<typeof ScheduleSettings>;
