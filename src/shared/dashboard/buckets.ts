/**
 * How a record with a deadline is counted (zod-free: the renderer reads it).
 * A record is counted in the period its deadline falls in.
 */
export const DASHBOARD_KINDS = ['tasks', 'incoming'] as const;
export type DashboardKindName = (typeof DASHBOARD_KINDS)[number];

/** onTime: delivered by the deadline · late: delivered after it · overdue: not delivered, deadline passed · notDue: not delivered, not yet due. */
export const DASHBOARD_BUCKETS = ['onTime', 'late', 'overdue', 'notDue'] as const;
export type DashboardBucketName = (typeof DASHBOARD_BUCKETS)[number];

/** The facts every kind gives the dashboard for one record (ISO dates, Vietnam calendar days). */
export interface DeadlineFacts {
  readonly deadline: string;
  readonly doneOn: string | null;
}

export function bucketOf(f: DeadlineFacts, today: string): DashboardBucketName {
  if (f.doneOn !== null) return f.doneOn <= f.deadline ? 'onTime' : 'late';
  return f.deadline < today ? 'overdue' : 'notDue';
}

export interface CountsLike {
  total: number;
  onTime: number;
  late: number;
  overdue: number;
  notDue: number;
  onTimeRate: number | null;
}

export function emptyCounts(): CountsLike {
  return { total: 0, onTime: 0, late: 0, overdue: 0, notDue: 0, onTimeRate: null };
}

/** Adds `n` records of one bucket. */
export function addTo(c: CountsLike, bucket: DashboardBucketName, n = 1): void {
  c.total += n;
  c[bucket] += n;
  const done = c.onTime + c.late;
  c.onTimeRate = done === 0 ? null : c.onTime / done;
}

export const BUCKET_LABELS: Readonly<Record<DashboardBucketName, { vi: string; en: string }>> = {
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  overdue: { vi: 'Quá hạn (chưa xong)', en: 'Overdue (open)' },
  notDue: { vi: 'Trong hạn (chưa xong)', en: 'Not yet due (open)' },
};
