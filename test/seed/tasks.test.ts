/**
 * The demo agency's tasks (src/server/seed/content/tasks.ts): states the shared rules made,
 * over the documents' two years, telling a believable story on the dashboard — and loaded
 * by seedDemo into a real server (PostgreSQL) with the rows the dashboard counts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { bucketOf } from '../../src/shared/dashboard/buckets.js';
import { isAgencyLeader, leadsUnit, type OrgView } from '../../src/shared/domain/org.js';
import { isWorkingDay } from '../../src/shared/domain/workingDays.js';
import { Task } from '../../src/shared/tasks/model.js';
import { allowedTaskActions, isTaskDueSoon, isTaskOverdue, mainAssignment, myHandlerRole, taskDeadlineFacts } from '../../src/shared/tasks/rights.js';
import { vnToday } from '../../src/shared/text/vietnamese.js';
import { openPostgres } from '../../src/server/db/database.js';
import { openServerContext } from '../../src/server/server.js';
import { demoIncomingDocuments } from '../../src/server/seed/content/documents.js';
import { DEMO_USERS, demoOrganisation } from '../../src/server/seed/content/organisation.js';
import { demoTasks, taskSourceOf, type DemoTasksOptions } from '../../src/server/seed/content/tasks.js';
import { demoTaskCount, seedDemo } from '../../src/server/seed/seedDemo.js';
import { testDatabasePrefix } from '../helpers/paths.js';

const org = demoOrganisation();
const endDate = new Date('2026-03-16T10:00:00+07:00');
const today = vnToday(endDate);
const DAY = 86_400_000;
const orgView: OrgView = {
  units: org.units.map((u) => ({ ...u, agencyId: org.agency.id })),
  users: org.users.map((u) => ({ ...u, agencyId: org.agency.id, active: true })),
};
const docs = [...demoIncomingDocuments(org, { count: 1600, endDate, years: 2 })];
const options: DemoTasksOptions = { count: demoTaskCount(1600), endDate, years: 2, documents: docs.map(taskSourceOf).filter((d) => d !== null) };
const tasks = demoTasks(org, orgView, options);
const top = tasks.filter((t) => t.parentId === null);
const byId = new Map(tasks.map((t) => [t.id, t]));
const unitAbbr = new Map(org.units.map((u) => [u.id, u.abbreviation]));
const user = (username: string) => orgView.users.find((u) => u.username === username)!;
const bucket = (t: Task) => bucketOf(taskDeadlineFacts(t, orgView), today);
const rate = (list: readonly Task[]): number => {
  const b = list.map(bucket);
  const on = b.filter((x) => x === 'onTime').length;
  return on / (on + b.filter((x) => x === 'late').length);
};

/** Every text a person wrote or the rules summarised on a task. */
function textsOf(t: Task): string[] {
  return [
    t.title,
    t.description,
    ...t.assignments.map((a) => a.note),
    ...t.reports.map((r) => r.note),
    ...t.extensions.flatMap((e) => [e.reason, e.decisionNote]),
    ...(t.result ? [t.result.note] : []),
    ...(t.evaluation ? [t.evaluation.comment] : []),
    ...t.chases.map((c) => c.message),
    ...t.history.map((h) => h.summary),
  ];
}

