/**
 * The reference server's HTTP application (Fastify). Routes are grouped by
 * concern; authentication, error bodies and limits are installed once here.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { API_PREFIX, MAX_JSON_BYTES } from '../../shared/sync/protocol.js';
import { installAuth } from './auth.js';
import type { ServerContext } from './context.js';
import { installErrorHandling } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { fileRoutes } from './routes/files.js';
import { incomingRoutes } from '../incoming/index.js';
import { dashboardRoutes } from '../dashboard/routes.js';
import { syncRoutes } from './routes/sync.js';

export function buildApp(ctx: ServerContext, options: { logLevel?: string } = {}): FastifyInstance {
  const app = Fastify({
    bodyLimit: MAX_JSON_BYTES,
    logger: {
      level: options.logLevel ?? 'info',
      // Secrets never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'res.headers["set-cookie"]'],
    },
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  installErrorHandling(app);
  installAuth(app, ctx, new Set([`${API_PREFIX}/auth/login`, `${API_PREFIX}/health`, `${API_PREFIX}/auth/logout`]));
  app.get(`${API_PREFIX}/health`, async () => ({ ok: true, database: ctx.db.kind }));
  authRoutes(app, ctx);
  syncRoutes(app, ctx);
  fileRoutes(app, ctx);
  incomingRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  adminRoutes(app, ctx);
  return app;
}
