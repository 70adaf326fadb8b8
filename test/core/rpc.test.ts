import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/core.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { makePdf } from '../helpers/api.js';
import { forkCore, signIn, tempDir, type ForkedCore } from '../helpers/core.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the RPC boundary', () => {
  let server: TestServer;
  let forked: ForkedCore;

  beforeAll(async () => {
    server = await startTestServer();
    forked = forkCore();
  });
  afterAll(async () => {
    await forked?.kill('SIGTERM');
    await server?.close();
  });

  it('a forked core answers typed calls, and bytes cross the process boundary intact', async () => {
    const session = await signIn(forked.rpc, server.url, 'vanthu');
    expect(session.user?.fullName).toBe('Nguyễn Thị Hoa');
    const pdf = new Uint8Array(makePdf('qua ranh gioi tien trinh'));
    const ref = await forked.rpc.call('files.add', { name: 'tờ trình.pdf', bytes: pdf });
    expect(ref.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(ref.size).toBe(pdf.length);
  });

  it('the renderer is untrusted: unknown methods and malformed params are refused with an ErrorBody', async () => {
    const raw = forked.rpc as unknown as { call(m: string, p: unknown): Promise<unknown> };
    await expect(raw.call('fs.readFile', { path: '/etc/shadow' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(raw.call('incoming.list', { limit: 100_000 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(raw.call('mutate', { name: 'incoming.dropTable', args: {} })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(raw.call('files.open', { sha256: '../../session.json' })).rejects.toMatchObject({ code: 'validation_failed' });
    const err = (await raw.call('session.login', { serverUrl: 'not a url', username: 'a', password: 'b' }).catch((e: unknown) => e)) as { body: { message: { vi: string; en: string } } };
    expect(err.body.message.vi).toMatch(/không hợp lệ/u);
    // Still serving after all that.
    expect((await forked.rpc.call('session.get')).signedIn).toBe(true);
  });

  it('several windows attach to one core; events reach all of them', async () => {
    const core = createCore({ dataDir: tempDir() });
    const clients = [0, 1].map(() => {
      const [ui, coreEnd] = createMemoryTransportPair();
      core.attach(coreEnd);
      return new RpcClient(ui);
    });
    try {
      const seen = clients.map((c) => c.waitFor('changed', (e) => e.scope === 'session'));
      await signIn(clients[0]!, server.url, 'chutich');
      await Promise.all(seen);
      expect((await clients[1]!.call('session.get')).user?.username).toBe('chutich');
      const synced = clients.map((c) => c.waitFor('sync', (s) => s.state === 'online'));
      await clients[1]!.call('sync.now');
      await Promise.all(synced);
    } finally {
      clients.forEach((c) => c.close());
      await core.close();
    }
  });
});
