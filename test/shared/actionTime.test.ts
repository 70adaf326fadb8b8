/**
 * The time an action is dated by (issue #7): the user's own time, as the mutation
 * carries it, within a window around the server's clock; the server's time
 * otherwise, and for older clients that send none.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ACTION_AGE_MS, MAX_CLOCK_AHEAD_MS, resolveActionTime } from '../../src/shared/domain/actionTime.js';

const server = new Date('2027-01-02T01:00:00.000Z');

describe('the time of an action', () => {
  it('is the user’s time when the change waited offline (31/12 synced on 02/01)', () => {
    expect(resolveActionTime('2026-12-31T09:30:00.000Z', server)).toEqual({ at: new Date('2026-12-31T09:30:00.000Z'), adjusted: false });
    expect(resolveActionTime('2026-12-31T16:30:00+07:00', server).at.toISOString()).toBe('2026-12-31T09:30:00.000Z');
  });

  it('tolerates a few minutes of clock drift ahead, dated no later than the server', () => {
    expect(resolveActionTime(new Date(server.getTime() + MAX_CLOCK_AHEAD_MS).toISOString(), server)).toEqual({ at: server, adjusted: false });
  });

  it('is the server’s time, flagged, for a clock far ahead or a change older than the window', () => {
    expect(resolveActionTime(new Date(server.getTime() + MAX_CLOCK_AHEAD_MS + 1).toISOString(), server)).toEqual({ at: server, adjusted: true });
    expect(resolveActionTime(new Date(server.getTime() - MAX_ACTION_AGE_MS - 1).toISOString(), server)).toEqual({ at: server, adjusted: true });
    expect(resolveActionTime('not a time', server)).toEqual({ at: server, adjusted: true });
    expect(MAX_ACTION_AGE_MS).toBe(30 * 24 * 3600_000);
  });

  it('is the server’s time, not flagged, when an older client sent none', () => {
    expect(resolveActionTime(undefined, server)).toEqual({ at: server, adjusted: false });
    expect(resolveActionTime(null, server)).toEqual({ at: server, adjusted: false });
  });
});
