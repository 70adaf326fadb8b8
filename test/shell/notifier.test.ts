import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeTarget, startNotifier, type NotifierMemory, type ShownNotice } from '../../src/main/shell/notifier.js';
import { fileMemory } from '../../src/main/shell/notifierMemory.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import type { IncomingListItem } from '../../src/shared/rpc/contract.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { TaskLastChase, TaskListItem } from '../../src/shared/tasks/rpc.js';

type Notice = ShownNotice;
const LEADER = '0b000000-0000-4000-8000-000000000002';

/**
 * A fake core answering session.get, org.get, mutations.failed, sync.status, incoming.list,
 * tasks.list (the lists 'mine' and 'cooperate', with the deadline window) and
 * tasks.lastChases from mutable state.
 */
function fakeCore() {
  const [ui, core] = createMemoryTransportPair();
  const state = {
    signedIn: true,
    docs: [] as IncomingListItem[],
    failed: [] as unknown[],
    leader: false,
    tasks: [] as TaskListItem[],
    chases: [] as TaskLastChase[],
    lastSyncAt: '2025-03-12T01:00:00.000Z' as string | null,
    tasksBroken: false,
    scheduleNotices: [] as { id: number; entryId: string; title: string; body: string; seen: boolean }[],
  };
  const calls: string[] = [];
  core.onMessage((m) => {
    const r = m as { id: number; method: string; params: { filter?: string; list?: string; from?: string; to?: string; limit?: number } };
    calls.push(r.method);
    let result: unknown;
    const user = { id: 'u1', role: state.leader ? 'leader' : 'specialist', unitId: 'agency' };
    if (r.method.startsWith('tasks.') && state.tasksBroken) {
      core.postMessage({ kind: 'response', id: r.id, ok: false, error: { code: 'internal', message: { vi: 'Lỗi', en: 'Error' } } });
      return;
    }
    if (r.method === 'session.get') result = state.signedIn ? { signedIn: true, serverUrl: 'http://s', user, agency: null } : { signedIn: false, serverUrl: null, user: null, agency: null };
    else if (r.method === 'org.get') result = { units: [{ id: 'agency', parentId: null }], users: [{ id: LEADER, fullName: 'Nguyễn Văn Hùng' }] };
    else if (r.method === 'mutations.failed') result = state.failed;
    else if (r.method === 'sync.status') result = { state: 'online', pendingCount: 0, failedCount: 0, refusedCount: 0, lastSyncAt: state.lastSyncAt, lastError: null, nextRetryAt: null };
    else if (r.method === 'tasks.lastChases') result = state.chases;
    else if (r.method === 'schedule.notices') result = [...state.scheduleNotices].reverse();
    else if (r.method === 'schedule.noticesSeen') {
      const ids = (r.params as unknown as { ids: number[] }).ids;
      for (const n of state.scheduleNotices) if (ids.includes(n.id)) n.seen = true;
      result = {};
    }
    else if (r.method === 'tasks.list') {
      const p = r.params;
      const role = p.list === 'mine' ? 'main' : 'cooperate';
      const items = state.tasks
        .filter((t) => t.myRole === role && (p.from === undefined || t.deadline >= p.from) && (p.to === undefined || t.deadline <= p.to))
        .sort((a, b) => (a.deadline < b.deadline ? -1 : 1));
      result = { items: items.slice(0, p.limit), next: null, total: items.length };
    } else {
      const f = r.params.filter;
      const items = state.docs.filter((d) =>
        f === 'all' ? true : f === 'unread' ? d.unread : f === 'to_process' ? d.myRole === 'main' : f === 'cooperate' ? d.myRole === 'cooperate' : f === 'info' ? d.myRole === 'info' : false,
      );
      result = { items, next: null, total: items.length };
    }
    core.postMessage({ kind: 'response', id: r.id, ok: true, result });
  });
  const event = (name: string, payload: unknown): void => core.postMessage({ kind: 'event', name, payload });
  return { rpc: new RpcClient(ui), state, event, calls };
}

