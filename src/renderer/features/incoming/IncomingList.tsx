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
import { canRegister, seesWholeRegister } from '../../../shared/incoming/rights.js';
import { errorText } from '../../app/util.js';
import { listKeyDown } from '../../components/listKeys.js';
import { FIRST_PAGE, IncomingPager, type ListQuery, type PagerState } from './pager.js';

export const ROW_HEIGHT = 64;

/** Where the user was, per signed-in user, so coming back from a document lands on the same row. */
const memory = new Map<string, { query: ListQuery; scrollTop: number; selected: number }>();

const COUNTED: IncomingFilter[] = ['to_process', 'overdue', 'unread', 'registered'];

/** The tabs' badges, under the same urgency and date range as the list. */
function useTabCounts(q: ListQuery, busy: boolean): Partial<Record<IncomingFilter, number>> {
  const { urgentOnly, from, to } = q;
  const rpc = useRpc();
  const [counts, setCounts] = useState<Partial<Record<IncomingFilter, number>>>({});
  const load = useCallback(() => {
    void Promise.all(COUNTED.map((filter) => rpc.call('incoming.list', { filter, urgentOnly, arrivedFrom: from, arrivedTo: to, limit: 1 }).then((r) => [filter, r.total] as const))).then(
      (pairs) => setCounts(Object.fromEntries(pairs)),
      () => {},
    );
  }, [rpc, urgentOnly, from, to]);
  useEffect(load, [load]);
  useChanged(['incoming', 'session'], load, { delayMs: busy ? 2000 : 400 });
  return counts;
}

