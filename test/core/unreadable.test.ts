/**
 * Messy data on the server never blocks a user's sync (docs/decisions.md §18):
 * a document whose stored state this client's schema refuses (a control character
 * or an over-long history summary written by an older server) is set aside — the
 * other documents of its page and the later pages still arrive, the cursor moves,
 * the user sees which document could not be read — and it comes in once the row is
 * corrected on the server, or when a new app version pulls everything again.
 * The real core against the real server over HTTP; the bad rows are written
 * straight into the server's database, as an older server would have left them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RpcClient } from '../../src/shared/rpc/client.js';
import { login, PushClient } from '../helpers/api.js';
import { FAST_SYNC, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('a document this client cannot read', () => {
  let server: TestServer;
  let clerk: PushClient;
  let leader: PushClient;
  const cores: InProcessCore[] = [];
  /** Two documents a page, so the bad ones sit in the middle of a multi-page pull. */
  const core = (o: { dataDir?: string; appVersion?: string } = {}): InProcessCore => {
    const c = startCore({ sync: { ...FAST_SYNC, pullLimit: 2, prefetch: false }, ...o });
    cores.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    leader = new PushClient(server.url, await login(server.url, 'chutich'));
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await server?.close();
  });

  /** Rewrite a document's stored state in the server's database, without a change-log entry (as an older server or a restore left it). */
  async function corrupt(id: string, edit: (state: Record<string, any>) => void): Promise<void> {
    const row = (await server.server.db.query<{ state: string }>('SELECT state FROM documents WHERE id = $1', [id])).rows[0]!;
    const state = JSON.parse(row.state) as Record<string, any>;
    edit(state);
    await server.server.db.query('UPDATE documents SET state = $2 WHERE id = $1', [id, JSON.stringify(state)]);
  }

  const subjectOf = async (rpc: RpcClient, id: string): Promise<string | null> => (await rpc.call('incoming.get', { id }))?.doc.subject ?? null;
  const opinion = (documentId: string, content: string) => ({ documentId, opinionId: randomUUID(), kind: 'opinion', content, progress: null });

  it('is set aside and reported while every other document syncs; a correction on the server brings it in', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) ids.push(await clerk.register({ subject: `Về việc kiểm tra dữ liệu cũ số ${i}` }));
    const [, bell, , longSummary] = ids as [string, string, string, string];
    // A BEL in the subject (text() refuses control characters now) and a history summary twice the limit.
    await corrupt(bell, (s) => (s.subject = 'Về việc\u0007 báo cáo'));
    await corrupt(longSummary, (s) => (s.history[0].summary = 'Ý kiến '.repeat(600)));

    const { rpc } = core();
    await signIn(rpc, server.url, 'vanthu');
    const status = await rpc.call('sync.now');
    // The pull went through: online, no error, and every readable document is here, before and after the bad ones.
    expect(status).toMatchObject({ state: 'online', lastError: null, refusedCount: 2 });
    for (const [i, id] of ids.entries()) {
      if (id === bell || id === longSummary) expect(await subjectOf(rpc, id)).toBeNull();
      else expect(await subjectOf(rpc, id)).toBe(`Về việc kiểm tra dữ liệu cũ số ${i + 1}`);
    }
    // The user is told which documents could not be read and why (the fields, never their content), in both languages.
    const refused = await rpc.call('sync.refused');
    expect(refused.map((r) => r.recordId).sort()).toEqual([bell, longSummary].sort());
    for (const r of refused) {
      expect(r.error.code).toBe('document_unreadable');
      expect(r.error.message.vi).toContain('các văn bản khác vẫn đồng bộ');
      expect(r.error.message.en).toContain('other documents keep syncing');
    }
    const bellError = refused.find((r) => r.recordId === bell)!.error;
    expect(bellError.message.vi).toContain('subject');
    expect(JSON.stringify(bellError)).not.toContain('báo cáo');
    expect(refused.find((r) => r.recordId === longSummary)!.error.message.en).toContain('history.0.summary');

    // Later changes still arrive (the cursor moved past the bad ones).
    const later = await clerk.register({ subject: 'Về việc văn bản đến sau' });
    await rpc.call('sync.now');
    expect(await subjectOf(rpc, later)).toBe('Về việc văn bản đến sau');

    // Any action on the document on the server repairs the old state and sends it again: it comes in, and the notice goes.
    await leader.apply('incoming.addOpinion', opinion(bell, 'Đề nghị kiểm tra lại.'));
    await leader.apply('incoming.addOpinion', opinion(longSummary, 'Đã xem.'));
    expect(await rpc.call('sync.now')).toMatchObject({ state: 'online', refusedCount: 0 });
    expect(await subjectOf(rpc, bell)).toBe('Về việc báo cáo');
    const repaired = (await rpc.call('incoming.get', { id: longSummary }))!.doc;
    expect(repaired.history[0]!.summary.length).toBe(2000);
    expect(repaired.history[0]!.summary.endsWith('…')).toBe(true);
    expect(repaired.opinions.map((o) => o.content)).toEqual(['Đã xem.']);
    expect(await rpc.call('sync.refused')).toEqual([]);
  });

  it('a new app version pulls again what the previous one could not read', async () => {
    const id = await clerk.register({ subject: 'Về việc bản ghi được sửa thầm lặng' });
    await corrupt(id, (s) => (s.subject = 'Về việc\u001b bản ghi'));
    const first = core({ appVersion: '0.1.0' });
    await signIn(first.rpc, server.url, 'vanthu');
    expect(await first.rpc.call('sync.now')).toMatchObject({ state: 'online', refusedCount: 1 });
    // Corrected on the server without a change-log entry (a restore, a manual fix): no pull announces it.
    await corrupt(id, (s) => (s.subject = 'Về việc bản ghi đã sửa'));
    expect(await first.rpc.call('sync.now')).toMatchObject({ refusedCount: 1 });
    await first.close();

    // The same version restarted does not start over (a full pull costs minutes on a large register)…
    const same = core({ dataDir: first.dataDir, appVersion: '0.1.0' });
    await same.core.ready;
    expect(await same.rpc.call('sync.now')).toMatchObject({ state: 'online', refusedCount: 1 });
    expect(await subjectOf(same.rpc, id)).toBeNull();
    await same.close();

    // …an updated app does, once, and the document arrives.
    const updated = core({ dataDir: first.dataDir, appVersion: '0.2.0' });
    await updated.core.ready;
    expect(await updated.rpc.call('sync.now')).toMatchObject({ state: 'online', refusedCount: 0, lastError: null });
    expect(await subjectOf(updated.rpc, id)).toBe('Về việc bản ghi đã sửa');
    expect((await updated.rpc.call('incoming.list', {})).total).toBeGreaterThan(1);
  });
});
