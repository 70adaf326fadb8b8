import { CalendarOutlined, DownOutlined, ExportOutlined, ImportOutlined, LeftOutlined, PlusOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, DatePicker, Dropdown, Empty, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canCompileSchedule, revisionLabel, weekStartOf, weekTitle, addDays, type ScheduleViewName, type WeekViewResult } from '../../../shared/schedule/index.js';
import { formatDateTimeVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useMe, useRpc } from '../../app/AppContext.js';
import { navigate, type Route } from '../../app/router.js';
import { errorText, userName } from '../../app/util.js';
import { saveBlob } from '../../components/download.js';
import { PendingTag } from '../../components/DocTags.js';
import { DraftView, EmptyText, MyRequestsView } from './DraftView.js';
import { EditEntry } from './EditEntry.js';
import { EntryFormDialog, type EntryFormMode } from './EntryFormDialog.js';
import { defaultLeader, leaderGroups } from './format.js';
import { IcsImportDialog } from './IcsImport.js';
import { PrintWeekDialog } from './PrintWeek.js';
import { RecentNotices } from './Notices.js';
import { WeekStatusTag } from './ScheduleTags.js';
import { useWeek } from './useSchedule.js';
import { WeekTable } from './WeekTable.js';
import './schedule.css';

type ScheduleRoute = Extract<Route, { name: 'schedule' }>;

/**
 * "Lịch công tác": the week (Monday to Sunday) titled as printed ("Tuần 49, từ 30/11 đến
 * 06/12/2026"), moved by ‹ ›, "Tuần này" or a date; its state (Dự thảo, Chờ duyệt, Đã ban hành
 * and the revision); and four views — the agency's week, the draft with the requests (the
 * office) or my requests (everyone else), my week (with my deadlines), a leader's week.
 */
