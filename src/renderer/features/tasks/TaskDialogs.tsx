/**
 * The dialogs of the task view, one per action the rules offer (allowedTaskActions):
 * hand down inside a unit, report progress or a contribution, ask for more time and
 * decide it, return, complete, accept with a rating, send back, chase. Each queues one
 * mutation with client-chosen ids, so a replay never doubles it.
 */
import { Alert, DatePicker, Form, Input, Modal, Radio, Rate, Select, Slider, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canHandDownTask, pendingExtension, reassignableTaskAssignments, TASK_LIMITS, TASK_ROLE_LABELS, type Task, type TaskAssignment, type TaskFile } from '../../../shared/tasks/index.js';
import { formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { newId, unitName, userName } from '../../app/util.js';
import { filterTreeNode } from '../../components/pickerFilter.js';
import { allValues, blockEnterSubmit, isPast, orgTree, type TreeNode } from '../incoming/index.js';
import { clampPercent, loc } from './format.js';
import { TASK_TEXT_LIMITS as L } from './limits.js';
import { AttachmentFilesInput } from '../../components/AttachmentFiles.js';
import { useTaskMutate } from './useTask.js';

interface DialogProps {
  task: Task;
  onClose(): void;
}

/** The shell every dialog shares: a form in a modal, busy while the action is queued. */
function ActionModal<V extends object>({
  title,
  okText,
  danger,
  busy,
  form,
  onClose,
  onFinish,
  initialValues,
  testId,
  children,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  busy: boolean;
  form: ReturnType<typeof Form.useForm<V>>[0];
  onClose(): void;
  onFinish(v: V): void;
  initialValues: Partial<V>;
  testId: string;
  children: React.ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger: danger ?? false, 'data-testid': `${testId}-ok` }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={620}
      destroyOnHidden
      rootClassName={testId}
    >
      <Form<V> form={form} layout="vertical" onFinish={onFinish} onKeyDown={blockEnterSubmit} initialValues={initialValues} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

/** Run a queued action with the dialog busy; close it when the core took it. */
function useRun(onClose: () => void): { busy: boolean; run: (fn: () => Promise<boolean>) => void } {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: (fn) => {
      setBusy(true);
      void fn().then((ok) => {
        setBusy(false);
        if (ok) onClose();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------

interface ReassignValues {
  parent: string;
  main?: string;
  cooperate: string[];
  info: string[];
  deadline: Dayjs | null;
  note: string;
}

/** A unit leader hands the unit's assignment to staff of the unit, with a deadline no later than the unit's. */
export function ReassignTaskDialog({ task, onClose }: DialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const me = useMe();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<ReassignValues>();
  const { busy, run } = useRun(onClose);
  const [formError, setFormError] = useState<string | null>(null);

  const parents = reassignableTaskAssignments(task, me);
  const parentId = Form.useWatch('parent', form) ?? parents[0]?.id;
  const parent: TaskAssignment | undefined = parents.find((p) => p.id === parentId) ?? parents[0];
  const parentDeadline = parent?.deadline ?? task.deadline;
  const siblings = task.assignments.filter((a) => a.parentId === parent?.id && a.status === 'active');
  const mainAllowed = parent !== undefined && canHandDownTask(parent, 'main') && !siblings.some((a) => a.role === 'main');
  const cooperateAllowed = parent !== undefined && canHandDownTask(parent, 'cooperate');
  const main = Form.useWatch('main', form);
  const cooperate = Form.useWatch('cooperate', form) ?? [];
  const info = Form.useWatch('info', form) ?? [];
  const taken = useMemo(() => new Set(siblings.map((a) => `user:${a.userId ?? ''}`)), [siblings]);
  const treeFor = (role: 'main' | 'cooperate' | 'info'): TreeNode[] => {
    if (!org || !parent?.unitId) return [];
    const other = new Set<string>(taken);
    if (role !== 'main' && main) other.add(main);
    if (role !== 'cooperate') cooperate.forEach((v) => other.add(v));
    if (role !== 'info') info.forEach((v) => other.add(v));
    return orgTree(org, { root: parent.unitId, units: false, disabled: other, exclude: new Set([me.id]) });
  };
  const expanded = useMemo(() => (org && parent?.unitId ? allValues(orgTree(org, { root: parent.unitId, units: false, disabled: new Set() })) : []), [org, parent?.unitId]);
  const roleName = (a: TaskAssignment): string => loc(TASK_ROLE_LABELS[a.role], lang);

  const submit = (v: ReassignValues): void => {
    setFormError(null);
    if (!parent) return;
    const deadline = v.deadline ? v.deadline.format('YYYY-MM-DD') : null;
    if (deadline && deadline > parentDeadline) return setFormError(t('tasks.form.deadlineAfterParent', { date: formatDateVi(parentDeadline) }));
    const list = [
      ...(v.main ? [{ role: 'main' as const, value: v.main }] : []),
      ...(v.cooperate ?? []).map((value) => ({ role: 'cooperate' as const, value })),
      ...(v.info ?? []).map((value) => ({ role: 'info' as const, value })),
    ];
    if (list.length === 0) return setFormError(t('tasks.reassign.nothing'));
    run(() =>
      mutate('tasks.reassign', {
        taskId: task.id,
        parentAssignmentId: parent.id,
        assignments: list.map((a) => ({
          id: newId(),
          role: a.role,
          userId: a.value.replace(/^user:/u, ''),
          deadline: a.role === 'info' ? null : deadline,
          note: (v.note ?? '').trim(),
        })),
      }),
    );
  };

  const picker = (role: 'main' | 'cooperate' | 'info', multiple: boolean): React.JSX.Element => (
    <TreeSelect
      treeData={treeFor(role)}
      multiple={multiple}
      allowClear
      showSearch={{ filterTreeNode }}
      treeNodeLabelProp="label"
      treeDefaultExpandedKeys={expanded}
      placeholder={t('tasks.reassign.pickPeople')}
      data-testid={`task-reassign-${role}`}
    />
  );

  return (
    <ActionModal<ReassignValues>
      title={t('tasks.reassign.title')}
      okText={t('tasks.reassign.submit')}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ parent: parents[0]?.id, cooperate: [], info: [], note: '', deadline: null }}
      testId="task-reassign-dialog"
    >
      <Form.Item name="parent" label={t('tasks.reassign.parent')}>
        <Select
          options={parents.map((p) => ({
            value: p.id,
            label: t('tasks.reassign.parentLine', { role: roleName(p), unit: unitName(org, p.unitId), deadline: formatDateVi(p.deadline ?? task.deadline) }),
          }))}
          disabled={parents.length < 2}
        />
      </Form.Item>
      {mainAllowed ? (
        <Form.Item name="main" label={t('tasks.reassign.main')}>
          {picker('main', false)}
        </Form.Item>
      ) : parent && parent.role !== 'main' ? (
        <Alert type="info" showIcon className="form-note" title={t('tasks.reassign.mainNotAllowed', { role: roleName(parent) })} />
      ) : null}
      {cooperateAllowed && (
        <Form.Item name="cooperate" label={t('tasks.reassign.cooperate')}>
          {picker('cooperate', true)}
        </Form.Item>
      )}
      <Form.Item name="info" label={t('tasks.reassign.info')}>
        {picker('info', true)}
      </Form.Item>
      <div className="form-row">
        {/* Wider than a date: the placeholder names the unit's deadline it inherits. */}
        <Form.Item name="deadline" label={t('tasks.reassign.deadline')} className="date-col" style={{ width: 250 }}>
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(d) => isPast(d) || d.format('YYYY-MM-DD') > parentDeadline}
            placeholder={t('tasks.reassign.deadlineInherited', { date: formatDateVi(parentDeadline) })}
            data-testid="task-reassign-deadline"
          />
        </Form.Item>
        <Form.Item name="note" label={t('tasks.reassign.note')} className="grow" rules={[{ max: L.note }]}>
          <Input maxLength={L.note} />
        </Form.Item>
      </div>
      {formError && <Typography.Text type="danger">{formError}</Typography.Text>}
    </ActionModal>
  );
}

// ---------------------------------------------------------------------------------------------

interface ReportValues {
  percent: number;
  note: string;
  files: TaskFile[];
}

/** The main handler's progress report (a percentage), or a co-operator's contribution; either may carry files. */
export function ReportDialog({ task, kind, onClose }: DialogProps & { kind: 'progress' | 'contribution' }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<ReportValues>();
  const { busy, run } = useRun(onClose);
  const [formError, setFormError] = useState<string | null>(null);
  const progress = kind === 'progress';

  const submit = (v: ReportValues): void => {
    const note = (v.note ?? '').trim();
    const files = v.files ?? [];
    if (!progress && note === '' && files.length === 0) return setFormError(t('tasks.report.empty'));
    run(() => mutate('tasks.report', { taskId: task.id, reportId: newId(), kind, percent: progress ? clampPercent(v.percent) : null, note, files }));
  };

  return (
    <ActionModal<ReportValues>
      title={progress ? t('tasks.report.title') : t('tasks.report.contributionTitle')}
      okText={t('tasks.report.submit')}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ percent: task.percent, note: '', files: [] }}
      testId="task-report-dialog"
    >
      {progress && (
        <Form.Item name="percent" label={t('tasks.report.percent')}>
          <Slider min={0} max={100} step={5} marks={{ 0: '0%', 25: '25%', 50: '50%', 75: '75%', 100: '100%' }} data-testid="task-report-percent" />
        </Form.Item>
      )}
      <Form.Item name="note" label={progress ? t('tasks.report.note') : t('tasks.report.contributionNote')} rules={[{ max: L.note }]}>
        <Input.TextArea rows={4} maxLength={L.note} showCount placeholder={t('tasks.report.notePlaceholder')} autoFocus data-testid="task-report-note" />
      </Form.Item>
      <Form.Item name="files" label={t('tasks.report.files')}>
        <AttachmentFilesInput max={TASK_LIMITS.files} testId="task-report-files" prefix="task" />
      </Form.Item>
      {formError && <Typography.Text type="danger">{formError}</Typography.Text>}
    </ActionModal>
  );
}

// ---------------------------------------------------------------------------------------------

interface ExtensionValues {
  newDeadline: Dayjs | null;
  reason: string;
}

/** The main handler asks the assigner for a later deadline, with a reason. */
export function ExtensionRequestDialog({ task, onClose }: DialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<ExtensionValues>();
  const { busy, run } = useRun(onClose);
  const after = task.deadline > vnToday() ? task.deadline : vnToday();
  const submit = (v: ExtensionValues): void => {
    if (!v.newDeadline) return;
    run(() => mutate('tasks.requestExtension', { taskId: task.id, extensionId: newId(), newDeadline: v.newDeadline!.format('YYYY-MM-DD'), reason: v.reason.trim() }));
  };
  return (
    <ActionModal<ExtensionValues>
      title={t('tasks.extension.title')}
      okText={t('tasks.extension.submit')}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ newDeadline: null, reason: '' }}
      testId="task-extension-dialog"
    >
      <Typography.Paragraph>{t('tasks.extension.current', { date: formatDateVi(task.deadline) })}</Typography.Paragraph>
      <Form.Item name="newDeadline" label={t('tasks.extension.newDeadline')} rules={[{ required: true, message: t('tasks.extension.newDeadlineRequired') }]}>
        <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.format('YYYY-MM-DD') <= after} data-testid="task-extension-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('tasks.extension.reason')} rules={[{ required: true, whitespace: true, message: t('tasks.extension.reasonRequired') }, { max: L.reason }]}>
        <Input.TextArea rows={3} maxLength={L.reason} showCount data-testid="task-extension-reason" />
      </Form.Item>
    </ActionModal>
  );
}

