import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/i18n/errors.js';
import { API_PREFIX, LoginRequest, type LoginResponse } from '../../../shared/sync/protocol.js';
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords.js';
import { createSession, deleteSession } from '../../auth/sessions.js';
import { toUserSummary } from '../../org/organisation.js';
import { bearerToken, currentUser } from '../auth.js';
import type { ServerContext } from '../context.js';
import { parseWith } from '../validation.js';

/** Failed sign-ins per user name: five in fifteen minutes, then wait. */
class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();
  constructor(private readonly now: () => Date) {}
  check(username: string): void {
    const f = this.failures.get(username);
    if (f && this.now().getTime() - f.since < 15 * 60_000 && f.count >= 5) throw new AppError('rate_limited');
  }
  fail(username: string): void {
    const t = this.now().getTime();
    const f = this.failures.get(username);
    if (!f || t - f.since >= 15 * 60_000) this.failures.set(username, { count: 1, since: t });
    else f.count += 1;
  }
  succeed(username: string): void {
    this.failures.delete(username);
  }
}

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const throttle = new LoginThrottle(ctx.now);

  app.post(`${API_PREFIX}/auth/login`, async (req): Promise<LoginResponse> => {
    const body = parseWith(LoginRequest, req.body);
    throttle.check(body.username);
    const row = (
      await ctx.db.query<Parameters<typeof toUserSummary>[0] & { password_hash: string }>(
        'SELECT id, agency_id, unit_id, username, full_name, position, role, active, password_hash FROM users WHERE username = $1',
        [body.username],
      )
    ).rows[0];
    const ok = await verifyPassword(body.password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) {
      throttle.fail(body.username);
      throw new AppError('invalid_credentials');
    }
    if (!row.active) throw new AppError('account_disabled');
    throttle.succeed(body.username);
    const user = toUserSummary(row);
    const session = await createSession(ctx.db, user.id, ctx.now(), ctx.sessionTtlMs, body.deviceName ?? '');
    const org = await ctx.orgs.get(ctx.db, user.agencyId);
    return { token: session.token, expiresAt: session.expiresAt, user, agency: org.agency };
  });

  app.post(`${API_PREFIX}/auth/logout`, async (req, reply) => {
    const token = bearerToken(req);
    if (token) await deleteSession(ctx.db, token);
    return reply.status(204).send();
  });

  app.get(`${API_PREFIX}/me`, async (req) => {
    const user = currentUser(req);
    const org = await ctx.orgs.get(ctx.db, user.agencyId);
    return { user, agency: org.agency };
  });

  app.get(`${API_PREFIX}/org`, async (req) => ctx.orgs.get(ctx.db, currentUser(req).agencyId));
}
