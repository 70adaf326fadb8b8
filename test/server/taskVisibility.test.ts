/**
 * Who sees a task (issue #8: "the assigner, every assignee, the leaders of an assigned unit,
 * and the agency leaders; nobody else — enforced on the server and in the core"), as a
 * property over random histories on the real server (PostgreSQL, over HTTP): tasks given by
 * random leaders to random units and people, co-operating and for-information, sub-tasks,
 * then random hand-downs by unit leaders, revocations and new main handlers, each pushed by
 * the user who acts (refusals included: a refused action must change nobody's sight).
 *
 * The organisation is the fixture's (the test server's), so the randomness is in the
 * assignments. After each phase, for every fixture user, the tasks they pull (protocol 2,
 * from scratch and from the earlier cursor) and the tasks a core signed in as them holds are
 * exactly those the shared rule (taskAccessUserIds) gives on the server's final states.
 * A seeded generator drives it (fast-check is not a dependency); a failure names its seed,
 * and TASK_VISIBILITY_SEED replays one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgView } from '../../src/shared/domain/org.js';
import { unitSubtree } from '../../src/shared/domain/org.js';
import { RecordChange } from '../../src/shared/sync/protocol.js';
import { canHandDownTask, isMainHandler, mainAssignment, TASK_LISTS, taskAccessUserIds, type Task } from '../../src/shared/tasks/index.js';
import { http, PushClient } from '../helpers/api.js';
import { signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, loginAll, type Username } from './support.js';

const SEED = Number(process.env.TASK_VISIBILITY_SEED ?? 20250303);
const TASKS = 30;
const CHANGES = 70;
const USERS = Object.keys(U) as Username[];
/** The users a core is started for: every role and unit of the fixture (the other two are checked over HTTP). */
const CORE_USERS: Username[] = ['chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'tp.noichinh', 'cv.noichinh'];
const LEADERS: Username[] = USERS.filter((u) => U[u].role === 'leader');
/** Who acts now and then out of turn (to be refused): anyone who may push — the administrator may not sync changes at all. */
const ACTORS: Username[] = USERS.filter((u) => U[u].role !== 'admin');

const AGENCY = FIXTURE_ORG.agency.id;
const ORG: OrgView = {
  units: FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: AGENCY, active: true })),
};
const ALL_UNITS = Object.values(UNITS).map((u) => u.id);

