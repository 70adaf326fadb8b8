/**
 * Conflict warnings of the weekly schedule (issue #9), pure and zod-free: a leader or a person
 * booked twice at overlapping times, a meeting room booked twice, an entry on a public holiday
 * (the shared working-day calendar, docs/decisions.md §25). Warnings, never refusals: the office
 * decides (a leader may well attend the end of one meeting and the start of another). Only
 * entries that hold a slot count: requested and scheduled, not rejected, merged, withdrawn or
 * cancelled ones.
 */
import { holidayName, VIETNAM_CALENDAR, type WorkingCalendar } from '../domain/workingDays.js';
import type { DayPart, EntryStatus } from './constants.js';
import { entryInterval } from './week.js';

export interface ConflictEntry {
  readonly id: string;
  readonly date: string;
  readonly part: DayPart;
  readonly start: string | null;
  readonly end: string | null;
  readonly status: EntryStatus;
  readonly content: string;
  readonly chairId: string | null;
  readonly participantUserIds: readonly string[];
  readonly roomId: string | null;
}

export type ConflictKind = 'person' | 'room' | 'holiday';

export interface ScheduleConflict {
  readonly kind: ConflictKind;
  /** The entries involved: two for a double booking, one for a holiday. */
  readonly entryIds: readonly string[];
  readonly date: string;
  /** The person booked twice (kind 'person'), the room (kind 'room'). */
  readonly userId: string | null;
  readonly roomId: string | null;
  /** The holiday's name (kind 'holiday'). */
  readonly holiday: string | null;
}

const holdsSlot = (e: Pick<ConflictEntry, 'status'>): boolean => e.status === 'requested' || e.status === 'scheduled';

function overlaps(a: ConflictEntry, b: ConflictEntry): boolean {
  if (a.date !== b.date) return false;
  const x = entryInterval(a);
  const y = entryInterval(b);
  return x.start < y.end && y.start < x.end;
}

const people = (e: ConflictEntry): Set<string> => new Set([...(e.chairId ? [e.chairId] : []), ...e.participantUserIds]);

/** Every conflict among `entries` (each pair once, ordered by date). */
export function scheduleConflicts(entries: readonly ConflictEntry[], lang: 'vi' | 'en' = 'vi', cal: WorkingCalendar = VIETNAM_CALENDAR): ScheduleConflict[] {
  const live = entries.filter(holdsSlot);
  const out: ScheduleConflict[] = [];
  const byDate = new Map<string, ConflictEntry[]>();
  for (const e of live) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  for (const [date, list] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    const holiday = holidayName(date, lang, cal);
    if (holiday !== null) for (const e of list) out.push({ kind: 'holiday', entryIds: [e.id], date, userId: null, roomId: null, holiday });
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (!overlaps(a, b)) continue;
        const pb = people(b);
        for (const u of people(a)) if (pb.has(u)) out.push({ kind: 'person', entryIds: [a.id, b.id], date, userId: u, roomId: null, holiday: null });
        if (a.roomId !== null && a.roomId === b.roomId) out.push({ kind: 'room', entryIds: [a.id, b.id], date, userId: null, roomId: a.roomId, holiday: null });
      }
  }
  return out;
}

/** The conflicts a proposed entry (not yet saved, or edited) would have with the others. */
export function conflictsOf(proposed: ConflictEntry, others: readonly ConflictEntry[], lang: 'vi' | 'en' = 'vi', cal: WorkingCalendar = VIETNAM_CALENDAR): ScheduleConflict[] {
  const rest = others.filter((e) => e.id !== proposed.id);
  return scheduleConflicts([{ ...proposed, status: 'requested' }, ...rest], lang, cal).filter((c) => c.entryIds.includes(proposed.id));
}
