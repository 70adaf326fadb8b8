import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makePdf, metadata, PushClient, uploadPdf } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { vnToday } from '../../src/shared/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('core sync with the reference server', () => {
  let server: TestServer;
  let clerk: PushClient;
  let leader: PushClient;
  const cores: InProcessCore[] = [];
  const core = (): InProcessCore => {
    const c = startCore();
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

  it('initial sync gives a leader every document with history, assignments and the list columns right', async () => {
    const plain = await clerk.register({ subject: 'Về việc báo cáo tình hình kinh tế quý IV' });
    const urgent = await clerk.register({ subject: 'Về việc phòng chống lụt bão', urgency: 'very_urgent' });
    const assignmentId = randomUUID();
    await leader.apply('incoming.assign', {
      documentId: urgent,
      instruction: 'Giao Phòng Kinh tế chủ trì, Phòng Nội chính phối hợp.',
      assignments: [
        { id: assignmentId, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: '2030-01-15', note: '' },
        { id: randomUUID(), role: 'cooperate', unitId: UNITS.internal.id, userId: null, deadline: null, note: '' },
      ],
    });

    const { rpc } = core();
    const session = await signIn(rpc, server.url, 'tp.kinhte');
    expect(session.user?.id).toBe(U['tp.kinhte'].id);
    const status = await rpc.call('sync.now');
    expect(status.state).toBe('online');
    expect(status.lastError).toBeNull();

    // The unit leader sees the document assigned to the unit, not the unassigned one.
    const list = await rpc.call('incoming.list', { filter: 'all' });
    expect(list.items.map((i) => i.id)).toEqual([urgent]);
    const row = list.items[0]!;
    expect(row).toMatchObject({ myRole: 'main', deadline: '2030-01-15', urgency: 'very_urgent', status: 'in_progress', unread: true, pending: false, overdue: false });
    expect((await rpc.call('incoming.list', { filter: 'to_process' })).items.map((i) => i.id)).toEqual([urgent]);
    expect((await rpc.call('incoming.list', { filter: 'cooperate' })).total).toBe(0);

    // The agency leader sees everything, with the full history.
    const boss = core().rpc;
    await signIn(boss, server.url, 'chutich');
    await boss.call('sync.now');
    const all = await boss.call('incoming.list', {});
    expect(new Set(all.items.map((i) => i.id))).toEqual(new Set([plain, urgent]));
    expect(all.items.find((i) => i.id === urgent)).toMatchObject({ myRole: null, deadline: '2030-01-15', status: 'in_progress' });
    expect(all.items.find((i) => i.id === plain)).toMatchObject({ myRole: null, deadline: null, status: 'registered', urgency: 'normal' });
    expect((await boss.call('incoming.list', { filter: 'registered' })).items.map((i) => i.id)).toEqual([plain]);
    expect((await boss.call('incoming.list', { urgentOnly: true })).items.map((i) => i.id)).toEqual([urgent]);
    // Arrival-date range (Vietnam calendar days, inclusive): both arrived today.
    const today = vnToday();
    const day = (n: number): string => vnToday(new Date(Date.now() + n * 86_400_000));
    const inRange = async (arrivedFrom: string | null, arrivedTo: string | null, urgentOnly = false) =>
      (await boss.call('incoming.list', { arrivedFrom, arrivedTo, urgentOnly })).items.map((i) => i.id).sort();
    expect(await inRange(today, today)).toEqual([plain, urgent].sort());
    expect(await inRange(null, day(-1))).toEqual([]);
    expect(await inRange(day(1), null)).toEqual([]);
    expect(await inRange(day(-30), null, true)).toEqual([urgent]);
    expect((await boss.call('incoming.list', { arrivedTo: day(-1) })).total).toBe(0);
    const view = (await boss.call('incoming.get', { id: urgent }))!;
    expect(view.doc.history.map((h) => h.action)).toEqual(['registered', 'instructed', 'assigned']);
    expect(view.doc.assignments.map((a) => a.role).sort()).toEqual(['cooperate', 'main']);
    expect(view.doc.instruction).toContain('Phòng Kinh tế chủ trì');
    expect(view.allowedActions).toContain('incoming.assign');
    expect(view.pending).toEqual([]);
    expect((await boss.call('org.get'))?.users.length).toBeGreaterThan(5);
  });

  it('keyset paging walks the whole list once, newest first', async () => {
    for (let i = 0; i < 7; i++) await clerk.register({ subject: `Văn bản phân trang ${i}` });
    const { rpc } = core();
    await signIn(rpc, server.url, 'vanthu');
    await rpc.call('sync.now');
    const seen: string[] = [];
    const dates: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: Awaited<ReturnType<typeof rpc.call<'incoming.list'>>> = await rpc.call('incoming.list', { limit: 3, after });
      total = page.total;
      seen.push(...page.items.map((i) => i.id));
      dates.push(...page.items.map((i) => i.arrivalDate));
      after = page.next;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('a change made through another user’s core arrives by poke, without sync.now', async () => {
    const doc = await clerk.register({ subject: 'Về việc tổ chức hội nghị xúc tiến đầu tư' });
    const boss = core().rpc;
    await signIn(boss, server.url, 'chutich');
    await boss.call('sync.now');
    const unitLeader = core().rpc;
    await signIn(unitLeader, server.url, 'tp.noichinh');
    await unitLeader.call('sync.now');
    expect(await unitLeader.call('incoming.get', { id: doc })).toBeNull();

    const arrived = unitLeader.waitFor('changed', (c) => c.scope === 'incoming' && (c.ids?.includes(doc) ?? true));
    await boss.call('mutate', {
      name: 'incoming.assign',
      args: {
        documentId: doc,
        instruction: 'Phòng Nội chính xử lý.',
        assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.internal.id, userId: null, deadline: null }],
      },
    });
    // The leader's own view shows it at once, as pending.
    const mine = (await boss.call('incoming.get', { id: doc }))!;
    expect(mine.pending.map((p) => p.name)).toEqual(['incoming.assign']);
    expect(mine.doc.status).toBe('in_progress');

    await arrived;
    const seen = await eventually(() => unitLeader.call('incoming.get', { id: doc }));
    expect(seen.myRole).toBe('main');
    expect(seen.doc.instruction).toBe('Phòng Nội chính xử lý.');
    // And the leader's pending entry is confirmed by its own pull.
    await eventually(async () => (await boss.call('incoming.get', { id: doc }))!.pending.length === 0);
    expect((await boss.call('sync.status')).pendingCount).toBe(0);
  });

  it('a document assigned to a specialist appears after the poke, and disappears with its files and search entries when revoked', async () => {
    const pdf = makePdf('Ke hoach phong chong dich');
    const file = await uploadPdf(server.url, await login(server.url, 'vanthu'), pdf);
    const doc = await clerk.register({ subject: 'Kế hoạch phòng, chống dịch bệnh Đồng Nai', urgency: 'urgent' }, [file]);

    const spec = core();
    await signIn(spec.rpc, server.url, 'cv.kinhte1');
    await spec.rpc.call('sync.now');
    expect(await spec.rpc.call('incoming.get', { id: doc })).toBeNull();

    const assignmentId = randomUUID();
    const appeared = spec.rpc.waitFor('changed', (c) => c.scope === 'incoming' && (c.ids?.includes(doc) ?? true));
    await leader.apply('incoming.assign', {
      documentId: doc,
      instruction: '',
      assignments: [{ id: assignmentId, role: 'main', unitId: null, userId: U['cv.kinhte1'].id, deadline: null, note: '' }],
    });
    await appeared;
    const view = await eventually(() => spec.rpc.call('incoming.get', { id: doc }));
    expect(view.myRole).toBe('main');
    expect((await spec.rpc.call('incoming.search', { query: 'dong nai' })).map((i) => i.id)).toEqual([doc]);
    // Urgent: its file is fetched ahead of time.
    await eventually(async () => (await spec.rpc.call('incoming.get', { id: doc }))!.cachedFiles.includes(file.sha256));
    const opened = await spec.rpc.call('files.open', { sha256: file.sha256 });
    expect(existsSync(opened.path)).toBe(true);

    const gone = spec.rpc.waitFor('changed', (c) => c.scope === 'incoming' && (c.ids?.includes(doc) ?? true));
    await leader.apply('incoming.revokeAssignment', { documentId: doc, assignmentId, reason: 'Giao nhầm người' });
    await gone;
    await eventually(async () => (await spec.rpc.call('incoming.get', { id: doc })) === null);
    expect((await spec.rpc.call('incoming.search', { query: 'dong nai' })).length).toBe(0);
    expect((await spec.rpc.call('incoming.list', {})).items.map((i) => i.id)).not.toContain(doc);
    await eventually(async () => !existsSync(opened.path));
    await expect(spec.rpc.call('files.open', { sha256: file.sha256 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a file shared by two documents stays cached when only one of them goes away', async () => {
    const file = await uploadPdf(server.url, await login(server.url, 'vanthu'), makePdf('Tep dung chung'));
    const [d1, d2] = [await clerk.register({ subject: 'Tệp dùng chung 1' }, [file]), await clerk.register({ subject: 'Tệp dùng chung 2' }, [file])];
    const a1 = randomUUID();
    for (const [documentId, id] of [[d1, a1], [d2, randomUUID()]] as const)
      await leader.apply('incoming.assign', { documentId, instruction: '', assignments: [{ id, role: 'main', unitId: null, userId: U['cv.kinhte2'].id, deadline: null, note: '' }] });
    const spec = core();
    await signIn(spec.rpc, server.url, 'cv.kinhte2');
    await spec.rpc.call('sync.now');
    const opened = await spec.rpc.call('files.open', { sha256: file.sha256 });
    await leader.apply('incoming.revokeAssignment', { documentId: d1, assignmentId: a1, reason: '' });
    await spec.rpc.call('sync.now');
    expect(await spec.rpc.call('incoming.get', { id: d1 })).toBeNull();
    const still = (await spec.rpc.call('incoming.get', { id: d2 }))!;
    expect(still.cachedFiles).toEqual([file.sha256]);
    expect(existsSync(opened.path)).toBe(true);
  });
});
