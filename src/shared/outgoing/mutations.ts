/**
 * The outgoing slice's mutations (issue #10; docs/decisions.md §29): zod args and one
 * MutationDef each, for the server's push and the core's outbox and overlay. Names are frozen
 * from the first release (constants.ts). Document ids, step ids, comment ids and recipient ids
 * are chosen by the client.
 */
import { z } from 'zod';
import { NewAttachmentFile } from '../model/attachment.js';
import { isoDate, requiredText, text, uuid } from '../model/primitives.js';
import { defineMutation, type AnyMutationDef } from '../sync/registry.js';
import { Confidentiality, Urgency } from '../incoming/schemas.js';
import { OUTGOING_KIND, OUTGOING_LIMITS, OUTGOING_TEXT, type OutgoingMutationName } from './constants.js';
import { CertificateSummary, email, Relation, RecipientKindSchema, SignerCompetenceSchema, StepKindSchema, type OutgoingDocument } from './model.js';
import {
  addVersion,
  approveDraft,
  cancelDraft,
  commentDraft,
  createDraft,
  deliverTo,
  dispatchDocument,
  forwardDraft,
  requestIssue,
  returnDraft,
  revokeDocument,
  sealDocument,
  signDocument,
  submitDraft,
  updateDraft,
  type DispatchFacts,
  type IssueFacts,
} from './rules.js';

export const RecipientInput = z.object({
  id: uuid,
  kind: RecipientKindSchema,
  unitId: uuid.nullable().default(null),
  name: requiredText(OUTGOING_TEXT.recipientName),
  email: email.nullable().default(null),
});
export type RecipientInput = z.infer<typeof RecipientInput>;

/** The fields as the author gives them (defaults applied). */
export const DraftInput = z.object({
  documentType: requiredText(OUTGOING_TEXT.documentType),
  subject: requiredText(OUTGOING_TEXT.subject),
  draftingUnitId: uuid,
  signerId: uuid.nullable().default(null),
  signerCompetence: SignerCompetenceSchema.default(''),
  signerPosition: text(OUTGOING_TEXT.signerPosition).default(''),
  urgency: Urgency.default('normal'),
  confidentiality: Confidentiality.default('normal'),
  replyDueDate: isoDate.nullable().default(null),
  recipients: z.array(RecipientInput).max(OUTGOING_LIMITS.recipients).default([]),
  copies: z.number().int().min(1).max(999).default(1),
  pageCount: z.number().int().min(1).max(9999).nullable().default(null),
  description: text(OUTGOING_TEXT.description).default(''),
});
export type DraftInput = z.infer<typeof DraftInput>;

export const DraftPatch = z.object({
  documentType: requiredText(OUTGOING_TEXT.documentType).optional(),
  subject: requiredText(OUTGOING_TEXT.subject).optional(),
  draftingUnitId: uuid.optional(),
  signerId: uuid.nullable().optional(),
  signerCompetence: SignerCompetenceSchema.optional(),
  signerPosition: text(OUTGOING_TEXT.signerPosition).optional(),
  urgency: Urgency.optional(),
  confidentiality: Confidentiality.optional(),
  replyDueDate: isoDate.nullable().optional(),
  recipients: z.array(RecipientInput).max(OUTGOING_LIMITS.recipients).optional(),
  copies: z.number().int().min(1).max(999).optional(),
  pageCount: z.number().int().min(1).max(9999).nullable().optional(),
  description: text(OUTGOING_TEXT.description).optional(),
  attachments: z.array(NewAttachmentFile).max(OUTGOING_LIMITS.attachments).optional(),
});
export type DraftPatch = z.infer<typeof DraftPatch>;

const doc = { documentId: uuid };

