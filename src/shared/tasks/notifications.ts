/**
 * What to tell the user about tasks with a desktop notification (pure, unit-tested), the
 * tasks' half of the shell's notifier (src/main/shell/notifier.ts; the documents' half is
 * shared/incoming/notifications.ts). The notifier reads the core over RPC after each change
 * and every few minutes, and feeds what it read here.
 *
 * News (issue #8):
 *  - a NEW ASSIGNMENT: a task I now handle as the main handler or a co-operator, unread
 *    (a task I already opened is not news: a cache filled again, or a task that came back
 *    into the window the notifier reads), or one I co-operated on that is now mine to lead;
 *  - a CHASE ("Đôn đốc"): the assigner chased a task I handle since the last look; not my
 *    own chase, and not on a task I did not have at the last look (its assignment is told);
 *  - a DEADLINE REMINDER, to the main handler of a task being worked on (open, in progress;
 *    not delivered, not handed back), one working day before the deadline on the shared
 *    working-day calendar (a Monday deadline after Tết is reminded on the last working day
 *    before Tết) and on the day. Sent once per task, deadline and moment: the key carries
 *    the deadline, so an extension to a new date reminds again.
 * Assignments and chases are news only against an earlier look once the core has synced
 * (`synced`); before that, each look is a baseline (the cache is filling). Reminders are
 * about the clock, not about change: they come at the first look too, which is the usual
 * case (the app opened in the morning), and the state that remembers them is kept across
 * restarts by the shell. Many at once become one summary.
 */
import { addWorkingDays, VIETNAM_CALENDAR, workingDaysBetween, type WorkingCalendar } from '../domain/workingDays.js';
import { formatDateVi } from '../text/vietnamese.js';
import { TASK_PRIORITY_LABELS } from './constants.js';
import { TASK_WORKING_STATUSES } from './rights.js';
import type { TaskLastChase, TaskListItem } from './rpc.js';

export type ReminderWhen = 'before' | 'day';
type HandlerRole = 'main' | 'cooperate';

/** Where a click on a notice leads: a record of a kind (the renderer's route for it). */
export interface OpenTarget {
  kind: 'incoming' | 'tasks';
  id: string;
}

export interface TaskNotice {
  kind: 'task_assigned' | 'task_chased' | 'task_due' | 'task_summary';
  /** The task to open on click (null for a summary). */
  target: OpenTarget | null;
  title: string;
  body: string;
  /** An urgent task: the shell may ask the OS for more attention. */
  critical: boolean;
}

export interface TaskNotifyState {
  /** The core had synced by the last look: later looks may tell news. */
  synced: boolean;
  /** My handler role on each task I handle and still owe, at the last look. */
  roles: Record<string, HandlerRole>;
  /** The id of the latest chase on each of those tasks, at the last look. */
  chases: Record<string, string>;
  /** Reminders shown (reminderKey), kept while their deadline has not passed. */
  reminded: string[];
}

export interface TaskObservation {
  /** The Vietnam day of the look ('YYYY-MM-DD'). */
  today: string;
  /** The signed-in user (their own chases are not news). */
  me: string;
  /** The core has completed a sync (sync.status lastSyncAt): a change between looks is news. */
  synced: boolean;
  /** Tasks I handle and still owe: tasks.list 'mine' and 'cooperate'. */
  handling: readonly TaskListItem[];
  /** Reminder candidates: tasks.list 'mine' over taskReminderWindow(today) (merged with `handling`). */
  due?: readonly TaskListItem[];
  /** The latest chase on each task I handle (tasks.lastChases). */
  chases?: readonly TaskLastChase[];
  /** People's names, for "who chased". */
  names?: Readonly<Record<string, string>>;
}

export interface TaskNotifyOptions {
  /** More notices than this at once become one summary. */
  maxSingle?: number;
  calendar?: WorkingCalendar;
}

/** `taskId|deadline|when`, as the core's reminders (core/tasks/reminders.ts) key them. */
export function reminderKey(taskId: string, deadline: string, when: ReminderWhen): string {
  return `${taskId}|${deadline}|${when}`;
}

