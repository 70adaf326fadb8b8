/**
 * The leaders' dashboard as the server computes it (src/server/dashboard), below HTTP:
 * over record_deadlines, only what the user sees, for a period, a unit and its sub-units,
 * and the kinds asked; each record in the bucket shared/dashboard/buckets.ts gives it;
 * folded by kind, unit, person and every month. And the rows incoming documents give it
 * (incomingDeadlineRow), filled for older documents by the backfill.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, DASHBOARD_BUCKETS, type DashboardKindName } from '../../src/shared/dashboard/buckets.js';
import { DashboardResult } from '../../src/shared/dashboard/rpc.js';
import type { Assignment } from '../../src/shared/incoming/model.js';
import type { Organisation } from '../../src/shared/model/organisation.js';
import { backfillIncomingDeadlines, incomingDeadlineRow } from '../../src/server/incoming/deadlineRow.js';
import { monthsOf } from '../../src/server/dashboard/fold.js';
import { serverDashboard } from '../../src/server/dashboard/query.js';
import { loadOrganisation } from '../../src/server/org/organisation.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { insertDocument } from './taskSupport.js';

const AGENCY = FIXTURE_ORG.agency.id;
/** Tuesday 01/12/2026, 09:00 in Vietnam: "today" is 2026-12-01. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const PERIOD = { from: '2026-10-01', to: '2026-12-31' };

interface Row {
  kind: DashboardKindName;
  unit: string | null;
  user: string | null;
  deadline: string;
  doneOn: string | null;
  agency?: string;
}

describe.each(BACKENDS)('dashboard query (%s)', (backend) => {
  let s: TestServer;
  let org: Organisation;
  const db = (): TestServer['server']['db'] => s.server.db;
  const me = (name: keyof typeof U) => ({ id: U[name].id, agencyId: AGENCY });

  beforeAll(async () => {
    s = await startTestServer({ backend });
    org = await loadOrganisation(db(), AGENCY);
  });
  afterAll(async () => s?.close());

  /** A record's dashboard row, seen by `seers` (record_access with the row's kind unless told otherwise). */
  async function put(r: Row, seers: readonly (keyof typeof U)[], accessKind: string = r.kind): Promise<string> {
    const id = randomUUID();
    await db().query('INSERT INTO record_deadlines (kind, record_id, agency_id, unit_id, user_id, deadline, done_on, title) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      r.kind,
      id,
      r.agency ?? AGENCY,
      r.unit,
      r.user,
      r.deadline,
      r.doneOn,
      `Hồ sơ ${r.deadline}`,
    ]);
    for (const u of seers) await db().query('INSERT INTO record_access (user_id, record_id, kind) VALUES ($1, $2, $3)', [U[u].id, id, accessKind]);
    return id;
  }
  const c = (onTime: number, late: number, overdue: number, notDue: number) => ({
    total: onTime + late + overdue + notDue,
    onTime,
    late,
    overdue,
    notDue,
    onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
  });

  it('counts a small known set: buckets, kinds, units, people, months; only what the user sees, of the period and the agency', async () => {
    const E = UNITS.economy.id;
    const I = UNITS.internal.id;
    const cv1 = U['cv.kinhte1'].id;
    const cv2 = U['cv.kinhte2'].id;
    const cvN = U['cv.noichinh'].id;
    const both = ['chutich', 'tp.kinhte'] as const;
    await put({ kind: 'tasks', unit: E, user: cv1, deadline: '2026-10-10', doneOn: '2026-10-09' }, both); // on time
    await put({ kind: 'tasks', unit: E, user: cv1, deadline: '2026-10-20', doneOn: '2026-10-25' }, both); // late
    await put({ kind: 'tasks', unit: E, user: cv2, deadline: '2026-11-15', doneOn: null }, both); // overdue
    await put({ kind: 'incoming', unit: I, user: cvN, deadline: '2026-11-30', doneOn: '2026-11-30' }, ['chutich']); // on time, on the day
    await put({ kind: 'incoming', unit: I, user: null, deadline: '2026-12-01', doneOn: null }, ['chutich']); // due today: not yet overdue
    await put({ kind: 'tasks', unit: E, user: cv1, deadline: '2026-12-31', doneOn: null }, both); // not due
    // Not counted for chutich: outside the period, not seen, seen under another kind, another agency.
    await put({ kind: 'tasks', unit: E, user: cv1, deadline: '2027-01-01', doneOn: null }, both);
    await put({ kind: 'tasks', unit: E, user: cv1, deadline: '2026-09-30', doneOn: '2026-09-01' }, both);
    await put({ kind: 'tasks', unit: E, user: cv2, deadline: '2026-11-10', doneOn: null }, ['tp.kinhte']);
    await put({ kind: 'tasks', unit: E, user: cv2, deadline: '2026-11-10', doneOn: null }, ['chutich'], 'incoming');
    await put({ kind: 'tasks', unit: E, user: cv2, deadline: '2026-11-10', doneOn: null, agency: randomUUID() }, ['chutich']);

    const all = await serverDashboard(db(), me('chutich'), PERIOD, NOW);
    expect(DashboardResult.parse(all)).toEqual(all);
    expect(all.today).toBe('2026-12-01');
    expect(all.totals).toEqual(c(2, 1, 1, 2));
    expect(all.totals.onTimeRate).toBeCloseTo(2 / 3);
    expect(all.byKind).toEqual([
      { kind: 'tasks', ...c(1, 1, 1, 1) },
      { kind: 'incoming', ...c(1, 0, 0, 1) },
    ]);
    expect(all.byUnit).toEqual(
      [
        { unitId: E, ...c(1, 1, 1, 1) },
        { unitId: I, ...c(1, 0, 0, 1) },
      ].sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
    );
    const people: { userId: string | null; unitId: string }[] = [
      { userId: cv1, unitId: E },
      { userId: cv2, unitId: E },
      { userId: cvN, unitId: I },
    ].sort((a, b) => (a.userId < b.userId ? -1 : 1));
    const personCounts = new Map<string | null, ReturnType<typeof c>>([
      [cv1, c(1, 1, 0, 1)],
      [cv2, c(0, 0, 1, 0)],
      [cvN, c(1, 0, 0, 0)],
    ]);
    // People by id, and the records of a unit nobody was handed last.
    expect(all.byPerson).toEqual([...people.map((p) => ({ ...p, ...personCounts.get(p.userId)! })), { userId: null, unitId: I, ...c(0, 0, 0, 1) }]);
    expect(all.trend).toEqual([
      { month: '2026-10', ...c(1, 1, 0, 0) },
      { month: '2026-11', ...c(1, 0, 1, 0) },
      { month: '2026-12', ...c(0, 0, 0, 2) },
    ]);

    // A unit and its sub-units: the leadership's tree is every unit; Phòng Kinh tế only its own.
    expect((await serverDashboard(db(), me('chutich'), { ...PERIOD, unitId: UNITS.leadership.id }, NOW)).totals).toEqual(all.totals);
    const economy = await serverDashboard(db(), me('chutich'), { ...PERIOD, unitId: E }, NOW);
    expect(economy.totals).toEqual(c(1, 1, 1, 1));
    expect(economy.byUnit.map((u) => u.unitId)).toEqual([E]);
    // One kind; a period of one month, whose trend is that month alone.
    expect((await serverDashboard(db(), me('chutich'), { ...PERIOD, kinds: ['incoming'] }, NOW)).byKind).toEqual([{ kind: 'incoming', ...c(1, 0, 0, 1) }]);
    const november = await serverDashboard(db(), me('chutich'), { from: '2026-11-01', to: '2026-11-30' }, NOW);
    expect(november.trend).toEqual([{ month: '2026-11', ...c(1, 0, 1, 0) }]);
    // Another user sees other records: tp.kinhte, one more overdue task, no documents.
    expect((await serverDashboard(db(), me('tp.kinhte'), PERIOD, NOW)).totals).toEqual(c(1, 1, 2, 1));
    // "Overdue" is relative to today: a week later, the document due on 01/12 is.
    expect((await serverDashboard(db(), me('chutich'), PERIOD, new Date('2026-12-08T02:00:00.000Z'))).totals).toEqual(c(2, 1, 2, 1));
    // Nothing seen: zeros, every month still listed.
    const none = await serverDashboard(db(), me('vanthu'), PERIOD, NOW);
    expect(none.totals).toEqual(c(0, 0, 0, 0));
    expect(none.trend.map((t) => t.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(none.byUnit).toEqual([]);
  });

  it('agrees with bucketOf over random records (the SQL filters are the shared rule)', async () => {
    const viewer = 'cv.noichinh' as const;
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const day = (base: string, plus: number): string => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
    const made: Row[] = [];
    for (let i = 0; i < 120; i++) {
      const deadline = day('2025-12-20', rnd(420));
      const r: Row = {
        kind: rnd(2) === 0 ? 'tasks' : 'incoming',
        unit: [UNITS.economy.id, UNITS.internal.id, null][rnd(3)] ?? null,
        user: [U['cv.kinhte1'].id, U['cv.noichinh'].id, null][rnd(3)] ?? null,
        deadline,
        doneOn: rnd(3) === 0 ? null : day(deadline, rnd(11) - 5),
      };
      made.push(r);
      await put(r, [viewer]);
    }
    const p = { from: '2026-01-01', to: '2026-12-31' };
    const got = await serverDashboard(db(), me(viewer), p, NOW);
    const counted = made.filter((r) => r.deadline >= p.from && r.deadline <= p.to);
    const expected = Object.fromEntries(DASHBOARD_BUCKETS.map((b) => [b, counted.filter((r) => bucketOf(r, '2026-12-01') === b).length]));
    expect(got.totals).toMatchObject({ ...expected, total: counted.length });
    expect(got.trend.map((t) => t.month)).toEqual(monthsOf(p.from, p.to));
    for (const t of got.trend) expect(t.total, t.month).toBe(counted.filter((r) => r.deadline.startsWith(t.month)).length);
    for (const u of got.byUnit) expect(u.total).toBe(counted.filter((r) => r.unit === u.unitId).length);
    expect(got.byPerson.reduce((n, x) => n + x.total, 0)).toBe(counted.length);
  });

  it('an incoming document counts from its main assignment\'s deadline, else its due date; done on the day it was completed', () => {
    const a = (over: Partial<Assignment>): Assignment => ({
      id: randomUUID(),
      role: 'main',
      unitId: null,
      userId: null,
      deadline: null,
      parentId: null,
      note: '',
      assignedBy: U.chutich.id,
      assignedAt: NOW.toISOString(),
      status: 'active',
      completedAt: null,
      ...over,
    });
    const doc = { agencyId: AGENCY, subject: 'Về việc quyết toán', dueDate: '2026-12-20', status: 'registered' as const, completedAt: null, assignments: [] as Assignment[] };
    expect(incomingDeadlineRow({ ...doc, dueDate: null }, org)).toBeNull();
    expect(incomingDeadlineRow(doc, org)).toEqual({ agencyId: AGENCY, unitId: null, userId: null, deadline: '2026-12-20', doneOn: null, title: 'Về việc quyết toán' });
    const unit = a({ unitId: UNITS.economy.id, deadline: '2026-12-10' });
    const handed = a({ userId: U['cv.kinhte2'].id, parentId: unit.id, deadline: '2026-12-05' });
    const revoked = a({ userId: U['cv.noichinh'].id, deadline: '2026-12-01', status: 'revoked' });
    expect(incomingDeadlineRow({ ...doc, status: 'in_progress', assignments: [revoked, unit, handed, a({ role: 'cooperate', unitId: UNITS.internal.id })] }, org)).toMatchObject({
      unitId: UNITS.economy.id,
      userId: U['cv.kinhte2'].id,
      deadline: '2026-12-10',
    });
    // A person: their unit. No deadline on the assignment: the document's due date.
    expect(incomingDeadlineRow({ ...doc, assignments: [a({ userId: U['cv.noichinh'].id })] }, org)).toMatchObject({ unitId: UNITS.internal.id, userId: U['cv.noichinh'].id, deadline: '2026-12-20' });
    // Completed at 23:30 on 20/12 in Vietnam (16:30 UTC): done that Vietnamese day.
    expect(incomingDeadlineRow({ ...doc, status: 'done', completedAt: '2026-12-20T16:30:00.000Z' }, org)).toMatchObject({ doneOn: '2026-12-20' });
    expect(incomingDeadlineRow({ ...doc, status: 'done', completedAt: '2026-12-20T17:30:00.000Z' }, org)).toMatchObject({ doneOn: '2026-12-21' });
  });

  it('the backfill gives every older document with a deadline its row, keeps rows written meanwhile, and runs again harmlessly', async () => {
    const withDue: string[] = [];
    for (let i = 0; i < 1203; i++) {
      const id = randomUUID();
      const due = i % 3 === 0 ? null : '2026-12-20';
      await insertDocument(db(), id, { dueDate: due, state: i % 5 === 0 ? { status: 'done', completedAt: '2026-12-19T01:00:00.000Z' } : {} });
      if (due) withDue.push(id);
    }
    // One written by a save in the meantime (another title): kept as it is.
    await db().query("INSERT INTO record_deadlines (kind, record_id, agency_id, unit_id, user_id, deadline, done_on, title) VALUES ('incoming', $1, $2, NULL, NULL, '2026-12-20', NULL, 'mới hơn')", [withDue[0], AGENCY]);
    const written = await backfillIncomingDeadlines(db());
    expect(written).toBe(withDue.length - 1);
    const rows = (await db().query<{ record_id: string; done_on: string | null; title: string }>("SELECT record_id, done_on, title FROM record_deadlines WHERE kind = 'incoming'")).rows;
    const byId = new Map(rows.map((r) => [r.record_id, r]));
    for (const id of withDue) expect(byId.has(id)).toBe(true);
    expect(byId.get(withDue[0]!)!.title).toBe('mới hơn');
    expect(rows.filter((r) => r.done_on === '2026-12-19').length).toBeGreaterThan(100);
    expect(await backfillIncomingDeadlines(db())).toBe(0);
  });
});
