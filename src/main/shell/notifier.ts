/**
 * Desktop notifications and the app badge, driven by the core's events. The decisions
 * are pure, one module per slice: documents in src/shared/incoming/notifications.ts,
 * tasks in src/shared/tasks/notifications.ts; the schedule's revisions are decided by the
 * core when it pulls them (schedule.notices) and shown here once, then marked seen so the
 * window does not tell them again. This reads the core after each change
 * (debounced) and every few minutes (the day turns: deadline reminders come due), and
 * calls the shell's `show` and `setBadge`. No electron import: main.ts passes
 * Notification and app.setBadgeCount in, and a file for the tasks' memory.
 */
import type { RpcClient } from '../../shared/rpc/client.js';
import type { IncomingListItem } from '../../shared/rpc/contract.js';
import { isAgencyLeader, type Organisation, type UserSummary } from '../../shared/model/organisation.js';
import { decideNotifications, type Notice, type NotifyState } from '../../shared/incoming/notifications.js';
import {
  decideTaskNotifications,
  parseTaskNotifyState,
  pressingTaskCount,
  taskReminderWindow,
  type OpenTarget,
  type TaskNotice,
  type TaskNotifyState,
} from '../../shared/tasks/notifications.js';
import { vnToday } from '../../shared/text/vietnamese.js';

/** A revision of the weekly schedule that concerns me (the core's schedule.notices). */
export interface ScheduleShownNotice {
  kind: 'schedule_changed';
  target: { kind: 'schedule'; id: string };
  title: string;
  body: string;
  critical: false;
}

/** A notice of any slice. */
export type ShownNotice = Notice | TaskNotice | ScheduleShownNotice;

/** Where a click on a notice leads (null: only bring the window forward). */
export function noticeTarget(n: ShownNotice): OpenTarget | ScheduleShownNotice['target'] | null {
  if ('target' in n) return n.target;
  if (n.other?.kind === 'tasks') return { kind: 'tasks', id: n.other.id };
  return n.documentId ? { kind: 'incoming', id: n.documentId } : null;
}

/**
 * Where the tasks' memory outlives a restart, so that a reminder is shown once per task and
 * deadline however often the app is opened that day, and what happened while it was closed
 * (a task given, a chase) is told when it opens. The documents' memory stays in this process
 * as before (its first look is a baseline).
 */
export interface NotifierMemory {
  load(): unknown;
  save(value: unknown): void;
}

export interface NotifierOptions {
  rpc: RpcClient;
  show(notice: ShownNotice): void;
  setBadge(count: number): void;
  debounceMs?: number;
  /** Look again this often without a change (reminders follow the clock). */
  periodMs?: number;
  memory?: NotifierMemory;
  now?: () => Date;
  log?: (message: string, err?: unknown) => void;
}

export interface Notifier {
  /** Look now (tests; start-up). */
  check(): Promise<void>;
  stop(): void;
}

const ASSIGNED_FILTERS = ['to_process', 'cooperate', 'info'] as const;
/** Open tasks read per handler list: the lists are in deadline order, so every pressing task is among them. */
const HANDLING_LIMIT = 500;

/** The memory file's content: one user's tasks state (another user starts afresh). */
interface Remembered {
  user: string;
  tasks: TaskNotifyState;
}

