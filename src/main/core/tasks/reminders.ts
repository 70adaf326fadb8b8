/**
 * Automatic reminders of a task's deadline (issue #8: "reminders go out automatically
 * before and at the deadline"; docs/generic-sync-plan.md §5 "Reminders"): one working day
 * before it, and on the day, to the main handler of a task still being worked on.
 *
 * Pure: the caller reads the candidates (TaskStore.mainHandlerDue over reminderWindow),
 * remembers the keys it has shown, and hands the notices on. The desktop notifier applies
 * the same moment rule and key to the list rows it reads over RPC
 * (shared/tasks/notifications.ts, src/main/shell/notifier.ts).
 */
import { VIETNAM_CALENDAR, type WorkingCalendar } from '../../../shared/domain/workingDays.js';
import { formatDateVi } from '../../../shared/index.js';
import { TASK_WORKING_STATUSES, type LocalLabel } from '../../../shared/tasks/index.js';
// The moment rule and the key are the desktop notifier's too (one rule, one key format).
import { reminderKey, reminderWhen, taskReminderWindow, type ReminderWhen } from '../../../shared/tasks/notifications.js';
import type { TaskRow } from './list.js';

export { reminderKey, type ReminderWhen };

export interface TaskReminder {
  /**
   * `taskId|deadline|when`: what the caller remembers as sent. The deadline is in it, so an
   * extension to a new date reminds again, and a reminder is never repeated for the same date.
   */
  key: string;
  taskId: string;
  when: ReminderWhen;
  deadline: string;
  title: LocalLabel;
  body: LocalLabel;
}

export type ReminderRow = Pick<TaskRow, 'id' | 'title' | 'deadline' | 'status' | 'my_role'>;

/** The deadlines a reminder may be due for today: today up to one working day ahead. */
export function reminderWindow(today: string, calendar: WorkingCalendar = VIETNAM_CALENDAR): { from: string; to: string } {
  return taskReminderWindow(today, calendar);
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The reminders due today, in deadline order. "One working day before": the deadline is the
 * next working day after today (on a Friday for a Monday deadline; opened only on the
 * Saturday, it still comes, once). "On the day": the deadline is today. Only to the main
 * handler (the person, or the leader of the unit holding the main role), only while the
 * task is being worked on: not once delivered, nor once handed back (returned: the
 * assigner decides what happens next).
 */
export function dueReminders(rows: readonly ReminderRow[], today: string, calendar: WorkingCalendar = VIETNAM_CALENDAR, alreadySent: ReadonlySet<string> = new Set()): TaskReminder[] {
  const out: TaskReminder[] = [];
  for (const r of rows) {
    if (r.my_role !== 'main' || !TASK_WORKING_STATUSES.includes(r.status)) continue;
    const when = reminderWhen(r.deadline, today, calendar);
    if (when === null) continue;
    const key = reminderKey(r.id, r.deadline, when);
    if (alreadySent.has(key)) continue;
    const title = clip(r.title, 120);
    const date = formatDateVi(r.deadline);
    out.push({
      key,
      taskId: r.id,
      when,
      deadline: r.deadline,
      title: when === 'day' ? { vi: 'Công việc đến hạn hôm nay', en: 'Task due today' } : { vi: 'Công việc sắp đến hạn', en: 'Task due soon' },
      body:
        when === 'day'
          ? { vi: `${title} — hạn xử lý hôm nay (${date}).`, en: `${title} — due today (${date}).` }
          : { vi: `${title} — hạn xử lý ${date}, còn 1 ngày làm việc.`, en: `${title} — due ${date}, 1 working day left.` },
    });
  }
  return out.sort((a, b) => (a.deadline === b.deadline ? (a.taskId < b.taskId ? -1 : 1) : a.deadline < b.deadline ? -1 : 1));
}
