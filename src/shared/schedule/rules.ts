/**
 * The rules of the weekly schedule (issue #9; docs/decisions.md §28) as pure functions: the
 * server runs them to decide every mutation, the core's overlay runs the very same ones to
 * preview it. Who may do what is answered in rights.ts; here it is enforced, with AppError
 * codes (src/shared/i18n/errors.ts) and a Vietnamese timeline.
 *
 * A change to a scheduled entry of a published week is a new revision of the week: the entry
 * records it (`changes`: the revision, what changed, the fields before) and the server then
 * appends the revision to the week (`reviseWeek`), under the week's row lock, so revision
 * numbers follow the order the changes were applied in.
 *
 * Zod-free (type-only imports of the schemas' types).
 */
import { AppError } from '../i18n/errors.js';
import type { RuleContext } from '../domain/ruleContext.js';
import { unitName, userName, type OrgView } from '../domain/org.js';
import { formatDateVi, vnToday } from '../text/vietnamese.js';
import {
  DAY_PART_LABELS,
  ENTRY_FIELD_LABELS,
  ENTRY_STATUS_LABELS,
  SCHEDULE_LIMITS,
  WEEK_STATUS_LABELS,
  type EntryField,
  type EntryHistoryAction,
  type RevisionChange,
  type WeekHistoryAction,
} from './constants.js';
import type { EntryChange, EntryFields, ScheduleEntry, ScheduleWeek } from './model.js';
import type {
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
  SubmitWeekArgs,
  UpdateEntryArgs,
  WithdrawEntryArgs,
} from './mutations.js';
import { canApproveSchedule, canCompileSchedule, canRequestSchedule, isScheduleOffice } from './rights.js';
import { entryTimeLabel, isWeekStart, minutesOf, partOfTime, scheduleWeekId, weekStartOf } from './week.js';

