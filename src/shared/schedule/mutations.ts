/**
 * The schedule slice's mutations (issue #9; docs/decisions.md §28): zod args and one MutationDef
 * each, for the server's push and the core's outbox and overlay. Names are frozen from the first
 * release (constants.ts). Entry ids are chosen by the client; a week's id is derived from the
 * agency and its Monday (week.ts scheduleWeekId), so an action on a week nobody has touched yet
 * names the record the server will create.
 */
import { z } from 'zod';
import { NewAttachmentFile } from '../model/attachment.js';
import { isoDate, requiredText, text, uuid } from '../model/primitives.js';
import { defineMutation, type AnyMutationDef, type RecordLookup } from '../sync/registry.js';
import type { RuleContext } from '../domain/ruleContext.js';
import { SCHEDULE_KIND, SCHEDULE_LIMITS, SCHEDULE_TEXT, type ScheduleMutationName } from './constants.js';
import { clockTime, DayPartSchema, EntryLink, type ScheduleEntry, type ScheduleWeek } from './model.js';
import {
  acceptEntry,
  addEntry,
  approveWeek,
  cancelEntry,
  mergeEntry,
  rejectEntry,
  requestEntry,
  returnWeek,
  submitWeek,
  updateEntry,
  withdrawEntry,
  type EntryRuleFacts,
} from './rules.js';
import { scheduleWeekId, weekStartOf } from './week.js';

const ids = <M extends number>(max: M) => z.array(uuid).max(max).default([]);

/**
 * An entry as the requester or the office gives it. `part` may be left out when a start time
 * is given (it is derived from it); the rules refuse an end without a start, or before it.
 */
export const EntryInput = z.object({
  date: isoDate,
  part: DayPartSchema.nullable().default(null),
  start: clockTime.nullable().default(null),
  end: clockTime.nullable().default(null),
  content: requiredText(SCHEDULE_TEXT.content),
  chairId: uuid.nullable().default(null),
  participantUserIds: ids(SCHEDULE_LIMITS.participantUsers),
  participantUnitIds: ids(SCHEDULE_LIMITS.participantUnits),
  guests: text(SCHEDULE_TEXT.guests).default(''),
  roomId: uuid.nullable().default(null),
  place: text(SCHEDULE_TEXT.place).default(''),
  preparingUnitId: uuid.nullable().default(null),
  notes: text(SCHEDULE_TEXT.notes).default(''),
  highlight: z.boolean().default(false),
  files: z.array(NewAttachmentFile).max(SCHEDULE_LIMITS.files).default([]),
  link: EntryLink.nullable().default(null),
});
export type EntryInput = z.infer<typeof EntryInput>;

/** The fields an edit changes; the others stay. */
export const EntryPatch = z.object({
  date: isoDate.optional(),
  part: DayPartSchema.nullable().optional(),
  start: clockTime.nullable().optional(),
  end: clockTime.nullable().optional(),
  content: requiredText(SCHEDULE_TEXT.content).optional(),
  chairId: uuid.nullable().optional(),
  participantUserIds: z.array(uuid).max(SCHEDULE_LIMITS.participantUsers).optional(),
  participantUnitIds: z.array(uuid).max(SCHEDULE_LIMITS.participantUnits).optional(),
  guests: text(SCHEDULE_TEXT.guests).optional(),
  roomId: uuid.nullable().optional(),
  place: text(SCHEDULE_TEXT.place).optional(),
  preparingUnitId: uuid.nullable().optional(),
  notes: text(SCHEDULE_TEXT.notes).optional(),
  highlight: z.boolean().optional(),
  files: z.array(NewAttachmentFile).max(SCHEDULE_LIMITS.files).optional(),
  link: EntryLink.nullable().optional(),
});
export type EntryPatch = z.infer<typeof EntryPatch>;

export const RequestEntryArgs = EntryInput.extend({ entryId: uuid });
export type RequestEntryArgs = z.infer<typeof RequestEntryArgs>;

/** The office adds an entry straight into the schedule (in a published week: a revision). */
export const AddEntryArgs = EntryInput.extend({ entryId: uuid, reason: text(SCHEDULE_TEXT.reason).default('') });
export type AddEntryArgs = z.infer<typeof AddEntryArgs>;

/** The requester edits a request; the office edits a request or a scheduled entry (published: a revision, with the reason). */
export const UpdateEntryArgs = z.object({ entryId: uuid, patch: EntryPatch, reason: text(SCHEDULE_TEXT.reason).default('') });
export type UpdateEntryArgs = z.infer<typeof UpdateEntryArgs>;

/** The office takes a request into the schedule, possibly edited. */
export const AcceptEntryArgs = z.object({ entryId: uuid, patch: EntryPatch.default({}) });
export type AcceptEntryArgs = z.infer<typeof AcceptEntryArgs>;

