import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/i18n/errors.js';
import { API_PREFIX, DuplicateCheckRequest, type DuplicateCheckResponse } from '../../shared/sync/protocol.js';
import { findDuplicates } from './store.js';
import { currentUser } from '../http/auth.js';
import type { ServerContext } from '../http/context.js';
import { parseWith } from '../http/validation.js';

export function incomingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** The clerk's duplicate warning while filling in the registration form. */
  app.post(`${API_PREFIX}/incoming/duplicates`, async (req): Promise<DuplicateCheckResponse> => {
    const user = currentUser(req);
    if (user.role !== 'clerk') throw new AppError('not_clerk');
    const body = parseWith(DuplicateCheckRequest, req.body);
    const rows = await findDuplicates(ctx.db, user.agencyId, body);
    return { duplicates: rows.map((r) => ({ id: r.id, arrivalNumber: r.arrival_number, arrivalYear: r.arrival_year, arrivalDate: r.arrival_date, subject: r.subject })) };
  });
}
