import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, metadata } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('signing out', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let core: InProcessCore;

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
  });
  afterAll(async () => {
    proxy?.stall(false);
    await core?.close();
    await proxy?.close();
    await server?.close();
  });

  it('mid-sync, with the server hung, signs out at once, keeps the outbox, and the next sign-in sends it', async () => {
    core = startCore();
    const { rpc } = core;
    await signIn(rpc, proxy.url, 'vanthu');
    await rpc.call('sync.now');

    // The server stops answering while a registration with its scan is being sent.
    proxy.stall(true);
    const ref = await rpc.call('files.add', { name: 'Công văn 88.pdf', bytes: new Uint8Array(makePdf('Cong van so 88')) });
    const documentId = randomUUID();
    await rpc.call('mutate', {
      name: 'incoming.register',
      args: { documentId, metadata: metadata({ subject: 'Về việc đăng xuất giữa chừng', codeNumber: '88', codeNotation: 'UBND-VP' }), files: [ref] },
    });
    await eventually(async () => proxy.stalledOpen().some((l) => l.startsWith('PUT /api/v1/files/')));

    await rpc.call('session.logout');
    expect((await rpc.call('session.get')).signedIn).toBe(false);
    // Sign-out did not wait for the hung server: its goodbye to the server goes out after, and hangs unanswered.
    await eventually(async () => proxy.stalledOpen().some((l) => l.startsWith('POST /api/v1/auth/logout')), 3000);

    // The core is ready for the next sign-in, and the registration was kept and is delivered.
    proxy.stall(false);
    await signIn(rpc, proxy.url, 'vanthu');
    expect((await rpc.call('incoming.get', { id: documentId }))?.pendingRegistration).toBe(true);
    await eventually(async () => (await rpc.call('sync.status')).pendingCount === 0);
    const done = (await rpc.call('incoming.get', { id: documentId }))!;
    expect(done.pendingRegistration).toBe(false);
    expect(done.doc.arrivalNumber).toBeGreaterThan(0);
    expect(done.doc.files.map((f) => f.sha256)).toEqual([ref.sha256]);
  }, 30_000);
});