export function startNotifier(o: NotifierOptions): Notifier {
  let state: NotifyState | null = null;
  let taskState: TaskNotifyState | null = null;
  let user: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const now = o.now ?? (() => new Date());

  const remembered = (who: string): TaskNotifyState | null => {
    try {
      const m = o.memory?.load() as Partial<Remembered> | null | undefined;
      return m && m.user === who ? parseTaskNotifyState(m.tasks) : null;
    } catch (err) {
      o.log?.('notifier: could not read its memory', err);
      return null;
    }
  };

  /** The tasks' notices; returns the tasks' part of the badge. */
  const lookTasks = async (who: string, me: UserSummary, org: Organisation | null): Promise<number> => {
    const today = vnToday(now());
    const window = taskReminderWindow(today);
    const [mine, cooperate, due, chases, sync] = await Promise.all([
      o.rpc.call('tasks.list', { list: 'mine', limit: HANDLING_LIMIT }),
      o.rpc.call('tasks.list', { list: 'cooperate', limit: HANDLING_LIMIT }),
      // The reminder candidates on their own: overdue tasks sort first in "mine".
      o.rpc.call('tasks.list', { list: 'mine', from: window.from, to: window.to, limit: 100 }),
      o.rpc.call('tasks.lastChases', { limit: HANDLING_LIMIT }),
      o.rpc.call('sync.status', {}),
    ]);
    const handling = [...mine.items, ...cooperate.items];
    const names = Object.fromEntries((org?.users ?? []).map((u) => [u.id, u.fullName]));
    const decided = decideTaskNotifications(taskState, { today, me: me.id, synced: sync.lastSyncAt !== null, handling, due: due.items, chases, names });
    if (JSON.stringify(decided.state) !== JSON.stringify(taskState)) {
      try {
        o.memory?.save({ user: who, tasks: decided.state } satisfies Remembered);
      } catch (err) {
        o.log?.('notifier: could not keep its memory', err);
      }
    }
    taskState = decided.state;
    for (const n of decided.notices) o.show(n);
    return pressingTaskCount(handling);
  };

  /** The schedule's revisions not yet told: shown, then marked seen in the core. */
  const lookSchedule = async (): Promise<void> => {
    const unseen = (await o.rpc.call('schedule.notices', { limit: 50 })).filter((n) => !n.seen).reverse();
    if (unseen.length === 0) return;
    for (const n of unseen) o.show({ kind: 'schedule_changed', target: { kind: 'schedule', id: n.entryId }, title: n.title, body: n.body, critical: false });
    await o.rpc.call('schedule.noticesSeen', { ids: unseen.map((n) => n.id) });
  };

  const look = async (): Promise<void> => {
    const session = await o.rpc.call('session.get');
    const who = session.signedIn && session.user ? `${session.serverUrl}|${session.user.id}` : null;
    if (who !== user) {
      user = who;
      state = null; // a new user (or signed out): the next look is a baseline
      taskState = who ? remembered(who) : null;
    }
    if (!who || !session.user) {
      o.setBadge(0);
      return;
    }
    const [newest, unread, failed, org, ...assignedLists] = await Promise.all([
      o.rpc.call('incoming.list', { filter: 'all', limit: 50 }),
      o.rpc.call('incoming.list', { filter: 'unread', limit: 1 }),
      o.rpc.call('mutations.failed', {}),
      o.rpc.call('org.get', {}),
      ...ASSIGNED_FILTERS.map((filter) => o.rpc.call('incoming.list', { filter, limit: 500 })),
    ]);
    const assigned: IncomingListItem[] = assignedLists.flatMap((l) => l.items);
    // The agency leader directs every new document (Decree 30 Art. 22): told of each one awaiting direction.
    const directs = session.user !== null && org !== null && isAgencyLeader(session.user, org.units);
    const decided = decideNotifications(state, { newest: newest.items, assigned, directs, failed });
    state = decided.state;
    for (const n of decided.notices) o.show(n);
    // The badge is what waits for me: the unread documents (as before), plus my pressing
    // tasks (pressingTaskCount says which, and why). Tasks are read on their own, so a
    // failure there leaves the documents' notices and count as they were.
    let tasks = 0;
    try {
      tasks = await lookTasks(who, session.user, org);
    } catch (err) {
      o.log?.('notifier: could not read the tasks', err);
    }
    o.setBadge(unread.total + tasks);
    try {
      await lookSchedule();
    } catch (err) {
      o.log?.('notifier: could not read the schedule', err);
    }
  };

  const check = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await look();
        } catch (err) {
          o.log?.('notifier: could not read the core', err);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void check();
    }, o.debounceMs ?? 1500);
  };

  const offs = [
    o.rpc.on('changed', (p) => {
      if (p.scope === 'incoming' || p.scope === 'tasks' || p.scope === 'schedule' || p.scope === 'session') schedule();
    }),
    o.rpc.on('sync', (s) => {
      if (s.state === 'online') schedule();
    }),
  ];
  // Nothing changes at midnight but the date: look again now and then for the day's reminders.
  const period = setInterval(schedule, o.periodMs ?? 10 * 60_000);
  period.unref?.();
  return {
    check,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(period);
      for (const off of offs) off();
    },
  };
}
