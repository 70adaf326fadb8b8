/**
 * Push: apply a client's queued mutations exactly once, in order.
 *
 * Each mutation runs in its own transaction that also advances the client's
 * last mutation id and records the outcome. A replayed id is answered with the
 * recorded outcome and changes nothing; an id past last+1 is a gap and refused
 * (409) so nothing is ever applied out of order; a mutation the rules reject
 * still advances the id (inside a savepoint, its writes are undone) and comes back
 * as 'rejected' with the reason in Vietnamese and English.
 */
import type { z } from 'zod';
import { resolveActionTime } from '../../shared/domain/actionTime.js';
import { AppError, errorBody, type AppErrorBody } from '../../shared/i18n/errors.js';
import type { UserSummary } from '../../shared/model/organisation.js';
import { CONTROL_CHARACTER } from '../../shared/model/primitives.js';
import { ABANDONED_MUTATION, type MutationResult, type PushRequest, type PushResponse } from '../../shared/sync/protocol.js';
import { formatDateTimeVi } from '../../shared/text/vietnamese.js';
import type { Db, Queryable } from '../db/database.js';
import type { KindRegistry, ServerMutation } from './kinds.js';
import type { OrganisationCache } from '../org/organisation.js';
import { invalidInput } from '../http/validation.js';

export interface PushDeps {
  db: Db;
  orgs: OrganisationCache;
  kinds: KindRegistry;
  now: () => Date;
  poke: (userIds: Iterable<string>) => void;
}

export type PushOutcome = { kind: 'ok'; body: PushResponse } | { kind: 'gap'; expected: number; lastMutationId: number };

function parseMutation(kinds: KindRegistry, name: string, args: unknown): { mutation: ServerMutation; args: unknown } {
  // The client gave this one up (docs/decisions.md §18): recorded as rejected so the id advances.
  if (name === ABANDONED_MUTATION) throw new AppError('mutation_abandoned');
  const mutation = kinds.mutations.get(name);
  // The name is echoed back and stored as JSON (jsonb refuses NUL): never with a control character in it.
  if (!mutation) throw new AppError('unknown_mutation', { details: name.replace(new RegExp(CONTROL_CHARACTER.source, 'gu'), '\uFFFD') });
  const parsed = (mutation.def.args as z.ZodType).safeParse(args);
  if (!parsed.success) throw invalidInput(parsed.error, 'invalid_mutation');
  return { mutation, args: parsed.data };
}

/**
 * A database refusal of this mutation's data (SQLSTATE class 22 "data exception",
 * 23 "integrity constraint violation"): the same mutation would fail the same way
 * every time, so it is rejected, not answered with a 500 the client would retry.
 */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/u.test(code);
}

async function lockClient(q: Queryable, clientId: string, user: UserSummary, now: Date): Promise<number> {
  await q.query('INSERT INTO clients (client_id, user_id, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (client_id) DO NOTHING', [
    clientId,
    user.id,
    now.toISOString(),
  ]);
  const row = (await q.query<{ user_id: string; last_mutation_id: number }>('SELECT user_id, last_mutation_id FROM clients WHERE client_id = $1 FOR UPDATE', [clientId]))
    .rows[0]!;
  if (row.user_id !== user.id) throw new AppError('client_mismatch');
  return row.last_mutation_id;
}

export async function push(deps: PushDeps, user: UserSummary, req: PushRequest): Promise<PushOutcome> {
  const ids = req.mutations.map((m) => m.id);
  if (ids.some((id, i) => i > 0 && id !== ids[i - 1]! + 1)) throw new AppError('validation_failed', { details: 'mutation ids must be consecutive' });
  const results: MutationResult[] = [];
  const poke = new Set<string>();
  let lastMutationId = 0;
  for (const m of req.mutations) {
    const now = deps.now();
    const step = await deps.db.tx(async (q): Promise<MutationResult | { gap: number; last: number }> => {
      const last = await lockClient(q, req.clientId, user, now);
      lastMutationId = last;
      if (m.id <= last) {
        const prior = (await q.query<{ status: 'applied' | 'rejected'; error: AppErrorBody | null }>('SELECT status, error FROM mutation_results WHERE client_id = $1 AND mutation_id = $2', [req.clientId, m.id])).rows[0];
        return prior?.status === 'rejected' && prior.error ? { id: m.id, status: 'rejected', error: prior.error } : { id: m.id, status: 'replayed' };
      }
      if (m.id > last + 1) return { gap: last + 1, last };

      let result: MutationResult;
      await q.query('SAVEPOINT mutation');
      try {
        const { mutation, args } = parseMutation(deps.kinds, m.name, m.args);
        const org = await deps.orgs.get(q, user.agencyId);
        // The rules date the action by when the user took it (decisions §21), within a window around our clock.
        const acted = resolveActionTime(m.createdAt, now);
        const outcome = await mutation.run(q, args as never, { actor: user, org, now: acted.at, appliedAt: now });
        for (const u of outcome.poke) poke.add(u);
        const warnings = acted.adjusted ? [...outcome.warnings, errorBody('action_time_adjusted', { serverTime: formatDateTimeVi(now) }, { claimed: m.createdAt, serverTime: now.toISOString() })] : outcome.warnings;
        result = warnings.length > 0 ? { id: m.id, status: 'applied', warnings } : { id: m.id, status: 'applied' };
      } catch (err) {
        if (!(err instanceof AppError) && !isDataError(err)) throw err;
        await q.query('ROLLBACK TO SAVEPOINT mutation');
        const refusal = err instanceof AppError ? err : new AppError('invalid_mutation', { details: 'the database refused this data' });
        result = { id: m.id, status: 'rejected', error: refusal.toBody() };
      }
      await q.query('UPDATE clients SET last_mutation_id = $2, updated_at = $3 WHERE client_id = $1', [req.clientId, m.id, now.toISOString()]);
      await q.query('INSERT INTO mutation_results (client_id, mutation_id, status, error, warnings) VALUES ($1, $2, $3, $4, $5)', [
        req.clientId,
        m.id,
        result.status,
        result.error ? JSON.stringify(result.error) : null,
        result.warnings ? JSON.stringify(result.warnings) : null,
      ]);
      lastMutationId = m.id;
      return result;
    });
    if ('gap' in step) {
      deps.poke(poke);
      if (results.length === 0) return { kind: 'gap', expected: step.gap, lastMutationId: step.last };
      break;
    }
    results.push(step);
  }
  // The pusher's own other devices and everyone concerned pull the result.
  poke.add(user.id);
  deps.poke(poke);
  return { kind: 'ok', body: { lastMutationId, results } };
}

export const gapBody = (expected: number, lastMutationId: number): AppErrorBody => errorBody('mutation_gap', { expected }, { expected, lastMutationId });
