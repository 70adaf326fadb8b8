/**
 * Tasks benchmarks (issue #8), with the real core in its own process against the
 * reference server on real PostgreSQL, as bench/sync.ts:
 *  - `sync-tasks`: the first sync of tasks and documents together into an empty
 *    cache — records/s overall and the time per record of each kind, with the
 *    core's peak memory;
 *  - `dashboard`: the leaders' dashboard (`dashboard.get`, over RPC as the screen
 *    asks it) for a year, whole agency and one unit, and the drill-down's first page,
 *    on a cache of tasks and documents the core has just synced.
 *
 * Both seed the demo agency (documents replayed through the incoming rules, tasks
 * through the tasks rules: src/server/seed/content/tasks.ts) with the server's bulk
 * inserts. The seed takes a number of top-level tasks and adds sub-tasks to some of
 * them; seedWithTasks asks for enough top-level tasks that the total comes near the
 * wanted number, and the tables give the exact count.
 */
import { loadOrganisation } from '../src/server/org/organisation.js';
import { demoIncomingDocuments } from '../src/server/seed/content/documents.js';
import { DEMO_PASSWORD, DEMO_USERS, demoOrganisation } from '../src/server/seed/content/organisation.js';
import { demoTasks, taskSourceOf } from '../src/server/seed/content/tasks.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import { bulkInsertTasks } from '../src/server/tasks/index.js';
import type { RunningServer } from '../src/server/server.js';
import { vnToday } from '../src/shared/text/vietnamese.js';
import { eventually, forkCore, type ForkedCore } from '../test/helpers/core.js';
import { benchDatabaseUrl, benchServer, buildMain, dropDatabase, ms, percentile, record, sampleRss } from './lib.js';

/** Sub-tasks per top-level task in the demo seed (≈ 0.13: 5,000 top-level tasks come with 661 sub-tasks). */
const SUBTASKS_PER_TASK = 0.13;
const DASHBOARD_ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 30);

const n = (v: number): string => v.toLocaleString('en');
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

export interface Seeded {
  documents: number;
  tasks: number;
  seedMs: number;
}

/** The demo agency with `documents` documents and about `tasks` tasks (sub-tasks included). */
export async function seedWithTasks(server: RunningServer, documents: number, tasks: number): Promise<Seeded> {
  const t = performance.now();
  const r = await seedDemo(server.context, { documents, tasks: Math.round(tasks / (1 + SUBTASKS_PER_TASK)), withPdfs: false });
  return { documents: r.documents, tasks: r.tasks, seedMs: performance.now() - t };
}

function coreForBench(): ForkedCore {
  buildMain();
  return forkCore({ args: ['--poll-ms', '600000', ...(process.env.BENCH_PULL_LIMIT ? ['--pull-limit', process.env.BENCH_PULL_LIMIT] : [])], built: true });
}

/** Every task in the cache: they all have a deadline, so the dashboard over a wide period counts them all. */
async function tasksInCache(core: ForkedCore): Promise<number> {
  const y = Number(vnToday().slice(0, 4));
  const r = await core.rpc.call('dashboard.get', { from: `${y - 4}-01-01`, to: `${y + 2}-12-31`, unitId: null, kinds: ['tasks'] });
  return r.totals.total;
}

/** Wait until the first sync is over and every seeded record is in the cache (sync.status polled; the counts only once it rests). */
async function untilSynced(core: ForkedCore, seeded: { documents: number; tasks: number }): Promise<void> {
  await eventually(
    async () => {
      const s = await core.rpc.call('sync.status', {});
      if (s.state === 'syncing' || s.lastSyncAt === null) return false;
      const docs = (await core.rpc.call('incoming.list', { limit: 1 })).total;
      return docs >= seeded.documents && (await tasksInCache(core)) >= seeded.tasks;
    },
    1_800_000,
    50,
  );
}

interface SyncRun {
  ms: number;
  peakMb: number;
}

/** A fresh core's first sync, as the chairman: sign-in → every seeded record in the cache, with the core's peak memory. */
async function firstSync(server: RunningServer, want: { documents: number; tasks: number }): Promise<SyncRun> {
  const core = coreForBench();
  try {
    await core.rpc.call('sync.status', {}); // the process is up: its start is not part of the sync
    const rss = sampleRss(core.child.pid!);
    const t = performance.now();
    await core.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.leader, password: DEMO_PASSWORD });
    await untilSynced(core, want);
    const elapsed = performance.now() - t;
    return { ms: elapsed, peakMb: rss.stop() };
  } finally {
    await core.kill('SIGTERM');
  }
}

