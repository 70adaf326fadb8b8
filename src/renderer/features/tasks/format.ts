/**
 * What the task screens show, as pure functions (no React, no antd): list columns,
 * colours, deadline words, the deadline a form previews, and the list query sent to
 * the core. Node tests cover them (test/renderer/tasks.test.ts).
 */
import { resolveTaskDeadline, type DeadlineRule, type LocalLabel, type TaskListName, type TaskPriority, type TaskStatus } from '../../../shared/tasks/index.js';
import type { ListTasksParams, TaskListItem } from '../../../shared/tasks/rpc.js';
import { assigneeName } from '../../../shared/domain/org.js';
import type { OrgView } from '../../../shared/domain/org.js';
import { formatDateVi, isValidIsoDate } from '../../../shared/text/vietnamese.js';
import type { Lang } from '../../app/i18n/lang.js';

/** A label of the shared slice (TASK_STATUS_LABELS …) in the UI's language. */
export function loc(label: LocalLabel, lang: Lang): string {
  return label[lang] || label.vi;
}

/** The list's question: one tab and the filters above it. */
export interface TaskQuery {
  list: TaskListName;
  unitId: string | null;
  userId: string | null;
  /** Deadlines 'YYYY-MM-DD', inclusive. */
  from: string | null;
  to: string | null;
  status: TaskStatus | null;
}

export function emptyQuery(list: TaskListName): TaskQuery {
  return { list, unitId: null, userId: null, from: null, to: null, status: null };
}

/** Whether any filter (beyond the tab) narrows the list. */
export function isFiltered(q: TaskQuery): boolean {
  return q.unitId !== null || q.userId !== null || q.from !== null || q.to !== null || q.status !== null;
}

/** `tasks.list` params for a query and a page. A person narrows more than a unit, so the unit is dropped then. */
export function listParams(q: TaskQuery, after: string | null, limit: number): ListTasksParams {
  return { list: q.list, unitId: q.userId ? null : q.unitId, userId: q.userId, from: q.from, to: q.to, status: q.status, after, limit };
}

export type DeadlineTone = 'overdue' | 'soon' | null;

/** Red when overdue, orange when due soon (the core decides both, on the Vietnam date). */
export function deadlineTone(item: Pick<TaskListItem, 'overdue' | 'dueSoon'>): DeadlineTone {
  return item.overdue ? 'overdue' : item.dueSoon ? 'soon' : null;
}

export function deadlineClass(item: Pick<TaskListItem, 'overdue' | 'dueSoon'>): string {
  const tone = deadlineTone(item);
  return tone ? `deadline ${tone === 'soon' ? 'due-soon' : 'overdue'}` : 'deadline';
}

/** The "Người/đơn vị xử lý" column: the main person, else the main unit; '' when nobody is (the UI says "Chưa giao"). */
export function handlerName(org: Pick<OrgView, 'units' | 'users'> | null | undefined, item: Pick<TaskListItem, 'mainUnitId' | 'mainUserId'>): string {
  if (!item.mainUserId && !item.mainUnitId) return '';
  return assigneeName(org, { unitId: item.mainUnitId, userId: item.mainUserId });
}

/** 0–100, whole numbers, never outside the bar. */
export function clampPercent(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
}

export const PRIORITY_COLOR: Readonly<Record<TaskPriority, string>> = { low: 'default', normal: 'default', high: 'orange', urgent: 'red' };

/** Only the priorities worth a tag in a row: normal work carries none. */
export function showsPriority(p: TaskPriority): boolean {
  return p === 'high' || p === 'urgent';
}

export const STATUS_COLOR: Readonly<Record<TaskStatus, string>> = {
  open: 'default',
  in_progress: 'processing',
  pending_acceptance: 'warning',
  done: 'success',
  returned: 'error',
};

/** "5 ngày làm việc" / "5 working days", for a deadline given that way. */
export function deadlineRuleText(rule: DeadlineRule | null, lang: Lang): string {
  if (!rule) return '';
  return lang === 'en' ? `${rule.workingDays} working day${rule.workingDays === 1 ? '' : 's'}` : `${rule.workingDays} ngày làm việc`;
}

/** The deadline line of a task: "20/05/2026 (5 ngày làm việc)". */
export function deadlineText(deadline: string, rule: DeadlineRule | null, lang: Lang): string {
  const r = deadlineRuleText(rule, lang);
  return r ? `${formatDateVi(deadline)} (${r})` : formatDateVi(deadline);
}

const WEEKDAYS: Readonly<Record<Lang, readonly string[]>> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The day of the week of a calendar day 'YYYY-MM-DD'. */
export function weekdayName(isoDay: string, lang: Lang): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return WEEKDAYS[lang][new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? '';
}

/**
 * The deadline a form's choice gives, for the preview under it: a date as chosen, or the
 * n-th working day after the start (the shared calendar: weekends, holidays, Tết).
 * null while the choice is incomplete or invalid.
 */
export function previewDeadline(startDate: string | null, spec: { date: string | null } | { workingDays: number | null }): string | null {
  if ('date' in spec) return spec.date && isValidIsoDate(spec.date) ? spec.date : null;
  const n = spec.workingDays;
  if (!startDate || !isValidIsoDate(startDate) || n === null || !Number.isInteger(n) || n < 1) return null;
  return resolveTaskDeadline(startDate, { workingDays: n }).deadline;
}

/** The actions the task view offers as buttons, the likeliest first (revoking is a link on each assignment; reading marks itself). */
export const TASK_ACTION_ORDER = [
  'tasks.complete',
  'tasks.report',
  'tasks.accept',
  'tasks.decideExtension',
  'tasks.reassign',
  'tasks.requestExtension',
  'tasks.return',
  'tasks.sendBack',
  'tasks.chase',
  'tasks.create',
  'tasks.update',
] as const;
export type TaskAction = (typeof TASK_ACTION_ORDER)[number];

/** The actions to offer, in a stable order (the most likely first), from the view's allowedActions. */
export function offeredActions(allowed: readonly string[]): TaskAction[] {
  const set = new Set(allowed);
  return TASK_ACTION_ORDER.filter((a) => set.has(a));
}

/** Count, localized ("1.234" in Vietnamese). */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
}

/** Bytes as people read them ("1,2 MB"): shared with every attachment list. */
export { fileSize } from '../../components/fileSize.js';
