/**
 * The tasks in the local cache (src/main/core/tasks): which task is in which list of the
 * "Công việc" screen for each kind of user, pages that neither skip nor repeat a task, the
 * filters (a unit with its sub-units, a person, a period, a state), search without accents,
 * the file links, and the RPC handlers showing pending local actions (moved between lists,
 * created offline) before the server has them. Tasks are made by the shared rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import type { Task, TaskListName } from '../../src/shared/tasks/schemas.js';
import { TASK_LISTS } from '../../src/shared/tasks/schemas.js';
import type { Db } from '../../src/main/core/db/open.js';
import { compareKeys, inList, keyOf, listSql, matchesFilter, orderOf, orderSql, ROW_COLUMNS, taskRowOf } from '../../src/main/core/tasks/list.js';
import { TaskStore, type TaskListQuery } from '../../src/main/core/tasks/store.js';
import { dashboardHandlers } from '../../src/main/core/dashboard/index.js';
import { taskHandlers, type OverlaidTask, type TaskContext } from '../../src/main/core/tasks/handlers.js';
import { dueReminders, reminderWindow } from '../../src/main/core/tasks/reminders.js';
import { queryTerms } from '../../src/main/core/db/search.js';
import { openTaskCache } from '../helpers/taskCache.js';
import { agencyWeek, at, DOC, nextId, ORG, P, sha, taskWorld, TEAM, type TaskWorld } from '../helpers/taskWorld.js';
import { UNITS } from '../helpers/fixtures.js';

/** Wednesday 12/03/2025 in Vietnam: "Sắp đến hạn" runs to Monday 17/03 (three working days). */
const TODAY = '2025-03-12';
const NOW = at(TODAY);

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A user's cache holding the tasks the server would send them. */
function cacheFor(w: TaskWorld, u: UserSummary): { db: Db; store: TaskStore } {
  const db = openTaskCache();
  opened.push(db);
  const store = new TaskStore(db, () => ORG);
  db.transaction(() => {
    for (const t of w.visibleTo(u)) store.put(t, u);
  })();
  return { db, store };
}

const query = (q: Partial<TaskListQuery> = {}): TaskListQuery => ({ list: 'mine', unitId: null, userId: null, from: null, to: null, status: null, after: null, limit: 100, ...q });

const ids = (items: readonly { id: string }[]): string[] => items.map((i) => i.id);

