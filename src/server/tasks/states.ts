/**
 * Tasks as a pull sends them (docs/generic-sync-plan.md §1.3): the stored JSON text with
 * the user's own readAt appended, never parsed, as incoming's states are. Only tasks the
 * user sees (record_access) come back; tasks have no per-user shaping but readAt.
 */
import type { Queryable } from '../db/database.js';
import type { PullContext, StateText } from '../sync/kinds.js';

export async function taskStates(q: Queryable, userId: string, ids: readonly string[], _pc: PullContext): Promise<Map<string, StateText>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await q.query<{ id: string; state: string; version: number; read_at: string | null }>(
      `SELECT t.id, t.state, t.version, r.read_at
         FROM tasks t
         JOIN record_access a ON a.record_id = t.id AND a.kind = 'tasks' AND a.user_id = $2
         LEFT JOIN record_reads r ON r.record_id = t.id AND r.kind = 'tasks' AND r.user_id = $2
        WHERE t.id = ANY($1::uuid[])`,
      [ids, userId],
    )
  ).rows;
  // The stored text is an object ending in "}": readAt goes in before it.
  return new Map(rows.map((r) => [r.id, { version: r.version, json: `${r.state.slice(0, -1)},"readAt":${JSON.stringify(r.read_at)}}` }]));
}
