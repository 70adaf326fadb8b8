/**
 * The notices of the weekly schedule (issue #9; docs/decisions.md §28): when a pull brings a
 * revision of a published week, made by someone else, to an entry that concerns the user
 * (chairs it, takes part, their unit prepares it: rights.ts myEntryRole), the core records a
 * notice saying, in Vietnamese, which meeting and what changed ("chuyển sang 14:00 Thứ Năm
 * 03/12"). Pure: the store decides when to call it and keeps what it returns.
 *
 * Only meetings still ahead are told (the entry's day is today or later): a correction to a
 * past week is no news, and a new device syncing five years of history must not raise
 * hundreds of notices.
 */
import { userName, type OrgView } from '../../../shared/domain/org.js';
import {
  DAY_PART_LABELS,
  ENTRY_FIELD_LABELS,
  ENTRY_FIELDS,
  entryTimeLabel,
  weekdayName,
  type EntryChange,
  type EntryField,
  type RevisionChange,
  type ScheduleEntry,
} from '../../../shared/schedule/index.js';
import type { Viewer } from '../sync/kinds.js';
import { lastRevision, roleOf } from './entries.js';

export interface NoticeDraft {
  entryId: string;
  weekStart: string;
  revision: number;
  change: RevisionChange;
  fields: EntryField[];
  title: string;
  body: string;
  at: string;
}

export const NOTICE_TITLES: Readonly<Record<RevisionChange, string>> = {
  changed: 'Lịch công tác điều chỉnh',
  cancelled: 'Lịch bị hoãn/huỷ',
  added: 'Bổ sung lịch',
};

type When = Pick<ScheduleEntry, 'date' | 'part' | 'start' | 'end'>;

const ddmm = (isoDay: string): string => `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}`;
const timeOf = (e: When): string => (e.start === null ? `buổi ${DAY_PART_LABELS[e.part].vi.toLowerCase()}` : entryTimeLabel(e, () => ''));
/** "Thứ Ba 01/12, 08:00–10:00". */
const whenOf = (e: When): string => `${weekdayName(e.date)} ${ddmm(e.date)}, ${timeOf(e)}`;

function placeOf(e: Pick<ScheduleEntry, 'roomId' | 'place'>, org: OrgView | null): string {
  const room = e.roomId === null ? '' : (org?.schedule?.rooms.find((r) => r.id === e.roomId)?.name ?? '');
  return [room, e.place].filter((s) => s !== '').join(', ');
}

/** What changed between what the user knew and what the entry is now, in words. */
function whatChanged(known: ScheduleEntry, now: ScheduleEntry, fields: readonly EntryField[], viewer: Viewer, org: OrgView | null): string {
  const out: string[] = [];
  const rest: string[] = [];
  for (const f of fields) {
    switch (f) {
      case 'time':
        out.push(`chuyển sang ${timeOf(now)} ${weekdayName(now.date)} ${ddmm(now.date)}`);
        break;
      case 'location':
        out.push(`địa điểm: ${placeOf(now, org) || 'chưa xác định'}`);
        break;
      case 'chair':
        out.push(`chủ trì: ${userName(org, now.chairId) || 'không có'}`);
        break;
      case 'content':
        out.push(`nội dung: ${now.content}`);
        break;
      case 'participants':
        if (roleOf(now, viewer, org) === null && roleOf(known, viewer, org) !== null) out.push('bạn không còn trong thành phần tham dự');
        else rest.push(ENTRY_FIELD_LABELS[f].vi);
        break;
      default:
        rest.push(ENTRY_FIELD_LABELS[f].vi);
    }
  }
  if (rest.length > 0) out.push(`điều chỉnh ${rest.join(', ')}`);
  return out.length > 0 ? out.join('; ') : 'điều chỉnh';
}

function withReason(text: string, reason: string): string {
  return reason ? `${text} (Lý do: ${reason})` : text;
}

/**
 * The notice a pulled entry gives the viewer, if any. `stored`: the entry as the cache had it
 * (null: newly visible — told only when a revision after the publication added it).
 */
export function noticeFor(stored: ScheduleEntry | null, next: ScheduleEntry, viewer: Viewer, org: OrgView | null, today: string): NoticeDraft | null {
  if (next.date < today && (stored === null || stored.date < today)) return null;
  let news: EntryChange[];
  if (stored === null) {
    const last = next.changes.at(-1);
    if (!last || last.change !== 'added' || last.revision < 2 || next.status !== 'scheduled') return null;
    news = [last];
  } else {
    const known = lastRevision(stored);
    news = next.changes.filter((c) => c.revision > known);
  }
  const theirs = news.filter((c) => c.by !== viewer.id);
  const last = theirs.at(-1);
  if (!last) return null;
  // Concerns me now, or did before the change (taken off the meeting is news too).
  if (roleOf(next, viewer, org) === null && (stored === null || roleOf(stored, viewer, org) === null)) return null;

  const change: RevisionChange = next.status === 'cancelled' && theirs.some((c) => c.change === 'cancelled') ? 'cancelled' : last.change;
  const named = new Set(theirs.flatMap((c) => c.fields));
  const fields = ENTRY_FIELDS.filter((f) => named.has(f));
  const known = stored ?? next;
  const line = `${whenOf(known)}: ${known.content}`;
  let body: string;
  if (change === 'added') {
    const place = placeOf(next, org);
    body = withReason(`${whenOf(next)}: ${next.content}${place ? ` tại ${place}` : ''}`, last.reason);
  } else if (change === 'cancelled') {
    body = `${line} — hoãn/huỷ${last.reason ? `: ${last.reason}` : ''}`;
  } else {
    body = withReason(`${line} — ${whatChanged(known, next, fields, viewer, org)}`, last.reason);
  }
  return { entryId: next.id, weekStart: next.weekStart, revision: last.revision, change, fields, title: NOTICE_TITLES[change], body, at: last.at };
}
