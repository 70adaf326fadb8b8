/**
 * The core's RPC methods of the weekly schedule (SCHEDULE_RPC), spread into the service's
 * handler table like taskHandlers.
 *
 * Reads show the confirmed schedule with the user's pending actions replayed on top (the
 * context's `overlaid`, by the same rules the server runs): a request made offline is in its
 * week marked pending, a week approved offline shows published. The cache holds only what
 * the server lets the user see (rights.ts entryAccessUserIds), so each view is a choice among
 * the week's entries, never a check of rights.
 */
import { AppError, vnToday, type Agency, type IncomingDocument } from '../../../shared/index.js';
import { holidayName } from '../../../shared/domain/workingDays.js';
import type { OrgView } from '../../../shared/domain/org.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import type { FailedMutation, PendingMutation } from '../../../shared/sync/records.js';
import {
  addDays,
  allowedEntryActions,
  allowedWeekActions,
  canApproveSchedule,
  canCompileSchedule,
  canRequestSchedule,
  conflictsOf,
  isoWeek,
  partOfTime,
  scheduleConflicts,
  scheduleWeekId,
  weekDays,
  weekStartOf,
  type EntryLink,
  type ScheduleConflict,
  type ScheduleEntry,
  type ScheduleRecord,
  type ScheduleViewName,
  type ScheduleWeek,
} from '../../../shared/schedule/index.js';
import type { EntryItem, EntryView, SCHEDULE_RPC, WeekViewResult } from '../../../shared/schedule/rpc.js';
import type { Handlers } from '../api/service.js';
import { matchesTerms, queryTerms } from '../db/search.js';
import type { Overlaid } from '../sync/overlay.js';
import type { OutboxEntry } from '../sync/outbox.js';
import { compareEntries, conflictEntryOf, isOnPersonalWeek, isPublicLine, isPublished, itemOf, roleOf } from './entries.js';
import { entriesToIcs, parseIcs } from './ics.js';
import { entryFromDocument } from './invitation.js';
import { weekPdf } from './pdf.js';
import { scheduleSearchBody } from './search.js';
import type { ScheduleStore } from './store.js';

/** What the handlers need of the signed-in session (the service provides it). */
export interface ScheduleContext {
  store: ScheduleStore;
  user: UserSummary;
  org: OrgView;
  agency: Agency;
  now(): Date;
  /** A schedule record (entry or week) with its pending actions replayed; `entries`: its outbox entries when already read. */
  overlaid(id: string, entries?: OutboxEntry[]): Overlaid<ScheduleRecord> | null;
  /** The outbox's schedule actions, by record id. */
  pending(): Map<string, OutboxEntry[]>;
  failed(id: string): FailedMutation[];
  /** The given files that are in the local file cache. */
  cachedFiles(shas: string[]): string[];
  /** The title of a linked document or task, when this user can see it. */
  linkTitle(link: EntryLink): string | null;
  /** An incoming document as the user sees it (pending actions replayed). */
  document(id: string): IncomingDocument | null;
}

type Method = keyof typeof SCHEDULE_RPC;
export type ScheduleHandlers = Pick<Handlers, Method>;

const WEEK_MUTATIONS = new Set(['schedule.submitWeek', 'schedule.returnWeek', 'schedule.approveWeek']);

/** An entry as shown: confirmed, or with pending actions replayed. */
interface Shown {
  entry: ScheduleEntry;
  pending: boolean;
}

function need(getCtx: () => ScheduleContext | null): ScheduleContext {
  const ctx = getCtx();
  if (!ctx) throw new AppError('not_signed_in');
  return ctx;
}

const asEntry = (r: ScheduleRecord | null | undefined): ScheduleEntry | null => (r?.type === 'entry' ? r : null);
const asWeek = (r: ScheduleRecord | null | undefined): ScheduleWeek | null => (r?.type === 'week' ? r : null);

/**
 * Stored entries with the pending ones replayed: a stored entry with pending actions is
 * replaced by its overlaid state, and entries known only from the outbox (created offline,
 * or not yet pulled) join when `keep` accepts them.
 */
