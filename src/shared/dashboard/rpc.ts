/**
 * The leaders' dashboard ("Tình hình thực hiện"): for a period and a unit (or the
 * whole agency), the tasks and incoming documents with a deadline, counted as done
 * on time, done late, open and overdue, open and not yet due — by unit, by person
 * and by month — with the list behind each number and an XLSX export.
 */
import { z } from 'zod';
import { isoDate, uuid } from '../model/primitives.js';
import { DASHBOARD_BUCKETS, DASHBOARD_KINDS } from './buckets.js';

export const DashboardKind = z.enum(DASHBOARD_KINDS);
export const DashboardBucket = z.enum(DASHBOARD_BUCKETS);

export const DashboardParams = z
  .object({
    from: isoDate,
    to: isoDate,
    /** The unit (its sub-units included), or null for the whole agency. */
    unitId: uuid.nullable().default(null),
    /** Which records count: both by default. */
    kinds: z.array(DashboardKind).min(1).default([...DASHBOARD_KINDS]),
  })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to' });
export type DashboardParams = z.input<typeof DashboardParams>;

export const Counts = z.object({
  total: z.number().int().nonnegative(),
  onTime: z.number().int().nonnegative(),
  late: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  notDue: z.number().int().nonnegative(),
  /** onTime / (onTime + late), null when nothing is done yet. */
  onTimeRate: z.number().min(0).max(1).nullable(),
});
export type Counts = z.infer<typeof Counts>;

export const DashboardResult = z.object({
  totals: Counts,
  byKind: z.array(Counts.extend({ kind: DashboardKind })),
  byUnit: z.array(Counts.extend({ unitId: uuid.nullable() })),
  byPerson: z.array(Counts.extend({ userId: uuid.nullable(), unitId: uuid.nullable() })),
  /** One row per month of the period (yyyy-MM), empty months included. */
  trend: z.array(Counts.extend({ month: z.string().regex(/^\d{4}-\d{2}$/u) })),
  /** The Vietnam date the figures were computed for ("overdue" is relative to it). */
  today: isoDate,
});
export type DashboardResult = z.infer<typeof DashboardResult>;

export const DrillParams = z.object({
  from: isoDate,
  to: isoDate,
  unitId: uuid.nullable().default(null),
  kinds: z.array(DashboardKind).min(1).default([...DASHBOARD_KINDS]),
  /** Narrow to one person, one month, one bucket (null: every record counted in `total`). */
  userId: uuid.nullable().default(null),
  month: z.string().regex(/^\d{4}-\d{2}$/u).nullable().default(null),
  bucket: DashboardBucket.nullable().default(null),
  after: z.string().max(200).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
});
export type DrillParams = z.input<typeof DrillParams>;

export const DrillItem = z.object({
  kind: DashboardKind,
  id: uuid,
  title: z.string(),
  deadline: isoDate,
  doneOn: isoDate.nullable(),
  unitId: uuid.nullable(),
  userId: uuid.nullable(),
  bucket: DashboardBucket,
});
export type DrillItem = z.infer<typeof DrillItem>;

export const DASHBOARD_RPC = {
  'dashboard.get': { params: DashboardParams, result: DashboardResult },
  'dashboard.drill': { params: DrillParams, result: z.object({ items: z.array(DrillItem), next: z.string().nullable(), total: z.number().int().nonnegative() }) },
  /** The figures as an XLSX workbook (summary, by unit, by person, by month, the records). */
  'dashboard.export': {
    params: DashboardParams,
    result: z.object({ name: z.string(), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' }) }),
  },
} as const;
