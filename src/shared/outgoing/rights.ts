/**
 * Who sees and may do what with an outgoing document (issue #10; docs/decisions.md §29), pure
 * and zod-free: the server enforces it, the core checks it before queuing and computes the
 * same visibility, the renderer shows only the buttons it allows.
 *
 * - Anyone of the agency drafts; the AUTHOR edits and uploads versions while drafting, submits
 *   along a route, and may cancel the draft until it is signed.
 * - The HOLDER of the current step (the route's user) approves, returns to the author with a
 *   comment, forwards to someone else, and may upload a revised version (Appendix VI III.1.n).
 * - The SIGNER signs at the last step (only the signer: `not_signer`).
 * - CLERKS (role clerk) number, seal, dispatch and record deliveries (only a clerk: `not_clerk`).
 * - An issued document is revoked by a clerk, its signer or an agency leader.
 * - Seen by its author, everyone on its route, its signer and the leaders of the drafting unit;
 *   once signed also by the clerks; once issued also by the agency's leaders.
 */
import { isAgencyLeader, leadsUnit, type OrgView } from '../domain/org.js';
import type { UserSummary } from '../model/organisation.js';
import type { OutgoingMutationName, OutgoingStatus, StepKind, StepState } from './constants.js';

type Actor = Pick<UserSummary, 'id' | 'role' | 'unitId'> & { readonly active?: boolean };

/** What the rights read of a document (its state, or a list row). */
export interface OutgoingFacts {
  readonly status: OutgoingStatus;
  readonly createdBy: string;
  readonly draftingUnitId: string;
  readonly signerId: string | null;
  readonly route: readonly { readonly userId: string; readonly kind: StepKind; readonly state: StepState }[];
  readonly currentStep: number | null;
}

const SIGNED_OR_LATER: readonly OutgoingStatus[] = ['to_issue', 'numbered', 'issued', 'revoked'];
const BEFORE_SIGNATURE: readonly OutgoingStatus[] = ['drafting', 'reviewing', 'to_sign'];

export function currentHolder(doc: Pick<OutgoingFacts, 'route' | 'currentStep' | 'status'>): { userId: string; kind: StepKind } | null {
  if (doc.status !== 'reviewing' && doc.status !== 'to_sign') return null;
  const step = doc.currentStep === null ? undefined : doc.route[doc.currentStep];
  return step ? { userId: step.userId, kind: step.kind } : null;
}

export function isCurrentHolder(doc: OutgoingFacts, user: Actor): boolean {
  return currentHolder(doc)?.userId === user.id;
}

/** The users who see it (the server's record access; the core's list filters agree). */
export function outgoingAccessUserIds(doc: OutgoingFacts, org: OrgView): Set<string> {
  const ids = new Set<string>([doc.createdBy]);
  for (const s of doc.route) ids.add(s.userId);
  if (doc.signerId) ids.add(doc.signerId);
  for (const u of org.users) {
    if (leadsUnit(u, doc.draftingUnitId)) ids.add(u.id);
    if (SIGNED_OR_LATER.includes(doc.status) && u.role === 'clerk') ids.add(u.id);
    if ((doc.status === 'issued' || doc.status === 'revoked') && isAgencyLeader(u, org.units)) ids.add(u.id);
  }
  return ids;
}

export function canSeeOutgoing(doc: OutgoingFacts, user: Actor, org: OrgView): boolean {
  return outgoingAccessUserIds(doc, org).has(user.id);
}

export function canDraft(user: Actor): boolean {
  return user.active !== false && user.role !== 'admin';
}

export function isOutgoingClerk(user: Actor): boolean {
  return user.role === 'clerk' && user.active !== false;
}

/** The actions this user may take now, by mutation name (buttons, and the core's check before queuing). */
export function outgoingActions(doc: OutgoingFacts, user: Actor, org: OrgView): Set<OutgoingMutationName> {
  const out = new Set<OutgoingMutationName>();
  if (user.active === false || !canSeeOutgoing(doc, user, org)) return out;
  const author = doc.createdBy === user.id;
  const holder = currentHolder(doc);
  const holds = holder?.userId === user.id;
  if (BEFORE_SIGNATURE.includes(doc.status)) out.add('outgoing.comment');
  if ((doc.status === 'drafting' && author) || holds) {
    out.add('outgoing.update');
    out.add('outgoing.addVersion');
  }
  if (doc.status === 'drafting' && author) out.add('outgoing.submit');
  if (holds && holder?.kind !== 'sign') {
    out.add('outgoing.approve');
    out.add('outgoing.forward');
  }
  if (holds) out.add('outgoing.return');
  if (holds && holder?.kind === 'sign' && doc.signerId === user.id) out.add('outgoing.sign');
  if (author && BEFORE_SIGNATURE.includes(doc.status)) out.add('outgoing.cancel');
  if (isOutgoingClerk(user)) {
    if (doc.status === 'to_issue') out.add('outgoing.issue');
    if (doc.status === 'numbered') out.add('outgoing.seal');
    if (doc.status === 'issued') {
      out.add('outgoing.dispatch');
      out.add('outgoing.deliver');
    }
  }
  if (doc.status === 'issued' && (isOutgoingClerk(user) || doc.signerId === user.id || isAgencyLeader(user, org.units))) out.add('outgoing.revoke');
  return out;
}

/** Which list a document is in for this user ("Dự thảo của tôi", "Chờ tôi duyệt", …); a document may be in several. */
export function outgoingViewsOf(doc: OutgoingFacts, user: Actor): Set<'mine' | 'to_review' | 'to_sign' | 'to_issue' | 'issued'> {
  const out = new Set<'mine' | 'to_review' | 'to_sign' | 'to_issue' | 'issued'>();
  if (doc.createdBy === user.id && doc.status !== 'issued' && doc.status !== 'revoked') out.add('mine');
  const holder = currentHolder(doc);
  if (holder?.userId === user.id) out.add(holder.kind === 'sign' ? 'to_sign' : 'to_review');
  if ((doc.status === 'to_issue' || doc.status === 'numbered') && user.role === 'clerk') out.add('to_issue');
  if (doc.status === 'issued' || doc.status === 'revoked') out.add('issued');
  return out;
}