/**
 * The demo's tasks for a server already seeded with `documents` documents of `endDate`
 * (the same generator calls as seedDemo, so "Giao việc" finds the same documents), about
 * `tasks` of them with their sub-tasks, loaded by the server's bulk insert.
 */
async function addTasks(server: RunningServer, documents: number, tasks: number, endDate: Date): Promise<number> {
  const demo = demoOrganisation();
  const org = await loadOrganisation(server.context.db, demo.agency.id);
  const sources = [...demoIncomingDocuments(demo, { count: documents, endDate, years: 2 })].map(taskSourceOf).filter((d) => d !== null);
  const made = demoTasks(demo, org, { count: Math.round(tasks / (1 + SUBTASKS_PER_TASK)), endDate, years: 2, documents: sources });
  await server.context.db.tx((q) => bulkInsertTasks(q, made, org));
  return made.length;
}

const us = (ms: number, count: number): string => `${((ms * 1000) / count).toFixed(0)} µs`;
const perSecond = (ms: number, count: number, what: string): string => `${(count / (ms / 1000)).toFixed(0)} ${what}/s`;

/**
 * `npm run bench -- sync-tasks`: BENCH_INITIAL_DOCUMENTS (default 100,000) documents and
 * about BENCH_INITIAL_TASKS (default 50,000) tasks, on one server, in three steps:
 *  1. the server holds only the documents: a fresh core's first sync (documents alone);
 *  2. the tasks are added on the server and that same cache pulls them as new changes
 *     (tasks alone: the first sync walks records in id order, both kinds mixed in every
 *     page, so a sync of both cannot be split by kind);
 *  3. a fresh core's first sync of both kinds — the issue's case.
 */
export async function benchSyncTasks(): Promise<void> {
  const documents = env('BENCH_INITIAL_DOCUMENTS', 100_000);
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  try {
    const endDate = new Date();
    let t = performance.now();
    await seedDemo(server.context, { documents, tasks: 0, withPdfs: false, endDate });
    const seedDocsMs = performance.now() - t;

    const alone = coreForBench();
    let docsAlone: SyncRun;
    let tasks: number;
    let tasksPullMs: number;
    let seedTasksMs: number;
    try {
      await alone.rpc.call('sync.status', {});
      const rss = sampleRss(alone.child.pid!);
      t = performance.now();
      await alone.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.leader, password: DEMO_PASSWORD });
      await untilSynced(alone, { documents, tasks: 0 });
      docsAlone = { ms: performance.now() - t, peakMb: rss.stop() };
      t = performance.now();
      tasks = await addTasks(server, documents, env('BENCH_INITIAL_TASKS', 50_000), endDate);
      seedTasksMs = performance.now() - t;
      t = performance.now();
      await alone.rpc.call('sync.now', {});
      await untilSynced(alone, { documents, tasks });
      tasksPullMs = performance.now() - t;
    } finally {
      await alone.kill('SIGTERM');
    }
    const both = await firstSync(server, { documents, tasks });

    const name = `initial sync, ${n(tasks)} tasks + ${n(documents)} documents (PostgreSQL → core)`;
    const records = documents + tasks;
    record(name, 'server seed, documents / tasks (bulk load, for reference)', `${ms(seedDocsMs)} / ${ms(seedTasksMs)}`);
    record(name, `documents alone: first sync of the ${n(documents)} documents (fresh cache)`, `${ms(docsAlone.ms)}, ${perSecond(docsAlone.ms, documents, 'docs')}, ${us(docsAlone.ms, documents)} per document`);
    const taskUs = tasksPullMs / tasks;
    const docUs = docsAlone.ms / documents;
    record(name, `tasks alone: the same cache pulls the ${n(tasks)} tasks added on the server`, `${ms(tasksPullMs)}, ${perSecond(tasksPullMs, tasks, 'tasks')}, ${us(tasksPullMs, tasks)} per task`, '≤ per document', taskUs <= docUs);
    record(name, `**both: first sync of all ${n(records)} records (fresh cache)**`, `${ms(both.ms)}, ${perSecond(both.ms, records, 'records')}, ${us(both.ms, records)} per record`, '≤ per document alone', both.ms / records <= docUs);
    record(name, 'core peak memory (RSS): documents alone / both', `${docsAlone.peakMb.toFixed(0)} / ${both.peakMb.toFixed(0)} MB`, '< 300 MB', both.peakMb < 300 && docsAlone.peakMb < 300);
  } finally {
    await server.close();
    await dropDatabase(dbUrl);
  }
}

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // the statements prepared and the pages read once, as after the screen's first look
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const p5095 = (r: { p50: number; p95: number }): string => `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms`;