/**
 * Is a reminder due today for this deadline? On the day; or "one working day before": the
 * deadline is the next working day after today (a Friday for a Monday deadline; the last
 * working day before Tết for the Monday after it — and if the app is opened only during the
 * break, then, once).
 */
export function reminderWhen(deadline: string, today: string, calendar: WorkingCalendar = VIETNAM_CALENDAR): ReminderWhen | null {
  if (deadline === today) return 'day';
  if (deadline > today && workingDaysBetween(today, deadline, calendar) === 1) return 'before';
  return null;
}

/** The deadlines a reminder may be due for today: today up to the next working day. */
export function taskReminderWindow(today: string, calendar: WorkingCalendar = VIETNAM_CALENDAR): { from: string; to: string } {
  return { from: today, to: addWorkingDays(today, 1, calendar) };
}

/**
 * The tasks' part of the app badge: the tasks I handle (main or co-operating) and am still
 * working on that are overdue or due within DUE_SOON_WORKING_DAYS working days — "Quá hạn"
 * and "Sắp đến hạn" narrowed to my own work (the core sets `overdue` / `dueSoon` by the
 * working-day calendar). Why these and only these:
 *  - a task is not done by opening it, so unread tasks do not count (a new one is told by a
 *    notice, and its deadline brings it onto the badge in time);
 *  - the tasks I gave are others' work, followed in "Việc tôi giao", not waiting on me;
 *  - a task delivered (awaiting acceptance) or handed back (returned) is not mine to do now.
 * `handling` is tasks.list 'mine' + 'cooperate' (a task is in one of them only: the role is
 * the strongest), read in deadline order, so the first pages hold every pressing task.
 */
export function pressingTaskCount(handling: readonly TaskListItem[]): number {
  const ids = new Set<string>();
  for (const i of handling) {
    if ((i.myRole === 'main' || i.myRole === 'cooperate') && TASK_WORKING_STATUSES.includes(i.status) && (i.overdue || i.dueSoon)) ids.add(i.id);
  }
  return ids.size;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

const ROLE_TITLE: Record<HandlerRole, string> = {
  main: 'Công việc mới giao chủ trì xử lý',
  cooperate: 'Công việc mới giao phối hợp thực hiện',
};

const open = (id: string): OpenTarget => ({ kind: 'tasks', id });

function assignedNotice(item: TaskListItem, role: HandlerRole): TaskNotice {
  const urgent = item.priority === 'urgent';
  const title = urgent ? `[${TASK_PRIORITY_LABELS.urgent.vi}] ${ROLE_TITLE[role]}` : ROLE_TITLE[role];
  return { kind: 'task_assigned', target: open(item.id), title, body: clip(`${clip(item.title, 150)} — hạn xử lý ${formatDateVi(item.deadline)}`, 200), critical: urgent };
}

function chasedNotice(c: TaskLastChase, names: Readonly<Record<string, string>>): TaskNotice {
  const who = names[c.chase.by];
  return {
    kind: 'task_chased',
    target: open(c.taskId),
    title: who ? `${who} đôn đốc công việc` : 'Đôn đốc công việc',
    body: clip(`${clip(c.title, 100)}: ${c.chase.message}`, 200),
    critical: false,
  };
}

function dueNotice(item: TaskListItem, when: ReminderWhen): TaskNotice {
  const title = clip(item.title, 120);
  const date = formatDateVi(item.deadline);
  return {
    kind: 'task_due',
    target: open(item.id),
    title: when === 'day' ? 'Công việc đến hạn hôm nay' : 'Công việc sắp đến hạn',
    body: when === 'day' ? `${title} — hạn xử lý hôm nay (${date}).` : `${title} — hạn xử lý ${date}, còn 1 ngày làm việc.`,
    critical: false,
  };
}

const deadlineOfKey = (key: string): string => key.split('|')[1] ?? '';

/** The next state and what to show. `prev` null: no memory of this user (first look after sign-in, or a lost memory file). */
export function decideTaskNotifications(prev: TaskNotifyState | null, obs: TaskObservation, opts: TaskNotifyOptions = {}): { state: TaskNotifyState; notices: TaskNotice[] } {
  const calendar = opts.calendar ?? VIETNAM_CALENDAR;
  const roles: Record<string, HandlerRole> = {};
  for (const i of obs.handling) if (i.myRole === 'main' || i.myRole === 'cooperate') roles[i.id] = i.myRole;
  const chases: Record<string, string> = {};
  for (const c of obs.chases ?? []) chases[c.taskId] = c.chase.id;

  const notices: TaskNotice[] = [];
  // News only against a look taken once the cache was complete; otherwise a baseline.
  const news = prev !== null && prev.synced && obs.synced;
  if (news) {
    for (const item of obs.handling) {
      const role = item.myRole;
      if ((role !== 'main' && role !== 'cooperate') || item.pending || item.assignedByMe) continue;
      const had = prev.roles[item.id];
      // New to me and not yet opened, or raised from co-operating to the main role.
      const told = had === undefined ? item.unread : had === 'cooperate' && role === 'main';
      if (!told) continue;
      notices.push(assignedNotice(item, role));
    }
    for (const c of obs.chases ?? []) {
      if (c.chase.by === obs.me || prev.roles[c.taskId] === undefined || prev.chases[c.taskId] === c.chase.id) continue;
      notices.push(chasedNotice(c, obs.names ?? {}));
    }
  }

  // Reminders: whenever due, once. Only keys whose deadline has not passed can matter again.
  const reminded = new Set((prev?.reminded ?? []).filter((k) => deadlineOfKey(k) >= obs.today));
  const seen = new Set<string>();
  const candidates = [...(obs.due ?? []), ...obs.handling].sort((a, b) => (a.deadline === b.deadline ? (a.id < b.id ? -1 : 1) : a.deadline < b.deadline ? -1 : 1));
  for (const item of candidates) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    if (item.myRole !== 'main' || !TASK_WORKING_STATUSES.includes(item.status)) continue;
    const when = reminderWhen(item.deadline, obs.today, calendar);
    if (when === null) continue;
    const key = reminderKey(item.id, item.deadline, when);
    if (reminded.has(key)) continue;
    reminded.add(key);
    notices.push(dueNotice(item, when));
  }

  const state: TaskNotifyState = { synced: (prev?.synced ?? false) || obs.synced, roles, chases, reminded: [...reminded] };
  return summarise(state, notices, opts.maxSingle ?? 3);
}

