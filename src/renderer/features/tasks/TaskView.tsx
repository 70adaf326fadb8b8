import {
  ArrowLeftOutlined,
  BellOutlined,
  BranchesOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  LineChartOutlined,
  RollbackOutlined,
  UndoOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Input, Progress, Rate, Result, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canRevokeTaskAssignment,
  DUE_SOON_WORKING_DAYS,
  isMainHandler,
  isTaskDueSoon,
  taskAssignmentDeadline,
  TASK_ROLE_LABELS,
  TASK_STATUS_LABELS,
  type TaskAssignment,
  type TaskHistoryAction,
} from '../../../shared/tasks/index.js';
import type { TaskListItem, TaskView as TaskViewData } from '../../../shared/tasks/rpc.js';
import { formatDateTimeVi, formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { FailedAlerts } from '../../components/FailedAlerts.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { assigneeName, errorText, userName } from '../../app/util.js';
import { Loading } from '../../components/Loading.js';
import { PendingTag } from '../../components/DocTags.js';
import { clampPercent, deadlineClass, deadlineText, handlerName, loc, offeredActions, type TaskAction } from './format.js';
import { AcceptTaskDialog, CompleteTaskDialog, DecideExtensionDialog, ExtensionRequestDialog, ReassignTaskDialog, ReportDialog, TextActionDialog } from './TaskDialogs.js';
import { AttachmentFileList } from '../../components/AttachmentFiles.js';
import { TaskFormDialog } from './TaskFormDialog.js';
import { DueSoonTag, PriorityTag, TaskOverdueTag, TaskRoleTag, TaskStatusTag } from './TaskTags.js';
import { useTask, useTaskMutate } from './useTask.js';
import './tasks.css';

const ICONS: Record<TaskAction, React.ReactNode> = {
  'tasks.complete': <CheckCircleOutlined />,
  'tasks.report': <LineChartOutlined />,
  'tasks.accept': <CheckOutlined />,
  'tasks.decideExtension': <FieldTimeOutlined />,
  'tasks.reassign': <UserSwitchOutlined />,
  'tasks.requestExtension': <FieldTimeOutlined />,
  'tasks.return': <RollbackOutlined />,
  'tasks.sendBack': <UndoOutlined />,
  'tasks.chase': <BellOutlined />,
  'tasks.create': <BranchesOutlined />,
  'tasks.update': <EditOutlined />,
};
const PRIMARY = new Set<TaskAction>(['tasks.complete', 'tasks.accept', 'tasks.decideExtension']);

/** A task: header and actions, its details, progress, files, result and reports; assignments, extensions, sub-tasks, chases and history beside. */
export function TaskView({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { view, loading, error, reload } = useTask(id);
  const { lang, sync } = useApp();
  const me = useMe();
  const mutate = useTaskMutate();
  // Refused actions dismissed elsewhere (the sync indicator's list) leave this view too.
  useEffect(reload, [sync.failedCount, reload]);
  const [dialog, setDialog] = useState<TaskAction | null>(null);
  const [tab, setTab] = useState('assignments');
  const markedRead = useRef(false);

  // Opening a task marks it read (once, and only when the rules allow).
  useEffect(() => {
    if (!view || markedRead.current) return;
    if (view.task.readAt === null && !view.pendingCreate && view.allowedActions.includes('tasks.markRead') && !view.pending.some((p) => p.name === 'tasks.markRead')) {
      markedRead.current = true;
      void mutate('tasks.markRead', { taskId: id }, { quiet: true });
    }
  }, [view, id, mutate]);

  if (loading && !view) return <Loading text={t('tasks.view.loading')} />;
  if (!view)
    return (
      <Result
        status="404"
        title={t('tasks.view.notFound')}
        subTitle={error ? errorText(error, lang, '') : null}
        extra={<Button onClick={() => navigate({ name: 'tasks' })}>{t('tasks.view.backToList')}</Button>}
        data-testid="task-not-found"
      />
    );

  const { task } = view;
  const visiblePending = view.pending.filter((p) => p.name !== 'tasks.markRead');
  const main = isMainHandler(task, me);
  const dueSoon = !view.overdue && isTaskDueSoon(task, new Date(), DUE_SOON_WORKING_DAYS);
  const label = (a: TaskAction): string => {
    switch (a) {
      case 'tasks.create':
        return t('tasks.view.actions.subtask');
      case 'tasks.report':
        return main ? t('tasks.view.actions.report') : t('tasks.view.actions.contribute');
      default:
        return t(`tasks.view.actions.${a.slice('tasks.'.length) as 'update'}`);
    }
  };
  const close = (): void => setDialog(null);
  const textAction = dialog === 'tasks.return' ? 'return' : dialog === 'tasks.sendBack' ? 'sendBack' : dialog === 'tasks.chase' ? 'chase' : null;

  return (
    <div className="screen doc-view task-view" data-testid="task-view" data-status={task.status}>
      <div className="doc-header">
        <div className="doc-header-main">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'tasks' })} data-testid="back-to-list">
            {t('tasks.view.backToList')}
          </Button>
          <div className="doc-title-block">
            <Typography.Title level={4} className="doc-title" data-testid="task-title" title={task.title}>
              {task.title}
            </Typography.Title>
            <Space size={4} wrap className="doc-tags">
              <PriorityTag priority={task.priority} />
              <TaskStatusTag status={task.status} />
              <Tag className={deadlineClass({ overdue: view.overdue, dueSoon })} data-testid="task-deadline-tag">
                {t('tasks.view.deadline')}: {deadlineText(task.deadline, task.deadlineRule, lang)}
              </Tag>
              {view.overdue ? <TaskOverdueTag /> : dueSoon ? <DueSoonTag /> : null}
              {view.myRoles
                .filter((r): r is 'main' | 'cooperate' | 'info' => r === 'main' || r === 'cooperate' || r === 'info')
                .map((r) => (
                  <TaskRoleTag key={r} role={r} />
                ))}
              {(visiblePending.length > 0 || view.pendingCreate) && <PendingTag />}
            </Space>
          </div>
        </div>
        <Space wrap className="doc-actions" data-testid="task-actions">
          {offeredActions(view.allowedActions).map((a) => (
            <Button key={a} icon={ICONS[a]} type={PRIMARY.has(a) ? 'primary' : 'default'} onClick={() => setDialog(a)} data-testid={`task-action-${a.slice('tasks.'.length)}`}>
              {label(a)}
            </Button>
          ))}
        </Space>
      </div>

      <div className="doc-alerts">
        {view.pendingCreate && <Alert type="warning" showIcon title={t('tasks.view.pendingCreate')} />}
        <FailedAlerts failed={view.failed} onDismissed={reload} />
      </div>

      <div className="doc-body task-body">
        <div className="task-main" data-testid="task-main">
          <InfoSection view={view} />
          <ResultSection view={view} />
          <ReportsSection view={view} />
        </div>
        <div className="doc-side">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            tabBarGutter={18}
            items={[
              { key: 'assignments', label: t('tasks.view.tabs.assignments'), children: <AssignmentsPanel view={view} /> },
              { key: 'extensions', label: withCount(t('tasks.view.tabs.extensions'), task.extensions.length), children: <ExtensionsPanel view={view} /> },
              { key: 'subtasks', label: withCount(t('tasks.view.tabs.subtasks'), view.subtasks.length), children: <SubtasksPanel items={view.subtasks} /> },
              { key: 'chases', label: withCount(t('tasks.view.tabs.chases'), task.chases.length), children: <ChasesPanel view={view} /> },
              { key: 'history', label: t('tasks.view.tabs.history'), children: <HistoryPanel view={view} /> },
            ]}
            data-testid="task-tabs-side"
          />
        </div>
      </div>

      {(dialog === 'tasks.update' || dialog === 'tasks.create') && (
        <TaskFormDialog mode={dialog === 'tasks.update' ? { kind: 'edit', task } : { kind: 'create', parent: task }} onClose={close} onCreated={() => setTab('subtasks')} />
      )}
      {dialog === 'tasks.reassign' && <ReassignTaskDialog task={task} onClose={close} />}
      {dialog === 'tasks.report' && <ReportDialog task={task} kind={main ? 'progress' : 'contribution'} onClose={close} />}
      {dialog === 'tasks.requestExtension' && <ExtensionRequestDialog task={task} onClose={close} />}
      {dialog === 'tasks.decideExtension' && <DecideExtensionDialog task={task} onClose={close} />}
      {dialog === 'tasks.complete' && <CompleteTaskDialog task={task} onClose={close} />}
      {dialog === 'tasks.accept' && <AcceptTaskDialog task={task} onClose={close} />}
      {textAction && <TextActionDialog task={task} action={textAction} onClose={close} />}
    </div>
  );
}