export const RejectEntryArgs = z.object({ entryId: uuid, reason: requiredText(SCHEDULE_TEXT.reason) });
export type RejectEntryArgs = z.infer<typeof RejectEntryArgs>;

/** The office merges a request into another entry of the week: its participants and files join it. */
export const MergeEntryArgs = z.object({ entryId: uuid, intoId: uuid });
export type MergeEntryArgs = z.infer<typeof MergeEntryArgs>;

export const WithdrawEntryArgs = z.object({ entryId: uuid });
export type WithdrawEntryArgs = z.infer<typeof WithdrawEntryArgs>;

export const CancelEntryArgs = z.object({ entryId: uuid, reason: requiredText(SCHEDULE_TEXT.reason) });
export type CancelEntryArgs = z.infer<typeof CancelEntryArgs>;

const WeekRef = { weekId: uuid, weekStart: isoDate };
export const SubmitWeekArgs = z.object({ ...WeekRef, note: text(SCHEDULE_TEXT.reason).default('') });
export type SubmitWeekArgs = z.infer<typeof SubmitWeekArgs>;
export const ReturnWeekArgs = z.object({ ...WeekRef, reason: requiredText(SCHEDULE_TEXT.reason) });
export type ReturnWeekArgs = z.infer<typeof ReturnWeekArgs>;
export const ApproveWeekArgs = z.object({ ...WeekRef, note: text(SCHEDULE_TEXT.reason).default('') });
export type ApproveWeekArgs = z.infer<typeof ApproveWeekArgs>;

// ---------------------------------------------------------------------------------------------
// Facts: what the core stands in for when it previews (the server loads the real ones).

/** The week record of a day, as the caller sees it (null: nobody has acted on the week). */
function weekOf(lookup: RecordLookup, ctx: RuleContext, date: string): ScheduleWeek | null {
  const w = lookup({ kind: SCHEDULE_KIND, id: scheduleWeekId(ctx.actor.agencyId, weekStartOf(date)) }) as ScheduleWeek | null | undefined;
  return w ?? null;
}

function entryWeekFacts(args: { entryId: string }, ctx: RuleContext, lookup: RecordLookup): EntryRuleFacts {
  const entry = lookup({ kind: SCHEDULE_KIND, id: args.entryId }) as ScheduleEntry | null | undefined;
  return { week: entry ? weekOf(lookup, ctx, entry.date) : null, into: null };
}

const entryId = (a: { entryId: string }): string => a.entryId;
const filesOf = (a: { files?: readonly { sha256: string }[] }): readonly { sha256: string }[] => a.files ?? [];
const patchFiles = (a: { patch: { files?: readonly { sha256: string }[] | undefined } }): readonly { sha256: string }[] => a.patch.files ?? [];

export const requestEntryMutation = defineMutation<ScheduleEntry, RequestEntryArgs, EntryRuleFacts>({
  name: 'schedule.request',
  kind: SCHEDULE_KIND,
  args: RequestEntryArgs,
  recordId: entryId,
  creates: true,
  files: filesOf,
  localFacts: (a, ctx, lookup) => ({ week: weekOf(lookup, ctx, a.date), into: null }),
  apply: (current, args, ctx, facts) => requestEntry(current, args, ctx, facts),
});

export const addEntryMutation = defineMutation<ScheduleEntry, AddEntryArgs, EntryRuleFacts>({
  name: 'schedule.add',
  kind: SCHEDULE_KIND,
  args: AddEntryArgs,
  recordId: entryId,
  creates: true,
  files: filesOf,
  localFacts: (a, ctx, lookup) => ({ week: weekOf(lookup, ctx, a.date), into: null }),
  apply: (current, args, ctx, facts) => addEntry(current, args, ctx, facts),
});

export const updateEntryMutation = defineMutation<ScheduleEntry, UpdateEntryArgs, EntryRuleFacts>({
  name: 'schedule.update',
  kind: SCHEDULE_KIND,
  args: UpdateEntryArgs,
  recordId: entryId,
  creates: false,
  files: patchFiles,
  localFacts: entryWeekFacts,
  apply: (current, args, ctx, facts) => updateEntry(current, args, ctx, facts),
});

export const acceptEntryMutation = defineMutation<ScheduleEntry, AcceptEntryArgs, EntryRuleFacts>({
  name: 'schedule.accept',
  kind: SCHEDULE_KIND,
  args: AcceptEntryArgs,
  recordId: entryId,
  creates: false,
  files: patchFiles,
  localFacts: entryWeekFacts,
  apply: (current, args, ctx, facts) => acceptEntry(current, args, ctx, facts),
});

export const rejectEntryMutation = defineMutation<ScheduleEntry, RejectEntryArgs, EntryRuleFacts>({
  name: 'schedule.reject',
  kind: SCHEDULE_KIND,
  args: RejectEntryArgs,
  recordId: entryId,
  creates: false,
  localFacts: entryWeekFacts,
  apply: (current, args, ctx, facts) => rejectEntry(current, args, ctx, facts),
});

