/**
 * The leaders' dashboard ("Tình hình thực hiện", issue #8): the numbers the core computes
 * from its cache "match a server-side query over the same data". Known tasks and incoming
 * documents are made through the real server (PostgreSQL, over HTTP, each action at its
 * day on the server's clock): done on time, done late, open and overdue, open and not yet
 * due, awaiting acceptance, returned, extended, sub-tasks, across months, units and a team
 * under Phòng Kinh tế. Then for an agency leader and a unit leader, for the whole agency and
 * for a unit, for the year and for a month, the core's `dashboard.get` equals the server's
 * /api/v1/dashboard field by field; the figures are those the definitions give
 * (shared/dashboard/buckets.ts, written out below by hand); and each cell's drill-down lists
 * as many records as the cell shows, in every bucket.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/server/org/organisation.js';
import { DASHBOARD_BUCKETS } from '../../src/shared/dashboard/buckets.js';
import { DashboardResult, type Counts, type DashboardParams, type DrillParams } from '../../src/shared/dashboard/rpc.js';
import { http, login, PushClient } from '../helpers/api.js';
import { signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { FIXTURE_ORG, FIXTURE_PASSWORD, U, UNITS } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY } from '../server/support.js';

/** A team under Phòng Kinh tế, with one specialist: records of a sub-unit count with their unit. */
const TEAM = { id: '0a000000-0000-4000-8000-000000000005', parentId: UNITS.economy.id, name: 'Tổ Tổng hợp', abbreviation: 'TH', sortOrder: 5 };
const TONGHOP = { id: '0b000000-0000-4000-8000-000000000009', unitId: TEAM.id, username: 'cv.tonghop', fullName: 'Ngô Thị Mai', position: 'Chuyên viên', role: 'specialist' as const };

const ACTORS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'tp.noichinh', 'cv.noichinh', 'cv.tonghop'] as const;
type Actor = (typeof ACTORS)[number];
const idOf = (u: Actor): string => (u === 'cv.tonghop' ? TONGHOP.id : U[u].id);

const counts = (onTime: number, late: number, overdue: number, notDue: number): Counts => ({
  total: onTime + late + overdue + notDue,
  onTime,
  late,
  overdue,
  notDue,
  onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
});
const only = (c: Counts): Counts => ({ total: c.total, onTime: c.onTime, late: c.late, overdue: c.overdue, notDue: c.notDue, onTimeRate: c.onTimeRate });

