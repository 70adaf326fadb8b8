import { PlusOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Badge, Button, DatePicker, Empty, Select, Skeleton, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingFilter, IncomingListItem } from '../../../shared/rpc/contract.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useChanged, useMe, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText, isAgencyLeader } from '../../app/util.js';
import { ConfidentialityTag, OverdueTag, PendingTag, RoleTag, StatusTag, UrgencyTag } from '../../components/DocTags.js';
import { FIRST_PAGE, IncomingPager, type ListQuery, type PagerState } from './pager.js';

export const ROW_HEIGHT = 64;

/** Where the user was, per signed-in user, so coming back from a document lands on the same row. */
const memory = new Map<string, { query: ListQuery; scrollTop: number; selected: number }>();

const COUNTED: IncomingFilter[] = ['to_process', 'overdue', 'unread', 'registered'];

function useTabCounts(urgentOnly: boolean): Partial<Record<IncomingFilter, number>> {
  const rpc = useRpc();
  const [counts, setCounts] = useState<Partial<Record<IncomingFilter, number>>>({});
  const load = useCallback(() => {
    void Promise.all(COUNTED.map((filter) => rpc.call('incoming.list', { filter, urgentOnly, limit: 1 }).then((r) => [filter, r.total] as const))).then(
      (pairs) => setCounts(Object.fromEntries(pairs)),
      () => {},
    );
  }, [rpc, urgentOnly]);
  useEffect(load, [load]);
  useChanged(['incoming', 'session'], load, { delayMs: 400 });
  return counts;
}

