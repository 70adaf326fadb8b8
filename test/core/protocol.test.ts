import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/index.js';
import { META } from '../../src/main/core/db/meta.js';
import { FileSecretStore } from '../../src/main/core/session/secretStore.js';
import { UserCache } from '../../src/main/core/session/userCache.js';
import { ServerClient } from '../../src/main/core/sync/http.js';
import { pushOutbox } from '../../src/main/core/sync/push.js';
import { http, login, metadata, pullAll, PushClient } from '../helpers/api.js';
import { tempDir } from '../helpers/core.js';
import { U } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('push: replays and gaps against the reference server', () => {
  let server: TestServer;
  let token: string;
  const caches: UserCache[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    token = await login(server.url, 'vanthu');
  });
  afterAll(async () => {
    for (const c of caches) c.close();
    await server?.close();
  });

  const docIdsOnServer = async (): Promise<string[]> =>
    (await pullAll(server.url, token, randomUUID())).changes.filter((c) => c.op === 'put').map((c) => c.doc.id as string);

  it('the same mutation id pushed twice with the same clientId is replayed and changes nothing', async () => {
    const pc = new PushClient(server.url, token);
    const documentId = randomUUID();
    const args = { documentId, metadata: metadata({ subject: 'Về việc gửi lại cùng một thao tác' }), files: [] };
    const first = await pc.send('incoming.register', args, 1);
    expect(first.body.results).toEqual([{ id: 1, status: 'applied' }]);
    const before = (await pullAll(server.url, token, randomUUID())).changes.find((c) => c.doc?.id === documentId).doc;

    const again = await pc.send('incoming.register', args, 1);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'replayed' }] });
    const after = (await pullAll(server.url, token, randomUUID())).changes.filter((c) => c.doc?.id === documentId);
    expect(after).toHaveLength(1);
    expect(after[0].doc.version).toBe(before.version);
    expect(after[0].doc.arrivalNumber).toBe(before.arrivalNumber);
  });

  it('a push that skips ids is refused with 409 mutation_gap and applies nothing', async () => {
    const pc = new PushClient(server.url, token);
    await pc.register({ subject: 'Văn bản số 1 của máy trạm' });
    const documentId = randomUUID();
    const r = await http(server.url, 'POST', '/sync/push', {
      token,
      json: { clientId: pc.clientId, mutations: [{ id: 3, name: 'incoming.register', args: { documentId, metadata: metadata(), files: [] }, createdAt: new Date().toISOString() }] },
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('mutation_gap');
    expect(r.body.details).toEqual({ expected: 2, lastMutationId: 1 });
    expect(await docIdsOnServer()).not.toContain(documentId);
  });

  async function openCache(): Promise<{ cache: UserCache; client: ServerClient }> {
    const client = new ServerClient({ baseUrl: server.url, token });
    const dir = tempDir();
    const cache = await UserCache.open(dir, server.url, U.vanthu.id, () => client, new FileSecretStore(`${dir}/session.json`));
    caches.push(cache);
    return { cache, client };
  }

  const register = (cache: UserCache, subject: string): string => {
    const documentId = randomUUID();
    cache.outbox.enqueue({ name: 'incoming.register', args: { documentId, metadata: { ...metadata({ subject }) }, files: [] } }, 'incoming', documentId, new Date().toISOString());
    return documentId;
  };

  it('the core resends from where the server is when it believed the server further along', async () => {
    const { cache, client } = await openCache();
    const ids = [register(cache, 'Máy trạm A — 1'), register(cache, 'Máy trạm A — 2'), register(cache, 'Máy trạm A — 3')];
    // As if a response claiming 1–2 had been recorded, but the server (restored from a backup) has none of them.
    cache.meta.setNumber(META.lastMutationId, 2);
    const out = await pushOutbox({ db: cache.db, client, outbox: cache.outbox, files: cache.files, clientId: cache.clientId, now: () => new Date() });
    expect(out).toMatchObject({ processed: 3, applied: 3, rejected: [] });
    expect(cache.outbox.lastMutationId()).toBe(3);
    const onServer = await docIdsOnServer();
    for (const id of ids) expect(onServer).toContain(id);

    // The same batch again (a lost response): all replayed, nothing new on the server.
    cache.meta.setNumber(META.lastMutationId, 0);
    const replay = await pushOutbox({ db: cache.db, client, outbox: cache.outbox, files: cache.files, clientId: cache.clientId, now: () => new Date() });
    expect(replay).toMatchObject({ processed: 3, applied: 0, rejected: [] });
    expect((await docIdsOnServer()).filter((id) => ids.includes(id))).toHaveLength(3);
  });

  it('a gap the core cannot fill is reported as mutation_gap and sends nothing', async () => {
    const { cache, client } = await openCache();
    register(cache, 'Mất thao tác 1');
    const lost = register(cache, 'Mất thao tác 2');
    cache.db.prepare('DELETE FROM outbox WHERE id = 1').run();
    const err = await pushOutbox({ db: cache.db, client, outbox: cache.outbox, files: cache.files, clientId: cache.clientId, now: () => new Date() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('mutation_gap');
    expect(cache.outbox.count()).toBe(1);
    expect(await docIdsOnServer()).not.toContain(lost);
  });

  it('mutation ids are never reused, even after the outbox empties', async () => {
    const { cache } = await openCache();
    register(cache, 'x');
    register(cache, 'y');
    cache.outbox.confirmUpTo(2);
    expect(cache.outbox.count()).toBe(0);
    const id = randomUUID();
    const e = cache.outbox.enqueue({ name: 'incoming.markRead', args: { documentId: id } }, 'incoming', id, new Date().toISOString());
    expect(e.id).toBe(3);
  });
});
