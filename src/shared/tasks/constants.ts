/**
 * The words of the tasks slice (Công việc) as plain values: the zod schemas
 * (model.ts, mutations.ts) build on them, and the renderer, which may not load
 * zod (docs/decisions.md §24), reads them from here through index.ts.
 */

/** Độ ưu tiên. */
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * A task's life:
 *   open               assigned, nobody has reported on it yet (chưa thực hiện)
 *   in_progress        a handler reported, or the assigner sent it back for rework (đang thực hiện)
 *   pending_acceptance the main handler completed it; the assigner has to accept it (chờ nghiệm thu)
 *   done               the assigner accepted (and evaluated) it (đã hoàn thành); final
 *   returned           the main handler handed it back with a reason (bị trả lại); the assigner
 *                      sends it back (→ in_progress) or gives it to another main handler (→ open)
 * There is no 'cancelled': no mutation of the first release cancels a task, and a status no
 * mutation reaches would only be one more case for every list and the dashboard to handle.
 * Adding one later is a protocol change (older clients could not read such a task).
 */
export const TASK_STATUSES = ['open', 'in_progress', 'pending_acceptance', 'done', 'returned'] as const;

/** Chủ trì (xử lý chính) / phối hợp / nhận để biết, as for documents. */
export const TASK_ASSIGNMENT_ROLES = ['main', 'cooperate', 'info'] as const;

export const TASK_ASSIGNMENT_STATUSES = ['active', 'done', 'revoked'] as const;

/** 'progress': the main handler's report (may carry a percentage); 'contribution': a co-operator's part. */
export const TASK_REPORT_KINDS = ['progress', 'contribution'] as const;

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;

export const TASK_HISTORY_ACTIONS = [
  'created',
  'updated',
  'assigned',
  'reassigned',
  'assignment_revoked',
  'progress',
  'contribution',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'returned',
  'completed',
  'accepted',
  'sent_back',
  'chased',
] as const;

/** The mutation names, frozen from the first release (docs/generic-sync-plan.md §5). */
export const TASK_MUTATION_NAMES = [
  'tasks.create',
  'tasks.update',
  'tasks.reassign',
  'tasks.revokeAssignment',
  'tasks.report',
  'tasks.requestExtension',
  'tasks.decideExtension',
  'tasks.return',
  'tasks.complete',
  'tasks.accept',
  'tasks.sendBack',
  'tasks.chase',
  'tasks.markRead',
] as const;
export type TaskMutationName = (typeof TASK_MUTATION_NAMES)[number];

/** The record kind (and slice) name in the sync envelope. */
export const TASK_KIND = 'tasks';

/**
 * Bounds on one task, so a task's state stays a sensible size to sync, store and
 * render. The schemas refuse more; the rules refuse the action that would go past
 * a bound first (task_limit_reached), so a state the server saves always parses.
 */
export const TASK_LIMITS = {
  /** Files on the task itself, on one report, on the result. */
  files: 20,
  /** Co-operating or for-information assignees given in one mutation. */
  assigneesPerMutation: 50,
  assignments: 200,
  reports: 500,
  extensions: 30,
  chases: 200,
  /** Every action but markRead adds one entry. */
  history: 1500,
} as const;

/** "Within N working days": a year of working days is far beyond any real task. */
export const MAX_DEADLINE_WORKING_DAYS = 250;

export interface LocalLabel {
  readonly vi: string;
  readonly en: string;
}

export const TASK_STATUS_LABELS: Readonly<Record<(typeof TASK_STATUSES)[number], LocalLabel>> = {
  open: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  pending_acceptance: { vi: 'Chờ nghiệm thu', en: 'Awaiting acceptance' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
};

export const TASK_PRIORITY_LABELS: Readonly<Record<(typeof TASK_PRIORITIES)[number], LocalLabel>> = {
  low: { vi: 'Thấp', en: 'Low' },
  normal: { vi: 'Bình thường', en: 'Normal' },
  high: { vi: 'Cao', en: 'High' },
  urgent: { vi: 'Khẩn', en: 'Urgent' },
};

export const TASK_ROLE_LABELS: Readonly<Record<(typeof TASK_ASSIGNMENT_ROLES)[number], LocalLabel>> = {
  main: { vi: 'Chủ trì', en: 'Lead' },
  cooperate: { vi: 'Phối hợp', en: 'Co-operating' },
  info: { vi: 'Nhận để biết', en: 'For information' },
};

/**
 * The task lists of the "Công việc" screen:
 *   mine       Việc của tôi: I am the main handler (or lead the main unit), not done
 *   assigned   Việc tôi giao: I gave it
 *   cooperate  Phối hợp: I co-operate, not done
 *   watching   Theo dõi: for information, or overseen as an agency leader
 *   overdue    Quá hạn: any of mine/assigned/cooperate past its deadline, not delivered
 *   due_soon   Sắp đến hạn: not delivered, deadline within 3 working days
 *   done       Đã xong: delivered (pending acceptance) or accepted
 */
export const TASK_LISTS = ['mine', 'assigned', 'cooperate', 'watching', 'overdue', 'due_soon', 'done'] as const;
export type TaskListName = (typeof TASK_LISTS)[number];
export const TASK_LIST_LABELS: Readonly<Record<TaskListName, LocalLabel>> = {
  mine: { vi: 'Việc của tôi', en: 'My tasks' },
  assigned: { vi: 'Việc tôi giao', en: 'Assigned by me' },
  cooperate: { vi: 'Phối hợp', en: 'Co-operating' },
  watching: { vi: 'Theo dõi', en: 'Following' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  due_soon: { vi: 'Sắp đến hạn', en: 'Due soon' },
  done: { vi: 'Đã xong', en: 'Done' },
};
/** "Sắp đến hạn": deadline within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

/** What each action is called where it is named outside the app's screens (a desktop notice of a refused action). */
export const TASK_MUTATION_LABELS_VI: Readonly<Record<TaskMutationName, string>> = {
  'tasks.create': 'Giao việc',
  'tasks.update': 'Sửa, giao lại công việc',
  'tasks.reassign': 'Phân công công việc trong đơn vị',
  'tasks.revokeAssignment': 'Thu hồi phân công công việc',
  'tasks.report': 'Báo cáo tiến độ công việc',
  'tasks.requestExtension': 'Xin gia hạn công việc',
  'tasks.decideExtension': 'Duyệt gia hạn công việc',
  'tasks.return': 'Trả lại công việc',
  'tasks.complete': 'Báo cáo hoàn thành công việc',
  'tasks.accept': 'Nghiệm thu công việc',
  'tasks.sendBack': 'Yêu cầu làm lại công việc',
  'tasks.chase': 'Đôn đốc công việc',
  'tasks.markRead': 'Đánh dấu công việc đã đọc',
};
