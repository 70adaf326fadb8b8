import { ArrowLeftOutlined, CarryOutOutlined, CheckOutlined, CloseOutlined, EditOutlined, FileTextOutlined, MergeCellsOutlined, RollbackOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Result, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTRY_STATUS_LABELS, weekdayName, type EntryAction, type EntryHistoryAction } from '../../../shared/schedule/index.js';
import { formatDateTimeVi, formatDateVi } from '../../../shared/text/vietnamese.js';
import { FailedAlerts } from '../../components/FailedAlerts.js';
import { useApp } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText, unitName, userName } from '../../app/util.js';
import { AttachmentFileList } from '../../components/AttachmentFiles.js';
import { PendingTag } from '../../components/DocTags.js';
import { Loading } from '../../components/Loading.js';
import { changeLines, chairOf, loc, locationText, partLabel, timeLabel, type ConflictRef } from './format.js';
import { EntryFormDialog } from './EntryFormDialog.js';
import { CancelDialog, MergeDialog, RejectDialog } from './ScheduleDialogs.js';
import { ChangeChip, RoleChip, StatusChip } from './RowChips.js';
import { WeekStatusTag } from './ScheduleTags.js';
import { useConflictLines } from './useConflictLines.js';
import { useEntry, useScheduleMutate } from './useSchedule.js';
import './schedule.css';

const ICONS: Record<EntryAction, React.ReactNode> = {
  accept: <CheckOutlined />,
  update: <EditOutlined />,
  merge: <MergeCellsOutlined />,
  reject: <CloseOutlined />,
  withdraw: <RollbackOutlined />,
  cancel: <StopOutlined />,
};
const ORDER: readonly EntryAction[] = ['accept', 'update', 'merge', 'reject', 'withdraw', 'cancel'];

/**
 * One entry (#/schedule/entry/<id>): every field, its files, the document or task it came from,
 * its conflicts, what changed after publication ("Điều chỉnh lần 1: thời gian 08:00 → 14:00")
 * and its history; the actions the rights allow; waiting and refused actions as in a task.
 */
export function EntryPage({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { view, loading, error, reload } = useEntry(id);
  const { lang, sync } = useApp();
  const { modal } = App.useApp();
  const mutate = useScheduleMutate();
  // Refused actions dismissed elsewhere (the sync indicator's list) leave this view too.
  useEffect(reload, [sync.failedCount, reload]);
  const [dialog, setDialog] = useState<EntryAction | null>(null);

  if (loading && !view) return <Loading text={t('schedule.entry.loading')} />;
  if (!view)
    return (
      <Result
        status="404"
        title={t('schedule.entry.notFound')}
        subTitle={error ? errorText(error, lang, '') : null}
        extra={<Button onClick={() => navigate({ name: 'schedule', date: null, view: null, leaderId: null })}>{t('schedule.entry.back')}</Button>}
        data-testid="sched-entry-not-found"
      />
    );

  const { entry } = view;
  const published = view.week?.status === 'published';
  const lastChange = entry.changes.at(-1);
  const back = (): void => navigate({ name: 'schedule', date: entry.weekStart, view: entry.status === 'scheduled' || entry.status === 'cancelled' ? (published ? 'agency' : null) : 'draft', leaderId: null });
  const act = (a: EntryAction): void => {
    if (a === 'accept') void mutate({ name: 'schedule.accept', args: { entryId: entry.id } });
    else if (a === 'withdraw')
      modal.confirm({
        title: t('schedule.entry.withdrawConfirm'),
        content: t('schedule.entry.withdrawText'),
        okText: t('schedule.entry.actions.withdraw'),
        okButtonProps: { danger: true },
        cancelText: t('app.cancel'),
        onOk: () => mutate({ name: 'schedule.withdraw', args: { entryId: entry.id } }),
      });
    else setDialog(a);
  };

  return (
    <div className="screen doc-view sched-entry-view" data-testid="sched-entry-view" data-status={entry.status}>
      <div className="doc-header">
        <div className="doc-header-main">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} data-testid="sched-back">
            {t('schedule.entry.back')}
          </Button>
          <div className="doc-title-block">
            <Typography.Title level={4} className={`doc-title${entry.status === 'cancelled' ? ' sched-struck' : ''}`} data-testid="sched-entry-title" title={entry.content}>
              {entry.content}
            </Typography.Title>
            <Space size={4} wrap className="doc-tags">
              <Tag className="tag-arrival">
                {weekdayName(entry.date, lang)}, {formatDateVi(entry.date)} · {partLabel(entry.part, lang)}
                {entry.start ? ` ${timeLabel(entry, lang)}` : ''}
              </Tag>
              <StatusChip status={entry.status} />
              {view.week && <WeekStatusTag status={view.week.status} />}
              {lastChange && <ChangeChip mark={{ revision: lastChange.revision, change: lastChange.change, fields: lastChange.fields, reason: lastChange.reason, at: lastChange.at }} />}
              <RoleChip role={view.myRole} />
              {(view.pending.length > 0 || view.pendingCreate) && <PendingTag />}
            </Space>
          </div>
        </div>
        <Space wrap className="doc-actions" data-testid="sched-entry-actions">
          {ORDER.filter((a) => view.allowedActions.includes(a)).map((a) => (
            <Button key={a} icon={ICONS[a]} type={a === 'accept' ? 'primary' : 'default'} danger={a === 'reject' || a === 'cancel'} onClick={() => act(a)} data-testid={`sched-entry-action-${a}`}>
              {t(`schedule.entry.actions.${a}`)}
            </Button>
          ))}
        </Space>
      </div>

      <div className="doc-alerts">
        {view.pendingCreate && <Alert type="warning" showIcon title={t('schedule.entry.pendingCreate')} />}
        <FailedAlerts failed={view.failed} onDismissed={reload} />
        {entry.status === 'cancelled' && entry.reason && <Alert type="error" showIcon title={t('schedule.entry.cancelledLine', { reason: entry.reason })} />}
        {entry.status === 'rejected' && <Alert type="error" showIcon title={t('schedule.entry.rejectedLine', { reason: entry.reason })} />}
      </div>

      <div className="doc-body sched-entry-body">
        <div className="sched-entry-main">
          <InfoSection view={view} />
          <ConflictSection view={view} />
        </div>
        <div className="doc-side">
          <SideTabs
            changes={entry.changes.length}
            items={[
              { key: 'changes', label: entry.changes.length > 0 ? `${t('schedule.entry.tabs.changes')} (${entry.changes.length})` : t('schedule.entry.tabs.changes'), children: <ChangesPanel view={view} /> },
              { key: 'history', label: t('schedule.entry.tabs.history'), children: <HistoryPanel view={view} /> },
            ]}
          />
        </div>
      </div>

      {dialog === 'update' && (
        <EntryFormDialog mode={{ kind: 'edit', entry, published, ...(view.link ? { linkTitle: view.link.title } : {}) }} onClose={() => setDialog(null)} />
      )}
      {dialog === 'reject' && <RejectDialog entry={entry} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelDialog entry={entry} published={published} onClose={() => setDialog(null)} />}
      {dialog === 'merge' && <MergeDialog entry={entry} onClose={() => setDialog(null)} />}
    </div>
  );
}

