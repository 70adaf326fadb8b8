import { BranchesOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Badge, Button, DatePicker, Empty, Select, Skeleton, Tabs, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAgencyLeader } from '../../../shared/domain/org.js';
import { canCreateTask, TASK_LIST_LABELS, TASK_LISTS, TASK_PRIORITY_LABELS, TASK_STATUS_LABELS, TASK_STATUSES, type TaskListName, type TaskStatus } from '../../../shared/tasks/index.js';
import type { TaskListItem } from '../../../shared/tasks/rpc.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useChanged, useMe, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText, userName } from '../../app/util.js';
import type { Lang } from '../../app/i18n/lang.js';
import { listKeyDown } from '../../components/listKeys.js';
import { filterOption, filterTreeNode } from '../../components/pickerFilter.js';
import { clampPercent, deadlineClass, emptyQuery, formatCount, handlerName, isFiltered, loc, type TaskQuery } from './format.js';
import { FIRST_PAGE, TaskPager, type TaskPagerState } from './pager.js';
import { peopleUnder, unitTree } from './pickers.js';
import { TaskFormDialog } from './TaskFormDialog.js';
import { useTaskCounts } from './useTask.js';
import './tasks.css';

export const ROW_HEIGHT = 64;

/** Where the user was, per signed-in user, so coming back from a task lands on the same row. */
const memory = new Map<string, { query: TaskQuery; scrollTop: number; selected: number }>();