describe('the task lists, for each kind of user', () => {
  const s = agencyWeek();
  const { T1, T2, T3, T4, T5, T6 } = s;
  const lists = (u: UserSummary): Record<TaskListName, string[]> => {
    const { store } = cacheFor(s.w, u);
    return Object.fromEntries(TASK_LISTS.map((l) => [l, ids(store.listPage(query({ list: l }), NOW).items)])) as Record<TaskListName, string[]>;
  };

  it('a specialist: handed the main role by the unit, co-operating, and a task handed back', () => {
    expect(lists(P.cv1)).toEqual({ mine: [T1, T5], assigned: [], cooperate: [T2], watching: [], overdue: [T1], due_soon: [T2], done: [] });
    expect(lists(P.cv2)).toEqual({ mine: [T6], assigned: [], cooperate: [], watching: [], overdue: [T6], due_soon: [], done: [] });
    expect(lists(P.tonghop)).toEqual({ mine: [T2], assigned: [], cooperate: [], watching: [], overdue: [], due_soon: [T2], done: [] });
  });

  it('a unit leader: the unit\'s main role is theirs; what they gave, newest first; overdue and due soon among both', () => {
    // T5 and T2 were given at the same instant: the later id first, as the keyset orders them.
    expect(lists(P.tpKinhte)).toEqual({ mine: [T1], assigned: [T6, T5, T2], cooperate: [], watching: [], overdue: [T6, T1], due_soon: [T2], done: [] });
    // Co-operating as the leader of Nội chính on T1; T4 delivered, awaiting acceptance: done for them, not theirs to do.
    expect(lists(P.tpNoichinh)).toEqual({ mine: [], assigned: [], cooperate: [T1], watching: [], overdue: [T1], due_soon: [], done: [T4] });
  });

  it('the agency leader follows every open task; done lists what was delivered, latest first', () => {
    expect(lists(P.chutich)).toEqual({ mine: [], assigned: [T4, T3, T1], cooperate: [], watching: [T6, T1, T2, T5], overdue: [T1], due_soon: [], done: [T4, T3] });
    // For information: followed while open; their own accepted task is done.
    expect(lists(P.cvNoichinh)).toEqual({ mine: [], assigned: [], cooperate: [], watching: [T1], overdue: [], due_soon: [], done: [T3] });
  });

  it('list items carry what the row shows: the main handler, the deadline flags, the delivery date', () => {
    const { store } = cacheFor(s.w, P.chutich);
    const byId = new Map(store.listPage(query({ list: 'assigned' }), NOW).items.map((i) => [i.id, i]));
    expect(byId.get(T1)).toMatchObject({ mainUnitId: UNITS.economy.id, mainUserId: null, status: 'in_progress', percent: 50, overdue: true, dueSoon: false, doneOn: null, sourceId: DOC, assignedByMe: true, myRole: null, pending: false });
    expect(byId.get(T4)).toMatchObject({ status: 'pending_acceptance', overdue: false, doneOn: '2025-03-10', mainUnitId: UNITS.internal.id });
    const t2 = store.listPage(query({ list: 'watching' }), NOW).items.find((i) => i.id === T2);
    expect(t2).toMatchObject({ dueSoon: true, overdue: false, mainUserId: P.tonghop.id, assignedByMe: false });
  });

  it('"Sắp đến hạn" ends three working days ahead: a Friday task is due soon on Tuesday, a Wednesday one is not', () => {
    const w = taskWorld();
    const fri = nextId();
    const mon = nextId();
    const tue = nextId();
    for (const [taskId, deadline] of [
      [fri, '2025-03-14'],
      [mon, '2025-03-17'],
      [tue, '2025-03-18'],
    ] as const)
      w.act(P.tpKinhte, 'tasks.create', { taskId, title: 'Việc', startDate: '2025-03-03', deadline: { date: deadline }, main: { id: nextId(), userId: P.cv1.id } }, at('2025-03-03'));
    const { store } = cacheFor(w, P.cv1);
    expect(ids(store.listPage(query({ list: 'due_soon' }), NOW).items)).toEqual([fri, mon]);
    expect(store.counts(NOW)).toMatchObject({ mine: 3, due_soon: 2, overdue: 0 });
  });

  it('counts each list as its pages do', () => {
    for (const u of [P.chutich, P.tpKinhte, P.cv1, P.tpNoichinh]) {
      const { store } = cacheFor(s.w, u);
      const counts = store.counts(NOW);
      for (const list of TASK_LISTS) expect(counts[list], `${u.username} ${list}`).toBe(store.listPage(query({ list }), NOW).total);
    }
  });
});

describe('filters', () => {
  const s = agencyWeek();
  const { store } = (() => {
    const db = openTaskCache();
    const st = new TaskStore(db, () => ORG);
    for (const t of s.w.visibleTo(P.chutich)) st.put(t, P.chutich);
    return { store: st };
  })();
  const page = (q: Partial<TaskListQuery>) => ids(store.listPage(query({ list: 'watching', ...q }), NOW).items);

  it('by unit: the unit with its sub-units, whether the task went to the unit or to one of its people', () => {
    // T1 → Phòng Kinh tế; T2 → a person of its team; T5, T6 → its people.
    expect(page({ unitId: UNITS.economy.id })).toEqual([s.T6, s.T1, s.T2, s.T5]);
    expect(page({ unitId: TEAM.id })).toEqual([s.T2]);
    expect(page({ list: 'done', unitId: UNITS.internal.id })).toEqual([s.T4, s.T3]);
    expect(page({ unitId: UNITS.internal.id })).toEqual([]);
  });

  it('by person (the one doing the work, handed down included), by period of the deadline, by state', () => {
    expect(page({ userId: P.cv1.id })).toEqual([s.T1, s.T5]);
    expect(page({ from: '2025-03-10', to: '2025-03-14' })).toEqual([s.T1, s.T2]);
    expect(page({ from: '2025-03-15' })).toEqual([s.T5]);
    expect(page({ status: 'returned' })).toEqual([s.T5]);
    expect(store.listPage(query({ list: 'watching', unitId: UNITS.economy.id, status: 'open' }), NOW)).toMatchObject({ total: 2 });
  });
});

