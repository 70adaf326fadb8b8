import { z } from 'zod';
import { AssignmentRole, DocumentStatus, IncomingDocument, IncomingMetadata, Urgency, Confidentiality, FileRef } from '../incoming/model.js';
import { Agency, Organisation, UserSummary } from '../model/organisation.js';
import { isoDate, isoDateTime, noControlCharacters, sha256Hex, uuid, fileName } from '../model/primitives.js';
import { MUTATION_NAMES } from '../incoming/mutations.js';
import { ErrorBody } from '../sync/protocol.js';
import { FailedMutation, MutationWarning, PendingMutation, RefusedRecord } from '../sync/records.js';
import { TASK_MUTATION_NAMES } from '../tasks/constants.js';
import { TASK_RPC } from '../tasks/rpc.js';
import { DASHBOARD_RPC } from '../dashboard/rpc.js';
import { SCHEDULE_RPC } from '../schedule/rpc.js';
import { SCHEDULE_MUTATIONS } from '../schedule/constants.js';
import { OUTGOING_RPC } from '../outgoing/rpc.js';
import { OUTGOING_MUTATIONS } from '../outgoing/constants.js';
import {
  ComposeInput,
  MailAccountSettings,
  MailAccountView,
  MailActionParams,
  MailFolder,
  MailListItem,
  MailMessageView,
  MailOutboxItem,
  MailRegisterPrefill,
  MailStatus,
} from '../model/mail.js';

const bytesParam = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });

/** files.add: a document's name must already be a plain file name; an attachment's is made safe by the core. */
const FilesAddParams = z
  .object({ name: z.string().min(1).max(1000), bytes: bytesParam, kind: z.enum(['document', 'attachment']).default('document') })
  .transform((p, ctx) => {
    if (p.kind === 'attachment') return p;
    const name = fileName.safeParse(p.name);
    if (name.success) return { ...p, name: name.data };
    ctx.addIssue({ code: 'custom', path: ['name'], message: name.error.issues[0]?.message ?? 'invalid file name' });
    return z.NEVER;
  });

/** What files.add stored: a FileRef, whose type is a PDF's for a document and the sniffed one for an attachment. */
const AddedFile = FileRef.extend({ mime: noControlCharacters(z.string().min(1).max(255)) });

/**
 * The core's API, as seen by any UI (the Electron renderer, the web host's page,
 * tests). Requests and responses are validated with these schemas on the core
 * side: the renderer is untrusted.
 *
 * Wire messages (any MessagePort-like transport):
 *   → { kind: 'request', id, method, params }
 *   ← { kind: 'response', id, ok: true, result } | { kind: 'response', id, ok: false, error: ErrorBody }
 *   ← { kind: 'event', name, payload }
 */

