/**
 * Failed versus retried mutations (docs/decisions.md §18), through the real core
 * against the real server: text with a control character is refused at `mutate`;
 * a queued mutation the server can never apply (an older client's, or one too
 * large for any request) ends as a failed mutation the user sees and dismisses,
 * and everything queued after it is still delivered; batches fit the body limit of
 * the server and of a proxy in front of it; only an unreachable or unavailable
 * server makes the core wait and retry.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/main/core/session/secretStore.js';
import { UserCache } from '../../src/main/core/session/userCache.js';
import type { RpcError } from '../../src/shared/rpc/client.js';
import type { Mutation } from '../../src/shared/incoming/mutations.js';
import { MAX_PUSH_BYTES } from '../../src/shared/sync/protocol.js';
import { login, metadata, pullAll, PushClient } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const NUL = '\u0000';

describe('failed versus retried mutations', () => {
  let server: TestServer;
  let clerk: PushClient;
  const cores: InProcessCore[] = [];
  const proxies: NetProxy[] = [];
  const core = (dataDir?: string): InProcessCore => {
    const c = startCore(dataDir ? { dataDir } : {});
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
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
  });

  /** The opinions the server holds on a document, seen by the leader through a fresh pull. */
  async function opinionsOnServer(id: string): Promise<string[]> {
    const token = await login(server.url, 'chutich');
    const doc = (await pullAll(server.url, token, randomUUID())).changes.filter((c) => c.op === 'put' && c.doc.id === id).at(-1)?.doc;
    return (doc?.opinions ?? []).map((o: { content: string }) => o.content);
  }

  /**
   * Write straight into a signed-in user's outbox, as an older core (without
   * today's checks) would have queued it: stop the core, open its cache, enqueue.
   */
  async function queueAsOlderClient(c: InProcessCore, userId: string, entries: { m: unknown; createdAt?: string }[]): Promise<void> {
    await c.close();
    const cache = await UserCache.open(c.dataDir, server.url, userId, () => null, new FileSecretStore(join(c.dataDir, 'session.json')));
    try {
      for (const e of entries) {
        const m = e.m as Mutation;
        cache.outbox.enqueue(m, 'incoming', m.args.documentId, e.createdAt ?? new Date().toISOString());
      }
    } finally {
      cache.close();
    }
  }

  const opinion = (documentId: string, content: string) => ({ name: 'incoming.addOpinion', args: { documentId, opinionId: randomUUID(), kind: 'opinion', content, progress: null } });

  it('text with a control character is refused at mutate, naming the field, and nothing is queued', async () => {
    const doc = await clerk.register({ subject: 'Về việc rà soát ký tự lạ' });
    const { rpc: c } = core();
    await signIn(c, server.url, 'vanthu');
    await c.call('sync.now');
    const refused = async (call: Promise<unknown>, field: string): Promise<void> => {
      const err = (await call.then(
        () => null,
        (e: unknown) => e,
      )) as RpcError | null;
      expect(err, field).toMatchObject({ code: 'control_characters' });
      expect(err!.body.message.vi).toContain(field);
      expect(err!.body.message.vi).toContain('U+0000');
      expect(err!.body.message.en).toContain('control character');
    };
    for (const field of ['issuer', 'codeNumber', 'codeNotation', 'documentType', 'subject', 'signerName', 'signerPosition', 'description'] as const) {
      const md = metadata({ [field]: `Đúng${NUL}sai` });
      await refused(c.call('mutate', { name: 'incoming.register', args: { documentId: randomUUID(), metadata: md, files: [] } }), `metadata.${field}`);
    }
    // Other controls too (ESC, DEL, a C1 control); line breaks and tabs are fine in the text areas.
    for (const junk of ['\u001b[31m', '\u007f', '\u0085'])
      expect(await c.call('mutate', { name: 'incoming.register', args: { documentId: randomUUID(), metadata: metadata({ subject: `Về việc${junk}` }), files: [] } }).catch((e: { code: string }) => e.code)).toBe(
        'control_characters',
      );
    // The duplicate check and the sign-in refuse it too, before anything reaches the server.
    await refused(c.call('incoming.checkDuplicates', { codeNumber: `1${NUL}`, codeNotation: 'QĐ-UBND', issuer: 'Sở Tài chính', issuedDate: '2026-11-20' }), 'codeNumber');
    const other = core().rpc;
    await refused(signIn(other, server.url, `van${NUL}thu`), 'username');

    const boss = core().rpc;
    await signIn(boss, server.url, 'chutich');
    await boss.call('sync.now');
    const assignment = (note: string) => ({ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null, note });
    await refused(boss.call('mutate', opinion(doc, `Đồng ý${NUL}`)), 'content');
    await refused(boss.call('mutate', { name: 'incoming.assign', args: { documentId: doc, instruction: `Giao${NUL}`, assignments: [assignment('')] } }), 'instruction');
    await refused(boss.call('mutate', { name: 'incoming.assign', args: { documentId: doc, instruction: '', assignments: [assignment(`Gấp${NUL}`)] } }), 'assignments.0.note');
    await refused(boss.call('mutate', { name: 'incoming.revokeAssignment', args: { documentId: doc, assignmentId: randomUUID(), reason: `x${NUL}` } }), 'reason');
    await refused(boss.call('mutate', { name: 'incoming.complete', args: { documentId: doc, note: `x${NUL}` } }), 'note');
    await refused(
      boss.call('mutate', { name: 'incoming.reassign', args: { documentId: doc, parentAssignmentId: randomUUID(), assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.kinhte1'].id, deadline: null, note: `x${NUL}` }] } }),
      'assignments.0.note',
    );
    // A multi-line opinion with a tab is ordinary text.
    await boss.call('mutate', opinion(doc, 'Giao Phòng Kinh tế:\n\t- tham mưu;\r\n\t- báo cáo.'));
    expect((await c.call('sync.status')).pendingCount).toBe(0);
    expect((await boss.call('sync.now')).pendingCount).toBe(0);
    expect(await opinionsOnServer(doc)).toEqual(['Giao Phòng Kinh tế:\n\t- tham mưu;\r\n\t- báo cáo.']);
  });

  it('mutations an older client queued that the server can never apply end failed and dismissable; the ones after them are delivered', async () => {
    const doc = await clerk.register({ subject: 'Về việc hàng đợi bị kẹt' });
    const first = core();
    await signIn(first.rpc, server.url, 'chutich');
    await first.rpc.call('sync.now');
    await queueAsOlderClient(first, U.chutich.id, [
      { m: opinion(doc, 'Ý kiến 1') },
      // PostgreSQL refuses NUL: this one made the server answer 500 and held the queue forever.
      { m: opinion(doc, `Ý kiến ${NUL} 2`) },
      { m: opinion(doc, 'Ý kiến 3') },
      // An envelope the server refuses whole (400): the batch is narrowed down to it.
      { m: opinion(doc, 'Ý kiến 4'), createdAt: 'hôm qua' },
      { m: opinion(doc, 'Ý kiến 5') },
    ]);

    const again = core(first.dataDir);
    const rejected: { name: string; code: string }[] = [];
    const off = again.rpc.on('rejected', (f) => rejected.push({ name: f.name, code: f.error.code }));
    const status = await eventually(async () => {
      const s = await again.rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online' && s;
    });
    off();
    expect(status.failedCount).toBe(2);
    expect(await opinionsOnServer(doc)).toEqual(['Ý kiến 1', 'Ý kiến 3', 'Ý kiến 5']);
    // Told at once (RejectionNotifier), and kept in the list the sync indicator opens.
    expect(rejected).toEqual([
      { name: 'incoming.addOpinion', code: 'control_characters' },
      { name: 'incoming.addOpinion', code: 'validation_failed' },
    ]);
    const failed = await again.rpc.call('mutations.failed');
    expect(failed.map((f) => f.recordId)).toEqual([doc, doc]);
    expect(failed[0]!.error.message.vi).toContain('U+0000');
    const view = (await again.rpc.call('incoming.get', { id: doc }))!;
    expect(view.doc.opinions.map((o) => o.content)).toEqual(['Ý kiến 1', 'Ý kiến 3', 'Ý kiến 5']);
    for (const f of failed) await again.rpc.call('mutations.dismiss', { id: f.id });
    expect(await again.rpc.call('sync.status')).toMatchObject({ failedCount: 0, pendingCount: 0 });

    // And the queue keeps flowing afterwards.
    await again.rpc.call('mutate', opinion(doc, 'Ý kiến 6'));
    expect(await again.rpc.call('sync.now')).toMatchObject({ pendingCount: 0, failedCount: 0, lastError: null });
    expect(await opinionsOnServer(doc)).toEqual(['Ý kiến 1', 'Ý kiến 3', 'Ý kiến 5', 'Ý kiến 6']);
  });

  it('101 long opinions written offline are all delivered, through a proxy that takes at most 1 MB a request', async () => {
    const doc = await clerk.register({ subject: 'Về việc góp ý dự thảo quy chế' });
    const p = await proxy();
    p.setMaxBodyBytes(1024 * 1024); // nginx's client_max_body_size default
    const { rpc: c } = core();
    await signIn(c, p.url, 'chutich');
    await c.call('sync.now');
    p.setOffline(true);
    // 4,000 characters of three UTF-8 bytes each: 12 KB an opinion, 1.2 MB for a batch of 100.
    const long = (i: number): string => `Ý kiến ${i}: ${'ề'.repeat(4000)}`.slice(0, 4000);
    for (let i = 1; i <= 101; i++) await c.call('mutate', opinion(doc, long(i)));
    expect((await c.call('sync.status')).pendingCount).toBe(101);

    p.setOffline(false);
    const status = await eventually(async () => {
      const s = await c.call('sync.now');
      return s.pendingCount === 0 && s;
    }, 60_000);
    expect(status.failedCount).toBe(0);
    expect(await c.call('sync.now')).toMatchObject({ failedCount: 0, state: 'online', lastError: null });
    expect(p.answered).toContain(413); // the proxy did refuse the first, too large batch
    const onServer = await opinionsOnServer(doc);
    expect(onServer).toHaveLength(101);
    expect(onServer.at(-1)).toBe(long(101));
  });

  it('a queued mutation too large for any request fails with the reason; the others are delivered', async () => {
    const doc = await clerk.register({ subject: 'Về việc ý kiến quá dài' });
    const first = core();
    await signIn(first.rpc, server.url, 'chutich');
    await first.rpc.call('sync.now');
    await queueAsOlderClient(first, U.chutich.id, [{ m: opinion(doc, 'Trước') }, { m: opinion(doc, 'ư'.repeat(MAX_PUSH_BYTES)) }, { m: opinion(doc, 'Sau') }]);

    const again = core(first.dataDir);
    const status = await eventually(async () => {
      const s = await again.rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online' && s;
    });
    expect(status.failedCount).toBe(1);
    const [f] = await again.rpc.call('mutations.failed');
    expect(f).toMatchObject({ name: 'incoming.addOpinion', kind: 'incoming', recordId: doc, error: { code: 'mutation_too_large' } });
    expect(f!.error.message.vi).toContain('2 MB');
    expect(f!.error.message.en).toContain('too large');
    expect(await opinionsOnServer(doc)).toEqual(['Trước', 'Sau']);
  });

  it('a server that is down or answers 502/503/504 is retried: nothing is failed, everything is delivered once it is back', async () => {
    const doc = await clerk.register({ subject: 'Về việc máy chủ bảo trì' });
    const p = await proxy();
    const { rpc: c } = core();
    await signIn(c, p.url, 'chutich');
    await c.call('sync.now');

    await c.call('mutate', opinion(doc, 'Trong lúc bảo trì'));
    for (const status of [503, 502, 504]) {
      p.answerWith(status);
      expect(await c.call('sync.now')).toMatchObject({ state: 'offline', pendingCount: 1, failedCount: 0 });
    }
    p.answerWith(null);
    p.setOffline(true);
    await c.call('mutate', opinion(doc, 'Khi mất mạng'));
    expect(await c.call('sync.now')).toMatchObject({ state: 'offline', pendingCount: 2, failedCount: 0 });
    expect((await c.call('sync.status')).lastError?.code).toBe('server_unreachable');

    p.setOffline(false);
    await eventually(async () => (await c.call('sync.status')).pendingCount === 0);
    expect(await c.call('sync.now')).toMatchObject({ failedCount: 0, state: 'online' });
    expect(await opinionsOnServer(doc)).toEqual(['Trong lúc bảo trì', 'Khi mất mạng']);
    expect(await c.call('mutations.failed')).toEqual([]);
  });
});