function withPending(ctx: ScheduleContext, stored: readonly ScheduleEntry[], pending: Map<string, OutboxEntry[]>, keep: (e: ScheduleEntry) => boolean): Shown[] {
  const out: Shown[] = [];
  const seen = new Set<string>();
  for (const e of stored) {
    seen.add(e.id);
    const p = pending.get(e.id);
    if (!p) {
      if (keep(e)) out.push({ entry: e, pending: false });
      continue;
    }
    const ov = asEntry(ctx.overlaid(e.id, p)?.state);
    if (ov && keep(ov)) out.push({ entry: ov, pending: true });
  }
  for (const [id, p] of pending) {
    // Week records have week actions only: no need to replay them here.
    if (seen.has(id) || p.every((x) => WEEK_MUTATIONS.has(x.name))) continue;
    const ov = asEntry(ctx.overlaid(id, p)?.state);
    if (ov && keep(ov)) out.push({ entry: ov, pending: true });
  }
  return out.sort((a, b) => compareEntries(a.entry, b.entry));
}

/** Everything of a week the user holds: its entries (any status) and its week record, as shown. */
function weekOf(ctx: ScheduleContext, weekStart: string, pending = ctx.pending()): { entries: Shown[]; week: ScheduleWeek | null; weekPending: boolean } {
  const weekId = scheduleWeekId(ctx.user.agencyId, weekStart);
  const entries = withPending(ctx, ctx.store.entriesOfWeek(weekStart), pending, (e) => e.weekStart === weekStart);
  const weekEntries = pending.get(weekId);
  const week = asWeek(ctx.overlaid(weekId, weekEntries ?? [])?.state);
  return { entries, week, weekPending: weekEntries !== undefined };
}

/** Which of the week's entries a view shows (the cache holds only what the user may see). */
function inView(view: ScheduleViewName, e: ScheduleEntry, week: ScheduleWeek | null, ctx: ScheduleContext, compiles: boolean, leaderId: string): boolean {
  // The agency's week: published, its lines; before that, the draft's lines to those who see drafts.
  const agencyLine = (): boolean => (isPublished(week) ? isPublicLine(e) : compiles && e.status === 'scheduled');
  switch (view) {
    case 'agency':
      return agencyLine();
    case 'draft':
      // The office sees what it decided too (rejected, merged, withdrawn); the renderer filters.
      if (compiles) return true;
      return e.requestedBy === ctx.user.id || (ctx.user.role === 'leader' && e.requestingUnitId === ctx.user.unitId);
    case 'mine':
      return roleOf(e, ctx.user, ctx.org) !== null && isOnPersonalWeek(e, week);
    case 'leader':
      return (e.chairId === leaderId || e.participantUserIds.includes(leaderId)) && agencyLine();
  }
}

const liveOf = (shown: readonly Shown[]): ScheduleEntry[] => shown.map((s) => s.entry).filter((e) => e.status === 'requested' || e.status === 'scheduled');

function conflictSummaries(conflicts: readonly ScheduleConflict[], exceptId: string | null, entries: readonly ScheduleEntry[]): EntryView['conflictEntries'] {
  const named = new Set(conflicts.flatMap((c) => c.entryIds).filter((id) => id !== exceptId));
  return entries.filter((e) => named.has(e.id)).map((e) => ({ id: e.id, content: e.content, date: e.date, part: e.part, start: e.start, end: e.end }));
}

type WireConflict = WeekViewResult['conflicts'][number];
/** A conflict as the contract carries it (mutable arrays). */
const wire = (cs: readonly ScheduleConflict[]): WireConflict[] => cs.map((c) => ({ ...c, entryIds: [...c.entryIds] }));

/** "Tuan-49-2026" for file names (ASCII: they travel by e-mail and USB sticks). */
function weekSlug(weekStart: string): string {
  const { year, week } = isoWeek(weekStart);
  return `tuan-${week}-${year}`;
}

/** A stand-in id for an entry not saved yet (schedule.conflicts with no entryId). */
const NEW_ENTRY_ID = '00000000-0000-0000-0000-000000000000';

