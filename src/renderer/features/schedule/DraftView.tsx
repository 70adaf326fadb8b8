/**
 * "Dự thảo & đăng ký" (the office and the agency's leaders): the week's state and its actions
 * (Trình duyệt, Duyệt & ban hành, Trả lại), the conflict warnings, the requests waiting to be
 * scheduled with Xếp lịch / Sửa / Gộp / Từ chối, the draft as the week will print, and the
 * requests already decided. "Đăng ký của tôi" (everyone else): my requests and what became of them.
 */
import { CheckOutlined, CloseOutlined, EditOutlined, MergeCellsOutlined, RollbackOutlined, SendOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Empty, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedEntryActions, scheduleWeekId, weekTitle, type EntryItem, type WeekViewResult } from '../../../shared/schedule/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { unitName, userName } from '../../app/util.js';
import { PendingTag } from '../../components/DocTags.js';
import { conflictedIds, dayLabel, locationText, participantsText, partLabel, timeLabel, type ConflictRef } from './format.js';
import { CancelDialog, MergeDialog, RejectDialog, TextDialog } from './ScheduleDialogs.js';
import { RoleChip, StatusChip } from './RowChips.js';
import { useConflictLines } from './useConflictLines.js';
import { useScheduleMutate } from './useSchedule.js';
import { WeekTable } from './WeekTable.js';

type EntryDialog = { kind: 'reject' | 'merge' | 'cancel'; entry: EntryItem } | null;

