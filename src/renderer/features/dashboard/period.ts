/**
 * The dashboard's periods as calendar days, pure (unit-tested): a week (Monday to
 * Sunday, as Vietnamese offices count it), a month, a quarter, a year around an anchor
 * day, or a custom range; moving to the previous or next period; the words for each;
 * and the on-time rate as people read it. Days are 'YYYY-MM-DD', computed in UTC so no
 * machine time zone moves them.
 */
import type { DashboardKindName } from '../../../shared/dashboard/buckets.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import type { Lang } from '../../app/i18n/lang.js';

export type PresetKind = 'week' | 'month' | 'quarter' | 'year';
export type PeriodKind = PresetKind | 'custom';
export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter', 'year', 'custom'];

export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
function parts(day: string): { y: number; m: number; d: number } {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return { y, m, d };
}
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
/** The last day of a month (m: 1–12). */
const lastDay = (y: number, m: number): number => utc(y, m + 1, 0).getUTCDate();

/** The period of `kind` that holds `anchor`. */
export function periodRange(kind: PresetKind, anchor: string): DayRange {
  const { y, m, d } = parts(anchor);
  switch (kind) {
    case 'week': {
      const day = utc(y, m, d);
      const sinceMonday = (day.getUTCDay() + 6) % 7;
      const monday = utc(y, m, d - sinceMonday);
      return { from: ymd(monday), to: ymd(utc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate() + 6)) };
    }
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}` };
    }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** An anchor in the period `delta` periods away (−1: the previous one). */
export function shiftPeriod(kind: PresetKind, anchor: string, delta: number): string {
  const { y, m, d } = parts(anchor);
  switch (kind) {
    case 'week':
      return ymd(utc(y, m, d + 7 * delta));
    case 'month':
      return ymd(utc(y, m + delta, 1));
    case 'quarter':
      return ymd(utc(y, m + 3 * delta, 1));
    case 'year':
      return `${y + delta}-01-01`;
  }
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Tháng 5/2026", "Quý II/2026", "Tuần 11/05 – 17/05/2026", "Năm 2026"; a custom range as its two dates. */
export function periodLabel(kind: PeriodKind, range: DayRange, lang: Lang): string {
  const { y, m } = parts(range.from);
  switch (kind) {
    case 'week':
      return `${lang === 'vi' ? 'Tuần' : 'Week'} ${formatDateVi(range.from).slice(0, 5)} – ${formatDateVi(range.to)}`;
    case 'month':
      return lang === 'vi' ? `Tháng ${m}/${y}` : `${EN_MONTHS[m - 1] ?? ''} ${y}`;
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      return lang === 'vi' ? `Quý ${ROMAN[q] ?? ''}/${y}` : `Q${q + 1} ${y}`;
    }
    case 'year':
      return lang === 'vi' ? `Năm ${y}` : String(y);
    case 'custom':
      return range.from === range.to ? formatDateVi(range.from) : `${formatDateVi(range.from)} – ${formatDateVi(range.to)}`;
  }
}

/** A trend month 'YYYY-MM' on the chart's axis: "T5/2026", "May 2026". */
export function monthLabel(month: string, lang: Lang): string {
  const [y = '', m = '1'] = month.split('-');
  return lang === 'vi' ? `T${Number(m)}/${y}` : `${(EN_MONTHS[Number(m) - 1] ?? '').slice(0, 3)} ${y}`;
}

/** The on-time rate (0–1) as a percentage with at most one decimal ("97,3%"); '—' when nothing is done yet. */
export function rateText(rate: number | null, lang: Lang): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 })}%`;
}

export type KindChoice = 'all' | DashboardKindName;
export const KIND_CHOICES: readonly KindChoice[] = ['all', 'tasks', 'incoming'];

/** The record kinds a choice counts. */
export function kindsOf(choice: KindChoice): DashboardKindName[] {
  return choice === 'all' ? ['tasks', 'incoming'] : [choice];
}

/** Where a drill-down row leads: the task or the document. */
export function drillHref(item: { kind: DashboardKindName; id: string }): string {
  return item.kind === 'tasks' ? `#/tasks/${item.id}` : `#/incoming/${item.id}`;
}
