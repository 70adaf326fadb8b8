/**
 * Opaque session tokens: 32 random bytes, given to the client once; the server
 * keeps only their SHA-256, so a leaked database does not leak live sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { UserSummary } from '../../shared/model/organisation.js';
import type { Queryable } from '../db/database.js';
import { toUserSummary } from '../org/organisation.js';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(q: Queryable, userId: string, now: Date, ttlMs: number, deviceName: string): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await q.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, device_name) VALUES ($1, $2, $3, $4, $5)', [
    hashToken(token),
    userId,
    now.toISOString(),
    expiresAt,
    deviceName,
  ]);
  return { token, expiresAt };
}

/** The active user behind a token, or null when unknown, expired, or the account is disabled. */
export async function userForToken(q: Queryable, token: string, now: Date): Promise<UserSummary | null> {
  const row = (
    await q.query<Parameters<typeof toUserSummary>[0]>(
      `SELECT u.id, u.agency_id, u.unit_id, u.username, u.full_name, u.position, u.role, u.active
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
      [hashToken(token), now.toISOString()],
    )
  ).rows[0];
  return row ? toUserSummary(row) : null;
}

export async function deleteSession(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}