interface DecideValues {
  approve: boolean;
  note: string;
}

/** The assigner approves (the deadline moves for everyone) or refuses the pending request. */
export function DecideExtensionDialog({ task, onClose }: DialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<DecideValues>();
  const { busy, run } = useRun(onClose);
  const request = pendingExtension(task);
  const submit = (v: DecideValues): void => {
    if (!request) return;
    run(() => mutate('tasks.decideExtension', { taskId: task.id, extensionId: request.id, approve: v.approve, note: (v.note ?? '').trim() }));
  };
  return (
    <ActionModal<DecideValues>
      title={t('tasks.extension.decideTitle')}
      okText={t('tasks.extension.decideSubmit')}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ approve: true, note: '' }}
      testId="task-decide-dialog"
    >
      {request && (
        <Alert
          type="warning"
          showIcon
          className="form-note"
          title={t('tasks.extension.request', { name: userName(org, request.requestedBy), from: formatDateVi(request.previousDeadline), to: formatDateVi(request.newDeadline) })}
          description={request.reason ? t('tasks.extension.requestReason', { reason: request.reason }) : undefined}
        />
      )}
      <Form.Item name="approve">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('tasks.extension.approve') },
            { value: false, label: t('tasks.extension.refuse') },
          ]}
          data-testid="task-decide-choice"
        />
      </Form.Item>
      <Form.Item name="note" label={t('tasks.extension.decisionNote')} rules={[{ max: L.reason }]}>
        <Input.TextArea rows={2} maxLength={L.reason} data-testid="task-decide-note" />
      </Form.Item>
    </ActionModal>
  );
}

