import { ClockCircleOutlined, FireOutlined, LockOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentRole, Confidentiality, DocumentStatus, Urgency } from '../../shared/incoming/model.js';

const URGENCY_COLOR: Record<Exclude<Urgency, 'normal'>, string> = { urgent: 'orange', very_urgent: 'volcano', flash: 'red' };

/** Khẩn (orange) · Thượng khẩn (volcano) · Hỏa tốc (red); nothing for normal. */
export function UrgencyTag({ urgency }: { urgency: Urgency }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (urgency === 'normal') return null;
  return (
    <Tag color={URGENCY_COLOR[urgency]} icon={urgency === 'flash' ? <FireOutlined /> : undefined} className="tag-urgency" data-urgency={urgency}>
      {t(`doc.urgency.${urgency}`)}
    </Tag>
  );
}

export function ConfidentialityTag({ value }: { value: Confidentiality }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (value === 'normal') return null;
  return (
    <Tag color="purple" icon={<LockOutlined />}>
      {t(`doc.confidentiality.${value}`)}
    </Tag>
  );
}

export function OverdueTag(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color="red" icon={<WarningOutlined />} data-testid="overdue-tag">
      {t('doc.overdue')}
    </Tag>
  );
}

export function PendingTag(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color="gold" icon={<ClockCircleOutlined />} data-testid="pending-tag" className="tag-pending">
      {t('sync.waiting')}
    </Tag>
  );
}

const STATUS_COLOR: Record<DocumentStatus, string> = { registered: 'default', in_progress: 'processing', done: 'success' };
export function StatusTag({ status }: { status: DocumentStatus }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="status-tag" data-status={status}>
      {t(`doc.status.${status}`)}
    </Tag>
  );
}

const ROLE_COLOR: Record<AssignmentRole, string> = { main: 'blue', cooperate: 'cyan', info: 'default' };
export function RoleTag({ role }: { role: AssignmentRole }): React.JSX.Element {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLOR[role]}>{t(`doc.role.${role}`)}</Tag>;
}
