/**
 * The words of the schedule slice (Lịch công tác tuần, issue #9) as plain values: the zod
 * schemas (model.ts, mutations.ts) build on them, and the renderer, which may not load zod
 * (docs/decisions.md §24), reads them from here through index.ts.
 */

/** The record kind on the wire and the slice's folder in every runtime. */
export const SCHEDULE_KIND = 'schedule';

/** Buổi: the rows of the printed week. An entry without a clock time still belongs to one. */
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

export const DAY_PART_LABELS: Readonly<Record<DayPart, { vi: string; en: string }>> = {
  morning: { vi: 'Sáng', en: 'Morning' },
  afternoon: { vi: 'Chiều', en: 'Afternoon' },
  evening: { vi: 'Tối', en: 'Evening' },
};

/**
 * The office hours a part of the day stands for ('HH:mm', Vietnam time): an entry with no
 * clock time occupies its whole part when conflicts are checked, and is exported to a
 * calendar over it. A clock time decides the part: before 12:00 morning, before 18:00
 * afternoon, else evening.
 */
export const DAY_PART_HOURS: Readonly<Record<DayPart, { start: string; end: string }>> = {
  morning: { start: '07:30', end: '11:30' },
  afternoon: { start: '13:30', end: '17:00' },
  evening: { start: '18:00', end: '21:00' },
};

/** An entry with a start and no end is taken to last this long (conflicts, calendar export). */
export const DEFAULT_ENTRY_MINUTES = 60;

/**
 * An entry's life:
 *   requested  a unit or an assistant asked for it (Đăng ký lịch); the office has not decided
 *   scheduled  in the week's schedule (the draft before publication, the published week after)
 *   rejected   the office refused the request, with a reason (Từ chối)
 *   merged     the office merged the request into another entry (Đã gộp)
 *   withdrawn  the requester took the request back before the office decided (Rút đăng ký)
 *   cancelled  taken out of the schedule, with a reason (Hoãn/Huỷ); a published entry stays
 *              in the week, struck through, so readers see the change
 */
export const ENTRY_STATUSES = ['requested', 'scheduled', 'rejected', 'merged', 'withdrawn', 'cancelled'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const ENTRY_STATUS_LABELS: Readonly<Record<EntryStatus, { vi: string; en: string }>> = {
  requested: { vi: 'Chờ xếp lịch', en: 'Requested' },
  scheduled: { vi: 'Đã xếp lịch', en: 'Scheduled' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  merged: { vi: 'Đã gộp', en: 'Merged' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  cancelled: { vi: 'Hoãn/huỷ', en: 'Cancelled' },
};

/**
 * A week's life:
 *   draft      the office compiles it (dự thảo); the leader may have returned it
 *   submitted  the office submitted it to the agency leader (trình duyệt)
 *   published  approved and published as revision 1; every later change is a new revision
 */
export const WEEK_STATUSES = ['draft', 'submitted', 'published'] as const;
export type WeekStatus = (typeof WEEK_STATUSES)[number];

export const WEEK_STATUS_LABELS: Readonly<Record<WeekStatus, { vi: string; en: string }>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  submitted: { vi: 'Chờ duyệt', en: 'Awaiting approval' },
  published: { vi: 'Đã ban hành', en: 'Published' },
};

/** What a revision says changed about an entry ("Điều chỉnh": giờ, địa điểm, …). */
export const ENTRY_FIELDS = ['time', 'content', 'chair', 'participants', 'location', 'preparing', 'notes', 'files', 'highlight', 'link'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export const ENTRY_FIELD_LABELS: Readonly<Record<EntryField, { vi: string; en: string }>> = {
  time: { vi: 'thời gian', en: 'time' },
  content: { vi: 'nội dung', en: 'content' },
  chair: { vi: 'chủ trì', en: 'chair' },
  participants: { vi: 'thành phần', en: 'participants' },
  location: { vi: 'địa điểm', en: 'location' },
  preparing: { vi: 'đơn vị chuẩn bị', en: 'preparing unit' },
  notes: { vi: 'ghi chú', en: 'notes' },
  files: { vi: 'tài liệu', en: 'files' },
  highlight: { vi: 'đánh dấu quan trọng', en: 'highlight' },
  link: { vi: 'văn bản/công việc liên quan', en: 'linked record' },
};

/** How an entry took part in a revision of a published week. */
export const REVISION_CHANGES = ['added', 'changed', 'cancelled'] as const;
export type RevisionChange = (typeof REVISION_CHANGES)[number];

export const REVISION_CHANGE_LABELS: Readonly<Record<RevisionChange, { vi: string; en: string }>> = {
  added: { vi: 'Bổ sung', en: 'Added' },
  changed: { vi: 'Điều chỉnh', en: 'Changed' },
  cancelled: { vi: 'Hoãn/huỷ', en: 'Cancelled' },
};

export const ENTRY_HISTORY_ACTIONS = ['requested', 'added', 'updated', 'accepted', 'rejected', 'merged', 'merged_into', 'withdrawn', 'cancelled'] as const;
export type EntryHistoryAction = (typeof ENTRY_HISTORY_ACTIONS)[number];

export const WEEK_HISTORY_ACTIONS = ['submitted', 'returned', 'approved'] as const;
export type WeekHistoryAction = (typeof WEEK_HISTORY_ACTIONS)[number];

/** Bounds of every array in a state (a saved state always parses: decisions §18). */
export const SCHEDULE_LIMITS = {
  participantUsers: 200,
  participantUnits: 100,
  files: 20,
  changes: 100,
  history: 200,
  revisions: 300,
  revisionEntries: 500,
  rooms: 200,
} as const;

/** Text limits, shared by the state and the args that write it. */
export const SCHEDULE_TEXT = { content: 2000, guests: 1000, place: 300, notes: 2000, reason: 2000, summary: 2000, roomName: 200 } as const;

/** Mutation names, frozen from the first release. */
export const SCHEDULE_MUTATIONS = [
  'schedule.request',
  'schedule.add',
  'schedule.update',
  'schedule.accept',
  'schedule.reject',
  'schedule.merge',
  'schedule.withdraw',
  'schedule.cancel',
  'schedule.submitWeek',
  'schedule.returnWeek',
  'schedule.approveWeek',
] as const;
export type ScheduleMutationName = (typeof SCHEDULE_MUTATIONS)[number];

/** The week views of the screen. */
export const SCHEDULE_VIEWS = ['agency', 'draft', 'mine', 'leader'] as const;
export type ScheduleViewName = (typeof SCHEDULE_VIEWS)[number];