function summarise(state: TaskNotifyState, notices: TaskNotice[], maxSingle: number): { state: TaskNotifyState; notices: TaskNotice[] } {
  if (notices.length <= maxSingle) return { state, notices };
  const count = (kind: TaskNotice['kind']): number => notices.filter((n) => n.kind === kind).length;
  const [assigned, chased, due] = [count('task_assigned'), count('task_chased'), count('task_due')];
  const parts = [
    assigned > 0 ? `${assigned} công việc mới được giao cho bạn` : '',
    chased > 0 ? `${chased} công việc được đôn đốc` : '',
    due > 0 ? `${due} công việc đến hạn hoặc sắp đến hạn` : '',
  ].filter(Boolean);
  return {
    state,
    notices: [{ kind: 'task_summary', target: null, title: `iOffice: ${notices.length} thông báo công việc`, body: parts.join(', '), critical: notices.some((n) => n.critical) }],
  };
}

/**
 * A remembered state read back (the shell's memory file): anything malformed is no memory.
 * Kept small and checked by hand: this module stays free of zod like the rest of the
 * slice's public side.
 */
export function parseTaskNotifyState(value: unknown): TaskNotifyState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const isStringRecord = (r: unknown): r is Record<string, string> =>
    typeof r === 'object' && r !== null && !Array.isArray(r) && Object.values(r).every((x) => typeof x === 'string');
  if (typeof v.synced !== 'boolean' || !isStringRecord(v.roles) || !isStringRecord(v.chases)) return null;
  if (!Array.isArray(v.reminded) || !v.reminded.every((k) => typeof k === 'string')) return null;
  const roles: Record<string, HandlerRole> = {};
  for (const [id, role] of Object.entries(v.roles)) if (role === 'main' || role === 'cooperate') roles[id] = role;
  return { synced: v.synced, roles, chases: { ...v.chases }, reminded: [...v.reminded] };
}
