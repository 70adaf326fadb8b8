/**
 * What the schedule screens show, as pure functions (no React, no antd): the week's rows by
 * day and part of the day, the names in each column, the leaders to pick from, the changes of
 * a published entry ("Điều chỉnh lần 2: thời gian 08:00 → 14:00"), and what a conflict names.
 * Node tests cover them (test/renderer/schedule.test.ts).
 */
import { isAgencyLeader, unitName, userName, type OrgView } from '../../../shared/domain/org.js';
import type { Unit, UserSummary } from '../../../shared/model/organisation.js';
import {
  DAY_PART_LABELS,
  DAY_PARTS,
  ENTRY_FIELD_LABELS,
  REVISION_CHANGE_LABELS,
  entryTimeLabel,
  isoWeekday,
  revisionLabel,
  weekdayName,
  type DayPart,
  type EntryChange,
  type EntryField,
  type EntryFields,
  type EntryItem,
  type RevisionChange,
  type WeekDeadline,
} from '../../../shared/schedule/index.js';
import { comparePersonNames, compareVi } from '../../../shared/text/vietnamese.js';
import type { Lang } from '../../app/i18n/lang.js';

/** A label of the shared slice ({vi, en}) in the UI's language. */
export function loc(label: { vi: string; en: string }, lang: Lang): string {
  return label[lang] || label.vi;
}

export const partLabel = (p: DayPart, lang: Lang): string => loc(DAY_PART_LABELS[p], lang);

/** "30/11" */
export const ddmm = (isoDay: string): string => `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}`;

/** "Thứ Hai 30/11" */
export const dayLabel = (isoDay: string, lang: Lang): string => `${weekdayName(isoDay, lang)} ${ddmm(isoDay)}`;

type Timed = Pick<EntryFields, 'date' | 'part' | 'start' | 'end'>;

/** "08:00–10:30", "14:00", or the part of the day ("Sáng") when no clock time was given. */
export function timeLabel(e: Timed, lang: Lang): string {
  return entryTimeLabel(e, (p) => partLabel(p, lang));
}

/** "Thứ Ba 01/12, Sáng 08:00–10:30" / "Thứ Ba 01/12, Chiều" */
export function whenLabel(e: Timed, lang: Lang): string {
  const part = partLabel(e.part, lang);
  return e.start === null ? `${dayLabel(e.date, lang)}, ${part}` : `${dayLabel(e.date, lang)}, ${part} ${timeLabel(e, lang)}`;
}

// ---------------------------------------------------------------------------------------------
// The week table

export interface WeekDayInfo {
  date: string;
  holiday: string | null;
  today: boolean;
}

export interface PartGroup {
  part: DayPart;
  entries: EntryItem[];
}

export interface DayGroup extends WeekDayInfo {
  parts: PartGroup[];
  deadlines: WeekDeadline[];
}

// An entry without a clock time stands for its whole part: it leads the part's lines.
const byTime = (a: EntryItem, b: EntryItem): number => (a.start ?? '').localeCompare(b.start ?? '') || (a.end ?? '').localeCompare(b.end ?? '') || compareVi(a.content, b.content);

/**
 * The rows of the printed week: Monday to Friday always (an empty day says so), Saturday and
 * Sunday only when something falls on them or they are today; within a day the parts in order,
 * each with its entries by time. Entries of other weeks are ignored.
 */
export function groupWeek(days: readonly WeekDayInfo[], entries: readonly EntryItem[], deadlines: readonly WeekDeadline[] = []): DayGroup[] {
  const out: DayGroup[] = [];
  for (const d of days) {
    const mine = entries.filter((e) => e.date === d.date);
    const due = deadlines.filter((x) => x.date === d.date);
    const weekend = isoWeekday(d.date) >= 6;
    if (weekend && mine.length === 0 && due.length === 0 && !d.today) continue;
    const parts = DAY_PARTS.map((part) => ({ part, entries: mine.filter((e) => e.part === part).sort(byTime) })).filter((p) => p.entries.length > 0);
    out.push({ ...d, parts, deadlines: due });
  }
  return out;
}

export interface NameCtx {
  org: OrgView | null | undefined;
  lang: Lang;
}

/** Thành phần: the people, then the units, then the guests, as the paper schedule lists them. */
export function participantsText(e: Pick<EntryFields, 'participantUserIds' | 'participantUnitIds' | 'guests'>, org: OrgView | null | undefined): string {
  return [...e.participantUserIds.map((id) => userName(org, id)), ...e.participantUnitIds.map((id) => unitName(org, id)), e.guests.trim()].filter((s) => s !== '').join('; ');
}

export function roomName(org: OrgView | null | undefined, roomId: string | null): string {
  return org?.schedule?.rooms.find((r) => r.id === roomId)?.name ?? '';
}

