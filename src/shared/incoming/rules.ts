/**
 * The rules of the incoming-document workflow (DOMAIN.md §5), as pure functions.
 *
 * The server runs them to decide and apply every mutation; the core runs the very
 * same functions to check a user's action before queueing it and to show the
 * optimistic result while it waits to sync. One implementation, so the preview a
 * user sees is the state the server will reach.
 */
import { AppError } from '../i18n/errors.js';
import type { Assignment, AssignmentRole, HistoryAction, IncomingDocument } from './model.js';
import type { UserSummary } from '../model/organisation.js';
import type { Mutation, MutationArgs } from './mutations.js';
import { formatDateVi, vnToday } from '../text/vietnamese.js';
import { assigneeName, leadsUnit, unitName, unitSubtree, type OrgView } from '../domain/org.js';
import { assignmentsOf, canAddOpinion, canComplete, canDirect, canHandDown, canRevokeAssignment, canSee, isRevokedCopy } from './rights.js';
import { canonicalDocumentType } from '../domain/documentNumber.js';

// Who may do what lives in rights.ts (the renderer imports it too); re-exported for the server and core.
export { accessUserIds, allowedActions, assignmentsOf, canComplete, canSee } from './rights.js';
export { assigneeName, leadsUnit, type OrgView } from '../domain/org.js';

export type { RuleContext } from '../domain/ruleContext.js';
import type { RuleContext } from '../domain/ruleContext.js';

const ROLE_RANK: Record<AssignmentRole, number> = { main: 3, cooperate: 2, info: 1 };

export const ROLE_LABEL_VI: Record<AssignmentRole, string> = {
  main: 'Xử lý chính',
  cooperate: 'Phối hợp',
  info: 'Nhận để biết',
};

/** The user's strongest role on the document: main > cooperate > info, or null. */
export function roleOf(doc: Pick<IncomingDocument, 'assignments'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'>): AssignmentRole | null {
  let best: AssignmentRole | null = null;
  for (const a of assignmentsOf(doc, user)) if (best === null || ROLE_RANK[a.role] > ROLE_RANK[best]) best = a.role;
  return best;
}

/**
 * An assignment's own deadline, else (for a hand-down inside a unit) the unit's:
 * the unit leader can give no later date, so a person handed the work without one
 * works to the unit's deadline, not the main handler's.
 */
export function assignmentDeadline(doc: Pick<IncomingDocument, 'assignments'>, a: Pick<Assignment, 'deadline' | 'parentId'>): string | null {
  if (a.deadline !== null || a.parentId === null) return a.deadline;
  const parent = doc.assignments.find((p) => p.id === a.parentId);
  return parent ? assignmentDeadline(doc, parent) : null;
}

/** The deadline that applies to the user: their own assignment's (or its unit's), else the document's. */
export function deadlineFor(doc: Pick<IncomingDocument, 'assignments' | 'dueDate'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'> | null): string | null {
  if (user) {
    const mine = assignmentsOf(doc, user)
      .map((a) => ({ role: a.role, deadline: assignmentDeadline(doc, a) }))
      .filter((a) => a.deadline !== null)
      .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]);
    if (mine[0]?.deadline) return mine[0].deadline;
  }
  const main = doc.assignments.find((a) => a.parentId === null && a.role === 'main' && a.status !== 'revoked');
  return main?.deadline ?? doc.dueDate;
}

/** Overdue is derived, never stored: not done and past the applicable deadline (Vietnam date). */
export function isOverdue(doc: Pick<IncomingDocument, 'assignments' | 'dueDate' | 'status'>, user: Pick<UserSummary, 'id' | 'role' | 'unitId'> | null, now: Date): boolean {
  if (doc.status === 'done') return false;
  const d = deadlineFor(doc, user);
  return d !== null && d < vnToday(now);
}

function deriveStatus(doc: IncomingDocument): IncomingDocument['status'] {
  if (doc.status === 'done') return 'done';
  return doc.assignments.some((a) => a.status === 'active') ? 'in_progress' : 'registered';
}

/** HistoryEntry.summary's limit. A summary quotes what the user wrote (an opinion of up to 4,000 characters), so it is clipped:
 * a longer one broke every client's pull of the document (the schema refused it) and held its sync (docs/decisions.md §18). */
const SUMMARY_MAX = 2000;

