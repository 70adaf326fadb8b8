/**
 * An entry of the weekly schedule as the cache and the week view see it: the row written
 * for the signed-in user (schema.ts), the line of the table (EntryItem), the table's order,
 * and which entries each view shows. Pure: the same functions serve stored entries and
 * entries with pending actions replayed on them (handlers.ts).
 */
import type { OrgView } from '../../../shared/domain/org.js';
import { DAY_PARTS, myEntryRole, type ConflictEntry, type DayPart, type EntryStatus, type ScheduleEntry, type ScheduleWeek } from '../../../shared/schedule/index.js';
import type { EntryChangeMark, EntryItem } from '../../../shared/schedule/rpc.js';
import { entryFieldsOf } from '../../../shared/schedule/schemas.js';
import type { Viewer } from '../sync/kinds.js';

export type MyEntryRole = EntryItem['myRole'];

/** The parts of the day in the day's order (their names do not sort that way). */
export const partNo = (p: DayPart): number => DAY_PARTS.indexOf(p);

/** The row of an entry (schema.ts), per viewer. */
export interface EntryRow {
  id: string;
  week_start: string;
  date: string;
  part: DayPart;
  part_no: number;
  start: string | null;
  end: string | null;
  status: EntryStatus;
  content: string;
  chair_id: string | null;
  room_id: string | null;
  preparing_unit_id: string | null;
  requested_by: string;
  requesting_unit_id: string;
  my_role: MyEntryRole;
  last_revision: number;
  file_count: number;
  updated_at: string;
  version: number;
}

/** How the entry concerns the viewer; no organisation yet: only by name (chair, participant). */
export function roleOf(entry: ScheduleEntry, viewer: Viewer, org: Pick<OrgView, 'units'> | null): MyEntryRole {
  return myEntryRole(viewer, entry, org ?? { units: [] });
}

export const lastRevision = (e: Pick<ScheduleEntry, 'changes'>): number => e.changes.at(-1)?.revision ?? 0;

export function entryRowOf(entry: ScheduleEntry, viewer: Viewer, org: Pick<OrgView, 'units'> | null): EntryRow {
  return {
    id: entry.id,
    week_start: entry.weekStart,
    date: entry.date,
    part: entry.part,
    part_no: partNo(entry.part),
    start: entry.start,
    end: entry.end,
    status: entry.status,
    content: entry.content,
    chair_id: entry.chairId,
    room_id: entry.roomId,
    preparing_unit_id: entry.preparingUnitId,
    requested_by: entry.requestedBy,
    requesting_unit_id: entry.requestingUnitId,
    my_role: roleOf(entry, viewer, org),
    last_revision: lastRevision(entry),
    file_count: entry.files.length,
    updated_at: entry.updatedAt,
    version: entry.version,
  };
}

export function lastChangeOf(e: Pick<ScheduleEntry, 'changes'>): EntryChangeMark | null {
  const c = e.changes.at(-1);
  return c ? { revision: c.revision, change: c.change, fields: [...c.fields], reason: c.reason, at: c.at } : null;
}

/** One line of the week (what the table shows). */
export function itemOf(e: ScheduleEntry, myRole: MyEntryRole, pending: boolean): EntryItem {
  const { files, ...fields } = entryFieldsOf(e);
  return {
    ...fields,
    id: e.id,
    weekStart: e.weekStart,
    status: e.status,
    requestedBy: e.requestedBy,
    requestingUnitId: e.requestingUnitId,
    reason: e.reason,
    mergedInto: e.mergedInto,
    fileCount: files.length,
    lastChange: lastChangeOf(e),
    myRole,
    pending,
    updatedAt: e.updatedAt,
  };
}

const collator = new Intl.Collator('vi');

/** Table order: date, part of the day, start time (an entry for the whole part first), content. */
export function compareEntries(a: Pick<ScheduleEntry, 'id' | 'date' | 'part' | 'start' | 'content'>, b: Pick<ScheduleEntry, 'id' | 'date' | 'part' | 'start' | 'content'>): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.part !== b.part) return partNo(a.part) - partNo(b.part);
  if (a.start !== b.start) return a.start === null ? -1 : b.start === null ? 1 : a.start < b.start ? -1 : 1;
  return collator.compare(a.content, b.content) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function conflictEntryOf(e: ScheduleEntry): ConflictEntry {
  return { id: e.id, date: e.date, part: e.part, start: e.start, end: e.end, status: e.status, content: e.content, chairId: e.chairId, participantUserIds: e.participantUserIds, roomId: e.roomId };
}

export const isPublished = (week: Pick<ScheduleWeek, 'status'> | null): boolean => week?.status === 'published';

/** A line of the agency's published week: scheduled, or cancelled and shown struck through. */
export const isPublicLine = (e: Pick<ScheduleEntry, 'status'>): boolean => e.status === 'scheduled' || e.status === 'cancelled';

/**
 * The entries of "Lịch của tôi" and of a person's week among those they concern: what holds
 * a slot (requested, scheduled), and a published week's cancellations, struck through, so the
 * person sees the meeting is off.
 */
export function isOnPersonalWeek(e: Pick<ScheduleEntry, 'status'>, week: Pick<ScheduleWeek, 'status'> | null): boolean {
  return e.status === 'requested' || e.status === 'scheduled' || (e.status === 'cancelled' && isPublished(week));
}