export function scheduleHandlers(getCtx: () => ScheduleContext | null): ScheduleHandlers {
  return {
    'schedule.week': async (p) => {
      const ctx = need(getCtx);
      const now = ctx.now();
      const today = vnToday(now);
      const weekStart = weekStartOf(p.date);
      const { entries, week, weekPending } = weekOf(ctx, weekStart);
      const compiles = canCompileSchedule(ctx.user, ctx.org);
      const leaderId = p.leaderId ?? ctx.user.id;
      const shown = entries.filter((s) => inView(p.view, s.entry, week, ctx, compiles, leaderId));
      const items: EntryItem[] = shown.map((s) => itemOf(s.entry, roleOf(s.entry, ctx.user, ctx.org), s.pending));
      const end = addDays(weekStart, 6);
      return {
        weekStart,
        week,
        weekPending,
        days: weekDays(weekStart).map((date) => ({ date, holiday: holidayName(date, 'vi'), today: date === today })),
        entries: items,
        requestCount: entries.filter((s) => s.entry.status === 'requested').length,
        // The office sees conflicts over everything (decisions §28); the others check an entry at a time.
        conflicts: compiles ? wire(scheduleConflicts(liveOf(entries).map(conflictEntryOf))) : [],
        deadlines: p.view === 'mine' ? ctx.store.deadlines(weekStart, end, today) : [],
        weekActions: allowedWeekActions(ctx.user, week, ctx.org),
        canRequest: canRequestSchedule(ctx.user),
        canCompile: compiles,
        canApprove: canApproveSchedule(ctx.user, ctx.org),
      } satisfies WeekViewResult;
    },

    'schedule.get': async (p) => {
      const ctx = need(getCtx);
      const entries = ctx.pending().get(p.id);
      const ov = ctx.overlaid(p.id, entries ?? []);
      const entry = asEntry(ov?.state);
      if (!ov || !entry) return null;
      const { entries: weekEntries, week } = weekOf(ctx, entry.weekStart);
      const others = liveOf(weekEntries).filter((e) => e.id !== entry.id);
      const holds = entry.status === 'requested' || entry.status === 'scheduled';
      const conflicts = holds ? conflictsOf(conflictEntryOf(entry), others.map(conflictEntryOf)) : [];
      const merged = entry.mergedInto === null ? null : asEntry(ctx.overlaid(entry.mergedInto)?.state);
      const linkTitle = entry.link === null ? null : ctx.linkTitle(entry.link);
      return {
        entry,
        pendingCreate: ov.pendingCreate,
        pending: (entries ?? []).map((e): PendingMutation => ({ id: e.id, name: e.name, kind: e.kind, recordId: e.recordId, createdAt: e.createdAt })),
        failed: ctx.failed(entry.id),
        allowedActions: allowedEntryActions(ctx.user, entry, ctx.org),
        week,
        link: entry.link !== null && linkTitle !== null ? { kind: entry.link.kind, id: entry.link.id, title: linkTitle } : null,
        mergedInto: merged ? { id: merged.id, content: merged.content } : null,
        conflicts: wire(conflicts),
        conflictEntries: conflictSummaries(conflicts, entry.id, others),
        cachedFiles: ctx.cachedFiles(entry.files.map((f) => f.sha256)),
        myRole: roleOf(entry, ctx.user, ctx.org),
      } satisfies EntryView;
    },

    'schedule.conflicts': async (p) => {
      const ctx = need(getCtx);
      const others = liveOf(weekOf(ctx, weekStartOf(p.date)).entries).filter((e) => e.id !== p.entryId);
      const part = p.part ?? (p.start !== null ? partOfTime(p.start) : 'morning');
      const id = p.entryId ?? NEW_ENTRY_ID;
      const conflicts = conflictsOf(
        { id, date: p.date, part, start: p.start, end: p.end, status: 'requested', content: '', chairId: p.chairId, participantUserIds: p.participantUserIds, roomId: p.roomId },
        others.map(conflictEntryOf),
      );
      return { conflicts: wire(conflicts), entries: conflictSummaries(conflicts, id, others) };
    },

    'schedule.pdf': async (p) => {
      const ctx = need(getCtx);
      const weekStart = weekStartOf(p.date);
      const { entries, week } = weekOf(ctx, weekStart);
      if (!week || !isPublished(week)) throw new AppError('schedule_week_state', { status: week?.status === 'submitted' ? 'Chờ duyệt' : 'Dự thảo' });
      const bytes = await weekPdf({
        agency: ctx.agency,
        org: ctx.org,
        weekStart,
        week,
        entries: entries.map((s) => s.entry).filter(isPublicLine),
        printedAt: ctx.now(),
      });
      return { name: `Lich-cong-tac-${weekSlug(weekStart)}.pdf`, bytes };
    },

    'schedule.ics': async (p) => {
      const ctx = need(getCtx);
      const weekStart = weekStartOf(p.date);
      const now = ctx.now();
      if (p.view === 'agency') {
        const { entries, week } = weekOf(ctx, weekStart);
        if (!week || !isPublished(week)) throw new AppError('schedule_week_state', { status: week?.status === 'submitted' ? 'Chờ duyệt' : 'Dự thảo' });
        const bytes = entriesToIcs({
          agency: ctx.agency,
          org: ctx.org,
          // Cancelled lines too (STATUS:CANCELLED): a calendar that imported the week strikes them out.
          entries: entries.map((s) => s.entry).filter(isPublicLine),
          weeks: new Map([[weekStart, week]]),
          calendarName: `Lịch công tác ${ctx.agency.name}`,
          now,
        });
        return { name: `Lich-cong-tac-${weekSlug(weekStart)}.ics`, bytes };
      }
      // "Lịch của tôi" over `weeks` weeks: my meetings confirmed in published weeks.
      const last = addDays(weekStart, 7 * p.weeks - 1);
      const pending = ctx.pending();
      const weeks = new Map<string, ScheduleWeek>();
      for (let ws = weekStart; ws <= last; ws = addDays(ws, 7)) {
        const w = asWeek(ctx.overlaid(scheduleWeekId(ctx.user.agencyId, ws), pending.get(scheduleWeekId(ctx.user.agencyId, ws)) ?? [])?.state);
        if (w) weeks.set(ws, w);
      }
      const mine = withPending(ctx, ctx.store.myEntriesBetween(weekStart, last), pending, (e) => e.date >= weekStart && e.date <= last && roleOf(e, ctx.user, ctx.org) !== null)
        .map((s) => s.entry)
        .filter((e) => isPublicLine(e) && isPublished(weeks.get(e.weekStart) ?? null));
      const bytes = entriesToIcs({ agency: ctx.agency, org: ctx.org, entries: mine, weeks, calendarName: `Lịch công tác của ${ctx.user.fullName}`, now });
      return { name: `Lich-cua-toi-${weekSlug(weekStart)}.ics`, bytes };
    },

    'schedule.parseIcs': async (p) => parseIcs(p.bytes, need(getCtx).now()),

    'schedule.fromDocument': async (p) => {
      const ctx = need(getCtx);
      const doc = ctx.document(p.documentId);
      if (!doc) throw new AppError('not_found');
      return entryFromDocument(doc, vnToday(ctx.now()));
    },

    'schedule.search': async (p) => {
      const ctx = need(getCtx);
      const terms = queryTerms(p.query);
      if (terms.length === 0) return [];
      const pending = ctx.pending();
      const found = withPending(ctx, ctx.store.search(terms, p.limit), pending, (e) => matchesTerms(scheduleSearchBody(e, ctx.org), terms));
      // Latest days first, as the store gives them (what people look for is mostly this week's or next).
      return found
        .sort((a, b) => (a.entry.date === b.entry.date ? compareEntries(a.entry, b.entry) : a.entry.date < b.entry.date ? 1 : -1))
        .slice(0, p.limit)
        .map((s) => itemOf(s.entry, roleOf(s.entry, ctx.user, ctx.org), s.pending));
    },

    'schedule.notices': async (p) => need(getCtx).store.notices(p.limit),

    'schedule.noticesSeen': async (p) => {
      need(getCtx).store.markNoticesSeen(p.ids);
      return {};
    },
  };
}