/**
 * `npm run bench -- dashboard`: BENCH_DASHBOARD_DOCUMENTS (default 100,000) documents and
 * about BENCH_DASHBOARD_TASKS (default 100,000) tasks synced by the agency's chairman;
 * then `dashboard.get` for the last full calendar year and this year, whole agency and
 * the unit with the most records, and `dashboard.drill`'s first page (100 rows, as the
 * drawer asks), each BENCH_DASHBOARD_ROUNDS times (default 30) after one warm-up call.
 */
export async function benchDashboard(): Promise<void> {
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const core = coreForBench();
  try {
    const seeded = await seedWithTasks(server, env('BENCH_DASHBOARD_DOCUMENTS', 100_000), env('BENCH_DASHBOARD_TASKS', 100_000));
    const name = `dashboard, ${n(seeded.tasks)} tasks + ${n(seeded.documents)} documents in the cache (RPC to the core)`;
    record(name, 'server seed (bulk load, for reference)', ms(seeded.seedMs));
    const t = performance.now();
    await core.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.leader, password: DEMO_PASSWORD });
    await untilSynced(core, seeded);
    record(name, 'first sync (login → all in cache, for reference)', ms(performance.now() - t));

    const thisYear = Number(vnToday().slice(0, 4));
    for (const year of [thisYear - 1, thisYear]) {
      const period = { from: `${year}-01-01`, to: `${year}-12-31` };
      const whole = await core.rpc.call('dashboard.get', { ...period, unitId: null });
      const unit = whole.byUnit.filter((u) => u.unitId !== null).sort((a, b) => b.total - a.total)[0];
      if (!unit?.unitId || whole.totals.total === 0) throw new Error(`no records with a deadline in ${year}`);
      const unitId = unit.unitId;
      const counted = (c: { total: number }, kinds: { kind: string; total: number }[]): string =>
        `${n(c.total)} records: ${kinds.map((k) => `${n(k.total)} ${k.kind}`).join(', ')}`;
      const wholeT = await timed(DASHBOARD_ROUNDS, () => core.rpc.call('dashboard.get', { ...period, unitId: null }));
      record(name, `dashboard.get, year ${year}, whole agency (${counted(whole.totals, whole.byKind)}): p50 / p95`, p5095(wholeT), 'p95 < 100 ms', wholeT.p95 < 100);
      const ofUnit = await core.rpc.call('dashboard.get', { ...period, unitId });
      const unitT = await timed(DASHBOARD_ROUNDS, () => core.rpc.call('dashboard.get', { ...period, unitId }));
      record(name, `dashboard.get, year ${year}, one unit (the largest: ${counted(ofUnit.totals, ofUnit.byKind)}): p50 / p95`, p5095(unitT), 'p95 < 100 ms', unitT.p95 < 100);
      const drillWhole = await timed(DASHBOARD_ROUNDS, () => core.rpc.call('dashboard.drill', { ...period, unitId: null, limit: 100 }));
      record(name, `dashboard.drill, year ${year}, whole agency, every record: first 100 rows, p50 / p95`, p5095(drillWhole), 'p95 < 100 ms', drillWhole.p95 < 100);
      const drillLate = await timed(DASHBOARD_ROUNDS, () => core.rpc.call('dashboard.drill', { ...period, unitId, bucket: 'late', limit: 100 }));
      record(name, `dashboard.drill, year ${year}, the unit's late records (${n(ofUnit.totals.late)}): first 100 rows, p50 / p95`, p5095(drillLate), 'p95 < 100 ms', drillLate.p95 < 100);
    }
  } finally {
    await core.kill('SIGTERM');
    await server.close();
    await dropDatabase(dbUrl);
  }
}
