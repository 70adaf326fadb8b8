/**
 * The words of the outgoing-documents slice (Văn bản đi, issue #10; docs/decisions.md §29) as
 * plain values: the zod schemas build on them and the renderer, which may not load zod
 * (decisions §24), reads them from here through index.ts.
 */

/** The record kind on the wire and the slice's folder in every runtime. */
export const OUTGOING_KIND = 'outgoing';

/**
 * A document's life (Decree 30 Art. 10–19; DOMAIN.md §6):
 *   drafting   its author drafts it; a returned draft comes back here, with the reason
 *   reviewing  it goes up the route the author chose: a unit leader checks the content, other
 *              units comment, the office checks the form (`currentStep` names who holds it)
 *   to_sign    at the route's last step: the signing leader signs it (or returns it)
 *   to_issue   signed: the clerk takes a number for it
 *   numbered   the server gave it its number and issue time; the clerk stamps them and applies
 *              the agency's signature (a crash between the two keeps the number: decisions §29)
 *   issued     sealed and issued: dispatched to its recipients, each delivery tracked
 *   revoked    the issuing agency revoked it (Art. 18): frozen, kept with the reason
 *   cancelled  the author abandoned the draft before it was signed
 */
export const OUTGOING_STATUSES = ['drafting', 'reviewing', 'to_sign', 'to_issue', 'numbered', 'issued', 'revoked', 'cancelled'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

export const OUTGOING_STATUS_LABELS: Readonly<Record<OutgoingStatus, { vi: string; en: string }>> = {
  drafting: { vi: 'Đang soạn thảo', en: 'Drafting' },
  reviewing: { vi: 'Đang trình duyệt', en: 'In review' },
  to_sign: { vi: 'Chờ ký', en: 'Awaiting signature' },
  to_issue: { vi: 'Chờ cấp số', en: 'Awaiting number' },
  numbered: { vi: 'Đã cấp số, chờ đóng dấu', en: 'Numbered, awaiting the seal' },
  issued: { vi: 'Đã phát hành', en: 'Issued' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  cancelled: { vi: 'Đã huỷ dự thảo', en: 'Draft cancelled' },
};

/**
 * A step of the route a draft goes up (the author picks it at submission):
 *   review   a unit leader checks the content (chịu trách nhiệm nội dung)
 *   comment  another unit or person gives comments (góp ý)
 *   format   the office checks the form (kiểm tra thể thức)
 *   sign     the signing leader: always the last step, exactly once
 */
export const STEP_KINDS = ['review', 'comment', 'format', 'sign'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_KIND_LABELS: Readonly<Record<StepKind, { vi: string; en: string }>> = {
  review: { vi: 'Duyệt nội dung', en: 'Content review' },
  comment: { vi: 'Góp ý', en: 'Comments' },
  format: { vi: 'Kiểm tra thể thức', en: 'Format check' },
  sign: { vi: 'Ký ban hành', en: 'Signature' },
};

/** waiting: not reached yet · current: holds the draft · approved / returned / forwarded: acted · skipped: the route was reset. */
export const STEP_STATES = ['waiting', 'current', 'approved', 'returned', 'forwarded', 'skipped'] as const;
export type StepState = (typeof STEP_STATES)[number];

/**
 * Nơi nhận: a unit of the agency (it receives the document as incoming, registered by the
 * system with its own arrival number), an outside agency by official mail, or anyone on paper.
 * 'archive' is the "Lưu: VT, …" line: listed, never dispatched.
 */
export const RECIPIENT_KINDS = ['unit', 'mail', 'paper', 'archive'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const RECIPIENT_KIND_LABELS: Readonly<Record<RecipientKind, { vi: string; en: string }>> = {
  unit: { vi: 'Đơn vị trong cơ quan', en: 'Unit of the agency' },
  mail: { vi: 'Thư điện tử công vụ', en: 'Official e-mail' },
  paper: { vi: 'Gửi bản giấy', en: 'On paper' },
  archive: { vi: 'Lưu', en: 'File copy' },
};

/**
 * A recipient's delivery:
 *   pending   not dispatched yet
 *   sent      sent (a mail accepted by the mail server; paper handed to the post)
 *   received  arrived: a unit's incoming copy was registered, or the receiver acknowledged
 *   failed    the sending failed (the note says why); may be sent again
 *   revoked   the document was revoked after it reached this recipient, who was told
 */
export const DELIVERY_STATES = ['pending', 'sent', 'received', 'failed', 'revoked'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_STATE_LABELS: Readonly<Record<DeliveryState, { vi: string; en: string }>> = {
  pending: { vi: 'Chưa gửi', en: 'Not sent' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  received: { vi: 'Đã nhận', en: 'Received' },
  failed: { vi: 'Gửi lỗi', en: 'Failed' },
  revoked: { vi: 'Đã báo thu hồi', en: 'Told of revocation' },
};

/** How a new document stands to an issued one (Art. 18; edXML BussinessDocType 2 update, 3 replace). */
export const RELATION_KINDS = ['replaces', 'updates'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const RELATION_KIND_LABELS: Readonly<Record<RelationKind, { vi: string; en: string }>> = {
  replaces: { vi: 'Thay thế văn bản', en: 'Replaces' },
  updates: { vi: 'Cập nhật, đính chính văn bản', en: 'Updates' },
};

/** The labels before a signer's position (DOMAIN.md §4): '' when the head signs in their own name. */
export const SIGNER_COMPETENCES = ['', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;
export type SignerCompetence = (typeof SIGNER_COMPETENCES)[number];

/** What a version of the document file is: a draft, the signer's signed PDF, the issued (numbered and sealed) PDF. */
export const VERSION_KINDS = ['draft', 'signed', 'issued'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const VERSION_KIND_LABELS: Readonly<Record<VersionKind, { vi: string; en: string }>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  signed: { vi: 'Bản đã ký', en: 'Signed' },
  issued: { vi: 'Bản phát hành', en: 'Issued' },
};

export const SIGNATURE_ROLES = ['signer', 'agency'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

export const OUTGOING_HISTORY_ACTIONS = [
  'created',
  'updated',
  'version_added',
  'commented',
  'submitted',
  'approved',
  'returned',
  'forwarded',
  'signed',
  'issue_requested',
  'numbered',
  'sealed',
  'dispatched',
  'delivery',
  'revoked',
  'replaced',
  'cancelled',
] as const;
export type OutgoingHistoryAction = (typeof OUTGOING_HISTORY_ACTIONS)[number];

/** The lists of the screen (issue #10: "Dự thảo của tôi", "Chờ tôi duyệt", "Chờ ký", "Chờ cấp số", "Đã phát hành"). */
export const OUTGOING_VIEWS = ['mine', 'to_review', 'to_sign', 'to_issue', 'issued', 'all'] as const;
export type OutgoingListName = (typeof OUTGOING_VIEWS)[number];

export const OUTGOING_VIEW_LABELS: Readonly<Record<OutgoingListName, { vi: string; en: string }>> = {
  mine: { vi: 'Dự thảo của tôi', en: 'My drafts' },
  to_review: { vi: 'Chờ tôi duyệt', en: 'Awaiting my review' },
  to_sign: { vi: 'Chờ ký', en: 'Awaiting signature' },
  to_issue: { vi: 'Chờ cấp số', en: 'Awaiting number' },
  issued: { vi: 'Đã phát hành', en: 'Issued' },
  all: { vi: 'Tất cả', en: 'All' },
};

/** Bounds of every array in a state (a saved state always parses: decisions §18). */
export const OUTGOING_LIMITS = {
  recipients: 300,
  versions: 100,
  attachments: 30,
  comments: 500,
  steps: 30,
  signatures: 4,
  history: 400,
  registers: 50,
  registerTypes: 40,
  trustedRoots: 50,
} as const;

/** Text limits (Decree 30 Appendix VI Part II for the metadata). */
export const OUTGOING_TEXT = {
  subject: 500,
  documentType: 100,
  signerPosition: 100,
  recipientName: 200,
  email: 320,
  comment: 4000,
  reason: 2000,
  note: 1000,
  summary: 2000,
  registerName: 200,
  description: 500,
} as const;

/** Mutation names, frozen from the first release. */
export const OUTGOING_MUTATIONS = [
  'outgoing.create',
  'outgoing.update',
  'outgoing.addVersion',
  'outgoing.comment',
  'outgoing.submit',
  'outgoing.approve',
  'outgoing.return',
  'outgoing.forward',
  'outgoing.sign',
  'outgoing.issue',
  'outgoing.seal',
  'outgoing.dispatch',
  'outgoing.deliver',
  'outgoing.revoke',
  'outgoing.cancel',
] as const;
export type OutgoingMutationName = (typeof OUTGOING_MUTATIONS)[number];
