import { ClockCircleOutlined, FlagOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TASK_PRIORITY_LABELS, TASK_ROLE_LABELS, TASK_STATUS_LABELS, type TaskAssignmentRole, type TaskPriority, type TaskStatus } from '../../../shared/tasks/index.js';
import { useApp } from '../../app/AppContext.js';
import { loc, PRIORITY_COLOR, STATUS_COLOR } from './format.js';

export function TaskStatusTag({ status }: { status: TaskStatus }): React.JSX.Element {
  const { lang } = useApp();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="task-status-tag" data-status={status}>
      {loc(TASK_STATUS_LABELS[status], lang)}
    </Tag>
  );
}

/** Cao / Khẩn carry a tag; thấp and bình thường only where asked (`always`). */
export function PriorityTag({ priority, always = false }: { priority: TaskPriority; always?: boolean }): React.JSX.Element | null {
  const { lang } = useApp();
  if (!always && priority !== 'high' && priority !== 'urgent') return null;
  return (
    <Tag color={PRIORITY_COLOR[priority]} icon={priority === 'urgent' ? <FlagOutlined /> : undefined} data-testid="priority-tag" data-priority={priority}>
      {loc(TASK_PRIORITY_LABELS[priority], lang)}
    </Tag>
  );
}

const ROLE_COLOR: Record<TaskAssignmentRole, string> = { main: 'blue', cooperate: 'cyan', info: 'default' };
export function TaskRoleTag({ role }: { role: TaskAssignmentRole }): React.JSX.Element {
  const { lang } = useApp();
  return <Tag color={ROLE_COLOR[role]}>{loc(TASK_ROLE_LABELS[role], lang)}</Tag>;
}

export function DueSoonTag(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color="orange" icon={<ClockCircleOutlined />} data-testid="due-soon-tag">
      {t('tasks.dueSoon')}
    </Tag>
  );
}

export function TaskOverdueTag(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color="red" icon={<WarningOutlined />} data-testid="overdue-tag">
      {t('tasks.overdue')}
    </Tag>
  );
}
