/**
 * Who sees a task (issue #8: "the assigner, every assignee, the leaders of an assigned unit,
 * and the agency leaders; nobody else"), as a property over random organisations and random
 * histories of assignments, re-assignments, revocations and replaced main handlers, all made
 * through the rules themselves. The expected answer is written here independently of
 * src/shared/tasks/rights.ts. fast-check is not a dependency, so a seeded generator drives it
 * (a failure prints its seed).
 */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import { AppError } from '../../src/shared/i18n/errors.js';
import type { Unit, UserSummary } from '../../src/shared/model/organisation.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import { allowedTaskActions, canSeeTask, myTaskRoles, taskAccessUserIds, taskMutations, type Task, type TaskMutationInput, type TaskMutationName } from '../../src/shared/tasks/schemas.js';

const registry = buildRegistry(taskMutations);
const NOW = new Date('2026-12-01T02:00:00.000Z');

/** mulberry32: small, seedable, good enough to pick cases. */
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
  return { next, int, pick, chance: (p: number): boolean => next() < p };
}
type Rng = ReturnType<typeof rng>;

let counter = 0;
const uuid = (): string => `0d000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

interface Org {
  agencyId: string;
  units: Unit[];
  users: UserSummary[];
}

/** An agency: a root (leadership) unit, a random tree below it, and people in random units and roles; plus a second agency. */
function randomOrg(r: Rng): Org {
  const units: Unit[] = [];
  const users: UserSummary[] = [];
  const agencies = [uuid(), uuid()];
  for (const agencyId of agencies) {
    const mine: Unit[] = [{ id: uuid(), agencyId, parentId: null, name: 'Lãnh đạo', abbreviation: 'LĐ', sortOrder: 0 }];
    const n = 1 + r.int(6);
    for (let i = 0; i < n; i++) mine.push({ id: uuid(), agencyId, parentId: r.pick(mine).id, name: `Phòng ${i + 1}`, abbreviation: `P${i + 1}`, sortOrder: i + 1 });
    units.push(...mine);
    const people = 3 + r.int(12);
    for (let i = 0; i < people; i++) {
      const role = r.pick(['leader', 'leader', 'specialist', 'specialist', 'clerk', 'admin'] as const);
      users.push({ id: uuid(), agencyId, unitId: r.pick(mine).id, username: `u${counter}`, fullName: `Người ${counter}`, position: '', role, active: r.chance(0.85) });
    }
  }
  return { agencyId: agencies[0]!, units, users };
}

/** The rule of issue #8, written from its words. */
function expectedToSee(task: Task, who: string, org: Org): boolean {
  if (who === task.assignedBy) return true;
  const u = org.users.find((x) => x.id === who);
  const rootUnits = org.units.filter((x) => x.parentId === null && x.agencyId === task.agencyId).map((x) => x.id);
  if (u && u.active && u.role === 'leader' && u.agencyId === task.agencyId && rootUnits.includes(u.unitId)) return true;
  for (const a of task.assignments) {
    if (a.status === 'revoked') continue;
    if (a.userId === who) return true;
    if (a.unitId !== null && u && u.active && u.role === 'leader' && u.unitId === a.unitId) return true;
  }
  return false;
}

/** Build a task through the rules: create, then random hand-downs, revocations, new main handlers, reports. */
function randomTask(r: Rng, org: Org): Task | null {
  const mine = (u: UserSummary): boolean => u.agencyId === org.agencyId;
  const leaders = org.users.filter((u) => mine(u) && u.active && u.role === 'leader');
  if (leaders.length === 0) return null;
  // Now and then an assignee from the other agency or inactive: the rules must refuse those.
  const ownUnits = org.units.filter((u) => u.agencyId === org.agencyId && u.parentId !== null);
  const ownPeople = org.users.filter((u) => mine(u) && u.active);
  const anyone = (): { unitId?: string; userId?: string } => {
    if (r.chance(0.1)) return r.chance(0.5) ? { unitId: r.pick(org.units).id } : { userId: r.pick(org.users).id };
    return r.chance(0.5) || ownPeople.length === 0 ? { unitId: r.pick(ownUnits.length > 0 ? ownUnits : org.units).id } : { userId: r.pick(ownPeople).id };
  };
  let task: Task | null = null;
  const act = <N extends TaskMutationName>(actor: UserSummary, name: N, input: TaskMutationInput<N>): void => {
    const def = registry.get(name)!;
    const parsed = def.args.safeParse(input);
    if (!parsed.success) return;
    const ctx: RuleContext = { actor, org, now: NOW };
    try {
      task = def.apply(task, parsed.data, ctx, def.localFacts?.(parsed.data, ctx, () => null)) as Task;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  };
  const assignees = (n: number) => Array.from({ length: n }, () => ({ id: uuid(), ...anyone() }));
  for (let tries = 0; tries < 5 && task === null; tries++)
    act(r.pick(leaders), 'tasks.create', { taskId: uuid(), title: 'Việc ngẫu nhiên', startDate: '2026-12-01', deadline: { date: '2026-12-31' }, main: { id: uuid(), ...anyone() }, cooperate: assignees(r.int(3)), info: assignees(r.int(3)) });
  if (task === null) return null;
  const steps = r.int(12);
  for (let i = 0; i < steps; i++) {
    const t: Task = task;
    const actor = r.chance(0.8) ? r.pick(org.users.filter((u) => u.active)) : r.pick(org.users);
    const live = t.assignments.filter((a) => a.status === 'active');
    switch (r.int(5)) {
      case 0:
      case 4: {
        const parent = r.chance(0.8) ? live.filter((a) => a.unitId !== null) : live;
        if (parent.length === 0) break;
        const p = r.pick(parent);
        const unitLeader = org.users.find((u) => u.active && u.role === 'leader' && u.unitId === p.unitId);
        act(r.chance(0.8) && unitLeader ? unitLeader : actor, 'tasks.reassign', {
          taskId: t.id,
          parentAssignmentId: p.id,
          // Mostly people of that unit (or below it), in a role it may hand down; now and then anyone.
          assignments: Array.from({ length: 1 + r.int(2) }, () => {
            const inUnit = org.users.filter((u) => u.active && (u.unitId === p.unitId || org.units.some((x) => x.id === u.unitId && x.parentId === p.unitId)));
            const role = r.chance(0.8) ? p.role : r.pick(['main', 'cooperate', 'info'] as const);
            return { id: uuid(), role, userId: (r.chance(0.85) && inUnit.length > 0 ? r.pick(inUnit) : r.pick(org.users)).id };
          }),
        });
        break;
      }
      case 1:
        if (live.length > 0) act(r.chance(0.7) ? org.users.find((u) => u.id === t.assignedBy)! : actor, 'tasks.revokeAssignment', { taskId: t.id, assignmentId: r.pick(live).id });
        break;
      case 2:
        act(r.chance(0.7) ? org.users.find((u) => u.id === t.assignedBy)! : actor, 'tasks.update', { taskId: t.id, main: r.chance(0.5) ? { id: uuid(), ...anyone() } : undefined, addInfo: assignees(r.int(2)) });
        break;
      case 3:
        act(actor, 'tasks.report', { taskId: t.id, reportId: uuid(), kind: 'contribution', note: 'Ý kiến' });
    }
  }
  return task;
}

describe('who sees a task (property over random organisations and histories)', () => {
  it('is exactly the assigner, the assignees, the leaders of assigned units and the agency leaders', () => {
    let checked = 0;
    const seen = { handedDown: 0, revoked: 0, inactiveLeaders: 0 };
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const org = randomOrg(r);
      const task = randomTask(r, org);
      if (task === null) continue;
      checked += 1;
      if (task.assignments.some((a) => a.parentId !== null)) seen.handedDown += 1;
      if (task.assignments.some((a) => a.status === 'revoked')) seen.revoked += 1;
      if (org.users.some((u) => !u.active && u.role === 'leader' && task.assignments.some((a) => a.unitId === u.unitId))) seen.inactiveLeaders += 1;
      const universe = new Set([...org.users.map((u) => u.id), task.assignedBy, ...task.assignments.flatMap((a) => (a.userId ? [a.userId] : []))]);
      const expected = [...universe].filter((u) => expectedToSee(task, u, org)).sort();
      const actual = [...taskAccessUserIds(task, org)].sort();
      expect(actual, `seed ${seed}`).toEqual(expected);
      for (const u of org.users) {
        const sees = expected.includes(u.id);
        expect(canSeeTask(task, u, org), `seed ${seed}, user ${u.id}`).toBe(sees);
        // Someone who may not see it is offered nothing and holds no role; someone who may, at least markRead.
        expect(allowedTaskActions(task, u, org).size > 0, `seed ${seed}, user ${u.id}`).toBe(sees);
        if (!sees) expect(myTaskRoles(task, u, org), `seed ${seed}, user ${u.id}`).toEqual([]);
        // The rules agree: an unseen task is "not found" for every action.
        if (!sees) {
          const def = registry.get('tasks.markRead')!;
          expect(() => def.apply(task, { taskId: task.id }, { actor: u, org, now: NOW }, undefined), `seed ${seed}`).toThrow(AppError);
        }
      }
      // The rules never let anyone from the other agency, or an inactive person, be newly given the task.
      for (const a of task.assignments) {
        if (a.userId !== null) expect(org.users.find((u) => u.id === a.userId)?.agencyId, `seed ${seed}`).toBe(org.agencyId);
        if (a.unitId !== null) expect(org.units.find((u) => u.id === a.unitId)?.agencyId, `seed ${seed}`).toBe(org.agencyId);
      }
    }
    // The cases exercise what the property is about.
    expect(checked).toBeGreaterThan(300);
    expect(seen.handedDown).toBeGreaterThan(50);
    expect(seen.revoked).toBeGreaterThan(50);
    expect(seen.inactiveLeaders).toBeGreaterThan(10);
  });

  it('a linked document grants nothing, and revoking an assignment takes its access away', () => {
    const agencyId = uuid();
    const root: Unit = { id: uuid(), agencyId, parentId: null, name: 'Lãnh đạo', abbreviation: 'LĐ', sortOrder: 0 };
    const dept: Unit = { id: uuid(), agencyId, parentId: root.id, name: 'Phòng Tổng hợp', abbreviation: 'TH', sortOrder: 1 };
    const person = (role: UserSummary['role'], unitId: string): UserSummary => ({ id: uuid(), agencyId, unitId, username: `u${counter}`, fullName: `Người ${counter}`, position: '', role, active: true });
    const director = person('leader', root.id);
    const head = person('leader', dept.id);
    const specialist = person('specialist', dept.id);
    const colleague = person('specialist', dept.id);
    const clerk = person('clerk', root.id);
    const org = { units: [root, dept], users: [director, head, specialist, colleague, clerk] };
    const ctx = { actor: director, org, now: NOW };
    const def = registry.get('tasks.create')!;
    const args = def.args.parse({ taskId: uuid(), source: { kind: 'incoming', id: uuid() }, title: 'Từ văn bản', startDate: '2026-12-01', deadline: { date: '2026-12-09' }, main: { id: uuid(), userId: specialist.id }, info: [{ id: uuid(), unitId: dept.id }] });
    const task = def.apply(null, args, ctx, def.localFacts!(args, ctx, () => null)) as Task;
    expect([...taskAccessUserIds(task, org)].sort()).toEqual([director.id, head.id, specialist.id].sort());
    const info = task.assignments.find((a) => a.role === 'info')!;
    const revoked = registry.get('tasks.revokeAssignment')!.apply(task, { taskId: task.id, assignmentId: info.id, reason: '' }, ctx, undefined) as Task;
    expect([...taskAccessUserIds(revoked, org)].sort()).toEqual([director.id, specialist.id].sort());
    expect([colleague, clerk, head].map((u) => canSeeTask(revoked, u, org))).toEqual([false, false, false]);
  });
});
