/**
 * Folding the dashboard's grouped counts (one row per kind, unit, person and month,
 * already split into buckets) into the figures the screen shows: totals, by kind, by
 * unit, by person, and a trend over every month of the period. Pure and zod-free, so
 * the core can fold its own rows with the very same code and the numbers match.
 */
import { addTo, emptyCounts, type CountsLike, type DashboardBucketName, type DashboardKindName } from '../../shared/dashboard/buckets.js';
import type { DashboardResult } from '../../shared/dashboard/rpc.js';

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

const BUCKETS: readonly DashboardBucketName[] = ['onTime', 'late', 'overdue', 'notDue'];

/** Every month from `from`'s to `to`'s (yyyy-MM), both included. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    m += 1;
    if (m > 12) (m = 1), (y += 1);
  }
}

function add(c: CountsLike, r: GroupedCounts): void {
  for (const b of BUCKETS) if (r[b] > 0) addTo(c, b, r[b]);
}

/** null sorts last; otherwise by id, so the server and the core list alike. */
const byId = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

export function foldDashboard(rows: readonly GroupedCounts[], p: { from: string; to: string; kinds: readonly DashboardKindName[] }, today: string): DashboardResult {
  const totals = emptyCounts();
  const kinds = new Map(p.kinds.map((k) => [k, emptyCounts()]));
  const units = new Map<string | null, CountsLike>();
  const people = new Map<string, { userId: string | null; unitId: string | null; c: CountsLike }>();
  const months = new Map(monthsOf(p.from, p.to).map((m) => [m, emptyCounts()]));
  for (const r of rows) {
    add(totals, r);
    const k = kinds.get(r.kind);
    if (k) add(k, r);
    const u = units.get(r.unitId) ?? emptyCounts();
    units.set(r.unitId, u);
    add(u, r);
    const key = `${r.userId ?? ''}/${r.unitId ?? ''}`;
    const person = people.get(key) ?? { userId: r.userId, unitId: r.unitId, c: emptyCounts() };
    people.set(key, person);
    add(person.c, r);
    const m = months.get(r.month);
    if (m) add(m, r);
  }
  return {
    totals,
    byKind: [...kinds].map(([kind, c]) => ({ kind, ...c })),
    byUnit: [...units].sort(([a], [b]) => byId(a, b)).map(([unitId, c]) => ({ unitId, ...c })),
    byPerson: [...people.values()].sort((a, b) => byId(a.userId, b.userId) || byId(a.unitId, b.unitId)).map((x) => ({ userId: x.userId, unitId: x.unitId, ...x.c })),
    trend: [...months].map(([month, c]) => ({ month, ...c })),
    today,
  };
}