function clipSummary(s: string): string {
  if (s.length <= SUMMARY_MAX) return s;
  const cut = s.slice(0, SUMMARY_MAX - 1).replace(/[\uD800-\uDBFF]$/u, '');
  return `${cut}…`;
}

function withHistory(doc: IncomingDocument, ctx: RuleContext, action: HistoryAction, summary: string, details: Record<string, unknown> = {}): IncomingDocument {
  const entry = { id: doc.history.length + 1, actorId: ctx.actor.id, action, at: ctx.now.toISOString(), summary: clipSummary(summary), details };
  return { ...doc, history: [...doc.history, entry] };
}

function checkDeadline(deadline: string | null, ctx: RuleContext): void {
  if (deadline !== null && deadline < vnToday(ctx.now)) throw new AppError('deadline_invalid');
}

/**
 * The dates of a registration: a document cannot be issued after the day it is
 * registered, nor be due before it was issued (Vietnam calendar days). The form
 * shows the same rule; the server and the core enforce it.
 */
export function checkIncomingDates(m: Pick<IncomingDocument, 'issuedDate' | 'dueDate'>, now: Date): void {
  const today = vnToday(now);
  if (m.issuedDate > today) throw new AppError('issued_date_future', { date: formatDateVi(m.issuedDate), today: formatDateVi(today) });
  if (m.dueDate !== null && m.dueDate < m.issuedDate) throw new AppError('due_before_issued', { due: formatDateVi(m.dueDate), date: formatDateVi(m.issuedDate) });
}

function describeAssignment(org: OrgView, a: Pick<Assignment, 'role' | 'unitId' | 'userId' | 'deadline'>): string {
  const base = `${ROLE_LABEL_VI[a.role]}: ${assigneeName(org, a)}`;
  return a.deadline ? `${base} (hạn ${formatDateVi(a.deadline)})` : base;
}

/** A new incoming document as registered by a clerk. The arrival number comes from the server's register. */
export function createIncoming(
  args: MutationArgs<'incoming.register'>,
  ctx: RuleContext,
  arrival: { number: number; year: number },
  duplicateOf: string[],
): IncomingDocument {
  if (ctx.actor.role !== 'clerk') throw new AppError('not_clerk');
  checkIncomingDates(args.metadata, ctx.now);
  const at = ctx.now.toISOString();
  // Mật, Tối mật and Tuyệt mật are all state-secret levels: desktops get the metadata only.
  const secret = args.metadata.confidentiality !== 'normal';
  let doc: IncomingDocument = {
    ...args.metadata,
    // One spelling per known type ("Giấy uỷ quyền" is stored as "Giấy ủy quyền"), so lists and filters group them.
    documentType: canonicalDocumentType(args.metadata.documentType),
    id: args.documentId,
    agencyId: ctx.actor.agencyId,
    arrivalYear: arrival.year,
    arrivalNumber: arrival.number,
    arrivalDate: at,
    status: 'registered',
    instruction: '',
    instructedBy: null,
    instructedAt: null,
    registeredBy: ctx.actor.id,
    completedAt: null,
    completedBy: null,
    completionNote: '',
    duplicateOf,
    contentWithheld: secret,
    files: args.files,
    assignments: [],
    opinions: [],
    history: [],
    readAt: null,
    updatedAt: (ctx.appliedAt ?? ctx.now).toISOString(),
    version: 1,
  };
  doc = withHistory(doc, ctx, 'registered', `Vào sổ văn bản đến số ${arrival.number}`, { arrivalNumber: arrival.number });
  if (duplicateOf.length > 0)
    doc = withHistory(doc, ctx, 'duplicate_warning', 'Cảnh báo: trùng số, ký hiệu, cơ quan ban hành (cùng năm ban hành) với văn bản đã vào sổ', {
      duplicateOf,
    });
  return doc;
}

