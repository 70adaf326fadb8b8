/**
 * Protocol 2 (issue #8, generic sync): record envelopes of every kind on one cursor,
 * beside protocol 1 for the desktops of earlier releases, whose cursors continue.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, metadata, PushClient } from '../helpers/api.js';
import { UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, loginAll } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte'] as const;
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const unb64 = (s: string): any => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));

describe.each(BACKENDS)('pull protocol 2 (%s)', (backend) => {
  let s: TestServer;
  let t: Record<(typeof USERS)[number], string>;
  const clock = new Clock('2026-11-25T02:00:00Z');
  const docIds: string[] = [];
  const taskIds: string[] = [];

  const pullRaw = async (token: string, body: Record<string, unknown>): Promise<any> => {
    const r = await http(s.url, 'POST', '/sync/pull', { token, json: { clientId: randomUUID(), limit: 500, ...body } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  /** Every page from `cursor`, as protocol `p` answers. */
  const pullAllRaw = async (token: string, cursor: string | null, p: 1 | 2, limit = 500): Promise<{ pages: any[]; changes: any[]; cursor: string }> => {
    const pages: any[] = [];
    for (;;) {
      const page = await pullRaw(token, { cursor, limit, ...(p === 2 ? { protocol: 2, kinds: ['incoming', 'tasks'] } : {}) });
      pages.push(page);
      cursor = page.cursor;
      if (!page.more) return { pages, changes: pages.flatMap((x) => x.changes), cursor: cursor! };
    }
  };

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
    const clerk = new PushClient(s.url, t.vanthu);
    for (let i = 0; i < 4; i++) docIds.push(await clerk.register({ subject: `Văn bản thử giao thức ${i + 1}` }));
    const leader = new PushClient(s.url, t.chutich);
    for (let i = 0; i < 3; i++) {
      const taskId = randomUUID();
      taskIds.push(taskId);
      const r = await leader.send('tasks.create', {
        taskId,
        title: `Công việc thử giao thức ${i + 1}`,
        files: [],
        startDate: '2026-11-25',
        deadline: { workingDays: 5 },
        main: { id: randomUUID(), unitId: UNITS.economy.id },
        cooperate: [],
        info: [],
      });
      expect(r.body.results[0].status, JSON.stringify(r.body)).toBe('applied');
    }
  });
  afterAll(async () => s?.close());

  it('protocol 1 answers incoming documents only, as {op, doc}, and protocol 2 the same states in record envelopes', async () => {
    const v1 = await pullAllRaw(t['tp.kinhte'], null, 1);
    const v2 = await pullAllRaw(t['tp.kinhte'], null, 2);
    expect(v1.pages[0].protocol).toBeUndefined();
    expect(v1.changes.every((c) => c.op === 'put')).toBe(true);
    expect(v2.pages[0]).toMatchObject({ protocol: 2, kinds: ['incoming', 'tasks'] });
    const v2Docs = v2.changes.filter((c) => c.kind === 'incoming');
    const v2Tasks = v2.changes.filter((c) => c.kind === 'tasks');
    expect(v2Tasks.map((c) => c.id).sort()).toEqual([...taskIds].sort());
    for (const c of v2Tasks) expect(c.version).toBe(c.state.version);
    // The same documents, byte for byte, in both protocols.
    const byId = new Map(v1.changes.map((c) => [c.doc.id, JSON.stringify(c.doc)]));
    expect(v2Docs.map((c) => c.id).sort()).toEqual([...byId.keys()].sort());
    for (const c of v2Docs) {
      expect(JSON.stringify(c.state)).toBe(byId.get(c.id));
      expect(c.version).toBe(c.state.version);
    }
  });

  it('a desktop of the previous release continues on its cursor after the upgrade: no reset, and the tasks it now reads are walked on their own', async () => {
    // A cursor of the previous release: incoming complete at the current change-log position.
    const v1 = await pullAllRaw(t['tp.kinhte'], null, 1);
    const legacy = b64({ e: unb64(v1.cursor).e, s: unb64(v1.cursor).s });
    const upgraded = await pullAllRaw(t['tp.kinhte'], legacy, 2, 2);
    expect(upgraded.pages.every((p) => p.reset === false)).toBe(true);
    // Only the tasks come: the documents it has are not sent again.
    expect(upgraded.changes.map((c) => c.kind)).toEqual(['tasks', 'tasks', 'tasks']);
    expect(unb64(upgraded.cursor).k.sort()).toEqual(['incoming', 'tasks']);
    // Then only what changes.
    const leader = new PushClient(s.url, t.chutich);
    const r = await leader.send('tasks.chase', { taskId: taskIds[0], chaseId: randomUUID(), message: 'Đề nghị khẩn trương báo cáo' });
    expect(r.body.results[0].status, JSON.stringify(r.body)).toBe('applied');
    const next = await pullAllRaw(t['tp.kinhte'], upgraded.cursor, 2);
    expect(next.changes.map((c) => [c.kind, c.id])).toEqual([['tasks', taskIds[0]]]);
  });

  it('a previous release caught in the middle of its first snapshot continues it without a reset', async () => {
    const first = await pullRaw(t.vanthu, { cursor: null, limit: 2 });
    expect(first.more).toBe(true);
    const c = unb64(first.cursor);
    // The previous release's snapshot cursor: {e, h, a}.
    const legacy = b64({ e: c.e, h: c.s, a: c.a });
    const rest = await pullAllRaw(t.vanthu, legacy, 1, 2);
    expect(rest.pages.every((p) => p.reset === false)).toBe(true);
    const got = [...first.changes, ...rest.changes].map((x) => x.doc.id);
    expect(new Set(got).size).toBe(got.length);
    for (const id of docIds) expect(got).toContain(id);
  });

  it('a stale or foreign cursor is answered with a reset, and a protocol 1 client never learns of tasks', async () => {
    const foreign = b64({ e: randomUUID(), s: 0, k: ['incoming'] });
    const page = await pullRaw(t.chutich, { cursor: foreign });
    expect(page.reset).toBe(true);
    expect(page.changes.every((c: any) => c.op === 'put')).toBe(true);
    const all = await pullAllRaw(t.chutich, null, 1);
    expect(all.changes.some((c) => taskIds.includes(c.doc?.id))).toBe(false);
  });

  it('a document cannot take the id of a task', async () => {
    const clerk = new PushClient(s.url, t.vanthu);
    const r = await clerk.send('incoming.register', { documentId: taskIds[1], metadata: metadata(), files: [] });
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'document_exists' } });
  });
});
