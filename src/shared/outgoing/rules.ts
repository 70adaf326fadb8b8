/**
 * The rules of outgoing documents (issue #10; docs/decisions.md §29) as pure functions: the
 * server runs them to decide every mutation, the core's overlay runs the very same ones to
 * preview it. Who may do what is answered in rights.ts; here it is enforced, with AppError
 * codes (src/shared/i18n/errors.ts) and a Vietnamese timeline.
 *
 * What only the server knows comes in as facts: the number it gives (IssueFacts), the
 * incoming copies it registers in the recipient units (DispatchFacts). Zod-free.
 */
import { AppError } from '../i18n/errors.js';
import type { RuleContext } from '../domain/ruleContext.js';
import { isAgencyLeader, unitName, userName } from '../domain/org.js';
import { formatNumberSymbol } from '../domain/documentNumber.js';
import { vnToday } from '../text/vietnamese.js';
import { DELIVERY_STATE_LABELS, OUTGOING_LIMITS, OUTGOING_STATUS_LABELS, STEP_KIND_LABELS, type OutgoingHistoryAction, type OutgoingStatus } from './constants.js';
import type { Delivery, DraftFields, IssuedNumber, OutgoingDocument, Recipient, ReviewStep, SignatureRecord } from './model.js';
import type {
  AddVersionArgs,
  ApproveArgs,
  CancelArgs,
  CommentArgs,
  CreateDraftArgs,
  DeliverArgs,
  DispatchArgs,
  DraftInput,
  ForwardArgs,
  IssueArgs,
  RecipientInput,
  ReturnArgs,
  RevokeArgs,
  SealArgs,
  SignArgs,
  SubmitArgs,
  UpdateDraftArgs,
} from './mutations.js';
import { canDraft, currentHolder, isOutgoingClerk } from './rights.js';

/** The number the server gives; null in the core's preview (the request waits for the server). */
export interface IssueFacts {
  readonly number: IssuedNumber | null;
}

/** The incoming copies the server registered in recipient units, by recipient id. */
export interface DispatchFacts {
  readonly incomingIds: Readonly<Record<string, string>>;
}

type Doc = OutgoingDocument;
type Ctx = RuleContext;

const SUMMARY_MAX = 2000;
function clip(s: string): string {
  if (s.length <= SUMMARY_MAX) return s;
  return `${s.slice(0, SUMMARY_MAX - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`;
}

function bound(count: number, limit: number): void {
  if (count > limit) throw new AppError('outgoing_limit_reached', { limit });
}

const stamp = (ctx: Ctx): string => (ctx.appliedAt ?? ctx.now).toISOString();
const withText = (s: string, more: string): string => (more ? `${s}: ${more}` : s);

function history(d: Doc, ctx: Ctx, action: OutgoingHistoryAction, summary: string): Doc['history'] {
  bound(d.history.length + 1, OUTGOING_LIMITS.history);
  return [...d.history, { id: d.history.length + 1, actorId: ctx.actor.id, action, at: ctx.now.toISOString(), summary: clip(summary) }];
}

function next(d: Doc, ctx: Ctx, action: OutgoingHistoryAction, summary: string, changes: Partial<Doc>): Doc {
  return { ...d, ...changes, history: history(d, ctx, action, summary), updatedAt: stamp(ctx), version: d.version + 1 };
}

function requireStatus(d: Doc, ...allowed: OutgoingStatus[]): void {
  if (!allowed.includes(d.status)) throw new AppError('outgoing_wrong_status', { status: OUTGOING_STATUS_LABELS[d.status].vi });
}

function requireAgency(d: Doc, ctx: Ctx): void {
  if (d.agencyId !== ctx.actor.agencyId) throw new AppError('outgoing_not_found');
}

// ---------------------------------------------------------------------------------------------
// Fields

