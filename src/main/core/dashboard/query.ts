/**
 * The leaders' dashboard ("Tình hình thực hiện") from the local cache
 * (docs/generic-sync-plan.md §5 "Dashboard query"): every record with a deadline in the
 * period, read from the `record_deadlines` view (tasks/schema.ts), counted as done on
 * time, done late, open and overdue, open and not yet due.
 *
 * One grouped SQL pass (kind × unit × person × month) answers everything: it reads only
 * the covering indexes of the view's branches, and gives a few thousand groups at most,
 * which are folded (shared/dashboard/fold.ts, as the server folds its own) into the totals,
 * by kind, by unit, by person and by month. A
 * record counts in the period its deadline falls in; "overdue" is relative to `today`.
 *
 * The numbers are those of the confirmed records: an action still waiting in the outbox
 * counts once the server has it, as on the server's own dashboard.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/index.js';
import { unitSubtree, type OrgView } from '../../../shared/domain/org.js';
import { bucketOf, type DashboardBucketName, type DashboardKindName } from '../../../shared/dashboard/buckets.js';
import { foldDashboard, monthsOf, type GroupedCounts } from '../../../shared/dashboard/fold.js';
import type { DashboardResult, DrillItem } from '../../../shared/dashboard/rpc.js';
import type { Db } from '../db/open.js';

/** DashboardParams after validation. */
export interface DashboardQuery {
  from: string;
  to: string;
  unitId: string | null;
  kinds: readonly DashboardKindName[];
}

/** DrillParams after validation. */
export interface DrillQuery extends DashboardQuery {
  userId: string | null;
  month: string | null;
  bucket: DashboardBucketName | null;
  after: string | null;
  limit: number;
}

interface GroupRow {
  unit_id: string | null;
  user_id: string | null;
  month: string;
  n: number;
  done: number;
  late: number | null;
  overdue: number | null;
}

/** Each bucket's condition, as bucketOf (shared/dashboard/buckets.ts) decides it. */
const BUCKET_SQL: Record<DashboardBucketName, string> = {
  onTime: 'done_on IS NOT NULL AND done_on <= deadline',
  late: 'done_on IS NOT NULL AND done_on > deadline',
  overdue: 'done_on IS NULL AND deadline < @today',
  notDue: 'done_on IS NULL AND deadline >= @today',
};

const KINDS: readonly DashboardKindName[] = ['tasks', 'incoming'];

/** The view of one kind's records (tasks/schema.ts); the kinds asked for, once each, known ones only. */
function viewOf(kind: DashboardKindName): string {
  return `deadlines_${kind}`;
}
function kindsOf(kinds: readonly DashboardKindName[]): DashboardKindName[] {
  return [...new Set(kinds)].filter((k) => KINDS.includes(k));
}

