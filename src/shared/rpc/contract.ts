import { z } from 'zod';
import { AssignmentRole, DocumentStatus, IncomingDocument, IncomingMetadata, Urgency, Confidentiality, FileRef } from '../model/incoming.js';
import { Agency, Organisation, UserSummary } from '../model/organisation.js';
import { isoDateTime, sha256Hex, uuid, fileName } from '../model/primitives.js';
import { MUTATION_NAMES } from '../sync/mutations.js';
import { ErrorBody } from '../sync/protocol.js';

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
  /** Keyset cursor from the previous page (never an offset). */
  after: z.string().max(200).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
});
export const ListIncomingResult = z.object({
  items: z.array(IncomingListItem),
  next: z.string().nullable(),
  total: z.number().int().nonnegative(),
});

/** A pending local mutation as the UI shows it ("waiting to sync"). */
export const PendingMutation = z.object({
  id: z.number().int().positive(),
  name: z.enum(MUTATION_NAMES as [string, ...string[]]),
  documentId: uuid,
  createdAt: isoDateTime,
});

export const FailedMutation = PendingMutation.extend({
  error: ErrorBody,
  failedAt: isoDateTime,
});
export type FailedMutation = z.infer<typeof FailedMutation>;

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

/** The RPC methods: name → params and result schemas. */
export const RPC = {
  'session.get': { params: z.object({}), result: Session },
  'session.login': {
    params: z.object({ serverUrl: z.string().url().max(500), username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    result: Session,
  },
  'session.logout': { params: z.object({}), result: Session },
  'sync.status': { params: z.object({}), result: SyncStatus },
  'sync.now': { params: z.object({}), result: SyncStatus },
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
    params: z.object({ name: z.enum(MUTATION_NAMES as [string, ...string[]]), args: z.unknown() }),
    result: z.object({ mutationId: z.number().int().positive(), documentId: uuid }),
  },
  'mutations.failed': { params: z.object({}), result: z.array(FailedMutation) },
  'mutations.dismiss': { params: z.object({ id: z.number().int().positive() }), result: z.object({}) },
  /** Add a local file (e.g. a scanned PDF to register); stored in the file cache and uploaded before the mutation that needs it. */
  'files.add': {
    params: z.object({ name: fileName, bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' }) }),
    result: FileRef,
  },
  /** Make a file available locally (download, verify) and return its cache path for the file protocol. */
  'files.open': { params: z.object({ sha256: sha256Hex }), result: z.object({ path: z.string(), size: z.number().int() }) },
} as const;

export type RpcMethod = keyof typeof RPC;
export type RpcParams<M extends RpcMethod> = z.input<(typeof RPC)[M]['params']>;
export type RpcResult<M extends RpcMethod> = z.infer<(typeof RPC)[M]['result']>;

export const RPC_EVENTS = {
  /** Local data changed: lists and open documents should re-read. */
  changed: z.object({ scope: z.enum(['incoming', 'org', 'session', 'files']), ids: z.array(z.string()).optional() }),
  sync: SyncStatus,
  /** The server refused a queued action; the optimistic change was rolled back. */
  rejected: FailedMutation,
} as const;
export type RpcEvent = keyof typeof RPC_EVENTS;
export type RpcEventPayload<E extends RpcEvent> = z.infer<(typeof RPC_EVENTS)[E]>;

export const RpcRequestMessage = z.object({ kind: z.literal('request'), id: z.number().int(), method: z.string(), params: z.unknown() });
export const RpcResponseMessage = z.union([
  z.object({ kind: z.literal('response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id: z.number().int(), ok: z.literal(false), error: ErrorBody }),
]);
export const RpcEventMessage = z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() });

/** The smallest thing both a MessagePort, a worker and a child process can be adapted to. */
export interface RpcTransport {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  close?(): void;
}
