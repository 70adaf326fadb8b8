/**
 * Warnings the server attaches to an applied action reach the user (the `warned`
 * event the renderer turns into a notice): a computer whose clock is far off has
 * its action recorded at the server's time (`action_time_adjusted`), and a
 * registration that may duplicate an existing document says so. The real core
 * against the real server over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationWarning } from '../../src/shared/rpc/contract.js';
import { login, metadata, PushClient } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('warnings on applied actions', () => {
  let server: TestServer;
  let clerk: PushClient;
  const cores: InProcessCore[] = [];
  const core = (now?: () => Date): InProcessCore => {
    const c = startCore({ ...(now ? { now } : {}), sync: { retryBaseMs: 100, retryMaxMs: 1000, pollMs: 60_000, prefetch: false } });
    cores.push(c);
    return c;
  };
  const collect = (c: InProcessCore): MutationWarning[] => {
    const seen: MutationWarning[] = [];
    c.rpc.on('warned', (w) => seen.push(w));
    return seen;
  };

  beforeAll(async () => {
    server = await startTestServer();
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await server?.close();
  });

  it('a computer whose clock is two hours fast is told its action was recorded at the server time', async () => {
    const doc = await clerk.register({ subject: 'Về việc kiểm tra đồng hồ máy trạm' });
    const fast = core(() => new Date(Date.now() + 2 * 3600_000));
    const warned = collect(fast);
    await signIn(fast.rpc, server.url, 'chutich');
    await fast.rpc.call('sync.now');
    await fast.rpc.call('mutate', { name: 'incoming.addOpinion', args: { documentId: doc, opinionId: randomUUID(), kind: 'opinion', content: 'Đồng ý.', progress: null } });
    await fast.rpc.call('sync.now');
    const w = await eventually(async () => warned.find((x) => x.recordId === doc));
    expect(w).toMatchObject({ name: 'incoming.addOpinion', warnings: [{ code: 'action_time_adjusted' }] });
    expect(w.warnings[0]!.message.vi).toContain('giờ máy chủ');
    expect(w.warnings[0]!.message.en).toContain("server's time");
    // The action itself went through.
    expect((await fast.rpc.call('incoming.get', { id: doc }))!.doc.opinions.map((o) => o.content)).toEqual(['Đồng ý.']);
  });

  it('a registration that may duplicate a registered document is applied with a duplicate warning; a plain one with none', async () => {
    const c = core();
    const warned = collect(c);
    await signIn(c.rpc, server.url, 'vanthu');
    await c.rpc.call('sync.now');
    const md = metadata({ codeNumber: '77', codeNotation: 'QĐ-UBND', issuer: 'Ủy ban nhân dân huyện Đắk Hà' });
    const first = randomUUID();
    await c.rpc.call('mutate', { name: 'incoming.register', args: { documentId: first, metadata: md, files: [] } });
    await c.rpc.call('sync.now');
    const second = randomUUID();
    // The same number, symbol (typed with an en dash) and issuer: Decree 30's duplicate.
    await c.rpc.call('mutate', { name: 'incoming.register', args: { documentId: second, metadata: { ...md, codeNotation: 'QĐ–UBND' }, files: [] } });
    await c.rpc.call('sync.now');
    const w = await eventually(async () => warned.find((x) => x.recordId === second));
    expect(w).toMatchObject({ name: 'incoming.register', warnings: [{ code: 'duplicate_document' }] });
    expect(warned.filter((x) => x.recordId === first)).toEqual([]);
  });
});
