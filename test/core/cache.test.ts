import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../src/main/core/db/migrations.js';
import { openDatabase } from '../../src/main/core/db/open.js';
import { pullAll, login, PushClient } from '../helpers/api.js';
import { signIn, startCore, tempDir, type InProcessCore } from '../helpers/core.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the cache database', () => {
  it('migrates an empty database, and opens it again unchanged', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const key = randomBytes(32);
    const db = openDatabase(file, key);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('clientId', 'x')`).run();
    db.close();
    const again = openDatabase(file, key);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(again.prepare(`SELECT value FROM meta WHERE key = 'clientId'`).get()).toEqual({ value: 'x' });
    const tables = (again.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['meta', 'documents', 'documents_fts', 'record_files', 'files', 'outbox', 'outbox_files', 'failed_mutations', 'refused_records']) expect(tables).toContain(t);
    // A later step applies on top; a cache from a newer build is refused rather than damaged.
    expect(migrate(again, [...MIGRATIONS, 'CREATE TABLE later (x INTEGER)'])).toBe(MIGRATIONS.length + 1);
    expect(() => migrate(again, MIGRATIONS)).toThrow(/newer version/u);
    again.close();
  });
});

describe('sessions and per-user caches', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let clerk: PushClient;
  const cores: InProcessCore[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await proxy?.close();
    await server?.close();
  });

  it('a remembered session resumes without the password, and the cache reads offline', async () => {
    const doc = await clerk.register({ subject: 'Về việc trực ban dịp Tết' });
    const first = startCore();
    await expect(signIn(first.rpc, server.url, 'chutich', 'sai mật khẩu')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect((await first.rpc.call('session.get')).signedIn).toBe(false);
    await expect(first.rpc.call('incoming.list', {})).rejects.toMatchObject({ code: 'not_signed_in' });
    await signIn(first.rpc, proxy.url, 'chutich');
    await first.rpc.call('sync.now');
    await first.close();

    const file = join(first.dataDir, 'session.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    proxy.setOffline(true);
    const second = startCore({ dataDir: first.dataDir });
    cores.push(second);
    const s = await second.rpc.call('session.get');
    expect(s).toMatchObject({ signedIn: true, serverUrl: proxy.url });
    expect(s.user?.username).toBe('chutich');
    expect((await second.rpc.call('incoming.list', {})).items.map((i) => i.id)).toContain(doc);
    expect((await second.rpc.call('sync.now')).state).toBe('offline');
    proxy.setOffline(false);
    expect((await second.rpc.call('sync.now')).state).toBe('online');

    await second.rpc.call('session.logout');
    expect((await second.rpc.call('session.get')).signedIn).toBe(false);
    expect(readFileSync(file, 'utf8')).not.toContain('token');
  });

  it('two users on one machine never see each other’s documents or send each other’s changes', async () => {
    const doc = await clerk.register({ subject: 'Về việc phân bổ kinh phí' });
    const c = startCore();
    cores.push(c);
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    proxy.setOffline(true);
    const opinionId = randomUUID();
    await c.rpc.call('mutate', { name: 'incoming.addOpinion', args: { documentId: doc, opinionId, kind: 'opinion', content: 'Ý kiến chưa gửi.' } });
    await c.rpc.call('session.logout');
    proxy.setOffline(false);

    await signIn(c.rpc, proxy.url, 'cv.kinhte1');
    const st = await c.rpc.call('sync.now');
    expect(st.pendingCount).toBe(0);
    expect(await c.rpc.call('incoming.get', { id: doc })).toBeNull();
    expect((await c.rpc.call('incoming.list', {})).items.map((i) => i.id)).not.toContain(doc);
    await c.rpc.call('session.logout');

    // The leader's pending opinion waited in the leader's own cache.
    await signIn(c.rpc, proxy.url, 'chutich');
    expect((await c.rpc.call('incoming.get', { id: doc }))!.pending).toHaveLength(1);
    expect((await c.rpc.call('sync.now')).pendingCount).toBe(0);
    const { changes } = await pullAll(server.url, await login(server.url, 'vanthu'), randomUUID());
    expect(changes.find((ch) => ch.doc?.id === doc).doc.opinions.map((o: { id: string }) => o.id)).toEqual([opinionId]);
  });

  it('list filters follow the user: unread, overdue (by the core’s clock), done', async () => {
    const doc = await clerk.register({ subject: 'Về việc báo cáo số liệu thống kê' });
    const leader = new PushClient(server.url, await login(server.url, 'chutich'));
    await leader.apply('incoming.assign', {
      documentId: doc,
      instruction: '',
      assignments: [{ id: randomUUID(), role: 'main', unitId: null, userId: '0b000000-0000-4000-8000-000000000005', deadline: '2030-06-30', note: '' }],
    });
    // The specialist's machine believes it is July 2030: the deadline has passed.
    const c = startCore({ now: () => new Date('2030-07-02T03:00:00Z') });
    cores.push(c);
    await signIn(c.rpc, server.url, 'cv.kinhte2');
    await c.rpc.call('sync.now');
    const ids = async (filter: 'unread' | 'overdue' | 'done' | 'to_process'): Promise<string[]> => (await c.rpc.call('incoming.list', { filter })).items.map((i) => i.id);
    expect(await ids('unread')).toContain(doc);
    expect(await ids('overdue')).toContain(doc);
    expect(await ids('to_process')).toContain(doc);
    await c.rpc.call('mutate', { name: 'incoming.markRead', args: { documentId: doc } });
    await c.rpc.call('mutate', { name: 'incoming.complete', args: { documentId: doc, note: 'Đã báo cáo.' } });
    // Pending, and already reflected.
    expect(await ids('unread')).not.toContain(doc);
    expect(await ids('overdue')).not.toContain(doc);
    expect(await ids('done')).toContain(doc);
    await c.rpc.call('sync.now');
    expect(await ids('done')).toContain(doc);
    expect(await ids('to_process')).not.toContain(doc);
    const view = (await c.rpc.call('incoming.get', { id: doc }))!;
    expect(view.pending).toEqual([]);
    expect(view.doc.status).toBe('done');
    expect(view.doc.readAt).not.toBeNull();
  });
});