// ---------------------------------------------------------------------------------------------

export type TextAction = 'return' | 'sendBack' | 'chase';

/** Return (the handler), send back for rework (the assigner), chase (the assigner): one required text each. */
export function TextActionDialog({ task, action, onClose }: DialogProps & { action: TextAction }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, run } = useRun(onClose);
  const words = {
    return: { title: t('tasks.text.returnTitle'), text: t('tasks.text.returnText'), ok: t('tasks.text.returnSubmit'), label: t('tasks.text.returnLabel'), max: L.reason },
    sendBack: { title: t('tasks.text.sendBackTitle'), text: t('tasks.text.sendBackText'), ok: t('tasks.text.sendBackSubmit'), label: t('tasks.text.sendBackLabel'), max: L.reason },
    chase: { title: t('tasks.text.chaseTitle'), text: t('tasks.text.chaseText'), ok: t('tasks.text.chaseSubmit'), label: t('tasks.text.chaseLabel'), max: L.message },
  }[action];
  const submit = ({ text }: { text: string }): void => {
    const value = text.trim();
    run(() =>
      action === 'return'
        ? mutate('tasks.return', { taskId: task.id, reason: value })
        : action === 'sendBack'
          ? mutate('tasks.sendBack', { taskId: task.id, reason: value })
          : mutate('tasks.chase', { taskId: task.id, chaseId: newId(), message: value }),
    );
  };
  return (
    <ActionModal<{ text: string }>
      title={words.title}
      okText={words.ok}
      danger={action === 'return'}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ text: action === 'chase' ? t('tasks.text.chaseDefault') : '' }}
      testId={`task-${action}-dialog`}
    >
      <Typography.Paragraph type="secondary">{words.text}</Typography.Paragraph>
      <Form.Item name="text" label={words.label} rules={[{ required: true, whitespace: true, message: t('tasks.text.required') }, { max: words.max }]}>
        <Input.TextArea rows={3} maxLength={words.max} showCount autoFocus data-testid={`task-${action}-text`} />
      </Form.Item>
    </ActionModal>
  );
}

