import { z } from 'zod';
import { IncomingDocument } from '../incoming/model.js';
import { Agency, UserSummary } from '../model/organisation.js';
import { isoDateTime, noControlCharacters, plainString, uuid } from '../model/primitives.js';

/**
 * The sync wire protocol between the core and the reference server
 * (docs/sync-protocol.md). Every body is validated with these schemas on both ends.
 */

export const API_PREFIX = '/api/v1';

// ── Auth ────────────────────────────────────────────────────────────────────
export const LoginRequest = z.object({
  username: noControlCharacters(z.string().min(1).max(64)).transform((s) => s.normalize('NFC').trim().toLowerCase()),
  /** Opaque: only ever hashed, never stored or compared as text, so any character is allowed. */
  password: z.string().min(1).max(256),
  /** A label for the device, shown in the user's session list. */
  deviceName: plainString(100).optional(),
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string().min(32),
  expiresAt: isoDateTime,
  user: UserSummary,
  agency: Agency,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

// ── Pull ────────────────────────────────────────────────────────────────────
export const PullRequest = z.object({
  clientId: uuid,
  /** Opaque; null asks for everything from scratch. */
  cursor: plainString(512).nullable(),
  limit: z.number().int().min(1).max(2000).default(500),
  /**
   * 2: changes come as record envelopes of every kind asked for (absent: protocol 1,
   * incoming documents only, as `{op, doc}`, for the desktops of earlier releases).
   */
  protocol: z.literal(2).optional(),
  /** The kinds this client reads (protocol 2); the server serves those it knows. */
  kinds: z.array(z.string().regex(/^[a-z][a-z_]{1,30}$/u)).max(20).optional(),
});
export type PullRequest = z.input<typeof PullRequest>;

/** The version of the pull this build speaks (docs/sync-protocol.md "Protocol 2"). */
export const PULL_PROTOCOL = 2;

/**
 * A protocol 2 change: a record of some kind, whole, or its removal. The state is
 * checked by the kind's own schema where the core applies it (one unreadable record
 * is set aside, not the page).
 */
export const RecordChange = z.union([
  z.object({ kind: z.string(), id: uuid, version: z.number().int().positive(), state: z.unknown() }),
  z.object({ kind: z.string(), id: uuid, removed: z.literal(true) }),
]);
export type RecordChange = z.infer<typeof RecordChange>;

/** Protocol 1's change (incoming documents only), still answered to earlier desktops. */
export const PullChange = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), doc: IncomingDocument }),
  /** The user may no longer see this document: delete it with its files and search entries. */
  z.object({ op: z.literal('remove'), id: uuid }),
]);
export type PullChange = z.infer<typeof PullChange>;

export const PullResponse = z.object({
  /** True when the client must drop everything it has before applying this page. */
  reset: z.boolean(),
  changes: z.array(PullChange),
  cursor: z.string(),
  /** More pages are waiting: pull again at once. */
  more: z.boolean(),
  /** The last mutation id of this client that the server has processed. */
  lastMutationId: z.number().int().nonnegative(),
  /** Bumped whenever units or users change; refetch the organisation when it moves. */
  orgVersion: z.number().int().nonnegative(),
  serverTime: isoDateTime,
});
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * A pull page as the core reads it: the envelope checked whole, the changes one by
 * one (`splitPullChanges`). One record the client's schema refuses (a row written
 * by an older server, a schema tightened since) must not fail the page and hold the
 * cursor for every record after it (decisions §18).
 */
export const PullEnvelope = PullResponse.extend({
  changes: z.array(z.unknown()),
  /** Present from protocol 2 on: the kinds served; absent, the server speaks protocol 1. */
  protocol: z.number().int().optional(),
  kinds: z.array(z.string()).optional(),
});

/** A change ready to apply: a record's state checked by its kind's schema, or its removal. */
export type LocalChange = { kind: string; id: string; state: unknown } | { kind: string; id: string; removed: true };

/** A change the client's schema refused: the record it names (when it names one) and where it failed, without the values. */
export interface RefusedChange {
  kind: string | null;
  recordId: string | null;
  /** "path: code" of the first few issues: enough to find the field, nothing of its content (secret documents). */
  issues: string[];
}

/** The issue's kind (a custom check names its own, e.g. control_characters), never its message: messages may quote the value. */
function issueKind(i: z.core.$ZodIssue): string {
  const kind = (i as { params?: { kind?: unknown } }).params?.kind;
  return i.code === 'custom' && typeof kind === 'string' ? kind : i.code;
}

const describe = (e: z.ZodError): string[] => e.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(change)'}: ${issueKind(i)}`);

const changeId = z.union([z.object({ doc: z.object({ id: uuid }) }).transform((c) => c.doc.id), z.object({ id: uuid }).transform((c) => c.id)]);

/** A page after `splitPullChanges`: what to apply, and what was set aside. */
export type PullPage = Omit<PullResponse, 'changes'> & { changes: LocalChange[]; refused: RefusedChange[] };

/**
 * Each change checked on its own by its kind's schema: the good ones to apply, the
 * refused ones to set aside. A protocol 1 page (an older server) carries incoming
 * documents only, as `{op, doc}`. A kind this build does not read is ignored.
 */
