/**
 * Tasks made by the shared rules (as the server and the core's overlay make them), for
 * the core's tests of the tasks store, lists and dashboard: the fixture organisation
 * with one team under Phòng Kinh tế (sub-units count with their unit), and a record store.
 */
import { expect } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import type { Unit, UserSummary } from '../../src/shared/model/organisation.js';
import type { OrgView } from '../../src/shared/domain/org.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import { Task, taskAccessUserIds, taskMutations, type TaskMutationInput, type TaskMutationName } from '../../src/shared/tasks/schemas.js';
import { FIXTURE_ORG, UNITS } from './fixtures.js';

export const AGENCY = FIXTURE_ORG.agency.id;
export const TEAM: Unit = { id: '0a000000-0000-4000-8000-000000000005', agencyId: AGENCY, parentId: UNITS.economy.id, name: 'Tổ Tổng hợp', abbreviation: 'TH', sortOrder: 5 };
const TEAM_MEMBER: UserSummary = {
  id: '0b000000-0000-4000-8000-000000000009',
  agencyId: AGENCY,
  unitId: TEAM.id,
  username: 'cv.tonghop',
  fullName: 'Ngô Thị Mai',
  position: 'Chuyên viên',
  role: 'specialist',
  active: true,
};

export const ORG: OrgView = {
  units: [...FIXTURE_ORG.units.map((u): Unit => ({ ...u, agencyId: AGENCY })), TEAM],
  users: [...FIXTURE_ORG.users.map((u): UserSummary => ({ ...u, agencyId: AGENCY, active: true })), TEAM_MEMBER],
};
const user = (username: string): UserSummary => ORG.users.find((u) => u.username === username)!;
export const P = {
  chutich: user('chutich'), // agency leader
  tpKinhte: user('tp.kinhte'), // leads Phòng Kinh tế
  cv1: user('cv.kinhte1'),
  cv2: user('cv.kinhte2'),
  tonghop: TEAM_MEMBER, // in the team under Phòng Kinh tế
  tpNoichinh: user('tp.noichinh'),
  cvNoichinh: user('cv.noichinh'),
};

let seq = 0;
/** A fresh uuid, in creation order. */
export const nextId = (): string => `0c000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
export const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** An instant at 09:00 in Vietnam on `day`. */
export const at = (day: string): Date => new Date(`${day}T02:00:00.000Z`);

const registry = buildRegistry(taskMutations);

/** A record store standing in for the server's: every action goes through the tasks rules. */
export function taskWorld() {
  const tasks = new Map<string, Task>();
  function act<N extends TaskMutationName>(actor: UserSummary, name: N, input: TaskMutationInput<N>, now: Date): Task {
    const def = registry.get(name)!;
    const args: unknown = def.args.parse(input);
    const ctx: RuleContext = { actor, org: ORG, now };
    const facts: unknown = def.localFacts?.(args, ctx, (ref) => (ref.kind === 'tasks' ? (tasks.get(ref.id) ?? null) : null));
    const recordId = def.recordId(args);
    const next = def.apply(tasks.get(recordId) ?? null, args, ctx, facts) as Task;
    expect(Task.parse(next)).toEqual(next);
    tasks.set(recordId, next);
    return next;
  }
  /** The tasks `u` may see, as the server would send them. */
  const visibleTo = (u: UserSummary): Task[] => [...tasks.values()].filter((t) => taskAccessUserIds(t, ORG).has(u.id));
  return { tasks, act, visibleTo };
}
export type TaskWorld = ReturnType<typeof taskWorld>;