/** What only the server knows for an entry's mutation: its week, and for a merge the entry merged into. */
export interface EntryRuleFacts {
  readonly week: ScheduleWeek | null;
  readonly into: ScheduleEntry | null;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const SUMMARY_MAX = 2000;
function clip(s: string): string {
  if (s.length <= SUMMARY_MAX) return s;
  return `${s.slice(0, SUMMARY_MAX - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`;
}

function bound(count: number, limit: number): void {
  if (count > limit) throw new AppError('schedule_limit_reached', { limit });
}

const stamp = (ctx: RuleContext): string => (ctx.appliedAt ?? ctx.now).toISOString();

function entryHistory(e: ScheduleEntry, ctx: RuleContext, action: EntryHistoryAction, summary: string): ScheduleEntry['history'] {
  bound(e.history.length + 1, SCHEDULE_LIMITS.history);
  return [...e.history, { id: e.history.length + 1, actorId: ctx.actor.id, action, at: ctx.now.toISOString(), summary: clip(summary) }];
}

function weekHistory(w: ScheduleWeek, ctx: RuleContext, action: WeekHistoryAction, summary: string): ScheduleWeek['history'] {
  bound(w.history.length + 1, SCHEDULE_LIMITS.history);
  return [...w.history, { id: w.history.length + 1, actorId: ctx.actor.id, action, at: ctx.now.toISOString(), summary: clip(summary) }];
}

const withReason = (text: string, reason: string): string => (reason ? `${text}: ${reason}` : text);

/** The fields of an entry (what a change's `before` keeps). */
export function entryFieldsOf(e: EntryFields): EntryFields {
  return {
    date: e.date,
    part: e.part,
    start: e.start,
    end: e.end,
    content: e.content,
    chairId: e.chairId,
    participantUserIds: [...e.participantUserIds],
    participantUnitIds: [...e.participantUnitIds],
    guests: e.guests,
    roomId: e.roomId,
    place: e.place,
    preparingUnitId: e.preparingUnitId,
    notes: e.notes,
    highlight: e.highlight,
    files: e.files.map((f) => ({ ...f })),
    link: e.link ? { ...e.link } : null,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === a.length;

/** Which of the fields users read differ (in the order a revision lists them). */
export function changedFields(a: EntryFields, b: EntryFields): EntryField[] {
  const out: EntryField[] = [];
  if (a.date !== b.date || a.part !== b.part || a.start !== b.start || a.end !== b.end) out.push('time');
  if (a.content !== b.content) out.push('content');
  if (a.chairId !== b.chairId) out.push('chair');
  if (!sameSet(a.participantUserIds, b.participantUserIds) || !sameSet(a.participantUnitIds, b.participantUnitIds) || a.guests !== b.guests) out.push('participants');
  if (a.roomId !== b.roomId || a.place !== b.place) out.push('location');
  if (a.preparingUnitId !== b.preparingUnitId) out.push('preparing');
  if (a.notes !== b.notes) out.push('notes');
  if (!sameSet(a.files.map((f) => f.sha256), b.files.map((f) => f.sha256))) out.push('files');
  if (a.highlight !== b.highlight) out.push('highlight');
  if (a.link?.kind !== b.link?.kind || a.link?.id !== b.link?.id) out.push('link');
  return out;
}

const fieldList = (fields: readonly EntryField[]): string => fields.map((f) => ENTRY_FIELD_LABELS[f].vi).join(', ');
const dedupe = (ids: readonly string[]): string[] => [...new Set(ids)];

/** The day part decided by a clock time, else the one given. */
function resolveTime(date: string, part: EntryFields['part'] | null, start: string | null, end: string | null): Pick<EntryFields, 'date' | 'part' | 'start' | 'end'> {
  if (end !== null && start === null) throw new AppError('schedule_time_order');
  if (start !== null && end !== null && minutesOf(end) <= minutesOf(start)) throw new AppError('schedule_time_order');
  const resolved = start !== null ? partOfTime(start) : part;
  if (resolved === null) throw new AppError('validation_failed', { details: 'part: a part of the day or a start time is required' });
  return { date, part: resolved, start, end };
}

function fieldsFromInput(input: EntryInput): EntryFields {
  return {
    ...resolveTime(input.date, input.part, input.start, input.end),
    content: input.content,
    chairId: input.chairId,
    participantUserIds: dedupe(input.participantUserIds),
    participantUnitIds: dedupe(input.participantUnitIds),
    guests: input.guests,
    roomId: input.roomId,
    place: input.place,
    preparingUnitId: input.preparingUnitId,
    notes: input.notes,
    highlight: input.highlight,
    files: input.files,
    link: input.link,
  };
}

function patched(current: EntryFields, patch: EntryPatch): EntryFields {
  const start = patch.start !== undefined ? patch.start : current.start;
  // A new start without an end drops the old end when it would come before it.
  let end = patch.end !== undefined ? patch.end : current.end;
  if (patch.end === undefined && patch.start !== undefined && (start === null || (end !== null && minutesOf(end) <= minutesOf(start)))) end = null;
  const part = patch.part !== undefined && patch.part !== null ? patch.part : current.part;
  return {
    ...resolveTime(patch.date ?? current.date, part, start, end),
    content: patch.content ?? current.content,
    chairId: patch.chairId !== undefined ? patch.chairId : current.chairId,
    participantUserIds: patch.participantUserIds ? dedupe(patch.participantUserIds) : current.participantUserIds,
    participantUnitIds: patch.participantUnitIds ? dedupe(patch.participantUnitIds) : current.participantUnitIds,
    guests: patch.guests ?? current.guests,
    roomId: patch.roomId !== undefined ? patch.roomId : current.roomId,
    place: patch.place ?? current.place,
    preparingUnitId: patch.preparingUnitId !== undefined ? patch.preparingUnitId : current.preparingUnitId,
    notes: patch.notes ?? current.notes,
    highlight: patch.highlight ?? current.highlight,
    files: patch.files ?? current.files,
    link: patch.link !== undefined ? patch.link : current.link,
  };
}

/** The people, units and room named must be the agency's; the chair one of its leaders. */
export function checkEntryFields(f: EntryFields, org: OrgView): void {
  const users = new Map(org.users.map((u) => [u.id, u]));
  if (f.chairId !== null) {
    const chair = users.get(f.chairId);
    if (!chair || chair.role !== 'leader' || !chair.active) throw new AppError('schedule_chair_not_leader');
  }
  if (f.participantUserIds.some((id) => !users.has(id))) throw new AppError('schedule_unknown_participant');
  const units = new Set(org.units.map((u) => u.id));
  if (f.participantUnitIds.some((id) => !units.has(id))) throw new AppError('schedule_unknown_participant');
  if (f.preparingUnitId !== null && !units.has(f.preparingUnitId)) throw new AppError('schedule_unknown_unit');
  if (f.roomId !== null && !(org.schedule?.rooms ?? []).some((r) => r.id === f.roomId)) throw new AppError('schedule_unknown_room');
}

/** "Thứ Năm 03/12, 14:00–16:00: Họp …" for the timeline. */
export function describeEntry(f: Pick<EntryFields, 'date' | 'part' | 'start' | 'end' | 'content'>): string {
  return `${formatDateVi(f.date)}, ${entryTimeLabel(f, (p) => DAY_PART_LABELS[p].vi)}: ${f.content}`;
}

const isPublished = (week: ScheduleWeek | null): week is ScheduleWeek => week?.status === 'published';

/** The entry's record of a change that makes the next revision of its published week. */
function change(entry: ScheduleEntry, week: ScheduleWeek, ctx: RuleContext, kind: RevisionChange, fields: EntryField[], before: EntryFields | null, reason: string): EntryChange[] {
  bound(entry.changes.length + 1, SCHEDULE_LIMITS.changes);
  return [...entry.changes, { revision: week.revision + 1, change: kind, fields, before, reason, by: ctx.actor.id, at: ctx.now.toISOString() }];
}

function stateError(e: ScheduleEntry): AppError {
  return new AppError('schedule_entry_state', { status: ENTRY_STATUS_LABELS[e.status].vi });
}

function need(current: ScheduleEntry | null): ScheduleEntry {
  if (current === null) throw new AppError('schedule_entry_not_found');
  return current;
}

function mustCompile(ctx: RuleContext): void {
  if (!canCompileSchedule(ctx.actor, ctx.org)) throw new AppError('schedule_not_compiler');
}

function next(e: ScheduleEntry, ctx: RuleContext, patch: Partial<ScheduleEntry>): ScheduleEntry {
  return { ...e, ...patch, updatedAt: stamp(ctx), version: e.version + 1 };
}

function newEntry(args: RequestEntryArgs | AddEntryArgs, ctx: RuleContext, status: ScheduleEntry['status']): ScheduleEntry {
  const fields = fieldsFromInput(args);
  checkEntryFields(fields, ctx.org);
  return {
    type: 'entry',
    id: args.entryId,
    agencyId: ctx.actor.agencyId,
    weekStart: weekStartOf(fields.date),
    ...fields,
    status,
    requestedBy: ctx.actor.id,
    requestingUnitId: ctx.actor.unitId,
    createdAt: ctx.now.toISOString(),
    reason: '',
    mergedInto: null,
    changes: [],
    history: [],
    updatedAt: stamp(ctx),
    version: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Entries

/** "Đăng ký lịch": anyone asks for an entry of a coming day, for their unit. */
export function requestEntry(current: ScheduleEntry | null, args: RequestEntryArgs, ctx: RuleContext, _facts: EntryRuleFacts): ScheduleEntry {
  if (current !== null) throw new AppError('schedule_entry_exists');
  if (!canRequestSchedule(ctx.actor)) throw new AppError('forbidden');
  if (args.date < vnToday(ctx.now)) throw new AppError('schedule_date_past', { date: formatDateVi(args.date) });
  const e = newEntry(args, ctx, 'requested');
  return { ...e, history: entryHistory(e, ctx, 'requested', `Đăng ký lịch ${describeEntry(e)}`) };
}

/** The office puts an entry straight into the week (a published week: "Bổ sung", a new revision). */
export function addEntry(current: ScheduleEntry | null, args: AddEntryArgs, ctx: RuleContext, facts: EntryRuleFacts): ScheduleEntry {
  if (current !== null) throw new AppError('schedule_entry_exists');
  mustCompile(ctx);
  const e = newEntry(args, ctx, 'scheduled');
  const changes = isPublished(facts.week) ? change(e, facts.week, ctx, 'added', [], null, args.reason) : [];
  return { ...e, changes, history: entryHistory(e, ctx, 'added', withReason(`Xếp lịch ${describeEntry(e)}`, args.reason)) };
}

/** The requester edits their request; the office edits a request or a scheduled entry. */
export function updateEntry(current: ScheduleEntry | null, args: UpdateEntryArgs, ctx: RuleContext, facts: EntryRuleFacts): ScheduleEntry {
  const e = need(current);
  if (e.status === 'requested') {
    if (ctx.actor.id !== e.requestedBy && !canCompileSchedule(ctx.actor, ctx.org)) throw new AppError('schedule_not_requester');
  } else if (e.status === 'scheduled') {
    mustCompile(ctx);
  } else throw stateError(e);
  const before = entryFieldsOf(e);
  const after = patched(before, args.patch);
  if (weekStartOf(after.date) !== e.weekStart) throw new AppError('schedule_other_week');
  const fields = changedFields(before, after);
  if (fields.length === 0) throw new AppError('schedule_nothing_changed');
  checkEntryFields(after, ctx.org);
  const revises = e.status === 'scheduled' && isPublished(facts.week);
  const changes = revises ? change(e, facts.week, ctx, 'changed', fields, before, args.reason) : e.changes;
  const summary = withReason(`Sửa ${fieldList(fields)}${fields.includes('time') ? ` (nay: ${describeEntry(after)})` : ''}`, args.reason);
  return next({ ...e, ...after }, ctx, { changes, history: entryHistory(e, ctx, 'updated', summary) });
}

/** The office takes a request into the schedule, as it is or edited. */
export function acceptEntry(current: ScheduleEntry | null, args: AcceptEntryArgs, ctx: RuleContext, facts: EntryRuleFacts): ScheduleEntry {
  const e = need(current);
  mustCompile(ctx);
  if (e.status !== 'requested') throw stateError(e);
  const after = patched(entryFieldsOf(e), args.patch);
  if (weekStartOf(after.date) !== e.weekStart) throw new AppError('schedule_other_week');
  checkEntryFields(after, ctx.org);
  const changes = isPublished(facts.week) ? change(e, facts.week, ctx, 'added', [], null, '') : e.changes;
  const edited = changedFields(entryFieldsOf(e), after);
  const summary = `Xếp vào lịch tuần${edited.length > 0 ? ` (sửa ${fieldList(edited)})` : ''}`;
  return next({ ...e, ...after }, ctx, { status: 'scheduled', changes, history: entryHistory(e, ctx, 'accepted', summary) });
}

export function rejectEntry(current: ScheduleEntry | null, args: RejectEntryArgs, ctx: RuleContext, _facts: EntryRuleFacts): ScheduleEntry {
  const e = need(current);
  mustCompile(ctx);
  if (e.status !== 'requested') throw stateError(e);
  return next(e, ctx, { status: 'rejected', reason: args.reason, history: entryHistory(e, ctx, 'rejected', withReason('Từ chối đăng ký', args.reason)) });
}

/** Merge a request into another entry of the week (the server folds it into the target: mergeIntoTarget). */
export function mergeEntry(current: ScheduleEntry | null, args: MergeEntryArgs, ctx: RuleContext, facts: EntryRuleFacts): ScheduleEntry {
  const e = need(current);
  mustCompile(ctx);
  if (e.status !== 'requested') throw stateError(e);
  const into = facts.into;
  if (into === null || into.id === e.id || into.weekStart !== e.weekStart || (into.status !== 'requested' && into.status !== 'scheduled')) throw new AppError('schedule_merge_target');
  return next(e, ctx, { status: 'merged', mergedInto: into.id, history: entryHistory(e, ctx, 'merged', `Gộp vào lịch ${describeEntry(into)}`) });
}

/**
 * The target of a merge gains the merged request's participants, guests and files (the server
 * writes it in the same transaction; a published target makes a revision when it changed).
 */
export function mergeIntoTarget(target: ScheduleEntry, merged: ScheduleEntry, ctx: RuleContext, week: ScheduleWeek | null): ScheduleEntry {
  const before = entryFieldsOf(target);
  const files = [...target.files];
  for (const f of merged.files) if (!files.some((x) => x.sha256 === f.sha256)) files.push(f);
  const guests = [target.guests, merged.guests].filter((g, i, all) => g !== '' && all.indexOf(g) === i).join('; ');
  const after: EntryFields = {
    ...before,
    participantUserIds: dedupe([...target.participantUserIds, ...merged.participantUserIds]).slice(0, SCHEDULE_LIMITS.participantUsers),
    participantUnitIds: dedupe([...target.participantUnitIds, ...merged.participantUnitIds]).slice(0, SCHEDULE_LIMITS.participantUnits),
    guests: guests.slice(0, 1000),
    files: files.slice(0, SCHEDULE_LIMITS.files),
    preparingUnitId: target.preparingUnitId ?? merged.preparingUnitId,
  };
  const fields = changedFields(before, after);
  const revises = fields.length > 0 && target.status === 'scheduled' && isPublished(week);
  const changes = revises ? change(target, week, ctx, 'changed', fields, before, '') : target.changes;
  return next({ ...target, ...after }, ctx, { changes, history: entryHistory(target, ctx, 'merged_into', `Gộp đăng ký: ${merged.content}`) });
}

export function withdrawEntry(current: ScheduleEntry | null, _args: WithdrawEntryArgs, ctx: RuleContext, _facts: EntryRuleFacts): ScheduleEntry {
  const e = need(current);
  if (ctx.actor.id !== e.requestedBy) throw new AppError('schedule_not_requester');
  if (e.status !== 'requested') throw stateError(e);
  return next(e, ctx, { status: 'withdrawn', history: entryHistory(e, ctx, 'withdrawn', 'Rút đăng ký lịch') });
}

/** Take a scheduled entry out (a published week keeps it, struck through: "Hoãn/huỷ", a revision). */
export function cancelEntry(current: ScheduleEntry | null, args: CancelEntryArgs, ctx: RuleContext, facts: EntryRuleFacts): ScheduleEntry {
  const e = need(current);
  mustCompile(ctx);
  if (e.status !== 'scheduled') throw stateError(e);
  const changes = isPublished(facts.week) ? change(e, facts.week, ctx, 'cancelled', [], entryFieldsOf(e), args.reason) : e.changes;
  return next(e, ctx, { status: 'cancelled', reason: args.reason, changes, history: entryHistory(e, ctx, 'cancelled', withReason('Hoãn/huỷ lịch', args.reason)) });
}

// ---------------------------------------------------------------------------------------------
// Weeks

/** A week nobody has acted on: a draft. */
export function emptyWeek(agencyId: string, weekStart: string, ctx: RuleContext): ScheduleWeek {
  return {
    type: 'week',
    id: scheduleWeekId(agencyId, weekStart),
    agencyId,
    weekStart,
    status: 'draft',
    revision: 0,
    publishedAt: null,
    approvedBy: null,
    note: '',
    revisions: [],
    history: [],
    updatedAt: stamp(ctx),
    version: 0,
  };
}

function weekToActOn(current: ScheduleWeek | null, args: { weekId: string; weekStart: string }, ctx: RuleContext): ScheduleWeek {
  if (!isWeekStart(args.weekStart) || args.weekId !== scheduleWeekId(ctx.actor.agencyId, args.weekStart)) throw new AppError('schedule_week_mismatch');
  const w = current ?? emptyWeek(ctx.actor.agencyId, args.weekStart, ctx);
  if (w.agencyId !== ctx.actor.agencyId || w.weekStart !== args.weekStart) throw new AppError('schedule_week_mismatch');
  return w;
}

const weekStateError = (w: ScheduleWeek): AppError => new AppError('schedule_week_state', { status: WEEK_STATUS_LABELS[w.status].vi });
const nextWeek = (w: ScheduleWeek, ctx: RuleContext, patch: Partial<ScheduleWeek>): ScheduleWeek => ({ ...w, ...patch, updatedAt: stamp(ctx), version: w.version + 1 });

/** The office submits the draft to the agency leader ("Trình duyệt"). */
export function submitWeek(current: ScheduleWeek | null, args: SubmitWeekArgs, ctx: RuleContext): ScheduleWeek {
  const w = weekToActOn(current, args, ctx);
  if (!isScheduleOffice(ctx.actor, ctx.org)) throw new AppError('schedule_not_office');
  if (w.status !== 'draft') throw weekStateError(w);
  return nextWeek(w, ctx, { status: 'submitted', note: args.note, history: weekHistory(w, ctx, 'submitted', withReason('Trình duyệt lịch tuần', args.note)) });
}

/** The leader returns the draft to the office with a reason. */
export function returnWeek(current: ScheduleWeek | null, args: ReturnWeekArgs, ctx: RuleContext): ScheduleWeek {
  const w = weekToActOn(current, args, ctx);
  if (!canApproveSchedule(ctx.actor, ctx.org)) throw new AppError('schedule_not_approver');
  if (w.status !== 'submitted') throw weekStateError(w);
  return nextWeek(w, ctx, { status: 'draft', note: args.reason, history: weekHistory(w, ctx, 'returned', withReason('Trả lại dự thảo lịch tuần', args.reason)) });
}

/** The leader approves: the week is published as revision 1 and everyone in the agency sees it. */
export function approveWeek(current: ScheduleWeek | null, args: ApproveWeekArgs, ctx: RuleContext): ScheduleWeek {
  const w = weekToActOn(current, args, ctx);
  if (!canApproveSchedule(ctx.actor, ctx.org)) throw new AppError('schedule_not_approver');
  if (w.status === 'published') throw weekStateError(w);
  const at = ctx.now.toISOString();
  return nextWeek(w, ctx, {
    status: 'published',
    revision: 1,
    publishedAt: at,
    approvedBy: ctx.actor.id,
    note: args.note,
    revisions: [{ n: 1, at, by: ctx.actor.id, entries: [] }],
    history: weekHistory(w, ctx, 'approved', withReason(`Duyệt và ban hành lịch tuần (${userName(ctx.org, ctx.actor.id) || 'lãnh đạo'})`, args.note)),
  });
}

/**
 * The week after an entry's change made its next revision (the server, under the week's row
 * lock, right after the entry's rule): the entry's last change names the revision.
 */
export function reviseWeek(week: ScheduleWeek, entry: ScheduleEntry, ctx: RuleContext): ScheduleWeek {
  const last = entry.changes.at(-1);
  if (!last || last.revision !== week.revision + 1) throw new Error(`entry ${entry.id} does not make revision ${week.revision + 1}`);
  bound(week.revisions.length + 1, SCHEDULE_LIMITS.revisions);
  return nextWeek(week, ctx, {
    revision: last.revision,
    revisions: [...week.revisions, { n: last.revision, at: last.at, by: last.by, entries: [{ id: entry.id, change: last.change, fields: last.fields }] }],
  });
}

/** Whether an entry's state just made a new revision (compare with the state before the rule). */
export function madeRevision(before: ScheduleEntry | null, after: ScheduleEntry): boolean {
  return after.changes.length > (before?.changes.length ?? 0);
}

/** A unit's or a person's name for summaries (the timeline reads offline). */
export function participantNames(f: Pick<EntryFields, 'participantUserIds' | 'participantUnitIds' | 'guests'>, org: OrgView): string[] {
  return [...f.participantUserIds.map((id) => userName(org, id)), ...f.participantUnitIds.map((id) => unitName(org, id)), ...(f.guests ? [f.guests] : [])].filter((s) => s !== '');
}