export function IncomingList(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { org, lang, sync } = useApp();
  // While a big sync streams pages in, re-query less often: the core is busy writing.
  const busy = sync.state === 'syncing';
  const leaderOrClerk = seesWholeRegister(me, org?.units ?? []);
  const remembered = memory.get(me.id);
  const [query, setQuery] = useState<ListQuery>(
    () => remembered?.query ?? { filter: leaderOrClerk ? 'all' : 'to_process', urgentOnly: false, from: null, to: null },
  );
  // Clerks and agency leaders oversee the whole register; everyone else works from their own assignments.
  const filters = useMemo<IncomingFilter[]>(
    () => (leaderOrClerk ? ['all', 'unread', 'registered', 'overdue', 'done'] : ['to_process', 'cooperate', 'info', 'overdue', 'done', 'all', 'unread']),
    [leaderOrClerk],
  );
  const [state, setState] = useState<PagerState | null>(null);
  const pagerRef = useRef<IncomingPager | null>(null);
  /** Where the user is in the list (kept by the list body; read here for re-queries and for coming back). */
  const position = useRef({ selected: remembered?.query === query ? remembered.selected : 0, lastVisible: 0, scrollTop: remembered?.query === query ? remembered.scrollTop : 0 });
  /** A new question starts at the top. */
  const changeQuery = useCallback((fn: (q: ListQuery) => ListQuery) => {
    position.current = { selected: 0, lastVisible: 0, scrollTop: 0 };
    setQuery(fn);
  }, []);
  // The organisation (and so whether the user leads the agency) may arrive after the first render.
  useEffect(() => {
    if (!filters.includes(query.filter)) changeQuery((q) => ({ ...q, filter: filters[0] ?? 'all' }));
  }, [filters, query.filter, changeQuery]);
  const counts = useTabCounts(query, busy);

  // A new pager per query; the first load keeps what the user was looking at.
  useEffect(() => {
    const pager = new IncomingPager(rpc, query, setState);
    pagerRef.current = pager;
    const back = memory.get(me.id);
    const want = back && back.query === query ? Math.max(FIRST_PAGE, back.selected + 50, Math.ceil(back.scrollTop / ROW_HEIGHT) + 50) : FIRST_PAGE;
    void pager.reload(want);
    return () => {
      pager.dispose();
      memory.set(me.id, { query, scrollTop: position.current.scrollTop, selected: position.current.selected });
    };
  }, [rpc, query, me.id]);

  // Live: re-query from the top when local data changes, keeping as many rows as the user has reached.
  useChanged(
    ['incoming', 'session'],
    () => {
      const p = pagerRef.current;
      if (!p) return;
      const reached = Math.max(FIRST_PAGE, position.current.lastVisible + 50, position.current.selected + 50);
      void p.reload(Math.min(reached, Math.max(p.state.items.length, FIRST_PAGE)));
    },
    { delayMs: busy ? 1000 : 150 },
  );

  const pager = pagerRef.current;
  const count = state && pager ? pager.count : 0;
  const items = state?.items ?? [];

  const setFilter = (filter: IncomingFilter): void => changeQuery((q) => ({ ...q, filter }));

  const tabLabel = (f: IncomingFilter): React.ReactNode => {
    const n = counts[f];
    return (
      <span>
        {t(`list.filter.${f}`)}
        {n ? <Badge count={n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')} size="small" className={f === 'overdue' ? 'tab-badge tab-badge-danger' : 'tab-badge'} /> : null}
      </span>
    );
  };
  const range: [Dayjs | null, Dayjs | null] = [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null];
  const summary = !state?.loaded
    ? t('app.loading')
    : t(pager?.dateRange ? 'list.countInRange' : 'list.count', { n: count.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US') });

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
            onChange={(v) => changeQuery((q) => ({ ...q, urgentOnly: v === 'urgent' }))}
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
              changeQuery((q) => ({ ...q, from: v?.[0] ? v[0].format('YYYY-MM-DD') : null, to: v?.[1] ? v[1].format('YYYY-MM-DD') : null }))
            }
            aria-label={t('list.dateRange')}
            data-testid="date-filter"
          />
          {canRegister(me) && (
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
      {!state?.loaded ? (
        <div className="list-scroll list-skeleton">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : count === 0 ? (
        <div className="list-scroll" data-testid="list-scroll">
          <Empty className="list-empty" description={query.filter === 'all' && !pager?.dateRange && !query.urgentOnly ? t('list.empty') : t('list.emptyFilter')} />
        </div>
      ) : (
        <ListBody key={JSON.stringify(query)} items={items} count={count} pager={pager} loaded={state.loaded} position={position} />
      )}
      <div className="list-footer">
        <Typography.Text type="secondary">{t('list.keyboardHint')}</Typography.Text>
        {state?.loading && state.loaded ? <Typography.Text type="secondary">{t('list.loadingMore')}</Typography.Text> : null}
      </div>
    </div>
  );
}

interface BodyProps {
  items: IncomingListItem[];
  count: number;
  pager: IncomingPager | null;
  loaded: boolean;
  position: React.RefObject<{ selected: number; lastVisible: number; scrollTop: number }>;
}

/**
 * The virtual rows, on their own: scrolling re-renders only this (not the tabs,
 * pickers and header above), a few dozen rows at a time.
 */
function ListBody({ items, count, pager, loaded, position }: BodyProps): React.JSX.Element {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(position.current.selected);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialOffset: position.current.scrollTop,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.length ? (virtualItems[virtualItems.length - 1]?.index ?? 0) : 0;
  position.current.selected = selected;
  position.current.lastVisible = lastVisible;

  // Load the pages the viewport (or the keyboard) needs.
  useEffect(() => {
    if (pager && loaded) void pager.ensure(Math.max(lastVisible, selected));
  }, [pager, loaded, items, lastVisible, selected]);

  const open = useCallback((item: IncomingListItem | undefined) => {
    if (item) navigate({ name: 'document', id: item.id });
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void =>
    listKeyDown(e, { count, selected, rowHeight: ROW_HEIGHT, scrollEl: scrollRef.current, virtualizer, setSelected, open: (i) => open(items[i]) });

  return (
    <div
      ref={scrollRef}
      className="list-scroll"
      tabIndex={0}
      role="listbox"
      aria-label={t('list.title')}
      aria-activedescendant={items[selected] ? `row-${items[selected].id}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => (position.current.scrollTop = e.currentTarget.scrollTop)}
      data-testid="list-scroll"
    >
      <div style={{ height: virtualizer.getTotalSize() }} className="list-inner">
        {virtualItems.map((v) => (
          <div key={v.key} className="list-row-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
            <Row item={items[v.index]} index={v.index} selected={v.index === selected} onOpen={open} onSelect={setSelected} />
          </div>
        ))}
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

/** One row. Plain elements and CSS (no antd components): dozens mount per scrolled frame. */
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
          {item.urgency !== 'normal' && (
            <span className={`mtag mtag-${item.urgency} tag-urgency`} data-urgency={item.urgency}>
              {t(`doc.urgency.${item.urgency}`)}
            </span>
          )}
          {item.confidentiality !== 'normal' && <span className="mtag mtag-secret">{t(`doc.confidentiality.${item.confidentiality}`)}</span>}
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
        {item.overdue && (
          <span className="mtag mtag-overdue" data-testid="overdue-tag">
            {t('doc.overdue')}
          </span>
        )}
      </span>
      <span className="col-status">
        {item.pending ? (
          <span className="mtag mtag-pending" data-testid="pending-tag">
            {t('sync.waiting')}
          </span>
        ) : (
          <span className={`mtag mtag-status-${item.status}`} data-testid="status-tag" data-status={item.status}>
            {t(`doc.status.${item.status}`)}
          </span>
        )}
        {item.myRole && <span className={`mtag mtag-role-${item.myRole}`}>{t(`doc.role.${item.myRole}`)}</span>}
      </span>
    </div>
  );
});