type View = NonNullable<ReturnType<typeof useEntry>['view']>;

function InfoSection({ view }: { view: View }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const { entry } = view;
  const none = <Typography.Text type="secondary">{t('app.none')}</Typography.Text>;
  const chair = chairOf(org, entry.chairId);
  const people = entry.participantUserIds.map((id) => userName(org, id)).filter(Boolean);
  const units = entry.participantUnitIds.map((id) => unitName(org, id)).filter(Boolean);
  const place = locationText(entry, org);
  const items = [
    {
      key: 'when',
      label: t('schedule.entry.when'),
      children: (
        <span data-testid="sched-entry-when">
          {weekdayName(entry.date, lang)}, {formatDateVi(entry.date)} — {partLabel(entry.part, lang)}
          {entry.start ? `, ${timeLabel(entry, lang)}` : ` (${t('schedule.noTime')})`}
        </span>
      ),
    },
    { key: 'content', label: t('schedule.columns.content'), children: <span className={entry.highlight ? 'sched-bold' : ''}>{entry.content}</span> },
    { key: 'chair', label: t('schedule.columns.chair'), children: chair ? `${chair.name}${chair.position ? `, ${chair.position}` : ''}` : none },
    {
      key: 'participants',
      label: t('schedule.columns.participants'),
      children:
        people.length + units.length > 0 || entry.guests ? (
          <div className="sched-participants">
            {people.length > 0 && <div>{people.join(', ')}</div>}
            {units.length > 0 && <div>{units.join(', ')}</div>}
            {entry.guests && <div>{t('schedule.entry.guests', { guests: entry.guests })}</div>}
          </div>
        ) : (
          none
        ),
    },
    { key: 'location', label: t('schedule.columns.location'), children: place || none },
    { key: 'preparing', label: t('schedule.columns.preparing'), children: unitName(org, entry.preparingUnitId) || none },
    ...(entry.notes ? [{ key: 'notes', label: t('schedule.entry.notes'), children: <div className="sched-text">{entry.notes}</div> }] : []),
    ...(entry.highlight ? [{ key: 'highlight', label: t('schedule.entry.highlight'), children: t('schedule.entry.highlightYes') }] : []),
    {
      key: 'requested',
      label: t('schedule.entry.requestedBy'),
      children: `${[userName(org, entry.requestedBy), unitName(org, entry.requestingUnitId)].filter(Boolean).join(' — ')}, ${formatDateTimeVi(entry.createdAt)}`,
    },
    { key: 'status', label: t('schedule.entry.status'), children: loc(ENTRY_STATUS_LABELS[entry.status], lang) },
    ...(entry.link
      ? [
          {
            key: 'link',
            label: t('schedule.entry.link'),
            children: view.link ? (
              <a href={view.link.kind === 'tasks' ? `#/tasks/${view.link.id}` : `#/incoming/${view.link.id}`} data-testid="sched-entry-link-record">
                {view.link.kind === 'tasks' ? <CarryOutOutlined /> : <FileTextOutlined />} {view.link.title}
              </a>
            ) : (
              <Typography.Text type="secondary">{t('schedule.entry.linkHidden')}</Typography.Text>
            ),
          },
        ]
      : []),
    ...(entry.mergedInto
      ? [
          {
            key: 'merged',
            label: t('schedule.entry.mergedInto'),
            children: view.mergedInto ? <a href={`#/schedule/entry/${view.mergedInto.id}`}>{view.mergedInto.content}</a> : <Typography.Text type="secondary">{t('schedule.entry.mergedHidden')}</Typography.Text>,
          },
        ]
      : []),
  ];
  return (
    <section className="sched-card" data-testid="sched-entry-info">
      <Descriptions column={1} size="small" bordered items={items} className="sched-entry-table" />
      <Typography.Title level={5}>{t('schedule.entry.files')}</Typography.Title>
      {entry.files.length > 0 ? <AttachmentFileList files={entry.files} testId="sched-files" prefix="sched" /> : <Typography.Text type="secondary">{t('schedule.entry.noFiles')}</Typography.Text>}
    </section>
  );
}

