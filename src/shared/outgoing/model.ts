/**
 * An outgoing document as the server keeps it and sends it (issue #10; docs/decisions.md §29):
 * one record of kind 'outgoing' from the first draft to its issue, dispatch and, maybe, its
 * revocation. Files (the draft versions, the signed and the issued PDF, attachments) are
 * content-addressed blobs the record names; signatures live in the PDFs, the record keeps
 * who signed with which certificate so lists and registers read without opening a file.
 */
import { z } from 'zod';
import { AttachmentFile } from '../model/attachment.js';
import { isoDate, isoDateTime, requiredText, sha256Hex, text, uuid } from '../model/primitives.js';
import { Confidentiality, Urgency } from '../incoming/schemas.js';
import {
  DELIVERY_STATES,
  OUTGOING_HISTORY_ACTIONS,
  OUTGOING_LIMITS,
  OUTGOING_STATUSES,
  OUTGOING_TEXT,
  RECIPIENT_KINDS,
  RELATION_KINDS,
  SIGNATURE_ROLES,
  SIGNER_COMPETENCES,
  STEP_KINDS,
  STEP_STATES,
  VERSION_KINDS,
} from './constants.js';

export const OutgoingStatusSchema = z.enum(OUTGOING_STATUSES);
export const StepKindSchema = z.enum(STEP_KINDS);
export const RecipientKindSchema = z.enum(RECIPIENT_KINDS);
export const DeliveryStateSchema = z.enum(DELIVERY_STATES);
export const SignerCompetenceSchema = z.enum(SIGNER_COMPETENCES);

export const email = z.string().trim().toLowerCase().max(OUTGOING_TEXT.email).email();

/** Nơi nhận. A unit names the unit; mail an address; paper and archive only a name. */
export const Recipient = z.object({
  id: uuid,
  kind: RecipientKindSchema,
  unitId: uuid.nullable(),
  name: requiredText(OUTGOING_TEXT.recipientName),
  email: email.nullable(),
});
export type Recipient = z.infer<typeof Recipient>;

