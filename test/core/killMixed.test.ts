/**
 * The core process killed (SIGKILL) again and again while it pushes an outbox where tasks
 * and documents are mixed (issue #8, "SIGKILL of the core mid-push with tasks and documents
 * mixed: nothing lost, nothing doubled"), as test/core/kill.test.ts kills it for documents
 * alone: the core runs as its own process, talks to the real server (PostgreSQL) through a
 * proxy that sees each request line, and is killed when its n-th push is on the wire — the
 * server may apply that batch while its answer is lost. Restarted each time on the same
 * data folder, it resumes and goes on.
 *
 * A clerk's core registers documents offline; then a leader's core, offline, directs them,
 * gives a task from each (to the leadership, so the leader also handles it), reports progress,
 * adds an opinion, gives a sub-task of the task not yet on the server and chases it. In the
 * end the server holds each document and task once, every report, opinion and chase once,
 * the client's mutation ids advanced to the last, and each restarted core's cache, re-synced,
 * equals what the server sends its user.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnToday } from '../../src/shared/index.js';
import { RecordChange } from '../../src/shared/sync/protocol.js';
import { http, login, metadata } from '../helpers/api.js';
import { openCacheDb } from '../helpers/cacheDb.js';
import { eventually, forkCore, signIn, tempDir, type ForkedCore } from '../helpers/core.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DOCS = 9;
/** Per document, the leader's six changes: assign, task, progress, opinion, sub-task, chase. */
const PER_DOC = 6;

/** What a killed core left in its cache: the outbox's size and kinds (read from disk, with its key). */
async function outboxOf(dataDir: string): Promise<{ size: number; kinds: string[] }> {
  const db = await openCacheDb(dataDir, undefined, { readonly: true });
  try {
    const size = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const kinds = (db.prepare('SELECT DISTINCT kind FROM outbox ORDER BY kind').all() as { kind: string }[]).map((r) => r.kind);
    return { size, kinds };
  } finally {
    db.close();
  }
}

/** Every state the server sends `token`'s user (protocol 2, both kinds, from scratch), by kind and id. */
async function serverStates(url: string, token: string): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const clientId = randomUUID();
  let cursor: string | null = null;
  for (;;) {
    const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit: 500, protocol: 2, kinds: ['incoming', 'tasks'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const raw of r.body.changes as unknown[]) {
      const c = RecordChange.parse(raw);
      if ('removed' in c) out.delete(`${c.kind}:${c.id}`);
      else out.set(`${c.kind}:${c.id}`, c.state);
    }
    cursor = r.body.cursor as string;
    if (!r.body.more) return out;
  }
}