/** "Công việc": the seven lists, filters, and the rows, keyset-paged and virtualised like the incoming list. */
export function TaskList(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { org, lang, sync } = useApp();
  const busy = sync.state === 'syncing';
  const remembered = memory.get(me.id);
  // An agency leader mostly follows what they gave; everyone else starts from their own work.
  const [query, setQuery] = useState<TaskQuery>(() => remembered?.query ?? emptyQuery(isAgencyLeader(me, org?.units ?? []) ? 'assigned' : 'mine'));
  const [state, setState] = useState<TaskPagerState | null>(null);
  const [creating, setCreating] = useState(false);
  const pagerRef = useRef<TaskPager | null>(null);
  const position = useRef({ selected: remembered?.query === query ? remembered.selected : 0, lastVisible: 0, scrollTop: remembered?.query === query ? remembered.scrollTop : 0 });
  const changeQuery = useCallback((fn: (q: TaskQuery) => TaskQuery) => {
    position.current = { selected: 0, lastVisible: 0, scrollTop: 0 };
    setQuery(fn);
  }, []);
  const counts = useTaskCounts(busy);

  useEffect(() => {
    const pager = new TaskPager(rpc, query, setState);
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
    ['tasks', 'session'],
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
  const units = useMemo(() => (org ? unitTree(org) : []), [org]);
  const people = useMemo(() => (org ? peopleUnder(org, query.unitId) : []), [org, query.unitId]);

  const tabLabel = (l: TaskListName): React.ReactNode => {
    const n = counts[l];
    const tone = l === 'overdue' ? ' tab-badge-danger' : l === 'due_soon' ? ' tab-badge-warning' : '';
    return (
      <span data-testid={`task-tab-${l}`}>
        {loc(TASK_LIST_LABELS[l], lang)}
        {n ? <Badge count={formatCount(n, lang)} size="small" className={`tab-badge${tone}`} data-testid={`task-count-${l}`} /> : null}
      </span>
    );
  };
  const range: [Dayjs | null, Dayjs | null] = [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null];
  const summary = !state?.loaded ? t('app.loading') : t('tasks.count', { n: formatCount(count, lang) });

  return (
    <div className="screen task-list" data-testid="task-list">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('tasks.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="list-count">
            {summary}
          </Typography.Text>
        </div>
        <div className="list-filters">
          {canCreateTask(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create-button">
              {t('tasks.create')}
            </Button>
          )}
        </div>
      </div>
      <div className="task-filters" data-testid="task-filters">
        <TreeSelect
          className="task-filter-unit"
          treeData={units}
          value={query.unitId ?? undefined}
          onChange={(v?: string) => changeQuery((q) => ({ ...q, unitId: v ?? null, userId: null }))}
          allowClear
          showSearch={{ filterTreeNode }}
          treeDefaultExpandAll
          placeholder={t('tasks.filter.unitAll')}
          aria-label={t('tasks.filter.unit')}
          data-testid="task-filter-unit"
        />
        <Select<string>
          className="task-filter-person"
          value={query.userId ?? undefined}
          onChange={(v?: string) => changeQuery((q) => ({ ...q, userId: v ?? null }))}
          allowClear
          showSearch={{ filterOption }}
          options={people.map((u) => ({ value: u.id, label: u.fullName }))}
          placeholder={t('tasks.filter.personAll')}
          aria-label={t('tasks.filter.person')}
          data-testid="task-filter-person"
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          value={range}
          allowEmpty={[true, true]}
          placeholder={[t('tasks.filter.from'), t('tasks.filter.to')]}
          onChange={(v) => changeQuery((q) => ({ ...q, from: v?.[0] ? v[0].format('YYYY-MM-DD') : null, to: v?.[1] ? v[1].format('YYYY-MM-DD') : null }))}
          aria-label={t('tasks.filter.period')}
          data-testid="task-filter-period"
        />
        <Select<TaskStatus>
          className="task-filter-status"
          value={query.status ?? undefined}
          onChange={(v?: TaskStatus) => changeQuery((q) => ({ ...q, status: v ?? null }))}
          allowClear
          options={TASK_STATUSES.map((s) => ({ value: s, label: loc(TASK_STATUS_LABELS[s], lang) }))}
          placeholder={t('tasks.filter.statusAll')}
          aria-label={t('tasks.filter.status')}
          data-testid="task-filter-status"
        />
        {isFiltered(query) && (
          <Button type="link" onClick={() => changeQuery((q) => emptyQuery(q.list))} data-testid="task-filter-clear">
            {t('tasks.filter.clear')}
          </Button>
        )}
      </div>
      <div className="list-toolbar">
        <Tabs
          className="list-tabs"
          activeKey={query.list}
          onChange={(k) => changeQuery((q) => ({ ...q, list: k as TaskListName }))}
          items={TASK_LISTS.map((l) => ({ key: l, label: tabLabel(l) }))}
          data-testid="task-tabs"
        />
      </div>
      {state?.error ? <Alert type="error" showIcon title={errorText(state.error, lang, t('app.unexpected'))} /> : null}
      <div className="list-grid task-grid list-head" role="presentation">
        <span>{t('tasks.columns.title')}</span>
        <span>{t('tasks.columns.handler')}</span>
        <span>{t('tasks.columns.deadline')}</span>
        <span>{t('tasks.columns.progress')}</span>
        <span>{t('tasks.columns.status')}</span>
      </div>
      {!state?.loaded ? (
        <div className="list-scroll list-skeleton">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : count === 0 ? (
        <div className="list-scroll" data-testid="list-scroll">
          <Empty className="list-empty" description={isFiltered(query) ? t('tasks.emptyFilter') : t('tasks.empty')} />
        </div>
      ) : (
        <ListBody key={JSON.stringify(query)} items={items} count={count} pager={pager} loaded={state.loaded} position={position} />
      )}
      <div className="list-footer">
        <Typography.Text type="secondary">{t('list.keyboardHint')}</Typography.Text>
        {state?.loading && state.loaded ? <Typography.Text type="secondary">{t('list.loadingMore')}</Typography.Text> : null}
      </div>
      {creating && <TaskFormDialog mode={{ kind: 'create' }} onClose={() => setCreating(false)} />}
    </div>
  );
}

interface BodyProps {
  items: TaskListItem[];
  count: number;
  pager: TaskPager | null;
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

  const open = useCallback((item: TaskListItem | undefined) => {
    if (item) navigate({ name: 'task', id: item.id });
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void =>
    listKeyDown(e, { count, selected, rowHeight: ROW_HEIGHT, scrollEl: scrollRef.current, virtualizer, setSelected, open: (i) => open(items[i]) });

  return (
    <div
      ref={scrollRef}
      className="list-scroll"
      tabIndex={0}
      role="listbox"
      aria-label={t('tasks.title')}
      aria-activedescendant={items[selected] ? `task-row-${items[selected].id}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => (position.current.scrollTop = e.currentTarget.scrollTop)}
      data-testid="list-scroll"
    >
      <div style={{ height: virtualizer.getTotalSize() }} className="list-inner">
        {virtualItems.map((v) => (
          <div key={v.key} className="list-row-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
            <TaskRow item={items[v.index]} index={v.index} selected={v.index === selected} onOpen={open} onSelect={setSelected} org={org} lang={lang} />
          </div>
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  item: TaskListItem | undefined;
  index: number;
  selected: boolean;
  onOpen(item: TaskListItem): void;
  onSelect(index: number): void;
  org: ReturnType<typeof useApp>['org'];
  lang: Lang;
}

/** One row. Plain elements and CSS (no antd components): dozens mount per scrolled frame. */
const TaskRow = memo(function TaskRow({ item, index, selected, onOpen, onSelect, org, lang }: RowProps): React.JSX.Element {
  const { t } = useTranslation();
  if (!item)
    return (
      <div className="list-grid task-grid list-row list-row-placeholder" aria-hidden>
        <span className="ph ph-long" />
        <span className="ph ph-short" />
        <span className="ph ph-short" />
        <span className="ph ph-short" />
        <span className="ph ph-short" />
      </div>
    );
  const cls = ['list-grid', 'task-grid', 'list-row', selected ? 'is-selected' : '', item.unread ? 'is-unread' : '', item.overdue ? 'is-overdue' : ''].filter(Boolean).join(' ');
  const handler = handlerName(org, item);
  const percent = clampPercent(item.percent);
  return (
    <div
      id={`task-row-${item.id}`}
      className={cls}
      role="option"
      aria-selected={selected}
      data-testid="task-row"
      data-id={item.id}
      data-unread={item.unread ? 'true' : 'false'}
      onClick={() => {
        onSelect(index);
        onOpen(item);
      }}
    >
      <span className="col-doc">
        <span className="doc-subject-line">
          {item.unread && <span className="unread-dot" aria-label={t('tasks.unread')} />}
          {(item.priority === 'urgent' || item.priority === 'high') && (
            <span className={`mtag mtag-priority-${item.priority}`} data-testid="priority-tag" data-priority={item.priority}>
              {loc(TASK_PRIORITY_LABELS[item.priority], lang)}
            </span>
          )}
          {item.parentId && <BranchesOutlined className="task-row-icon" title={t('tasks.subtask')} />}
          {item.sourceId && <FileTextOutlined className="task-row-icon" title={t('tasks.fromDocument')} />}
          <span className="doc-subject" title={item.title}>
            {item.title}
          </span>
        </span>
        <span className="doc-meta">
          {userName(org, item.assignedBy)} · {formatDateVi(item.startDate)}
        </span>
      </span>
      <span className={`task-col-handler${handler ? '' : ' is-none'}`} title={handler}>
        {handler || t('tasks.noHandler')}
      </span>
      <span className="col-deadline">
        <span className={deadlineClass(item)} data-testid="task-deadline">
          {formatDateVi(item.deadline)}
        </span>
        {item.overdue ? (
          <span className="mtag mtag-overdue" data-testid="overdue-tag">
            {t('tasks.overdue')}
          </span>
        ) : item.dueSoon ? (
          <span className="mtag mtag-due-soon" data-testid="due-soon-tag">
            {t('tasks.dueSoon')}
          </span>
        ) : null}
      </span>
      <span className="task-col-progress" data-testid="task-progress" data-percent={percent}>
        <span className="task-bar">
          <span className={`task-bar-fill${item.status === 'done' ? ' is-done' : ''}`} style={{ width: `${percent}%` }} />
        </span>
        <span className="task-bar-text">{percent}%</span>
      </span>
      <span className="col-status">
        {item.pending ? (
          <span className="mtag mtag-pending" data-testid="pending-tag">
            {t('sync.waiting')}
          </span>
        ) : (
          <span className={`mtag mtag-task-${item.status}`} data-testid="status-tag" data-status={item.status}>
            {loc(TASK_STATUS_LABELS[item.status], lang)}
          </span>
        )}
      </span>
    </div>
  );
});
