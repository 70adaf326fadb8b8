/**
 * "Can this user …?" — the one place that answers it (docs/decisions.md §24).
 *
 * The server applies these rules to every mutation (through incomingRules.ts), the
 * core to check an action before queueing it and to compute a document's
 * `allowedActions`, and the renderer to decide what to offer (the register button,
 * which tabs, which assignments can be handed down or revoked). The renderer must
 * never re-derive them, so this module is pure and free of zod (type-only imports
 * of the models): the layering check lets the renderer import it.
 */
import type { Assignment, AssignmentRole, IncomingDocument } from './model.js';
import type { UserSummary } from '../model/organisation.js';
import type { Mutation } from './mutations.js';
import { isAgencyLeader, leadsUnit, type OrgView } from '../domain/org.js';

type Who = Pick<UserSummary, 'id' | 'role' | 'unitId'>;
type Units = OrgView['units'];

/** Assignments (not revoked) that concern `user`: to them personally, or to a unit they lead. */
export function assignmentsOf(doc: Pick<IncomingDocument, 'assignments'>, user: Who, includeRevoked = false): Assignment[] {
  return doc.assignments.filter(
    (a) => (includeRevoked || a.status !== 'revoked') && (a.userId === user.id || leadsUnit(user, a.unitId)),
  );
}

type AccessFacts = Pick<IncomingDocument, 'agencyId' | 'assignments' | 'registeredBy' | 'receivingUnitId'>;

/**
 * Who keeps the register the document is in: the agency's clerks and leaders; for a unit's own
 * copy (an outgoing document of the agency dispatched to the unit, issue #10), the unit's
 * leaders and the clerks who belong to it.
 */
function keepsRegister(doc: AccessFacts, u: Pick<UserSummary, 'role' | 'unitId'>, units: Units): boolean {
  const unit = doc.receivingUnitId ?? null;
  if (unit === null) return u.role === 'clerk' || isAgencyLeader(u, units);
  return u.unitId === unit && (u.role === 'clerk' || u.role === 'leader');
}

/** Everyone who may see the document (DOMAIN.md §5; docs/data-model.md "Visibility"). */
export function accessUserIds(doc: AccessFacts, org: OrgView): Set<string> {
  const ids = new Set<string>();
  for (const u of org.users) {
    if (!u.active || u.agencyId !== doc.agencyId) continue;
    if (keepsRegister(doc, u, org.units)) ids.add(u.id);
  }
  for (const a of doc.assignments) {
    if (a.status === 'revoked') continue;
    if (a.userId) ids.add(a.userId);
    if (a.unitId) for (const u of org.users) if (u.active && leadsUnit(u, a.unitId)) ids.add(u.id);
  }
  return ids;
}

export function canSee(doc: AccessFacts, user: UserSummary, org: OrgView): boolean {
  return accessUserIds(doc, org).has(user.id);
}

/** The outgoing document this copy came from was revoked. */
export function isRevokedCopy(doc: Pick<IncomingDocument, 'revocation'>): boolean {
  return (doc.revocation ?? null) !== null;
}

/** Clerks register incoming documents (Decree 30, Art. 22). */
export function canRegister(user: Pick<UserSummary, 'role'>): boolean {
  return user.role === 'clerk';
}

/** The agency's leaders instruct and assign (Art. 24). */
export function canDirect(user: Pick<UserSummary, 'role' | 'unitId'>, units: Units): boolean {
  return isAgencyLeader(user, units);
}

/** Clerks and agency leaders oversee the whole register; everyone else works from their own assignments. */
export function seesWholeRegister(user: Pick<UserSummary, 'role' | 'unitId'>, units: Units): boolean {
  return canRegister(user) || isAgencyLeader(user, units);
}

/** How a user's role is named: an agency leader is a leader of the root unit. */
export type RoleKey = UserSummary['role'] | 'agencyLeader';
export function roleKey(user: Pick<UserSummary, 'role' | 'unitId'>, units: Units): RoleKey {
  return isAgencyLeader(user, units) ? 'agencyLeader' : user.role;
}

/** The unit assignments `user` may hand down inside their unit: active, to a unit they lead. */
export function reassignableAssignments(doc: Pick<IncomingDocument, 'assignments' | 'status'>, user: Who): Assignment[] {
  if (doc.status === 'done') return [];
  return assignmentsOf(doc, user).filter((a) => a.status === 'active' && a.unitId !== null);
}

const ROLE_RANK: Record<AssignmentRole, number> = { main: 3, cooperate: 2, info: 1 };

/** A person handed the work inside a unit never holds a stronger role than the unit itself. */
export function canHandDown(parent: Pick<Assignment, 'role'>, role: AssignmentRole): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[parent.role];
}

/** Handlers (and the agency's leaders) give opinions and report progress. */
export function canAddOpinion(doc: Pick<IncomingDocument, 'assignments' | 'status'>, user: Who, units: Units): boolean {
  if (doc.status === 'done') return false;
  return isAgencyLeader(user, units) || assignmentsOf(doc, user).some((a) => a.status === 'active');
}

/** The user may complete: they hold the active main assignment, or lead the unit that does. */
export function canComplete(doc: Pick<IncomingDocument, 'assignments' | 'status'>, user: Who): boolean {
  return doc.status !== 'done' && assignmentsOf(doc, user).some((a) => a.role === 'main' && a.status === 'active');
}

/** Whoever made an active assignment may revoke it, and the agency's leaders any. */
export function canRevokeAssignment(doc: Pick<IncomingDocument, 'status'>, user: Who, a: Pick<Assignment, 'status' | 'assignedBy'>, units: Units): boolean {
  return doc.status !== 'done' && a.status === 'active' && (a.assignedBy === user.id || isAgencyLeader(user, units));
}

/** What the signed-in user may do with a document; the UI shows only these actions. */
export function allowedActions(doc: IncomingDocument, user: UserSummary, org: OrgView): Set<Mutation['name']> {
  const out = new Set<Mutation['name']>(['incoming.markRead']);
  // A revoked copy is kept as it was, for the record (Decree 30 Art. 18): nothing more is done with it.
  if (doc.status === 'done' || isRevokedCopy(doc)) return out;
  if (canDirect(user, org.units)) out.add('incoming.assign');
  if (reassignableAssignments(doc, user).length > 0) out.add('incoming.reassign');
  if (canAddOpinion(doc, user, org.units)) out.add('incoming.addOpinion');
  if (canComplete(doc, user)) out.add('incoming.complete');
  if (doc.assignments.some((a) => canRevokeAssignment(doc, user, a, org.units))) out.add('incoming.revokeAssignment');
  return out;
}
