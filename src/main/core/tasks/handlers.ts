/**
 * The core's RPC methods of tasks (TASK_RPC), spread into the service's handler
 * table like mailHandlers.
 *
 * Reads show the confirmed tasks with the user's pending actions replayed on top (the
 * context's `overlaid`, by the same rules the server runs): a task with pending changes
 * is shown as it will be, in the lists it will be in, and a task created offline heads
 * the first page of every list it belongs to until the server confirms it.
 */
import { AppError, vnToday } from '../../../shared/index.js';
import type { OrgView } from '../../../shared/domain/org.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import type { FailedMutation, PendingMutation } from '../../../shared/sync/records.js';
import { allowedTaskActions, isTaskOverdue, myTaskRoles, TASK_LISTS, type Task, type TaskListName } from '../../../shared/tasks/index.js';
import type { TASK_RPC, TaskListItem, TaskView } from '../../../shared/tasks/rpc.js';
import type { Handlers } from '../api/service.js';
import type { Db } from '../db/open.js';
import { matchesTerms, queryTerms } from '../db/search.js';
import type { Viewer } from '../sync/kinds.js';
import { compareKeys, decodeKeyset, inList, keyOf, matchesFilter, orderOf, rowToItem, taskRowOf, type Keyset, type ListClock, type TaskRow } from './list.js';
import { taskSearchBody } from './search.js';
import { taskFiles, type TaskStore } from './store.js';

/** A task as the user should see it: confirmed, with the outbox replayed on top. */
export interface OverlaidTask {
  task: Task;
  /** It exists only as a local creation the server has not confirmed. */
  pendingCreate: boolean;
  pending: PendingMutation[];
  failed: FailedMutation[];
}

/** What the handlers need of the signed-in session (the service provides it). */
export interface TaskContext {
  db: Db;
  store: TaskStore;
  viewer: Viewer;
  user: UserSummary;
  org: OrgView;
  now(): Date;
  overlaid(id: string): OverlaidTask | null;
  /** Ids of tasks with entries in the outbox (local creations included). */
  pendingIds(): Set<string>;
  /** The given files that are in the local file cache. */
  cachedFiles(shas: string[]): string[];
  /** The incoming document a task was given from, when this user can see it. */
  sourceDocument(id: string): TaskView['source'];
}

type Method = keyof typeof TASK_RPC;
export type TaskHandlers = Pick<Handlers, Method>;

/** A row computed from the overlaid state, with that state. */
interface Shown {
  row: TaskRow;
  ov: OverlaidTask;
}

/** The pending side of one request: computed once, on demand. */
class PendingView {
  private readonly ids: Set<string>;
  private storedRows: Map<string, TaskRow> | null = null;
  private readonly shown = new Map<string, Shown | null>();