export function splitPullChanges(raw: readonly unknown[], schemas: ReadonlyMap<string, z.ZodType>, protocol: number | undefined): { changes: LocalChange[]; refused: RefusedChange[] } {
  const changes: LocalChange[] = [];
  const refused: RefusedChange[] = [];
  for (const r of raw) {
    if (protocol === undefined || protocol < 2) {
      const schema = schemas.get('incoming');
      const envelope = PullChange.safeParse(r);
      if (envelope.success && envelope.data.op === 'remove') {
        changes.push({ kind: 'incoming', id: envelope.data.id, removed: true });
        continue;
      }
      const doc = envelope.success && envelope.data.op === 'put' ? envelope.data.doc : null;
      const parsed = doc && schema ? schema.safeParse(doc) : null;
      if (doc && parsed?.success) {
        changes.push({ kind: 'incoming', id: doc.id, state: parsed.data });
        continue;
      }
      const id = changeId.safeParse(r);
      refused.push({ kind: 'incoming', recordId: id.success ? id.data : null, issues: envelope.success ? [] : describe(envelope.error) });
      continue;
    }
    const envelope = RecordChange.safeParse(r);
    if (!envelope.success) {
      const id = changeId.safeParse(r);
      const kind = (r as { kind?: unknown } | null)?.kind;
      refused.push({ kind: typeof kind === 'string' ? kind : null, recordId: id.success ? id.data : null, issues: describe(envelope.error) });
      continue;
    }
    const c = envelope.data;
    const schema = schemas.get(c.kind);
    if (!schema) continue;
    if ('removed' in c) {
      changes.push({ kind: c.kind, id: c.id, removed: true });
      continue;
    }
    const parsed = schema.safeParse(c.state);
    if (parsed.success) changes.push({ kind: c.kind, id: c.id, state: parsed.data });
    else refused.push({ kind: c.kind, recordId: c.id, issues: describe(parsed.error) });
  }
  return { changes, refused };
}

// ── Push ────────────────────────────────────────────────────────────────────
/**
 * The most a push may carry: at most this many mutations, in a body of at most
 * MAX_PUSH_BYTES (the server's JSON body limit). The core cuts batches by both
 * and sets aside, as failed, a single mutation that can never fit (§18).
 */
export const MAX_PUSH_MUTATIONS = 100;
export const MAX_PUSH_BYTES = 2 * 1024 * 1024;

/**
 * What the core sends in place of a mutation it gave up (the server refused it for
 * good, or it is too large to send) so the server's mutation id still advances
 * past it; the server records it as rejected ('mutation_abandoned').
 */
export const ABANDONED_MUTATION = 'sync.abandoned';

/** The envelope only: args are validated per mutation, so one bad mutation is rejected, not the batch. */
export const PushedMutation = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /** When the user acted (their clock); the server uses it within a window (decisions §21). Older clients may omit it: the server's time. */
  createdAt: isoDateTime.optional(),
});
export type PushedMutation = z.infer<typeof PushedMutation>;

export const PushRequest = z.object({
  clientId: uuid,
  mutations: z.array(PushedMutation).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const LocalizedMessageSchema = z.object({ vi: z.string(), en: z.string() });

export const ErrorBody = z.object({
  code: z.string(),
  message: LocalizedMessageSchema,
  details: z.unknown().optional(),
});

export const MutationResult = z.object({
  id: z.number().int().positive(),
  /** applied · already applied earlier (replay) · refused by the rules (the id still advances) */
  status: z.enum(['applied', 'replayed', 'rejected']),
  error: ErrorBody.optional(),
  warnings: z.array(ErrorBody.extend({ code: z.string() })).optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  lastMutationId: z.number().int().nonnegative(),
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** 409 body when a push skips ids: the client must resend from `expected`. */
export const PushGapBody = ErrorBody.extend({
  code: z.literal('mutation_gap'),
  details: z.object({ expected: z.number().int().positive(), lastMutationId: z.number().int().nonnegative() }),
});

// ── Duplicates (the clerk's warning before registering) ─────────────────────
export const DuplicateCheckRequest = z.object({
  codeNumber: plainString(11),
  codeNotation: plainString(30),
  issuer: plainString(200),
  issuedDate: plainString(10),
});
export const DuplicateCheckResponse = z.object({
  duplicates: z.array(z.object({ id: uuid, arrivalNumber: z.number().int(), arrivalYear: z.number().int(), arrivalDate: isoDateTime, subject: z.string() })),
});
export type DuplicateCheckResponse = z.infer<typeof DuplicateCheckResponse>;

/** Server-sent events on `${API_PREFIX}/sync/events`: `event: poke` means "pull now". */
export const POKE_EVENT = 'poke';

/** `PUT /files/:sha256` answers 201 (stored) or 200 (already there) with this. */
export const FileUploadResponse = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/u), size: z.number().int().positive() });
export type FileUploadResponse = z.infer<typeof FileUploadResponse>;

/** Upload and download limits, shared so the client can refuse early with the same message. */
export { MAX_FILE_BYTES } from './limits.js';
export const MAX_JSON_BYTES = MAX_PUSH_BYTES;
