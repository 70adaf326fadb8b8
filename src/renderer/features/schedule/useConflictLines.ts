import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { conflictFacts, groupConflicts, type ConflictLike, type ConflictRef } from './format.js';

export interface ConflictLine {
  key: string;
  text: string;
}

/**
 * Conflicts in words, one line per pair of overlapping entries (naming the people booked in
 * both and the rooms booked twice) or per holiday. Over the week: "Thứ Sáu 11/12: “A” (…) và
 * “B” (…) — Trần Minh Quang có mặt ở cả hai; cùng đặt Phòng họp số 1". About one entry (`about`:
 * the entry's id, or null for a proposal not saved yet): "Trùng giờ với “B” (Thứ Sáu 11/12, …) — …".
 */
export function useConflictLines(): (conflicts: readonly ConflictLike[], refs: ReadonlyMap<string, ConflictRef>, about?: { selfId: string | null }) => ConflictLine[] {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  return useCallback(
    (conflicts, refs, about) =>
      groupConflicts(conflicts).map((g) => {
        const f = conflictFacts(g, refs, { org, lang }, about?.selfId ?? null, about !== undefined);
        const key = `${g.kind}|${g.date}|${g.entryIds.join('|')}`;
        if (g.kind === 'holiday') {
          const text = about ? t('schedule.conflicts.formHoliday', { date: formatDateVi(g.date), holiday: f.holiday }) : t('schedule.conflicts.holiday', { day: f.day, holiday: f.holiday, entries: f.entries.join(', ') });
          return { key, text };
        }
        const what = [f.people.length > 0 ? t('schedule.conflicts.people', { names: f.people.join(', ') }) : '', f.rooms.length > 0 ? t('schedule.conflicts.rooms', { names: f.rooms.join(', ') }) : '']
          .filter(Boolean)
          .join('; ');
        const text = about ? t('schedule.conflicts.with', { entries: f.entries.join(t('schedule.conflicts.and')), what }) : t('schedule.conflicts.pair', { day: f.day, a: f.entries[0] ?? '', b: f.entries[1] ?? '', what });
        return { key, text };
      }),
    [t, org, lang],
  );
}
