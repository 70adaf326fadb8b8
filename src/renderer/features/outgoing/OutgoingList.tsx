import { EditOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Badge, Button, Empty, Input, Select, Skeleton, Tabs, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canDraft, isOutgoingClerk, OUTGOING_STATUS_LABELS, OUTGOING_VIEW_LABELS, type OutgoingItem } from '../../../shared/outgoing/index.js';
import type { Urgency } from '../../../shared/incoming/index.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import { formatDateVi, vnDateParts } from '../../../shared/text/vietnamese.js';
import { useApp, useChanged, useMe, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText, unitName, userName } from '../../app/util.js';
import type { Lang } from '../../app/i18n/lang.js';
import { listKeyDown } from '../../components/listKeys.js';
import { filterOption } from '../../components/pickerFilter.js';
import { useDebounced } from '../../components/useDebounced.js';
import { URGENCIES } from '../incoming/index.js';
import { deliverySummary, DRAFT_TYPES, emptyQuery, formatCount, isFiltered, loc, recentYears, rowDate, STATUS_TONE, type ListView, type OutgoingQuery } from './format.js';
import { FIRST_PAGE, OutgoingPager, type OutgoingPagerState } from './pager.js';
import { useOutgoingCounts } from './useOutgoing.js';
import './outgoing.css';

export const ROW_HEIGHT = 64;

/** Where the user was, per signed-in user, so coming back from a document lands on the same row. */
const memory = new Map<string, { query: OutgoingQuery; scrollTop: number; selected: number }>();

/**
 * The tabs a user sees: everyone drafts and reviews; only a leader signs (the rules refuse a
 * signer who is not one), only a clerk numbers; "Đã phát hành" and "Tất cả" for all.
 */
function viewsFor(me: UserSummary): ListView[] {
  const out: ListView[] = ['mine', 'to_review'];
  if (me.role === 'leader') out.push('to_sign');
  if (isOutgoingClerk(me)) out.push('to_issue');
  out.push('issued', 'all');
  return out;
}