export const Delivery = z.object({
  recipientId: uuid,
  state: DeliveryStateSchema,
  at: isoDateTime.nullable(),
  by: uuid.nullable(),
  note: text(OUTGOING_TEXT.note),
  /** A unit's incoming copy (registered by the server on dispatch). */
  incomingId: uuid.nullable(),
  /** The Message-ID of the mail that carried it. */
  messageId: z.string().max(998).nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

/** What the author fills (Decree 30 Appendix VI Part II.I) and may change until it is signed. */
export const DraftFields = z.object({
  documentType: requiredText(OUTGOING_TEXT.documentType),
  subject: requiredText(OUTGOING_TEXT.subject),
  /** The unit that drafts it: its abbreviation ends a công văn's symbol ("UBND-VP"). */
  draftingUnitId: uuid,
  /** The signing leader (the route's last step). */
  signerId: uuid.nullable(),
  signerCompetence: SignerCompetenceSchema,
  /** As printed under the signature ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"); the user's position by default. */
  signerPosition: text(OUTGOING_TEXT.signerPosition),
  urgency: Urgency,
  confidentiality: Confidentiality,
  /** Hạn trả lời: when the recipients must answer. */
  replyDueDate: isoDate.nullable(),
  recipients: z.array(Recipient).max(OUTGOING_LIMITS.recipients),
  /** Số lượng bản (paper copies), for the register. */
  copies: z.number().int().min(1).max(999),
  pageCount: z.number().int().min(1).max(9999).nullable(),
  description: text(OUTGOING_TEXT.description),
});
export type DraftFields = z.infer<typeof DraftFields>;

/** A version of the document file: each upload, the signed PDF, the issued PDF. */
export const DocumentVersion = z.object({
  n: z.number().int().positive(),
  kind: z.enum(VERSION_KINDS),
  file: AttachmentFile,
  by: uuid,
  at: isoDateTime,
  note: text(OUTGOING_TEXT.note),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const DraftComment = z.object({
  id: uuid,
  /** The version it is about. */
  version: z.number().int().positive(),
  by: uuid,
  at: isoDateTime,
  text: requiredText(OUTGOING_TEXT.comment),
});
export type DraftComment = z.infer<typeof DraftComment>;

export const ReviewStep = z.object({
  id: uuid,
  kind: StepKindSchema,
  userId: uuid,
  state: z.enum(STEP_STATES),
  actedAt: isoDateTime.nullable(),
  comment: text(OUTGOING_TEXT.comment),
  /** The step that forwarded to this one (null: chosen by the author). */
  forwardedFrom: uuid.nullable(),
});
export type ReviewStep = z.infer<typeof ReviewStep>;

/** The certificate a signature was made with, as the signer's core read it. */
export const CertificateSummary = z.object({
  subject: text(300),
  organisation: text(300),
  issuer: text(300),
  serial: z.string().regex(/^[0-9a-f]{1,80}$/u),
  sha256: sha256Hex,
  notBefore: isoDateTime,
  notAfter: isoDateTime,
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const SignatureRecord = z.object({
  role: z.enum(SIGNATURE_ROLES),
  by: uuid,
  at: isoDateTime,
  /** The version whose PDF carries it. */
  version: z.number().int().positive(),
  certificate: CertificateSummary,
  /** 'token': a PKCS#11 device; 'file': a PKCS#12 file. */
  keyStore: z.enum(['token', 'file']),
});
export type SignatureRecord = z.infer<typeof SignatureRecord>;

/** The number the server gave (Decree 30: the System assigns the number and the issue time). */
export const IssuedNumber = z.object({
  registerId: uuid,
  year: z.number().int().min(2000).max(2200),
  /** The place in the register's series for the year: 1, 2, … */
  n: z.number().int().positive(),
  /** "05", "123". */
  codeNumber: z.string().min(1).max(11),
  /** "UBND-VP", "QĐ-UBND". */
  codeNotation: z.string().min(1).max(30),
  issuedAt: isoDateTime,
  issuedBy: uuid,
});
export type IssuedNumber = z.infer<typeof IssuedNumber>;

export const Relation = z.object({ kind: z.enum(RELATION_KINDS), documentId: uuid });
export type Relation = z.infer<typeof Relation>;

export const Revocation = z.object({ at: isoDateTime, by: uuid, reason: requiredText(OUTGOING_TEXT.reason) });
export type Revocation = z.infer<typeof Revocation>;

export const OutgoingHistoryItem = z.object({
  id: z.number().int(),
  actorId: uuid,
  action: z.enum(OUTGOING_HISTORY_ACTIONS),
  at: isoDateTime,
  /** Human-readable summary in Vietnamese, kept so the timeline reads well offline. */
  summary: text(OUTGOING_TEXT.summary),
});
export type OutgoingHistoryItem = z.infer<typeof OutgoingHistoryItem>;

export const OutgoingDocument = DraftFields.extend({
  id: uuid,
  agencyId: uuid,
  status: OutgoingStatusSchema,
  createdBy: uuid,
  createdAt: isoDateTime,
  /** The incoming document it answers ("Trả lời văn bản"). */
  replyTo: uuid.nullable(),
  /** An issued document it replaces or updates. */
  relation: Relation.nullable(),
  /** Issued documents that replaced or updated this one. */
  supersededBy: z.array(Relation).max(20),
  versions: z.array(DocumentVersion).max(OUTGOING_LIMITS.versions),
  attachments: z.array(AttachmentFile).max(OUTGOING_LIMITS.attachments),
  comments: z.array(DraftComment).max(OUTGOING_LIMITS.comments),
  route: z.array(ReviewStep).max(OUTGOING_LIMITS.steps),
  /** Index into `route` of the step that holds the draft (null unless reviewing or to_sign). */
  currentStep: z.number().int().nonnegative().nullable(),
  /** The reason of the last return, shown to the author until the draft is submitted again. */
  returnedReason: text(OUTGOING_TEXT.comment),
  signatures: z.array(SignatureRecord).max(OUTGOING_LIMITS.signatures),
  /** The clerk asked for a number (maybe offline); the server gives it on the next push. */
  issueRequestedAt: isoDateTime.nullable(),
  number: IssuedNumber.nullable(),
  deliveries: z.array(Delivery).max(OUTGOING_LIMITS.recipients),
  revocation: Revocation.nullable(),
  cancelReason: text(OUTGOING_TEXT.reason),
  history: z.array(OutgoingHistoryItem).max(OUTGOING_LIMITS.history),
  updatedAt: isoDateTime,
  version: z.number().int().positive(),
});
export type OutgoingDocument = z.infer<typeof OutgoingDocument>;

/**
 * A register of outgoing documents ("sổ văn bản đi"): one number series per year. An agency
 * keeps one shared series, or one per document type; secret documents always have their own
 * (Decree 30 Art. 15). `documentTypes` empty: every type no other register of the same
 * secrecy claims.
 */
export const OutgoingRegister = z.object({
  id: uuid,
  name: requiredText(OUTGOING_TEXT.registerName),
  documentTypes: z.array(requiredText(OUTGOING_TEXT.documentType)).max(OUTGOING_LIMITS.registerTypes),
  secret: z.boolean(),
});
export type OutgoingRegister = z.infer<typeof OutgoingRegister>;

/**
 * The agency's outgoing settings (part of the Organisation every client holds): its registers
 * and the certificate roots it trusts when verifying signatures (the national government CA
 * roots in production; base64 DER).
 */
export const OutgoingSettings = z.object({
  registers: z.array(OutgoingRegister).min(1).max(OUTGOING_LIMITS.registers),
  trustedRoots: z.array(z.string().regex(/^[A-Za-z0-9+/=]+$/u).max(20_000)).max(OUTGOING_LIMITS.trustedRoots),
});
export type OutgoingSettings = z.infer<typeof OutgoingSettings>;
