import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEEK_STATUS_LABELS, type WeekStatus } from '../../../shared/schedule/index.js';
import { useApp } from '../../app/AppContext.js';
import { loc } from './format.js';

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
