/**
 * The Vietnamese working-day calendar of a state agency: which days are working days, and
 * deadlines "within N working days" (trong thời hạn N ngày làm việc) counted on it.
 *
 * A day is off when it is a weekly rest day (Saturday and Sunday for public servants, the
 * 40-hour week of Decision 188/1999/QĐ-TTg) or a public holiday. The holidays are:
 *   - by rule, the Labour Code 2019 Art. 112: 01/01 (Tết Dương lịch); Tết Âm lịch, 5 days;
 *     10/3 âm lịch (Giỗ Tổ Hùng Vương); 30/4; 01/5; 02/9 and one day next to it. A holiday
 *     on a weekly rest day gives the next working day off (nghỉ bù, Art. 112(3));
 *   - by data, the schedules the government decides each year (holidaySchedules.ts), which
 *     replace the rule for the holidays they name and may swap a day for a Saturday worked;
 *   - by the agency, extra days off and extra working days that override both.
 * Everything is data in a `WorkingCalendar`, so a server can later take it from configuration
 * and send it to clients; the rules here are pure and zod-free (the renderer imports them).
 *
 * Days are ISO calendar days 'YYYY-MM-DD' in Vietnam (see vnToday in text/vietnamese.ts).
 */
import { VIETNAM_DECIDED_BREAKS } from './holidaySchedules.js';
import { lunarToSolar } from './lunarCalendar.js';

/** The public holidays of the Labour Code 2019 Art. 112. */
export type HolidayKey = 'newYear' | 'tet' | 'hungKings' | 'reunification' | 'labour' | 'national';

export interface LocalName {
  vi: string;
  en: string;
}

/** The names used in the Labour Code (vi) and their usual English. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayKey, LocalName>> = {
  newYear: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
  hungKings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hung Kings' Commemoration Day" },
  reunification: { vi: 'Ngày Chiến thắng 30/4', en: 'Reunification Day' },
  labour: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  national: { vi: 'Quốc khánh', en: 'National Day' },
};

/** A government (or agency) decision fixing the days off for some holidays of one year. */
export interface DecidedBreak {
  /** The year whose holidays it schedules (a break may begin in the year before, e.g. 31/12). */
  year: number;
  /** The holidays it replaces the rule for, in that year. */
  holidays: readonly HolidayKey[];
  /** First and last day off, inclusive (weekends inside included, as announced). */
  from: string;
  to: string;
  /** Weekly rest days worked instead of a day in the break (làm bù). */
  workingDays: readonly string[];
  /** Where the schedule comes from, for people reading the configuration. */
  source: string;
}

export interface CalendarRules {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. */
  weeklyRest: readonly number[];
  /**
   * Where Tết's five days fall when no schedule is decided: this many days before mùng 1
   * (1: the last day of the lunar year and mùng 1–4).
   */
  tetDaysBefore: number;
  /** The decided schedules; a year's holidays not named in one follow the rule. */
  decided: readonly DecidedBreak[];
}

export interface ExtraOffDay {
  day: string;
  name?: LocalName;
}

/** Rules + the agency's extra days off + its extra working days (which win over everything). */
export interface WorkingCalendar {
  rules: CalendarRules;
  extraOffDays: readonly ExtraOffDay[];
  extraWorkingDays: readonly string[];
}

/** Vietnam's calendar for state agencies, with the schedules decided so far. */
export const VIETNAM_CALENDAR: WorkingCalendar = {
  rules: { weeklyRest: [0, 6], tetDaysBefore: 1, decided: VIETNAM_DECIDED_BREAKS },
  extraOffDays: [],
  extraWorkingDays: [],
};

// ---------------------------------------------------------------------------------------------
// Days as numbers: whole days since 1970-01-01.

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