const day = (plus: number): string => new Date(Date.parse(`${vnToday()}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

describe('the core killed mid-push with tasks and documents in its outbox converges, nothing lost, nothing doubled (PostgreSQL)', () => {
  let server: TestServer;
  let proxy: NetProxy;
  const running: ForkedCore[] = [];
  const fork = (dataDir: string, batch: number): ForkedCore => {
    const c = forkCore({ dataDir, args: ['--no-prefetch', '--push-batch', String(batch)] });
    running.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend: 'postgres' });
    proxy = await startProxy(server.url);
  });
  afterAll(async () => {
    proxy.onRequest = null;
    await Promise.all(running.map((c) => c.kill('SIGKILL')));
    await proxy?.close();
    await server?.close();
  });

  /** The server's last mutation id of `username`'s one client (0 before its first push). */
  async function lastApplied(username: keyof typeof U): Promise<number> {
    const rows = (await server.server.db.query<{ last_mutation_id: string | number }>('SELECT last_mutation_id FROM clients WHERE user_id = $1', [U[username].id])).rows;
    return rows.length === 0 ? 0 : Number(rows[0]!.last_mutation_id);
  }

  /**
   * Bring `first` (offline, with `total` changes in its outbox) online and kill it when its n-th
   * push is on the wire, then restart it and kill it again for each number of `killAt`; the
   * last run pushes everything. Returns the core that finished.
   */
  async function killRepeatedly(first: ForkedCore, username: keyof typeof U, batch: number, total: number, killAt: readonly number[]): Promise<ForkedCore> {
    let core = first;
    let applied = 0;
    for (const [run, n] of killAt.entries()) {
      let pushes = 0;
      let killed: Promise<unknown> | null = null;
      const target = core;
      proxy.onRequest = (line) => {
        if (line.startsWith('POST /api/v1/sync/push') && ++pushes === n && killed === null) killed = target.kill('SIGKILL');
      };
      if (run === 0) {
        proxy.setOffline(false);
        target.rpc.call('sync.now').catch(() => {});
      }
      await eventually(async () => killed !== null, 60_000);
      expect(await (killed as Promise<unknown> | null)).toMatchObject({ signal: 'SIGKILL' });
      proxy.onRequest = null;
      // Killed mid-way: the server has some of the changes, never fewer than before, not all;
      // the killed core's outbox is still there on disk.
      const now = await lastApplied(username);
      expect(now, `run ${run + 1}`).toBeGreaterThanOrEqual(run === 0 ? 1 : applied);
      expect(now, `run ${run + 1}`).toBeLessThan(total);
      applied = now;
      expect((await outboxOf(target.dataDir)).size, `run ${run + 1}`).toBeGreaterThan(0);
      // Restarted on the same folder, it resumes the session (no password) and pushes on.
      core = fork(target.dataDir, batch);
    }
    await eventually(async () => {
      const s = await core.rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online';
    }, 60_000);
    const status = await core.rpc.call('sync.now');
    expect(status).toMatchObject({ pendingCount: 0, failedCount: 0, lastError: null });
    return core;
  }

  /** The client's mutation ids advanced to its last, every one applied once, none refused. */
  async function expectIdsAdvanced(username: keyof typeof U, count: number): Promise<void> {
    const clients = (await server.server.db.query<{ client_id: string; last_mutation_id: string | number }>('SELECT client_id, last_mutation_id FROM clients WHERE user_id = $1', [U[username].id])).rows;
    expect(clients, 'one client across every restart').toHaveLength(1);
    expect(Number(clients[0]!.last_mutation_id)).toBe(count);
    const results = (await server.server.db.query<{ mutation_id: string | number; status: string }>('SELECT mutation_id, status FROM mutation_results WHERE client_id = $1 ORDER BY mutation_id', [clients[0]!.client_id])).rows;
    expect(results.map((r) => [Number(r.mutation_id), r.status])).toEqual(Array.from({ length: count }, (_, i) => [i + 1, 'applied']));
  }

  /** The restarted core's cache, re-synced, holds exactly what the server sends its user, state for state. */
  async function expectCacheEqualsServer(core: ForkedCore, username: keyof typeof U, docIds: readonly string[], taskIds: readonly string[]): Promise<void> {
    const states = await serverStates(server.url, await login(server.url, username));
    expect([...states.keys()].sort()).toEqual([...docIds.map((id) => `incoming:${id}`), ...taskIds.map((id) => `tasks:${id}`)].sort());
    for (const id of docIds) {
      const view = await core.rpc.call('incoming.get', { id });
      expect(view?.pending, id).toEqual([]);
      expect(view?.doc, id).toEqual(states.get(`incoming:${id}`));
    }
    for (const id of taskIds) {
      const view = await core.rpc.call('tasks.get', { id });
      expect(view?.pending, id).toEqual([]);
      expect(view?.pendingCreate, id).toBe(false);
      expect(view?.task, id).toEqual(states.get(`tasks:${id}`));
    }
    // And nothing else: the lists hold only these, once each.
    const listed: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: { id: string }[]; next: string | null } = await core.rpc.call('incoming.list', { limit: 500, after });
      listed.push(...page.items.map((i) => i.id));
      after = page.next;
    } while (after);
    expect(listed.sort()).toEqual([...docIds].sort());
    expect((await core.rpc.call('tasks.list', { list: 'assigned', limit: 500 })).items.map((i) => i.id).sort()).toEqual([...taskIds].sort());
  }

  it('a clerk registering documents offline, killed twice mid-push: each document once, numbered once', async () => {
    const dataDir = tempDir();
    const clerk = fork(dataDir, 2);
    await signIn(clerk.rpc, proxy.url, 'vanthu');
    await clerk.rpc.call('sync.now');
    proxy.setOffline(true);
    const docIds: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const r = await clerk.rpc.call('mutate', {
        name: 'incoming.register',
        args: { documentId: randomUUID(), metadata: metadata({ issuedDate: day(-3), subject: `Về việc kế hoạch công tác tháng ${i + 1}` }), files: [] },
      });
      docIds.push(r.recordId);
    }
    expect((await clerk.rpc.call('sync.status')).pendingCount).toBe(DOCS);

    // Five pushes of two: killed at the third, then at the second of the restarted core's.
    const done = await killRepeatedly(clerk, 'vanthu', 2, DOCS, [3, 2]);
    const rows = (await server.server.db.query<{ id: string; arrival_number: number }>('SELECT id, arrival_number FROM documents')).rows;
    expect(rows.map((r) => r.id).sort()).toEqual([...docIds].sort());
    expect(rows.map((r) => Number(r.arrival_number)).sort((a, b) => a - b)).toEqual(Array.from({ length: DOCS }, (_, i) => i + 1));
    await expectIdsAdvanced('vanthu', DOCS);
    await expectCacheEqualsServer(done, 'vanthu', docIds, []);
    await done.kill('SIGTERM');
  }, 240_000);

  it('a leader directing them, giving tasks and sub-tasks, reporting and chasing offline, killed three times mid-push', async () => {
    const docIds = (await server.server.db.query<{ id: string }>('SELECT id FROM documents ORDER BY arrival_number')).rows.map((r) => r.id);
    expect(docIds).toHaveLength(DOCS);
    const dataDir = tempDir();
    const leader = fork(dataDir, 4);
    await signIn(leader.rpc, proxy.url, 'chutich');
    await leader.rpc.call('sync.now');
    proxy.setOffline(true);

    const made = { tasks: [] as string[], subtasks: [] as string[], reports: [] as string[], opinions: [] as string[], chases: [] as string[], assignments: [] as string[] };
    const mutate = async (name: string, args: Record<string, unknown>): Promise<void> => {
      await leader.rpc.call('mutate', { name, args });
    };
    for (const [i, documentId] of docIds.entries()) {
      const assignmentId = randomUUID();
      made.assignments.push(assignmentId);
      await mutate('incoming.assign', {
        documentId,
        instruction: 'Giao Phòng Kinh tế chủ trì tham mưu',
        assignments: [{ id: assignmentId, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: day(20) }],
      });
      const taskId = randomUUID();
      made.tasks.push(taskId);
      await mutate('tasks.create', {
        taskId,
        source: { kind: 'incoming', id: documentId },
        title: `Triển khai văn bản số ${i + 1}`,
        startDate: day(0),
        deadline: { date: day(30) },
        main: { id: randomUUID(), unitId: UNITS.leadership.id },
        cooperate: [{ id: randomUUID(), unitId: i % 2 === 0 ? UNITS.economy.id : UNITS.internal.id }],
      });
      const reportId = randomUUID();
      made.reports.push(reportId);
      await mutate('tasks.report', { taskId, reportId, kind: 'progress', percent: 10 * (i + 1), note: `Đã triển khai bước ${i + 1}` });
      const opinionId = randomUUID();
      made.opinions.push(opinionId);
      await mutate('incoming.addOpinion', { documentId, opinionId, kind: 'opinion', content: `Ý kiến chỉ đạo số ${i + 1}` });
      // A sub-task of the task the server has not seen yet: its parent is earlier in the same outbox.
      const subId = randomUUID();
      made.subtasks.push(subId);
      await mutate('tasks.create', { taskId: subId, parentId: taskId, title: `Thu thập số liệu ${i + 1}`, startDate: day(0), deadline: { date: day(25) }, main: { id: randomUUID(), userId: U['cv.kinhte2'].id } });
      const chaseId = randomUUID();
      made.chases.push(chaseId);
      await mutate('tasks.chase', { taskId: subId, chaseId, message: `Đề nghị khẩn trương hoàn thành ${i + 1}` });
    }
    expect((await leader.rpc.call('sync.status')).pendingCount).toBe(DOCS * PER_DOC);
    expect((await outboxOf(dataDir)).kinds).toEqual(['incoming', 'tasks']);

    // Fourteen pushes of four: killed at the third, the third and the fourth push of each run.
    const done = await killRepeatedly(leader, 'chutich', 4, DOCS * PER_DOC, [3, 3, 4]);

    // On the server: each task once, each document directed once; every report, opinion and chase once.
    const taskRows = (await server.server.db.query<{ id: string; state: string }>('SELECT id, state FROM tasks')).rows;
    expect(taskRows.map((r) => r.id).sort()).toEqual([...made.tasks, ...made.subtasks].sort());
    const tasks = new Map(taskRows.map((r) => [r.id, JSON.parse(r.state) as { parentId: string | null; reports: { id: string }[]; chases: { id: string }[]; history: { action: string }[]; percent: number }]));
    for (const [i, id] of made.tasks.entries()) {
      const t = tasks.get(id)!;
      expect(t.reports.map((r) => r.id)).toEqual([made.reports[i]]);
      expect(t.percent).toBe(10 * (i + 1));
      expect(t.history.map((h) => h.action)).toEqual(['created', 'progress']);
    }
    for (const [i, id] of made.subtasks.entries()) {
      const t = tasks.get(id)!;
      expect(t.parentId).toBe(made.tasks[i]);
      expect(t.chases.map((c) => c.id)).toEqual([made.chases[i]]);
      expect(t.history.map((h) => h.action)).toEqual(['created', 'chased']);
    }
    const docRows = (await server.server.db.query<{ id: string; state: string | Record<string, unknown> }>('SELECT id, state FROM documents')).rows;
    expect(docRows).toHaveLength(DOCS);
    for (const row of docRows) {
      const doc = (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) as { opinions: { id: string }[]; assignments: { id: string }[] };
      const i = docIds.indexOf(row.id);
      expect(doc.opinions.map((o) => o.id)).toEqual([made.opinions[i]]);
      expect(doc.assignments.map((a) => a.id)).toEqual([made.assignments[i]]);
    }
    await expectIdsAdvanced('chutich', DOCS * PER_DOC);
    await expectCacheEqualsServer(done, 'chutich', docIds, [...made.tasks, ...made.subtasks]);
    // Seen by another: the unit leader holds each document given to the unit once, and the co-operated tasks.
    const tp = await serverStates(server.url, await login(server.url, 'tp.kinhte'));
    expect([...tp.keys()].filter((k) => k.startsWith('incoming:')).sort()).toEqual(docIds.map((id) => `incoming:${id}`).sort());
    expect([...tp.keys()].filter((k) => k.startsWith('tasks:')).sort()).toEqual(made.tasks.filter((_, i) => i % 2 === 0).map((id) => `tasks:${id}`).sort());
    await done.kill('SIGTERM');
  }, 240_000);
});
