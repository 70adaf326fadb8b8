/**
 * The core's tasks slice, as the composition root uses it (docs/generic-sync-plan.md §2):
 * its cache step, its LocalKind, its RPC handlers (tasks and the dashboard) and its
 * deadline reminders.
 */
export { TASKS_CACHE_STEP } from './schema.js';
export { TaskStore, taskFiles, type TaskListQuery, type TaskPage } from './store.js';
export { taskHandlers, type OverlaidTask, type TaskContext, type TaskHandlers } from './handlers.js';
export { dueReminders, reminderKey, reminderWindow, type ReminderRow, type TaskReminder } from './reminders.js';