/** mulberry32, as test/shared/taskRights.test.ts: small, seedable, good enough to pick cases. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { int, pick, chance: (p: number): boolean => next() < p };
}

/** Every page of a protocol 2 pull of both kinds from `cursor`, folded into the tasks held (ids). */
async function pullTaskIds(url: string, token: string, held: Set<string>, cursor: string | null): Promise<string> {
  const clientId = randomUUID();
  for (;;) {
    const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit: 200, protocol: 2, kinds: ['incoming', 'tasks'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const raw of r.body.changes as unknown[]) {
      const c = RecordChange.parse(raw);
      if (c.kind !== 'tasks') continue;
      if ('removed' in c) held.delete(c.id);
      else held.add(c.id);
    }
    cursor = r.body.cursor as string;
    if (!r.body.more) return cursor;
  }
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('who sees a task: the rule, on the server and in the core, over random assignments (PostgreSQL)', () => {
  let s: TestServer;
  let tokens: Record<Username, string>;
  const push = {} as Record<Username, PushClient>;
  const cores = new Map<Username, InProcessCore>();
  // 09:00 in Kon Tum on Monday 3 March 2025.
  const clock = new Clock('2025-03-03T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend: 'postgres', now: clock.now, sessionTtlMs: 365 * DAY });
    tokens = await loginAll(s.url, USERS);
    for (const u of USERS) push[u] = new PushClient(s.url, tokens[u]);
  });
  afterAll(async () => {
    await Promise.all([...cores.values()].map((c) => c.close()));
    await s?.close();
  });

  /** Every task's state on the server, read from its own table (the server stores them without readAt). */
  async function serverTasks(): Promise<Map<string, Task>> {
    const rows = (await s.server.db.query<{ id: string; state: string }>('SELECT id, state FROM tasks')).rows;
    return new Map(rows.map((r) => [r.id, JSON.parse(r.state) as Task]));
  }

  /** The task ids the rule gives each user, over the server's states. */
  function expected(states: ReadonlyMap<string, Task>): Map<Username, Set<string>> {
    const out = new Map(USERS.map((u) => [u, new Set<string>()]));
    for (const [id, t] of states) for (const uid of taskAccessUserIds(t, ORG)) out.get(USERS.find((u) => U[u].id === uid)!)?.add(id);
    return out;
  }

  /** What a core holds: every list's rows (each row once per list), and a look-up of every task id the server has. */
  async function coreSees(c: InProcessCore, allIds: readonly string[]): Promise<{ listed: Set<string>; got: Set<string> }> {
    const listed = new Set<string>();
    for (const list of TASK_LISTS) {
      let after: string | null = null;
      do {
        const page: { items: { id: string; pending: boolean }[]; next: string | null } = await c.rpc.call('tasks.list', { list, limit: 50, after });
        for (const item of page.items) {
          expect(item.pending).toBe(false);
          listed.add(item.id);
        }
        after = page.next;
      } while (after);
    }
    const got = new Set<string>();
    for (const id of allIds) {
      const view = await c.rpc.call('tasks.get', { id });
      if (view) {
        expect(view.task.id).toBe(id);
        expect(view.pendingCreate).toBe(false);
        got.add(id);
      }
    }
    return { listed, got };
  }

  it(`is exactly the assigner, the assignees, the leaders of assigned units and the agency leaders (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const applied = { create: 0, subtask: 0, reassign: 0, revoke: 0, newMain: 0, addOthers: 0, refused: 0 };
    const today = '2025-03-03';
    const dayAfter = (n: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const anyone = (): { id: string; unitId?: string; userId?: string } =>
      r.chance(0.45) ? { id: randomUUID(), unitId: r.pick(ALL_UNITS) } : { id: randomUUID(), userId: U[r.pick(USERS)].id };
    const send = async (actor: Username, name: string, args: unknown): Promise<boolean> => {
      const res = await push[actor].send(name, args);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const result = res.body.results[0] as { status: string; error?: { code: string } };
      if (result.status !== 'applied') {
        // Only a refusal by the rules: anything else would be a broken test or server.
        expect(result.status, `seed ${SEED}: ${name} ${JSON.stringify(result)}`).toBe('rejected');
        applied.refused += 1;
      }
      return result.status === 'applied';
    };
    const stateOf = async (id: string): Promise<Task> => (await serverTasks()).get(id)!;

    // ── Phase 1: tasks and sub-tasks given by random leaders to random units and people.
    const ids: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const taskId = randomUUID();
      const deadline = dayAfter(7 + r.int(60));
      // Now and then a sub-task, given by a leader who is the main handler of an existing task.
      const parents = i > 3 && r.chance(0.3) ? await serverTasks() : null;
      const parentChoice = parents ? [...parents.values()].filter((t) => t.status === 'open' && LEADERS.some((l) => isMainHandler(t, U[l]))) : [];
      if (parentChoice.length > 0) {
        const parent = r.pick(parentChoice);
        const actor = r.chance(0.85) ? LEADERS.find((l) => isMainHandler(parent, U[l]))! : r.pick(LEADERS);
        const ok = await send(actor, 'tasks.create', {
          taskId,
          parentId: parent.id,
          title: `Việc con ${i + 1}: thu thập số liệu`,
          startDate: today,
          deadline: { date: parent.deadline },
          main: anyone(),
          info: r.chance(0.3) ? [anyone()] : [],
        });
        if (ok) (applied.subtask += 1), ids.push(taskId);
        continue;
      }
      const extra = (n: number) => Array.from({ length: n }, anyone);
      const ok = await send(r.pick(LEADERS), 'tasks.create', {
        taskId,
        title: `Công việc ${i + 1}: báo cáo tình hình quý I`,
        startDate: today,
        deadline: { date: deadline },
        priority: r.pick(['low', 'normal', 'high', 'urgent'] as const),
        main: anyone(),
        cooperate: extra(r.int(3)),
        info: extra(r.int(3)),
      });
      if (ok) (applied.create += 1), ids.push(taskId);
    }

    const check = async (phase: string, cursors: Map<Username, { cursor: string; held: Set<string> }> | null): Promise<Map<Username, { cursor: string; held: Set<string> }>> => {
      const states = await serverTasks();
      const want = expected(states);
      const next = new Map<Username, { cursor: string; held: Set<string> }>();
      for (const u of USERS) {
        const label = `seed ${SEED}, ${phase}, ${u}`;
        // From scratch…
        const fresh = new Set<string>();
        const cursor = await pullTaskIds(s.url, tokens[u], fresh, null);
        expect(sorted(fresh), label).toEqual(sorted(want.get(u)!));
        // …and from where the user's desktop left off: what they lost sight of is removed.
        const earlier = cursors?.get(u);
        if (earlier) {
          await pullTaskIds(s.url, tokens[u], earlier.held, earlier.cursor);
          expect(sorted(earlier.held), `${label} (from the earlier cursor)`).toEqual(sorted(want.get(u)!));
        }
        next.set(u, { cursor, held: fresh });
      }
      for (const u of CORE_USERS) {
        let c = cores.get(u);
        if (!c) {
          cores.set(u, (c = startCore({ now: clock.now })));
          await signIn(c.rpc, s.url, u);
        }
        const status = await c.rpc.call('sync.now');
        expect(status.lastError, `${u}: ${JSON.stringify(status)}`).toBeNull();
        const { listed, got } = await coreSees(c, [...states.keys()]);
        expect(sorted(got), `seed ${SEED}, ${phase}, core of ${u}: tasks.get`).toEqual(sorted(want.get(u)!));
        expect(sorted(listed), `seed ${SEED}, ${phase}, core of ${u}: tasks.list`).toEqual(sorted(want.get(u)!));
      }
      return next;
    };
    const afterCreate = await check('after the tasks were given', null);
    const sightBefore = expected(await serverTasks());

    // ── Phase 2: hand-downs by unit leaders, revocations, new main handlers and more people.
    for (let i = 0; i < CHANGES; i++) {
      clock.advance(60_000);
      const task = await stateOf(r.pick(ids));
      const live = task.assignments.filter((a) => a.status === 'active');
      const roll = r.int(10);
      if (roll < 4) {
        // A unit leader hands an assignment of their unit down to people of the unit (sub-units included).
        const parents = live.filter((a) => a.unitId !== null);
        if (parents.length === 0) continue;
        const p = r.pick(parents);
        const leader = LEADERS.find((l) => U[l].unitId === p.unitId);
        const actor = leader && r.chance(0.85) ? leader : r.pick(ACTORS);
        const members = USERS.filter((u) => unitSubtree(p.unitId!, ORG.units).has(U[u].unitId));
        const roles = (['main', 'cooperate', 'info'] as const).filter((role) => canHandDownTask(p, role));
        const people = Array.from({ length: 1 + r.int(2) }, () => (r.chance(0.9) && members.length > 0 ? r.pick(members) : r.pick(USERS)));
        const assignments = [...new Set(people)].map((u, k) => ({
          id: randomUUID(),
          role: k === 0 && r.chance(0.6) ? p.role : r.pick(roles),
          userId: U[u].id,
        }));
        if (await send(actor, 'tasks.reassign', { taskId: task.id, parentAssignmentId: p.id, assignments })) applied.reassign += 1;
      } else if (roll < 7) {
        // The assigner (or whoever handed it down, or an agency leader) takes an assignment back.
        const top = mainAssignment(task);
        const revocable = live.filter((a) => a.id !== top?.id);
        if (revocable.length === 0) continue;
        const a = r.pick(revocable);
        const assigner = USERS.find((u) => U[u].id === task.assignedBy)!;
        const handedBy = USERS.find((u) => U[u].id === a.assignedBy)!;
        const actor = r.chance(0.85) ? r.pick([assigner, handedBy]) : r.pick(ACTORS);
        if (await send(actor, 'tasks.revokeAssignment', { taskId: task.id, assignmentId: a.id, reason: 'Phân công lại' })) applied.revoke += 1;
      } else {
        // The assigner gives it to another main handler, or adds co-operating / informed people.
        const assigner = USERS.find((u) => U[u].id === task.assignedBy)!;
        const actor = r.chance(0.85) ? assigner : r.pick(ACTORS);
        const newMain = r.chance(0.5);
        const args = { taskId: task.id, ...(newMain ? { main: anyone() } : {}), addCooperate: r.chance(0.5) ? [anyone()] : [], addInfo: r.chance(0.5) ? [anyone()] : [] };
        if (!newMain && args.addCooperate.length + args.addInfo.length === 0) args.addInfo.push(anyone());
        if (await send(actor, 'tasks.update', args)) applied[newMain ? 'newMain' : 'addOthers'] += 1;
      }
    }
    await check('after the re-assignments', afterCreate);

    // The history exercised what the property is about: every kind of change, refusals, and
    // people who lost sight of a task they had seen (so removals were pulled).
    const sightAfter = expected(await serverTasks());
    const lost = USERS.reduce((n, u) => n + [...sightBefore.get(u)!].filter((id) => !sightAfter.get(u)!.has(id)).length, 0);
    const gained = USERS.reduce((n, u) => n + [...sightAfter.get(u)!].filter((id) => !sightBefore.get(u)!.has(id)).length, 0);
    const states = [...(await serverTasks()).values()];
    const handedDown = states.filter((t) => t.assignments.some((a) => a.parentId !== null && a.status === 'active')).length;
    const summary = JSON.stringify({ ...applied, lost, gained, handedDown });
    expect(applied.create + applied.subtask, summary).toBeGreaterThanOrEqual(TASKS * 0.6);
    expect(applied.subtask, summary).toBeGreaterThanOrEqual(2);
    expect(applied.reassign, summary).toBeGreaterThanOrEqual(5);
    expect(applied.revoke, summary).toBeGreaterThanOrEqual(5);
    expect(applied.newMain + applied.addOthers, summary).toBeGreaterThanOrEqual(5);
    expect(applied.refused, summary).toBeGreaterThanOrEqual(3);
    expect(lost, summary).toBeGreaterThanOrEqual(3);
    expect(gained, summary).toBeGreaterThanOrEqual(3);
    // Nobody outside the rule: the clerk and the administrator see only what they were given.
    for (const u of ['vanthu', 'quantri'] as const) {
      for (const id of sightAfter.get(u)!) expect(states.find((t) => t.id === id)!.assignments.some((a) => a.userId === U[u].id && a.status !== 'revoked'), `${u} ${id}`).toBe(true);
    }
  });
});