export const mergeEntryMutation = defineMutation<ScheduleEntry, MergeEntryArgs, EntryRuleFacts>({
  name: 'schedule.merge',
  kind: SCHEDULE_KIND,
  args: MergeEntryArgs,
  recordId: entryId,
  creates: false,
  localFacts: (a, ctx, lookup) => ({ ...entryWeekFacts(a, ctx, lookup), into: (lookup({ kind: SCHEDULE_KIND, id: a.intoId }) as ScheduleEntry | null | undefined) ?? null }),
  apply: (current, args, ctx, facts) => mergeEntry(current, args, ctx, facts),
});

export const withdrawEntryMutation = defineMutation<ScheduleEntry, WithdrawEntryArgs, EntryRuleFacts>({
  name: 'schedule.withdraw',
  kind: SCHEDULE_KIND,
  args: WithdrawEntryArgs,
  recordId: entryId,
  creates: false,
  localFacts: entryWeekFacts,
  apply: (current, args, ctx, facts) => withdrawEntry(current, args, ctx, facts),
});

export const cancelEntryMutation = defineMutation<ScheduleEntry, CancelEntryArgs, EntryRuleFacts>({
  name: 'schedule.cancel',
  kind: SCHEDULE_KIND,
  args: CancelEntryArgs,
  recordId: entryId,
  creates: false,
  localFacts: entryWeekFacts,
  apply: (current, args, ctx, facts) => cancelEntry(current, args, ctx, facts),
});

const weekId = (a: { weekId: string }): string => a.weekId;

export const submitWeekMutation = defineMutation<ScheduleWeek, SubmitWeekArgs>({
  name: 'schedule.submitWeek',
  kind: SCHEDULE_KIND,
  args: SubmitWeekArgs,
  recordId: weekId,
  creates: false,
  upserts: true,
  apply: (current, args, ctx) => submitWeek(current, args, ctx),
});

export const returnWeekMutation = defineMutation<ScheduleWeek, ReturnWeekArgs>({
  name: 'schedule.returnWeek',
  kind: SCHEDULE_KIND,
  args: ReturnWeekArgs,
  recordId: weekId,
  creates: false,
  upserts: true,
  apply: (current, args, ctx) => returnWeek(current, args, ctx),
});

export const approveWeekMutation = defineMutation<ScheduleWeek, ApproveWeekArgs>({
  name: 'schedule.approveWeek',
  kind: SCHEDULE_KIND,
  args: ApproveWeekArgs,
  recordId: weekId,
  creates: false,
  upserts: true,
  apply: (current, args, ctx) => approveWeek(current, args, ctx),
});

/** Every schedule mutation, for buildRegistry (core) and the server's kind. */
export const scheduleMutations: readonly AnyMutationDef[] = [
  requestEntryMutation,
  addEntryMutation,
  updateEntryMutation,
  acceptEntryMutation,
  rejectEntryMutation,
  mergeEntryMutation,
  withdrawEntryMutation,
  cancelEntryMutation,
  submitWeekMutation,
  returnWeekMutation,
  approveWeekMutation,
];

/** The renderer's view of a mutation it queues through `mutate` (input types: defaults may be left out). */
export type ScheduleMutationInput =
  | { name: 'schedule.request'; args: z.input<typeof RequestEntryArgs> }
  | { name: 'schedule.add'; args: z.input<typeof AddEntryArgs> }
  | { name: 'schedule.update'; args: z.input<typeof UpdateEntryArgs> }
  | { name: 'schedule.accept'; args: z.input<typeof AcceptEntryArgs> }
  | { name: 'schedule.reject'; args: z.input<typeof RejectEntryArgs> }
  | { name: 'schedule.merge'; args: z.input<typeof MergeEntryArgs> }
  | { name: 'schedule.withdraw'; args: z.input<typeof WithdrawEntryArgs> }
  | { name: 'schedule.cancel'; args: z.input<typeof CancelEntryArgs> }
  | { name: 'schedule.submitWeek'; args: z.input<typeof SubmitWeekArgs> }
  | { name: 'schedule.returnWeek'; args: z.input<typeof ReturnWeekArgs> }
  | { name: 'schedule.approveWeek'; args: z.input<typeof ApproveWeekArgs> };

// Every frozen name has a def (a compile-time check).
const _allNamed: Record<ScheduleMutationName, true> = {
  'schedule.request': true,
  'schedule.add': true,
  'schedule.update': true,
  'schedule.accept': true,
  'schedule.reject': true,
  'schedule.merge': true,
  'schedule.withdraw': true,
  'schedule.cancel': true,
  'schedule.submitWeek': true,
  'schedule.returnWeek': true,
  'schedule.approveWeek': true,
};
void _allNamed;
