/**
 * The weekly schedule end to end through real cores and the real server (issue #9): two units'
 * specialists ask for the same slot while their machines are offline (their requests shown
 * pending), both requests reach the office once back online, the office sees the conflict and
 * merges them, compiles and submits, the chairman approves; a draft never reaches a user outside
 * the office, the published week reaches everyone; the office moves the meeting and the people
 * it concerns — the participants, the one who joined by the merge, the chair — are told what
 * changed, an unrelated user is not; "Lịch của tôi" lists my meetings and my deadlines of the
 * week; search without accents. Next week, on the real clock (requests are for coming days).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnToday } from '../../src/shared/text/vietnamese.js';
import { addDays, isoWeek, scheduleWeekId, weekStartOf } from '../../src/shared/schedule/week.js';
import type { RpcClient } from '../../src/shared/rpc/client.js';
import { http, login, PushClient } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const W = addDays(weekStartOf(vnToday()), 7);
const TUE = addDays(W, 1);
const WED = addDays(W, 2);
const THU = addDays(W, 3);
const FRI = addDays(W, 4);
const WEEK_ID = scheduleWeekId(FIXTURE_ORG.agency.id, W);
const ROOM_A = randomUUID();
const ddmm = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

describe('the weekly schedule through real cores', () => {
  let server: TestServer;
  const cores: InProcessCore[] = [];
  const proxies: NetProxy[] = [];
  const core = async (username: string, through?: NetProxy): Promise<RpcClient> => {
    const c = startCore();
    cores.push(c);
    await signIn(c.rpc, through?.url ?? server.url, username);
    await c.rpc.call('sync.now');
    return c.rpc;
  };
  const proxy = async (): Promise<NetProxy> => {
    const p = await startProxy(server.url);
    proxies.push(p);
    return p;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await login(server.url, 'quantri');
    const r = await http(server.url, 'PUT', '/admin/schedule-settings', {
      token: admin,
      json: { officeUnitId: UNITS.office.id, rooms: [{ id: ROOM_A, name: 'Phòng họp số 1', capacity: 30 }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
  });

  const E1 = randomUUID();
  const E2 = randomUUID();
  let rpc: Record<'cv1' | 'noichinh' | 'office' | 'chair' | 'outsider', RpcClient>;

  const week = (c: RpcClient, view: 'agency' | 'draft' | 'mine' | 'leader', leaderId: string | null = null) => c.call('schedule.week', { date: W, view, leaderId });
  const ids = (r: { entries: readonly { id: string }[] }): string[] => r.entries.map((e) => e.id);

  it('two units ask for one slot offline; the office sees both with the conflict and merges; the leader publishes; the draft never reaches the others', async () => {
    const [pa, pb] = [await proxy(), await proxy()];
    rpc = {
      cv1: await core('cv.kinhte1', pa),
      noichinh: await core('cv.noichinh', pb),
      office: await core('vanthu'),
      chair: await core('chutich'),
      outsider: await core('cv.kinhte2'),
    };
    expect((await rpc.cv1.call('org.get'))?.schedule?.officeUnitId).toBe(UNITS.office.id);

    pa.setOffline(true);
    pb.setOffline(true);
    await rpc.cv1.call('mutate', {
      name: 'schedule.request',
      args: { entryId: E1, date: TUE, start: '08:00', end: '10:00', content: 'Họp bàn giải ngân vốn đầu tư công', chairId: U.chutich.id, participantUserIds: [U['cv.kinhte1'].id], roomId: ROOM_A },
    });
    await rpc.noichinh.call('mutate', {
      name: 'schedule.request',
      args: { entryId: E2, date: TUE, start: '08:30', content: 'Làm việc với Đoàn kiểm tra cải cách hành chính', chairId: U.chutich.id, participantUserIds: [U['cv.noichinh'].id], roomId: ROOM_A },
    });
    // Offline, each sees its own request in the week, pending; found without accents.
    expect((await week(rpc.cv1, 'draft')).entries.map((e) => [e.id, e.status, e.pending])).toEqual([[E1, 'requested', true]]);
    expect((await rpc.cv1.call('schedule.search', { query: 'giai ngan von', limit: 20 })).map((i) => [i.id, i.pending])).toEqual([[E1, true]]);
    expect(await rpc.cv1.call('sync.now')).toMatchObject({ state: 'offline', pendingCount: 1 });

    pa.setOffline(false);
    pb.setOffline(false);
    for (const c of [rpc.cv1, rpc.noichinh]) await eventually(async () => (await c.call('sync.status')).pendingCount === 0 && (await c.call('sync.status')).failedCount === 0);

    // The office has both, with the chairman and room 1 booked twice.
    const draft = await eventually(async () => {
      const r = await week(rpc.office, 'draft');
      return ids(r).length === 2 && r;
    });
    expect(draft.entries.map((e) => [e.id, e.status, e.pending])).toEqual([
      [E1, 'requested', false],
      [E2, 'requested', false],
    ]);
    expect(draft.requestCount).toBe(2);
    const slot = draft.conflicts.filter((c) => c.kind !== 'holiday').map((c) => [c.kind, c.userId, [...c.entryIds].sort()]);
    expect(slot).toEqual([
      ['person', U.chutich.id, [E1, E2].sort()],
      ['room', null, [E1, E2].sort()],
    ]);
    // Neither unit sees the other's request.
    expect(await rpc.cv1.call('schedule.get', { id: E2 })).toBeNull();
    expect(await rpc.noichinh.call('schedule.get', { id: E1 })).toBeNull();

    await rpc.office.call('mutate', { name: 'schedule.merge', args: { entryId: E2, intoId: E1 } });
    await rpc.office.call('mutate', { name: 'schedule.accept', args: { entryId: E1 } });
    await rpc.office.call('mutate', { name: 'schedule.submitWeek', args: { weekId: WEEK_ID, weekStart: W, note: '' } });
    const compiled = await week(rpc.office, 'draft');
    expect(compiled.entries.map((e) => [e.id, e.status])).toEqual([
      [E1, 'scheduled'],
      [E2, 'merged'],
    ]);
    expect(compiled.conflicts.filter((c) => c.kind !== 'holiday')).toEqual([]);
    expect(compiled.weekActions).toEqual([]);
    await eventually(async () => (await rpc.office.call('sync.status')).pendingCount === 0);

    // The week record reaches everyone (it says "submitted"), the draft's lines do not.
    await eventually(async () => (await week(rpc.outsider, 'agency')).week?.status === 'submitted');
    expect(ids(await week(rpc.outsider, 'agency'))).toEqual([]);
    expect(await rpc.outsider.call('schedule.get', { id: E1 })).toBeNull();
    expect(await rpc.outsider.call('schedule.search', { query: 'giai ngan', limit: 20 })).toEqual([]);
    expect(ids(await week(rpc.cv1, 'agency'))).toEqual([]); // the requester sees the fate of the request, not the draft week
    // The requester's core pulls the request's fate on its own poke: waited for, not assumed (one core may lag another).
    await eventually(async () => (await week(rpc.cv1, 'draft')).entries.find((e) => e.id === E1)?.status === 'scheduled');
    expect((await week(rpc.cv1, 'draft')).entries.map((e) => [e.id, e.status])).toEqual([[E1, 'scheduled']]);

    // The chairman approves: revision 1, everyone sees it.
    const toApprove = await eventually(async () => {
      const r = await week(rpc.chair, 'agency');
      return r.week?.status === 'submitted' && r;
    });
    expect(toApprove.weekActions).toEqual(['return', 'approve']);
    expect(ids(toApprove)).toEqual([E1]);
    await rpc.chair.call('mutate', { name: 'schedule.approveWeek', args: { weekId: WEEK_ID, weekStart: W, note: '' } });
    const published = await eventually(async () => {
      const r = await week(rpc.outsider, 'agency');
      return ids(r).length === 1 && r;
    });
    expect(published.week).toMatchObject({ status: 'published', revision: 1 });
    expect(published.entries[0]).toMatchObject({ id: E1, date: TUE, start: '08:00', status: 'scheduled', roomId: ROOM_A, myRole: null, pending: false });
    // The one who asked for the merged slot takes part in the meeting now.
    expect(published.entries[0]!.participantUserIds).toEqual([U['cv.kinhte1'].id, U['cv.noichinh'].id]);
    expect(ids(await week(rpc.outsider, 'leader', U.chutich.id))).toEqual([E1]);
    expect((await rpc.outsider.call('schedule.search', { query: 'giai ngan', limit: 20 })).map((i) => i.id)).toEqual([E1]);
    const seenByNoichinh = await eventually(async () => rpc.noichinh.call('schedule.get', { id: E1 }));
    expect(seenByNoichinh).toMatchObject({ myRole: 'participant', allowedActions: [] });
    expect((await rpc.noichinh.call('schedule.get', { id: E2 }))?.mergedInto).toEqual({ id: E1, content: 'Họp bàn giải ngân vốn đầu tư công' });
  });

  it('the office moves the meeting: the participants and the chair are told what changed, an unrelated user is not', async () => {
    await rpc.office.call('mutate', { name: 'schedule.update', args: { entryId: E1, patch: { date: THU, start: '14:00' }, reason: 'Lãnh đạo họp Hội đồng nhân dân tỉnh' } });
    const expected = `Thứ Ba ${ddmm(TUE)}, 08:00–10:00: Họp bàn giải ngân vốn đầu tư công — chuyển sang 14:00 Thứ Năm ${ddmm(THU)} (Lý do: Lãnh đạo họp Hội đồng nhân dân tỉnh)`;
    for (const c of [rpc.cv1, rpc.noichinh, rpc.chair]) {
      const [n] = await eventually(async () => {
        const list = await c.call('schedule.notices', { limit: 10 });
        return list.length > 0 && list;
      });
      expect(n).toMatchObject({ entryId: E1, weekStart: W, revision: 2, change: 'changed', fields: ['time'], title: 'Lịch công tác điều chỉnh', body: expected, seen: false });
    }
    // The outsider has the moved line, marked, and no notice.
    const line = await eventually(async () => {
      const e = (await week(rpc.outsider, 'agency')).entries[0];
      return e?.date === THU && e;
    });
    expect(line).toMatchObject({ start: '14:00', lastChange: { revision: 2, change: 'changed', fields: ['time'], reason: 'Lãnh đạo họp Hội đồng nhân dân tỉnh' } });
    expect((await week(rpc.outsider, 'agency')).week?.revision).toBe(2);
    expect(await rpc.outsider.call('schedule.notices', { limit: 10 })).toEqual([]);
    await eventually(async () => (await rpc.office.call('sync.status')).pendingCount === 0);
    expect(await rpc.office.call('schedule.notices', { limit: 10 })).toEqual([]);
    // Seen once, remembered.
    const [n] = await rpc.cv1.call('schedule.notices', { limit: 10 });
    await rpc.cv1.call('schedule.noticesSeen', { ids: [n!.id] });
    expect((await rpc.cv1.call('schedule.notices', { limit: 10 }))[0]?.seen).toBe(true);
  });

  it('"Lịch của tôi": my meetings of the week and my deadlines in it (a task I lead, a document I handle)', async () => {
    const taskId = randomUUID();
    await rpc.chair.call('mutate', {
      name: 'tasks.create',
      args: { taskId, title: 'Chuẩn bị báo cáo giải ngân cho cuộc họp', startDate: vnToday(), deadline: { date: WED }, main: { id: randomUUID(), userId: U['cv.kinhte1'].id } },
    });
    const clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    const leader = new PushClient(server.url, await login(server.url, 'chutich'));
    const doc = await clerk.register({ subject: 'Về việc báo cáo tình hình giải ngân' });
    await leader.apply('incoming.assign', { documentId: doc, instruction: '', assignments: [{ id: randomUUID(), role: 'main', unitId: null, userId: U['cv.kinhte1'].id, deadline: FRI }] });

    const mine = await eventually(async () => {
      const r = await week(rpc.cv1, 'mine');
      return r.deadlines.length === 2 && r;
    });
    expect(mine.entries.map((e) => [e.id, e.myRole, e.date])).toEqual([[E1, 'participant', THU]]);
    expect(mine.deadlines).toEqual([
      { kind: 'tasks', id: taskId, title: 'Chuẩn bị báo cáo giải ngân cho cuộc họp', date: WED, overdue: false },
      { kind: 'incoming', id: doc, title: 'Về việc báo cáo tình hình giải ngân', date: FRI, overdue: false },
    ]);
    // Not mine: the outsider's week has none of these.
    const theirs = await week(rpc.outsider, 'mine');
    expect(theirs.entries).toEqual([]);
    expect(theirs.deadlines).toEqual([]);
    // The chair's own week.
    expect((await week(rpc.chair, 'mine')).entries.map((e) => [e.id, e.myRole])).toEqual([[E1, 'chair']]);
  });

  it('the published week prints and exports from the cache; a week not published does not; an invitation becomes a request linked to it', async () => {
    const wk = isoWeek(W);
    const pdf = await rpc.outsider.call('schedule.pdf', { date: THU });
    expect(pdf.name).toBe(`Lich-cong-tac-tuan-${wk.week}-${wk.year}.pdf`);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    await expect(rpc.outsider.call('schedule.pdf', { date: addDays(W, 7) })).rejects.toMatchObject({ code: 'schedule_week_state' });

    const agencyIcs = await rpc.outsider.call('schedule.ics', { date: W, view: 'agency', weeks: 1 });
    expect(agencyIcs.name).toBe(`Lich-cong-tac-tuan-${wk.week}-${wk.year}.ics`);
    expect(new TextDecoder().decode(agencyIcs.bytes)).toContain(`UID:${E1}@${FIXTURE_ORG.agency.code}`);
    const mineIcs = new TextDecoder().decode((await rpc.cv1.call('schedule.ics', { date: W, view: 'mine', weeks: 2 })).bytes);
    expect(mineIcs).toContain(`UID:${E1}@${FIXTURE_ORG.agency.code}`);
    expect(new TextDecoder().decode((await rpc.outsider.call('schedule.ics', { date: W, view: 'mine', weeks: 2 })).bytes)).not.toContain('UID:');

    const clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    const doc = await clerk.register({ subject: 'Giấy mời dự Hội nghị tổng kết công tác cải cách hành chính' });
    const c = startCore();
    cores.push(c);
    await signIn(c.rpc, server.url, 'vanthu');
    await c.rpc.call('sync.now');
    const draft = await c.rpc.call('schedule.fromDocument', { documentId: doc });
    expect(draft.link).toEqual({ kind: 'incoming', id: doc });
    await expect(c.rpc.call('schedule.fromDocument', { documentId: randomUUID() })).rejects.toMatchObject({ code: 'not_found' });
  });
});
