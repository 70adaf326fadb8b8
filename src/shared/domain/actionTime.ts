/**
 * When did the user act? A mutation carries the time the user took the action on
 * their computer (`createdAt`, set when it was queued, possibly offline for days).
 * That time — not the moment the server gets round to applying it — decides the
 * arrival date, the arrival register's year and every "not in the past" check
 * (docs/decisions.md §21). A computer's clock is not trusted blindly: a time more
 * than a few minutes ahead of the server's clock, or older than a queue can
 * plausibly wait, is replaced by the server's time (the work is never refused
 * for a wrong clock) and the result says so.
 */

/** Clock skew tolerated ahead of the server: a few minutes of drift, not a wrong date. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** How long a change may have waited offline: a long holiday (Tết) with a margin. */
export const MAX_ACTION_AGE_MS = 30 * 24 * 3600_000;

export interface ActionTime {
  /** The time the rules use for the action. */
  readonly at: Date;
  /** The claimed time was outside the window and the server's time was used instead. */
  readonly adjusted: boolean;
}

/**
 * The time to use for an action claimed to have been taken at `claimed` (ISO 8601),
 * as seen by a server whose clock reads `serverNow`. No claim (a mutation queued by
 * an older client): the server's time, as before, and not an adjustment.
 */
export function resolveActionTime(claimed: string | null | undefined, serverNow: Date): ActionTime {
  if (claimed === null || claimed === undefined) return { at: serverNow, adjusted: false };
  const t = Date.parse(claimed);
  const now = serverNow.getTime();
  if (!Number.isFinite(t) || t > now + MAX_CLOCK_AHEAD_MS || t < now - MAX_ACTION_AGE_MS) return { at: serverNow, adjusted: true };
  // Within the tolerated skew ahead: never later than the server's own clock.
  return { at: new Date(Math.min(t, now)), adjusted: false };
}
