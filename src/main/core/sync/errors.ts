import { AppError, errorBody, isErrorCode, type ErrorCode } from '../../../shared/index.js';
import type { ErrorBodyT } from './outbox.js';

/** An error the server answered with: keeps the server's own body (its code, message and details). */
export class RemoteError extends AppError {
  readonly status: number;
  readonly body: ErrorBodyT;
  constructor(status: number, body: ErrorBodyT) {
    super(isErrorCode(body.code) ? body.code : status >= 500 ? 'server_error' : 'bad_request', {}, body.details);
    this.name = 'RemoteError';
    this.status = status;
    this.body = body;
  }
}

/** Any thrown value as the ErrorBody the UI and the outbox understand; unknown failures become 'internal'. */
export function toErrorBody(err: unknown): ErrorBodyT {
  if (err instanceof RemoteError) return err.body;
  if (err instanceof AppError) return err.toBody();
  return errorBody('internal');
}

export function errorCodeOf(err: unknown): ErrorCode | null {
  return err instanceof AppError ? err.code : null;
}

/** Failures that mean "try again later" (offline, server trouble), as opposed to a definite answer. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof AppError)) return false;
  if (err instanceof RemoteError) return err.status >= 500 || err.status === 408 || err.status === 429;
  return err.code === 'server_unreachable' || err.code === 'server_error' || err.code === 'rate_limited';
}

/**
 * What a failed push means for the mutations in it (docs/decisions.md §18):
 * - 'retry': the server is down or unreachable (network, timeout, 502/503/504, 408, 429): try the same batch later;
 * - 'session': the request as a whole was refused (401, a foreign client id, admin): nothing to do with these mutations;
 * - 'mutation': a definite answer about this batch (another 4xx, a 500): something in it will fail the same way
 *   every time, so it is isolated and set aside as failed, never retried forever in front of the rest of the queue.
 */
export function pushFailureKind(err: unknown): 'retry' | 'session' | 'mutation' {
  if (!(err instanceof AppError)) return 'retry';
  const status = err instanceof RemoteError ? err.status : typeof (err.details as { status?: unknown } | undefined)?.status === 'number' ? (err.details as { status: number }).status : null;
  if (err.code === 'unauthenticated' || err.code === 'client_mismatch' || err.code === 'forbidden' || err.code === 'mutation_gap') return 'session';
  if (status === null) return 'retry'; // no answer at all (offline, timeout) or one we could not read
  if (status === 408 || status === 429 || status === 502 || status === 503 || status === 504) return 'retry';
  if (status === 401 || status === 403 || status === 409) return 'session';
  return status >= 400 ? 'mutation' : 'retry';
}