export function SchedulePage({ route }: { route: ScheduleRoute }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const me = useMe();
  const today = vnToday();
  const weekStart = weekStartOf(route.date ?? today);
  const view: ScheduleViewName = route.view ?? 'agency';
  const leaderId = view === 'leader' ? defaultLeader(org, me, route.leaderId) : null;
  const state = useWeek({ date: weekStart, view, leaderId });
  const [form, setForm] = useState<EntryFormMode | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [importing, setImporting] = useState(false);
  // The rights, before the core has answered (the same shared rule it applies).
  const compiles = state.data?.canCompile ?? (org ? canCompileSchedule(me, org) : false);
  const go = (patch: Partial<Omit<ScheduleRoute, 'name'>>): void =>
    navigate({ name: 'schedule', date: patch.date ?? weekStart, view: patch.view ?? view, leaderId: patch.leaderId !== undefined ? patch.leaderId : view === 'leader' ? leaderId : null });

  // What answers the question exactly; the header's week; the body's view (a previous week of
  // the same view stays under a spinner while the next loads, never another view's lines).
  const q = state.dataQuery;
  const data = state.data && q?.date === weekStart && q.view === view && q.leaderId === leaderId ? state.data : null;
  const header = state.data && state.data.weekStart === weekStart ? state.data : null;
  const shown = state.data && q?.view === view && q.leaderId === leaderId ? state.data : null;
  const week = header?.week ?? null;
  const isThisWeek = weekStart === weekStartOf(today);

  // A new entry starts on the week's Monday, or today when the week has begun.
  const openRequest = (kind: 'request' | 'add'): void => setForm({ kind, date: weekStart >= today ? weekStart : today, published: week?.status === 'published' });
  const afterSave = (kind: EntryFormMode['kind']) => (_id: string, date: string) => {
    // A request is followed where its fate shows; an entry in the week it lands in.
    const target = kind === 'request' && !compiles ? 'draft' : view === 'mine' || view === 'leader' ? (compiles ? 'draft' : 'agency') : view;
    go({ date: weekStartOf(date), view: target, leaderId: null });
  };

  const tabs: { key: ScheduleViewName; label: React.ReactNode }[] = [
    { key: 'agency', label: <span data-testid="sched-tab-agency">{t('schedule.views.agency')}</span> },
    {
      key: 'draft',
      label: (
        <span data-testid="sched-tab-draft">
          {compiles ? t('schedule.views.draft') : t('schedule.views.myRequests')}
          {compiles && (header?.requestCount ?? 0) > 0 && <Badge count={header?.requestCount} size="small" className="tab-badge" title={t('schedule.requestsBadge', { n: header?.requestCount ?? 0 })} />}
        </span>
      ),
    },
    { key: 'mine', label: <span data-testid="sched-tab-mine">{t('schedule.views.mine')}</span> },
    { key: 'leader', label: <span data-testid="sched-tab-leader">{t('schedule.views.leader')}</span> },
  ];

  return (
    <div className="screen sched-page" data-testid="sched-page" data-week={weekStart} data-view={view}>
      <div className="sched-header">
        <div className="sched-heading">
          <Typography.Text type="secondary" className="sched-overline">
            <CalendarOutlined /> {t('schedule.title')}
          </Typography.Text>
          <Typography.Title level={3} className="page-title" data-testid="sched-title">
            {weekTitle(weekStart, lang)}
          </Typography.Title>
          <Space size={6} wrap className="sched-status-line">
            {header && <WeekStatusTag status={week?.status ?? 'draft'} seesDrafts={header.canCompile} />}
            {week?.status === 'published' && (
              <Tag className="sched-revision" data-testid="sched-revision" data-revision={week.revision}>
                {revisionLabel(week.revision, lang)}
              </Tag>
            )}
            {week && week.status !== 'draft' && (
              <Typography.Text type="secondary" className="sched-updated">
                {t('schedule.updatedAt', { time: formatDateTimeVi(week.revisions.at(-1)?.at ?? week.updatedAt) })}
              </Typography.Text>
            )}
            {header?.weekPending && <PendingTag />}
          </Space>
        </div>
        <div className="sched-controls">
          <Space.Compact>
            <Button icon={<LeftOutlined />} onClick={() => go({ date: addDays(weekStart, -7) })} aria-label={t('schedule.prevWeek')} title={t('schedule.prevWeek')} data-testid="sched-prev" />
            <Button onClick={() => go({ date: weekStartOf(today) })} disabled={isThisWeek} data-testid="sched-this-week">
              {t('schedule.thisWeek')}
            </Button>
            <Button icon={<RightOutlined />} onClick={() => go({ date: addDays(weekStart, 7) })} aria-label={t('schedule.nextWeek')} title={t('schedule.nextWeek')} data-testid="sched-next" />
          </Space.Compact>
          <DatePicker
            value={dayjs(route.date ?? today)}
            format="DD/MM/YYYY"
            allowClear={false}
            onChange={(d) => d && go({ date: d.format('YYYY-MM-DD') })}
            aria-label={t('schedule.pickDate')}
            className="sched-date-picker"
            data-testid="sched-date"
          />
          <PageActions
            data={header}
            weekStart={weekStart}
            compiles={compiles}
            onCreate={openRequest}
            onPrint={() => setPrinting(true)}
            onImport={() => setImporting(true)}
          />
        </div>
      </div>

      <ViewTabs active={view} onChange={(k) => go({ view: k, leaderId: null })} items={tabs} label={t('schedule.title')} />
      <RecentNotices />

      <Spin spinning={shown !== null && data === null} delay={200}>
        <div className="sched-body" data-testid="sched-body" data-loaded={data ? 'true' : 'false'}>
          {view === 'leader' && <LeaderPicker leaderId={leaderId} onPick={(id) => go({ leaderId: id })} />}
          {!shown ? (
            state.error ? (
              <Result status="warning" title={errorText(state.error, lang, t('app.unexpected'))} extra={<Button onClick={state.reload}>{t('app.retry')}</Button>} />
            ) : (
              <Spin className="sched-loading" />
            )
          ) : (
            <ViewBody view={view} data={shown} compiles={compiles} leaderId={leaderId} onEdit={setEditing} onRequest={() => openRequest(compiles && view === 'draft' ? 'add' : 'request')} />
          )}
        </div>
      </Spin>

      {form && <EntryFormDialog mode={form} onClose={() => setForm(null)} onDone={afterSave(form.kind)} />}
      {editing && <EditEntry id={editing} onClose={() => setEditing(null)} />}
      {printing && <PrintWeekDialog weekStart={weekStart} onClose={() => setPrinting(false)} />}
      {importing && <IcsImportDialog onClose={() => setImporting(false)} onDone={(date) => go({ date: weekStartOf(date), view: 'draft' })} />}
    </div>
  );
}

