/**
 * The tasks' desktop notifications (issue #8): a task given to me, a chase ("Đôn đốc") from
 * the assigner, and the deadline reminders — one working day before (on the working-day
 * calendar: across a weekend, across Tết) and on the day, once per task and deadline — and
 * the tasks' part of the badge.
 */
import { describe, expect, it } from 'vitest';
import {
  decideTaskNotifications,
  parseTaskNotifyState,
  pressingTaskCount,
  reminderWhen,
  taskReminderWindow,
  type TaskNotifyState,
  type TaskObservation,
} from '../../src/shared/tasks/notifications.js';
import type { TaskLastChase, TaskListItem } from '../../src/shared/tasks/rpc.js';

const ME = '0b000000-0000-4000-8000-000000000001';
const LEADER = '0b000000-0000-4000-8000-000000000002';
const NAMES = { [LEADER]: 'Nguyễn Văn Hùng' };

let seq = 0;
const id = (): string => `0c000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

function task(over: Partial<TaskListItem> = {}): TaskListItem {
  return {
    id: id(),
    parentId: null,
    sourceId: null,
    title: 'Báo cáo tình hình giải ngân vốn đầu tư công quý I',
    priority: 'normal',
    status: 'open',
    startDate: '2025-03-03',
    deadline: '2025-03-28',
    percent: 0,
    assignedBy: LEADER,
    mainUnitId: null,
    mainUserId: ME,
    myRole: 'main',
    assignedByMe: false,
    createdAt: '2025-03-03T02:00:00.000Z',
    doneOn: null,
    overdue: false,
    dueSoon: false,
    unread: true,
    pending: false,
    ...over,
  };
}

const chase = (t: TaskListItem, chaseId: string, message: string, by = LEADER): TaskLastChase => ({
  taskId: t.id,
  title: t.title,
  myRole: t.myRole === 'cooperate' ? 'cooperate' : 'main',
  chase: { id: chaseId, by, at: '2025-03-12T03:00:00.000Z', message },
});

const look = (over: Partial<TaskObservation> = {}): TaskObservation => ({ today: '2025-03-12', me: ME, synced: true, handling: [], names: NAMES, ...over });

/** A look that tells nothing: the memory the next look compares with. */
function baseline(obs: TaskObservation): TaskNotifyState {
  const r = decideTaskNotifications(null, obs);
  expect(r.notices).toEqual([]);
  return r.state;
}

describe('a task given to me', () => {
  it('is told once, unread, with its deadline; the click opens the task', () => {
    const old = task({ unread: false });
    const s = baseline(look({ handling: [old] }));
    const fresh = task({ title: 'Dự thảo kế hoạch kiểm tra thuế năm 2025', deadline: '2025-03-21' });
    const r = decideTaskNotifications(s, look({ handling: [old, fresh] }));
    expect(r.notices).toEqual([
      { kind: 'task_assigned', target: { kind: 'tasks', id: fresh.id }, title: 'Công việc mới giao chủ trì xử lý', body: 'Dự thảo kế hoạch kiểm tra thuế năm 2025 — hạn xử lý 21/03/2025', critical: false },
    ]);
    expect(decideTaskNotifications(r.state, look({ handling: [old, fresh] })).notices).toEqual([]);
  });

  it('as a co-operator; urgent ones ask for attention; raised to the main role is told again', () => {
    const coop = task({ myRole: 'cooperate', unread: false });
    const s = baseline(look({ handling: [coop] }));
    const urgent = task({ myRole: 'cooperate', priority: 'urgent' });
    const r = decideTaskNotifications(s, look({ handling: [coop, urgent] }));
    expect(r.notices.map((n) => [n.title, n.critical])).toEqual([['[Khẩn] Công việc mới giao phối hợp thực hiện', true]]);
    const raised = decideTaskNotifications(r.state, look({ handling: [{ ...coop, myRole: 'main' }, urgent] }));
    expect(raised.notices.map((n) => [n.kind, n.target?.id, n.title])).toEqual([['task_assigned', coop.id, 'Công việc mới giao chủ trì xử lý']]);
  });

  it('is not told when already opened, given by me, still in my own outbox, or while the cache fills', () => {
    const s = baseline(look({ handling: [] }));
    const quiet = [task({ unread: false }), task({ assignedByMe: true }), task({ pending: true })];
    expect(decideTaskNotifications(s, look({ handling: quiet })).notices).toEqual([]);
    // Before the core's first complete sync every look is a baseline, and so is the one after it.
    const arrived = task();
    const filling = baseline(look({ synced: false, handling: [] }));
    const first = decideTaskNotifications(filling, look({ synced: false, handling: [arrived] }));
    expect(first.notices).toEqual([]);
    const synced = decideTaskNotifications(first.state, look({ handling: [arrived] }));
    expect(synced.notices).toEqual([]);
    const newer = task();
    expect(decideTaskNotifications(synced.state, look({ handling: [arrived, newer] })).notices.map((n) => n.target?.id)).toEqual([newer.id]);
  });
});

describe('a chase (Đôn đốc)', () => {
  it('tells the handlers who chased and what they wrote, once per chase', () => {
    const mine = task({ unread: false });
    const coop = task({ myRole: 'cooperate', unread: false });
    const s = baseline(look({ handling: [mine, coop], chases: [chase(mine, id(), 'Đề nghị khẩn trương')] }));
    const c1 = chase(mine, id(), 'Đề nghị gửi báo cáo trước 16h chiều nay');
    const c2 = chase(coop, id(), 'Phòng phối hợp gửi số liệu');
    const r = decideTaskNotifications(s, look({ handling: [mine, coop], chases: [c1, c2] }));
    expect(r.notices).toEqual([
      {
        kind: 'task_chased',
        target: { kind: 'tasks', id: mine.id },
        title: 'Nguyễn Văn Hùng đôn đốc công việc',
        body: 'Báo cáo tình hình giải ngân vốn đầu tư công quý I: Đề nghị gửi báo cáo trước 16h chiều nay',
        critical: false,
      },
      { kind: 'task_chased', target: { kind: 'tasks', id: coop.id }, title: 'Nguyễn Văn Hùng đôn đốc công việc', body: `${coop.title}: Phòng phối hợp gửi số liệu`, critical: false },
    ]);
    expect(decideTaskNotifications(r.state, look({ handling: [mine, coop], chases: [c1, c2] })).notices).toEqual([]);
  });

  it('is not told for my own chase, nor separately for a task new to me (its assignment is told)', () => {
    const mine = task({ unread: false });
    const s = baseline(look({ handling: [mine] }));
    const fresh = task();
    const r = decideTaskNotifications(s, look({ handling: [mine, fresh], chases: [chase(mine, id(), 'Tôi tự nhắc', ME), chase(fresh, id(), 'Làm ngay')] }));
    expect(r.notices.map((n) => [n.kind, n.target?.id])).toEqual([['task_assigned', fresh.id]]);
  });

  it('says "Đôn đốc công việc" when the chaser is not in the organisation list', () => {
    const mine = task({ unread: false });
    const s = baseline(look({ handling: [mine] }));
    const r = decideTaskNotifications(s, look({ handling: [mine], chases: [chase(mine, id(), 'Nhắc lần 2')] }), {});
    const other = decideTaskNotifications(s, { ...look({ handling: [mine], chases: [chase(mine, id(), 'Nhắc lần 2', '0b000000-0000-4000-8000-000000000099')] }) });
    expect(r.notices[0]?.title).toBe('Nguyễn Văn Hùng đôn đốc công việc');
    expect(other.notices[0]?.title).toBe('Đôn đốc công việc');
  });
});

describe('deadline reminders', () => {
  it('one working day before and on the day, to the main handler of a task being worked on, from the first look', () => {
    const today = task({ deadline: '2025-03-12', unread: false, status: 'in_progress' });
    const tomorrow = task({ deadline: '2025-03-13', unread: false });
    const later = task({ deadline: '2025-03-14', unread: false });
    const coop = task({ deadline: '2025-03-12', myRole: 'cooperate', unread: false });
    const returned = task({ deadline: '2025-03-12', status: 'returned', unread: false });
    const r = decideTaskNotifications(null, look({ synced: false, handling: [later, tomorrow, coop, returned], due: [today, tomorrow] }));
    expect(r.notices).toEqual([
      { kind: 'task_due', target: { kind: 'tasks', id: today.id }, title: 'Công việc đến hạn hôm nay', body: `${today.title} — hạn xử lý hôm nay (12/03/2025).`, critical: false },
      { kind: 'task_due', target: { kind: 'tasks', id: tomorrow.id }, title: 'Công việc sắp đến hạn', body: `${tomorrow.title} — hạn xử lý 13/03/2025, còn 1 ngày làm việc.`, critical: false },
    ]);
    // Once: not at the next look, nor after a restart with the remembered state.
    const again = decideTaskNotifications(parseTaskNotifyState(JSON.parse(JSON.stringify(r.state))), look({ handling: [today, tomorrow] }));
    expect(again.notices).toEqual([]);
    // The next day: the day's reminder of "tomorrow", and yesterday's keys are forgotten.
    const next = decideTaskNotifications(again.state, look({ today: '2025-03-13', handling: [tomorrow, later] }));
    expect(next.notices.map((n) => [n.target?.id, n.title])).toEqual([
      [tomorrow.id, 'Công việc đến hạn hôm nay'],
      [later.id, 'Công việc sắp đến hạn'],
    ]);
    expect(next.state.reminded.some((k) => k.startsWith(today.id))).toBe(false);
  });

  it('an extension to a new date reminds again', () => {
    const t = task({ deadline: '2025-03-13', unread: false });
    const r = decideTaskNotifications(null, look({ handling: [t] }));
    expect(r.notices).toHaveLength(1);
    const extended = { ...t, deadline: '2025-03-12' };
    expect(decideTaskNotifications(r.state, look({ handling: [extended] })).notices.map((n) => n.title)).toEqual(['Công việc đến hạn hôm nay']);
  });

  it('a Monday deadline is reminded on the Friday before', () => {
    expect(reminderWhen('2025-03-17', '2025-03-14')).toBe('before');
    expect(reminderWhen('2025-03-17', '2025-03-13')).toBeNull();
    expect(reminderWhen('2025-03-17', '2025-03-17')).toBe('day');
  });

  it('Tết: a deadline on the Monday after Tết is reminded on the last working day before Tết, once', () => {
    // Tết Ất Tỵ 2025: Saturday 25/01 to Sunday 02/02 off; Friday 24/01 is the last working day.
    const t = task({ deadline: '2025-02-03', unread: false });
    expect(taskReminderWindow('2025-01-24')).toEqual({ from: '2025-01-24', to: '2025-02-03' });
    expect(decideTaskNotifications(null, look({ today: '2025-01-23', handling: [t] })).notices).toEqual([]);
    const friday = decideTaskNotifications(null, look({ today: '2025-01-24', handling: [t] }));
    expect(friday.notices.map((n) => n.body)).toEqual([`${t.title} — hạn xử lý 03/02/2025, còn 1 ngày làm việc.`]);
    // Opened during the break: not again.
    expect(decideTaskNotifications(friday.state, look({ today: '2025-01-29', handling: [t] })).notices).toEqual([]);
    // First opened during the break: still reminded, once.
    expect(decideTaskNotifications(null, look({ today: '2025-01-29', handling: [t] })).notices.map((n) => n.title)).toEqual(['Công việc sắp đến hạn']);
    // Back on Monday 03/02: the day's reminder.
    expect(decideTaskNotifications(friday.state, look({ today: '2025-02-03', handling: [t] })).notices.map((n) => n.title)).toEqual(['Công việc đến hạn hôm nay']);
    // Tết Bính Ngọ 2026 (14–22/02): Friday 13/02 for Monday 23/02.
    expect(reminderWhen('2026-02-23', '2026-02-13')).toBe('before');
    expect(reminderWhen('2026-02-23', '2026-02-12')).toBeNull();
  });
});

describe('many at once', () => {
  it('become one summary that opens nothing in particular', () => {
    const s = baseline(look({ handling: [] }));
    const fresh = [task(), task(), task({ myRole: 'cooperate' })];
    const due = task({ deadline: '2025-03-12', unread: false });
    const r = decideTaskNotifications(s, look({ handling: [...fresh, due] }));
    expect(r.notices).toEqual([
      { kind: 'task_summary', target: null, title: 'iOffice: 4 thông báo công việc', body: '3 công việc mới được giao cho bạn, 1 công việc đến hạn hoặc sắp đến hạn', critical: false },
    ]);
  });
});

describe('the badge', () => {
  it('counts my tasks overdue or due soon that I am still working on', () => {
    const items = [
      task({ overdue: true }),
      task({ dueSoon: true, myRole: 'cooperate', status: 'in_progress' }),
      task({}), // due later
      task({ overdue: true, status: 'returned' }), // handed back: the assigner's move
    ];
    expect(pressingTaskCount(items)).toBe(2);
    expect(pressingTaskCount([items[0]!, items[0]!])).toBe(1);
  });
});

describe('the remembered state', () => {
  it('reads back what was saved; anything else is no memory', () => {
    const s = decideTaskNotifications(null, look({ handling: [task({ deadline: '2025-03-12' })], chases: [] })).state;
    expect(parseTaskNotifyState(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(parseTaskNotifyState(null)).toBeNull();
    expect(parseTaskNotifyState({ synced: true, roles: [], chases: {}, reminded: [] })).toBeNull();
    expect(parseTaskNotifyState({ synced: true, roles: {}, chases: {}, reminded: [1] })).toBeNull();
  });
});