/** Địa điểm: the meeting room and/or the place as written ("Phòng họp số 1 — Tầng 3"). */
export function locationText(e: Pick<EntryFields, 'roomId' | 'place'>, org: OrgView | null | undefined): string {
  return [roomName(org, e.roomId), e.place.trim()].filter((s) => s !== '').join(', ');
}

/** Chủ trì with the position under it ("Trần Văn Đức", "Chủ tịch"). */
export function chairOf(org: OrgView | null | undefined, chairId: string | null): { name: string; position: string } | null {
  if (!chairId) return null;
  const u = org?.users.find((x) => x.id === chairId);
  return u ? { name: u.fullName, position: u.position } : null;
}

// ---------------------------------------------------------------------------------------------
// Leaders

/**
 * Who may chair, and whose week the "Lịch lãnh đạo" view shows: the agency's leaders first, then
 * the leaders of units (with their unit), each group by given name as Vietnamese lists are.
 */
export function leaderGroups(org: Pick<OrgView, 'units' | 'users'> | null | undefined): { agency: UserSummary[]; units: UserSummary[] } {
  if (!org) return { agency: [], units: [] };
  const leaders = org.users.filter((u) => u.active && u.role === 'leader');
  const byName = (a: UserSummary, b: UserSummary): number => comparePersonNames(a.fullName, b.fullName);
  return {
    agency: leaders.filter((u) => isAgencyLeader(u, org.units)).sort(byName),
    units: leaders.filter((u) => !isAgencyLeader(u, org.units)).sort(byName),
  };
}

/** The leader a "Lịch lãnh đạo" view opens on: the one asked for, else me when I lead, else the first agency leader. */
export function defaultLeader(org: Pick<OrgView, 'units' | 'users'> | null | undefined, me: Pick<UserSummary, 'id' | 'role'>, asked: string | null): string | null {
  const { agency, units } = leaderGroups(org);
  const all = [...agency, ...units];
  if (asked && all.some((u) => u.id === asked)) return asked;
  if (me.role === 'leader' && all.some((u) => u.id === me.id)) return me.id;
  return all[0]?.id ?? null;
}

export interface UnitNode {
  value: string;
  title: string;
  children: UnitNode[];
}

/** Units in their order, as a tree (the preparing unit's picker). */
export function unitTree(units: readonly Unit[]): UnitNode[] {
  const sorted = [...units].sort((a, b) => a.sortOrder - b.sortOrder || compareVi(a.name, b.name));
  const build = (u: Unit): UnitNode => ({ value: u.id, title: u.name, children: sorted.filter((c) => c.parentId === u.id).map(build) });
  return sorted.filter((u) => u.parentId === null).map(build);
}

// ---------------------------------------------------------------------------------------------
// Changes after publication

export interface ChangeItem {
  field: EntryField;
  /** The field's name ("thời gian"). */
  label: string;
  from: string;
  to: string;
}

export interface ChangeLine {
  revision: number;
  change: RevisionChange;
  /** "Điều chỉnh lần 1" (revision 2), with "Bổ sung"/"Hoãn/huỷ" for what happened to the entry. */
  title: string;
  items: ChangeItem[];
  reason: string;
  by: string;
  at: string;
}

const YES_NO: Record<Lang, [string, string]> = { vi: ['có', 'không'], en: ['yes', 'no'] };
const clip = (s: string, n = 80): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One field of an entry as the change lines show it ('' when empty). */
export function fieldValue(field: EntryField, f: EntryFields, ctx: NameCtx, other?: EntryFields): string {
  const { org, lang } = ctx;
  switch (field) {
    case 'time':
      // The day only when it moved: "08:00 → 14:00" reads better than the whole date twice.
      return other && other.date === f.date ? timeLabel(f, lang) : whenLabel(f, lang);
    case 'content':
      return clip(f.content);
    case 'chair':
      return userName(org, f.chairId);
    case 'participants':
      return participantsText(f, org);
    case 'location':
      return locationText(f, org);
    case 'preparing':
      return unitName(org, f.preparingUnitId);
    case 'notes':
      return clip(f.notes);
    case 'files':
      return lang === 'vi' ? `${f.files.length} tệp` : `${f.files.length} file${f.files.length === 1 ? '' : 's'}`;
    case 'highlight':
      return YES_NO[lang][f.highlight ? 0 : 1];
    case 'link':
      return f.link ? (lang === 'vi' ? (f.link.kind === 'tasks' ? 'công việc' : 'văn bản') : f.link.kind === 'tasks' ? 'task' : 'document') : '';
  }
}

/**
 * The entry's changes after publication, newest first, each with what it changed from what
 * to what: a change's `before` is the entry before it; what it became is the next change's
 * `before`, or the entry as it is now for the latest.
 */
