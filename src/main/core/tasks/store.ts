/**
 * The confirmed tasks of the signed-in user in the local cache: rows with list columns
 * derived for the user, the search index and the file links (`record_files`, kind
 * 'tasks') kept together. Callers own the transactions (a pull page is one).
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { OrgView } from '../../../shared/domain/org.js';
import { VIETNAM_CALENDAR, type WorkingCalendar } from '../../../shared/domain/workingDays.js';
import { Task, TASK_KIND, TASK_LISTS, type TaskListName } from '../../../shared/tasks/schemas.js';
import type { TaskLastChase, TaskListItem } from '../../../shared/tasks/rpc.js';
import type { Db } from '../db/open.js';
import { ftsMatchExpression } from '../db/search.js';
import type { LocalKind, Viewer } from '../sync/kinds.js';
import {
  afterSql,
  decodeKeyset,
  encodeKeyset,
  filterSql,
  keyOf,
  listClock,
  listSql,
  OPEN_SQL,
  orderOf,
  orderSql,
  resolveFilter,
  ROW_COLUMNS,
  rowToItem,
  taskRowOf,
  type ListClock,
  type TaskFilter,
  type TaskRow,
} from './list.js';
import { taskSearchBody } from './search.js';

/** ListTasksParams after validation (defaults applied). */
export interface TaskListQuery {
  list: TaskListName;
  unitId: string | null;
  userId: string | null;
  from: string | null;
  to: string | null;
  status: Task['status'] | null;
  after: string | null;
  limit: number;
}

export interface TaskPage {
  /** The stored rows of the page, in list order (the handlers overlay pending changes on them). */
  rows: TaskRow[];
  items: TaskListItem[];
  next: string | null;
  /** Every stored row of the list with these filters (not only this page). */
  total: number;
}

/** Every file a task holds: its own, the reports', the result's (the same file once). */
export function taskFiles(task: Pick<Task, 'files' | 'reports' | 'result'>): Task['files'] {
  const seen = new Set<string>();
  const out: Task['files'] = [];
  for (const f of [...task.files, ...task.reports.flatMap((r) => r.files), ...(task.result?.files ?? [])]) {
    if (seen.has(f.sha256)) continue;
    seen.add(f.sha256);
    out.push(f);
  }
  return out;
}

export class TaskStore implements LocalKind<Task> {
  readonly kind = TASK_KIND;
  readonly schema = Task;
  private readonly stmts;

  /**
   * `org` is read when a row is written (an agency leader's oversight, the main person's
   * unit) and when a unit filter is resolved; null until the organisation is known.
   */
  constructor(
    private readonly db: Db,
    private readonly org: () => OrgView | null,
    private readonly calendar: WorkingCalendar = VIETNAM_CALENDAR,
  ) {
    this.stmts = {
      rowid: db.prepare<[string], { rowid: number }>('SELECT rowid FROM tasks WHERE id = ?'),
      upsert: db.prepare(`
        INSERT INTO tasks (id, parent_id, source_id, title, priority, status, created_at, start_date, deadline, percent, assigned_by,
          main_unit_id, main_user_id, my_role, assigned_by_me, watching, unit_id, user_id, done_on, unread, version, task_json)
        VALUES (@id, @parent_id, @source_id, @title, @priority, @status, @created_at, @start_date, @deadline, @percent, @assigned_by,
          @main_unit_id, @main_user_id, @my_role, @assigned_by_me, @watching, @unit_id, @user_id, @done_on, @unread, @version, @task_json)
        ON CONFLICT (id) DO UPDATE SET
          parent_id = excluded.parent_id, source_id = excluded.source_id, title = excluded.title, priority = excluded.priority,
          status = excluded.status, created_at = excluded.created_at, start_date = excluded.start_date, deadline = excluded.deadline,
          percent = excluded.percent, assigned_by = excluded.assigned_by, main_unit_id = excluded.main_unit_id,
          main_user_id = excluded.main_user_id, my_role = excluded.my_role, assigned_by_me = excluded.assigned_by_me,
          watching = excluded.watching, unit_id = excluded.unit_id, user_id = excluded.user_id, done_on = excluded.done_on,
          unread = excluded.unread, version = excluded.version, task_json = excluded.task_json
        RETURNING rowid`),
      ftsDelete: db.prepare<[number]>('DELETE FROM tasks_fts WHERE rowid = ?'),
      ftsInsert: db.prepare<[number, string]>('INSERT INTO tasks_fts (rowid, body) VALUES (?, ?)'),
      filesDelete: db.prepare<[string]>(`DELETE FROM record_files WHERE kind = '${TASK_KIND}' AND record_id = ?`),
      fileLink: db.prepare(`INSERT OR IGNORE INTO record_files (kind, record_id, sha256, name, size, position, sealed) VALUES ('${TASK_KIND}', ?, ?, ?, ?, ?, 0)`),
      fileKnown: db.prepare(`INSERT OR IGNORE INTO files (sha256, size, state, needs_upload) VALUES (?, ?, 'missing', 0)`),
      delete: db.prepare<[string]>('DELETE FROM tasks WHERE id = ?'),
      get: db.prepare<[string], { task_json: string }>('SELECT task_json FROM tasks WHERE id = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tasks'),
      subtasks: db.prepare<[string], TaskRow>(`SELECT ${ROW_COLUMNS} FROM tasks WHERE parent_id = ? ORDER BY deadline, id`),
      forDocument: db.prepare<[string], TaskRow>(`SELECT ${ROW_COLUMNS} FROM tasks WHERE source_id = ? ORDER BY created_at DESC, id DESC`),
      reminders: db.prepare<[string, string], TaskRow>(
        `SELECT ${ROW_COLUMNS} FROM tasks WHERE my_role = 'main' AND ${OPEN_SQL} AND deadline >= ? AND deadline <= ? ORDER BY deadline, id`,
      ),
    };
  }