// ---------------------------------------------------------------------------------------------

/** The main handler delivers the result (a note or files); the assigner then accepts it. */
export function CompleteTaskDialog({ task, onClose }: DialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<{ note: string; files: TaskFile[] }>();
  const { busy, run } = useRun(onClose);
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (v: { note: string; files: TaskFile[] }): void => {
    const note = (v.note ?? '').trim();
    const files = v.files ?? [];
    if (note === '' && files.length === 0) return setFormError(t('tasks.complete.empty'));
    run(() => mutate('tasks.complete', { taskId: task.id, note, files }));
  };
  return (
    <ActionModal<{ note: string; files: TaskFile[] }>
      title={t('tasks.complete.title')}
      okText={t('tasks.complete.submit')}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ note: '', files: [] }}
      testId="task-complete-dialog"
    >
      <Typography.Paragraph type="secondary">{t('tasks.complete.text')}</Typography.Paragraph>
      <Form.Item name="note" label={t('tasks.complete.note')} rules={[{ max: L.note }]}>
        <Input.TextArea rows={4} maxLength={L.note} showCount autoFocus data-testid="task-complete-note" />
      </Form.Item>
      <Form.Item name="files" label={t('tasks.complete.files')}>
        <AttachmentFilesInput max={TASK_LIMITS.files} testId="task-complete-files" prefix="task" />
      </Form.Item>
      {formError && <Typography.Text type="danger">{formError}</Typography.Text>}
    </ActionModal>
  );
}

