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
