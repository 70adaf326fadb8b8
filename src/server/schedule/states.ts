/**
 * Schedule records as a pull sends them (docs/generic-sync-plan.md §1.3): the stored JSON
 * text, never parsed, entries and weeks alike (the core's store parses them with
 * ScheduleRecord, discriminated on `type`). Only records the user sees (record_access) come
 * back: a draft entry of another unit is absent, a published one everyone's. Nothing is
 * per-user (no read marks: the core keeps its own notices).
 */
import { SCHEDULE_KIND } from '../../shared/schedule/constants.js';
import type { Queryable } from '../db/database.js';
import type { PullContext, StateText } from '../sync/kinds.js';

export async function scheduleStates(q: Queryable, userId: string, ids: readonly string[], _pc: PullContext): Promise<Map<string, StateText>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await q.query<{ id: string; state: string; version: number }>(
      `SELECT e.id, e.state, e.version
         FROM schedule_entries e
         JOIN record_access a ON a.record_id = e.id AND a.kind = $3 AND a.user_id = $2
        WHERE e.id = ANY($1::uuid[])
       UNION ALL
       SELECT w.id, w.state, w.version
         FROM schedule_weeks w
         JOIN record_access a ON a.record_id = w.id AND a.kind = $3 AND a.user_id = $2
        WHERE w.id = ANY($1::uuid[])`,
      [ids, userId, SCHEDULE_KIND],
    )
  ).rows;
  return new Map(rows.map((r) => [r.id, { version: r.version, json: r.state }]));
}