let seq = 0;
const task = (over: Partial<TaskListItem> = {}): TaskListItem => ({
  id: `0c000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  parentId: null,
  sourceId: null,
  title: `Công việc ${seq}`,
  priority: 'normal',
  status: 'in_progress',
  startDate: '2025-03-03',
  deadline: '2025-03-28',
  percent: 0,
  assignedBy: LEADER,
  mainUnitId: null,
  mainUserId: 'u1',
  myRole: 'main',
  assignedByMe: false,
  createdAt: '2025-03-03T02:00:00.000Z',
  doneOn: null,
  overdue: false,
  dueSoon: false,
  unread: false,
  pending: false,
  ...over,
});

/** 09:00 on Wednesday 12/03/2025 in Vietnam. */
const NOW = (): Date => new Date('2025-03-12T02:00:00.000Z');

function inMemory(): NotifierMemory & { value: unknown } {
  const m = {
    value: null as unknown,
    load: () => m.value,
    save: (v: unknown) => {
      m.value = JSON.parse(JSON.stringify(v));
    },
  };
  return m;
}

const doc = (id: number, over: Partial<IncomingListItem> = {}): IncomingListItem => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  arrivalNumber: id,
  arrivalYear: 2026,
  arrivalDate: `2026-11-21T09:${String(id).padStart(2, '0')}:00.000Z`,
  issuer: 'UBND huyện Đắk Hà',
  codeNumber: String(id),
  codeNotation: 'UBND-VP',
  issuedDate: '2026-11-20',
  documentType: 'Công văn',
  subject: `Văn bản ${id}`,
  urgency: 'normal',
  confidentiality: 'normal',
  status: 'registered',
  myRole: null,
  deadline: null,
  overdue: false,
  unread: true,
  pending: false,
  ...over,
});

describe('the notifier (shell wiring of the pure decisions)', () => {
  it('baseline first, then notices for news; the badge is the unread count', async () => {
    const c = fakeCore();
    c.state.docs = [doc(1), doc(2, { unread: false })];
    const shown: Notice[] = [];
    const badges: number[] = [];
    const n = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: (b) => badges.push(b), debounceMs: 5 });
    await n.check();
    expect(shown).toEqual([]);
    expect(badges).toEqual([1]);

    c.state.docs = [doc(3, { urgency: 'flash' }), ...c.state.docs];
    c.event('changed', { scope: 'incoming', ids: [doc(3).id] });
    await new Promise((r) => setTimeout(r, 60));
    expect(shown.map((s) => s.kind)).toEqual(['urgent']);
    expect(badges.at(-1)).toBe(2);

    // signing out clears the badge; the next user starts from a baseline
    c.state.signedIn = false;
    await n.check();
    expect(badges.at(-1)).toBe(0);
    n.stop();
    c.rpc.close();
  });

  it('tells the agency leader of a new document awaiting direction, and anyone of a change the server refused', async () => {
    const c = fakeCore();
    c.state.leader = true;
    c.state.docs = [doc(1)];
    const shown: Notice[] = [];
    const n = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: () => undefined, debounceMs: 5 });
    await n.check();
    expect(shown).toEqual([]);
    c.state.docs = [doc(4), ...c.state.docs];
    c.state.failed = [{ id: 3, name: 'incoming.assign', kind: 'incoming', recordId: doc(1).id, createdAt: '2026-11-21T09:00:00.000Z', failedAt: '2026-11-21T09:01:00.000Z', error: { code: 'main_handler_exists', message: { vi: 'Văn bản đã có xử lý chính.', en: 'x' } } }];
    await n.check();
    expect(shown.map((s) => [s.kind, noticeTarget(s)?.id])).toEqual([
      ['rejected', doc(1).id],
      ['awaiting', doc(4).id],
    ]);
    n.stop();
    c.rpc.close();
  });

  it('tasks: reminders at the first look, once across a restart; a task given and a chase told; clicks open the task; the badge adds my pressing tasks', async () => {
    const c = fakeCore();
    c.state.docs = [doc(1)]; // one unread document
    const dueToday = task({ deadline: '2025-03-12', dueSoon: true, title: 'Báo cáo giải ngân quý I' });
    const overdue = task({ deadline: '2025-03-10', overdue: true });
    const later = task({ deadline: '2025-03-28' });
    c.state.tasks = [dueToday, overdue, later];
    const memory = inMemory();
    const shown: Notice[] = [];
    const badges: number[] = [];
    const start = () => startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: (b) => badges.push(b), debounceMs: 5, now: NOW, memory });
    let n = start();
    await n.check();
    expect(shown.map((x) => [x.kind, x.title, noticeTarget(x)])).toEqual([['task_due', 'Công việc đến hạn hôm nay', { kind: 'tasks', id: dueToday.id }]]);
    // 1 unread document + the task due today + the overdue one.
    expect(badges.at(-1)).toBe(3);

    // The app restarts the same day: the reminder is not repeated.
    n.stop();
    n = start();
    await n.check();
    expect(shown).toHaveLength(1);

    // The leader gives a new task and chases the overdue one; the core says tasks changed.
    const given = task({ myRole: 'cooperate', unread: true, title: 'Phối hợp rà soát hồ sơ' });
    c.state.tasks = [...c.state.tasks, given];
    c.state.chases = [{ taskId: overdue.id, title: overdue.title, myRole: 'main', chase: { id: '0d000000-0000-4000-8000-000000000001', by: LEADER, at: '2025-03-12T02:30:00.000Z', message: 'Đề nghị hoàn thành trong hôm nay' } }];
    c.event('changed', { scope: 'tasks', ids: [given.id, overdue.id] });
    await new Promise((r) => setTimeout(r, 80));
    expect(shown.slice(1).map((x) => [x.kind, x.title, noticeTarget(x)?.id])).toEqual([
      ['task_assigned', 'Công việc mới giao phối hợp thực hiện', given.id],
      ['task_chased', 'Nguyễn Văn Hùng đôn đốc công việc', overdue.id],
    ]);
    // A document's notice still opens the document.
    expect(noticeTarget({ kind: 'urgent', documentId: doc(1).id, title: '', body: '', critical: true })).toEqual({ kind: 'incoming', id: doc(1).id });
    expect(noticeTarget({ kind: 'summary', documentId: null, title: '', body: '', critical: false })).toBeNull();
    n.stop();
    c.rpc.close();
  });

  it('tasks: what happened while the app was closed is told when it opens (the memory outlives the restart)', async () => {
    const c = fakeCore();
    const known = task();
    c.state.tasks = [known];
    const memory = inMemory();
    const shown: Notice[] = [];
    const first = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: () => undefined, debounceMs: 5, now: NOW, memory });
    await first.check();
    first.stop();
    expect(shown).toEqual([]);
    const given = task({ unread: true });
    c.state.tasks = [known, given];
    const second = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: () => undefined, debounceMs: 5, now: NOW, memory });
    await second.check();
    expect(shown.map((x) => [x.kind, noticeTarget(x)?.id])).toEqual([['task_assigned', given.id]]);
    second.stop();
    // Another user's memory is not theirs: a baseline.
    memory.value = { user: 'http://s|someone-else', tasks: (memory.value as { tasks: unknown }).tasks };
    c.state.tasks = [known, given, task({ unread: true })];
    const third = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: () => undefined, debounceMs: 5, now: NOW, memory });
    await third.check();
    expect(shown).toHaveLength(1);
    third.stop();
    c.rpc.close();
  });

  it('tasks failing to read leave the documents as before', async () => {
    const c = fakeCore();
    c.state.docs = [doc(1), doc(2)];
    c.state.tasks = [task({ deadline: '2025-03-12', dueSoon: true })];
    c.state.tasksBroken = true;
    const badges: number[] = [];
    const logged: string[] = [];
    const n = startNotifier({ rpc: c.rpc, show: () => undefined, setBadge: (b) => badges.push(b), debounceMs: 5, now: NOW, log: (m) => logged.push(m) });
    await n.check();
    expect(badges).toEqual([2]);
    expect(logged).toEqual(['notifier: could not read the tasks']);
    n.stop();
    c.rpc.close();
  });

  it('schedule: a revision the core noticed is shown once, opens its entry, and is marked seen', async () => {
    const core = fakeCore();
    const shown: Notice[] = [];
    const n = startNotifier({ rpc: core.rpc, show: (x) => shown.push(x), setBadge: () => {}, debounceMs: 5, now: NOW });
    await n.check();
    expect(shown.filter((x) => x.kind === 'schedule_changed')).toEqual([]);
    const entryId = '0d000000-0000-4000-8000-000000000001';
    core.state.scheduleNotices.push({
      id: 1,
      entryId,
      title: 'Lịch công tác điều chỉnh',
      body: 'Thứ Năm 13/03/2025, 08:00: Họp giao ban — chuyển sang 14:00 Thứ Năm 13/03',
      seen: false,
    });
    await n.check();
    const told = shown.filter((x) => x.kind === 'schedule_changed');
    expect(told.map((x) => x.body)).toEqual(['Thứ Năm 13/03/2025, 08:00: Họp giao ban — chuyển sang 14:00 Thứ Năm 13/03']);
    expect(noticeTarget(told[0]!)).toEqual({ kind: 'schedule', id: entryId });
    expect(core.state.scheduleNotices[0]!.seen).toBe(true);
    // Seen: not told again at the next look.
    await n.check();
    expect(shown.filter((x) => x.kind === 'schedule_changed')).toHaveLength(1);
    n.stop();
  });

  it('looks again now and then without a change (the day turns: reminders come due)', async () => {
    const c = fakeCore();
    const n = startNotifier({ rpc: c.rpc, show: () => undefined, setBadge: () => undefined, debounceMs: 1, periodMs: 20, now: NOW });
    await new Promise((r) => setTimeout(r, 120));
    expect(c.calls.filter((m) => m === 'tasks.lastChases').length).toBeGreaterThanOrEqual(2);
    n.stop();
    const after = c.calls.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(c.calls.length).toBe(after);
    c.rpc.close();
  });
});

describe('the memory file', () => {
  it('keeps what was saved, readable by this account only; a missing or broken file is no memory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'notifier-memory-'));
    try {
      const file = path.join(dir, 'notifier-memory.json');
      const m = fileMemory(file);
      expect(m.load()).toBeNull();
      m.save({ user: 'http://s|u1', tasks: { synced: true, roles: {}, chases: {}, reminded: ['a|2025-03-12|day'] } });
      expect(fileMemory(file).load()).toEqual({ user: 'http://s|u1', tasks: { synced: true, roles: {}, chases: {}, reminded: ['a|2025-03-12|day'] } });
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      writeFileSync(file, '{"user": ');
      expect(m.load()).toBeNull();
      expect(readFileSync(file, 'utf8')).toBe('{"user": ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
