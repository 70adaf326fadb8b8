import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENTRY_STATUS_LABELS, REVISION_CHANGE_LABELS, revisionLabel, WEEK_STATUS_LABELS, type EntryChangeMark, type EntryStatus, type WeekStatus } from '../../../shared/schedule/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { fieldsText, loc } from './format.js';

const WEEK_COLOR: Record<WeekStatus, string> = { draft: 'default', submitted: 'gold', published: 'green' };

/**
 * Dự thảo · Chờ duyệt · Đã ban hành — to the office and the leaders. Others never see the
 * draft, so a week not yet published is only that to them: "Chưa ban hành".
 */
export function WeekStatusTag({ status, seesDrafts = true }: { status: WeekStatus; seesDrafts?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const label = status !== 'published' && !seesDrafts ? t('schedule.week.notPublished') : loc(WEEK_STATUS_LABELS[status], lang);
  return (
    <Tag color={WEEK_COLOR[status]} className="sched-week-status" data-testid="sched-week-status" data-status={status}>
      {label}
    </Tag>
  );
}

const STATUS_COLOR: Record<EntryStatus, string> = { requested: 'blue', scheduled: 'green', rejected: 'red', merged: 'purple', withdrawn: 'default', cancelled: 'red' };

export function EntryStatusTag({ status }: { status: EntryStatus }): React.JSX.Element {
  const { lang } = useApp();
  return (
    <Tag color={STATUS_COLOR[status]} className="sched-status" data-testid="sched-entry-status" data-status={status}>
      {loc(ENTRY_STATUS_LABELS[status], lang)}
    </Tag>
  );
}

/**
 * "Điều chỉnh" / "Bổ sung" on an entry changed after publication, with what, in which revision
 * and why in its tooltip (focusable, so the keyboard reaches it too).
 */
export function ChangeMarkTag({ mark }: { mark: EntryChangeMark }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { lang } = useApp();
  // A cancellation shows as the entry's own "Hoãn/huỷ" (struck through); the mark would say it twice.
  if (mark.change === 'cancelled') return null;
  const rev = revisionLabel(mark.revision, lang);
  const what = mark.change === 'added' ? t('schedule.mark.added') : t('schedule.mark.changed', { fields: fieldsText(mark.fields, lang) });
  const tip = (
    <div className="sched-mark-tip">
      <div>
        <strong>{rev}</strong>: {what}
      </div>
      {mark.reason && <div>{t('schedule.mark.reason', { reason: mark.reason })}</div>}
      <div className="sched-mark-at">{t('schedule.mark.at', { time: formatDateTimeVi(mark.at) })}</div>
    </div>
  );
  return (
    <Tooltip title={tip}>
      <Tag color={mark.change === 'added' ? 'cyan' : 'orange'} className="sched-mark" tabIndex={0} data-testid="sched-change-mark" data-change={mark.change} data-revision={mark.revision}>
        {loc(REVISION_CHANGE_LABELS[mark.change], lang)}
      </Tag>
    </Tooltip>
  );
}

/** How the entry concerns me, quietly: "Tôi chủ trì" · "Tôi dự" · "Đơn vị tôi chuẩn bị". */
export function MyRoleTag({ role }: { role: 'chair' | 'participant' | 'preparing' | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!role) return null;
  return (
    <Tag bordered={false} className={`sched-role sched-role-${role}`} data-testid="sched-my-role" data-role={role}>
      {t(`schedule.role.${role}`)}
    </Tag>
  );
}

/** The warning sign of an entry involved in a conflict, naming them in its tooltip. */
export function ConflictSign({ lines }: { lines: readonly string[] }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <Tooltip
      title={
        <ul className="sched-tip-list">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      }
    >
      <Tag color="warning" icon={<ExclamationCircleOutlined />} className="sched-conflict-sign" tabIndex={0} data-testid="sched-conflict-sign">
        {t('schedule.conflicts.sign')}
      </Tag>
    </Tooltip>
  );
}