export function DraftView({ data, onEdit, onRequest }: { data: WeekViewResult; onEdit(id: string): void; onRequest(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<EntryDialog>(null);
  const requests = data.entries.filter((e) => e.status === 'requested');
  const scheduled = data.entries.filter((e) => e.status === 'scheduled' || e.status === 'cancelled');
  const decided = data.entries.filter((e) => e.status === 'rejected' || e.status === 'merged' || e.status === 'withdrawn');
  const published = data.week?.status === 'published';

  return (
    <div className="sched-draft" data-testid="sched-draft">
      <WeekActionsBar data={data} />
      <ConflictList data={data} />
      <section className="sched-section" data-testid="sched-requests" aria-label={t('schedule.requests.title')}>
        <header className="sched-section-head">
          <Typography.Title level={5}>{t('schedule.requests.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('schedule.requests.count', { n: requests.length })}</Typography.Text>
        </header>
        {requests.length === 0 ? (
          <Typography.Text type="secondary" className="sched-muted-line">
            {t('schedule.empty.requests')}
          </Typography.Text>
        ) : (
          <div className="sched-request-list">
            {requests.map((r) => (
              <RequestCard key={r.id} entry={r} data={data} onEdit={() => onEdit(r.id)} onDialog={(kind) => setDialog({ kind, entry: r })} />
            ))}
          </div>
        )}
      </section>
      <section className="sched-section" aria-label={t('schedule.draftTable')}>
        <header className="sched-section-head">
          <Typography.Title level={5}>{published ? t('schedule.publishedTable') : t('schedule.draftTable')}</Typography.Title>
        </header>
        {scheduled.length === 0 ? (
          <Empty description={t('schedule.empty.agencyCompile')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
            <Button onClick={onRequest}>{t('schedule.actions.add')}</Button>
          </Empty>
        ) : (
          <WeekTable days={data.days} entries={scheduled} conflicts={data.conflicts} testId="sched-draft-table" />
        )}
      </section>
      {decided.length > 0 && (
        <Collapse
          size="small"
          className="sched-decided"
          items={[
            {
              key: 'decided',
              label: t('schedule.requests.decided', { n: decided.length }),
              children: (
                <div className="sched-request-list">
                  {decided.map((r) => (
                    <RequestCard key={r.id} entry={r} data={data} onEdit={() => onEdit(r.id)} onDialog={(kind) => setDialog({ kind, entry: r })} />
                  ))}
                </div>
              ),
            },
          ]}
        />
      )}
      {dialog?.kind === 'reject' && <RejectDialog entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'merge' && <MergeDialog entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'cancel' && <CancelDialog entry={dialog.entry} published={published} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** "Đăng ký của tôi": what I asked for this week, and what the office made of it. */
export function MyRequestsView({ data, onEdit, onRequest }: { data: WeekViewResult; onEdit(id: string): void; onRequest(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useMe();
  const mine = data.entries.filter((e) => e.requestedBy === me.id);
  const others = data.entries.filter((e) => e.requestedBy !== me.id);
  if (data.entries.length === 0)
    return (
      <Empty className="sched-empty" description={<EmptyText title={t('schedule.empty.myRequests')} text={t('schedule.empty.myRequestsText')} />} data-testid="sched-empty">
        {data.canRequest && (
          <Button type="primary" onClick={onRequest}>
            {t('schedule.actions.request')}
          </Button>
        )}
      </Empty>
    );
  return (
    <div className="sched-draft" data-testid="sched-my-requests">
      {[
        { key: 'mine', title: t('schedule.requests.mine'), list: mine },
        // A unit's leader also follows the requests of the unit.
        { key: 'unit', title: t('schedule.requests.unit'), list: others },
      ]
        .filter((g) => g.list.length > 0)
        .map((g) => (
          <section key={g.key} className="sched-section">
            <header className="sched-section-head">
              <Typography.Title level={5}>{g.title}</Typography.Title>
            </header>
            <div className="sched-request-list">
              {g.list.map((r) => (
                <RequestCard key={r.id} entry={r} data={data} onEdit={() => onEdit(r.id)} onDialog={() => {}} />
              ))}
            </div>
          </section>
        ))}
    </div>
  );
}

export function EmptyText({ title, text }: { title: string; text?: string }): React.JSX.Element {
  return (
    <div className="sched-empty-text">
      <Typography.Text strong>{title}</Typography.Text>
      {text && <Typography.Paragraph type="secondary">{text}</Typography.Paragraph>}
    </div>
  );
}

/** A request as the office decides it: when, what, who asked, who and where, its conflicts and the buttons the rights allow. */
function RequestCard({ entry, data, onEdit, onDialog }: { entry: EntryItem; data: WeekViewResult; onEdit(): void; onDialog(kind: 'reject' | 'merge' | 'cancel'): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const me = useMe();
  const { modal } = App.useApp();
  const mutate = useScheduleMutate();
  const conflictLines = useConflictLines();
  const refs = useMemo(() => new Map<string, ConflictRef>(data.entries.map((e) => [e.id, e])), [data.entries]);
  const lines = conflictLines(conflictedIds(data.conflicts).get(entry.id) ?? [], refs, { selfId: entry.id });
  const actions = org ? allowedEntryActions(me, entry, org) : [];
  const who = [userName(org, entry.requestedBy), unitName(org, entry.requestingUnitId)].filter(Boolean).join(' — ');
  const people = participantsText(entry, org);
  const place = locationText(entry, org);
  const chair = userName(org, entry.chairId);
  const withdraw = (): void => {
    modal.confirm({
      title: t('schedule.entry.withdrawConfirm'),
      content: t('schedule.entry.withdrawText'),
      okText: t('schedule.entry.actions.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('app.cancel'),
      onOk: () => mutate({ name: 'schedule.withdraw', args: { entryId: entry.id } }),
    });
  };
  return (
    <article className={`sched-request is-${entry.status}`} data-testid="sched-request" data-id={entry.id} data-status={entry.status}>
      <div className="sched-request-when">
        <span className="sched-request-day">{dayLabel(entry.date, lang)}</span>
        <span className="sched-request-time">{entry.start ? `${partLabel(entry.part, lang)} ${timeLabel(entry, lang)}` : partLabel(entry.part, lang)}</span>
      </div>
      <div className="sched-request-main">
        <a href={`#/schedule/entry/${entry.id}`} className={`sched-request-content${entry.highlight ? ' is-highlight' : ''}`}>
          {entry.content}
        </a>
        <Space size={4} wrap className="sched-tags">
          <StatusChip status={entry.status} />
          <RoleChip role={entry.myRole} />
          {entry.pending && <PendingTag />}
        </Space>
        <div className="sched-request-meta">
          {chair && (
            <span>
              {t('schedule.columns.chair')}: {chair}
            </span>
          )}
          {people && (
            <span>
              {t('schedule.columns.participants')}: {people}
            </span>
          )}
          {place && (
            <span>
              {t('schedule.columns.location')}: {place}
            </span>
          )}
        </div>
        <div className="sched-request-by">{t('schedule.requests.by', { who })}</div>
        {entry.reason && (entry.status === 'rejected' || entry.status === 'cancelled') && <div className="sched-reason">{t('schedule.entry.reasonLine', { reason: entry.reason })}</div>}
        {lines.length > 0 && (
          <ul className="sched-warning-list sched-request-conflicts" data-testid="sched-request-conflicts">
            {lines.map((l) => (
              <li key={l.key}>
                <WarningOutlined /> {l.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Space wrap className="sched-request-actions">
        {actions.includes('accept') && (
          <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => void mutate({ name: 'schedule.accept', args: { entryId: entry.id } })} data-testid="sched-accept">
            {t('schedule.entry.actions.accept')}
          </Button>
        )}
        {actions.includes('update') && (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="sched-edit">
            {t('schedule.entry.actions.update')}
          </Button>
        )}
        {actions.includes('merge') && (
          <Button size="small" icon={<MergeCellsOutlined />} onClick={() => onDialog('merge')} data-testid="sched-merge">
            {t('schedule.entry.actions.mergeShort')}
          </Button>
        )}
        {actions.includes('reject') && (
          <Button size="small" danger icon={<CloseOutlined />} onClick={() => onDialog('reject')} data-testid="sched-reject">
            {t('schedule.entry.actions.reject')}
          </Button>
        )}
        {actions.includes('withdraw') && (
          <Button size="small" icon={<RollbackOutlined />} onClick={withdraw} data-testid="sched-withdraw">
            {t('schedule.entry.actions.withdraw')}
          </Button>
        )}
      </Space>
    </article>
  );
}

/** The week's state in a sentence, and the actions on it the rights allow. */
function WeekActionsBar({ data }: { data: WeekViewResult }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang, session } = useApp();
  const mutate = useScheduleMutate();
  const [dialog, setDialog] = useState<'submit' | 'approve' | 'return' | null>(null);
  const week = data.week;
  const status = week?.status ?? 'draft';
  const last = week?.history.at(-1);
  const returned = status === 'draft' && last?.action === 'returned';
  const agencyId = session.agency?.id ?? '';
  const ref = { weekId: agencyId ? scheduleWeekId(agencyId, data.weekStart) : '', weekStart: data.weekStart };
  const title = weekTitle(data.weekStart, lang);
  const requests = data.entries.filter((e) => e.status === 'requested').length;

  let line: string;
  if (status === 'published') line = t('schedule.week.publishedLine', { time: formatDateTimeVi(week?.publishedAt ?? week?.updatedAt ?? new Date()) });
  else if (status === 'submitted') line = t('schedule.week.submittedLine', { time: last ? formatDateTimeVi(last.at) : '' });
  else if (returned) line = t('schedule.week.returnedLine', { name: userName(org, last.actorId), reason: week?.note ?? '' });
  else line = t('schedule.week.draftLine');

  return (
    <div className={`sched-week-bar is-${status}${returned ? ' is-returned' : ''}`} data-testid="sched-week-bar" data-status={status}>
      <div className="sched-week-bar-text">
        <Typography.Text>{line}</Typography.Text>
        {status === 'submitted' && week?.note && <Typography.Text type="secondary"> {t('schedule.week.noteLine', { note: week.note })}</Typography.Text>}
        {data.weekPending && <PendingTag />}
      </div>
      <Space wrap>
        {data.weekActions.includes('submit') && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('submit')} data-testid="sched-week-submit">
            {t('schedule.week.submit')}
          </Button>
        )}
        {data.weekActions.includes('return') && (
          <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="sched-week-return">
            {t('schedule.week.return')}
          </Button>
        )}
        {data.weekActions.includes('approve') && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setDialog('approve')} data-testid="sched-week-approve">
            {t('schedule.week.approve')}
          </Button>
        )}
      </Space>
      {dialog === 'submit' && (
        <TextDialog
          title={t('schedule.week.submitTitle')}
          text={
            <>
              <Typography.Paragraph>{t('schedule.week.submitText', { week: title })}</Typography.Paragraph>
              {requests > 0 && <Alert type="warning" showIcon className="form-note" title={t('schedule.week.submitRequests', { n: requests })} />}
              {data.conflicts.length > 0 && <Alert type="warning" showIcon className="form-note" title={t('schedule.week.approveConflicts', { n: data.conflicts.length })} />}
            </>
          }
          label={t('schedule.week.note')}
          okText={t('schedule.week.submit')}
          required={false}
          testId="sched-submit-dialog"
          onSubmit={(note) => mutate({ name: 'schedule.submitWeek', args: { ...ref, note } })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'approve' && (
        <TextDialog
          title={t('schedule.week.approveTitle')}
          text={
            <>
              <Typography.Paragraph>{t('schedule.week.approveText', { week: title })}</Typography.Paragraph>
              {requests > 0 && <Alert type="warning" showIcon className="form-note" title={t('schedule.week.approveRequests', { n: requests })} />}
              {data.conflicts.length > 0 && <Alert type="warning" showIcon className="form-note" title={t('schedule.week.approveConflicts', { n: data.conflicts.length })} />}
            </>
          }
          label={t('schedule.week.note')}
          okText={t('schedule.week.approve')}
          required={false}
          testId="sched-approve-dialog"
          onSubmit={(note) => mutate({ name: 'schedule.approveWeek', args: { ...ref, note } })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'return' && (
        <TextDialog
          title={t('schedule.week.returnTitle')}
          text={<Typography.Paragraph type="secondary">{t('schedule.week.returnText')}</Typography.Paragraph>}
          label={t('schedule.week.returnReason')}
          okText={t('schedule.week.return')}
          required
          danger
          testId="sched-return-dialog"
          onSubmit={(reason) => mutate({ name: 'schedule.returnWeek', args: { ...ref, reason } })}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

/** Shown before "Xem thêm": the rest are a click away (each request card names its own too). */
const CONFLICTS_SHOWN = 5;

/** Every conflict of the week, a line per pair of entries, naming the people, rooms and entries. */
function ConflictList({ data }: { data: WeekViewResult }): React.JSX.Element | null {
  const { t } = useTranslation();
  const conflictLines = useConflictLines();
  const [all, setAll] = useState(false);
  const refs = useMemo(() => new Map<string, ConflictRef>(data.entries.map((e) => [e.id, e])), [data.entries]);
  const lines = useMemo(() => conflictLines(data.conflicts, refs), [conflictLines, data.conflicts, refs]);
  if (lines.length === 0) return null;
  const shown = all ? lines : lines.slice(0, CONFLICTS_SHOWN);
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      className="sched-conflicts"
      data-testid="sched-conflicts"
      title={t('schedule.conflicts.title', { n: lines.length })}
      description={
        <>
          <ul className="sched-warning-list">
            {shown.map((l) => (
              <li key={l.key} data-testid="sched-conflict">
                {l.text}
              </li>
            ))}
          </ul>
          {lines.length > CONFLICTS_SHOWN && (
            <Button type="link" size="small" className="sched-more" onClick={() => setAll(!all)} data-testid="sched-conflicts-more">
              {all ? t('schedule.conflicts.less') : t('schedule.conflicts.more', { n: lines.length - CONFLICTS_SHOWN })}
            </Button>
          )}
        </>
      }
    />
  );
}
