import { z } from 'zod';
import { fileName, isoDate, isoDateTime, requiredText, sha256Hex, text, uuid } from '../model/primitives.js';

/** Độ khẩn (DOMAIN.md §4); edXML Priority 0–3 in this order. */
export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'flash'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** Độ mật. Secret documents' content is not synced to desktops by default. */
export const CONFIDENTIALITIES = ['normal', 'confidential', 'secret', 'top_secret'] as const;
export const Confidentiality = z.enum(CONFIDENTIALITIES);
export type Confidentiality = z.infer<typeof Confidentiality>;

/** xử lý chính / phối hợp / nhận để biết */
export const ASSIGNMENT_ROLES = ['main', 'cooperate', 'info'] as const;
export const AssignmentRole = z.enum(ASSIGNMENT_ROLES);
export type AssignmentRole = z.infer<typeof AssignmentRole>;

export const DOCUMENT_STATUSES = ['registered', 'in_progress', 'done'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const FileRef = z.object({
  sha256: sha256Hex,
  name: fileName,
  size: z.number().int().positive().max(100 * 1024 * 1024),
  mime: z.literal('application/pdf'),
});
export type FileRef = z.infer<typeof FileRef>;

/**
 * Where a document registered from an e-mail came from (issue #4): enough to say
 * "received by mail from …, on …" and to find the message again in the mail cache
 * (by its Message-ID header). Part of the metadata, so it rides in the server's
 * JSON state with no column of its own.
 */
export const SourceMail = z.object({
  messageIdHeader: z.string().max(998).nullable(),
  from: z.object({ name: text(200), address: z.string().max(320) }).nullable(),
  subject: text(998),
  receivedAt: isoDateTime,
});
export type SourceMail = z.infer<typeof SourceMail>;

/** The Decree 30 metadata a clerk enters when registering (Appendix VI, II.II). */
export const IncomingMetadata = z.object({
  issuer: requiredText(200),
  codeNumber: requiredText(11),
  codeNotation: requiredText(30),
  issuedDate: isoDate,
  documentType: requiredText(100),
  subject: requiredText(500),
  signerName: text(50),
  signerPosition: text(100),
  urgency: Urgency,
  confidentiality: Confidentiality,
  dueDate: isoDate.nullable(),
  pageCount: z.number().int().min(1).max(999).nullable(),
  description: text(500),
  /** Registered from an e-mail attachment: the message it came from (absent for documents registered otherwise). */
  sourceMail: SourceMail.nullable().optional(),
});
export type IncomingMetadata = z.infer<typeof IncomingMetadata>;

export const Assignment = z.object({
  id: uuid,
  role: AssignmentRole,
  /** Exactly one of unitId / userId is set. */
  unitId: uuid.nullable(),
  userId: uuid.nullable(),
  deadline: isoDate.nullable(),
  /** Set when a unit leader re-assigned inside the unit holding this parent assignment. */
  parentId: uuid.nullable(),
  note: text(2000),
  assignedBy: uuid,
  assignedAt: isoDateTime,
  status: z.enum(['active', 'done', 'revoked']),
  completedAt: isoDateTime.nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const OPINION_KINDS = ['opinion', 'progress'] as const;
export const Opinion = z.object({
  id: uuid,
  authorId: uuid,
  kind: z.enum(OPINION_KINDS),
  /** Empty only where a secret level's text is withheld from desktops (incoming/secretContent.ts); AddOpinionArgs requires it. */
  content: text(4000),
  /** Progress in percent, for kind 'progress'. */
  progress: z.number().int().min(0).max(100).nullable(),
  createdAt: isoDateTime,
});
export type Opinion = z.infer<typeof Opinion>;

export const HISTORY_ACTIONS = [
  'registered',
  'duplicate_warning',
  'instructed',
  'assigned',
  'reassigned',
  'assignment_revoked',
  'opinion',
  'progress',
  'completed',
  /** The issuing unit revoked the outgoing document this copy came from (issue #10). */
  'revoked',
] as const;
export const HistoryAction = z.enum(HISTORY_ACTIONS);
export type HistoryAction = z.infer<typeof HistoryAction>;

export const HistoryEntry = z.object({
  id: z.number().int(),
  actorId: uuid,
  action: HistoryAction,
  at: isoDateTime,
  /** Human-readable summary in Vietnamese, kept so the timeline reads well even offline. */
  summary: text(2000),
  details: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The outgoing document of the agency an internal copy came from (issue #10): dispatched to a unit, registered by the server. */
export const IncomingOrigin = z.object({ outgoingId: uuid });
export type IncomingOrigin = z.infer<typeof IncomingOrigin>;

/** The agency revoked the outgoing document this copy came from (Decree 30 Art. 18): kept, frozen, its files no longer shown. */
export const IncomingRevocation = z.object({ outgoingId: uuid, reason: requiredText(2000), at: isoDateTime });
export type IncomingRevocation = z.infer<typeof IncomingRevocation>;

/** The full state of an incoming document as the server sends it to a user allowed to see it. */
export const IncomingDocument = IncomingMetadata.extend({
  id: uuid,
  agencyId: uuid,
  arrivalYear: z.number().int(),
  arrivalNumber: z.number().int().positive(),
  arrivalDate: isoDateTime,
  status: DocumentStatus,
  instruction: text(4000),
  instructedBy: uuid.nullable(),
  instructedAt: isoDateTime.nullable(),
  registeredBy: uuid,
  completedAt: isoDateTime.nullable(),
  completedBy: uuid.nullable(),
  completionNote: text(4000),
  /** The outgoing document that answered it, named on completion (absent from older states). */
  replyId: uuid.nullable().optional(),
  /**
   * The unit whose own register it is in (an outgoing document of the agency dispatched to the
   * unit: the arrival number is of the unit's series); null or absent: the agency's register.
   */
  receivingUnitId: uuid.nullable().optional(),
  /** Dispatched internally from this outgoing document (absent from older states). */
  origin: IncomingOrigin.nullable().optional(),
  /** Set when that outgoing document was revoked. */
  revocation: IncomingRevocation.nullable().optional(),
  /** Documents registered earlier with the same number/symbol, issuer and issue date. */
  duplicateOf: z.array(uuid),
  /** This recipient gets the register entry only (a secret level under the agency's policy, incoming/secretContent.ts): no files, no texts. */
  contentWithheld: z.boolean(),
  files: z.array(FileRef),
  assignments: z.array(Assignment),
  opinions: z.array(Opinion),
  history: z.array(HistoryEntry),
  /** Per-user: when the requesting user first opened it, else null. */
  readAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
  version: z.number().int().positive(),
});
export type IncomingDocument = z.infer<typeof IncomingDocument>;
