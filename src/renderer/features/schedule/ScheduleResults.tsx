import { Space, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryItem } from '../../../shared/schedule/index.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useChanged, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { PendingTag } from '../../components/DocTags.js';
import { Highlight } from '../../components/Highlight.js';
import { useSearch } from '../../components/useSearch.js';
import { chairOf, locationText, partLabel, timeLabel } from './format.js';
import { StatusChip } from './RowChips.js';
import { weekdayName } from '../../../shared/schedule/index.js';

/** `schedule.search` (offline, accent-insensitive, only what the user may see), re-run when the schedule changes. */
export function useScheduleSearch(query: string, limit: number): ReturnType<typeof useSearch<EntryItem>> {
  const rpc = useRpc();
  const run = useCallback((q: string) => rpc.call('schedule.search', { query: q, limit }), [rpc, limit]);
  const result = useSearch(query, run);
  useChanged(['schedule'], () => query && result.refresh(), { delayMs: 500 });
  return result;
}

/** Entries found: the content (the words found marked), when, who chairs, where, and its state. */
export function ScheduleResults({ items, query }: { items: EntryItem[]; query: string }): React.JSX.Element {
  const { org, lang } = useApp();
  const { t } = useTranslation();
  return (
    <>
      {items.map((e) => {
        const open = (): void => navigate({ name: 'scheduleEntry', id: e.id });
        const chair = chairOf(org, e.chairId);
        const meta = [
          `${weekdayName(e.date, lang)} ${formatDateVi(e.date)}, ${partLabel(e.part, lang)}${e.start ? ` ${timeLabel(e, lang)}` : ''}`,
          chair ? `${t('schedule.columns.chair')}: ${chair.name}` : '',
          locationText(e, org),
        ].filter(Boolean);
        return (
          <div key={e.id} className="search-result" role="link" tabIndex={0} onClick={open} onKeyDown={(ev) => ev.key === 'Enter' && open()} data-testid="search-schedule-result">
            <div className="search-result-main">
              <span className={e.status === 'cancelled' ? 'search-subject sched-struck' : 'search-subject'}>
                <Highlight text={e.content} query={query} />
              </span>
              <Typography.Text type="secondary" className="search-meta">
                {meta.join(' · ')}
              </Typography.Text>
            </div>
            <Space size={4}>{e.pending ? <PendingTag /> : <StatusChip status={e.status} />}</Space>
          </div>
        );
      })}
    </>
  );
}