describe('the dashboard: the core\'s figures are the server\'s (PostgreSQL)', () => {
  let s: TestServer;
  const c = {} as Record<Actor, PushClient>;
  const tokens = {} as Record<Actor, string>;
  const cores = new Map<Actor, InProcessCore>();
  // 09:00 in Kon Tum on Monday 6 January 2025.
  const clock = new Clock('2025-01-06T02:00:00Z');
  const on = (day: string): void => clock.set(`${day}T02:00:00Z`);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = await startTestServer({ backend: 'postgres', now: clock.now, sessionTtlMs: 365 * DAY });
    await createOrganisation(s.server.db, { agency: FIXTURE_ORG.agency, units: [...FIXTURE_ORG.units, TEAM], users: [...FIXTURE_ORG.users, TONGHOP] }, () => FIXTURE_PASSWORD);
    const signedIn = await Promise.all(ACTORS.map((u) => login(s.url, u)));
    ACTORS.forEach((u, i) => {
      tokens[u] = signedIn[i]!;
      c[u] = new PushClient(s.url, tokens[u]);
    });
    await build();
    for (const u of ['chutich', 'tp.kinhte'] as const) {
      const core = startCore({ now: clock.now });
      cores.set(u, core);
      await signIn(core.rpc, s.url, u);
      const status = await core.rpc.call('sync.now');
      expect(status.lastError, JSON.stringify(status)).toBeNull();
    }
  });
  afterAll(async () => {
    await Promise.all([...cores.values()].map((x) => x.close()));
    await s?.close();
  });

  const person = (u: Actor) => ({ id: randomUUID(), userId: idOf(u) });
  const unit = (unitId: string) => ({ id: randomUUID(), unitId });
  async function task(name: string, by: Actor, main: { id: string; unitId?: string; userId?: string }, deadline: string, over: Record<string, unknown> = {}): Promise<string> {
    const taskId = randomUUID();
    await c[by].apply('tasks.create', { taskId, title: `Việc ${name}`, startDate: clock.iso().slice(0, 10), deadline: { date: deadline }, main, ...over });
    ids[name] = taskId;
    return taskId;
  }
  async function doc(name: string, dueDate: string | null = null): Promise<string> {
    ids[name] = await c.vanthu.register({ issuedDate: '2025-01-03', dueDate, subject: `Về việc ${name}` });
    return ids[name];
  }
  const assignDoc = (name: string, to: { unitId?: string; userId?: string }, deadline: string) =>
    c.chutich.apply('incoming.assign', {
      documentId: ids[name],
      instruction: 'Đề nghị xử lý',
      assignments: [{ id: (ids[`${name}.main`] = randomUUID()), role: 'main', unitId: to.unitId ?? null, userId: to.userId ?? null, deadline }],
    });

  /**
   * Seen on Wednesday 12/03/2025 (deadline → bucket; unit / person the dashboard counts it under):
   *  tasks  T1  chủ tịch → cv.kinhte1           20/01, done 17/01, accepted    on time   KT / cv.kinhte1
   *         T2  chủ tịch → Phòng KT → cv.kinhte2 31/01, done 04/02, awaiting   late      KT / cv.kinhte2
   *         T3  chủ tịch → Phòng NC             14/02, open                    overdue   NC / —
   *         T7  sub-task of T3, tp.noichinh → cv.noichinh 10/02, done 12/02, accepted  late  NC / cv.noichinh
   *         T9  chủ tịch → Lãnh đạo (himself)   28/02, done 27/02, accepted    on time   LĐ / —
   *         T5  tp.kinhte → cv.tonghop          10/03, 30% progress            overdue   TH / cv.tonghop
   *         T6  chủ tịch → Phòng KT → cv.tonghop 28/03, done 11/03, awaiting   on time   KT / cv.tonghop
   *         T8  chủ tịch → tp.noichinh          20/03, returned                not due   NC / tp.noichinh
   *         T11 chủ tịch → cv.kinhte1 07/02, extended to 07/03, done 05/03     on time   KT / cv.kinhte1
   *         T4  chủ tịch → cv.noichinh          15/04, 50% progress            not due   NC / cv.noichinh
   *         T10 chủ tịch → Văn phòng            31/12                          not due   VP / —
   *  documents D1 → Phòng KT → cv.kinhte1       24/01, done 22/01              on time   KT / cv.kinhte1
   *         D2  → cv.noichinh                   05/02, done 10/02              late      NC / cv.noichinh
   *         D7  → Phòng KT                      20/02, open                    overdue   KT / —
   *         D3  due date 05/03, not assigned    open                           overdue   — / —
   *         D6  → cv.tonghop                    14/03, done 12/03              on time   TH / cv.tonghop
   *         D4  → Phòng NC                      10/04, open                    not due   NC / —
   *         D5  no deadline                                                    not counted
   */
  async function build(): Promise<void> {
    on('2025-01-06');
    for (const [name, due] of [['D1', null], ['D2', null], ['D3', '2025-03-05'], ['D4', null], ['D5', null], ['D6', null], ['D7', null]] as const) await doc(name, due);
    await assignDoc('D1', { unitId: UNITS.economy.id }, '2025-01-24');
    await c['tp.kinhte'].apply('incoming.reassign', { documentId: ids.D1, parentAssignmentId: ids['D1.main'], assignments: [{ id: randomUUID(), role: 'main', userId: idOf('cv.kinhte1'), deadline: null }] });
    await assignDoc('D2', { userId: idOf('cv.noichinh') }, '2025-02-05');
    await assignDoc('D4', { unitId: UNITS.internal.id }, '2025-04-10');
    await assignDoc('D6', { userId: TONGHOP.id }, '2025-03-14');
    await assignDoc('D7', { unitId: UNITS.economy.id }, '2025-02-20');

    await task('T1', 'chutich', person('cv.kinhte1'), '2025-01-20');
    const t2Main = unit(UNITS.economy.id);
    await task('T2', 'chutich', t2Main, '2025-01-31');
    await c['tp.kinhte'].apply('tasks.reassign', { taskId: ids.T2, parentAssignmentId: t2Main.id, assignments: [{ id: randomUUID(), role: 'main', userId: idOf('cv.kinhte2') }] });
    await task('T3', 'chutich', unit(UNITS.internal.id), '2025-02-14');
    await task('T4', 'chutich', person('cv.noichinh'), '2025-04-15');
    await task('T5', 'tp.kinhte', person('cv.tonghop'), '2025-03-10');
    const t6Main = unit(UNITS.economy.id);
    await task('T6', 'chutich', t6Main, '2025-03-28', { cooperate: [unit(UNITS.internal.id)] });
    await c['tp.kinhte'].apply('tasks.reassign', { taskId: ids.T6, parentAssignmentId: t6Main.id, assignments: [{ id: randomUUID(), role: 'main', userId: TONGHOP.id }] });
    await task('T7', 'tp.noichinh', person('cv.noichinh'), '2025-02-10', { parentId: ids.T3 });
    await task('T8', 'chutich', person('tp.noichinh'), '2025-03-20');
    await task('T9', 'chutich', unit(UNITS.leadership.id), '2025-02-28');
    await task('T10', 'chutich', unit(UNITS.office.id), '2025-12-31', { info: [person('cv.kinhte2')] });
    await task('T11', 'chutich', person('cv.kinhte1'), '2025-02-07');
    await c['cv.noichinh'].apply('tasks.report', { taskId: ids.T4, reportId: randomUUID(), kind: 'progress', percent: 50 });

    on('2025-01-17');
    await c['cv.kinhte1'].apply('tasks.complete', { taskId: ids.T1, note: 'Đã xong' });
    await c.chutich.apply('tasks.accept', { taskId: ids.T1, quality: 5 });
    on('2025-01-22');
    await c['cv.kinhte1'].apply('incoming.complete', { documentId: ids.D1, note: 'Đã trả lời' });
    on('2025-02-04');
    await c['cv.kinhte2'].apply('tasks.complete', { taskId: ids.T2, note: 'Xong muộn' });
    on('2025-02-05');
    const ext = randomUUID();
    await c['cv.kinhte1'].apply('tasks.requestExtension', { taskId: ids.T11, extensionId: ext, newDeadline: '2025-03-07', reason: 'Chờ số liệu' });
    await c.chutich.apply('tasks.decideExtension', { taskId: ids.T11, extensionId: ext, approve: true });
    on('2025-02-10');
    await c['cv.noichinh'].apply('incoming.complete', { documentId: ids.D2, note: 'Trả lời muộn' });
    on('2025-02-12');
    await c['cv.noichinh'].apply('tasks.complete', { taskId: ids.T7, note: 'Xong' });
    await c['tp.noichinh'].apply('tasks.accept', { taskId: ids.T7, quality: 3 });
    on('2025-02-27');
    await c.chutich.apply('tasks.complete', { taskId: ids.T9, note: 'Đã chủ trì họp' });
    await c.chutich.apply('tasks.accept', { taskId: ids.T9, quality: 5 });
    on('2025-03-03');
    await c['tp.noichinh'].apply('tasks.return', { taskId: ids.T8, reason: 'Không thuộc thẩm quyền' });
    on('2025-03-05');
    await c['cv.kinhte1'].apply('tasks.complete', { taskId: ids.T11, note: 'Xong trong hạn gia hạn' });
    await c['cv.tonghop'].apply('tasks.report', { taskId: ids.T5, reportId: randomUUID(), kind: 'progress', percent: 30 });
    on('2025-03-11');
    await c['cv.tonghop'].apply('tasks.complete', { taskId: ids.T6, note: 'Xong sớm' });
    on('2025-03-12');
    await c['cv.tonghop'].apply('incoming.complete', { documentId: ids.D6, note: 'Đã xử lý' });
  }

  const YEAR = { from: '2025-01-01', to: '2025-12-31' };
  const MARCH = { from: '2025-03-01', to: '2025-03-31' };

  async function both(u: 'chutich' | 'tp.kinhte', params: DashboardParams): Promise<{ server: DashboardResult; core: DashboardResult }> {
    const r = await http(s.url, 'POST', '/dashboard', { token: tokens[u], json: params });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const server = DashboardResult.parse(r.body);
    const core = DashboardResult.parse(await cores.get(u)!.rpc.call('dashboard.get', params));
    return { server, core };
  }

  /** Field by field, so a failure names the field; the lists in the same order too (both sides list alike). */
  function expectSame(label: string, { server, core }: { server: DashboardResult; core: DashboardResult }): void {
    expect(core.today, `${label}: today`).toBe(server.today);
    expect(core.totals, `${label}: totals`).toEqual(server.totals);
    expect(core.byKind, `${label}: byKind`).toEqual(server.byKind);
    expect(core.byUnit, `${label}: byUnit`).toEqual(server.byUnit);
    expect(core.byPerson, `${label}: byPerson`).toEqual(server.byPerson);
    expect(core.trend, `${label}: trend`).toEqual(server.trend);
  }

  /**
   * Each cell's drill-down (the core's) lists as many records as the cell shows, in each bucket:
   * every cell the dashboard screen opens (DashboardPage: a unit row other than the scope's own
   * or the leadership's, which hold only the records given to them directly; a person). And the
   * rows of each table add up to the totals, so the rows that do not open are right as well.
   */
  async function expectDrillMatches(u: 'chutich' | 'tp.kinhte', params: DashboardParams, r: DashboardResult): Promise<void> {
    const roots = new Set<string>([UNITS.leadership.id]);
    const cells: [Partial<DrillParams>, Counts][] = [
      [{}, r.totals],
      ...r.byKind.map((k): [Partial<DrillParams>, Counts] => [{ kinds: [k.kind] }, k]),
      ...r.byUnit.filter((x) => x.unitId !== null && x.unitId !== (params.unitId ?? null) && !roots.has(x.unitId)).map((x): [Partial<DrillParams>, Counts] => [{ unitId: x.unitId }, x]),
      ...r.byPerson.filter((x) => x.userId !== null).map((x): [Partial<DrillParams>, Counts] => [{ userId: x.userId }, x]),
      ...r.trend.map((m): [Partial<DrillParams>, Counts] => [{ month: m.month }, m]),
    ];
    const rpc = cores.get(u)!.rpc;
    for (const [narrow, cell] of cells) {
      const q = { ...params, ...narrow, limit: 500 };
      const all = await rpc.call('dashboard.drill', q);
      expect([all.total, all.items.length], `${u} ${JSON.stringify(q)}`).toEqual([cell.total, cell.total]);
      for (const bucket of DASHBOARD_BUCKETS) {
        const d = await rpc.call('dashboard.drill', { ...q, bucket });
        expect([d.total, d.items.length], `${u} ${JSON.stringify(q)} ${bucket}`).toEqual([cell[bucket], cell[bucket]]);
        expect(d.items.every((i) => i.bucket === bucket)).toBe(true);
      }
    }
    for (const [name, rows] of [['byKind', r.byKind], ['byUnit', r.byUnit], ['byPerson', r.byPerson], ['trend', r.trend]] as const) {
      for (const key of ['total', ...DASHBOARD_BUCKETS] as const) {
        expect((rows as readonly Counts[]).reduce((n, x) => n + x[key], 0), `${u} ${JSON.stringify(params)} ${name} ${key}`).toBe(r.totals[key]);
      }
    }
  }

  it('the agency leader, whole agency, the year: the known figures, on both sides', async () => {
    const r = await both('chutich', YEAR);
    expect(r.server.today).toBe('2025-03-12');
    // Tasks: on time T1 T6 T9 T11, late T2 T7, overdue T3 T5, not due T4 T8 T10. Documents: on time D1 D6, late D2, overdue D3 D7, not due D4.
    expect(r.server.totals).toEqual(counts(6, 3, 4, 4));
    expect(r.server.byKind.map((k) => [k.kind, only(k)])).toEqual([
      ['tasks', counts(4, 2, 2, 3)],
      ['incoming', counts(2, 1, 2, 1)],
    ]);
    expect(r.server.trend.map((m) => [m.month, m.total])).toEqual([
      ['2025-01', 3],
      ['2025-02', 5],
      ['2025-03', 6],
      ['2025-04', 2],
      ['2025-05', 0],
      ['2025-06', 0],
      ['2025-07', 0],
      ['2025-08', 0],
      ['2025-09', 0],
      ['2025-10', 0],
      ['2025-11', 0],
      ['2025-12', 1],
    ]);
    expectSame('chutich, agency, year', r);
    // By unit, the team's records count with Phòng Kinh tế (as the drill-down of that row lists them).
    const unitRow = (id: string | null) => only(r.core.byUnit.find((x) => x.unitId === id)!);
    expect(unitRow(UNITS.economy.id)).toEqual(counts(5, 1, 2, 0));
    expect(unitRow(UNITS.internal.id)).toEqual(counts(0, 2, 1, 3));
    expect(unitRow(UNITS.leadership.id)).toEqual(counts(1, 0, 0, 0));
    expect(unitRow(UNITS.office.id)).toEqual(counts(0, 0, 0, 1));
    expect(unitRow(null)).toEqual(counts(0, 0, 1, 0));
    expect(r.core.byUnit.map((x) => x.unitId)).not.toContain(TEAM.id);
    // By person: one row each, under their own unit, whichever unit's record they hold.
    const personRow = (userId: string) => r.core.byPerson.filter((x) => x.userId === userId).map((x) => [x.unitId, only(x)]);
    expect(personRow(TONGHOP.id)).toEqual([[TEAM.id, counts(2, 0, 1, 0)]]);
    expect(personRow(idOf('cv.kinhte1'))).toEqual([[UNITS.economy.id, counts(3, 0, 0, 0)]]);
    expect(personRow(idOf('cv.noichinh'))).toEqual([[UNITS.internal.id, counts(0, 2, 0, 1)]]);
    await expectDrillMatches('chutich', YEAR, r.core);
  });

  it('the agency leader: a unit (its team included), a month, and one kind', async () => {
    for (const [label, params] of [
      ['economy, year', { ...YEAR, unitId: UNITS.economy.id }],
      ['internal, year', { ...YEAR, unitId: UNITS.internal.id }],
      ['team, year', { ...YEAR, unitId: TEAM.id }],
      ['agency, March', MARCH],
      ['economy, March', { ...MARCH, unitId: UNITS.economy.id }],
      ['agency, year, tasks', { ...YEAR, kinds: ['tasks'] }],
      ['agency, March, documents', { ...MARCH, kinds: ['incoming'] }],
    ] as [string, DashboardParams][]) {
      const r = await both('chutich', params);
      expectSame(`chutich, ${label}`, r);
      await expectDrillMatches('chutich', params, r.core);
    }
    const economy = await both('chutich', { ...YEAR, unitId: UNITS.economy.id });
    expect(economy.server.totals).toEqual(counts(5, 1, 2, 0));
    expect(economy.server.byUnit.map((x) => [x.unitId, only(x)])).toEqual([
      [UNITS.economy.id, counts(4, 1, 1, 0)],
      [TEAM.id, counts(1, 0, 1, 0)],
    ]);
    expect((await both('chutich', MARCH)).server.totals).toEqual(counts(3, 0, 2, 1));
  });

  it('the unit leader counts only what they see: their unit\'s records and what they gave', async () => {
    for (const [label, params] of [
      ['agency, year', YEAR],
      ['economy, year', { ...YEAR, unitId: UNITS.economy.id }],
      ['agency, March', MARCH],
      ['economy, January', { from: '2025-01-01', to: '2025-01-31', unitId: UNITS.economy.id }],
    ] as [string, DashboardParams][]) {
      const r = await both('tp.kinhte', params);
      expectSame(`tp.kinhte, ${label}`, r);
      await expectDrillMatches('tp.kinhte', params, r.core);
    }
    // T2 (late), T5 (overdue, which he gave), T6 (on time), D1 (on time), D7 (overdue); not T1 or T11, given to cv.kinhte1 personally.
    const year = await both('tp.kinhte', YEAR);
    expect(year.server.totals).toEqual(counts(2, 1, 2, 0));
  });
});
