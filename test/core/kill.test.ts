import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, login, metadata, pullAll, PushClient } from '../helpers/api.js';
import { openCacheDb } from '../helpers/cacheDb.js';
import { eventually, forkCore, signIn, tempDir, type ForkedCore } from '../helpers/core.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Read the killed core's cache straight from disk (it has exactly one), with its key. */
async function cacheCounts(dataDir: string): Promise<{ documents: number; outbox: number }> {
  const db = await openCacheDb(dataDir, undefined, { readonly: true });
  try {
    const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return { documents: n('SELECT count(*) AS n FROM documents'), outbox: n('SELECT count(*) AS n FROM outbox') };
  } finally {
    db.close();
  }
}

describe('the core process killed mid-sync converges, with no loss and no duplicate', () => {
  let server: TestServer;
  let proxy: NetProxy;
  const running: ForkedCore[] = [];
  const fork = (dataDir: string, args: string[] = []): ForkedCore => {
    const c = forkCore({ dataDir, args: ['--no-prefetch', ...args] });
    running.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
    // A few hundred documents, registered in batches as another clerk's core would push them.
    const token = await login(server.url, 'vanthu');
    const clientId = randomUUID();
    let id = 1;
    for (let batch = 0; batch < 2; batch++) {
      const mutations = Array.from({ length: 100 }, (_, i) => ({
        id: id++,
        name: 'incoming.register',
        args: { documentId: randomUUID(), metadata: metadata({ subject: `Văn bản khối lượng lớn ${batch}-${i}` }), files: [] },
        createdAt: new Date().toISOString(),
      }));
      const r = await http(server.url, 'POST', '/sync/push', { token, json: { clientId, mutations } });
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => {
    await Promise.all(running.map((c) => c.kill('SIGKILL')));
    await proxy?.close();
    await server?.close();
  });

  it('SIGKILL during a big initial pull', async () => {
    const serverIds = new Set((await pullAll(server.url, await login(server.url, 'chutich'), randomUUID())).changes.map((c) => c.doc.id as string));
    expect(serverIds.size).toBeGreaterThanOrEqual(200);

    const dataDir = tempDir();
    const first = fork(dataDir, ['--pull-limit', '10']);
    let pulls = 0;
    let killed: Promise<unknown> | null = null;
    proxy.onRequest = (line) => {
      if (line.startsWith('POST /api/v1/sync/pull') && ++pulls === 4) killed = first.kill('SIGKILL');
    };
    await signIn(first.rpc, proxy.url, 'chutich');
    await eventually(async () => killed !== null);
    expect(await killed!).toMatchObject({ signal: 'SIGKILL' });
    proxy.onRequest = null;
    const partial = await cacheCounts(dataDir);
    expect(partial.documents).toBeGreaterThan(0);
    expect(partial.documents).toBeLessThan(serverIds.size);

    // Restarted, it resumes the remembered session (no password) and finishes the pull.
    const second = fork(dataDir, ['--pull-limit', '50']);
    expect((await second.rpc.call('session.get')).user?.username).toBe('chutich');
    await second.rpc.call('sync.now');
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: { id: string }[]; next: string | null } = await second.rpc.call('incoming.list', { limit: 500, after });
      ids.push(...page.items.map((i) => i.id));
      after = page.next;
    } while (after);
    expect(ids.length).toBe(serverIds.size);
    expect(new Set(ids)).toEqual(serverIds);
    await second.kill('SIGTERM');
  });

  it('SIGKILL during a long push (responses lost), then restart', async () => {
    const docs = (await pullAll(server.url, await login(server.url, 'vanthu'), randomUUID())).changes.slice(0, 4).map((c) => c.doc.id as string);
    const dataDir = tempDir();
    const first = fork(dataDir, ['--push-batch', '4']);
    await signIn(first.rpc, proxy.url, 'chutich');
    await first.rpc.call('sync.now');

    proxy.setOffline(true);
    const opinionIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      const opinionId = randomUUID();
      opinionIds.push(opinionId);
      await first.rpc.call('mutate', {
        name: 'incoming.addOpinion',
        args: { documentId: docs[i % docs.length]!, opinionId, kind: 'opinion', content: `Ý kiến số ${i + 1}` },
      });
    }
    expect((await first.rpc.call('sync.status')).pendingCount).toBe(60);

    let pushes = 0;
    let killed: Promise<unknown> | null = null;
    proxy.onRequest = (line) => {
      // Killed while its 5th batch is on the wire: the server applies it, the answer is lost.
      if (line.startsWith('POST /api/v1/sync/push') && ++pushes === 5) killed = first.kill('SIGKILL');
    };
    proxy.setOffline(false);
    first.rpc.call('sync.now').catch(() => {});
    await eventually(async () => killed !== null);
    // Assigned in the callback above: TypeScript still narrows the variable to null here.
    await (killed as Promise<unknown> | null);
    proxy.onRequest = null;
    expect((await cacheCounts(dataDir)).outbox).toBeGreaterThan(0);

    const second = fork(dataDir, ['--push-batch', '4']);
    await eventually(async () => {
      const s = await second.rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online';
    }, 30_000);
    expect((await second.rpc.call('sync.status')).failedCount).toBe(0);

    // On the server, seen by someone else: every opinion exactly once.
    const { changes } = await pullAll(server.url, await login(server.url, 'vanthu'), randomUUID());
    const onServer = changes.filter((c) => docs.includes(c.doc.id)).flatMap((c) => c.doc.opinions.map((o: { id: string }) => o.id));
    expect(onServer.length).toBe(60);
    expect(new Set(onServer)).toEqual(new Set(opinionIds));
    // And the restarted core shows them as confirmed, once.
    const local = (await Promise.all(docs.map((id) => second.rpc.call('incoming.get', { id })))).flatMap((v) => v!.doc.opinions.map((o) => o.id));
    expect(local.length).toBe(60);
    await second.kill('SIGTERM');
  });
});