function ViewBody({ view, data, compiles, leaderId, onEdit, onRequest }: { view: ScheduleViewName; data: WeekViewResult; compiles: boolean; leaderId: string | null; onEdit(id: string): void; onRequest(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const published = data.week?.status === 'published';
  const visible = data.entries.filter((e) => e.status === 'scheduled' || e.status === 'cancelled' || (view === 'mine' && e.status === 'requested'));

  if (view === 'draft') return compiles ? <DraftView data={data} onEdit={onEdit} onRequest={onRequest} /> : <MyRequestsView data={data} onEdit={onEdit} onRequest={onRequest} />;

  // The agency's and a leader's week are the published schedule: before that, nothing to show but how to take part.
  if ((view === 'agency' || view === 'leader') && !published && !compiles)
    return (
      <Empty className="sched-empty" image={<CalendarOutlined className="sched-empty-icon" />} description={<EmptyText title={t('schedule.empty.notPublished')} text={t(data.week?.status === 'submitted' ? 'schedule.empty.submittedText' : 'schedule.empty.notPublishedText')} />} data-testid="sched-empty" data-kind="not-published">
        {data.canRequest && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onRequest}>
            {t('schedule.actions.request')}
          </Button>
        )}
      </Empty>
    );

  const empty = (title: string, text?: string): React.JSX.Element => (
    <Empty className="sched-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={<EmptyText title={title} {...(text ? { text } : {})} />} data-testid="sched-empty" />
  );
  const noDeadlines = data.deadlines.length === 0;
  return (
    <>
      {view === 'agency' && !published && compiles && <Alert type="info" showIcon className="sched-draft-note" title={t(data.week?.status === 'submitted' ? 'schedule.draftNoteSubmitted' : 'schedule.draftNote')} data-testid="sched-draft-note" />}
      {view !== 'agency' && !published && (visible.length > 0 || !noDeadlines) && <Alert type="info" showIcon className="sched-draft-note" title={t('schedule.notPublishedNote')} />}
      {visible.length === 0 && (view !== 'mine' || noDeadlines) ? (
        view === 'mine' ? (
          empty(t('schedule.empty.mine'), published ? undefined : t('schedule.empty.mineDraft'))
        ) : view === 'leader' ? (
          leaderId ? empty(t('schedule.empty.leader', { name: userName(org, leaderId) })) : empty(t('schedule.empty.noLeader'))
        ) : (
          empty(compiles ? t('schedule.empty.agencyCompile') : t('schedule.empty.agency'))
        )
      ) : (
        <WeekTable days={data.days} entries={visible} deadlines={view === 'mine' ? data.deadlines : []} conflicts={compiles && view === 'agency' ? data.conflicts : []} markMine={view === 'agency'} testId={`sched-table-${view}`} />
      )}
    </>
  );
}

/** "Lịch lãnh đạo": whose week — the agency's leaders, then the units' leaders, by given name. */
function LeaderPicker({ leaderId, onPick }: { leaderId: string | null; onPick(id: string): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const groups = useMemo(() => leaderGroups(org), [org]);
  const unit = (id: string): string => org?.units.find((u) => u.id === id)?.name ?? '';
  return (
    <div className="sched-leader-bar">
      <Typography.Text strong>{t('schedule.leader.pick')}</Typography.Text>
      <Select
        className="sched-leader-select"
        value={leaderId ?? undefined}
        onChange={onPick}
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('schedule.leader.pick')}
        options={[
          { label: t('schedule.leader.agency'), options: groups.agency.map((u) => ({ value: u.id, label: u.position ? `${u.fullName} — ${u.position}` : u.fullName })) },
          { label: t('schedule.leader.units'), options: groups.units.map((u) => ({ value: u.id, label: `${u.fullName} — ${[u.position, unit(u.unitId)].filter(Boolean).join(', ')}` })) },
        ].filter((g) => g.options.length > 0)}
        data-testid="sched-leader-select"
      />
    </div>
  );
}