const withCount = (label: string, n: number): string => (n > 0 ? `${label} (${n})` : label);


/** Actions the user queued that have not synced yet carry their time: what they made shows "chờ đồng bộ". */
function pendingTimes(view: TaskViewData): Set<string> {
  return new Set(view.pending.filter((p) => p.name !== 'tasks.markRead').map((p) => p.createdAt));
}

function InfoSection({ view }: { view: TaskViewData }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const { task } = view;
  const none = t('app.none');
  const percent = clampPercent(task.percent);
  const items = [
    { key: 'assignedBy', label: t('tasks.view.assignedBy'), children: userName(org, task.assignedBy) || none },
    { key: 'createdAt', label: t('tasks.view.createdAt'), children: formatDateTimeVi(task.createdAt) },
    { key: 'startDate', label: t('tasks.view.startDate'), children: formatDateVi(task.startDate) },
    {
      key: 'deadline',
      label: t('tasks.view.deadline'),
      children: (
        <span className={view.overdue ? 'deadline overdue' : 'deadline'} data-testid="task-deadline">
          {formatDateVi(task.deadline)}
          {task.deadlineRule ? <Typography.Text type="secondary"> ({t('tasks.view.deadlineRule', { n: task.deadlineRule.workingDays })})</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'priority', label: t('tasks.view.priority'), children: <PriorityTag priority={task.priority} always /> },
    { key: 'status', label: t('tasks.view.status'), children: loc(TASK_STATUS_LABELS[task.status], lang) },
    ...(task.source
      ? [
          {
            key: 'source',
            label: t('tasks.view.source'),
            children: view.source ? (
              <a href={`#/incoming/${view.source.id}`} data-testid="task-source-link">
                <FileTextOutlined />{' '}
                {t('tasks.view.sourceLine', {
                  number: view.source.arrivalNumber,
                  year: view.source.arrivalYear,
                  code: [view.source.codeNumber, view.source.codeNotation].filter(Boolean).join('/'),
                  subject: view.source.subject,
                })}
              </a>
            ) : (
              <Typography.Text type="secondary">{t('tasks.view.sourceHidden')}</Typography.Text>
            ),
          },
        ]
      : []),
    ...(task.parentId
      ? [
          {
            key: 'parent',
            label: t('tasks.view.parent'),
            children: (
              <a href={`#/tasks/${task.parentId}`} data-testid="task-parent-link">
                <BranchesOutlined /> {t('tasks.view.openParent')}
              </a>
            ),
          },
        ]
      : []),
  ];
  return (
    <section className="task-section" data-testid="task-info">
      <Descriptions column={2} size="small" bordered items={items} className="task-meta-table" />
      <div className="task-progress" data-testid="task-progress" data-percent={percent}>
        <Typography.Text strong>{t('tasks.view.progress')}</Typography.Text>
        <Progress percent={percent} status={task.status === 'done' ? 'success' : 'normal'} strokeColor={view.overdue ? '#cf1322' : undefined} format={(p) => `${p ?? 0}%`} />
      </div>
      <Typography.Title level={5}>{t('tasks.view.description')}</Typography.Title>
      {task.description ? (
        <div className="task-description" data-testid="task-description">
          {task.description}
        </div>
      ) : (
        <Typography.Text type="secondary">{t('tasks.view.noDescription')}</Typography.Text>
      )}
      <Typography.Title level={5}>{t('tasks.view.files')}</Typography.Title>
      {task.files.length > 0 ? <AttachmentFileList files={task.files} testId="task-files" prefix="task" /> : <Typography.Text type="secondary">{t('tasks.view.noFiles')}</Typography.Text>}
    </section>
  );
}

function ResultSection({ view }: { view: TaskViewData }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { org } = useApp();
  const { result, evaluation } = view.task;
  if (!result && !evaluation) return null;
  return (
    <section className="task-section" data-testid="task-result">
      {result && (
        <>
          <Typography.Title level={5}>{t('tasks.view.result')}</Typography.Title>
          <Typography.Text type="secondary">{t('tasks.view.resultBy', { name: userName(org, result.by), time: formatDateTimeVi(result.at) })}</Typography.Text>
          {result.note && <div className="task-description">{result.note}</div>}
          <AttachmentFileList files={result.files} testId="task-result-files" prefix="task" />
        </>
      )}
      {evaluation && (
        <div className="task-evaluation" data-testid="task-evaluation" data-on-time={evaluation.onTime ? 'true' : 'false'}>
          <Typography.Title level={5}>{t('tasks.view.evaluation')}</Typography.Title>
          <Space wrap>
            <Tag color={evaluation.onTime ? 'success' : 'error'}>{evaluation.onTime ? t('tasks.view.onTime') : t('tasks.view.late')}</Tag>
            <span>
              {t('tasks.view.quality')}: <Rate disabled value={evaluation.quality} className="task-rate" />
            </span>
          </Space>
          {evaluation.comment && <div className="task-description">{evaluation.comment}</div>}
          <Typography.Text type="secondary">{t('tasks.view.evaluationBy', { name: userName(org, evaluation.by), time: formatDateTimeVi(evaluation.at) })}</Typography.Text>
        </div>
      )}
    </section>
  );
}

function ReportsSection({ view }: { view: TaskViewData }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const pending = pendingTimes(view);
  const reports = useMemo(() => [...view.task.reports].reverse(), [view.task.reports]);
  return (
    <section className="task-section" data-testid="task-reports">
      <Typography.Title level={5}>{t('tasks.view.reports')}</Typography.Title>
      {reports.length === 0 ? (
        <Typography.Text type="secondary">{t('tasks.view.noReports')}</Typography.Text>
      ) : (
        reports.map((r) => (
          <div key={r.id} className="opinion" data-testid="task-report" data-kind={r.kind}>
            <div className="opinion-head">
              <strong>{userName(org, r.authorId)}</strong>
              <Typography.Text type="secondary">{formatDateTimeVi(r.createdAt)}</Typography.Text>
              {r.kind === 'progress' && r.percent !== null ? <Tag color="blue">{t('tasks.view.reportProgress', { value: r.percent })}</Tag> : null}
              {r.kind === 'contribution' && <Tag color="cyan">{t('tasks.view.contribution')}</Tag>}
              {pending.has(r.createdAt) && r.authorId === me.id && <PendingTag />}
            </div>
            {r.note && <div className="opinion-text">{r.note}</div>}
            <AttachmentFileList files={r.files} testId="task-report-files" prefix="task" />
          </div>
        ))
      )}
    </section>
  );
}

function AssignmentsPanel({ view }: { view: TaskViewData }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const me = useMe();
  const { modal } = App.useApp();
  const mutate = useTaskMutate();
  const { task } = view;
  const pending = pendingTimes(view);
  const canRevoke = view.allowedActions.includes('tasks.revokeAssignment');

  const revoke = (a: TaskAssignment): void => {
    let reason = '';
    modal.confirm({
      title: t('tasks.view.revokeConfirm', { name: assigneeName(org, a) }),
      content: <Input.TextArea rows={2} maxLength={2000} placeholder={t('tasks.view.revokeReason')} onChange={(e) => (reason = e.target.value)} />,
      okText: t('tasks.view.actions.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('app.cancel'),
      onOk: () => mutate('tasks.revokeAssignment', { taskId: task.id, assignmentId: a.id, reason: reason.trim() }),
    });
  };

  const childrenOf = (id: string): TaskAssignment[] => task.assignments.filter((a) => a.parentId === id);
  const render = (a: TaskAssignment, nested: boolean): React.JSX.Element => {
    const deadline = taskAssignmentDeadline(task, a);
    const late = a.status === 'active' && task.status !== 'done' && task.status !== 'pending_acceptance' && deadline < vnToday();
    return (
      <div key={a.id} className={`assignment ${nested ? 'is-nested' : ''} is-${a.status}`} data-testid="task-assignment" data-role={a.role} data-status={a.status}>
        <div className="assignment-line">
          <TaskRoleTag role={a.role} />
          <span className="assignment-name">{assigneeName(org, a)}</span>
          {pending.has(a.assignedAt) && a.assignedBy === me.id && <PendingTag />}
          {a.status !== 'active' && <Tag color={a.status === 'done' ? 'success' : 'default'}>{t(`tasks.view.assignmentStatus.${a.status}`)}</Tag>}
          {canRevoke && canRevokeTaskAssignment(task, me, a, org?.units ?? []) && (
            <Button size="small" type="link" danger onClick={() => revoke(a)} data-testid="task-revoke">
              {t('tasks.view.actions.revoke')}
            </Button>
          )}
        </div>
        <div className="assignment-meta">
          {a.role !== 'info' && (
            <>
              <span className={late ? 'deadline overdue' : 'deadline'}>{t('tasks.view.assignmentDeadline', { date: formatDateVi(deadline) })}</span>
              {' · '}
            </>
          )}
          {t('tasks.view.assignedByLine', { name: userName(org, a.assignedBy), time: formatDateTimeVi(a.assignedAt) })}
          {a.note ? <div className="assignment-note">{a.note}</div> : null}
        </div>
        {childrenOf(a.id).map((c) => render(c, true))}
      </div>
    );
  };

  const top = task.assignments.filter((a) => a.parentId === null);
  if (top.length === 0) return <Empty description={t('tasks.view.noAssignments')} />;
  // By role: the lead first, then co-operating, then for information.
  return (
    <div className="processing" data-testid="task-assignments">
      {(['main', 'cooperate', 'info'] as const).map((role) => {
        const list = top.filter((a) => a.role === role);
        if (list.length === 0) return null;
        return (
          <section key={role}>
            <Typography.Title level={5}>{loc(TASK_ROLE_LABELS[role], lang)}</Typography.Title>
            {list.map((a) => render(a, false))}
          </section>
        );
      })}
    </div>
  );
}

function ExtensionsPanel({ view }: { view: TaskViewData }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const list = [...view.task.extensions].reverse();
  if (list.length === 0) return <Empty description={t('tasks.view.noExtensions')} />;
  const color = { pending: 'gold', approved: 'success', refused: 'error' } as const;
  return (
    <div className="processing" data-testid="task-extensions">
      {list.map((e) => (
        <div key={e.id} className="opinion" data-testid="task-extension" data-status={e.status}>
          <div className="opinion-head">
            <strong>{userName(org, e.requestedBy)}</strong>
            <Typography.Text type="secondary">{formatDateTimeVi(e.requestedAt)}</Typography.Text>
            <Tag color={color[e.status]}>{t(`tasks.view.extensionStatus.${e.status}`)}</Tag>
          </div>
          <div className="opinion-text">{t('tasks.view.extensionLine', { from: formatDateVi(e.previousDeadline), to: formatDateVi(e.newDeadline) })}</div>
          {e.reason && <div className="opinion-text">{t('tasks.extension.requestReason', { reason: e.reason })}</div>}
          {e.decidedAt && (
            <div className="assignment-meta">
              {t('tasks.view.extensionDecided', { name: userName(org, e.decidedBy), time: formatDateTimeVi(e.decidedAt) })}
              {e.decisionNote ? ` — ${e.decisionNote}` : ''}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

function SubtasksPanel({ items }: { items: readonly TaskListItem[] }): React.JSX.Element {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('tasks.view.noSubtasks')} />;
  return (
    <div className="task-mini-list" data-testid="task-subtasks">
      {items.map((s) => (
        <TaskMiniRow key={s.id} item={s} />
      ))}
    </div>
  );
}

/** A compact task line (sub-tasks, a document's tasks): title, handler, deadline, progress, status. */
export function TaskMiniRow({ item }: { item: TaskListItem }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const handler = handlerName(org, item);
  return (
    <a className={`task-mini${item.unread ? ' is-unread' : ''}`} href={`#/tasks/${item.id}`} data-testid="task-mini" data-id={item.id}>
      <span className="task-mini-title">
        <PriorityTag priority={item.priority} />
        <span className="doc-subject">{item.title}</span>
      </span>
      <span className="task-mini-meta">
        <span>{handler || t('tasks.noHandler')}</span>
        <span className={deadlineClass(item)}>{formatDateVi(item.deadline)}</span>
        <span>{clampPercent(item.percent)}%</span>
        {item.pending ? <PendingTag /> : <TaskStatusTag status={item.status} />}
      </span>
    </a>
  );
}

function ChasesPanel({ view }: { view: TaskViewData }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const list = [...view.task.chases].reverse();
  if (list.length === 0) return <Empty description={t('tasks.view.noChases')} />;
  return (
    <div className="processing" data-testid="task-chases">
      {list.map((c) => (
        <div key={c.id} className="opinion" data-testid="task-chase">
          <div className="opinion-head">
            <BellOutlined />
            <strong>{userName(org, c.by)}</strong>
            <Typography.Text type="secondary">{formatDateTimeVi(c.at)}</Typography.Text>
          </div>
          <div className="opinion-text">{c.message}</div>
        </div>
      ))}
    </div>
  );
}

const HISTORY_COLOR: Record<TaskHistoryAction, string> = {
  created: 'blue',
  updated: 'blue',
  assigned: 'blue',
  reassigned: 'blue',
  assignment_revoked: 'gray',
  progress: 'gray',
  contribution: 'gray',
  extension_requested: 'orange',
  extension_approved: 'green',
  extension_refused: 'red',
  returned: 'red',
  completed: 'green',
  accepted: 'green',
  sent_back: 'orange',
  chased: 'orange',
};

function HistoryPanel({ view }: { view: TaskViewData }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const pending = pendingTimes(view);
  const items = useMemo(
    () =>
      view.task.history.map((h) => ({
        key: h.id,
        color: HISTORY_COLOR[h.action],
        content: (
          <div className="history-item" data-testid="task-history-item" data-action={h.action}>
            <div className="history-head">
              <strong>{t(`tasks.history.${h.action}`)}</strong>
              <Typography.Text type="secondary">
                {userName(org, h.actorId) || t('app.none')} · {formatDateTimeVi(h.at)}
              </Typography.Text>
              {pending.has(h.at) && h.actorId === me.id && <PendingTag />}
            </div>
            {h.summary && <div className="history-summary">{h.summary}</div>}
          </div>
        ),
      })),
    [view, org, me.id, pending, t],
  );
  if (items.length === 0) return <Empty description={t('tasks.view.historyEmpty')} />;
  return <Timeline items={items} className="history" data-testid="task-history" />;
}
