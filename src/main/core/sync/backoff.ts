export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Random source in [0, 1), injectable for tests. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: base, doubling, capped; each delay is drawn from
 * [half, full] of the step so that many clients coming back together spread out.
 */
export class Backoff {
  private failures = 0;
  readonly baseMs: number;
  readonly maxMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? 500;
    this.maxMs = opts.maxMs ?? 60_000;
    this.random = opts.random ?? Math.random;
  }

  /** Record a failure and return how long to wait before the next attempt. */
  next(): number {
    const step = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(step / 2 + (step / 2) * this.random());
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}

/** A sleep that an AbortSignal cuts short (resolves, never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
