/**
 * Bearer-token authentication for every route but login and health; the user is
 * re-read from the database on each request, so a disabled account or an
 * expired session stops working at once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/i18n/errors.js';
import type { UserSummary } from '../../shared/model/organisation.js';
import { userForToken } from '../auth/sessions.js';
import type { ServerContext } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserSummary | null;
  }
}

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/iu.exec(h);
  return m ? (m[1] as string) : null;
}

export function installAuth(app: FastifyInstance, ctx: ServerContext, publicPaths: Set<string>): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (publicPaths.has(path)) return;
    const token = bearerToken(req);
    const user = token ? await userForToken(ctx.db, token, ctx.now()) : null;
    if (!user) throw new AppError('unauthenticated');
    req.user = user;
  });
}

export function currentUser(req: FastifyRequest): UserSummary {
  if (!req.user) throw new AppError('unauthenticated');
  return req.user;
}