function activeUser(ctx: Ctx, id: string): { id: string; role: string; unitId: string; fullName: string } {
  const u = ctx.org.users.find((x) => x.id === id);
  if (!u || !u.active) throw new AppError('outgoing_user_invalid');
  return u;
}

function checkSigner(ctx: Ctx, id: string | null): void {
  if (id === null) return;
  const u = activeUser(ctx, id);
  if (u.role !== 'leader') throw new AppError('outgoing_signer_not_leader', { name: u.fullName });
}

function recipientsOf(ctx: Ctx, input: readonly RecipientInput[]): Recipient[] {
  const seen = new Set<string>();
  return input.map((r) => {
    if (seen.has(r.id)) throw new AppError('validation_failed', { details: 'recipients: duplicate id' });
    seen.add(r.id);
    if (r.kind === 'unit') {
      if (r.unitId === null || !ctx.org.units.some((u) => u.id === r.unitId)) throw new AppError('outgoing_recipient_invalid', { name: r.name });
    }
    if (r.kind === 'mail' && r.email === null) throw new AppError('outgoing_recipient_email_missing', { name: r.name });
    return { id: r.id, kind: r.kind, unitId: r.kind === 'unit' ? r.unitId : null, name: r.name, email: r.kind === 'mail' ? r.email : null };
  });
}

function checkFields(ctx: Ctx, f: Pick<DraftFields, 'draftingUnitId' | 'signerId' | 'replyDueDate'>, checkDue: boolean): void {
  if (!ctx.org.units.some((u) => u.id === f.draftingUnitId)) throw new AppError('outgoing_unit_invalid');
  checkSigner(ctx, f.signerId);
  if (checkDue && f.replyDueDate !== null && f.replyDueDate < vnToday(ctx.now)) throw new AppError('deadline_invalid');
}

