/**
 * Who may see a record, kept in record_access and recomputed in the same
 * transaction as every write of any kind: the difference becomes change-log rows
 * (a put for everyone who sees it, a remove for each user who lost it).
 */
import type { Queryable } from '../db/database.js';
import { recordChanges, type ChangeEntry } from './changeLog.js';

/** Store who sees the record now; returns everyone who saw it before or sees it now (to poke). */
export async function writeAccess(q: Queryable, kind: string, recordId: string, after: ReadonlySet<string>): Promise<Set<string>> {
  const before = new Set((await q.query<{ user_id: string }>('SELECT user_id FROM record_access WHERE record_id = $1 AND kind = $2', [recordId, kind])).rows.map((r) => r.user_id));
  const added = [...after].filter((u) => !before.has(u));
  const removed = [...before].filter((u) => !after.has(u));
  if (added.length > 0) await q.query('INSERT INTO record_access (user_id, record_id, kind) SELECT unnest($1::uuid[]), $2, $3', [added, recordId, kind]);
  if (removed.length > 0) await q.query('DELETE FROM record_access WHERE record_id = $1 AND kind = $2 AND user_id = ANY($3::uuid[])', [recordId, kind, removed]);
  const entries: ChangeEntry[] = [{ kind, recordId, userId: null, op: 'put' }, ...removed.map((u) => ({ kind, recordId, userId: u, op: 'remove' as const }))];
  await recordChanges(q, entries);
  return new Set([...before, ...after]);
}

/** Whether the user sees the record (the server's check before reading a linked record). */
export async function userSees(q: Queryable, kind: string, recordId: string, userId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM record_access WHERE user_id = $1 AND record_id = $2 AND kind = $3', [userId, recordId, kind])).rows.length > 0;
}

/** The user's first read of a record: stored once, sent back to them alone (their readAt). Returns whether it was new. */
export async function markRead(q: Queryable, kind: string, recordId: string, userId: string, at: Date): Promise<boolean> {
  const read = (await q.query('SELECT 1 FROM record_reads WHERE user_id = $1 AND record_id = $2 AND kind = $3', [userId, recordId, kind])).rows[0];
  if (read) return false;
  await q.query('INSERT INTO record_reads (user_id, record_id, kind, read_at) VALUES ($1, $2, $3, $4)', [userId, recordId, kind, at.toISOString()]);
  await q.query("INSERT INTO access_log (user_id, document_id, kind, action, at) VALUES ($1, $2, $3, 'read', $4)", [userId, recordId, kind, at.toISOString()]);
  await recordChanges(q, [{ kind, recordId, userId, op: 'put' }]);
  return true;
}

/** The dashboard's row for a record with a deadline (record_deadlines); null deletes it. */
export interface DeadlineRow {
  agencyId: string;
  unitId: string | null;
  userId: string | null;
  deadline: string;
  doneOn: string | null;
  title: string;
}

export async function writeDeadline(q: Queryable, kind: string, recordId: string, row: DeadlineRow | null): Promise<void> {
  if (row === null) {
    await q.query('DELETE FROM record_deadlines WHERE kind = $1 AND record_id = $2', [kind, recordId]);
    return;
  }
  await q.query(
    `INSERT INTO record_deadlines (kind, record_id, agency_id, unit_id, user_id, deadline, done_on, title) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (kind, record_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, unit_id = EXCLUDED.unit_id, user_id = EXCLUDED.user_id,
       deadline = EXCLUDED.deadline, done_on = EXCLUDED.done_on, title = EXCLUDED.title`,
    [kind, recordId, row.agencyId, row.unitId, row.userId, row.deadline, row.doneOn, row.title],
  );
}

/**
 * Whether any record of any kind has this id: ids are chosen by clients and unique
 * across kinds (a document may not take a task's id). Every record keeps at least
 * its latest change-log row, so the log answers for all kinds.
 */
export async function recordExists(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM record_changes WHERE record_id = $1 LIMIT 1', [id])).rows.length > 0;
}
