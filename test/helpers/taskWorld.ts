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

/** The incoming document T1 of agencyWeek was given from. */
export const DOC = '0d000000-0000-4000-8000-000000000001';

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

/**
 * The agency's week (created Monday 03/03/2025):
 *  T1 chủ tịch → Phòng Kinh tế (handed down to cv.kinhte1), Nội chính co-operating, cv.noichinh informed; from a document; due 10/03, in progress → overdue
 *  T2 tp.kinhte → cv.tonghop (the team under Kinh tế), cv.kinhte1 co-operating; due 14/03 → due soon
 *  T3 chủ tịch → cv.noichinh; delivered 06/03, due 07/03, accepted → done on time
 *  T4 chủ tịch → Phòng Nội chính; delivered 10/03, due 05/03 → awaiting acceptance, late
 *  T5 tp.kinhte → cv.kinhte1; due 15/04; handed back (returned)
 *  T6 tp.kinhte → cv.kinhte2, a sub-task of T1; due 09/03 → overdue
 */
export function agencyWeek() {
  const w = taskWorld();
  const mon = at('2025-03-03');
  const T1 = nextId();
  const t1Main = nextId();
  w.act(
    P.chutich,
    'tasks.create',
    {
      taskId: T1,
      source: { kind: 'incoming', id: DOC },
      title: 'Báo cáo tình hình giải ngân vốn đầu tư công quý I',
      description: 'Tổng hợp số liệu của các huyện',
      startDate: '2025-03-03',
      deadline: { date: '2025-03-10' },
      files: [{ sha256: sha(1), name: 'Kế hoạch.docx', size: 12_000, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
      main: { id: t1Main, unitId: UNITS.economy.id },
      cooperate: [{ id: nextId(), unitId: UNITS.internal.id }],
      info: [{ id: nextId(), userId: P.cvNoichinh.id }],
    },
    mon,
  );
  w.act(P.tpKinhte, 'tasks.reassign', { taskId: T1, parentAssignmentId: t1Main, assignments: [{ id: nextId(), role: 'main', userId: P.cv1.id }] }, at('2025-03-04'));
  w.act(
    P.cv1,
    'tasks.report',
    { taskId: T1, reportId: nextId(), kind: 'progress', percent: 50, note: 'Đã có số liệu 5/9 huyện', files: [{ sha256: sha(2), name: 'Số liệu.xlsx', size: 3_000, mime: 'application/vnd.ms-excel' }] },
    at('2025-03-05'),
  );

  const T2 = nextId();
  w.act(
    P.tpKinhte,
    'tasks.create',
    { taskId: T2, title: 'Dự thảo kế hoạch kiểm tra thuế', startDate: '2025-03-03', deadline: { date: '2025-03-14' }, main: { id: nextId(), userId: P.tonghop.id }, cooperate: [{ id: nextId(), userId: P.cv1.id }] },
    mon,
  );

  const T3 = nextId();
  w.act(P.chutich, 'tasks.create', { taskId: T3, title: 'Rà soát hồ sơ đất đai', startDate: '2025-03-03', deadline: { date: '2025-03-07' }, main: { id: nextId(), userId: P.cvNoichinh.id } }, mon);
  w.act(P.cvNoichinh, 'tasks.complete', { taskId: T3, note: 'Đã rà soát xong' }, at('2025-03-06'));
  w.act(P.chutich, 'tasks.accept', { taskId: T3, quality: 5 }, at('2025-03-07'));

  const T4 = nextId();
  w.act(P.chutich, 'tasks.create', { taskId: T4, title: 'Tổng kết công tác cải cách hành chính', startDate: '2025-03-03', deadline: { date: '2025-03-05' }, main: { id: nextId(), unitId: UNITS.internal.id } }, mon);
  w.act(P.tpNoichinh, 'tasks.complete', { taskId: T4, note: 'Báo cáo tổng kết kèm theo' }, at('2025-03-10'));

  const T5 = nextId();
  w.act(P.tpKinhte, 'tasks.create', { taskId: T5, title: 'Khảo sát giá đất nông nghiệp', startDate: '2025-03-03', deadline: { date: '2025-04-15' }, main: { id: nextId(), userId: P.cv1.id } }, mon);
  w.act(P.cv1, 'tasks.return', { taskId: T5, reason: 'Không thuộc chức năng của phòng' }, at('2025-03-05'));

  const T6 = nextId();
  w.act(
    P.tpKinhte,
    'tasks.create',
    { taskId: T6, parentId: T1, title: 'Thu thập số liệu huyện Đăk Hà', startDate: '2025-03-04', deadline: { date: '2025-03-09' }, main: { id: nextId(), userId: P.cv2.id } },
    at('2025-03-04'),
  );
  return { w, T1, T2, T3, T4, T5, T6 };
}

