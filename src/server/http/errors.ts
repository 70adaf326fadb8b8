/**
 * Every error leaves the server as `{ code, message: { vi, en }, details? }` with
 * a 4xx/5xx status — including the framework's own (bad JSON, too large, wrong
 * content type) — and never with a stack trace.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody, type ErrorCode } from '../../shared/i18n/errors.js';
import { MAX_FILE_BYTES, MAX_JSON_BYTES } from '../../shared/sync/protocol.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  invalid_credentials: 401,
  account_disabled: 403,
  forbidden: 403,
  client_mismatch: 403,
  not_clerk: 403,
  not_agency_leader: 403,
  not_unit_leader: 403,
  not_handler: 403,
  not_main_handler: 403,
  content_withheld: 403,
  file_withheld: 403,
  not_found: 404,
  document_not_found: 404,
  mutation_gap: 409,
  document_exists: 409,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  unsupported_media_type: 415,
  file_not_pdf: 415,
  rate_limited: 429,
  server_error: 500,
  service_unavailable: 503,
  internal: 500,
};

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 400;

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * The database is down or out of connections, as opposed to a bug: answered 503 so
 * clients retry later. A 500 means this request failed for a reason retrying will
 * not fix, and the core sets such a mutation aside as failed (docs/decisions.md §18).
 */
function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(08|57P0|53)/u.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/u.test(message);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) return reply.status(statusOf(err.code)).send(err.toBody());
    const code = (err).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = req.url.includes('/files/') ? MAX_FILE_BYTES : MAX_JSON_BYTES;
      return reply.status(413).send(errorBody('payload_too_large', { limit: mb(limit) }));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody('unsupported_media_type'));
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
      return reply.status(400).send(errorBody('invalid_json'));
    const status = (err).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return reply.status(status).send(errorBody('bad_request', {}, err.message));
    if (isUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return reply.status(503).send(errorBody('service_unavailable'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('server_error'));
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(errorBody('not_found')));
}
