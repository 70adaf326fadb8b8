import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TASK_STATUS_LABELS } from '../../../shared/tasks/index.js';
import type { TaskListItem } from '../../../shared/tasks/rpc.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { OverdueTag, PendingTag } from '../../components/DocTags.js';
import { Highlight } from '../../components/Highlight.js';

/** Tasks found by `tasks.search`: title, who handles it, deadline and state, like a row of the task list. */
export function TaskResults({ items, query }: { items: TaskListItem[]; query: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const handler = (i: TaskListItem): string =>
    (i.mainUserId && org?.users.find((u) => u.id === i.mainUserId)?.fullName) || (i.mainUnitId && org?.units.find((u) => u.id === i.mainUnitId)?.name) || '—';
  return (
    <>
      {items.map((item) => {
        const open = (): void => navigate({ name: 'task', id: item.id });
        return (
          <div key={item.id} className="search-result" role="link" tabIndex={0} onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()} data-testid="search-task-result">
            <div className="search-result-main">
              <span className={item.unread ? 'search-subject is-unread-text' : 'search-subject'}>
                <Highlight text={item.title} query={query} />
              </span>
              <Typography.Text type="secondary" className="search-meta">
                {t('search.taskMeta', { handler: handler(item), deadline: formatDateVi(item.deadline), percent: item.percent })}
              </Typography.Text>
            </div>
            <Space size={4}>
              {item.overdue && <OverdueTag />}
              {item.pending ? <PendingTag /> : <Tag>{TASK_STATUS_LABELS[item.status][lang]}</Tag>}
            </Space>
          </div>
        );
      })}
    </>
  );
}
