import { AppError, type PushResponse } from '../../../shared/index.js';
import type { FailedMutation } from '../../../shared/rpc/contract.js';
import type { Db } from '../db/open.js';
import type { FileCache } from '../files/fileCache.js';
import { isTransient } from './errors.js';
import { PushGapError, type ServerClient } from './http.js';
import type { Outbox, OutboxEntry } from './outbox.js';

export const MAX_PUSH_BATCH = 100;

export interface PushContext {
  db: Db;
  client: ServerClient;
  outbox: Outbox;
  files: FileCache;
  clientId: string;
  batchSize?: number;
  now: () => Date;
  signal?: AbortSignal;
}

export interface PushOutcome {
  /** Mutations the server processed in this round (applied, replayed or rejected). */
  processed: number;
  applied: number;
  rejected: FailedMutation[];
}

function filesOf(e: OutboxEntry): string[] {
  if (e.name !== 'incoming.register') return [];
  const files = (e.args as { files?: { sha256?: unknown }[] }).files ?? [];
  return files.map((f) => f.sha256).filter((s): s is string => typeof s === 'string');
}

/** Entries strictly after `last` with consecutive ids: the server refuses a batch with a hole in it. */
function consecutive(entries: OutboxEntry[]): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  for (const e of entries) {
    if (out.length > 0 && e.id !== (out[out.length - 1] as OutboxEntry).id + 1) break;
    out.push(e);
  }
  return out;
}

/**
 * Send the outbox, oldest first, in batches. Applied and replayed entries stay in
 * the outbox (their effect is still only optimistic) until a pull carries their
 * result and confirms them; rejected ones leave it at once, recorded as failed.
 */
export async function pushOutbox(ctx: PushContext): Promise<PushOutcome> {
  const outcome: PushOutcome = { processed: 0, applied: 0, rejected: [] };
  const size = Math.min(ctx.batchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  let gapRetries = 0;
  for (;;) {
    if (ctx.signal?.aborted) return outcome;
    const batch = consecutive(ctx.outbox.unsent(size));
    if (batch.length === 0) return outcome;

    for (const sha of new Set(batch.flatMap(filesOf))) {
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
      res = await ctx.client.push(
        {
          clientId: ctx.clientId,
          mutations: batch.map((e) => ({ id: e.id, name: e.name, args: e.args, createdAt: e.createdAt })),
        },
        ctx.signal,
      );
    } catch (err) {
      if (!(err instanceof PushGapError)) throw err;
      // The server is behind what we believed (e.g. restored from a backup): resend from where it is.
      ctx.outbox.resetServerPosition(err.lastMutationId);
      const next = ctx.outbox.unsent(1)[0];
      gapRetries += 1;
      if (next?.id !== err.expected || gapRetries > 2) throw new AppError('mutation_gap', { expected: err.expected }, err.body.details);
      continue;
    }

    const failedAt = ctx.now().toISOString();
    ctx.db.transaction(() => {
      for (const r of res.results) {
        outcome.processed += 1;
        if (r.status === 'applied') outcome.applied += 1;
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
