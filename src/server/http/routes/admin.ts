/**
 * The agency's settings, for its administrator (role admin): the secret-content
 * policy (docs/decisions.md §19) — the same change as the server's `secret-policy`
 * command, but through the running server, so it works on PGlite (one process owns
 * its folder) and pokes every client at once — the weekly schedule's office and
 * meeting rooms (issue #9), and the outgoing registers and trusted roots (issue #10).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/i18n/errors.js';
import { SecretContentPolicy } from '../../../shared/model/organisation.js';
import { API_PREFIX } from '../../../shared/sync/protocol.js';
import { ScheduleSettings } from '../../../shared/schedule/model.js';
import { OutgoingSettings } from '../../../shared/outgoing/model.js';
import { loadOutgoingSettings, writeOutgoingSettings } from '../../outgoing/index.js';
import { loadSecretContentPolicy, setSecretContentPolicy } from '../../incoming/secretPolicy.js';
import { loadOrganisation } from '../../org/organisation.js';
import { loadScheduleSettings, writeScheduleSettings } from '../../schedule/settings.js';
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

  app.get(`${API_PREFIX}/admin/schedule-settings`, async (req) => {
    const user = currentUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden');
    return loadScheduleSettings(ctx.db, user.agencyId);
  });

  /** Body: the whole ScheduleSettings { officeUnitId, rooms }; answers it as stored. Every client re-reads the organisation. */
  app.put(`${API_PREFIX}/admin/schedule-settings`, async (req) => {
    const user = currentUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden');
    const settings = parseWith(ScheduleSettings.strict(), req.body);
    const pokeUsers = await ctx.db.tx(async (q) => writeScheduleSettings(q, user.agencyId, settings, await loadOrganisation(q, user.agencyId)));
    ctx.pokes.publish(pokeUsers);
    return loadScheduleSettings(ctx.db, user.agencyId);
  });

  /** The registers and trusted roots in force (the defaults when none were set). */
  app.get(`${API_PREFIX}/admin/outgoing-settings`, async (req) => {
    const user = currentUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden');
    return loadOutgoingSettings(ctx.db, user.agencyId);
  });

  /** Body: the whole OutgoingSettings { registers, trustedRoots }; answers it as stored. Every client re-reads the organisation. */
  app.put(`${API_PREFIX}/admin/outgoing-settings`, async (req) => {
    const user = currentUser(req);
    if (user.role !== 'admin') throw new AppError('forbidden');
    const settings = parseWith(OutgoingSettings.strict(), req.body);
    const pokeUsers = await ctx.db.tx(async (q) => writeOutgoingSettings(q, user.agencyId, settings, await loadOrganisation(q, user.agencyId)));
    ctx.pokes.publish(pokeUsers);
    return loadOutgoingSettings(ctx.db, user.agencyId);
  });
}