describe('demo tasks', () => {
  it('gives the requested number of top-level tasks, each followed by its sub-tasks, with unique ids', () => {
    expect(top).toHaveLength(options.count);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    const seen = new Set<string>();
    for (const t of tasks) {
      if (t.parentId !== null) expect(seen.has(t.parentId), 'parent before sub-task').toBe(true);
      seen.add(t.id);
    }
  });

  it('passes the shared Task schema unchanged (what the server’s bulk insert checks)', () => {
    for (const t of tasks) {
      const parsed = Task.safeParse(t);
      expect(parsed.success, `${t.id}: ${JSON.stringify(parsed.error?.issues.slice(0, 2))}`).toBe(true);
      expect(parsed.data).toEqual(t);
    }
  });

  it('is deterministic', () => {
    expect(demoTasks(demoOrganisation(), orgView, options)).toEqual(tasks);
  });

  it('is what the rules make: one version per step, in order, in working hours, never after now', () => {
    for (const t of tasks) {
      // createTask writes version 1; every later mutation adds one version and one history entry (an
      // update that both moves the deadline and gives the task to another unit, two) at its own moment.
      expect(t.version).toBe(new Set(t.history.map((h) => h.at)).size);
      expect(t.history[0]!.action).toBe('created');
      for (let i = 1; i < t.history.length; i++) expect(Date.parse(t.history[i]!.at)).toBeGreaterThanOrEqual(Date.parse(t.history[i - 1]!.at));
      for (const h of t.history) {
        expect(Date.parse(h.at)).toBeLessThanOrEqual(endDate.getTime());
        expect(isWorkingDay(vnToday(new Date(h.at))), h.at).toBe(true);
        const vn = new Date(Date.parse(h.at) + 7 * 3_600_000);
        const minute = vn.getUTCHours() * 60 + vn.getUTCMinutes();
        expect(minute >= 7 * 60 + 30 && minute < 17 * 60 + 30, `${h.action} at ${h.at}`).toBe(true);
      }
      expect(t.updatedAt).toBe(t.history[t.history.length - 1]!.at);
      const creator = orgView.users.find((u) => u.id === t.assignedBy)!;
      if (t.parentId === null) {
        expect(isAgencyLeader(creator, orgView.units)).toBe(true);
      } else {
        // A sub-task: given by a leader of the parent's main unit, due within the parent's deadline.
        const parent = byId.get(t.parentId)!;
        expect(leadsUnit(creator, mainAssignment(parent)!.unitId)).toBe(true);
        expect(t.deadline <= parent.deadline).toBe(true);
      }
    }
  });

  it('spreads over the two years before now', () => {
    const created = tasks.map((t) => Date.parse(t.createdAt));
    const start = endDate.getTime() - 2 * 365.25 * DAY;
    expect(Math.min(...created)).toBeGreaterThanOrEqual(start);
    expect(Math.min(...created) - start).toBeLessThan(20 * DAY);
    expect(endDate.getTime() - Math.max(...created)).toBeLessThan(3 * DAY);
    // Every quarter of the two years has its share of the work.
    const quarters = new Array<number>(8).fill(0);
    for (const c of created) quarters[Math.min(7, Math.floor((c - start) / ((2 * 365.25 * DAY) / 8)))]! += 1;
    for (const q of quarters) expect(q).toBeGreaterThan(tasks.length / 8 / 2);
  });

  it('delivers most work on time: believable overall, per unit, and better in the second year', () => {
    const overall = rate(tasks);
    expect(overall).toBeGreaterThanOrEqual(0.9);
    expect(overall).toBeLessThanOrEqual(0.97);
    const perUnit = new Map<string, Task[]>();
    for (const t of tasks) {
      const k = unitAbbr.get(taskDeadlineFacts(t, orgView).unitId!)!;
      perUnit.set(k, [...(perUnit.get(k) ?? []), t]);
    }
    expect(perUnit.size).toBeGreaterThanOrEqual(8);
    const rates = [...perUnit.values()].filter((l) => l.length >= 60).map(rate);
    for (const r of rates) expect(r).toBeGreaterThan(0.85);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.03);
    // The agency's Public Administration Service Centre is the most punctual, the Economic Division the least.
    expect(rate(perUnit.get('TTPVHCC')!)).toBeGreaterThan(rate(perUnit.get('KT')!));
    const oneYearAgo = vnToday(new Date(endDate.getTime() - 365 * DAY));
    expect(rate(tasks.filter((t) => t.deadline >= oneYearAgo))).toBeGreaterThan(rate(tasks.filter((t) => t.deadline < oneYearAgo)));
    // The evaluation agrees with the dashboard's bucket.
    for (const t of tasks) if (t.evaluation) expect(t.evaluation.onTime).toBe(bucket(t) === 'onTime');
  });

  it('has every part of the story: late, extended, refused, returned, reworked, chased, overdue now, due soon, awaiting acceptance, sub-tasks', () => {
    const n = tasks.length;
    const count = (f: (t: Task) => boolean): number => tasks.filter(f).length;
    expect(count((t) => bucket(t) === 'late')).toBeGreaterThan(n * 0.02);
    expect(count((t) => t.extensions.some((e) => e.status === 'approved'))).toBeGreaterThan(n * 0.03);
    expect(count((t) => t.extensions.some((e) => e.status === 'refused'))).toBeGreaterThan(n * 0.005);
    expect(count((t) => t.extensions.some((e) => e.status === 'pending'))).toBeGreaterThanOrEqual(1);
    expect(count((t) => t.history.some((h) => h.action === 'returned'))).toBeGreaterThan(n * 0.01);
    // A returned task given to another unit: the old main assignment revoked, a new one made.
    expect(count((t) => t.history.some((h) => h.action === 'assigned' && (h.details.revokedIds as unknown[]).length > 0))).toBeGreaterThan(5);
    expect(count((t) => t.history.filter((h) => h.action === 'completed').length > 1)).toBeGreaterThan(5);
    expect(count((t) => t.chases.length > 0)).toBeGreaterThan(n * 0.03);
    expect(count((t) => t.history.some((h) => h.action === 'reassigned'))).toBeGreaterThan(n * 0.4);
    expect(count((t) => t.reports.some((r) => r.kind === 'contribution'))).toBeGreaterThan(n * 0.05);
    expect(count((t) => isTaskOverdue(t, endDate))).toBeGreaterThanOrEqual(5);
    expect(count((t) => isTaskDueSoon(t, endDate))).toBeGreaterThanOrEqual(5);
    expect(count((t) => t.status === 'pending_acceptance')).toBeGreaterThanOrEqual(3);
    expect(count((t) => t.status === 'open')).toBeGreaterThanOrEqual(5);
    expect(count((t) => t.parentId !== null)).toBeGreaterThan(n * 0.05);
    expect(new Set(tasks.flatMap((t) => (t.evaluation ? [t.evaluation.quality] : [])))).toEqual(new Set([2, 3, 4, 5]));
    expect(count((t) => t.deadlineRule !== null)).toBeGreaterThan(n * 0.3);
  });

  it('gives about a fifth of the work from documents ("Giao việc"), to the unit the document went to, by a leader who sees it', () => {
    const fromDocs = top.filter((t) => t.source !== null);
    expect(fromDocs.length).toBeGreaterThan(top.length * 0.15);
    expect(fromDocs.length).toBeLessThan(top.length * 0.25);
    const docById = new Map(docs.map((d) => [d.id, d]));
    for (const t of fromDocs) {
      const d = docById.get(t.source!.id)!;
      expect(d.metadata.confidentiality).toBe('normal');
      expect(Date.parse(t.createdAt)).toBeGreaterThan(Date.parse(d.plan.assignedAt!));
      // Every agency leader sees every document; the creator is one.
      expect(isAgencyLeader(orgView.users.find((u) => u.id === t.assignedBy)!, orgView.units)).toBe(true);
      const firstMain = t.assignments.find((a) => a.role === 'main' && a.parentId === null)!;
      expect(firstMain.unitId ?? orgView.users.find((u) => u.id === firstMain.userId)?.unitId).toBe(d.plan.assignments!.find((a) => a.role === 'main')!.unitId);
      expect(t.title).toContain(`số ${d.metadata.codeNumber}/${d.metadata.codeNotation}`);
    }
  });

  it('is written in Vietnamese (NFC, trimmed)', () => {
    const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;
    for (const t of tasks) {
      for (const s of textsOf(t)) {
        expect(s).toBe(s.normalize('NFC'));
        expect(s).toBe(s.trim());
      }
      expect(t.title).toMatch(vietnamese);
      expect(t.description).toMatch(vietnamese);
    }
    expect(new Set(top.map((t) => t.title)).size).toBeGreaterThan(top.length * 0.4);
  });

  it('gives each demo account work to find on the first sign-in', () => {
    const open = (t: Task): boolean => t.status !== 'done';
    const leader = user(DEMO_USERS.leader);
    const mine = tasks.filter((t) => t.assignedBy === leader.id);
    expect(mine.filter((t) => t.status === 'pending_acceptance').length).toBeGreaterThanOrEqual(1);
    expect(mine.filter((t) => isTaskOverdue(t, endDate)).length).toBeGreaterThanOrEqual(1);
    expect(mine.filter((t) => allowedTaskActions(t, leader, orgView).has('tasks.decideExtension')).length).toBeGreaterThanOrEqual(1);

    const unitLeader = user(DEMO_USERS.unitLeader);
    const led = tasks.filter((t) => open(t) && myHandlerRole(t, unitLeader) === 'main');
    expect(led.length).toBeGreaterThanOrEqual(3);
    expect(led.filter((t) => isTaskDueSoon(t, endDate)).length).toBeGreaterThanOrEqual(1);
    expect(led.filter((t) => allowedTaskActions(t, unitLeader, orgView).has('tasks.reassign')).length).toBeGreaterThanOrEqual(1);
    expect(tasks.filter((t) => t.assignedBy === unitLeader.id && t.parentId !== null && open(t)).length).toBeGreaterThanOrEqual(1);

    const specialist = user(DEMO_USERS.specialist);
    const handled = tasks.filter((t) => open(t) && myHandlerRole(t, specialist) === 'main');
    expect(handled.filter((t) => isTaskOverdue(t, endDate)).length).toBeGreaterThanOrEqual(1);
    expect(handled.filter((t) => isTaskDueSoon(t, endDate)).length).toBeGreaterThanOrEqual(1);
    expect(handled.filter((t) => allowedTaskActions(t, specialist, orgView).has('tasks.complete')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('seedDemo with tasks (PostgreSQL)', () => {
  it('loads the tasks after the documents, with the dashboard’s rows, each source one its assigner may see', async () => {
    const adminUrl = inject('databaseUrl');
    const name = `${testDatabasePrefix(inject('templateDb'))}seedtasks_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(adminUrl, 1);
    await admin.query(`CREATE DATABASE ${name}`);
    const context = await openServerContext({ dataDir: mkdtempSync(join(tmpdir(), 'ioffice-seed-tasks-')), databaseUrl: adminUrl.replace(/\/[^/]*$/u, `/${name}`) });
    try {
      const stats = await seedDemo(context, { documents: 200, withPdfs: false, endDate });
      const sources = [...demoIncomingDocuments(org, { count: 200, endDate, years: 2 })].map(taskSourceOf).filter((d) => d !== null);
      const expected = demoTasks(org, orgView, { count: demoTaskCount(200), endDate, years: 2, documents: sources });
      expect(stats.tasks).toBe(expected.length);
      const q = async (sql: string): Promise<number> => Number((await context.db.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await q('SELECT count(*) AS n FROM tasks')).toBe(expected.length);
      expect(await q(`SELECT count(*) AS n FROM record_deadlines WHERE kind = 'tasks'`)).toBe(expected.length);
      expect(await q('SELECT count(*) AS n FROM tasks WHERE parent_id IS NOT NULL')).toBe(expected.filter((t) => t.parentId !== null).length);
      // "Giao việc" only from a document the assigner may see (what the server checks for tasks.create).
      expect(await q('SELECT count(*) AS n FROM tasks WHERE source_id IS NOT NULL')).toBeGreaterThan(0);
      expect(
        await q(`SELECT count(*) AS n FROM tasks t WHERE t.source_id IS NOT NULL AND NOT EXISTS (
                   SELECT 1 FROM record_access a WHERE a.kind = 'incoming' AND a.record_id = t.source_id AND a.user_id = (t.state::json->>'assignedBy')::uuid)`),
      ).toBe(0);
      // The dashboard's figure from the server's rows is the story's.
      const onTime = await q(`SELECT count(*) AS n FROM record_deadlines WHERE kind = 'tasks' AND done_on IS NOT NULL AND done_on <= deadline`);
      const late = await q(`SELECT count(*) AS n FROM record_deadlines WHERE kind = 'tasks' AND done_on > deadline`);
      expect(onTime / (onTime + late)).toBeCloseTo(rate(expected), 10);
    } finally {
      await context.pokes.stop();
      await context.db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.close();
    }
  }, 120_000);
});
