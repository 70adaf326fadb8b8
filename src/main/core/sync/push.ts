import { AppError, errorBody, isoDateTime, MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, type PushedMutation, type PushResponse } from '../../../shared/index.js';
import type { FailedMutation, MutationWarning } from '../../../shared/rpc/contract.js';
import type { Db } from '../db/open.js';
import type { FileCache } from '../files/fileCache.js';
import { isTransient, pushFailureKind, RemoteError } from './errors.js';
import { PushGapError, type ServerClient } from './http.js';
import type { ErrorBodyT, Outbox, OutboxEntry } from './outbox.js';

export const MAX_PUSH_BATCH = MAX_PUSH_MUTATIONS;

export interface PushContext {
  db: Db;
  client: ServerClient;
  outbox: Outbox;
  files: FileCache;
  clientId: string;
  batchSize?: number;
  /** The largest request body to send (the server's limit, MAX_PUSH_BYTES). */
  maxBytes?: number;
  now: () => Date;
  signal?: AbortSignal;
}

export interface PushOutcome {
  /** Mutations the server processed in this round (applied, replayed or rejected). */
  processed: number;
  applied: number;
  /** Refused by the server, or given up by the core (docs/decisions.md §18). */
  rejected: FailedMutation[];
  /** Applied with warnings the user should read (`action_time_adjusted`, `duplicate_document`). */
  warned: MutationWarning[];
}

interface Item {
  mutation: PushedMutation;
  entry: OutboxEntry | null;
}

/** Items with consecutive ids from the first: the server refuses a batch with a hole in it. */
function consecutive(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    if (out.length > 0 && it.mutation.id !== (out[out.length - 1] as Item).mutation.id + 1) break;
    out.push(it);
  }
  return out;
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The longest prefix of `items` whose push request, serialised exactly as the client
 * sends it, fits in `maxBytes`. Empty when even the first one alone does not fit.
 */
export function cutBySize(clientId: string, items: Item[], maxBytes: number): { batch: Item[]; bytes: number } {
  let bytes = utf8Bytes(JSON.stringify({ clientId, mutations: [] }));
  const batch: Item[] = [];
  for (const it of items) {
    const more = utf8Bytes(JSON.stringify(it.mutation)) + (batch.length > 0 ? 1 : 0);
    if (bytes + more > maxBytes) break;
    bytes += more;
    batch.push(it);
  }
  return { batch, bytes };
}

const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Why a mutation sent alone was refused, in words for the user: the server's own when it gave some. */
function reasonFor(err: unknown): ErrorBodyT {
  if (err instanceof RemoteError && err.status < 500) return err.body;
  const status = err instanceof RemoteError ? err.status : ((err as AppError).details as { status?: number } | undefined)?.status ?? 0;
  return errorBody('mutation_undeliverable', { status }, err instanceof RemoteError ? err.body : undefined);
}

/**
 * Send the outbox, oldest first, in batches cut by count and by size. Applied and
 * replayed entries stay in the outbox (their effect is still only optimistic) until
 * a pull carries their result and confirms them; rejected ones leave it at once,
 * recorded as failed.
 *
 * A batch the server refuses outright (a 4xx other than 401/403/408/409/429, or a
 * 500) holds something it will never accept: the batch is halved until the
 * mutation at fault is alone, and that one is given up (Outbox.abandon): failed,
 * visible, dismissable, and the rest of the queue goes on. Only an unreachable or
 * unavailable server (network, timeouts, 502/503/504) makes the round retry later.
 */
export async function pushOutbox(ctx: PushContext): Promise<PushOutcome> {
  const outcome: PushOutcome = { processed: 0, applied: 0, rejected: [], warned: [] };
  const size = Math.min(ctx.batchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  const maxBytes = Math.min(ctx.maxBytes ?? MAX_PUSH_BYTES, MAX_PUSH_BYTES);
  const giveUp = (it: Item, error: ErrorBodyT): void => {
    const f = ctx.outbox.abandon(it.mutation.id, error, ctx.now().toISOString());
    if (f) outcome.rejected.push(f);
  };
  // Shrinks while a refused batch is narrowed down to the mutation at fault.
  let limit = size;
  let gapRetries = 0;
  for (;;) {
    if (ctx.signal?.aborted) return outcome;
    const items = consecutive(ctx.outbox.toSend(limit));
    if (items.length === 0) return outcome;
    const { batch } = cutBySize(ctx.clientId, items, maxBytes);
    const first = items[0] as Item;
    if (batch.length === 0) {
      // Larger than any request the server takes: it can never be sent.
      giveUp(first, errorBody('mutation_too_large', { limit: mb(maxBytes) }, { bytes: utf8Bytes(JSON.stringify(first.mutation)) }));
      continue;
    }

    // Every kind's files (a task's attachments too), as the def listed them at enqueue (outbox_files).
    for (const sha of new Set(batch.flatMap((it) => (it.entry ? ctx.outbox.filesOf(it.entry.id) : [])))) {
      if (!ctx.files.needsUpload(sha)) continue;
      try {
        await ctx.files.upload(sha);
      } catch (err) {
        // Offline: try the whole round later. A refused file: the server will reject the mutation and say why.
        if (isTransient(err) || (err instanceof AppError && err.code === 'unauthenticated')) throw err;
      }
    }

    let res: PushResponse;
    try {
      res = await ctx.client.push({ clientId: ctx.clientId, mutations: batch.map((it) => it.mutation) }, ctx.signal);
    } catch (err) {
      if (err instanceof PushGapError) {
        // The server is behind what we believed (e.g. restored from a backup): resend from where it is.
        ctx.outbox.resetServerPosition(err.lastMutationId);
        const next = ctx.outbox.toSend(1)[0];
        gapRetries += 1;
        if (next?.mutation.id !== err.expected || gapRetries > 2) throw new AppError('mutation_gap', { expected: err.expected }, err.body.details);
        continue;
      }
      if (ctx.signal?.aborted || pushFailureKind(err) !== 'mutation') throw err;
      if (batch.length > 1) {
        limit = Math.ceil(batch.length / 2);
        continue;
      }
      // The server refuses even the stand-in for a given-up mutation: nothing the client can change.
      if (!first.entry) throw err;
      giveUp(first, reasonFor(err));
      limit = size;
      continue;
    }

    const failedAt = ctx.now().toISOString();
    const sent = new Map(batch.map((it) => [it.mutation.id, it.entry]));
    ctx.db.transaction(() => {
      for (const r of res.results) {
        outcome.processed += 1;
        if (r.status === 'applied') outcome.applied += 1;
        // Warnings come with the first answer only (a replay does not repeat them), so they are passed on now.
        const entry = sent.get(r.id);
        if (r.status === 'applied' && r.warnings && r.warnings.length > 0 && entry)
          outcome.warned.push({ id: entry.id, name: entry.name, kind: entry.kind, recordId: entry.recordId, createdAt: isoDateTime.safeParse(entry.createdAt).success ? entry.createdAt : failedAt, warnings: r.warnings });
        if (r.status === 'rejected') {
          const f = ctx.outbox.fail(r.id, r.error ?? { code: 'internal', message: { vi: 'Bị từ chối.', en: 'Rejected.' } }, failedAt);
          if (f) outcome.rejected.push(f);
        }
      }
      ctx.outbox.noteServerPosition(res.lastMutationId);
    })();
    if (res.results.length === 0) return outcome;
  }
}
