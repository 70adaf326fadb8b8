/**
 * The server's runners of the schedule mutations (issue #9; docs/decisions.md §28): the shared
 * defs decide (the same `apply` the core's overlay previews with); these load the REAL facts
 * the rules need — the entry's week, a merge's target — under the right locks, and store the
 * result.
 *
 * Every mutation of a week's records first takes the week's lock (a transaction-scoped
 * advisory lock on the week's id, then its row FOR UPDATE when it exists): revision numbers
 * then follow the order changes are applied in, and a publication never races a change of one
 * of its entries — even before the week's record exists, when there is no row to lock yet.
 */
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import { AppError } from '../../shared/i18n/errors.js';
import type { EntryLink, ScheduleEntry, ScheduleWeek } from '../../shared/schedule/model.js';
import { mergeEntryMutation, scheduleMutations } from '../../shared/schedule/mutations.js';
import { canSeeEntry } from '../../shared/schedule/rights.js';
import { madeRevision, mergeIntoTarget, reviseWeek, type EntryRuleFacts } from '../../shared/schedule/rules.js';
import { scheduleWeekId, weekStartOf } from '../../shared/schedule/week.js';
import type { AnyMutationDef } from '../../shared/sync/registry.js';
import type { Queryable } from '../db/database.js';
import { recordExists, userSees } from '../sync/access.js';
import type { MutationOutcome, MutationRunner, ServerMutation } from '../sync/kinds.js';
import { checkFilesUploaded } from '../blobs/uploaded.js';
import { loadEntries, loadEntry, loadWeek, refreshEntryAccess, saveEntry, saveWeek } from './store.js';

type Files = readonly { sha256: string; size?: number; name?: string }[];
const filesOf = (def: AnyMutationDef, args: unknown): Files => def.files?.(args) ?? [];

/** The advisory lock's class: its own key space (migrations lock 7301 with one key). */
const WEEK_LOCK_CLASS = 7309;

/** Serialise every write of one week's records (see the header). */
async function lockWeek(q: Queryable, weekId: string): Promise<ScheduleWeek | null> {
  await q.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [WEEK_LOCK_CLASS, weekId]);
  return loadWeek(q, weekId, true);
}

const notFound = (): AppError => new AppError('schedule_entry_not_found');

/** An entry of the actor's agency, read without a lock to learn its week (an entry never leaves it). */
async function peekEntry(q: Queryable, id: string, ctx: RuleContext): Promise<ScheduleEntry> {
  const entry = await loadEntry(q, id);
  if (!entry || entry.agencyId !== ctx.actor.agencyId) throw notFound();
  return entry;
}

/** A link to a record the actor cannot see is refused as that record's "not found" (a link grants nothing). */
async function checkLink(q: Queryable, before: EntryLink | null, after: EntryLink | null, ctx: RuleContext): Promise<void> {
  if (after === null || (before !== null && before.kind === after.kind && before.id === after.id)) return;
  if (!(await userSees(q, after.kind, after.id, ctx.actor.id))) throw new AppError(after.kind === 'incoming' ? 'document_not_found' : 'task_not_found');
}

function addAll(into: Set<string>, from: Iterable<string>): void {
  for (const u of from) into.add(u);
}

/** What an entry's save brings along: the week's next revision when the change made one. */
async function saveWithRevision(q: Queryable, before: ScheduleEntry | null, after: ScheduleEntry, week: ScheduleWeek | null, ctx: RuleContext, poke: Set<string>): Promise<ScheduleWeek | null> {
  addAll(poke, await saveEntry(q, after, week, ctx.org, before === null));
  if (!madeRevision(before, after)) return week;
  // The rules record a change only in a published week: there is a week row.
  if (week === null) throw new Error(`entry ${after.id} made a revision of a week that does not exist`);
  const revised = reviseWeek(week, after, ctx);
  addAll(poke, await saveWeek(q, revised, ctx.org, false));
  return revised;
}

type CreateArgs = { entryId: string; date: string; link: EntryLink | null };

/** schedule.request, schedule.add: a new entry, under its week's lock. */
function runCreate(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: CreateArgs, ctx: RuleContext): Promise<MutationOutcome> => {
    // Ids are unique across kinds; version 8 is the weeks' derived ids (week.ts scheduleWeekId).
    if (args.entryId[14] === '8') throw new AppError('invalid_mutation', { details: 'entryId: version 8 ids are the weeks\'' });
    if (await recordExists(q, args.entryId)) throw new AppError('schedule_entry_exists');
    const week = await lockWeek(q, scheduleWeekId(ctx.actor.agencyId, weekStartOf(args.date)));
    const facts: EntryRuleFacts = { week, into: null };
    const entry = def.apply(null, args, ctx, facts) as ScheduleEntry;
    // After the rules, so one who may not act is told so first.
    await checkLink(q, null, entry.link, ctx);
    await checkFilesUploaded(q, filesOf(def, args));
    const poke = new Set<string>();
    await saveWithRevision(q, null, entry, week, ctx, poke);
    return { poke, warnings: [] };
  };
}

/** Every other entry mutation: the entry (and a merge's target) under the week's lock, the rules, the saves. */
function runOnEntry(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: { entryId: string; intoId?: string }, ctx: RuleContext): Promise<MutationOutcome> => {
    const peeked = await peekEntry(q, args.entryId, ctx);
    let week = await lockWeek(q, scheduleWeekId(ctx.actor.agencyId, peeked.weekStart));
    const merging = def === mergeEntryMutation && args.intoId !== undefined;
    const locked = await loadEntries(q, merging ? [args.entryId, args.intoId!] : [args.entryId], true);
    const current = locked.get(args.entryId)!;
    if (!canSeeEntry(ctx.actor, current, week, ctx.org)) throw notFound();
    // A target outside the agency is no target; one of another week the rules refuse.
    const target = merging ? locked.get(args.intoId!) : undefined;
    const into = target !== undefined && target.agencyId === ctx.actor.agencyId ? target : null;
    const next = def.apply(current, args, ctx, { week, into } satisfies EntryRuleFacts) as ScheduleEntry;
    await checkLink(q, current.link, next.link, ctx);
    await checkFilesUploaded(q, filesOf(def, args));
    const poke = new Set<string>();
    week = await saveWithRevision(q, current, next, week, ctx, poke);
    if (merging && into !== null) {
      // The target gains the request's participants and files (a published target: a revision).
      const merged = mergeIntoTarget(into, next, ctx, week);
      await saveWithRevision(q, into, merged, week, ctx, poke);
    }
    return { poke, warnings: [] };
  };
}

/** Week mutations (`upserts`): the week under its lock or null (the rules start it), the rules, the save. */
function runOnWeek(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: { weekId: string; weekStart: string }, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await lockWeek(q, args.weekId);
    const next = def.apply(current, args, ctx, undefined) as ScheduleWeek;
    const poke = await saveWeek(q, next, ctx.org, current === null);
    // A publication makes its scheduled entries everyone's: their access changes, not their states.
    if ((current?.status === 'published') !== (next.status === 'published')) addAll(poke, await refreshEntryAccess(q, next.agencyId, { weekStart: next.weekStart }, ctx.org));
    return { poke, warnings: [] };
  };
}

function runnerFor(def: AnyMutationDef): MutationRunner {
  if (def.upserts) return runOnWeek(def);
  if (def.creates) return runCreate(def);
  return runOnEntry(def);
}

/** One runner per shared def, in the defs' order. */
export const scheduleServerMutations: readonly ServerMutation[] = scheduleMutations.map((def) => ({ def, run: runnerFor(def) }));
