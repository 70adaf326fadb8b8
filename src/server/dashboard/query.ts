/**
 * The leaders' dashboard computed by the server (docs/generic-sync-plan.md §5
 * "Dashboard query"): the same figures the core computes from its cache, over
 * record_deadlines joined to what the user sees (record_access), so the two can be
 * compared. Buckets follow shared/dashboard/buckets.ts `bucketOf`, as SQL filters.
 */
import { DashboardParams, type DashboardResult } from '../../shared/dashboard/rpc.js';
import type { DashboardKindName } from '../../shared/dashboard/buckets.js';
import { unitSubtree } from '../../shared/domain/org.js';
import type { DashboardOrg } from '../../shared/dashboard/fold.js';
import type { UserSummary } from '../../shared/model/organisation.js';
import { vnToday } from '../../shared/text/vietnamese.js';
import type { Queryable } from '../db/database.js';
import { foldDashboard, type GroupedCounts } from './fold.js';

/** The figures for `user`: only records they see, of their agency, whose deadline falls in the period. */
export async function serverDashboard(q: Queryable, user: Pick<UserSummary, 'id' | 'agencyId'>, params: DashboardParams, now: Date): Promise<DashboardResult> {
  const p = DashboardParams.parse(params);
  const today = vnToday(now);
  // The unit tree and each person's unit: the fold groups by them as the core does.
  const org: DashboardOrg = {
    units: (await q.query<{ id: string; parent_id: string | null; sort_order: number }>('SELECT id, parent_id, sort_order FROM units WHERE agency_id = $1', [user.agencyId])).rows.map((u) => ({
      id: u.id,
      parentId: u.parent_id,
      sortOrder: Number(u.sort_order),
    })),
    users: (await q.query<{ id: string; unit_id: string }>('SELECT id, unit_id FROM users WHERE agency_id = $1', [user.agencyId])).rows.map((u) => ({ id: u.id, unitId: u.unit_id })),
  };
  const units = p.unitId === null ? null : [...unitSubtree(p.unitId, org.units)];
  const rows = (
    await q.query<{ kind: DashboardKindName; unit_id: string | null; user_id: string | null; month: string; on_time: number; late: number; overdue: number; not_due: number }>(
      `SELECT d.kind, d.unit_id, d.user_id, substr(d.deadline, 1, 7) AS month,
              count(*) FILTER (WHERE d.done_on IS NOT NULL AND d.done_on <= d.deadline)::int AS on_time,
              count(*) FILTER (WHERE d.done_on IS NOT NULL AND d.done_on > d.deadline)::int AS late,
              count(*) FILTER (WHERE d.done_on IS NULL AND d.deadline < $5)::int AS overdue,
              count(*) FILTER (WHERE d.done_on IS NULL AND d.deadline >= $5)::int AS not_due
         FROM record_deadlines d
         JOIN record_access a ON a.user_id = $1 AND a.record_id = d.record_id AND a.kind = d.kind
        WHERE d.agency_id = $2 AND d.deadline BETWEEN $3 AND $4 AND d.kind = ANY($6::text[])
          AND ($7::uuid[] IS NULL OR d.unit_id = ANY($7::uuid[]))
        GROUP BY d.kind, d.unit_id, d.user_id, month`,
      [user.id, user.agencyId, p.from, p.to, today, p.kinds, units],
    )
  ).rows;
  const grouped: GroupedCounts[] = rows.map((r) => ({
    kind: r.kind,
    unitId: r.unit_id,
    userId: r.user_id,
    month: r.month,
    onTime: Number(r.on_time),
    late: Number(r.late),
    overdue: Number(r.overdue),
    notDue: Number(r.not_due),
  }));
  return foldDashboard(grouped, p, org, today);
}