function ConflictSection({ view }: { view: View }): React.JSX.Element | null {
  const { t } = useTranslation();
  const conflictLines = useConflictLines();
  const refs = useMemo(() => new Map<string, ConflictRef>(view.conflictEntries.map((e) => [e.id, e])), [view.conflictEntries]);
  const lines = conflictLines(view.conflicts, refs, { selfId: view.entry.id });
  if (lines.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      data-testid="sched-entry-conflicts"
      title={t('schedule.conflicts.entryTitle', { n: lines.length })}
      description={
        <ul className="sched-warning-list">
          {lines.map((l) => (
            <li key={l.key}>{l.text}</li>
          ))}
        </ul>
      }
    />
  );
}

/** "Điều chỉnh lần n": each change after publication, what it changed from what to what, and why. */
function ChangesPanel({ view }: { view: View }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const lines = useMemo(() => changeLines(view.entry, { org, lang }), [view.entry, org, lang]);
  if (lines.length === 0) return <Empty description={view.week?.status === 'published' ? t('schedule.entry.noChanges') : t('schedule.entry.noChangesDraft')} />;
  return (
    <div className="processing sched-changes" data-testid="sched-entry-changes">
      {lines.map((l) => (
        <div key={l.revision} className={`opinion sched-change is-${l.change}`} data-testid="sched-entry-change" data-revision={l.revision}>
          <div className="opinion-head">
            <strong>{l.title}</strong>
            <Typography.Text type="secondary">
              {userName(org, l.by)} · {formatDateTimeVi(l.at)}
            </Typography.Text>
          </div>
          {l.items.length > 0 && (
            <ul className="sched-change-items">
              {l.items.map((it) => (
                <li key={it.field}>
                  <span className="sched-change-field">{it.label}</span>: <span className="sched-change-from">{it.from || t('app.none')}</span> → <span className="sched-change-to">{it.to || t('app.none')}</span>
                </li>
              ))}
            </ul>
          )}
          {l.reason && <div className="opinion-text">{t('schedule.mark.reason', { reason: l.reason })}</div>}
        </div>
      ))}
    </div>
  );
}

const HISTORY_COLOR: Record<EntryHistoryAction, string> = {
  requested: 'blue',
  added: 'green',
  updated: 'blue',
  accepted: 'green',
  rejected: 'red',
  merged: 'gray',
  merged_into: 'blue',
  withdrawn: 'gray',
  cancelled: 'red',
};

function HistoryPanel({ view }: { view: View }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const items = useMemo(
    () =>
      [...view.entry.history].reverse().map((h) => ({
        key: h.id,
        color: HISTORY_COLOR[h.action],
        content: (
          <div className="history-item" data-testid="sched-history-item" data-action={h.action}>
            <div className="history-head">
              <strong>{t(`schedule.history.${h.action}`)}</strong>
              <Typography.Text type="secondary">
                {userName(org, h.actorId) || t('app.none')} · {formatDateTimeVi(h.at)}
              </Typography.Text>
            </div>
            {h.summary && <div className="history-summary">{h.summary}</div>}
          </div>
        ),
      })),
    [view.entry.history, org, t],
  );
  if (items.length === 0) return <Empty description={t('schedule.entry.historyEmpty')} />;
  return <Timeline items={items} className="history" data-testid="sched-history" />;
}

/**
 * The side panel's tabs: "Điều chỉnh" when the entry was changed after publication, else
 * "Quá trình". A change made while the page is open (the office's own edit, or one pulled)
 * brings its tab forward, so what just changed is what the user sees.
 */
function SideTabs({ changes, items }: { changes: number; items: { key: string; label: string; children: React.ReactNode }[] }): React.JSX.Element {
  const [active, setActive] = useState(changes > 0 ? 'changes' : 'history');
  const [seen, setSeen] = useState(changes);
  if (changes !== seen) {
    setSeen(changes);
    if (changes > seen) setActive('changes');
  }
  return <Tabs activeKey={active} onChange={setActive} items={items} data-testid="sched-entry-tabs" />;
}
