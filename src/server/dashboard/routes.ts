/**
 * GET/POST /api/v1/dashboard: the leaders' figures ("Tình hình thực hiện") computed by
 * the server over what the signed-in user sees. The desktop computes the same figures
 * from its cache (instant, offline); this is the reference they are checked against,
 * and what a web or reporting client can call. GET takes the query string
 * (`from`, `to`, `unitId`, `kinds=tasks,incoming`), POST the same fields as JSON.
 * Anyone signed in may ask: the figures only ever count records they may see.
 */
import type { FastifyInstance } from 'fastify';
import { DashboardParams, type DashboardResult } from '../../shared/dashboard/rpc.js';
import { API_PREFIX } from '../../shared/sync/protocol.js';
import { currentUser } from '../http/auth.js';
import type { ServerContext } from '../http/context.js';
import { parseWith } from '../http/validation.js';
import { serverDashboard } from './query.js';

/** The query string as DashboardParams' input: `kinds` may be repeated or comma-separated. */
function fromQuery(query: unknown): unknown {
  const q = (query ?? {}) as Record<string, unknown>;
  const list = (v: unknown): unknown => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',').filter(Boolean) : [x])));
  return { from: q.from, to: q.to, unitId: q.unitId === undefined || q.unitId === '' ? undefined : q.unitId, kinds: list(q.kinds) };
}

export function dashboardRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const answer = async (user: ReturnType<typeof currentUser>, input: unknown): Promise<DashboardResult> =>
    serverDashboard(ctx.db, user, parseWith(DashboardParams, input), ctx.now());
  app.get(`${API_PREFIX}/dashboard`, async (req) => answer(currentUser(req), fromQuery(req.query)));
  app.post(`${API_PREFIX}/dashboard`, async (req) => answer(currentUser(req), req.body ?? {}));
}
