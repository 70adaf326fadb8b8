/**
 * The agency's settings, for its administrator (role admin): today the
 * secret-content policy (docs/decisions.md §19). The same change as the server's
 * `secret-policy` command, but through the running server, so it works on PGlite
 * (one process owns its folder) and pokes every client at once.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/i18n/errors.js';
import { SecretContentPolicy } from '../../../shared/model/organisation.js';
import { API_PREFIX } from '../../../shared/sync/protocol.js';
import { loadSecretContentPolicy, setSecretContentPolicy } from '../../incoming/secretPolicy.js';
import { currentUser } from '../auth.js';
import type { ServerContext } from '../context.js';
import { parseWith } from '../validation.js';

export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${API_PREFIX}/admin/secret-content-policy`, async (req) => {
    const user = currentUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden');
    return loadSecretContentPolicy(ctx.db, user.agencyId);
  });

  /** Body: any of { confidential, secret, top_secret } as 'metadata' | 'full'; answers the whole policy. */
  app.put(`${API_PREFIX}/admin/secret-content-policy`, async (req) => {
    const user = currentUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden');
    const change = parseWith(SecretContentPolicy.partial().strict(), req.body);
    const { policy, pokeUsers } = await setSecretContentPolicy(ctx.db, user.agencyId, change);
    ctx.pokes.publish(pokeUsers);
    return policy;
  });
}
