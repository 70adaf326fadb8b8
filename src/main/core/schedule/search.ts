import { cleanText, foldForSearch } from '../../../shared/index.js';
import { userName, type OrgView } from '../../../shared/domain/org.js';
import type { ScheduleEntry } from '../../../shared/schedule/index.js';

/**
 * An entry's accent-insensitive search text, folded like a document's (db/search.ts: FTS5
 * strips the marks, foldForSearch also turns đ into d), so queryTerms() and
 * ftsMatchExpression() find it. The chair's and the room's names are in it: "họp Đức phòng 2"
 * is how people remember a meeting.
 */
export function scheduleSearchBody(e: Pick<ScheduleEntry, 'content' | 'place' | 'guests' | 'notes' | 'chairId' | 'roomId'>, org: OrgView | null): string {
  const room = e.roomId === null ? '' : (org?.schedule?.rooms.find((r) => r.id === e.roomId)?.name ?? '');
  const chair = e.chairId === null ? '' : userName(org, e.chairId);
  return foldForSearch(cleanText([e.content, e.place, room, e.guests, chair, e.notes].join(' \n ')));
}