  put(task: Task, viewer: Viewer): void {
    const existing = this.stmts.rowid.get(task.id);
    const { rowid } = this.stmts.upsert.get({ ...taskRowOf(task, viewer, this.org()), version: task.version, task_json: JSON.stringify(task) }) as { rowid: number };
    if (existing) this.stmts.ftsDelete.run(rowid);
    this.stmts.ftsInsert.run(rowid, taskSearchBody(task));
    this.stmts.filesDelete.run(task.id);
    taskFiles(task).forEach((f, i) => {
      this.stmts.fileLink.run(task.id, f.sha256, f.name, f.size, i);
      this.stmts.fileKnown.run(f.sha256, f.size);
    });
  }

  /** Forget a task: its row, its search entry and its file links (the files themselves go in the next GC). */
  remove(id: string): boolean {
    const existing = this.stmts.rowid.get(id);
    if (!existing) return false;
    this.stmts.ftsDelete.run(existing.rowid);
    this.stmts.filesDelete.run(id);
    this.stmts.delete.run(id);
    return true;
  }

  removeAll(): void {
    this.db.exec(`DELETE FROM tasks_fts; DELETE FROM record_files WHERE kind = '${TASK_KIND}'; DELETE FROM tasks;`);
  }

  get(id: string): Task | null {
    const r = this.stmts.get.get(id);
    return r ? (JSON.parse(r.task_json) as Task) : null;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  /** Re-derive every row's per-user columns (the user moved unit, became an agency leader). In chunks: the cache may be large. */
  recomputeAll(viewer: Viewer): void {
    const chunk = this.db.prepare<[string], { task_json: string }>('SELECT task_json FROM tasks WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = ''; ; ) {
      const rows = chunk.all(after);
      if (rows.length === 0) return;
      let last = after;
      for (const r of rows) {
        const task = JSON.parse(r.task_json) as Task;
        this.put(task, viewer);
        last = task.id;
      }
      after = last;
    }
  }

  /** What every list of one request is computed against: today and the "Sắp đến hạn" bound. */
  clock(now: Date): ListClock {
    return listClock(now, this.calendar);
  }

  filter(q: Pick<TaskListQuery, 'unitId' | 'userId' | 'from' | 'to' | 'status'>): TaskFilter {
    return resolveFilter(q, this.org());
  }

  /** Statements built from filters, prepared once per shape. */
  private readonly prepared = new Map<string, Statement>();
  private prepare(sql: string): Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private where(list: TaskListName, filter: TaskFilter, clock: ListClock, params: Record<string, string | number>): string[] {
    const where = [...listSql(list), ...filterSql(filter, params)];
    if (list === 'overdue' || list === 'due_soon') params.today = clock.today;
    if (list === 'due_soon') params.dueSoonBound = clock.dueSoonBound;
    return where;
  }

  /**
   * One page of a list, in the list's order (list.ts orderOf), with the exact number of
   * stored rows the list holds. Rows of `pendingIds` are marked pending; the handlers
   * replace them with their overlaid state.
   */
  listPage(q: TaskListQuery, now: Date, pendingIds: ReadonlySet<string> = new Set()): TaskPage {
    const clock = this.clock(now);
    const filter = this.filter(q);
    const order = orderOf(q.list);
    const after = q.after === null ? null : decodeKeyset(q.list, q.after);
    const params: Record<string, string | number> = { limit: q.limit };
    const where = this.where(q.list, filter, clock, params);
    const total = (this.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
    const pageWhere = [...where];
    if (after) {
      pageWhere.push(afterSql(order));
      params.afterValue = after.value;
      params.afterId = after.id;
    }
    const rows = this.prepare(`SELECT ${ROW_COLUMNS} FROM tasks WHERE ${pageWhere.join(' AND ')} ORDER BY ${orderSql(order)} LIMIT @limit`).all(params) as TaskRow[];
    const last = rows[rows.length - 1];
    return {
      rows,
      items: rows.map((r) => rowToItem(r, clock, pendingIds.has(r.id))),
      next: rows.length === q.limit && last ? encodeKeyset(q.list, keyOf(last, order)) : null,
      total,
    };
  }

  /** The stored rows of every list (the badges), unfiltered. */
  counts(now: Date): Record<TaskListName, number> {
    const clock = this.clock(now);
    const none = this.filter({ unitId: null, userId: null, from: null, to: null, status: null });
    const out = {} as Record<TaskListName, number>;
    for (const list of TASK_LISTS) {
      const params: Record<string, string | number> = {};
      const where = this.where(list, none, clock, params);
      out[list] = (this.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
    }
    return out;
  }

  rowsByIds(ids: readonly string[]): TaskRow[] {
    if (ids.length === 0) return [];
    return this.prepare(`SELECT ${ROW_COLUMNS} FROM tasks WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as TaskRow[];
  }

  /** Sub-tasks of a task, nearest deadline first. */
  subtasks(parentId: string): TaskRow[] {
    return this.stmts.subtasks.all(parentId);
  }

  /** Tasks given from an incoming document ("Giao việc"), newest first. */
  forDocument(documentId: string): TaskRow[] {
    return this.stmts.forDocument.all(documentId);
  }

  /**
   * The latest chase on each task the user handles (main or co-operating) and still owes,
   * latest first: the notifier's "chased since I last looked" (TASK_RPC 'tasks.lastChases').
   * Confirmed tasks only: a chase comes from the assigner through the server, never from the
   * handler's own outbox. Off the open-by-role partial index, so the JSON is read only for
   * the user's own open tasks.
   */
  lastChases(limit: number): TaskLastChase[] {
    const rows = this.prepare(
      `SELECT id, title, my_role, json_extract(task_json, '$.chases[#-1]') AS chase
         FROM tasks
        WHERE my_role IN ('main', 'cooperate') AND ${OPEN_SQL} AND json_array_length(task_json, '$.chases') > 0
        ORDER BY json_extract(task_json, '$.chases[#-1].at') DESC, id
        LIMIT ?`,
    ).all(limit) as { id: string; title: string; my_role: 'main' | 'cooperate'; chase: string }[];
    return rows.map((r) => ({ taskId: r.id, title: r.title, myRole: r.my_role, chase: JSON.parse(r.chase) as TaskLastChase['chase'] }));
  }

  /** Open tasks the user is the main handler of, due within [from, to] (reminders.ts). */
  mainHandlerDue(from: string, to: string): TaskRow[] {
    return this.stmts.reminders.all(from, to);
  }

  /**
   * Full-text search (terms from db/search.ts queryTerms), best matches first; a
   * near-universal word falls back to the newest tasks, as ranking costs in
   * proportion to the matches.
   */
  search(terms: readonly string[], limit: number): TaskRow[] {
    const match = ftsMatchExpression(terms);
    if (match === null) return [];
    const RANK_CAP = 5000;
    const matches = (this.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM tasks_fts WHERE tasks_fts MATCH ? LIMIT ?)').get(match, RANK_CAP + 1) as { n: number }).n;
    const cols = ROW_COLUMNS.split(', ')
      .map((c) => `t.${c}`)
      .join(', ');
    const sql =
      matches <= RANK_CAP
        ? `SELECT ${cols} FROM tasks_fts f JOIN tasks t ON t.rowid = f.rowid WHERE tasks_fts MATCH ? ORDER BY f.rank, t.deadline DESC LIMIT ?`
        : `SELECT ${cols} FROM tasks t WHERE t.rowid IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?) ORDER BY t.created_at DESC, t.id DESC LIMIT ?`;
    return this.prepare(sql).all(match, limit) as TaskRow[];
  }

  /** Files worth fetching ahead of use: of tasks still being worked on, given since `sinceIso` or urgent, newest first. */
  prefetchCandidates(sinceIso: string, limit: number): { sha256: string; size: number }[] {
    return this.prepare(
      `SELECT DISTINCT rf.sha256 AS sha256, rf.size AS size
         FROM tasks t JOIN record_files rf ON rf.kind = '${TASK_KIND}' AND rf.record_id = t.id JOIN files f ON f.sha256 = rf.sha256
        WHERE f.state <> 'complete' AND ${OPEN_SQL.replace('status', 't.status')} AND (t.created_at >= ? OR t.priority = 'urgent')
        ORDER BY t.created_at DESC LIMIT ?`,
    ).all(sinceIso, limit) as { sha256: string; size: number }[];
  }
}