export function changeLines(entry: EntryFields & { changes: readonly EntryChange[] }, ctx: NameCtx): ChangeLine[] {
  const { lang } = ctx;
  const lines: ChangeLine[] = [];
  entry.changes.forEach((c, i) => {
    const after: EntryFields = entry.changes.slice(i + 1).find((n) => n.before !== null)?.before ?? entry;
    const items: ChangeItem[] =
      c.change === 'changed' && c.before
        ? c.fields.map((field) => ({ field, label: loc(ENTRY_FIELD_LABELS[field], lang), from: fieldValue(field, c.before!, ctx, after), to: fieldValue(field, after, ctx, c.before!) }))
        : [];
    const what = c.change === 'changed' ? '' : ` — ${loc(REVISION_CHANGE_LABELS[c.change], lang)}`;
    lines.push({ revision: c.revision, change: c.change, title: `${revisionLabel(c.revision, lang)}${what}`, items, reason: c.reason, by: c.by, at: c.at });
  });
  return lines.reverse();
}

/** "thời gian, địa điểm": the fields a change mark names. */
export function fieldsText(fields: readonly EntryField[], lang: Lang): string {
  return fields.map((f) => loc(ENTRY_FIELD_LABELS[f], lang)).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Conflicts

export interface ConflictLike {
  kind: 'person' | 'room' | 'holiday';
  entryIds: readonly string[];
  date: string;
  userId: string | null;
  roomId: string | null;
  holiday: string | null;
}

export interface ConflictRef {
  id: string;
  content: string;
  date: string;
  part: DayPart;
  start: string | null;
  end: string | null;
}

/**
 * Conflicts as people read them: one line per pair of entries that overlap (naming everyone
 * booked in both, and the rooms booked twice), one per holiday with the entries on it. The
 * core gives a conflict per person and per room; eleven lines for two meetings would bury
 * the one that matters.
 */
export interface ConflictGroup {
  kind: 'overlap' | 'holiday';
  date: string;
  entryIds: string[];
  userIds: string[];
  roomIds: string[];
  holiday: string | null;
}

export function groupConflicts(conflicts: readonly ConflictLike[]): ConflictGroup[] {
  const out = new Map<string, ConflictGroup>();
  for (const c of conflicts) {
    const key = c.kind === 'holiday' ? `holiday|${c.date}` : `overlap|${[...c.entryIds].sort().join('|')}`;
    let g = out.get(key);
    if (!g) {
      g = { kind: c.kind === 'holiday' ? 'holiday' : 'overlap', date: c.date, entryIds: c.kind === 'holiday' ? [] : [...c.entryIds], userIds: [], roomIds: [], holiday: c.holiday };
      out.set(key, g);
    }
    if (c.kind === 'holiday') for (const id of c.entryIds) if (!g.entryIds.includes(id)) g.entryIds.push(id);
    if (c.kind === 'person' && c.userId && !g.userIds.includes(c.userId)) g.userIds.push(c.userId);
    if (c.kind === 'room' && c.roomId && !g.roomIds.includes(c.roomId)) g.roomIds.push(c.roomId);
  }
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export interface ConflictFacts {
  kind: ConflictGroup['kind'];
  date: string;
  /** "Thứ Sáu 11/12". */
  day: string;
  /** The entries involved other than `selfId`: “Họp …” (08:00–10:00) — with the day too when `withDay`. */
  entries: string[];
  people: string[];
  rooms: string[];
  holiday: string;
}

/** What a group of conflicts names, in words. `selfId`: the entry (or proposal) the lines are about, left out. */
export function conflictFacts(g: ConflictGroup, refs: ReadonlyMap<string, ConflictRef>, ctx: NameCtx, selfId: string | null = null, withDay = false): ConflictFacts {
  const entries = g.entryIds
    .filter((id) => id !== selfId)
    .map((id) => refs.get(id))
    .filter((r): r is ConflictRef => r !== undefined)
    .map((r) => `“${clip(r.content, 70)}” (${withDay ? whenLabel(r, ctx.lang) : timeLabel(r, ctx.lang)})`);
  return {
    kind: g.kind,
    date: g.date,
    day: dayLabel(g.date, ctx.lang),
    entries,
    people: g.userIds.map((id) => userName(ctx.org, id)).filter(Boolean),
    rooms: g.roomIds.map((id) => roomName(ctx.org, id)).filter(Boolean),
    holiday: g.holiday ?? '',
  };
}

/** The conflicts each entry takes part in (the table and the request cards mark them). */
export function conflictedIds(conflicts: readonly ConflictLike[]): Map<string, ConflictLike[]> {
  const out = new Map<string, ConflictLike[]>();
  for (const c of conflicts) for (const id of c.entryIds) out.set(id, [...(out.get(id) ?? []), c]);
  return out;
}
