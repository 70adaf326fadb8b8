/**
 * The small tags of the week's rows — status, "Điều chỉnh", my role, waiting to sync, a conflict,
 * today, a holiday — as plain styled spans. A week shows a hundred of them, and each antd Tag
 * (with its Tooltip) runs a style hook per instance: most of the week's first paint after a
 * navigation went there (docs/benchmarks.md "#9 schedule"). The entry page keeps antd's tags.
 * What a tooltip said is the chip's title and its accessible name.
 */
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ENTRY_STATUS_LABELS, REVISION_CHANGE_LABELS, revisionLabel, type EntryChangeMark, type EntryStatus } from '../../../shared/schedule/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { fieldsText, loc } from './format.js';

type Tone = 'blue' | 'green' | 'red' | 'orange' | 'cyan' | 'gold' | 'purple' | 'plain' | 'quiet';

interface ChipProps {
  tone: Tone;
  children: React.ReactNode;
  className?: string;
  /** Shown on hover and read by screen readers; the chip is then focusable. */
  title?: string;
  testId?: string;
  data?: Record<string, string | number>;
}

export function Chip({ tone, children, className, title, testId, data = {} }: ChipProps): React.JSX.Element {
  const attrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <span
      className={`sched-chip is-${tone}${className ? ` ${className}` : ''}`}
      title={title}
      aria-label={title}
      tabIndex={title ? 0 : undefined}
      data-testid={testId}
      {...attrs}
    >
      {children}
    </span>
  );
}

const STATUS_TONE: Record<EntryStatus, Tone> = { requested: 'blue', scheduled: 'green', rejected: 'red', merged: 'purple', withdrawn: 'plain', cancelled: 'red' };

export function StatusChip({ status }: { status: EntryStatus }): React.JSX.Element {
  const { lang } = useApp();
  return (
    <Chip tone={STATUS_TONE[status]} testId="sched-entry-status" data={{ status }}>
      {loc(ENTRY_STATUS_LABELS[status], lang)}
    </Chip>
  );
}

/** "Điều chỉnh" / "Bổ sung", with the revision, what changed and why in its title. */
export function ChangeChip({ mark }: { mark: EntryChangeMark }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { lang } = useApp();
  // A cancellation shows as the entry's own "Hoãn/huỷ" (struck through); the mark would say it twice.
  if (mark.change === 'cancelled') return null;
  const what = mark.change === 'added' ? t('schedule.mark.added') : t('schedule.mark.changed', { fields: fieldsText(mark.fields, lang) });
  const title = [
    `${revisionLabel(mark.revision, lang)}: ${what}`,
    mark.reason ? t('schedule.mark.reason', { reason: mark.reason }) : '',
    t('schedule.mark.at', { time: formatDateTimeVi(mark.at) }),
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Chip tone={mark.change === 'added' ? 'cyan' : 'orange'} title={title} testId="sched-change-mark" data={{ change: mark.change, revision: mark.revision }}>
      {loc(REVISION_CHANGE_LABELS[mark.change], lang)}
    </Chip>
  );
}

/** How the entry concerns me, quietly: "Tôi chủ trì" · "Tôi dự" · "Đơn vị tôi chuẩn bị". */
export function RoleChip({ role }: { role: 'chair' | 'participant' | 'preparing' | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!role) return null;
  return (
    <Chip tone="quiet" className={`sched-role sched-role-${role}`} testId="sched-my-role" data={{ role }}>
      {t(`schedule.role.${role}`)}
    </Chip>
  );
}

export function PendingChip(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Chip tone="gold" testId="pending-tag">
      <ClockCircleOutlined /> {t('sync.waiting')}
    </Chip>
  );
}

/** The warning sign of an entry involved in a conflict, naming them in its title. */
export function ConflictChip({ lines }: { lines: readonly string[] }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <Chip tone="gold" title={lines.join('\n')} className="sched-conflict-sign" testId="sched-conflict-sign">
      <ExclamationCircleOutlined /> {t('schedule.conflicts.sign')}
    </Chip>
  );
}