function assign(doc: IncomingDocument, args: MutationArgs<'incoming.assign'>, ctx: RuleContext): IncomingDocument {
  const { org } = ctx;
  if (!canDirect(ctx.actor, org.units)) throw new AppError('not_agency_leader');
  const topActive = doc.assignments.filter((a) => a.parentId === null && a.status === 'active');
  const seen = new Set(topActive.map((a) => a.unitId ?? a.userId));
  let mains = topActive.filter((a) => a.role === 'main').length;
  const created: Assignment[] = [];
  for (const n of args.assignments) {
    if (doc.assignments.some((a) => a.id === n.id)) throw new AppError('bad_request');
    const validUnit = n.unitId !== null && org.units.some((u) => u.id === n.unitId && u.agencyId === doc.agencyId);
    const validUser = n.userId !== null && org.users.some((u) => u.id === n.userId && u.active && u.agencyId === doc.agencyId);
    if (!validUnit && !validUser) throw new AppError('assignee_invalid');
    const key = n.unitId ?? n.userId;
    if (seen.has(key)) throw new AppError('duplicate_assignee');
    seen.add(key);
    checkDeadline(n.deadline, ctx);
    if (n.role === 'main') mains += 1;
    created.push({ ...n, parentId: null, assignedBy: ctx.actor.id, assignedAt: ctx.now.toISOString(), status: 'active', completedAt: null });
  }
  if (mains > 1) throw new AppError(topActive.some((a) => a.role === 'main') ? 'main_handler_exists' : 'main_handler_required');
  if (mains === 0) throw new AppError('main_handler_required');
  let next: IncomingDocument = { ...doc, assignments: [...doc.assignments, ...created] };
  if (args.instruction !== '') {
    next = { ...next, instruction: args.instruction, instructedBy: ctx.actor.id, instructedAt: ctx.now.toISOString() };
    next = withHistory(next, ctx, 'instructed', `Ý kiến chỉ đạo: ${args.instruction}`, { instruction: args.instruction });
  }
  next = withHistory(next, ctx, 'assigned', `Phân công — ${created.map((a) => describeAssignment(org, a)).join('; ')}`, {
    assignmentIds: created.map((a) => a.id),
  });
  return next;
}

function reassign(doc: IncomingDocument, args: MutationArgs<'incoming.reassign'>, ctx: RuleContext): IncomingDocument {
  const { org } = ctx;
  const parent = doc.assignments.find((a) => a.id === args.parentAssignmentId);
  if (!parent) throw new AppError('assignment_not_found');
  if (parent.status !== 'active') throw new AppError('assignment_inactive');
  if (!leadsUnit(ctx.actor, parent.unitId)) throw new AppError('not_unit_leader');
  const members = unitSubtree(parent.unitId as string, org.units);
  const siblings = doc.assignments.filter((a) => a.parentId === parent.id && a.status === 'active');
  const seen = new Set(siblings.map((a) => a.userId));
  let mains = siblings.filter((a) => a.role === 'main').length;
  const created: Assignment[] = [];
  for (const n of args.assignments) {
    if (doc.assignments.some((a) => a.id === n.id)) throw new AppError('bad_request');
    const user = org.users.find((u) => u.id === n.userId && u.active);
    if (!user) throw new AppError('assignee_invalid');
    if (!members.has(user.unitId)) throw new AppError('assignee_outside_unit');
    if (seen.has(n.userId)) throw new AppError('duplicate_assignee');
    seen.add(n.userId);
    // A handler inside the unit can never hold a stronger role than the unit itself.
    if (!canHandDown(parent, n.role)) throw new AppError('assignee_invalid');
    checkDeadline(n.deadline, ctx);
    if (n.deadline !== null && parent.deadline !== null && n.deadline > parent.deadline) throw new AppError('deadline_invalid');
    if (n.role === 'main') mains += 1;
    // No date given: the person works to the unit's deadline (stored, so the slip and history say it),
    // even once it has passed — then no date is valid and the hand-down is overdue from the start.
    const deadline = n.deadline ?? (n.role === 'info' ? null : parent.deadline);
    created.push({ ...n, deadline, unitId: null, parentId: parent.id, assignedBy: ctx.actor.id, assignedAt: ctx.now.toISOString(), status: 'active', completedAt: null });
  }
  if (mains > 1) throw new AppError('main_handler_exists');
  const next = { ...doc, assignments: [...doc.assignments, ...created] };
  return withHistory(next, ctx, 'reassigned', `${unitName(org, parent.unitId)} phân công lại — ${created.map((a) => describeAssignment(org, a)).join('; ')}`, {
    parentAssignmentId: parent.id,
    assignmentIds: created.map((a) => a.id),
  });
}

