import { Alert, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { TaskMiniRow } from './TaskView.js';
import { useDocumentTasks } from './useTask.js';
import './tasks.css';

/** The "Công việc" panel of an incoming document: the tasks given from it ("Giao việc" links both ways). */
export function DocumentTasksPanel({ documentId }: { documentId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const { items, error } = useDocumentTasks(documentId);
  if (error) return <Alert type="error" showIcon title={errorText(error, lang, t('app.unexpected'))} />;
  if (!items) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (items.length === 0) return <Empty description={t('tasks.document.none')} data-testid="document-tasks-empty" />;
  return (
    <div className="task-mini-list" data-testid="document-tasks">
      {items.map((item) => (
        <TaskMiniRow key={item.id} item={item} />
      ))}
    </div>
  );
}