  constructor(private readonly ctx: TaskContext) {
    this.ids = ctx.pendingIds();
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The stored rows of the tasks with pending changes. */
  stored(): Map<string, TaskRow> {
    this.storedRows ??= new Map(this.ctx.store.rowsByIds([...this.ids]).map((r) => [r.id, r]));
    return this.storedRows;
  }

  /** The overlaid row of a task (null: the outbox leaves nothing the user may see). */
  row(id: string): Shown | null {
    if (!this.shown.has(id)) {
      const ov = this.ctx.overlaid(id);
      this.shown.set(id, ov ? { row: taskRowOf(ov.task, this.ctx.viewer, this.ctx.org), ov } : null);
    }
    return this.shown.get(id) ?? null;
  }

  /** Tasks created locally and not yet confirmed, newest first. */
  creations(): Shown[] {
    const stored = this.stored();
    return [...this.ids]
      .filter((id) => !stored.has(id))
      .map((id) => this.row(id))
      .filter((s): s is Shown => s !== null && s.ov.pendingCreate)
      .sort((a, b) => (a.row.created_at === b.row.created_at ? (a.row.id < b.row.id ? 1 : -1) : a.row.created_at < b.row.created_at ? 1 : -1));
  }

  /** Stored rows as list items, a pending one replaced by its overlaid state (dropped when `keep` refuses it). */
  items(rows: readonly TaskRow[], clock: ListClock, keep: (r: TaskRow) => boolean = () => true): TaskListItem[] {
    const out: TaskListItem[] = [];
    for (const r of rows) {
      if (!this.has(r.id)) {
        out.push(rowToItem(r, clock, false));
        continue;
      }
      const s = this.row(r.id);
      if (s && keep(s.row)) out.push(rowToItem(s.row, clock, true));
    }
    return out;
  }
}

function need(getCtx: () => TaskContext | null): TaskContext {
  const ctx = getCtx();
  if (!ctx) throw new AppError('not_signed_in');
  return ctx;
}

export function taskHandlers(getCtx: () => TaskContext | null): TaskHandlers {
  return {
    'tasks.list': async (p) => {
      const ctx = need(getCtx);
      const now = ctx.now();
      const pending = new PendingView(ctx);
      const page = ctx.store.listPage(p, now);
      const clock = ctx.store.clock(now);
      const filter = ctx.store.filter(p);
      const order = orderOf(p.list);
      const keep = (r: TaskRow): boolean => inList(r, p.list, clock) && matchesFilter(r, filter);

      const placed: { key: Keyset; item: TaskListItem }[] = [];
      for (const r of page.rows) {
        if (!pending.has(r.id)) placed.push({ key: keyOf(r, order), item: rowToItem(r, clock, false) });
        else {
          const s = pending.row(r.id);
          if (s && keep(s.row)) placed.push({ key: keyOf(s.row, order), item: rowToItem(s.row, clock, true) });
        }
      }

      // Stored tasks whose pending changes move them into the list (or out of it): the query
      // cannot see that, so they are counted here, and placed on the page their key falls in.
      const after = p.after === null ? null : decodeKeyset(p.list, p.after);
      const lastRow = page.rows[page.rows.length - 1];
      const last = page.next !== null && lastRow ? keyOf(lastRow, order) : null;
      const inPage = (k: Keyset): boolean => (after === null || compareKeys(k, after, order) > 0) && (last === null || compareKeys(k, last, order) <= 0);
      let delta = 0;
      for (const stored of pending.stored().values()) {
        const was = keep(stored);
        const s = pending.row(stored.id);
        const is = s !== null && keep(s.row);
        delta += (is ? 1 : 0) - (was ? 1 : 0);
        if (s && is && !was && inPage(keyOf(s.row, order))) placed.push({ key: keyOf(s.row, order), item: rowToItem(s.row, clock, true) });
      }
      placed.sort((a, b) => compareKeys(a.key, b.key, order));

      // Local creations have no confirmed place yet: they head the first page.
      const created = pending
        .creations()
        .filter((s) => keep(s.row))
        .map((s) => rowToItem(s.row, clock, true));
      const items = [...(after === null ? created : []), ...placed.map((x) => x.item)];
      return { items, next: page.next, total: Math.max(0, page.total + delta + created.length) };
    },

    'tasks.counts': async () => {
      const ctx = need(getCtx);
      const now = ctx.now();
      const clock = ctx.store.clock(now);
      const counts = ctx.store.counts(now);
      const pending = new PendingView(ctx);
      const stored = pending.stored();
      const adjust = (row: TaskRow | null | undefined, sign: number): void => {
        if (row) for (const list of TASK_LISTS) if (inList(row, list, clock)) counts[list] += sign;
      };
      for (const row of stored.values()) {
        adjust(row, -1);
        adjust(pending.row(row.id)?.row, +1);
      }
      for (const s of pending.creations()) adjust(s.row, +1);
      for (const list of TASK_LISTS) counts[list] = Math.max(0, counts[list]);
      return counts satisfies Record<TaskListName, number>;
    },

    'tasks.get': async (p) => {
      const ctx = need(getCtx);
      const ov = ctx.overlaid(p.id);
      if (!ov) return null;
      const now = ctx.now();
      const clock = ctx.store.clock(now);
      const pending = new PendingView(ctx);
      const subtasks = [
        ...pending.items(ctx.store.subtasks(p.id), clock, (r) => r.parent_id === p.id),
        ...pending
          .creations()
          .filter((s) => s.row.parent_id === p.id)
          .map((s) => rowToItem(s.row, clock, true)),
      ];
      const task = ov.task;
      return {
        task,
        pendingCreate: ov.pendingCreate,
        pending: ov.pending,
        failed: ov.failed,
        allowedActions: [...allowedTaskActions(task, ctx.user, ctx.org)],
        myRoles: myTaskRoles(task, ctx.user, ctx.org),
        overdue: isTaskOverdue(task, now),
        subtasks,
        source: task.source === null ? null : ctx.sourceDocument(task.source.id),
        cachedFiles: ctx.cachedFiles(taskFiles(task).map((f) => f.sha256)),
      };
    },

    'tasks.forDocument': async (p) => {
      const ctx = need(getCtx);
      const clock = ctx.store.clock(ctx.now());
      const pending = new PendingView(ctx);
      const local = pending
        .creations()
        .filter((s) => s.row.source_id === p.documentId)
        .map((s) => rowToItem(s.row, clock, true));
      return [...local, ...pending.items(ctx.store.forDocument(p.documentId), clock, (r) => r.source_id === p.documentId)];
    },

    'tasks.lastChases': async (p) => need(getCtx).store.lastChases(p.limit),

    'tasks.search': async (p) => {
      const ctx = need(getCtx);
      const terms = queryTerms(p.query);
      if (terms.length === 0) return [];
      const clock = ctx.store.clock(ctx.now());
      const pending = new PendingView(ctx);
      const local = pending
        .creations()
        .filter((s) => matchesTerms(taskSearchBody(s.ov.task), terms))
        .map((s) => rowToItem(s.row, clock, true));
      return [...local, ...pending.items(ctx.store.search(terms, p.limit), clock)].slice(0, p.limit);
    },
  };
}
