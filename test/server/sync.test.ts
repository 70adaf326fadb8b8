/**
 * The sync protocol (ARCHITECTURE.md "Sync protocol"): paged pulls over a change
 * log with cursors and resets, exactly-once pushes with client mutation ids
 * (replay, gap, rejection), and pokes over server-sent events.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PullResponse, PushGapBody, PushResponse } from '../../src/shared/sync/protocol.js';
import { http, metadata, PushClient } from '../helpers/api.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, EventStream, expectError, expectRejected, fold, loginAll, pullDocs, pullPage, storedState } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.noichinh'] as const;

describe.each(BACKENDS)('sync protocol (%s)', (backend) => {
  let s: TestServer;
  let t: Record<(typeof USERS)[number], string>;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
  });
  afterAll(async () => s?.close());

  const push = (token: string, clientId: string, mutations: Array<{ id: number; name: string; args: unknown }>) =>
    http(s.url, 'POST', '/sync/push', { token, json: { clientId, mutations: mutations.map((m) => ({ ...m, createdAt: clock.iso() })) } });
  const register = (id: number, documentId = randomUUID()) => ({ id, name: 'incoming.register', args: { documentId, metadata: metadata(), files: [] } });
  const opinion = (id: number, documentId: string, opinionId = randomUUID(), content = 'Ý kiến của lãnh đạo') => ({
    id,
    name: 'incoming.addOpinion',
    args: { documentId, opinionId, kind: 'opinion', content },
  });
  const accessOf = async (user: keyof typeof U) =>
    (await s.server.db.query<{ record_id: string }>("SELECT record_id FROM record_access WHERE user_id = $1 AND kind = 'incoming'", [U[user].id])).rows.map((r) => r.record_id).sort();

  it('a paged initial pull returns every visible document exactly once, then an incremental pull only what changed', async () => {
    const clientId = randomUUID();
    const ids = Array.from({ length: 7 }, () => randomUUID());
    const batch = await push(t.vanthu, clientId, ids.map((d, i) => register(i + 1, d)));
    expect(batch.status).toBe(200);
    const body = PushResponse.parse(batch.body);
    expect(body.lastMutationId).toBe(7);
    expect(body.results.map((r) => [r.id, r.status])).toEqual(ids.map((_, i) => [i + 1, 'applied']));

    const pages: PullResponse[] = [];
    let cursor: string | null = null;
    do {
      const page: PullResponse = await pullPage(s.url, t.vanthu, clientId, cursor, 2);
      pages.push(page);
      cursor = page.cursor;
    } while (pages.at(-1)!.more && pages.length < 50);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.map((p) => p.reset)).toEqual([true, ...pages.slice(1).map(() => false)]);
    expect(pages.map((p) => p.more)).toEqual([...pages.slice(1).map(() => true), false]);
    for (const p of pages) expect(p.changes.length).toBeLessThanOrEqual(2);
    const sent = pages.flatMap((p) => p.changes.map((c) => (c.op === 'put' ? c.doc.id : `remove ${c.id}`)));
    expect([...sent].sort()).toEqual(await accessOf('vanthu'));
    expect(new Set(sent).size).toBe(sent.length);
    for (const d of ids) expect(sent).toContain(d);
    expect(pages.every((p) => p.lastMutationId === 7)).toBe(true);

    // One document changes: the next pull carries just that one, in its new state.
    await new PushClient(s.url, t.chutich).apply('incoming.assign', {
      documentId: ids[3],
      instruction: 'Giao Phòng Kinh tế',
      assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null }],
    });
    const next = await pullPage(s.url, t.vanthu, clientId, cursor);
    expect(next.reset).toBe(false);
    expect(next.more).toBe(false);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]).toMatchObject({ op: 'put', doc: { id: ids[3], version: 2, status: 'in_progress' } });
    // Nothing more after that.
    const idle = await pullPage(s.url, t.vanthu, clientId, next.cursor);
    expect(idle.changes).toEqual([]);
    expect(idle.reset).toBe(false);
  });

  it('an incremental pull pages through many changes, keeping only the latest state of each document', async () => {
    const { cursor } = await pullDocs(s.url, t.chutich);
    const cl = new PushClient(s.url, t.vanthu);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await cl.register());
    const leader = new PushClient(s.url, t.chutich);
    for (const d of ids) await leader.apply('incoming.addOpinion', { documentId: d, opinionId: randomUUID(), kind: 'opinion', content: 'Đã xem' });
    const pages: PullResponse[] = [];
    let c = cursor;
    for (;;) {
      const p = await pullPage(s.url, t.chutich, randomUUID(), c, 3);
      pages.push(p);
      c = p.cursor;
      if (!p.more) break;
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => !p.reset)).toBe(true);
    const docs = fold(new Map(), pages.flatMap((p) => p.changes));
    expect([...docs.keys()].sort()).toEqual([...ids].sort());
    for (const d of docs.values()) expect(d.opinions).toHaveLength(1);
  });

  it('a change made while a client is in the middle of its first snapshot is still delivered', async () => {
    const clientId = randomUUID();
    const first = await pullPage(s.url, t.chutich, clientId, null, 1);
    expect(first.more).toBe(true);
    const sentFirst = first.changes[0];
    expect(sentFirst?.op).toBe('put');
    const early = sentFirst!.op === 'put' ? sentFirst!.doc : undefined;

    // Meanwhile: the document already sent changes, and a new one arrives.
    const opinionId = randomUUID();
    await new PushClient(s.url, t.chutich).apply('incoming.addOpinion', { documentId: early!.id, opinionId, kind: 'opinion', content: 'Ý kiến trong lúc đồng bộ' });
    const fresh = await new PushClient(s.url, t.vanthu).register();

    let cursor = first.cursor;
    const rest: any[] = [];
    for (;;) {
      const p = await pullPage(s.url, t.chutich, clientId, cursor, 1);
      rest.push(...p.changes);
      cursor = p.cursor;
      if (!p.more) break;
    }
    const held = fold(fold(new Map(), first.changes), rest);
    expect(held.get(early!.id)!.opinions.map((o) => o.id)).toContain(opinionId);
    expect(held.has(fresh)).toBe(true);
    // What the client holds now is exactly what a fresh client would get.
    expect(held).toEqual((await pullDocs(s.url, t.chutich)).docs);
  });

  it('a replayed push answers replayed and changes nothing', async () => {
    const docId = await new PushClient(s.url, t.vanthu).register();
    const clientId = randomUUID();
    const opinionId = randomUUID();
    const r1 = await push(t.chutich, clientId, [opinion(1, docId, opinionId)]);
    expect(r1.body).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });
    const state = await storedState(s, docId);

    // The response was lost; the client sends the same mutation again — and even with other args.
    const r2 = await push(t.chutich, clientId, [opinion(1, docId, opinionId)]);
    expect(r2.status).toBe(200);
    expect(r2.body).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'replayed' }] });
    const r3 = await push(t.chutich, clientId, [opinion(1, docId, randomUUID(), 'Nội dung khác')]);
    expect(r3.body.results).toEqual([{ id: 1, status: 'replayed' }]);
    expect(await storedState(s, docId)).toEqual(state);
    expect(state.opinions).toHaveLength(1);

    // A batch that overlaps what was applied: the old part replays, the new part applies.
    const r4 = await push(t.chutich, clientId, [opinion(1, docId, opinionId), opinion(2, docId)]);
    expect(r4.body).toEqual({ lastMutationId: 2, results: [{ id: 1, status: 'replayed' }, { id: 2, status: 'applied' }] });
    expect((await storedState(s, docId)).opinions).toHaveLength(2);
  });

  it('a rejected mutation replayed gets the very same rejection', async () => {
    const docId = await new PushClient(s.url, t.vanthu).register();
    const clientId = randomUUID();
    const complete = { id: 1, name: 'incoming.complete', args: { documentId: docId, note: '' } };
    const r1 = await push(t.vanthu, clientId, [complete]);
    expectRejected(r1, 'not_handler');
    expect(r1.body.lastMutationId).toBe(1);
    const r2 = await push(t.vanthu, clientId, [complete]);
    expect(r2.body).toEqual(r1.body);
    // And an unknown mutation's rejection, too.
    const r3 = await push(t.vanthu, clientId, [{ id: 2, name: 'incoming.delete', args: { documentId: docId } }]);
    expectRejected(r3, 'unknown_mutation');
    expect((await push(t.vanthu, clientId, [{ id: 2, name: 'incoming.delete', args: {} }])).body).toEqual(r3.body);
  });

  it('a gap in mutation ids is refused with 409 and nothing is applied', async () => {
    const docId = await new PushClient(s.url, t.vanthu).register();
    const clientId = randomUUID();
    expect((await push(t.chutich, clientId, [opinion(1, docId)])).status).toBe(200);
    const before = await storedState(s, docId);

    const gap = await push(t.chutich, clientId, [opinion(3, docId), opinion(4, docId)]);
    expectError(gap, 409, 'mutation_gap');
    const body = PushGapBody.parse(gap.body);
    expect(body.details).toEqual({ expected: 2, lastMutationId: 1 });
    expect(body.message.vi).toContain('2');
    expect(await storedState(s, docId)).toEqual(before);
    expect((await pullPage(s.url, t.chutich, clientId, null)).lastMutationId).toBe(1);

    // A brand-new client must start at 1.
    expectError(await push(t.chutich, randomUUID(), [opinion(5, docId)]), 409, 'mutation_gap');
    // Ids inside one batch must follow each other.
    expectError(await push(t.chutich, clientId, [opinion(2, docId), opinion(4, docId)]), 400, 'validation_failed');
    expectError(await push(t.chutich, clientId, [opinion(2, docId), opinion(2, docId)]), 400, 'validation_failed');
    expect(await storedState(s, docId)).toEqual(before);

    // Resending from the expected id goes through.
    const ok = await push(t.chutich, clientId, [opinion(2, docId), opinion(3, docId)]);
    expect(ok.body).toEqual({ lastMutationId: 3, results: [{ id: 2, status: 'applied' }, { id: 3, status: 'applied' }] });
    expect((await storedState(s, docId)).opinions).toHaveLength(3);
  });

  it('each mutation of a batch stands alone: a rejection in the middle does not stop the rest', async () => {
    const docId = await new PushClient(s.url, t.vanthu).register();
    const clientId = randomUUID();
    const r = await push(t.chutich, clientId, [
      opinion(1, docId),
      { id: 2, name: 'incoming.complete', args: { documentId: docId } },
      opinion(3, docId),
    ]);
    expect(r.body.lastMutationId).toBe(3);
    expect(r.body.results.map((x: any) => x.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(r.body.results[1].error.code).toBe('not_handler');
    const doc = await storedState(s, docId);
    expect(doc.opinions).toHaveLength(2);
    expect(doc.status).toBe('registered');
  });

  it('a client id belongs to the user who first used it', async () => {
    const docId = await new PushClient(s.url, t.vanthu).register();
    const clientId = randomUUID();
    expect((await push(t.chutich, clientId, [opinion(1, docId)])).status).toBe(200);
    const before = await storedState(s, docId);
    // Another user (or a stolen id) cannot push under it…
    expectError(await push(t['tp.kinhte'], clientId, [opinion(2, docId)]), 403, 'client_mismatch');
    expectError(await push(t.vanthu, clientId, [{ id: 2, name: 'incoming.markRead', args: { documentId: docId } }]), 403, 'client_mismatch');
    expect(await storedState(s, docId)).toEqual(before);
    // …nor learn its progress from a pull.
    expect((await pullPage(s.url, t.vanthu, clientId, null)).lastMutationId).toBe(0);
    expect((await pullPage(s.url, t.chutich, clientId, null)).lastMutationId).toBe(1);
    const owner = (await s.server.db.query<{ user_id: string; last_mutation_id: number }>('SELECT user_id, last_mutation_id FROM clients WHERE client_id = $1', [clientId])).rows;
    expect(owner).toEqual([{ user_id: U.chutich.id, last_mutation_id: 1 }]);
  });

  it("pull reports the client's last processed mutation id", async () => {
    const docId = await new PushClient(s.url, t.vanthu).register();
    const cl = new PushClient(s.url, t.chutich);
    expect((await pullPage(s.url, t.chutich, cl.clientId, null)).lastMutationId).toBe(0);
    await cl.apply('incoming.markRead', { documentId: docId });
    await cl.send('incoming.complete', { documentId: docId }); // rejected, still counted
    await cl.apply('incoming.addOpinion', { documentId: docId, opinionId: randomUUID(), kind: 'opinion', content: 'Đồng ý' });
    expect((await pullPage(s.url, t.chutich, cl.clientId, null)).lastMutationId).toBe(3);
    expect((await pullPage(s.url, t.chutich, randomUUID(), null)).lastMutationId).toBe(0);
  });

  describe('stale cursors', () => {
    beforeAll(async () => {
      // Phòng Kinh tế has a document of its own, so its leader's snapshot is not empty.
      const docId = await new PushClient(s.url, t.vanthu).register();
      await new PushClient(s.url, t.chutich).apply('incoming.assign', {
        documentId: docId,
        instruction: '',
        assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null }],
      });
    });

    const expectFullReset = async (cursor: string) => {
      const r = await http(s.url, 'POST', '/sync/pull', { token: t['tp.kinhte'], json: { clientId: randomUUID(), cursor } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const page = PullResponse.parse(r.body);
      expect(page.reset).toBe(true);
      const ids = page.changes.map((c) => (c.op === 'put' ? c.doc.id : '')).sort();
      expect(ids).toEqual(await accessOf('tp.kinhte'));
      expect(ids.length).toBeGreaterThan(0);
    };

    it('a garbage cursor gets a reset and a full snapshot', async () => {
      await expectFullReset('not-a-cursor');
      await expectFullReset('');
      await expectFullReset(Buffer.from('{"s":1}').toString('base64url'));
      await expectFullReset(Buffer.from('null').toString('base64url'));
    });

    it("another server's cursor gets a reset and a full snapshot", async () => {
      const other = await startTestServer({ backend });
      try {
        const token = (await loginAll(other.url, ['tp.kinhte']))['tp.kinhte'];
        const { cursor } = await pullDocs(other.url, token);
        await expectFullReset(cursor);
      } finally {
        await other.close();
      }
    });

    it('a forged cursor that names no real position gets a reset, not a server error', async () => {
      const epoch = s.server.context.epoch;
      const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      await expectFullReset(forge({ e: epoch, h: 0, a: '-'.repeat(36) }));
      await expectFullReset(forge({ e: epoch, h: 0, a: "0'; DROP TABLE documents; --0000000000" }));
      await expectFullReset(forge({ e: epoch, s: 1e18 }));
      await expectFullReset(forge({ e: epoch, s: -1 }));
      await expectFullReset(forge({ e: epoch, s: 1.5 }));
    });
  });

  describe('pokes', () => {
    it('the event stream pokes on connect, and whenever a document the user may see changes — not an unrelated user', async () => {
      const leader = await EventStream.open(s.url, t.chutich);
      const unit = await EventStream.open(s.url, t['tp.kinhte']);
      const other = await EventStream.open(s.url, t['cv.noichinh']);
      try {
        expect([leader.status, unit.status, other.status]).toEqual([200, 200, 200]);
        await Promise.all([leader.untilPokes(1), unit.untilPokes(1), other.untilPokes(1)]);
        expect(s.server.context.pokes.connectionCount).toBe(3);

        // The clerk registers: the agency leader may see it.
        const docId = await new PushClient(s.url, t.vanthu).register();
        await leader.untilPokes(2);
        // The leader gives it to cv.noichinh for information: now they may see it.
        await new PushClient(s.url, t.chutich).apply('incoming.assign', {
          documentId: docId,
          instruction: '',
          assignments: [
            { id: randomUUID(), role: 'main', unitId: UNITS.internal.id, userId: null, deadline: null },
            { id: randomUUID(), role: 'info', unitId: null, userId: U['cv.noichinh'].id, deadline: null },
          ],
        });
        await other.untilPokes(2);
        // Pokes go out in order on one stream: had the registration poked cv.noichinh, this would be 3.
        expect(other.pokes).toBe(2);
        // Phòng Kinh tế gets a document of its own; only now is its leader poked.
        const second = await new PushClient(s.url, t.vanthu).register();
        await new PushClient(s.url, t.chutich).apply('incoming.assign', {
          documentId: second,
          instruction: '',
          assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null }],
        });
        await unit.untilPokes(2);
        expect(unit.pokes).toBe(2);
        expect(other.pokes).toBe(2);
      } finally {
        await Promise.all([leader.close(), unit.close(), other.close()]);
      }
      // The server lets go of closed streams.
      await vi.waitFor(() => expect(s.server.context.pokes.connectionCount).toBe(0), { timeout: 10_000 });
    });

    it('the event stream needs a session', async () => {
      const r = await http(s.url, 'GET', '/sync/events');
      expectError(r, 401, 'unauthenticated');
    });

    // Several instances can only share a real PostgreSQL (PGlite lives inside one process).
    if (backend === 'postgres')
    it('a write on one server instance pokes clients connected to another sharing the database', async () => {
      const other = await startTestServer({ dataDir: s.dataDir, backend, now: clock.now, sessionTtlMs: 365 * DAY, port: 0 });
      const stream = await EventStream.open(other.url, t.chutich);
      try {
        await stream.untilPokes(1);
        await new PushClient(s.url, t.vanthu).register();
        await stream.untilPokes(2);
        expect(stream.pokes).toBe(2);
      } finally {
        await stream.close();
        await other.close();
      }
    });
  });
});
