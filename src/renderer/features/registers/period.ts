/**
 * The registers page's periods, pure (unit-tested): "this month", "this quarter", "this year"
 * around today (the dashboard's calendar periods), or the dates the clerk picks.
 */
import { periodRange, type DayRange } from '../dashboard/index.js';

export type RegisterPreset = 'month' | 'quarter' | 'year';
export const REGISTER_PRESETS: readonly RegisterPreset[] = ['month', 'quarter', 'year'];

export interface RegisterPeriod extends DayRange {
  /** null: dates the clerk picked. */
  preset: RegisterPreset | null;
}

export function presetPeriod(preset: RegisterPreset, today: string): RegisterPeriod {
  return { preset, ...periodRange(preset, today) };
}

/** Dates typed or picked: in order, whichever way round they were given. */
export function customPeriod(a: string, b: string): RegisterPeriod {
  return a <= b ? { preset: null, from: a, to: b } : { preset: null, from: b, to: a };
}