function revoke(doc: IncomingDocument, args: MutationArgs<'incoming.revokeAssignment'>, ctx: RuleContext): IncomingDocument {
  const target = doc.assignments.find((a) => a.id === args.assignmentId);
  if (!target) throw new AppError('assignment_not_found');
  if (target.status !== 'active') throw new AppError('assignment_inactive');
  if (!canRevokeAssignment(doc, ctx.actor, target, ctx.org.units)) throw new AppError('forbidden');
  // Revoking an assignment also revokes what was re-assigned below it.
  const gone = new Set([target.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of doc.assignments) if (a.parentId && gone.has(a.parentId) && !gone.has(a.id)) (gone.add(a.id), (grew = true));
  }
  const assignments = doc.assignments.map((a) => (gone.has(a.id) && a.status === 'active' ? { ...a, status: 'revoked' as const } : a));
  const next = { ...doc, assignments };
  const reason = args.reason ? ` — lý do: ${args.reason}` : '';
  return withHistory(next, ctx, 'assignment_revoked', `Thu hồi phân công ${describeAssignment(ctx.org, target)}${reason}`, {
    assignmentIds: [...gone],
    reason: args.reason,
  });
}

function addOpinion(doc: IncomingDocument, args: MutationArgs<'incoming.addOpinion'>, ctx: RuleContext): IncomingDocument {
  if (!canAddOpinion(doc, ctx.actor, ctx.org.units)) throw new AppError('not_handler');
  if (doc.opinions.some((o) => o.id === args.opinionId)) throw new AppError('bad_request');
  const opinion = { id: args.opinionId, authorId: ctx.actor.id, kind: args.kind, content: args.content, progress: args.progress, createdAt: ctx.now.toISOString() };
  const next = { ...doc, opinions: [...doc.opinions, opinion] };
  const summary = args.kind === 'progress' ? `Cập nhật tiến độ${args.progress !== null ? ` ${args.progress}%` : ''}: ${args.content}` : `Ý kiến xử lý: ${args.content}`;
  return withHistory(next, ctx, args.kind, summary, { opinionId: args.opinionId });
}

function complete(doc: IncomingDocument, args: MutationArgs<'incoming.complete'>, ctx: RuleContext): IncomingDocument {
  if (!canComplete(doc, ctx.actor)) throw new AppError(assignmentsOf(doc, ctx.actor).length > 0 ? 'not_main_handler' : 'not_handler');
  const at = ctx.now.toISOString();
  const assignments = doc.assignments.map((a) => (a.status === 'active' ? { ...a, status: 'done' as const, completedAt: at } : a));
  const next: IncomingDocument = { ...doc, assignments, status: 'done', completedAt: at, completedBy: ctx.actor.id, completionNote: args.note };
  // The reply (an outgoing document, issue #10) is named only when there is one: older states stay as they were.
  const replied = args.replyId === null ? next : { ...next, replyId: args.replyId };
  return withHistory(replied, ctx, 'completed', args.note ? `Hoàn thành xử lý: ${args.note}` : 'Hoàn thành xử lý', args.replyId === null ? {} : { replyId: args.replyId });
}

/**
 * Check a mutation against the rules and return the document after it.
 * Throws AppError when the rules refuse it. `incoming.register` is handled by createIncoming.
 */
export function applyMutation(doc: IncomingDocument, mutation: Exclude<Mutation, { name: 'incoming.register' }>, ctx: RuleContext): IncomingDocument {
  if (!canSee(doc, ctx.actor, ctx.org)) throw new AppError('document_not_found');
  if (mutation.name === 'incoming.markRead') return doc.readAt ? doc : { ...doc, readAt: ctx.now.toISOString() };
  if (doc.status === 'done') throw new AppError('document_done');
  if (isRevokedCopy(doc)) throw new AppError('incoming_revoked');
  let next: IncomingDocument;
  switch (mutation.name) {
    case 'incoming.assign':
      next = assign(doc, mutation.args, ctx);
      break;
    case 'incoming.reassign':
      next = reassign(doc, mutation.args, ctx);
      break;
    case 'incoming.revokeAssignment':
      next = revoke(doc, mutation.args, ctx);
      break;
    case 'incoming.addOpinion':
      next = addOpinion(doc, mutation.args, ctx);
      break;
    case 'incoming.complete':
      next = complete(doc, mutation.args, ctx);
      break;
  }
  return { ...next, status: deriveStatus(next), updatedAt: (ctx.appliedAt ?? ctx.now).toISOString(), version: doc.version + 1 };
}