describe('paging', () => {
  it('walks every list page by page with no task skipped or repeated, in the list\'s order, with exact totals', () => {
    // 240 tasks given by the Kinh tế leader over a few days, many sharing a deadline or an instant.
    const w = taskWorld();
    let r = 7;
    const rand = (n: number): number => {
      r = (r * 1103515245 + 12345) % 2147483648;
      return r % n;
    };
    const people = [P.cv1, P.cv2, P.tonghop];
    for (let i = 0; i < 240; i++) {
      const taskId = nextId();
      const day = `2025-03-0${3 + rand(3)}`;
      const handler = people[rand(3)]!;
      const coop = people.filter((p) => p !== handler)[rand(2)]!;
      w.act(
        P.tpKinhte,
        'tasks.create',
        { taskId, title: `Việc số ${i}`, startDate: day, deadline: { date: `2025-03-${String(7 + rand(14)).padStart(2, '0')}` }, main: { id: nextId(), userId: handler.id }, cooperate: rand(2) ? [{ id: nextId(), userId: coop.id }] : [] },
        at(day),
      );
      const fate = rand(4);
      if (fate === 1) w.act(handler, 'tasks.complete', { taskId, note: 'Xong' }, at(`2025-03-${String(7 + rand(5)).padStart(2, '0')}`));
      if (fate === 2) w.act(handler, 'tasks.return', { taskId, reason: 'Không đủ thông tin' }, at('2025-03-06'));
    }
    for (const u of [P.tpKinhte, P.cv1, P.chutich]) {
      const { store } = cacheFor(w, u);
      const all = w.visibleTo(u).map((t) => taskRowOf(t, u, ORG));
      const clock = store.clock(NOW);
      const filter = store.filter(query());
      for (const list of TASK_LISTS) {
        const order = orderOf(list);
        const expected = all
          .filter((row) => inList(row, list, clock) && matchesFilter(row, filter))
          .sort((a, b) => compareKeys(keyOf(a, order), keyOf(b, order), order))
          .map((row) => row.id);
        const seen: string[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 100; guard++) {
          const p = store.listPage(query({ list, after, limit: 7 }), NOW);
          expect(p.total, `${u.username} ${list}`).toBe(expected.length);
          seen.push(...ids(p.items));
          if (p.next === null) break;
          after = p.next;
        }
        expect(seen, `${u.username} ${list}`).toEqual(expected);
      }
    }
  });

  it('refuses a cursor of another list rather than misreading it', () => {
    const s = agencyWeek();
    const { store } = cacheFor(s.w, P.chutich);
    const next = store.listPage(query({ list: 'assigned', limit: 1 }), NOW).next!;
    expect(() => store.listPage(query({ list: 'watching', after: next }), NOW)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('every list is read off its own index, in its order, without sorting', () => {
    const s = agencyWeek();
    const { db } = cacheFor(s.w, P.chutich);
    const expected: Record<TaskListName, string> = {
      mine: 'tasks_open_by_role',
      cooperate: 'tasks_open_by_role',
      watching: 'tasks_open_watching',
      overdue: 'tasks_open_deadline',
      due_soon: 'tasks_open_deadline',
      assigned: 'tasks_assigned',
      done: 'tasks_done',
    };
    for (const list of TASK_LISTS) {
      const sql = `SELECT ${ROW_COLUMNS} FROM tasks WHERE ${listSql(list).join(' AND ')} ORDER BY ${orderSql(orderOf(list))} LIMIT 100`;
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ today: TODAY, dueSoonBound: '2025-03-17' }) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan, list).toContain(`INDEX ${expected[list]}`);
      expect(plan, list).not.toContain('TEMP B-TREE');
    }
  });

  it('the "Đã xong" count (a badge on every screen) reads its index alone, not the delivered rows', () => {
    const s = agencyWeek();
    const { db } = cacheFor(s.w, P.chutich);
    const sql = `SELECT count(*) AS n FROM tasks WHERE ${listSql('done').join(' AND ')}`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('COVERING INDEX tasks_done');
  });
});