function fieldsFrom(ctx: Ctx, input: DraftInput): DraftFields {
  const fields: DraftFields = {
    documentType: input.documentType,
    subject: input.subject,
    draftingUnitId: input.draftingUnitId,
    signerId: input.signerId,
    signerCompetence: input.signerCompetence,
    signerPosition: input.signerPosition || (input.signerId ? (ctx.org.users.find((u) => u.id === input.signerId)?.position ?? '') : ''),
    urgency: input.urgency,
    confidentiality: input.confidentiality,
    replyDueDate: input.replyDueDate,
    recipients: recipientsOf(ctx, input.recipients),
    copies: input.copies,
    pageCount: input.pageCount,
    description: input.description,
  };
  checkFields(ctx, fields, true);
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Drafting

export function createDraft(args: CreateDraftArgs, ctx: Ctx): Doc {
  if (!canDraft(ctx.actor)) throw new AppError('forbidden');
  const fields = fieldsFrom(ctx, args.fields);
  const at = ctx.now.toISOString();
  const versions: Doc['versions'] = args.file ? [{ n: 1, kind: 'draft', file: args.file, by: ctx.actor.id, at, note: args.versionNote }] : [];
  const base: Doc = {
    ...fields,
    id: args.documentId,
    agencyId: ctx.actor.agencyId,
    status: 'drafting',
    createdBy: ctx.actor.id,
    createdAt: at,
    replyTo: args.replyTo,
    relation: args.relation,
    supersededBy: [],
    versions,
    attachments: args.attachments,
    comments: [],
    route: [],
    currentStep: null,
    returnedReason: '',
    signatures: [],
    issueRequestedAt: null,
    number: null,
    deliveries: [],
    revocation: null,
    cancelReason: '',
    history: [],
    updatedAt: stamp(ctx),
    version: 0,
  };
  return next(base, ctx, 'created', `Tạo dự thảo "${fields.subject}" (${unitName(ctx.org, fields.draftingUnitId)})`, {});
}

function mayEdit(d: Doc, ctx: Ctx): void {
  const holder = currentHolder(d);
  if (d.status === 'drafting') {
    if (d.createdBy !== ctx.actor.id) throw new AppError('outgoing_not_author');
    return;
  }
  if ((d.status === 'reviewing' || d.status === 'to_sign') && holder?.userId === ctx.actor.id) return;
  if (d.status === 'reviewing' || d.status === 'to_sign') throw new AppError('outgoing_not_holder');
  requireStatus(d, 'drafting', 'reviewing', 'to_sign');
}

export function updateDraft(d: Doc, args: UpdateDraftArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  mayEdit(d, ctx);
  const p = args.patch;
  const fields: Partial<Doc> = {};
  if (p.documentType !== undefined) fields.documentType = p.documentType;
  if (p.subject !== undefined) fields.subject = p.subject;
  if (p.draftingUnitId !== undefined) fields.draftingUnitId = p.draftingUnitId;
  if (p.signerId !== undefined) {
    // The route's sign step names the signer once submitted: the signer changes with a new route.
    if (d.status !== 'drafting' && p.signerId !== d.signerId) throw new AppError('outgoing_signer_locked');
    fields.signerId = p.signerId;
  }
  if (p.signerCompetence !== undefined) fields.signerCompetence = p.signerCompetence;
  if (p.signerPosition !== undefined) fields.signerPosition = p.signerPosition;
  if (p.urgency !== undefined) fields.urgency = p.urgency;
  if (p.confidentiality !== undefined) fields.confidentiality = p.confidentiality;
  if (p.replyDueDate !== undefined) fields.replyDueDate = p.replyDueDate;
  if (p.recipients !== undefined) fields.recipients = recipientsOf(ctx, p.recipients);
  if (p.copies !== undefined) fields.copies = p.copies;
  if (p.pageCount !== undefined) fields.pageCount = p.pageCount;
  if (p.description !== undefined) fields.description = p.description;
  if (p.attachments !== undefined) fields.attachments = p.attachments;
  const merged = { ...d, ...fields };
  checkFields(ctx, merged, p.replyDueDate !== undefined);
  return next(d, ctx, 'updated', 'Cập nhật thông tin dự thảo', fields);
}

export function addVersion(d: Doc, args: AddVersionArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  mayEdit(d, ctx);
  bound(d.versions.length + 1, OUTGOING_LIMITS.versions);
  const n = d.versions.length + 1;
  const versions: Doc['versions'] = [...d.versions, { n, kind: 'draft', file: args.file, by: ctx.actor.id, at: ctx.now.toISOString(), note: args.note }];
  return next(d, ctx, 'version_added', withText(`Tải lên dự thảo lần ${n} (${args.file.name})`, args.note), { versions });
}

export function commentDraft(d: Doc, args: CommentArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  requireStatus(d, 'drafting', 'reviewing', 'to_sign');
  if (!d.versions.some((v) => v.n === args.version)) throw new AppError('outgoing_version_not_found');
  if (d.comments.some((c) => c.id === args.commentId)) return d;
  bound(d.comments.length + 1, OUTGOING_LIMITS.comments);
  const comments = [...d.comments, { id: args.commentId, version: args.version, by: ctx.actor.id, at: ctx.now.toISOString(), text: args.text }];
  return next(d, ctx, 'commented', `Góp ý dự thảo lần ${args.version}: ${args.text}`, { comments });
}

/** The latest version, if any. */
export function latestVersion(d: Pick<Doc, 'versions'>): Doc['versions'][number] | null {
  return d.versions.at(-1) ?? null;
}

export function submitDraft(d: Doc, args: SubmitArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  requireStatus(d, 'drafting');
  if (d.createdBy !== ctx.actor.id) throw new AppError('outgoing_not_author');
  if (d.versions.length === 0) throw new AppError('outgoing_no_file');
  const signSteps = args.route.filter((s) => s.kind === 'sign');
  if (signSteps.length !== 1 || args.route.at(-1)?.kind !== 'sign') throw new AppError('outgoing_route_invalid');
  const ids = new Set<string>();
  for (const s of args.route) {
    if (ids.has(s.stepId)) throw new AppError('validation_failed', { details: 'route: duplicate step id' });
    ids.add(s.stepId);
    activeUser(ctx, s.userId);
  }
  const signerId = args.route.at(-1)!.userId;
  checkSigner(ctx, signerId);
  const route: ReviewStep[] = args.route.map((s, i) => ({
    id: s.stepId,
    kind: s.kind,
    userId: s.userId,
    state: i === 0 ? 'current' : 'waiting',
    actedAt: null,
    comment: '',
    forwardedFrom: null,
  }));
  const first = route[0]!;
  const names = route.map((s) => `${STEP_KIND_LABELS[s.kind].vi}: ${userName(ctx.org, s.userId)}`).join(' → ');
  return next(d, ctx, 'submitted', withText(`Trình dự thảo (${names})`, args.comment), {
    route,
    currentStep: 0,
    status: first.kind === 'sign' ? 'to_sign' : 'reviewing',
    signerId,
    signerPosition: d.signerId === signerId && d.signerPosition ? d.signerPosition : (ctx.org.users.find((u) => u.id === signerId)?.position ?? d.signerPosition),
    returnedReason: '',
  });
}

function holderStep(d: Doc, ctx: Ctx): { step: ReviewStep; index: number } {
  requireStatus(d, 'reviewing', 'to_sign');
  const index = d.currentStep ?? -1;
  const step = d.route[index];
  if (!step || step.userId !== ctx.actor.id) throw new AppError('outgoing_not_holder');
  return { step, index };
}

function withStep(route: readonly ReviewStep[], index: number, patch: Partial<ReviewStep>): ReviewStep[] {
  return route.map((s, i) => (i === index ? { ...s, ...patch } : s));
}

export function approveDraft(d: Doc, args: ApproveArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  const { step, index } = holderStep(d, ctx);
  if (step.kind === 'sign') throw new AppError('outgoing_sign_to_approve');
  const at = ctx.now.toISOString();
  let route = withStep(d.route, index, { state: 'approved', actedAt: at, comment: args.comment });
  const after = route[index + 1]!;
  route = withStep(route, index + 1, { state: 'current' });
  return next(d, ctx, 'approved', withText(`${STEP_KIND_LABELS[step.kind].vi}: đồng ý, chuyển ${userName(ctx.org, after.userId)}`, args.comment), {
    route,
    currentStep: index + 1,
    status: after.kind === 'sign' ? 'to_sign' : 'reviewing',
  });
}

export function returnDraft(d: Doc, args: ReturnArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  const { step, index } = holderStep(d, ctx);
  const at = ctx.now.toISOString();
  const route = d.route.map((s, i) => (i === index ? { ...s, state: 'returned' as const, actedAt: at, comment: args.comment } : i > index ? { ...s, state: 'skipped' as const } : s));
  return next(d, ctx, 'returned', `${STEP_KIND_LABELS[step.kind].vi}: trả lại ${userName(ctx.org, d.createdBy)}: ${args.comment}`, {
    route,
    currentStep: null,
    status: 'drafting',
    returnedReason: args.comment,
  });
}

export function forwardDraft(d: Doc, args: ForwardArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  const { step, index } = holderStep(d, ctx);
  if (step.kind === 'sign') throw new AppError('outgoing_route_invalid');
  activeUser(ctx, args.userId);
  if (args.userId === ctx.actor.id) throw new AppError('outgoing_route_invalid');
  if (d.route.some((s) => s.id === args.stepId)) return d;
  bound(d.route.length + 1, OUTGOING_LIMITS.steps);
  const at = ctx.now.toISOString();
  const inserted: ReviewStep = { id: args.stepId, kind: args.kind, userId: args.userId, state: 'current', actedAt: null, comment: '', forwardedFrom: step.id };
  const route = [...withStep(d.route, index, { state: 'forwarded', actedAt: at, comment: args.comment }).slice(0, index + 1), inserted, ...d.route.slice(index + 1)];
  return next(d, ctx, 'forwarded', withText(`Chuyển ${userName(ctx.org, args.userId)} (${STEP_KIND_LABELS[args.kind].vi})`, args.comment), {
    route,
    currentStep: index + 1,
    status: 'reviewing',
  });
}

export function cancelDraft(d: Doc, args: CancelArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  requireStatus(d, 'drafting', 'reviewing', 'to_sign');
  if (d.createdBy !== ctx.actor.id) throw new AppError('outgoing_not_author');
  const route = d.route.map((s) => (s.state === 'current' || s.state === 'waiting' ? { ...s, state: 'skipped' as const } : s));
  return next(d, ctx, 'cancelled', withText('Huỷ dự thảo', args.reason), { status: 'cancelled', cancelReason: args.reason, route, currentStep: null });
}

// ---------------------------------------------------------------------------------------------
// Signing, numbering, sealing

function signature(ctx: Ctx, role: SignatureRecord['role'], version: number, a: SignArgs | SealArgs): SignatureRecord {
  return { role, by: ctx.actor.id, at: ctx.now.toISOString(), version, certificate: a.certificate, keyStore: a.keyStore };
}

export function signDocument(d: Doc, args: SignArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  requireStatus(d, 'to_sign');
  const { step, index } = holderStep(d, ctx);
  if (step.kind !== 'sign' || d.signerId !== ctx.actor.id) throw new AppError('not_signer');
  bound(d.versions.length + 1, OUTGOING_LIMITS.versions);
  const n = d.versions.length + 1;
  const at = ctx.now.toISOString();
  return next(d, ctx, 'signed', `Ký số văn bản (chứng thư: ${args.certificate.subject}, ${args.certificate.issuer})`, {
    versions: [...d.versions, { n, kind: 'signed', file: args.file, by: ctx.actor.id, at, note: '' }],
    signatures: [...d.signatures, signature(ctx, 'signer', n, args)],
    route: withStep(d.route, index, { state: 'approved', actedAt: at }),
    currentStep: null,
    status: 'to_issue',
  });
}

export function requestIssue(d: Doc, _args: IssueArgs, ctx: Ctx, facts: IssueFacts): Doc {
  requireAgency(d, ctx);
  if (!isOutgoingClerk(ctx.actor)) throw new AppError('not_clerk_outgoing');
  requireStatus(d, 'to_issue');
  if (facts.number === null) {
    if (d.issueRequestedAt !== null) return d;
    return next(d, ctx, 'issue_requested', 'Yêu cầu cấp số (chờ máy chủ)', { issueRequestedAt: ctx.now.toISOString() });
  }
  const num = facts.number;
  return next(d, ctx, 'numbered', `Cấp số ${formatNumberSymbol(num.codeNumber, num.codeNotation)}`, {
    issueRequestedAt: d.issueRequestedAt ?? ctx.now.toISOString(),
    number: num,
    status: 'numbered',
  });
}

export function sealDocument(d: Doc, args: SealArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  if (!isOutgoingClerk(ctx.actor)) throw new AppError('not_clerk_outgoing');
  requireStatus(d, 'numbered');
  bound(d.versions.length + 1, OUTGOING_LIMITS.versions);
  const n = d.versions.length + 1;
  const deliveries: Delivery[] = d.recipients
    .filter((r) => r.kind !== 'archive')
    .map((r) => ({ recipientId: r.id, state: 'pending', at: null, by: null, note: '', incomingId: null, messageId: null }));
  return next(d, ctx, 'sealed', `Ký số của cơ quan (${args.certificate.subject}) và phát hành`, {
    versions: [...d.versions, { n, kind: 'issued', file: args.file, by: ctx.actor.id, at: ctx.now.toISOString(), note: '' }],
    signatures: [...d.signatures, signature(ctx, 'agency', n, args)],
    deliveries,
    status: 'issued',
  });
}

// ---------------------------------------------------------------------------------------------
// Dispatch, delivery, revocation

function setDelivery(list: readonly Delivery[], recipientId: string, patch: Partial<Delivery>): Delivery[] {
  return list.map((x) => (x.recipientId === recipientId ? { ...x, ...patch } : x));
}

export function dispatchDocument(d: Doc, args: DispatchArgs, ctx: Ctx, facts: DispatchFacts): Doc {
  requireAgency(d, ctx);
  if (!isOutgoingClerk(ctx.actor)) throw new AppError('not_clerk_outgoing');
  requireStatus(d, 'issued');
  let deliveries = d.deliveries;
  const at = ctx.now.toISOString();
  const names: string[] = [];
  for (const id of new Set(args.recipientIds)) {
    const r = d.recipients.find((x) => x.id === id);
    if (!r || r.kind === 'archive') throw new AppError('outgoing_recipient_invalid', { name: id });
    if (r.kind === 'mail') throw new AppError('outgoing_dispatch_by_mail', { name: r.name });
    const incomingId = facts.incomingIds[id] ?? null;
    const state: Delivery['state'] = r.kind === 'unit' && incomingId !== null ? 'received' : 'sent';
    deliveries = setDelivery(deliveries, id, { state, at, by: ctx.actor.id, note: args.note, incomingId });
    names.push(r.name);
  }
  return next(d, ctx, 'dispatched', withText(`Gửi văn bản: ${names.join('; ')}`, args.note), { deliveries });
}

export function deliverTo(d: Doc, args: DeliverArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  if (!isOutgoingClerk(ctx.actor)) throw new AppError('not_clerk_outgoing');
  requireStatus(d, args.state === 'revoked' ? 'revoked' : 'issued');
  const r = d.recipients.find((x) => x.id === args.recipientId);
  if (!r || r.kind === 'archive') throw new AppError('outgoing_recipient_invalid', { name: args.recipientId });
  const deliveries = setDelivery(d.deliveries, r.id, { state: args.state, at: ctx.now.toISOString(), by: ctx.actor.id, note: args.note, messageId: args.messageId });
  return next(d, ctx, 'delivery', withText(`${r.name}: ${DELIVERY_STATE_LABELS[args.state].vi}`, args.note), { deliveries });
}

export function revokeDocument(d: Doc, args: RevokeArgs, ctx: Ctx): Doc {
  requireAgency(d, ctx);
  requireStatus(d, 'issued');
  if (!(isOutgoingClerk(ctx.actor) || d.signerId === ctx.actor.id || isAgencyLeader(ctx.actor, ctx.org.units))) throw new AppError('outgoing_not_revoker');
  const at = ctx.now.toISOString();
  // A unit's copy is cancelled by the server in the same transaction: that unit is told.
  const deliveries = d.deliveries.map((x) => {
    const r = d.recipients.find((y) => y.id === x.recipientId);
    return r?.kind === 'unit' && x.incomingId !== null ? { ...x, state: 'revoked' as const, at, by: ctx.actor.id, note: args.reason } : x;
  });
  return next(d, ctx, 'revoked', `Thu hồi văn bản: ${args.reason}`, { status: 'revoked', revocation: { at, by: ctx.actor.id, reason: args.reason }, deliveries });
}

/** The issued document a new one replaces or updates gains the link (server side, when the new one is issued). */
export function markSuperseded(old: Doc, by: { kind: 'replaces' | 'updates'; documentId: string; label: string }, ctx: Ctx): Doc {
  if (old.supersededBy.some((s) => s.documentId === by.documentId)) return old;
  const verb = by.kind === 'replaces' ? 'Bị thay thế bởi' : 'Được cập nhật bởi';
  return next(old, ctx, 'replaced', `${verb} văn bản ${by.label}`, { supersededBy: [...old.supersededBy, { kind: by.kind, documentId: by.documentId }] });
}