const statements = new WeakMap<Db, Map<string, Statement>>();
function prepare(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

/**
 * One kind's counts grouped by month, unit and person. Grouped in the order of the kind's
 * `…_deadline_groups` index, and with the month range written on the same expression, so
 * SQLite streams the groups off that index. Three aggregates rather than four: each costs
 * per record read, and on time = done − late, not due = open − overdue.
 */
export function groupSql(kind: DashboardKindName): string {
  return `
    SELECT substr(deadline, 1, 7) AS month, unit_id, user_id,
           count(*) AS n, count(done_on) AS done, sum(done_on > deadline) AS late, sum(done_on IS NULL AND deadline < @today) AS overdue
      FROM ${viewOf(kind)}
     WHERE substr(deadline, 1, 7) >= @fromMonth AND substr(deadline, 1, 7) <= @toMonth AND deadline >= @from AND deadline <= @to
     GROUP BY substr(deadline, 1, 7), unit_id, user_id`;
}

/** The same months as the server's figures list (shared/dashboard/fold.ts). */
export { monthsOf };

/** One kind's group as the shared fold takes it: on time = done − late, not due = open − overdue. */
function grouped(kind: DashboardKindName, g: GroupRow): GroupedCounts {
  const late = g.late ?? 0;
  const overdue = g.overdue ?? 0;
  return { kind, unitId: g.unit_id, userId: g.user_id, month: g.month, onTime: g.done - late, late, overdue, notDue: g.n - g.done - overdue };
}

/** The figures, folded by the very code the server folds its own with, so both answer alike. */
export function dashboard(db: Db, q: DashboardQuery, org: OrgView | null, today: string): DashboardResult {
  const params = { from: q.from, to: q.to, fromMonth: q.from.slice(0, 7), toMonth: q.to.slice(0, 7), today };
  const kinds = kindsOf(q.kinds);
  const rows = kinds.flatMap((kind) => (prepare(db, groupSql(kind)).all(params) as GroupRow[]).map((g) => grouped(kind, g)));
  return foldDashboard(rows, { ...q, kinds }, org, today);
}

// ── drill-down ──────────────────────────────────────────────────────────────

interface DrillRow {
  kind: DashboardKindName;
  id: string;
  title: string;
  deadline: string;
  done_on: string | null;
  unit_id: string | null;
  user_id: string | null;
}

function encodeAfter(r: Pick<DrillRow, 'deadline' | 'kind' | 'id'>): string {
  return Buffer.from(JSON.stringify([r.deadline, r.kind, r.id]), 'utf8').toString('base64url');
}

function decodeAfter(s: string): [string, string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string')) return v as [string, string, string];
  } catch {
    // refused below
  }
  throw new AppError('validation_failed', { details: 'after' });
}

/**
 * The records behind one number of the dashboard: the same period, kinds and unit, narrowed
 * to a person, a month and a bucket; by deadline, then kind and id (keyset). `total` is the
 * number the dashboard shows for that cell.
 */
export function drill(db: Db, q: DrillQuery, org: OrgView | null, today: string): { items: DrillItem[]; next: string | null; total: number } {
  const params: Record<string, string | number> = { from: q.from, to: q.to, today, limit: q.limit };
  const where = ['deadline >= @from', 'deadline <= @to'];
  if (q.unitId !== null) {
    where.push('unit_id IN (SELECT value FROM json_each(@units))');
    params.units = JSON.stringify([...unitSubtree(q.unitId, org?.units ?? [])]);
  }
  if (q.userId !== null) {
    where.push('user_id = @userId');
    params.userId = q.userId;
  }
  if (q.month !== null) {
    where.push('deadline >= @monthFrom', 'deadline <= @monthTo');
    params.monthFrom = `${q.month}-01`;
    params.monthTo = `${q.month}-31`;
  }
  if (q.bucket !== null) where.push(BUCKET_SQL[q.bucket]);
  const page = [...where];
  if (q.after !== null) {
    const [deadline, kind, id] = decodeAfter(q.after);
    page.push('(deadline, kind, id) > (@afterDeadline, @afterKind, @afterId)');
    Object.assign(params, { afterDeadline: deadline, afterKind: kind, afterId: id });
  }
  // Each kind by its own view and index, then merged: through the union, SQLite counts
  // and sorts every record of the period together.
  let total = 0;
  const rows: DrillRow[] = [];
  for (const kind of kindsOf(q.kinds)) {
    total += (prepare(db, `SELECT count(*) AS n FROM ${viewOf(kind)} WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
    const sql = `SELECT kind, id, title, deadline, done_on, unit_id, user_id FROM ${viewOf(kind)} WHERE ${page.join(' AND ')} ORDER BY deadline, id LIMIT @limit`;
    rows.push(...(prepare(db, sql).all(params) as DrillRow[]));
  }
  rows.sort((a, b) => (a.deadline !== b.deadline ? (a.deadline < b.deadline ? -1 : 1) : a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  rows.length = Math.min(rows.length, q.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      deadline: r.deadline,
      doneOn: r.done_on,
      unitId: r.unit_id,
      userId: r.user_id,
      bucket: bucketOf({ deadline: r.deadline, doneOn: r.done_on }, today),
    })),
    next: rows.length === q.limit && last ? encodeAfter(last) : null,
    total,
  };
}