/** Đăng ký / Thêm lịch, In lịch tuần, and the calendar files (.ics out and in). */
function PageActions({
  data,
  weekStart,
  compiles,
  onCreate,
  onPrint,
  onImport,
}: {
  data: WeekViewResult | null;
  weekStart: string;
  compiles: boolean;
  onCreate(kind: 'request' | 'add'): void;
  onPrint(): void;
  onImport(): void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const rpc = useRpc();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const published = data?.week?.status === 'published';
  const exportIcs = async (view: 'agency' | 'mine', weeks: number): Promise<void> => {
    setBusy(true);
    try {
      const r = await rpc.call('schedule.ics', { date: weekStart, view, weeks });
      saveBlob(new Blob([r.bytes.slice().buffer], { type: 'text/calendar' }), r.name);
      void message.success(t('schedule.actions.exported', { name: r.name }));
    } catch (err) {
      void message.error(errorText(err, lang, t('schedule.actions.exportFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap className="sched-actions">
      {compiles ? (
        // The office puts entries straight into the week; it may still file a request like anyone.
        <Space.Compact>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => onCreate('add')} data-testid="sched-add">
            {t('schedule.actions.add')}
          </Button>
          <Dropdown trigger={['click']} menu={{ items: [{ key: 'request', label: t('schedule.actions.request'), onClick: () => onCreate('request') }] }}>
            <Button type="primary" icon={<DownOutlined />} aria-label={t('schedule.actions.more')} data-testid="sched-add-more" />
          </Dropdown>
        </Space.Compact>
      ) : (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onCreate('request')} disabled={data?.canRequest === false} data-testid="sched-new-request">
          {t('schedule.actions.request')}
        </Button>
      )}
      {/* The printed week is the published one (a draft is never posted). */}
      <Button icon={<PrinterOutlined />} onClick={onPrint} disabled={!published} title={published ? undefined : t('schedule.actions.printUnpublished')} data-testid="sched-print">
        {t('schedule.actions.print')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'agency', icon: <ExportOutlined />, label: t('schedule.actions.exportWeek'), disabled: !published, onClick: () => void exportIcs('agency', 1) },
            { key: 'mine', icon: <ExportOutlined />, label: t('schedule.actions.exportMine'), onClick: () => void exportIcs('mine', 1) },
            { key: 'mine4', icon: <ExportOutlined />, label: t('schedule.actions.exportMine4'), onClick: () => void exportIcs('mine', 4) },
            { type: 'divider' },
            { key: 'import', icon: <ImportOutlined />, label: t('schedule.actions.import'), onClick: onImport },
          ],
        }}
      >
        <Button loading={busy} data-testid="sched-ics">
          {t('schedule.actions.calendar')} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}

/**
 * The view tabs, as a plain tablist (arrow keys move between them): antd's Tabs measure their
 * ink bar on every mount, which forced a layout of the whole week while it was being painted.
 */
function ViewTabs({ active, onChange, items, label }: { active: ScheduleViewName; onChange: (k: ScheduleViewName) => void; items: { key: ScheduleViewName; label: React.ReactNode }[]; label: string }): React.JSX.Element {
  const move = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const i = items.findIndex((it) => it.key === active);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || i < 0) return;
    e.preventDefault();
    const next = items[(i + step + items.length) % items.length]!;
    onChange(next.key);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-key="${next.key}"]`)?.focus();
  };
  return (
    <div className="sched-tabs" role="tablist" aria-label={label} data-testid="sched-tabs" onKeyDown={move}>
      {items.map((it) => (
        <button
          key={it.key}
          type="button"
          role="tab"
          aria-selected={it.key === active}
          tabIndex={it.key === active ? 0 : -1}
          className={`sched-tab${it.key === active ? ' is-active' : ''}`}
          data-key={it.key}
          onClick={() => onChange(it.key)}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
}