export function IncomingList(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { org, lang } = useApp();
  const leaderOrClerk = me.role === 'clerk' || isAgencyLeader(me, org);
  const remembered = memory.get(me.id);
  const [query, setQuery] = useState<ListQuery>(
    () => remembered?.query ?? { filter: leaderOrClerk ? 'all' : 'to_process', urgentOnly: false, from: null, to: null },
  );
  const [state, setState] = useState<PagerState | null>(null);
  const [selected, setSelected] = useState(remembered?.selected ?? 0);
  const pagerRef = useRef<IncomingPager | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const counts = useTabCounts(query.urgentOnly);

  // A new pager per query; the first load keeps what the user was looking at.
  useEffect(() => {
    const pager = new IncomingPager(rpc, query, setState);
    pagerRef.current = pager;
    const back = memory.get(me.id);
    const want = back && back.query === query ? Math.max(FIRST_PAGE, back.selected + 50, Math.ceil(back.scrollTop / ROW_HEIGHT) + 50) : FIRST_PAGE;
    void pager.reload(want);
    return () => pager.dispose();
  }, [rpc, query, me.id]);

  const pager = pagerRef.current;
  const count = state && pager ? pager.count : 0;
  const items = state?.items ?? [];

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: remembered && remembered.query === query ? remembered.scrollTop : 0,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.length ? (virtualItems[virtualItems.length - 1]?.index ?? 0) : 0;

  // Load the pages the viewport needs.
  useEffect(() => {
    if (pager && state?.loaded) void pager.ensure(Math.max(lastVisible, selected));
  }, [pager, state, lastVisible, selected]);

  // Live: re-query from the top when local data changes, keeping as many rows as the user has reached.
  useChanged(['incoming', 'session'], () => {
    const p = pagerRef.current;
    if (!p) return;
    const reached = Math.max(FIRST_PAGE, lastVisible + 50, selected + 50);
    void p.reload(Math.min(reached, Math.max(p.state.items.length, FIRST_PAGE)));
  });

  // Remember where we are.
  useEffect(
    () => () => {
      memory.set(me.id, { query, scrollTop: scrollRef.current?.scrollTop ?? 0, selected });
    },
    [me.id, query, selected],
  );

  const open = useCallback((item: IncomingListItem | undefined) => {
    if (item) navigate({ name: 'document', id: item.id });
  }, []);

  const moveTo = useCallback(
    (index: number) => {
      if (count === 0) return;
      const i = Math.max(0, Math.min(count - 1, index));
      setSelected(i);
      virtualizer.scrollToIndex(i, { align: 'auto' });
    },
    [count, virtualizer],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(selected + 1),
      ArrowUp: () => moveTo(selected - 1),
      PageDown: () => moveTo(selected + pageRows),
      PageUp: () => moveTo(selected - pageRows),
      Home: () => moveTo(0),
      End: () => moveTo(count - 1),
      Enter: () => open(items[selected]),
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  const setFilter = (filter: IncomingFilter): void => {
    setSelected(0);
    setQuery((q) => ({ ...q, filter }));
    scrollRef.current?.scrollTo({ top: 0 });
  };

  const tabLabel = (f: IncomingFilter): React.ReactNode => {
    const n = counts[f];
    return (
      <span>
        {t(`list.filter.${f}`)}
        {n ? <Badge count={n} overflowCount={9999} size="small" className={f === 'overdue' ? 'tab-badge tab-badge-danger' : 'tab-badge'} /> : null}
      </span>
    );
  };
  // Clerks and agency leaders oversee the whole register; everyone else works from their own assignments.
  const filters: IncomingFilter[] = leaderOrClerk
    ? ['all', 'unread', 'registered', 'overdue', 'done']
    : ['to_process', 'cooperate', 'info', 'overdue', 'done', 'all', 'unread'];

  const range: [Dayjs | null, Dayjs | null] = [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null];
  const summary = !state?.loaded
    ? t('app.loading')
    : pager?.dateRange
      ? t('list.countFiltered', { shown: items.length + (state.next ? '+' : ''), scanned: state.scanned, total: state.total })
      : t('list.count', { n: count.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US') });

  return (
    <div className="screen incoming-list" data-testid="incoming-list">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('list.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="list-count">
            {summary}
          </Typography.Text>
        </div>
        <div className="list-filters">
          <Select<'all' | 'urgent'>
            value={query.urgentOnly ? 'urgent' : 'all'}
            onChange={(v) => setQuery((q) => ({ ...q, urgentOnly: v === 'urgent' }))}
            options={[
              { value: 'all', label: t('list.urgencyAll') },
              { value: 'urgent', label: t('list.urgencyUrgent') },
            ]}
            aria-label={t('list.urgency')}
            className="urgency-select"
            data-testid="urgency-filter"
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={range}
            allowEmpty={[true, true]}
            placeholder={[t('list.datePlaceholderFrom'), t('list.datePlaceholderTo')]}
            onChange={(v) =>
              setQuery((q) => ({ ...q, from: v?.[0] ? v[0].format('YYYY-MM-DD') : null, to: v?.[1] ? v[1].format('YYYY-MM-DD') : null }))
            }
            aria-label={t('list.dateRange')}
            data-testid="date-filter"
          />
          {me.role === 'clerk' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate({ name: 'register' })} data-testid="register-button">
              {t('list.register')}
            </Button>
          )}
        </div>
      </div>
      <div className="list-toolbar">
        <Tabs
          className="list-tabs"
          activeKey={query.filter}
          onChange={(k) => setFilter(k as IncomingFilter)}
          items={filters.map((f) => ({ key: f, label: tabLabel(f) }))}
          data-testid="list-tabs"
        />
      </div>
      {state?.error ? <Alert type="error" showIcon title={errorText(state.error, lang, t('app.unexpected'))} /> : null}
      <div className="list-grid list-head" role="presentation">
        <span>{t('list.columns.number')}</span>
        <span>{t('list.columns.document')}</span>
        <span>{t('list.columns.deadline')}</span>
        <span>{t('list.columns.status')}</span>
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        tabIndex={0}
        role="listbox"
        aria-label={t('list.title')}
        aria-activedescendant={items[selected] ? `row-${items[selected].id}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="list-scroll"
      >
        {state?.loaded && count === 0 ? (
          <Empty className="list-empty" description={query.filter === 'all' && !pager?.dateRange && !query.urgentOnly ? t('list.empty') : t('list.emptyFilter')} />
        ) : !state?.loaded ? (
          <div className="list-skeleton">
            <Skeleton active paragraph={{ rows: 6 }} />
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize() }} className="list-inner">
            {virtualItems.map((v) => (
              <div key={v.key} className="list-row-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                <Row item={items[v.index]} index={v.index} selected={v.index === selected} onOpen={open} onSelect={setSelected} />
              </div>
            ))}
          </div>
        )}
      </div>
      <div className="list-footer">
        <Typography.Text type="secondary">{t('list.keyboardHint')}</Typography.Text>
        {state?.loading && state.loaded ? <Typography.Text type="secondary">{t('list.loadingMore')}</Typography.Text> : null}
      </div>
    </div>
  );
}

interface RowProps {
  item: IncomingListItem | undefined;
  index: number;
  selected: boolean;
  onOpen(item: IncomingListItem): void;
  onSelect(index: number): void;
}

const Row = memo(function Row({ item, index, selected, onOpen, onSelect }: RowProps): React.JSX.Element {
  const { t } = useTranslation();
  if (!item)
    return (
      <div className="list-grid list-row list-row-placeholder" aria-hidden>
        <span className="ph ph-short" />
        <span className="ph ph-long" />
        <span className="ph ph-short" />
        <span className="ph ph-short" />
      </div>
    );
  const code = [item.codeNumber, item.codeNotation].filter(Boolean).join('/');
  const cls = ['list-grid', 'list-row', selected ? 'is-selected' : '', item.unread ? 'is-unread' : '', item.overdue ? 'is-overdue' : '', item.urgency !== 'normal' ? `is-${item.urgency}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={`row-${item.id}`}
      className={cls}
      role="option"
      aria-selected={selected}
      data-testid="list-row"
      data-id={item.id}
      data-unread={item.unread ? 'true' : 'false'}
      onClick={() => {
        onSelect(index);
        onOpen(item);
      }}
    >
      <span className="col-number">
        <span className="arrival-number">{item.arrivalNumber > 0 ? item.arrivalNumber : '—'}</span>
        <span className="arrival-date">{formatDateVi(item.arrivalDate)}</span>
      </span>
      <span className="col-doc">
        <span className="doc-subject-line">
          {item.unread && <span className="unread-dot" aria-label={t('doc.unread')} />}
          <UrgencyTag urgency={item.urgency} />
          <ConfidentialityTag value={item.confidentiality} />
          <span className="doc-subject" title={item.subject}>
            {item.documentType ? `${item.documentType}: ` : ''}
            {item.subject}
          </span>
        </span>
        <span className="doc-meta">
          {t('list.codeLine', { code })} · {item.issuer} · {t('list.issuedOn', { date: formatDateVi(item.issuedDate) })}
        </span>
      </span>
      <span className="col-deadline">
        {item.deadline ? <span className={item.overdue ? 'deadline overdue' : 'deadline'}>{formatDateVi(item.deadline)}</span> : <span className="deadline none">{t('list.deadlineNone')}</span>}
        {item.overdue && <OverdueTag />}
      </span>
      <span className="col-status">
        {item.pending ? <PendingTag /> : <StatusTag status={item.status} />}
        {item.myRole && <RoleTag role={item.myRole} />}
      </span>
    </div>
  );
});