describe('the stored task', () => {
  it('search finds tasks without accents (đ included), by title, description or result', () => {
    const s = agencyWeek();
    const { store } = cacheFor(s.w, P.chutich);
    const find = (q: string): string[] => store.search(queryTerms(q), 20).map((r) => r.id);
    expect(find('giai ngan')).toEqual([s.T1]);
    expect(find('Đầu tư công')).toEqual([s.T1]);
    expect(find('dat dai')).toEqual([s.T3]);
    expect(find('huyen')).toEqual(expect.arrayContaining([s.T1, s.T6]));
    expect(find('da ra soat xong')).toEqual([s.T3]);
    expect(find('dak ha')).toEqual([s.T6]);
    expect(find('khong co')).toEqual([]);
  });

  it('links the files of the task, its reports and its result, and forgets them with the task', () => {
    const s = agencyWeek();
    const { db, store } = cacheFor(s.w, P.chutich);
    const links = (id: string) => db.prepare(`SELECT sha256, name, sealed FROM record_files WHERE kind = 'tasks' AND record_id = ? ORDER BY position`).all(id);
    expect(links(s.T1)).toEqual([
      { sha256: sha(1), name: 'Kế hoạch.docx', sealed: 0 },
      { sha256: sha(2), name: 'Số liệu.xlsx', sealed: 0 },
    ]);
    expect(db.prepare(`SELECT sha256, state FROM files ORDER BY sha256`).all()).toEqual([
      { sha256: sha(1), state: 'missing' },
      { sha256: sha(2), state: 'missing' },
    ]);
    expect(store.get(s.T1)?.reports).toHaveLength(1);
    expect(store.remove(s.T1)).toBe(true);
    expect(store.remove(s.T1)).toBe(false);
    expect(links(s.T1)).toEqual([]);
    expect(store.search(queryTerms('giai ngan'), 5)).toEqual([]);
    expect(store.get(s.T1)).toBeNull();
    store.removeAll();
    expect(store.count()).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM tasks_fts`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT count(*) AS n FROM record_files`).get()).toEqual({ n: 0 });
  });

  it('a task\'s sub-tasks, and the tasks given from a document', () => {
    const s = agencyWeek();
    const { store } = cacheFor(s.w, P.tpKinhte);
    expect(ids(store.subtasks(s.T1))).toEqual([s.T6]);
    expect(ids(store.forDocument(DOC))).toEqual([s.T1]);
  });

  it('recomputes the per-user columns when the user moves to another unit', () => {
    const s = agencyWeek();
    const { store } = cacheFor(s.w, P.tpKinhte);
    expect(store.counts(NOW)).toMatchObject({ mine: 1, cooperate: 0 });
    const moved = { ...P.tpKinhte, unitId: UNITS.internal.id };
    store.recomputeAll(moved);
    // No longer leads Kinh tế (T1's main unit), now leads Nội chính (T1's co-operating unit).
    expect(store.counts(NOW)).toMatchObject({ mine: 0, cooperate: 1, assigned: 3 });
  });
});

