import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/i18n/errors.js';
import { API_PREFIX, PullRequest, PushRequest } from '../../../shared/sync/protocol.js';
import { pull } from '../../sync/pull.js';
import { gapBody, push } from '../../sync/push.js';
import { currentUser } from '../auth.js';
import type { ServerContext } from '../context.js';
import { parseWith } from '../validation.js';

const HEARTBEAT_MS = 15_000;

export function syncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(`${API_PREFIX}/sync/pull`, async (req, reply) => {
    const user = currentUser(req);
    const body = parseWith(PullRequest, req.body);
    const json = await pull(ctx.db, ctx.kinds, ctx.epoch, user, body, ctx.now());
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.post(`${API_PREFIX}/sync/push`, async (req, reply) => {
    const user = currentUser(req);
    if (user.role === 'admin') throw new AppError('forbidden');
    const body = parseWith(PushRequest, req.body);
    const outcome = await push({ db: ctx.db, orgs: ctx.orgs, kinds: ctx.kinds, now: ctx.now, poke: (u) => ctx.pokes.publish(u) }, user, body);
    if (outcome.kind === 'gap') return reply.status(409).send(gapBody(outcome.expected, outcome.lastMutationId));
    return outcome.body;
  });

  // Server-sent events: one `poke` on connect (so a reconnecting client catches
  // up) and one whenever something this user may see changed.
  app.get(`${API_PREFIX}/sync/events`, (req, reply) => {
    const user = currentUser(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const poke = (): void => {
      res.write('event: poke\ndata: {}\n\n');
    };
    poke();
    const unsubscribe = ctx.pokes.subscribe(user.id, poke);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const end = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    req.raw.on('close', end);
    res.on('error', end);
  });
}