export const CreateDraftArgs = z.object({
  ...doc,
  fields: DraftInput,
  /** The first version of the draft (DOCX or PDF), or none yet. */
  file: NewAttachmentFile.nullable().default(null),
  versionNote: text(OUTGOING_TEXT.note).default(''),
  attachments: z.array(NewAttachmentFile).max(OUTGOING_LIMITS.attachments).default([]),
  replyTo: uuid.nullable().default(null),
  relation: Relation.nullable().default(null),
});
export type CreateDraftArgs = z.infer<typeof CreateDraftArgs>;

export const UpdateDraftArgs = z.object({ ...doc, patch: DraftPatch });
export type UpdateDraftArgs = z.infer<typeof UpdateDraftArgs>;

export const AddVersionArgs = z.object({ ...doc, file: NewAttachmentFile, note: text(OUTGOING_TEXT.note).default('') });
export type AddVersionArgs = z.infer<typeof AddVersionArgs>;

export const CommentArgs = z.object({ ...doc, commentId: uuid, version: z.number().int().positive(), text: requiredText(OUTGOING_TEXT.comment) });
export type CommentArgs = z.infer<typeof CommentArgs>;

export const StepInput = z.object({ stepId: uuid, kind: StepKindSchema, userId: uuid });
export type StepInput = z.infer<typeof StepInput>;

/** The route ends with exactly one 'sign' step: its user becomes the signer. */
export const SubmitArgs = z.object({ ...doc, route: z.array(StepInput).min(1).max(OUTGOING_LIMITS.steps), comment: text(OUTGOING_TEXT.comment).default('') });
export type SubmitArgs = z.infer<typeof SubmitArgs>;

export const ApproveArgs = z.object({ ...doc, comment: text(OUTGOING_TEXT.comment).default('') });
export type ApproveArgs = z.infer<typeof ApproveArgs>;

export const ReturnArgs = z.object({ ...doc, comment: requiredText(OUTGOING_TEXT.comment) });
export type ReturnArgs = z.infer<typeof ReturnArgs>;

export const ForwardArgs = z.object({
  ...doc,
  stepId: uuid,
  kind: z.enum(['review', 'comment', 'format']),
  userId: uuid,
  comment: text(OUTGOING_TEXT.comment).default(''),
});
export type ForwardArgs = z.infer<typeof ForwardArgs>;

/** A PDF signed in the signer's core: the draft's last PDF with the signature appended (decisions §29). */
export const SignArgs = z.object({ ...doc, file: NewAttachmentFile, certificate: CertificateSummary, keyStore: z.enum(['token', 'file']) });
export type SignArgs = z.infer<typeof SignArgs>;

/** The clerk asks for the number (offline: a request; the server decides on the next push). */
export const IssueArgs = z.object({ ...doc });
export type IssueArgs = z.infer<typeof IssueArgs>;

/** The numbered PDF: number and date stamped, the agency's signature applied. */
export const SealArgs = SignArgs;
export type SealArgs = z.infer<typeof SealArgs>;

/** Units receive it as incoming (the server registers it); paper is marked sent. Mail goes through `deliver`. */
export const DispatchArgs = z.object({ ...doc, recipientIds: z.array(uuid).min(1).max(OUTGOING_LIMITS.recipients), note: text(OUTGOING_TEXT.note).default('') });
export type DispatchArgs = z.infer<typeof DispatchArgs>;

export const DeliverArgs = z.object({
  ...doc,
  recipientId: uuid,
  state: z.enum(['sent', 'received', 'failed', 'revoked']),
  note: text(OUTGOING_TEXT.note).default(''),
  messageId: z.string().max(998).nullable().default(null),
});
export type DeliverArgs = z.infer<typeof DeliverArgs>;

export const RevokeArgs = z.object({ ...doc, reason: requiredText(OUTGOING_TEXT.reason) });
export type RevokeArgs = z.infer<typeof RevokeArgs>;

export const CancelArgs = z.object({ ...doc, reason: text(OUTGOING_TEXT.reason).default('') });
export type CancelArgs = z.infer<typeof CancelArgs>;

const documentId = (a: { documentId: string }): string => a.documentId;

type Doc = OutgoingDocument;

