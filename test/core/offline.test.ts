import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, login, makePdf, metadata, pullAll, PushClient } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** The document as the server holds it, seen by the clerk through a fresh pull. */
async function serverDoc(url: string, id: string): Promise<any> {
  const token = await login(url, 'vanthu');
  const { changes } = await pullAll(url, token, randomUUID());
  return changes.filter((c) => c.op === 'put' && c.doc.id === id).at(-1)?.doc ?? null;
}

describe('offline work and the outbox', () => {
  let server: TestServer;
  let clerk: PushClient;
  let leader: PushClient;
  const cores: InProcessCore[] = [];
  const proxies: NetProxy[] = [];
  const core = (): InProcessCore => {
    const c = startCore();
    cores.push(c);
    return c;
  };
  const proxy = async (): Promise<NetProxy> => {
    const p = await startProxy(server.url);
    proxies.push(p);
    return p;
  };

  beforeAll(async () => {
    server = await startTestServer();
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    leader = new PushClient(server.url, await login(server.url, 'chutich'));
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
  });

  it('actions taken while the server is down are shown as pending, then delivered exactly once', async () => {
    const doc = await clerk.register({ subject: 'Về việc lập dự toán ngân sách 2027' });
    const { rpc } = core();
    await signIn(rpc, server.url, 'chutich');
    await rpc.call('sync.now');

    await server.close();
    const opinionId = randomUUID();
    const r = await rpc.call('mutate', {
      name: 'incoming.addOpinion',
      args: { documentId: doc, opinionId, kind: 'opinion', content: 'Đề nghị Sở Tài chính tham mưu.' },
    });
    expect(r.recordId).toBe(doc);
    const view = (await rpc.call('incoming.get', { id: doc }))!;
    expect(view.pending).toHaveLength(1);
    expect(view.doc.opinions.map((o) => o.id)).toEqual([opinionId]);
    expect((await rpc.call('incoming.list', {})).items.find((i) => i.id === doc)?.pending).toBe(true);
    const offline = await rpc.call('sync.now');
    expect(offline).toMatchObject({ state: 'offline', pendingCount: 1 });
    expect(offline.lastError?.code).toBe('server_unreachable');
    expect(offline.nextRetryAt).not.toBeNull();

    server = await startTestServer({ dataDir: server.dataDir });
    // No sync.now: the retry timer and the poke stream bring it back by themselves.
    const status = await eventually(async () => {
      const s = await rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online' && s;
    });
    expect(status.lastError).toBeNull();
    const onServer = await serverDoc(server.url, doc);
    expect(onServer.opinions.map((o: { id: string }) => o.id)).toEqual([opinionId]);
    expect(onServer.history.filter((h: { action: string }) => h.action === 'opinion')).toHaveLength(1);
    const mine = (await rpc.call('incoming.get', { id: doc }))!;
    expect(mine.pending).toEqual([]);
    expect(mine.doc.opinions).toHaveLength(1);
  });

  it('a clerk registers a scanned PDF offline; it heads the list as pending and is numbered once delivered', async () => {
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    const { rpc } = core();
    await signIn(rpc, server.url, 'vanthu');
    await rpc.call('sync.now');
    await server.close();

    const pdf = makePdf('Cong van so 77');
    const ref = await rpc.call('files.add', { name: 'Công văn 77.pdf'.normalize('NFD'), bytes: new Uint8Array(pdf) });
    expect(ref.name).toBe('Công văn 77.pdf'); // NFC at the boundary
    const documentId = randomUUID();
    await rpc.call('mutate', {
      name: 'incoming.register',
      args: { documentId, metadata: metadata({ subject: 'Về việc đăng ký chữ ký số', codeNumber: '77', codeNotation: 'STTTT-BCVT' }), files: [ref] },
    });
    const first = await rpc.call('incoming.list', { limit: 2 });
    expect(first.items[0]).toMatchObject({ id: documentId, pending: true, arrivalNumber: 0, status: 'registered' });
    expect((await rpc.call('incoming.search', { query: 'dang ky chu ky so' })).map((i) => i.id)).toEqual([documentId]);
    const pendingView = (await rpc.call('incoming.get', { id: documentId }))!;
    expect(pendingView.pendingRegistration).toBe(true);
    expect(pendingView.cachedFiles).toEqual([ref.sha256]);
    // The same number/symbol again is flagged even offline.
    const dups = await rpc.call('incoming.checkDuplicates', { codeNumber: '77', codeNotation: 'STTTT-BCVT', issuer: 'Sở Tài chính tỉnh Kon Tum', issuedDate: '2026-11-20' });
    expect(dups.map((d) => d.id)).toEqual([documentId]);

    server = await startTestServer({ dataDir: server.dataDir });
    await eventually(async () => (await rpc.call('sync.status')).pendingCount === 0);
    const done = (await rpc.call('incoming.get', { id: documentId }))!;
    expect(done.pendingRegistration).toBe(false);
    expect(done.doc.arrivalNumber).toBeGreaterThan(0);
    expect(done.doc.files.map((f) => f.sha256)).toEqual([ref.sha256]);
    // Uploaded before the registration: another user can download it.
    const boss = await login(server.url, 'chutich');
    const got = await http(server.url, 'GET', `/files/${ref.sha256}`, { token: boss });
    expect(got.status).toBe(200);
  });

  it('when two devices of the leader both assign a main handler offline, the second is rejected and rolled back', async () => {
    const doc = await clerk.register({ subject: 'Về việc xử lý vi phạm hành chính' });
    const [pa, pb] = [await proxy(), await proxy()];
    const a = core().rpc;
    const b = core().rpc;
    await signIn(a, pa.url, 'chutich');
    await signIn(b, pb.url, 'chutich');
    await Promise.all([a.call('sync.now'), b.call('sync.now')]);
    pa.setOffline(true);
    pb.setOffline(true);

    const assign = (unitId: string) => ({
      name: 'incoming.assign',
      args: { documentId: doc, instruction: '', assignments: [{ id: randomUUID(), role: 'main', unitId, userId: null, deadline: null }] },
    });
    await a.call('mutate', assign(UNITS.economy.id));
    await b.call('mutate', assign(UNITS.internal.id));
    // Each device, alone, believes its own assignment.
    expect((await b.call('incoming.get', { id: doc }))!.doc.assignments.map((x) => x.unitId)).toEqual([UNITS.internal.id]);

    pa.setOffline(false);
    expect((await a.call('sync.now')).pendingCount).toBe(0);

    const rejected = b.waitFor('rejected');
    pb.setOffline(false);
    const after = await b.call('sync.now');
    const r = await rejected;
    expect(r.error.code).toBe('main_handler_exists');
    expect(r.error.message.vi).toContain('đã có đơn vị/cá nhân xử lý chính');
    expect(r.recordId).toBe(doc);
    expect(after).toMatchObject({ pendingCount: 0, failedCount: 1 });
    const view = (await b.call('incoming.get', { id: doc }))!;
    expect(view.doc.assignments.filter((x) => x.status === 'active').map((x) => x.unitId)).toEqual([UNITS.economy.id]);
    expect(view.failed.map((f) => f.error.code)).toEqual(['main_handler_exists']);
    const failed = await b.call('mutations.failed');
    expect(failed).toHaveLength(1);
    await b.call('mutations.dismiss', { id: failed[0]!.id });
    expect(await b.call('mutations.failed')).toEqual([]);
    expect((await b.call('sync.status')).failedCount).toBe(0);
  });

  it('a specialist who completes offline after the leader revoked the assignment gets a rejection, and loses the document', async () => {
    const doc = await clerk.register({ subject: 'Về việc thẩm định dự án đầu tư công' });
    const assignmentId = randomUUID();
    await leader.apply('incoming.assign', {
      documentId: doc,
      instruction: '',
      assignments: [{ id: assignmentId, role: 'main', unitId: null, userId: U['cv.kinhte2'].id, deadline: null, note: '' }],
    });
    const p = await proxy();
    const spec = core().rpc;
    await signIn(spec, p.url, 'cv.kinhte2');
    await spec.call('sync.now');
    expect((await spec.call('incoming.get', { id: doc }))!.allowedActions).toContain('incoming.complete');

    p.setOffline(true);
    await spec.call('mutate', { name: 'incoming.complete', args: { documentId: doc, note: 'Đã thẩm định xong.' } });
    expect((await spec.call('incoming.get', { id: doc }))!.doc.status).toBe('done');
    await leader.apply('incoming.revokeAssignment', { documentId: doc, assignmentId, reason: 'Chuyển người khác' });

    const rejected = spec.waitFor('rejected');
    p.setOffline(false);
    await spec.call('sync.now');
    const r = await rejected;
    expect(r.name).toBe('incoming.complete');
    expect(r.error.message.vi.length).toBeGreaterThan(0);
    expect(await spec.call('incoming.get', { id: doc })).toBeNull();
    expect((await spec.call('mutations.failed')).map((f) => f.recordId)).toEqual([doc]);
    expect((await serverDoc(server.url, doc)).status).not.toBe('done');
  });

  it('the rules refuse an action at once, and nothing is queued', async () => {
    const doc = await clerk.register({ subject: 'Về việc kiểm tra công tác văn thư' });
    const spec = core().rpc;
    await signIn(spec, server.url, 'cv.noichinh');
    await spec.call('sync.now');
    const boss = core().rpc;
    await signIn(boss, server.url, 'chutich');
    await boss.call('sync.now');
    await expect(boss.call('mutate', { name: 'incoming.complete', args: { documentId: doc } })).rejects.toMatchObject({ code: 'not_handler' });
    await expect(
      boss.call('mutate', { name: 'incoming.assign', args: { documentId: doc, instruction: '', assignments: [{ id: randomUUID(), role: 'cooperate', unitId: UNITS.economy.id, userId: null, deadline: null }] } }),
    ).rejects.toMatchObject({ code: 'main_handler_required' });
    await expect(boss.call('mutate', { name: 'incoming.addOpinion', args: { documentId: doc, kind: 'opinion', content: '' } })).rejects.toMatchObject({
      code: 'invalid_mutation',
    });
    await expect(boss.call('mutate', { name: 'incoming.register', args: { documentId: randomUUID(), metadata: metadata(), files: [] } })).rejects.toMatchObject({
      code: 'not_clerk',
    });
    await expect(boss.call('incoming.get', { id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await boss.call('sync.status')).pendingCount).toBe(0);
  });

  it('a session ended by the server stops syncing but keeps the outbox, which is sent after signing in again', async () => {
    const doc = await clerk.register({ subject: 'Về việc tăng cường kỷ luật hành chính' });
    const c = core();
    await signIn(c.rpc, server.url, 'chutich');
    await c.rpc.call('sync.now');
    const saved = JSON.parse(JSON.parse(readFileSync(join(c.dataDir, 'session.json'), 'utf8')).session);
    await http(server.url, 'POST', '/auth/logout', { token: saved.token });

    await c.rpc.call('mutate', { name: 'incoming.addOpinion', args: { documentId: doc, opinionId: randomUUID(), kind: 'opinion', content: 'Giao Văn phòng theo dõi.' } });
    const st = await c.rpc.call('sync.now');
    expect(st.lastError?.code).toBe('unauthenticated');
    expect(st.pendingCount).toBe(1);
    expect((await c.rpc.call('session.get')).signedIn).toBe(true); // the cache stays readable

    await signIn(c.rpc, server.url, 'chutich');
    await eventually(async () => (await c.rpc.call('sync.status')).pendingCount === 0);
    expect((await serverDoc(server.url, doc)).opinions).toHaveLength(1);
  });
});
