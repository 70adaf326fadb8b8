/**
 * Folding the dashboard's grouped counts (one row per kind, unit, person and month, already
 * split into buckets) into the figures the screen shows: totals, by kind, by unit, by person,
 * and a trend over every month of the period. The server folds PostgreSQL's groups and the
 * core its cache's with this one function, so the two answer alike, order included
 * (test/core/dashboardParity.test.ts). Pure and zod-free (type-only imports).
 *
 * Rows are grouped so that each one's drill-down (dashboard.drill: a unit with its
 * sub-units, a person whatever unit's record they hold) lists exactly what it counts:
 *  - by unit: a record under the child of the chosen unit it lies in (the chosen unit itself
 *    for its own records), or for the whole agency under the unit just below the leadership;
 *  - by person: one row per person, under their unit of today; what a unit holds that nobody
 *    was handed yet, under the unit (userId null).
 */
import type { Unit, UserSummary } from '../model/organisation.js';
import { unitSubtree } from '../domain/org.js';
import { addTo, emptyCounts, type CountsLike, type DashboardBucketName, type DashboardKindName } from './buckets.js';
import type { DashboardResult } from './rpc.js';

export interface GroupedCounts {
  readonly kind: DashboardKindName;
  readonly unitId: string | null;
  readonly userId: string | null;
  /** yyyy-MM of the deadline. */
  readonly month: string;
  readonly onTime: number;
  readonly late: number;
  readonly overdue: number;
  readonly notDue: number;
}

/** The period, unit (null: the whole agency) and kinds asked for, after validation. */
export interface DashboardScope {
  readonly from: string;
  readonly to: string;
  readonly unitId: string | null;
  readonly kinds: readonly DashboardKindName[];
}

/** What the fold needs of the organisation: the unit tree with its order, and each person's unit. */
export interface DashboardOrg {
  readonly units: readonly Pick<Unit, 'id' | 'parentId' | 'sortOrder'>[];
  readonly users: readonly Pick<UserSummary, 'id' | 'unitId'>[];
}

const BUCKETS: readonly DashboardBucketName[] = ['onTime', 'late', 'overdue', 'notDue'];

/** Every month from `from`'s to `to`'s (yyyy-MM), both included. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/** The unit a record's unit is shown under in "by unit" (see the module's comment). */
function rollUp(unitId: string | null, scope: string | null, parents: ReadonlyMap<string, string | null>): string | null {
  if (unitId === null) return null;
  let u = unitId;
  for (let guard = 0; guard < 64; guard++) {
    if (u === scope) return u;
    const parent = parents.get(u);
    if (parent === undefined || parent === null) return u;
    if (parent === scope) return u;
    if (scope === null && (parents.get(parent) ?? null) === null) return u;
    u = parent;
  }
  return unitId;
}

function add(c: CountsLike, r: GroupedCounts): void {
  for (const b of BUCKETS) if (r[b] > 0) addTo(c, b, r[b]);
}

/** Ids in code-unit order, null last: the same order whatever the locale. */
const byId = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

function withCounts<T extends object>(extra: T): T & CountsLike {
  return { ...extra, ...emptyCounts() };
}

export function foldDashboard(rows: readonly GroupedCounts[], q: DashboardScope, org: DashboardOrg | null, today: string): DashboardResult {
  const units = org?.units ?? [];
  const parents = new Map(units.map((u) => [u.id, u.parentId]));
  const scope = q.unitId === null ? null : unitSubtree(q.unitId, units);
  const userUnit = new Map((org?.users ?? []).map((u) => [u.id, u.unitId]));

  const totals = emptyCounts();
  const byKind = new Map([...new Set(q.kinds)].map((k) => [k, withCounts({ kind: k })]));
  const byUnit = new Map<string | null, CountsLike & { unitId: string | null }>();
  const byPerson = new Map<string, CountsLike & { userId: string | null; unitId: string | null }>();
  const trend = new Map(monthsOf(q.from, q.to).map((m) => [m, withCounts({ month: m })]));

  for (const g of rows) {
    if (!byKind.has(g.kind)) continue;
    if (scope !== null && (g.unitId === null || !scope.has(g.unitId))) continue;
    add(totals, g);
    add(byKind.get(g.kind)!, g);
    const unitKey = rollUp(g.unitId, q.unitId, parents);
    let u = byUnit.get(unitKey);
    if (!u) byUnit.set(unitKey, (u = withCounts({ unitId: unitKey })));
    add(u, g);
    const personUnit = g.userId === null ? g.unitId : (userUnit.get(g.userId) ?? g.unitId);
    const personKey = g.userId ?? `unit:${g.unitId ?? ''}`;
    let p = byPerson.get(personKey);
    if (!p) byPerson.set(personKey, (p = withCounts({ userId: g.userId, unitId: personUnit })));
    add(p, g);
    const t = trend.get(g.month);
    if (t) add(t, g);
  }

  // Units in the agency's order (the chosen unit first, records of no unit last); people by how
  // much they hold, then by id (what units hold with nobody handed it after the people).
  const order = new Map(units.map((u) => [u.id, u.sortOrder]));
  const unitRank = (id: string | null): number => (id === null ? Number.MAX_SAFE_INTEGER : id === q.unitId ? -1 : (order.get(id) ?? Number.MAX_SAFE_INTEGER - 1));
  return {
    totals,
    byKind: [...byKind.values()],
    byUnit: [...byUnit.values()].sort((a, b) => unitRank(a.unitId) - unitRank(b.unitId) || byId(a.unitId, b.unitId)),
    byPerson: [...byPerson.values()].sort((a, b) => b.total - a.total || byId(a.userId, b.userId) || byId(a.unitId, b.unitId)),
    trend: [...trend.values()],
    today,
  };
}