function toDay(iso: string): number {
  const m = ISO_DAY.exec(iso);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || new Date(ms).getUTCDate() !== Number(m[3])) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${iso}`);
  return ms / DAY_MS;
}
const toIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (day: number): number => (day + 4) % 7; // 1970-01-01 was a Thursday
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const dayOf = (year: number, month: number, date: number): number => Date.UTC(year, month - 1, date) / DAY_MS;

// ---------------------------------------------------------------------------------------------
// A year's days off.

type OffKind = 'holiday' | 'inLieu' | 'break';
interface OffDay {
  key: HolidayKey;
  kind: OffKind;
}

/** The legal days of each holiday in `year`, by rule (before weekends and days in lieu). */
function legalDays(year: number, rules: CalendarRules, isRest: (day: number) => boolean): Map<HolidayKey, number[]> {
  const tet = lunarToSolar({ day: 1, month: 1, year, leap: false });
  const hung = lunarToSolar({ day: 10, month: 3, year, leap: false });
  if (tet === null || hung === null) throw new Error(`no lunar calendar for ${year}`); // month 1 and 3 always exist
  const tetFirst = tet - rules.tetDaysBefore;
  // 02/9 and the adjacent day: one that is not a rest day, next to a weekend if possible (as decided
  // in 2021–2025: Thursday → Friday, Friday → Thursday, Monday → Tuesday, Tuesday → Monday), else the day before.
  const national = dayOf(year, 9, 2);
  const adjacent = [national - 1, national + 1].filter((d) => !isRest(d));
  const bridge = adjacent.find((d) => isRest(d - 1) || isRest(d + 1)) ?? adjacent[0] ?? national - 1;
  return new Map<HolidayKey, number[]>([
    ['newYear', [dayOf(year, 1, 1)]],
    ['tet', [0, 1, 2, 3, 4].map((i) => tetFirst + i)],
    ['hungKings', [hung]],
    ['reunification', [dayOf(year, 4, 30)]],
    ['labour', [dayOf(year, 5, 1)]],
    ['national', [national, bridge].sort((a, b) => a - b)],
  ]);
}

interface YearTable {
  off: Map<number, OffDay>;
  /** Weekly rest days worked under a decided swap. */
  worked: Set<number>;
}

function buildYear(year: number, rules: CalendarRules): YearTable {
  const rest = new Set(rules.weeklyRest);
  const isRest = (day: number): boolean => rest.has(weekdayOf(day));
  const legal = legalDays(year, rules, isRest);
  const off = new Map<number, OffDay>();
  const worked = new Set<number>();
  const decided = rules.decided.filter((b) => b.year === year);
  const decidedKeys = new Set(decided.flatMap((b) => b.holidays));

  for (const b of decided) {
    const own = b.holidays.flatMap((key) => (legal.get(key) ?? []).map((day) => ({ key, day })));
    for (let d = toDay(b.from); d <= toDay(b.to); d++) {
      const exact = own.find((x) => x.day === d);
      // A day of the break that is not itself a legal day belongs to the nearest of its holidays.
      const nearest = own.reduce((best, x) => (Math.abs(x.day - d) < Math.abs(best.day - d) ? x : best), own[0] ?? { key: b.holidays[0] ?? 'newYear', day: d });
      off.set(d, exact ? { key: exact.key, kind: 'holiday' } : { key: nearest.key, kind: 'break' });
    }
    for (const w of b.workingDays) worked.add(toDay(w));
  }

  // The rest by rule: each legal day off, and for each one on a weekly rest day the next day
  // that is neither a rest day nor already off (in date order, so days in lieu chain: 2023's
  // Saturday 29/4, Sunday 30/4 and Monday 1/5 gave Tuesday 2/5 and Wednesday 3/5).
  const byRule = [...legal].filter(([key]) => !decidedKeys.has(key)).flatMap(([key, days]) => days.map((day) => ({ key, day })));
  byRule.sort((a, b) => a.day - b.day);
  for (const { key, day } of byRule) if (!off.has(day)) off.set(day, { key, kind: 'holiday' });
  for (const { key, day } of byRule) {
    if (!isRest(day)) continue;
    let d = day + 1;
    while (isRest(d) || off.has(d)) d += 1;
    off.set(d, { key, kind: 'inLieu' });
  }
  return { off, worked };
}

/** What a calendar object (immutable data) gives, built on first use: year tables, its extra days, and each day asked. */
interface Compiled {
  years: Map<number, YearTable>;
  extraWorking: Set<number>;
  extraOff: Map<number, ExtraOffDay>;
  days: Map<number, DayInfo>;
}
const cache = new WeakMap<WorkingCalendar, Compiled>();

function compiled(cal: WorkingCalendar): Compiled {
  let c = cache.get(cal);
  if (!c) {
    c = { years: new Map(), extraWorking: new Set(cal.extraWorkingDays.map(toDay)), extraOff: new Map(cal.extraOffDays.map((x) => [toDay(x.day), x])), days: new Map() };
    cache.set(cal, c);
  }
  return c;
}

function yearTable(c: Compiled, cal: WorkingCalendar, year: number): YearTable {
  let t = c.years.get(year);
  if (!t) c.years.set(year, (t = buildYear(year, cal.rules)));
  return t;
}

interface DayInfo {
  working: boolean;
  holiday: { key: HolidayKey; kind: OffKind } | { name: LocalName } | null;
}

function infoOf(day: number, cal: WorkingCalendar): DayInfo {
  const c = compiled(cal);
  let info = c.days.get(day);
  if (!info) c.days.set(day, (info = computeInfo(day, cal, c)));
  return info;
}

function computeInfo(day: number, cal: WorkingCalendar, c: Compiled): DayInfo {
  if (c.extraWorking.has(day)) return { working: true, holiday: null };
  const extra = c.extraOff.get(day);
  if (extra) return { working: false, holiday: extra.name ? { name: extra.name } : null };
  const y = yearOf(day);
  // A schedule of next year may begin in the last days of this one (Tết Dương lịch).
  const here = yearTable(c, cal, y);
  const next = yearTable(c, cal, y + 1);
  const off = here.off.get(day) ?? next.off.get(day);
  if (off) return { working: false, holiday: off };
  if (here.worked.has(day) || next.worked.has(day)) return { working: true, holiday: null };
  return { working: !cal.rules.weeklyRest.includes(weekdayOf(day)), holiday: null };
}

// ---------------------------------------------------------------------------------------------
// API

/** Is `isoDay` a working day? */
export function isWorkingDay(isoDay: string, cal: WorkingCalendar = VIETNAM_CALENDAR): boolean {
  return infoOf(toDay(isoDay), cal).working;
}

/**
 * The deadline of something to be done "within n working days" of `isoDay`: the n-th
 * working day after it (counting starts the day after, whatever `isoDay` itself is).
 * n = 0 gives `isoDay` itself. n must be a whole number ≥ 0.
 */
export function addWorkingDays(isoDay: string, n: number, cal: WorkingCalendar = VIETNAM_CALENDAR): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let d = toDay(isoDay);
  for (let k = 0; k < n; ) {
    d += 1;
    if (infoOf(d, cal).working) k += 1;
  }
  return toIso(d);
}

/**
 * The working days after `a` up to and including `b` (negative when b is before a), so that
 * workingDaysBetween(a, addWorkingDays(a, n)) = n. E.g. how many working days a task took.
 */
export function workingDaysBetween(a: string, b: string, cal: WorkingCalendar = VIETNAM_CALENDAR): number {
  const da = toDay(a);
  const db = toDay(b);
  if (db < da) return -workingDaysBetween(b, a, cal);
  let n = 0;
  for (let d = da + 1; d <= db; d++) if (infoOf(d, cal).working) n += 1;
  return n;
}

/**
 * The name of the holiday that makes `isoDay` a day off, for the UI ("Nghỉ bù …" for a day off
 * in lieu), or null on a working day, an ordinary weekend day or an unnamed extra day off.
 */
export function holidayName(isoDay: string, lang: 'vi' | 'en' = 'vi', cal: WorkingCalendar = VIETNAM_CALENDAR): string | null {
  const h = infoOf(toDay(isoDay), cal).holiday;
  if (h === null) return null;
  if ('name' in h) return h.name[lang];
  const name = HOLIDAY_NAMES[h.key][lang];
  if (h.kind === 'inLieu') return lang === 'vi' ? `Nghỉ bù ${name}` : `${name} (day off in lieu)`;
  if (h.kind === 'break') return lang === 'vi' ? `Nghỉ ${name}` : `${name} holiday`;
  return name;
}
