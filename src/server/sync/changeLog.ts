/**
 * The change log that pulls read (docs/sync-protocol.md), for every kind of record.
 *
 * Sequence numbers come from the single change_counter row, updated as the last
 * step of a write transaction: its row lock is held until commit, so sequence
 * order equals commit order and a reader that has seen seq N has seen every
 * change ≤ N. Older rows for the same (kind, record, user, op) are deleted, since a
 * row only says "this changed", and the latest one is enough.
 */
import type { Queryable } from '../db/database.js';

export interface ChangeEntry {
  kind: string;
  recordId: string;
  /** null: for everyone who may see the record; else only this user. */
  userId: string | null;
  op: 'put' | 'remove';
}

export async function recordChanges(q: Queryable, entries: ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const e of entries) {
    await q.query('DELETE FROM record_changes WHERE record_id = $1 AND op = $2 AND user_id IS NOT DISTINCT FROM $3 AND kind = $4', [e.recordId, e.op, e.userId, e.kind]);
  }
  const last = (await q.query<{ seq: number }>('UPDATE change_counter SET seq = seq + $1 WHERE id = 1 RETURNING seq', [entries.length])).rows[0]!.seq;
  const first = last - entries.length + 1;
  await q.query(
    `INSERT INTO record_changes (seq, kind, record_id, user_id, op)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::uuid[], $5::text[])`,
    [entries.map((_, i) => first + i), entries.map((e) => e.kind), entries.map((e) => e.recordId), entries.map((e) => e.userId), entries.map((e) => e.op)],
  );
}

export async function currentSeq(q: Queryable): Promise<number> {
  return (await q.query<{ seq: number }>('SELECT seq FROM change_counter WHERE id = 1')).rows[0]!.seq;
}
