/**
 * The rows every write of a record keeps beside its state — who sees it (record_access), its
 * files (record_files) and its change-log put — written for many records at once, in batched
 * statements inside the caller's transaction, for the bulk loads of the demo seed and the
 * benchmarks (schedule, outgoing). One put per record, with no user: everyone who sees it
 * pulls it.
 */
import type { Queryable } from '../db/database.js';

export async function insertAccessRows(q: Queryable, kind: string, records: readonly string[], users: readonly string[]): Promise<void> {
  if (records.length > 0)
    await q.query('INSERT INTO record_access (record_id, user_id, kind) SELECT r, u, $3::text FROM unnest($1::uuid[], $2::uuid[]) AS x(r, u)', [records, users, kind]);
}

export async function insertFileRows(q: Queryable, kind: string, records: readonly string[], shas: readonly string[]): Promise<void> {
  if (records.length > 0)
    await q.query('INSERT INTO record_files (record_id, sha256, kind) SELECT r, s, $3::text FROM unnest($1::uuid[], $2::text[]) AS x(r, s) ON CONFLICT DO NOTHING', [records, shas, kind]);
}

/** One put per record; last in a load, as in every write: the change-log sequence is taken under its row lock. */
export async function logPuts(q: Queryable, kind: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const last = Number((await q.query<{ seq: number }>('UPDATE change_counter SET seq = seq + $1 WHERE id = 1 RETURNING seq', [ids.length])).rows[0]!.seq);
  await q.query('INSERT INTO record_changes (seq, kind, record_id, user_id, op) SELECT s, $3::text, r, NULL, \'put\' FROM unnest($1::bigint[], $2::uuid[]) AS x(s, r)', [
    ids.map((_, i) => last - ids.length + 1 + i),
    ids,
    kind,
  ]);
}