describe('the RPC handlers show pending actions before the server has them', () => {
  /** Handlers over a confirmed cache, with `local` standing for the outbox replayed on top (the same rules). */
  function handlers(db: Db, store: TaskStore, u: UserSummary, local: ReadonlyMap<string, Task>) {
    const ctx: TaskContext = {
      db,
      store,
      viewer: u,
      user: u,
      org: ORG,
      now: () => NOW,
      overlaid: (id): OverlaidTask | null => {
        const stored = store.get(id);
        const task = local.get(id) ?? stored;
        if (!task) return null;
        const pending = local.has(id) ? [{ id: 1, name: 'tasks.complete', kind: 'tasks', recordId: id, createdAt: NOW.toISOString() }] : [];
        return { task, pendingCreate: stored === null, pending, failed: [] };
      },
      pendingIds: () => new Set(local.keys()),
      cachedFiles: (shas) => shas.filter((x) => x === sha(1)),
      sourceDocument: (id) => (id === DOC ? { id, subject: 'Về việc giải ngân vốn đầu tư công', arrivalNumber: 12, arrivalYear: 2025, codeNumber: '45', codeNotation: 'UBND-KT' } : null),
    };
    return taskHandlers(() => ctx);
  }

  it('a task completed offline leaves "Việc của tôi" for "Đã xong"; a task given offline heads its lists; counts follow', async () => {
    const s = agencyWeek();
    const { db, store } = cacheFor(s.w, P.tpKinhte);
    // Done while offline: the cache holds the confirmed states, the outbox these two.
    const created = nextId();
    s.w.act(P.tpKinhte, 'tasks.complete', { taskId: s.T1, note: 'Báo cáo đã gửi' }, NOW);
    s.w.act(P.tpKinhte, 'tasks.create', { taskId: created, title: 'Chuẩn bị họp giao ban', startDate: TODAY, deadline: { date: '2025-03-20' }, main: { id: nextId(), userId: P.cv2.id } }, NOW);
    const h = handlers(db, store, P.tpKinhte, new Map([s.T1, created].map((id) => [id, s.w.tasks.get(id)!])));

    expect(await h['tasks.list'](query({ list: 'mine' }))).toEqual({ items: [], next: null, total: 0 });
    const done = await h['tasks.list'](query({ list: 'done' }));
    expect(done.items.map((i) => [i.id, i.status, i.doneOn, i.pending])).toEqual([[s.T1, 'pending_acceptance', TODAY, true]]);
    expect(done.total).toBe(1);
    const assigned = await h['tasks.list'](query({ list: 'assigned' }));
    expect(ids(assigned.items)).toEqual([created, s.T6, s.T5, s.T2]);
    expect(assigned.items.map((i) => i.pending)).toEqual([true, false, false, false]);
    expect(assigned.total).toBe(4);
    // Paged: the local task heads the first page only; the totals agree.
    const first = await h['tasks.list'](query({ list: 'assigned', limit: 2 }));
    const second = await h['tasks.list'](query({ list: 'assigned', limit: 2, after: first.next }));
    expect([ids(first.items), ids(second.items), first.total, second.total]).toEqual([[created, s.T6, s.T5], [s.T2], 4, 4]);
    expect(await h['tasks.counts']({})).toEqual({ mine: 0, assigned: 4, cooperate: 0, watching: 0, overdue: 1, due_soon: 1, done: 1 });

    const view = await h['tasks.get']({ id: s.T1 });
    expect(view).toMatchObject({ pendingCreate: false, overdue: false, myRoles: ['main'], source: { id: DOC, arrivalNumber: 12 }, cachedFiles: [sha(1)] });
    expect(view?.task.status).toBe('pending_acceptance');
    expect(view?.pending).toHaveLength(1);
    expect(ids(view?.subtasks ?? [])).toEqual([s.T6]);
    // Delivered: nothing left to report or complete; the assigner accepts.
    expect(view?.allowedActions).toContain('tasks.markRead');
    expect(view?.allowedActions).not.toContain('tasks.complete');
    expect(await h['tasks.get']({ id: created })).toMatchObject({ pendingCreate: true, myRoles: ['assigner'], source: null });
    expect(await h['tasks.get']({ id: nextId() })).toBeNull();

    expect((await h['tasks.forDocument']({ documentId: DOC })).map((i) => [i.id, i.pending])).toEqual([[s.T1, true]]);
    expect(ids(await h['tasks.search']({ query: 'giao ban', limit: 20 }))).toEqual([created]);
    expect((await h['tasks.search']({ query: 'giai ngan', limit: 20 })).map((i) => [i.id, i.status])).toEqual([[s.T1, 'pending_acceptance']]);
  });

  it('a stored task that a pending action moves into a list is placed and counted there', async () => {
    const s = agencyWeek();
    const { db, store } = cacheFor(s.w, P.chutich);
    // The agency leader sends the delivered T4 back for rework, offline.
    s.w.act(P.chutich, 'tasks.sendBack', { taskId: s.T4, reason: 'Bổ sung số liệu' }, NOW);
    const h = handlers(db, store, P.chutich, new Map([[s.T4, s.w.tasks.get(s.T4)!]]));
    expect(ids((await h['tasks.list'](query({ list: 'done' }))).items)).toEqual([s.T3]);
    // Open again and past its deadline (05/03): overdue, among what they gave.
    const overdue = await h['tasks.list'](query({ list: 'overdue' }));
    expect(overdue.items.map((i) => [i.id, i.pending])).toEqual([
      [s.T4, true],
      [s.T1, false],
    ]);
    expect(overdue.total).toBe(2);
    expect(await h['tasks.counts']({})).toMatchObject({ done: 1, overdue: 2, watching: 5 });
  });

  it('refuses every call when signed out', async () => {
    const h = taskHandlers(() => null);
    await expect(h['tasks.counts']({})).rejects.toMatchObject({ code: 'not_signed_in' });
    const d = dashboardHandlers(() => null);
    await expect(d['dashboard.get']({ from: '2025-01-01', to: '2025-12-31', unitId: null, kinds: ['tasks'] })).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});

describe('deadline reminders', () => {
  const row = (over: Partial<{ id: string; title: string; deadline: string; status: Task['status']; my_role: 'main' | 'cooperate' | 'info' | null }>) => ({
    id: nextId(),
    title: 'Báo cáo quý',
    deadline: TODAY,
    status: 'in_progress' as Task['status'],
    my_role: 'main' as 'main' | 'cooperate' | 'info' | null,
    ...over,
  });

  it('one working day before and on the day, to the main handler of a task being worked on, once per date', () => {
    const due = row({ deadline: '2025-03-12' });
    const tomorrow = row({ deadline: '2025-03-13', status: 'open' });
    const later = row({ deadline: '2025-03-14' });
    const coop = row({ my_role: 'cooperate' });
    const delivered = row({ status: 'pending_acceptance' });
    const returned = row({ status: 'returned' });
    const out = dueReminders([later, tomorrow, due, coop, delivered, returned], TODAY);
    expect(out.map((r) => [r.taskId, r.when])).toEqual([
      [due.id, 'day'],
      [tomorrow.id, 'before'],
    ]);
    expect(out[0]).toMatchObject({ title: { vi: 'Công việc đến hạn hôm nay', en: 'Task due today' }, body: { vi: 'Báo cáo quý — hạn xử lý hôm nay (12/03/2025).' } });
    expect(out[1]!.body.vi).toBe('Báo cáo quý — hạn xử lý 13/03/2025, còn 1 ngày làm việc.');
    expect(out[1]!.body.en).toBe('Báo cáo quý — due 13/03/2025, 1 working day left.');
    // Sent once; an extension to a new date reminds again.
    expect(dueReminders([due, tomorrow], TODAY, undefined, new Set(out.map((r) => r.key)))).toEqual([]);
    expect(dueReminders([{ ...tomorrow, deadline: '2025-03-12' }], TODAY, undefined, new Set(out.map((r) => r.key)))).toHaveLength(1);
  });

  it('counts working days: Friday for a Monday deadline, and across Tết', () => {
    expect(dueReminders([row({ deadline: '2025-03-17' })], '2025-03-14').map((r) => r.when)).toEqual(['before']);
    expect(dueReminders([row({ deadline: '2025-03-17' })], '2025-03-13')).toEqual([]);
    // The Friday before Tết 2025 is one working day before Monday 03/02.
    expect(dueReminders([row({ deadline: '2025-02-03' })], '2025-01-24').map((r) => r.when)).toEqual(['before']);
    expect(reminderWindow('2025-01-24')).toEqual({ from: '2025-01-24', to: '2025-02-03' });
  });

  it('the store gives the candidates: open tasks of the main handler within the window', () => {
    const s = agencyWeek();
    const { store } = cacheFor(s.w, P.tonghop);
    const w = reminderWindow('2025-03-13');
    expect(dueReminders(store.mainHandlerDue(w.from, w.to), '2025-03-13').map((r) => [r.taskId, r.when])).toEqual([[s.T2, 'before']]);
  });
});