export const SyncState = z.enum(['offline', 'online', 'syncing']);
export const SyncStatus = z.object({
  state: SyncState,
  /** Changes made on this machine not yet confirmed by the server. */
  pendingCount: z.number().int().nonnegative(),
  /** Actions the server refused, waiting for the user to read why. */
  failedCount: z.number().int().nonnegative(),
  /** Documents the server sent that this version cannot read, set aside (decisions §18; `sync.refused`). */
  refusedCount: z.number().int().nonnegative(),
  lastSyncAt: isoDateTime.nullable(),
  lastError: ErrorBody.nullable(),
  /** When the next retry happens while offline (exponential backoff). */
  nextRetryAt: isoDateTime.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const Session = z.object({
  signedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  user: UserSummary.nullable(),
  agency: Agency.nullable(),
});
export type Session = z.infer<typeof Session>;

export const INCOMING_FILTERS = ['all', 'to_process', 'cooperate', 'info', 'overdue', 'done', 'unread', 'registered'] as const;
export const IncomingFilter = z.enum(INCOMING_FILTERS);
export type IncomingFilter = z.infer<typeof IncomingFilter>;

/** One row of the incoming list: only what the list shows, so 100,000 rows stay cheap. */
export const IncomingListItem = z.object({
  id: uuid,
  arrivalNumber: z.number().int().nonnegative(),
  arrivalYear: z.number().int(),
  arrivalDate: isoDateTime,
  issuer: z.string(),
  codeNumber: z.string(),
  codeNotation: z.string(),
  issuedDate: z.string(),
  documentType: z.string(),
  subject: z.string(),
  urgency: Urgency,
  confidentiality: Confidentiality,
  status: DocumentStatus,
  myRole: AssignmentRole.nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  unread: z.boolean(),
  /** Local changes to this document are waiting to sync. */
  pending: z.boolean(),
});
export type IncomingListItem = z.infer<typeof IncomingListItem>;

export const ListIncomingParams = z.object({
  filter: IncomingFilter.default('all'),
  urgentOnly: z.boolean().default(false),
  /** Arrived on or after / on or before these Vietnam calendar days (either may be open). */
  arrivedFrom: isoDate.nullable().default(null),
  arrivedTo: isoDate.nullable().default(null),
  /** Keyset cursor from the previous page (never an offset). */
  after: z.string().max(200).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
});
export const ListIncomingResult = z.object({
  items: z.array(IncomingListItem),
  next: z.string().nullable(),
  total: z.number().int().nonnegative(),
});

export { PendingMutation, FailedMutation, RefusedRecord, MutationWarning } from '../sync/records.js';

/** The document view: confirmed state with pending local changes applied on top. */
export const IncomingView = z.object({
  doc: IncomingDocument.extend({ arrivalNumber: z.number().int().nonnegative() }),
  /** True while the document itself is a local registration the server has not confirmed. */
  pendingRegistration: z.boolean(),
  pending: z.array(PendingMutation),
  failed: z.array(FailedMutation),
  allowedActions: z.array(z.string()),
  myRole: AssignmentRole.nullable(),
  overdue: z.boolean(),
  /** Files available on this machine right now. */
  cachedFiles: z.array(sha256Hex),
});
export type IncomingView = z.infer<typeof IncomingView>;

export const DuplicateCandidate = z.object({
  id: uuid,
  arrivalNumber: z.number().int(),
  arrivalYear: z.number().int(),
  subject: z.string(),
});

/** Every mutation a UI may queue, of every feature. */
const ALL_MUTATION_NAMES: [string, ...string[]] = [...TASK_MUTATION_NAMES, ...SCHEDULE_MUTATIONS, ...OUTGOING_MUTATIONS, ...MUTATION_NAMES];

/** The RPC methods: name → params and result schemas. */
export const RPC = {
  ...TASK_RPC,
  ...DASHBOARD_RPC,
  ...SCHEDULE_RPC,
  ...OUTGOING_RPC,
  'session.get': { params: z.object({}), result: Session },
  'session.login': {
    params: z.object({ serverUrl: z.string().url().max(500), username: noControlCharacters(z.string().min(1).max(64)), password: z.string().min(1).max(256) }),
    result: Session,
  },
  'session.logout': { params: z.object({}), result: Session },
  'sync.status': { params: z.object({}), result: SyncStatus },
  'sync.now': { params: z.object({}), result: SyncStatus },
  'sync.refused': { params: z.object({}), result: z.array(RefusedRecord) },
  'org.get': { params: z.object({}), result: Organisation.nullable() },
  'incoming.list': { params: ListIncomingParams, result: ListIncomingResult },
  'incoming.get': { params: z.object({ id: uuid }), result: IncomingView.nullable() },
  'incoming.search': {
    params: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    result: z.array(IncomingListItem),
  },
  'incoming.checkDuplicates': {
    params: IncomingMetadata.pick({ codeNumber: true, codeNotation: true, issuer: true, issuedDate: true }),
    result: z.array(DuplicateCandidate),
  },
  /** Queue a user's action: checked against the rules locally, written to the outbox, applied optimistically. */
  mutate: {
    params: z.object({ name: z.enum(ALL_MUTATION_NAMES), args: z.unknown() }),
    result: z.object({ mutationId: z.number().int().positive(), kind: z.string(), recordId: uuid }),
  },
  'mutations.failed': { params: z.object({}), result: z.array(FailedMutation) },
  'mutations.dismiss': { params: z.object({ id: z.number().int().positive() }), result: z.object({}) },
  /**
   * Add a local file, stored in the file cache and uploaded before the mutation that needs it.
   * `kind` 'document' (the default: a scanned PDF to register) takes a PDF only, under the name
   * as given; 'attachment' (a task's, issue #8) takes any type, under a safe name
   * (safeAttachmentName), with the type sniffed from the bytes.
   */
  'files.add': {
    params: FilesAddParams,
    result: AddedFile,
  },
  /** Make a file available locally (download, verify) and return its cache path for the file protocol. */
  /** `sealed`: a secret document's file, encrypted on disk (decisions §20): the hosts read it with files.read, never by path. */
  /** `mime`, `name`: what a mail attachment was stored with (the hosts serve its real type, policy/mime.ts). */
  'files.open': {
    params: z.object({ sha256: sha256Hex }),
    result: z.object({ path: z.string(), size: z.number().int(), sealed: z.boolean().default(false), mime: z.string().max(200).optional(), name: z.string().max(255).optional() }),
  },
  /** Plain bytes [start, end] (inclusive, like an HTTP Range) of a cached file; `size` is the whole file's. */
  'files.read': {
    params: z.object({ sha256: sha256Hex, start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
    result: z.object({ bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' }), size: z.number().int() }),
  },

  // ── mail (issue #4): the core talks IMAP/SMTP; the UI reads the local cache ──
  /** The account settings (never the password), or null when none is configured. */
  'mail.account.get': { params: z.object({}), result: MailAccountView.nullable() },
  /** Save settings (and the password, kept in the secret store) and (re)start the engine. Password omitted: keep the stored one. */
  'mail.account.save': {
    params: z.object({ settings: MailAccountSettings, password: z.string().min(1).max(512).optional() }),
    result: MailAccountView,
  },
  /** Remove the account: stops the engine and forgets the password (the local mail cache is cleared). */
  'mail.account.remove': { params: z.object({}), result: z.object({}) },
  /** Try the settings (IMAP login and SMTP login) without saving; errors are mail_* codes. */
  'mail.account.test': {
    params: z.object({ settings: MailAccountSettings, password: z.string().min(1).max(512).optional() }),
    result: z.object({ imap: z.object({ ok: z.boolean(), error: ErrorBody.nullable() }), smtp: z.object({ ok: z.boolean(), error: ErrorBody.nullable() }) }),
  },
  'mail.status': { params: z.object({}), result: MailStatus },
  /** Sync every folder now (the engine also syncs by itself: IDLE on the inbox, a timer for the rest). */
  'mail.syncNow': { params: z.object({}), result: MailStatus },
  'mail.folders': { params: z.object({}), result: z.array(MailFolder) },
  /** Newest first, keyset-paged. */
  'mail.list': {
    params: z.object({
      folderId: z.number().int(),
      after: z.string().max(200).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
      unreadOnly: z.boolean().default(false),
    }),
    result: z.object({ items: z.array(MailListItem), next: z.string().nullable(), total: z.number().int().nonnegative() }),
  },
  /** Accent-insensitive search of the local cache (subject, people, text). */
  'mail.search': {
    params: z.object({ query: z.string().max(200), folderId: z.number().int().nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }),
    result: z.array(MailListItem),
  },
  /** One message; fetches the body if it is not cached yet (online). Opening marks it read. */
  'mail.get': {
    params: z.object({ id: z.number().int(), allowRemoteImages: z.boolean().default(false), markRead: z.boolean().default(true) }),
    result: MailMessageView.nullable(),
  },
  /** Every cached message of a thread, oldest first. */
  'mail.thread': { params: z.object({ threadId: z.string().max(100) }), result: z.array(MailListItem) },
  /** Applied locally at once, then replayed from the durable mail outbox. */
  'mail.action': { params: MailActionParams, result: z.object({ queued: z.number().int() }) },
  /** Queue a message: durable before this returns, sent exactly once (docs/mail.md). */
  'mail.send': { params: ComposeInput, result: z.object({ outboxId: z.number().int(), messageId: z.string() }) },
  'mail.saveDraft': { params: ComposeInput, result: z.object({ outboxId: z.number().int(), messageId: z.string() }) },
  /** A reply/reply-all/forward skeleton (recipients, subject, quoted text, attachments to forward). */
  'mail.composeFrom': {
    params: z.object({ messageId: z.number().int(), kind: z.enum(['reply', 'replyAll', 'forward']) }),
    result: ComposeInput,
  },
  'mail.outbox': { params: z.object({}), result: z.array(MailOutboxItem) },
  /** For a send left 'uncertain' or 'failed': send it again, or drop it. */
  'mail.outbox.resolve': { params: z.object({ id: z.number().int(), action: z.enum(['resend', 'discard']) }), result: z.object({}) },
  /** Download (once, then cached by content) and return a local path, like files.open. */
  'mail.attachment.open': {
    params: z.object({ messageId: z.number().int(), attachmentId: z.string().max(100) }),
    result: z.object({ path: z.string(), size: z.number().int(), sha256: sha256Hex, name: z.string(), mime: z.string() }),
  },
  /** The cached message with this Message-ID header (a registered document's link back to its mail), or null. */
  'mail.locate': { params: z.object({ messageIdHeader: z.string().min(1).max(998) }), result: z.object({ id: z.number().int(), folderId: z.number().int() }).nullable() },
  /** Prefill the incoming-document form from a PDF attachment (the PDF is put in the file cache). */
  'mail.registerPrefill': {
    params: z.object({ messageId: z.number().int(), attachmentId: z.string().max(100) }),
    result: MailRegisterPrefill,
  },
} as const;

export type RpcMethod = keyof typeof RPC;
export type RpcParams<M extends RpcMethod> = z.input<(typeof RPC)[M]['params']>;
export type RpcResult<M extends RpcMethod> = z.infer<(typeof RPC)[M]['result']>;

export const RPC_EVENTS = {
  /** Local data changed: lists and open documents should re-read. */
  changed: z.object({ scope: z.enum(['incoming', 'tasks', 'schedule', 'outgoing', 'org', 'session', 'files']), ids: z.array(z.string()).optional() }),
  sync: SyncStatus,
  /** The server refused a queued action; the optimistic change was rolled back. */
  rejected: FailedMutation,
  /** The server applied a queued action with warnings (e.g. `action_time_adjusted`): tell the user, nothing to undo. */
  warned: MutationWarning,
  /** Mail cache changed: folder counts and lists (folderIds), open messages (messageIds). */
  'mail.changed': z.object({ folderIds: z.array(z.number().int()), messageIds: z.array(z.number().int()).optional() }),
  /** Mail connection state. */
  'mail.status': MailStatus,
} as const;
export type RpcEvent = keyof typeof RPC_EVENTS;
export type RpcEventPayload<E extends RpcEvent> = z.infer<(typeof RPC_EVENTS)[E]>;

export const RpcRequestMessage = z.object({ kind: z.literal('request'), id: z.number().int(), method: z.string(), params: z.unknown() });

/** The smallest thing both a MessagePort, a worker and a child process can be adapted to. */
export interface RpcTransport {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  close?(): void;
}