/** The assigner accepts the result with a quality rating; on time or late is the rules' (the result's date against the deadline). */
export function AcceptTaskDialog({ task, onClose }: DialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<{ quality: number; comment: string }>();
  const { busy, run } = useRun(onClose);
  // The result's Vietnam calendar day against the deadline, as the rules decide on-time.
  const resultDay = task.result ? vnToday(new Date(task.result.at)) : null;
  const onTime = resultDay !== null && resultDay <= task.deadline;
  const doneVn = resultDay ? formatDateVi(resultDay) : null;
  const qualityLabels = [t('tasks.accept.qualityLabels.q1'), t('tasks.accept.qualityLabels.q2'), t('tasks.accept.qualityLabels.q3'), t('tasks.accept.qualityLabels.q4'), t('tasks.accept.qualityLabels.q5')];
  const submit = (v: { quality: number; comment: string }): void => {
    run(() => mutate('tasks.accept', { taskId: task.id, quality: v.quality, comment: (v.comment ?? '').trim() }));
  };
  return (
    <ActionModal<{ quality: number; comment: string }>
      title={t('tasks.accept.title')}
      okText={t('tasks.accept.submit')}
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ quality: 4, comment: '' }}
      testId="task-accept-dialog"
    >
      {doneVn && (
        <Alert
          type={onTime ? 'success' : 'warning'}
          showIcon
          className="form-note"
          title={onTime ? t('tasks.accept.onTime', { done: doneVn, deadline: formatDateVi(task.deadline) }) : t('tasks.accept.late', { done: doneVn, deadline: formatDateVi(task.deadline) })}
          data-testid="task-accept-ontime"
          data-on-time={onTime ? 'true' : 'false'}
        />
      )}
      <Form.Item name="quality" label={t('tasks.accept.quality')} rules={[{ required: true, message: t('tasks.accept.qualityRequired') }]}>
        <Rate count={5} tooltips={qualityLabels} allowClear={false} data-testid="task-accept-quality" />
      </Form.Item>
      <Form.Item name="comment" label={t('tasks.accept.comment')} rules={[{ max: L.note }]}>
        <Input.TextArea rows={3} maxLength={L.note} data-testid="task-accept-comment" />
      </Form.Item>
    </ActionModal>
  );
}