const createDef = defineMutation<Doc, CreateDraftArgs>({
  name: 'outgoing.create',
  kind: OUTGOING_KIND,
  args: CreateDraftArgs,
  recordId: documentId,
  creates: true,
  files: (a) => [...(a.file ? [a.file] : []), ...a.attachments],
  sealsFiles: (a) => a.fields.confidentiality !== 'normal',
  apply: (_current, args, ctx) => createDraft(args, ctx),
});

function onDoc<A extends { documentId: string }, F = undefined>(
  name: OutgoingMutationName,
  args: z.ZodType<A>,
  apply: (d: Doc, a: A, ctx: Parameters<typeof createDraft>[1], facts: F) => Doc,
  more: { files?: (a: A) => readonly { sha256: string }[]; pdfOnly?: boolean; localFacts?: () => F } = {},
) {
  return defineMutation<Doc, A, F>({
    name,
    kind: OUTGOING_KIND,
    args,
    recordId: documentId,
    creates: false,
    ...(more.files ? { files: more.files } : {}),
    ...(more.pdfOnly ? { pdfOnly: true } : {}),
    ...(more.localFacts ? { localFacts: more.localFacts } : {}),
    apply: (current, a, ctx, facts) => {
      if (!current) throw new Error(`${name} applied without a document`);
      return apply(current, a, ctx, facts);
    },
  });
}

export const outgoingMutations: readonly AnyMutationDef[] = [
  createDef,
  onDoc('outgoing.update', UpdateDraftArgs, updateDraft, { files: (a) => a.patch.attachments ?? [] }),
  onDoc('outgoing.addVersion', AddVersionArgs, addVersion, { files: (a) => [a.file] }),
  onDoc('outgoing.comment', CommentArgs, commentDraft),
  onDoc('outgoing.submit', SubmitArgs, submitDraft),
  onDoc('outgoing.approve', ApproveArgs, approveDraft),
  onDoc('outgoing.return', ReturnArgs, returnDraft),
  onDoc('outgoing.forward', ForwardArgs, forwardDraft),
  onDoc('outgoing.sign', SignArgs, signDocument, { files: (a) => [a.file], pdfOnly: true }),
  onDoc<IssueArgs, IssueFacts>('outgoing.issue', IssueArgs, requestIssue, { localFacts: () => ({ number: null }) }),
  onDoc('outgoing.seal', SealArgs, sealDocument, { files: (a) => [a.file], pdfOnly: true }),
  onDoc<DispatchArgs, DispatchFacts>('outgoing.dispatch', DispatchArgs, dispatchDocument, { localFacts: () => ({ incomingIds: {} }) }),
  onDoc('outgoing.deliver', DeliverArgs, deliverTo),
  onDoc('outgoing.revoke', RevokeArgs, revokeDocument),
  onDoc('outgoing.cancel', CancelArgs, cancelDraft),
];

/** Every mutation's input, by name (the renderer's typed `mutate`). */
export interface OutgoingMutationInput {
  'outgoing.create': z.input<typeof CreateDraftArgs>;
  'outgoing.update': z.input<typeof UpdateDraftArgs>;
  'outgoing.addVersion': z.input<typeof AddVersionArgs>;
  'outgoing.comment': z.input<typeof CommentArgs>;
  'outgoing.submit': z.input<typeof SubmitArgs>;
  'outgoing.approve': z.input<typeof ApproveArgs>;
  'outgoing.return': z.input<typeof ReturnArgs>;
  'outgoing.forward': z.input<typeof ForwardArgs>;
  'outgoing.sign': z.input<typeof SignArgs>;
  'outgoing.issue': z.input<typeof IssueArgs>;
  'outgoing.seal': z.input<typeof SealArgs>;
  'outgoing.dispatch': z.input<typeof DispatchArgs>;
  'outgoing.deliver': z.input<typeof DeliverArgs>;
  'outgoing.revoke': z.input<typeof RevokeArgs>;
  'outgoing.cancel': z.input<typeof CancelArgs>;
}
