/**
 * Who sees and may do what in the weekly schedule (issue #9; docs/decisions.md §28), pure and
 * zod-free: the server enforces it, the core checks it before queuing an action and computes
 * the same visibility, the renderer shows only the buttons it allows.
 *
 * - The OFFICE compiles the week: the members of the agency's schedule office unit
 *   (Organisation.schedule.officeUnitId, e.g. Văn phòng), clerks, specialists and leaders alike.
 *   Without an office unit, the agency's leaders compile it.
 * - The AGENCY'S LEADERS (leaders of the root unit) approve, return, and also compile.
 * - Anyone in the agency may request an entry ("Đăng ký lịch") for their unit.
 * - An entry is seen by its requester, the leaders of the requesting unit, the office and the
 *   agency's leaders; once scheduled (or cancelled) in a published week, by everyone in the agency.
 *   Drafts are never seen by the others, and a request's fate by those who asked.
 */
import { isAgencyLeader, unitSubtree, type OrgView } from '../domain/org.js';
import type { UserSummary } from '../model/organisation.js';
import type { EntryStatus, WeekStatus } from './constants.js';

type Actor = Pick<UserSummary, 'id' | 'role' | 'unitId'> & { readonly active?: boolean };

/** What the rights read of an entry (its state, or a list row). */
export interface EntryFacts {
  readonly status: EntryStatus;
  readonly requestedBy: string;
  readonly requestingUnitId: string;
  readonly chairId: string | null;
  readonly participantUserIds: readonly string[];
  readonly participantUnitIds: readonly string[];
  readonly preparingUnitId: string | null;
}

/** What the rights read of a week (null: nobody has acted on the week yet: a draft). */
export interface WeekFacts {
  readonly status: WeekStatus;
}

export function scheduleOfficeUnitId(org: Pick<OrgView, 'schedule'>): string | null {
  return org.schedule?.officeUnitId ?? null;
}

/** A member of the office that compiles the week. */
export function isScheduleOffice(user: Actor, org: OrgView): boolean {
  const office = scheduleOfficeUnitId(org);
  if (office === null) return isAgencyLeader(user, org.units);
  return user.unitId === office && user.role !== 'admin';
}

/** May compile: accept, reject, merge, edit, add and cancel entries, submit the week. */
export function canCompileSchedule(user: Actor, org: OrgView): boolean {
  return isScheduleOffice(user, org) || isAgencyLeader(user, org.units);
}

/** May approve (publish) or return the week. */
export function canApproveSchedule(user: Actor, org: OrgView): boolean {
  return isAgencyLeader(user, org.units);
}

/** May request entries: anyone of the agency who can act. */
export function canRequestSchedule(user: Actor): boolean {
  return user.active !== false;
}

/** Sees the drafts and every request: the office and the agency's leaders. */
export const seesScheduleDrafts = canCompileSchedule;

/** An entry of a published week that is part of it (struck-through cancellations included). */
export function isPublicEntry(entry: Pick<EntryFacts, 'status'>, week: WeekFacts | null): boolean {
  return week?.status === 'published' && (entry.status === 'scheduled' || entry.status === 'cancelled');
}

/** Every user who sees the entry (the server's record_access; the core's checks). */
export function entryAccessUserIds(entry: EntryFacts, week: WeekFacts | null, org: OrgView): Set<string> {
  const out = new Set<string>();
  const everyone = isPublicEntry(entry, week);
  for (const u of org.users) {
    if (!u.active) continue;
    if (everyone || u.id === entry.requestedBy || canCompileSchedule(u, org) || (u.role === 'leader' && u.unitId === entry.requestingUnitId)) out.add(u.id);
  }
  // The requester keeps seeing what they asked for even after leaving the agency's active staff list.
  out.add(entry.requestedBy);
  return out;
}

export function canSeeEntry(user: Actor, entry: EntryFacts, week: WeekFacts | null, org: OrgView): boolean {
  return (
    isPublicEntry(entry, week) ||
    user.id === entry.requestedBy ||
    canCompileSchedule(user, org) ||
    (user.role === 'leader' && user.unitId === entry.requestingUnitId)
  );
}

/** Week records are seen by everyone in the agency (status, revision numbers, what changed). */
export function weekAccessUserIds(org: OrgView): Set<string> {
  return new Set(org.users.filter((u) => u.active).map((u) => u.id));
}

export type EntryAction = 'update' | 'accept' | 'reject' | 'merge' | 'withdraw' | 'cancel';
export type WeekAction = 'submit' | 'return' | 'approve';

/** What the user may do to an entry now (the buttons the entry view shows). */
export function allowedEntryActions(user: Actor, entry: EntryFacts, org: OrgView): EntryAction[] {
  const compiles = canCompileSchedule(user, org);
  const mine = user.id === entry.requestedBy;
  switch (entry.status) {
    case 'requested':
      return [...(compiles || mine ? (['update'] as const) : []), ...(compiles ? (['accept', 'reject', 'merge'] as const) : []), ...(mine ? (['withdraw'] as const) : [])];
    case 'scheduled':
      return compiles ? ['update', 'cancel'] : [];
    default:
      return [];
  }
}

/** What the user may do to the week now. */
export function allowedWeekActions(user: Actor, week: WeekFacts | null, org: OrgView): WeekAction[] {
  const status = week?.status ?? 'draft';
  const out: WeekAction[] = [];
  if (status === 'draft' && isScheduleOffice(user, org)) out.push('submit');
  if (status === 'submitted' && canApproveSchedule(user, org)) out.push('return');
  if (status !== 'published' && canApproveSchedule(user, org)) out.push('approve');
  return out;
}

/**
 * How the entry concerns the user, strongest first: chairs it, takes part (named, or their unit
 * is), their unit prepares it. Null: it does not (the "Lịch của tôi" filter; who is told of a revision).
 */
export function myEntryRole(user: Pick<UserSummary, 'id' | 'unitId'>, entry: EntryFacts, org: Pick<OrgView, 'units'>): 'chair' | 'participant' | 'preparing' | null {
  if (entry.chairId === user.id) return 'chair';
  if (entry.participantUserIds.includes(user.id)) return 'participant';
  if (entry.participantUnitIds.some((u) => unitSubtree(u, org.units).has(user.unitId))) return 'participant';
  if (entry.preparingUnitId !== null && unitSubtree(entry.preparingUnitId, org.units).has(user.unitId)) return 'preparing';
  return null;
}

/** Users the entry concerns (chair, participants, members of participating and preparing units): told of its revisions. */
export function affectedUserIds(entry: EntryFacts, org: OrgView): Set<string> {
  return new Set(org.users.filter((u) => u.active && myEntryRole(u, entry, org) !== null).map((u) => u.id));
}