/** "Văn bản đi": the lists, filters and search, and the rows, keyset-paged and virtualised like the incoming list. */
export function OutgoingList(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { org, lang, sync } = useApp();
  const busy = sync.state === 'syncing';
  const views = useMemo(() => viewsFor(me), [me]);
  const remembered = memory.get(me.id);
  // A clerk starts from what waits for a number; a leader from what waits for them; everyone else from their drafts.
  const [query, setQuery] = useState<OutgoingQuery>(() => remembered?.query ?? emptyQuery(me.role === 'clerk' ? 'to_issue' : me.role === 'leader' ? 'to_review' : 'mine'));
  const [typed, setTyped] = useState(query.query);
  const searched = useDebounced(typed, 250);
  const [state, setState] = useState<OutgoingPagerState | null>(null);
  const pagerRef = useRef<OutgoingPager | null>(null);
  const position = useRef({ selected: remembered?.query === query ? remembered.selected : 0, lastVisible: 0, scrollTop: remembered?.query === query ? remembered.scrollTop : 0 });
  const changeQuery = useCallback((fn: (q: OutgoingQuery) => OutgoingQuery) => {
    position.current = { selected: 0, lastVisible: 0, scrollTop: 0 };
    setQuery(fn);
  }, []);
  useEffect(() => {
    if (searched !== query.query) changeQuery((q) => ({ ...q, query: searched }));
  }, [searched, query.query, changeQuery]);
  const counts = useOutgoingCounts(busy);

  useEffect(() => {
    const pager = new OutgoingPager(rpc, query, setState);
    pagerRef.current = pager;
    const back = memory.get(me.id);
    const want = back && back.query === query ? Math.max(FIRST_PAGE, back.selected + 50, Math.ceil(back.scrollTop / ROW_HEIGHT) + 50) : FIRST_PAGE;
    void pager.reload(want);
    return () => {
      pager.dispose();
      memory.set(me.id, { query, scrollTop: position.current.scrollTop, selected: position.current.selected });
    };
  }, [rpc, query, me.id]);

  useChanged(
    ['outgoing', 'session'],
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
  const registers = org?.outgoing?.registers ?? [];
  const years = useMemo(() => recentYears(vnDateParts(new Date()).year), []);

  const tabLabel = (v: ListView): React.ReactNode => {
    const n = counts[v];
    // The tabs that wait for the user stand out; the archive tabs just count.
    const waiting = v === 'to_review' || v === 'to_sign' || v === 'to_issue';
    return (
      <span data-testid={`out-tab-${v}`}>
        {loc(OUTGOING_VIEW_LABELS[v], lang)}
        {n ? <Badge count={formatCount(n, lang)} size="small" overflowCount={99_999} className={waiting ? 'tab-badge tab-badge-danger' : 'tab-badge'} data-testid={`out-count-${v}`} /> : null}
      </span>
    );
  };
  const summary = !state?.loaded ? t('app.loading') : t('outgoing.list.count', { n: formatCount(count, lang) });

  return (
    <div className="screen outgoing-list" data-testid="out-list">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('outgoing.list.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="list-count">
            {summary}
          </Typography.Text>
        </div>
        <div className="list-filters">
          {canDraft(me) && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate({ name: 'outgoingNew' })} data-testid="out-new-button">
              {t('outgoing.list.new')}
            </Button>
          )}
        </div>
      </div>
      <div className="out-filters" data-testid="out-filters">
        <Input
          className="out-filter-search"
          allowClear
          prefix={<SearchOutlined />}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('outgoing.list.searchPlaceholder')}
          aria-label={t('outgoing.list.search')}
          maxLength={200}
          data-testid="out-search"
        />
        <Select<string>
          className="out-filter-type"
          value={query.documentType ?? undefined}
          onChange={(v?: string) => changeQuery((q) => ({ ...q, documentType: v ?? null }))}
          allowClear
          showSearch={{ filterOption }}
          options={DRAFT_TYPES.map((d) => ({ value: d, label: d }))}
          placeholder={t('outgoing.list.typeAll')}
          aria-label={t('outgoing.field.documentType')}
          data-testid="out-filter-type"
        />
        <Select<Urgency>
          className="out-filter-urgency"
          value={query.urgency ?? undefined}
          onChange={(v?: Urgency) => changeQuery((q) => ({ ...q, urgency: v ?? null }))}
          allowClear
          options={URGENCIES.map((u) => ({ value: u, label: t(`doc.urgency.${u}`) }))}
          placeholder={t('outgoing.list.urgencyAll')}
          aria-label={t('outgoing.field.urgency')}
          data-testid="out-filter-urgency"
        />
        <Select<number>
          className="out-filter-year"
          value={query.year ?? undefined}
          onChange={(v?: number) => changeQuery((q) => ({ ...q, year: v ?? null }))}
          allowClear
          options={years.map((y) => ({ value: y, label: t('outgoing.list.yearOption', { year: y }) }))}
          placeholder={t('outgoing.list.yearAll')}
          aria-label={t('outgoing.list.year')}
          data-testid="out-filter-year"
        />
        {registers.length > 1 && (
          <Select<string>
            className="out-filter-register"
            value={query.registerId ?? undefined}
            onChange={(v?: string) => changeQuery((q) => ({ ...q, registerId: v ?? null }))}
            allowClear
            options={registers.map((r) => ({ value: r.id, label: r.name }))}
            placeholder={t('outgoing.list.registerAll')}
            aria-label={t('outgoing.list.register')}
            data-testid="out-filter-register"
          />
        )}
        {isFiltered(query) && (
          <Button
            type="link"
            onClick={() => {
              setTyped('');
              changeQuery((q) => emptyQuery(q.view));
            }}
            data-testid="out-filter-clear"
          >
            {t('outgoing.list.clear')}
          </Button>
        )}
      </div>
      <div className="list-toolbar">
        <Tabs
          className="list-tabs"
          activeKey={query.view}
          onChange={(k) => changeQuery((q) => ({ ...q, view: k as ListView }))}
          items={views.map((v) => ({ key: v, label: tabLabel(v) }))}
          data-testid="out-tabs"
        />
      </div>
      {state?.error ? <Alert type="error" showIcon title={errorText(state.error, lang, t('app.unexpected'))} /> : null}
      <div className="list-grid out-grid list-head" role="presentation">
        <span>{t('outgoing.list.columns.number')}</span>
        <span>{t('outgoing.list.columns.document')}</span>
        <span>{t('outgoing.list.columns.signer')}</span>
        <span>{t('outgoing.list.columns.status')}</span>
        <span>{t('outgoing.list.columns.delivery')}</span>
      </div>
      {!state?.loaded ? (
        <div className="list-scroll list-skeleton">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : count === 0 ? (
        <div className="list-scroll" data-testid="list-scroll">
          <Empty className="list-empty" description={isFiltered(query) ? t('outgoing.list.emptyFilter') : t(`outgoing.list.empty.${query.view}`)} data-testid="out-empty" />
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
  items: OutgoingItem[];
  count: number;
  pager: OutgoingPager | null;
  loaded: boolean;
  position: React.RefObject<{ selected: number; lastVisible: number; scrollTop: number }>;
}

/** The virtual rows, on their own: scrolling re-renders only this, a few dozen rows at a time. */
function ListBody({ items, count, pager, loaded, position }: BodyProps): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
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

  useEffect(() => {
    if (pager && loaded) void pager.ensure(Math.max(lastVisible, selected));
  }, [pager, loaded, items, lastVisible, selected]);

  const open = useCallback((item: OutgoingItem | undefined) => {
    if (item) navigate({ name: 'outgoingDoc', id: item.id });
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void =>
    listKeyDown(e, { count, selected, rowHeight: ROW_HEIGHT, scrollEl: scrollRef.current, virtualizer, setSelected, open: (i) => open(items[i]) });

  return (
    <div
      ref={scrollRef}
      className="list-scroll"
      tabIndex={0}
      role="listbox"
      aria-label={t('outgoing.list.title')}
      aria-activedescendant={items[selected] ? `out-row-${items[selected].id}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => (position.current.scrollTop = e.currentTarget.scrollTop)}
      data-testid="list-scroll"
    >
      <div style={{ height: virtualizer.getTotalSize() }} className="list-inner">
        {virtualItems.map((v) => (
          <div key={v.key} className="list-row-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
            <Row item={items[v.index]} index={v.index} selected={v.index === selected} onOpen={open} onSelect={setSelected} org={org} lang={lang} />
          </div>
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  item: OutgoingItem | undefined;
  index: number;
  selected: boolean;
  onOpen(item: OutgoingItem): void;
  onSelect(index: number): void;
  org: ReturnType<typeof useApp>['org'];
  lang: Lang;
}

/** One row. Plain elements and CSS (no antd components): dozens mount per scrolled frame. */
const Row = memo(function Row({ item, index, selected, onOpen, onSelect, org, lang }: RowProps): React.JSX.Element {
  const { t } = useTranslation();
  if (!item)
    return (
      <div className="list-grid out-grid list-row list-row-placeholder" aria-hidden>
        <span className="ph ph-short" />
        <span className="ph ph-long" />
        <span className="ph ph-short" />
        <span className="ph ph-short" />
        <span className="ph ph-short" />
      </div>
    );
  const cls = ['list-grid', 'out-grid', 'list-row', selected ? 'is-selected' : '', item.status === 'revoked' || item.status === 'cancelled' ? 'is-closed' : ''].filter(Boolean).join(' ');
  const holder = item.holderId ? userName(org, item.holderId) : '';
  const delivery = deliverySummary(item, lang);
  return (
    <div
      id={`out-row-${item.id}`}
      className={cls}
      role="option"
      aria-selected={selected}
      data-testid="out-row"
      data-id={item.id}
      data-status={item.status}
      onClick={() => {
        onSelect(index);
        onOpen(item);
      }}
    >
      <span className="col-number">
        {item.numberSymbol ? (
          <span className="out-number" data-testid="out-row-number">
            {item.numberSymbol}
          </span>
        ) : (
          <span className="out-number is-none" data-testid="out-row-number">
            {t('outgoing.notNumbered')}
          </span>
        )}
        <span className="arrival-date">{formatDateVi(rowDate(item))}</span>
      </span>
      <span className="col-doc">
        <span className="doc-subject-line">
          {item.urgency !== 'normal' && (
            <span className={`mtag mtag-${item.urgency}`} data-urgency={item.urgency}>
              {t(`doc.urgency.${item.urgency}`)}
            </span>
          )}
          {item.confidentiality !== 'normal' && <span className="mtag mtag-secret">{t(`doc.confidentiality.${item.confidentiality}`)}</span>}
          <span className="doc-subject" title={item.subject}>
            <span className="out-type">{item.documentType}: </span>
            {item.subject}
          </span>
        </span>
        <span className="doc-meta">
          {unitName(org, item.draftingUnitId)}
          {holder ? ` · ${t('outgoing.list.holder', { name: holder })}` : ''}
          {item.replyDueDate ? ` · ${t('outgoing.list.replyDue', { date: formatDateVi(item.replyDueDate) })}` : ''}
        </span>
      </span>
      <span className={`out-col-signer${item.signerId ? '' : ' is-none'}`} title={userName(org, item.signerId)}>
        {item.signerId ? userName(org, item.signerId) : t('outgoing.list.noSigner')}
      </span>
      <span className="col-status">
        <span className={`mtag mtag-out-${STATUS_TONE[item.status]}`} data-testid="status-tag" data-status={item.status}>
          {loc(OUTGOING_STATUS_LABELS[item.status], lang)}
        </span>
        {item.pending && (
          <span className="mtag mtag-pending" data-testid="pending-tag">
            {t('sync.waiting')}
          </span>
        )}
      </span>
      <span className="out-col-delivery" data-testid="out-row-delivery">
        {delivery ? (
          <span className={item.deliveredCount === item.toDispatchCount ? 'out-delivery is-complete' : 'out-delivery'}>
            <SendOutlined /> {delivery}
          </span>
        ) : null}
      </span>
    </div>
  );
});
